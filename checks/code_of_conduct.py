"""Code of conduct: whether there is one, which one, and whether it says where to report problems.

The requirement is optional, so the profile only reports it; the outcome still says whether a
code exists and whether it is usable (a code without a contact for reports protects nobody).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.documents import Link, documents
from publiccode_checker.evidence.external_sites import is_page_link
from publiccode_checker.evidence.section_blocks import MAX_SECTIONS, blocks_matching
from publiccode_checker.evidence.text_search import Passage, bounded, find_hits, passage_of
from publiccode_checker.snapshots import Snapshot

_HEADING = re.compile(
    r"code of conduct|codes of conduct|gedragscode|adfærdskodeks|uppförandekod|codice di condotta"
    r"|verhaltenskodex|\bconduct\b",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"code[-_ ]of[-_ ]conduct|contributor-covenant|citizencodeofconduct|/conduct\b"
    r"|gedragscode|verhaltenskodex|codice[-_ ]di[-_ ]condotta",
    re.IGNORECASE,
)
#: Well-known codes, in the order they are tried; the first that matches names the code.
_KNOWN_CODES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("Contributor Covenant", r"contributor[- ]covenant"),
        ("Citizen Code of Conduct", r"citizen code of conduct|citizencodeofconduct"),
        ("Django Code of Conduct", r"django(?:project\.com/conduct| code of conduct)"),
        ("Python Software Foundation Code of Conduct",
         r"python software foundation code of conduct|python\.org/psf/conduct"),
        ("Mozilla Community Participation Guidelines",
         r"community participation guidelines|mozilla\.org/about/governance/policies"),
        ("Ubuntu Code of Conduct", r"ubuntu code of conduct|ubuntu\.com/community/.*conduct"),
        ("Rust Code of Conduct", r"rust code of conduct|rust-lang\.org/policies/code-of-conduct"),
        ("Go Community Code of Conduct", r"go community code of conduct|go\.dev/conduct"),
        ("Apache Code of Conduct",
         r"apache software foundation code of conduct|apache\.org/foundation/policies/conduct"),
        ("Drupal Code of Conduct", r"drupal code of conduct|drupal\.org/dcoc"),
        ("Open Code of Conduct", r"open code of conduct|opencodeofconduct|todogroup"),
        ("Foundation for Public Code Code of Conduct", r"foundation for public code"),
    )
)
_VERSION = re.compile(r"(?:version|versie|versione|Version)\s*(\d+(?:\.\d+)+)"
                      r"|/version/(\d+)/(\d+)", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_NOT_A_CONTACT = re.compile(r"example\.(?:com|org|net)|noreply|no-reply|@users\.noreply",
                            re.IGNORECASE)
_FORM = re.compile(
    r"forms\.gle|docs\.google\.com/forms|forms\.office\.com|typeform\.com|jotform|/contact"
    r"|/report|/incident|/conduct[-_]?report|/forms?\b|/security/advisories/new",
    re.IGNORECASE,
)
# The template texts ship with placeholders people forget to fill in.
_PLACEHOLDER = re.compile(
    r"\[\s*insert [^\]]{0,40}\]|\[(?:e-?mail(?: address)?|contact method|your e-?mail)\]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CodeOfConduct:
    """Where the code of conduct is, what it is based on and where problems are reported."""

    where: Evidence
    name: str | None
    contacts: tuple[Evidence, ...]
    placeholders: tuple[Evidence, ...]


@check(
    id="code-of-conduct",
    title="A code of conduct with a contact for reports",
    requirements=["WC-8"],
    strength=Strength.STRONG,
    why=(
        "A code of conduct tells newcomers how people treat each other, and a contact for reports "
        "gives them somewhere to go when that goes wrong."
    ),
    how_to_fix=(
        "Add a CODE_OF_CONDUCT.md (for example the Contributor Covenant) and fill in an e-mail "
        "address or form where breaches can be reported in confidence."
    ),
    limitations=(
        "It checks that a code and a contact exist, not what the code says: the first e-mail "
        "address in the text counts as the contact even when it belongs to someone else, and "
        "any link ending in /contact or /report counts as a form. A code that is only linked "
        "(for example an organisation-wide one) is found, but its contact is not read, so it "
        "warns; an organisation default kept in the organisation's .github repository is not "
        "seen at all and the check fails."
    ),
    examples=[
        Example("A code of conduct with an address for reports",
                {"CODE_OF_CONDUCT.md": "# Code of conduct\n\nWe follow the Contributor "
                                       "Covenant, version 2.1.\n\nReport unacceptable "
                                       "behaviour to conduct@example-town.eu.\n"},
                {"WC-8": "pass"}),
        Example("The template's placeholder is still there",
                {"CODE_OF_CONDUCT.md": "# Code of conduct\n\nWe follow the Contributor "
                                       "Covenant.\n\nReport unacceptable behaviour to "
                                       "[INSERT CONTACT METHOD].\n"},
                {"WC-8": "warn"}),
        Example("No code of conduct",
                {"README.md": "# Permits\n\nApply for a parking permit online.\n"},
                {"WC-8": "fail"}),
    ],
)
def code_of_conduct(context: CheckContext) -> Iterator[Finding]:
    """Looks for a non-empty CODE_OF_CONDUCT (or CONDUCT) file in the root, docs/ or .github/,
    then for a section headed Code of conduct (also in Dutch, Danish, Swedish, Italian and
    German) in the documentation, then for any link to a code of conduct. Passes when what it
    found holds a contact for reports (an e-mail address that is not a no-reply or example
    address, a mailto: link or a link to a form); warns when the contact is still a template
    placeholder or missing; fails when there is no code of conduct. The well-known code it is
    based on is named in the message."""
    snapshot = context.snapshot
    found = find_code_of_conduct(snapshot)
    if found is None:
        yield failed(
            "WC-8", "No code of conduct found.",
            Evidence("looked for CODE_OF_CONDUCT in the root, docs/ and .github/, code of "
                     "conduct sections and links in the documentation"),
        )
        return
    label = f"Code of conduct found ({found.name})" if found.name else "Code of conduct found"
    if found.contacts:
        yield passed("WC-8", f"{label}, with a contact for reports.", found.where,
                     *found.contacts)
    elif found.placeholders:
        yield warned("WC-8", f"{label}, but the contact for reports is still a template "
                             "placeholder.", found.where, *found.placeholders)
    else:
        yield warned("WC-8", f"{label}, but it gives no contact for reporting problems.",
                     found.where, Evidence("no e-mail address, link or form for reports"))


def find_code_of_conduct(snapshot: Snapshot) -> CodeOfConduct | None:
    docs = documents(snapshot)
    doc = docs.get("code_of_conduct")
    if doc is not None and not doc.is_assessment and doc.text.strip():
        return _describe(Evidence("code of conduct", doc.path, 1), passage_of(doc),
                         list(doc.links))
    blocks = blocks_matching(docs.all(), _HEADING, outermost=True,
                             limit=MAX_SECTIONS)
    for block in blocks:
        if block.words or block.links:
            return _describe(Evidence(f"section “{block.section.heading}”", block.doc.path,
                                      block.section.line), block.passage, list(block.links))
    for document in docs.all():
        for link in document.links:
            if _LINK.search(link.url) or _LINK.search(link.text):
                where = Evidence(f"links to a code of conduct: {link.url}", document.path,
                                 link.line)
                return _describe(where, Passage(document.path, link.line, link.url + " " +
                                                link.text), [])
    return None


def _describe(where: Evidence, passage: Passage, links: list[Link]) -> CodeOfConduct:
    passage = bounded([passage])[0]
    sample = passage.text[:20000] + " " + " ".join(link.url for link in links)
    name = next((n for n, pattern in _KNOWN_CODES if pattern.search(sample)), None)
    if name == "Contributor Covenant":
        version = _VERSION.search(sample)
        if version:
            name += " " + (version.group(1) or f"{version.group(2)}.{version.group(3)}")
    contacts: list[Evidence] = []
    for address in _EMAIL.finditer(passage.text):
        if not _NOT_A_CONTACT.search(address.group(0)):
            line = passage.line + passage.text.count("\n", 0, address.start())
            contacts.append(Evidence(f"reports go to {address.group(0)}", passage.path, line))
            break
    for link in links:
        url = link.url
        if url.lower().startswith("mailto:") and not _NOT_A_CONTACT.search(url):
            contacts.append(Evidence(f"reports go to {url[7:]}", passage.path, link.line))
        elif is_page_link(url) and _FORM.search(url):
            contacts.append(Evidence(f"report form: {url}", passage.path, link.line))
    placeholders = [h.evidence("placeholder: ") for h in find_hits([passage], _PLACEHOLDER)]
    return CodeOfConduct(where, name, tuple(contacts[:3]), tuple(placeholders))
