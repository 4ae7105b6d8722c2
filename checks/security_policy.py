"""Security reporting: a private channel for vulnerabilities, and documentation on using it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    needs_person,
    passed,
    unknown,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.contribution_guides import ORG_DEFAULT_NOTE
from publiccode_checker.evidence.documents import (
    Document,
    DocumentSet,
    Link,
    documents,
    is_history,
    is_process_document,
)
from publiccode_checker.evidence.external_sites import (
    FORGE_HOSTS,
    GENERIC_HOSTS,
    external_docs_evidence,
    forge_repository,
    host_of,
    is_page_link,
)
from publiccode_checker.evidence.section_blocks import (
    MAX_SECTIONS,
    Block,
    blocks_matching,
    heading_evidence,
)
from publiccode_checker.evidence.text_search import Hit, Passage, bounded, find_hits, passage_of
from publiccode_checker.snapshots import Snapshot

#: A security policy shorter than this is a pointer rather than an explanation.
MIN_POLICY_WORDS = 20
SECURITY_TXT = (".well-known/security.txt", "security.txt", "docs/.well-known/security.txt")

_HEADING = re.compile(
    r"secur|vulnerab|responsible disclosure|coordinated disclosure|sikkerhed|säkerhet|sårbar"
    r"|beveiliging|kwetsbaar|sicurezza|sicherheit|schwachstelle",
    re.IGNORECASE,
)
# A sentence in passing, e.g. "do not open public issues for vulnerabilities".
_MENTION = re.compile(
    r"vulnerabilit\w*|security (?:issues?|problems?|bugs?|reports?|flaws?|holes?)"
    r"|responsible disclosure|coordinated (?:vulnerability )?disclosure|sikkerhedsproblem\w*"
    r"|sikkerhedshul\w*|sårbarhed\w*|säkerhetsproblem\w*|säkerhetshål\w*|sårbarhet\w*"
    r"|beveiligingsproble\w*|beveiligingslek\w*|kwetsbaarhe\w*|problemi di sicurezza"
    r"|vulnerabilità|sicherheitslücke\w*|sicherheitsproblem\w*|schwachstelle\w*",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_NOT_A_CONTACT = re.compile(r"example\.(?:com|org|net)|noreply|no-reply|@users\.noreply",
                            re.IGNORECASE)
# Links that lead to a private way of reporting.
_PRIVATE_CHANNEL = re.compile(
    r"/security/advisories(?:/new)?\b|forms\.gle|docs\.google\.com/forms|forms\.office\.com"
    r"|typeform\.com|jotform|hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com"
    r"|zerocopter\.com|huntr\.(?:dev|com)|openbugbounty|security\.txt|/\.well-known/"
    r"|disclos|report[-_]?a[-_]?vulnerab|vulnerability[-_]?report|kwetsbaarheid[-_]?melden"
    r"|/cvd\b|psirt|/contact",
    re.IGNORECASE,
)
# Public places are no place for an undisclosed vulnerability.
_PUBLIC_PLACE = re.compile(r"/issues\b|/-/issues|/discussions\b|/security/policy\b"
                           r"|standardforpubliccode", re.IGNORECASE)
_SECURITY_TXT_CONTACT = re.compile(r"^\s*contact:\s*(\S+)", re.IGNORECASE | re.MULTILINE)

# MC-5: guidance kept outside this repository, which a person has to read. A link counts when its
# file name or its text names a contribution guide or a security policy; lists of people
# ("contributors") and codes of conduct ("Contributor Covenant") do not.
_GUIDE_NAME = re.compile(
    r"^(?:how[-_ ]?to[-_ ]?)?(?:contribut(?:ing|e|ions?)|bijdragen|bidrag(?:e|a)?|mitwirken"
    r"|contribuire)(?:[-_ ]?guide(?:lines?)?)?$",
    re.IGNORECASE,
)
_GUIDE_TEXT = re.compile(
    r"contribut(?:ing|e\b|ion)|bijdrag(?:en|e\b)|bidrag(?:e|a)?\b|mitwirk|contribuire",
    re.IGNORECASE,
)
_POLICY_NAME = re.compile(r"^(?:security|vulnerabilit(?:y|ies))(?:[-_ ]?(?:policy|reporting))?$",
                          re.IGNORECASE)
_POLICY_TEXT = re.compile(
    r"security[- ](?:policy|policies|reporting|contact|advisor(?:y|ies))|report(?:ing)? (?:a )?"
    r"(?:security|vulnerab)|vulnerab|responsible disclosure|coordinated (?:vulnerability )?"
    r"disclosure|sikkerhedspolitik|beveiligingsbeleid|kwetsbaarhe|sårbar|säkerhetspolicy"
    r"|sicherheitsrichtlinie|politica di sicurezza",
    re.IGNORECASE,
)
_NOT_A_GUIDE = re.compile(r"covenant|code[-_ ]of[-_ ]conduct|all-?contributors|opensource\.guide"
                          r"|/graphs/contributors", re.IGNORECASE)
# Where a forge link points inside a repository: GitHub's blob/tree, GitLab's -/blob, Gitea's and
# Bitbucket's src, and the wiki (a repository of its own).
_FORGE_FILE = re.compile(r"^(?:blob|tree|src|raw)$")
# Hosts of projects' own documentation, although every project's pages share them.
_PROJECT_DOCS_HOSTS = ("github.io", "gitlab.io", "readthedocs.io", "readthedocs.org")


@dataclass
class SecurityDocs:
    """Everything that tells people how to report a vulnerability."""

    policy: Document | None
    sections: list[Block] = field(default_factory=list)
    security_txt: str | None = None
    mentions: list[Hit] = field(default_factory=list)
    #: Private channels named in any of the above.
    contacts: list[Evidence] = field(default_factory=list)
    #: Those of them given by the security policy, a security section of a process document or
    #: security.txt; the others come from passing mentions or manuals deep in docs/.
    strong_contacts: list[Evidence] = field(default_factory=list)


@memoised
def security_docs(snapshot: Snapshot) -> SecurityDocs:
    return _collect(snapshot)


def _collect(snapshot: Snapshot) -> SecurityDocs:
    docs = documents(snapshot)
    policy = docs.get("security")
    if policy is not None and (policy.is_assessment or not policy.text.strip()):
        policy = None
    others = [d for d in docs.all() if policy is None or d.path != policy.path]
    result = SecurityDocs(policy, sections=blocks_matching(
        others, _HEADING, outermost=True, limit=MAX_SECTIONS))
    result.security_txt = next((p for p in SECURITY_TXT if snapshot.exists(p)), None)
    readmes = [d for d in others if d.kind in ("readme", "readme_translation", "contributing",
                                                "support", "pull_request_template")]
    result.mentions = find_hits(bounded(passage_of(d) for d in readmes), _MENTION)
    if policy is not None:
        found = _contacts(bounded([passage_of(policy)])[0], list(policy.links))
        result.contacts.extend(found)
        result.strong_contacts.extend(found)
    for block in result.sections:
        found = _contacts(block.passage, list(block.links))
        result.contacts.extend(found)
        if is_process_document(block.doc):
            result.strong_contacts.extend(found)
    if result.security_txt is not None:
        text = snapshot.read_text(result.security_txt, 64 * 1024) or ""
        for match in _SECURITY_TXT_CONTACT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            contact = Evidence(f"security.txt contact: {match.group(1)}", result.security_txt,
                               line)
            result.contacts.append(contact)
            result.strong_contacts.append(contact)
    for hit in result.mentions:
        address = _EMAIL.search(hit.excerpt)
        if address and not _NOT_A_CONTACT.search(address.group(0)):
            result.contacts.append(Evidence(f"report to {address.group(0)}", hit.path, hit.line))
    return result



def _contacts(passage: Passage, links: list[Link]) -> list[Evidence]:
    found: list[Evidence] = []
    for address in _EMAIL.finditer(passage.text):
        if _NOT_A_CONTACT.search(address.group(0)):
            continue
        line = passage.line + passage.text.count("\n", 0, address.start())
        found.append(Evidence(f"report to {address.group(0)}", passage.path, line))
        break
    for link in links:
        url = link.url
        if url.lower().startswith("mailto:"):
            if not _NOT_A_CONTACT.search(url):
                found.append(Evidence(f"report to {url[7:]}", passage.path, link.line))
        elif is_page_link(url) and _PRIVATE_CHANNEL.search(url) \
                and not _PUBLIC_PLACE.search(url):
            found.append(Evidence(f"private reporting channel: {url}", passage.path, link.line))
    return found[:3]


def _on_forge(url: str) -> bool:
    """A link into a repository on a forge (not the forge's own manual, docs.github.com)."""
    return host_of(url).removeprefix("www.") in FORGE_HOSTS


def _forge_parts(url: str) -> tuple[str, list[str]]:
    """The repository (owner/name, GitLab groups included) a forge link is in, and the rest."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if "-" in segments:
        cut = segments.index("-")
        return "/".join(segments[:cut]).lower(), segments[cut + 1:]
    return "/".join(segments[:2]).lower().removesuffix(".git"), segments[2:]


def _in_this_repository(snapshot: Snapshot, url: str) -> bool:
    """Whether a forge link points into the evaluated repository (its wiki is not: a separate
    repository of pages this snapshot does not hold)."""
    repository, rest = _forge_parts(url)
    if (rest and rest[0].lower() == "wiki") or repository.endswith(".wiki"):
        return False
    own = forge_repository(snapshot.facts)
    if own is not None:
        return repository == own
    # Offline nobody said which repository this is: a link to a file or folder this snapshot
    # has is taken to be a link to itself, one to a missing file to be a link elsewhere.
    if not rest or not _FORGE_FILE.match(rest[0].lower()):
        return False
    # blob/<ref>/<path>, or Gitea's src/branch/<ref>/<path>.
    skip = 3 if rest[0].lower() == "src" and rest[1:2] in (["branch"], ["tag"], ["commit"]) \
        else 2
    inside = "/".join(rest[skip:])
    return bool(inside) and (snapshot.exists(inside) or snapshot.is_dir(inside))


def _documentation_elsewhere(snapshot: Snapshot, docs: DocumentSet) -> list[Evidence]:
    """Documentation linked from the project's process documents but kept outside this
    repository: a documentation site, wiki or documentation repository (the README link other
    checks use), and contribution guides or security policies in other repositories or on
    websites."""
    found: list[Evidence] = []
    external = external_docs_evidence(docs)
    if external is not None and external.url is not None:
        url = external.url
        host = host_of(url)
        if _on_forge(url):
            keep = not _in_this_repository(snapshot, url)
        else:
            # docs.github.com, docs.python.org...: a platform's manual, not this project's.
            keep = not GENERIC_HOSTS.search(host) or host.endswith(_PROJECT_DOCS_HOSTS)
        if keep:
            found.append(external)
    seen = {e.url for e in found}
    for doc in docs.all():
        if not is_process_document(doc) or is_history(doc):
            continue
        for link in doc.links:
            url = link.url.strip()
            if url in seen or not url.lower().startswith(("http://", "https://")) \
                    or _NOT_A_GUIDE.search(url) or _NOT_A_GUIDE.search(link.text):
                continue
            host = host_of(url)
            if "shields.io" in host or "badge" in url.lower():
                continue
            name = urlsplit(url).path.rstrip("/").rpartition("/")[2]
            stem = name.rsplit(".", 1)[0] if "." in name else name
            policy = bool(_POLICY_NAME.match(stem) or _POLICY_TEXT.search(link.text))
            guide = bool(_GUIDE_NAME.match(stem) or _GUIDE_TEXT.search(link.text))
            if _on_forge(url):
                rest = _forge_parts(url)[1]
                # The forge's security policy page shows an organisation-wide policy when the
                # repository has none of its own.
                if [r.lower() for r in rest[:2]] == ["security", "policy"]:
                    found.append(Evidence(
                        f"security policy page on the forge, which can show an organisation-wide "
                        f"policy: {url}", doc.path, link.line, url=url))
                    seen.add(url)
                    continue
                if _PUBLIC_PLACE.search(url) or _in_this_repository(snapshot, url):
                    continue
            elif GENERIC_HOSTS.search(host) and not host.endswith(_PROJECT_DOCS_HOSTS):
                continue
            if policy:
                found.append(Evidence(f"security policy kept elsewhere: {url}", doc.path,
                                      link.line, url=url))
            elif guide:
                found.append(Evidence(f"contribution guide kept elsewhere: {url}", doc.path,
                                      link.line, url=url))
            else:
                continue
            seen.add(url)
    return found[:3]


def _reporting_enabled(value: Any) -> bool | None:
    if isinstance(value, dict):
        value = value.get("enabled")
    return value if isinstance(value, bool) else None


# -- MC-4 ----------------------------------------------------------------------------------------
@check(
    id="private-security-channel",
    title="Security problems can be reported privately",
    requirements=["MC-4"],
    strength=Strength.STRONG,
    why=(
        "A vulnerability reported in public can be exploited before it is fixed; reporters need "
        "a closed channel to the maintainers."
    ),
    how_to_fix=(
        "Turn on private vulnerability reporting in the repository's security settings, or give "
        "a monitored security e-mail address in SECURITY.md."
    ),
    limitations=(
        "Any e-mail address in a security policy or security section passes, whether or not "
        "anyone reads it, and so does a link whose address merely looks private (a form, a "
        "/contact page, a path with 'disclosure'). A policy on the organisation's website, or "
        "an organisation-wide SECURITY.md in its .github repository, is not seen. Offline, "
        "whether the forge's private reporting is on is not known, so a repository that "
        "relies on it alone is unknown rather than passing."
    ),
    examples=[
        Example("SECURITY.md gives an e-mail address",
                {"SECURITY.md": "# Security\n\nPlease report vulnerabilities privately to "
                                "security@eastbrook.example.nl, not in public issues.\n"},
                {"MC-4": "pass"}),
        Example("Private reporting is switched on at the forge",
                {"README.md": "# Permits\n"},
                {"MC-4": "pass"}, facts={"private_vulnerability_reporting": True}),
        Example("Vulnerabilities are to be reported in the public issue tracker",
                {"SECURITY.md": "# Security\n\nReport vulnerabilities in our [issue tracker]"
                                "(https://github.com/eastbrook/permits/issues).\n"},
                {"MC-4": "fail"}, facts={"private_vulnerability_reporting": False}),
        Example("Offline, with no documented channel",
                {"README.md": "# Permits\n"},
                {"MC-4": "unknown"}),
    ],
)
def private_security_channel(context: CheckContext) -> Iterator[Finding]:
    """Passes when the forge reports private vulnerability reporting as enabled, or when a
    SECURITY file, a security section of the documentation, security.txt or a README or
    CONTRIBUTING sentence about vulnerabilities gives a private channel: an e-mail address (not
    example.com or noreply) or a link to a private reporting form, advisory page or disclosure
    programme. Links to public issue trackers and discussions do not count. Without a channel
    it fails when private reporting is known to be off, and is unknown when the forge was not
    asked."""
    snapshot = context.snapshot
    found = security_docs(snapshot)
    facts = snapshot.facts
    enabled = (_reporting_enabled(facts.private_vulnerability_reporting)
               if facts.known("private_vulnerability_reporting") else None)
    evidence = list(found.contacts[:3])
    if enabled:
        evidence.insert(0, Evidence("private vulnerability reporting is enabled"))
    if evidence:
        # The forge's setting is decisive; a channel given only in a passing sentence or in a
        # manual deep in docs/ is weak.
        strength = (Strength.DECISIVE if enabled
                    else Strength.STRONG if found.strong_contacts else Strength.WEAK)
        yield passed("MC-4", "There is a private channel for security reports.", *evidence,
                     strength=strength)
        return
    looked = Evidence("no e-mail address or private reporting link in SECURITY, security "
                      "sections or security.txt")
    if enabled is False:
        yield failed("MC-4", "There is no private channel for security reports.", looked,
                     Evidence("private vulnerability reporting is disabled"))
    else:
        yield unknown("MC-4", "No private channel for security reports is documented, and "
                              "whether private vulnerability reporting is on was not checked.",
                      looked)


# -- MC-5 ----------------------------------------------------------------------------------------
@check(
    id="security-reporting-documented",
    title="Documentation explains how to report security problems",
    requirements=["MC-5"],
    strength=Strength.STRONG,
    why=(
        "People who find a vulnerability need to know how to report it safely; otherwise they "
        "open a public issue or give up."
    ),
    how_to_fix=(
        "Add a SECURITY.md saying how to report a vulnerability privately (an e-mail address or "
        "the private reporting form), what to include and when to expect an answer."
    ),
    limitations=(
        "A SECURITY file of 20 words or more passes without being read for a contact or for "
        "what it says, so a policy that only lists supported versions passes. A security.txt "
        "passes by existing. Documentation outside the repository is never read: when the "
        "README links a documentation site, wiki or documentation repository, or a process "
        "document links a contribution guide or security policy kept elsewhere, a person is "
        "asked instead of the check failing, even if that documentation turns out to say "
        "nothing about security. Offline, a link to another repository's file counts as kept "
        "elsewhere only when this repository has no file at the same path. An "
        "organisation-wide SECURITY.md in the organisation's .github repository that nothing "
        "links to is not seen and the check fails, as it does when only the forge's private "
        "reporting form is enabled without a word about it in the documentation."
    ),
    examples=[
        Example("A security policy says where and how to report",
                {"SECURITY.md": "# Security policy\n\n## Reporting a vulnerability\n\n"
                                "Please do not open a public issue. Send an e-mail to "
                                "security@eastbrook.example.nl with the steps to reproduce "
                                "the problem. We answer within three working days.\n"},
                {"MC-5": "pass"}),
        Example("CONTRIBUTING mentions vulnerabilities but gives no contact",
                {"CONTRIBUTING.md": "# Contributing\n\nDo not open an issue for a security "
                                    "vulnerability; contact the maintainers instead.\n"},
                {"MC-5": "warn"}),
        Example("The README links the contribution guide of a separate documentation "
                "repository",
                {"README.md": "# Permits\n\nApply for permits online. Read the [contribution "
                              "guide](https://github.com/eastbrook/permits-docs/blob/main/"
                              "CONTRIBUTING.md) before you take part.\n"},
                {"MC-5": "manual"}),
        Example("Nothing on security reporting",
                {"README.md": "# Permits\n\nApply for permits online.\n"},
                {"MC-5": "fail"}),
    ],
)
def security_reporting_documented(context: CheckContext) -> Iterator[Finding]:
    """Passes when a SECURITY file (root, docs/ or .github/) has at least 20 words, or a shorter
    one gives a private contact; when a security section of the documentation gives an e-mail
    address or private reporting link; or when a security.txt exists. Warns when security
    reporting is mentioned (a short SECURITY file, a security section, a sentence about
    vulnerabilities in the README or CONTRIBUTING) without a contact. When the documentation
    says nothing about it, asks a person (manual) if the README links documentation hosted
    elsewhere (a documentation site, wiki or documentation repository) or a process document
    links a contribution guide or security policy in another repository or on a website, and
    fails otherwise. Security sections without a contact count only in the project's process
    documents, not in product manuals deep in docs/."""
    snapshot = context.snapshot
    found = security_docs(snapshot)
    policy = found.policy
    if policy is not None and policy.words >= MIN_POLICY_WORDS:
        yield passed("MC-5", "A security policy explains how to report problems.",
                     Evidence(f"security policy, {policy.words} words", policy.path, 1))
        return
    with_contact = {e.path for e in found.contacts}
    if policy is not None and policy.path in with_contact:
        yield passed("MC-5", "A short security policy says where to report problems.",
                     Evidence("security policy", policy.path, 1),
                     *[e for e in found.contacts if e.path == policy.path][:1])
        return
    for block in found.sections:
        contacts = [e for e in found.contacts if e.path == block.doc.path
                    and block.section.line <= (e.line or 0)
                    < block.section.line + block.passage.text.count("\n") + 1]
        if contacts:
            # A security heading in a process document is strong; in a manual deep in docs/,
            # weak.
            yield passed("MC-5", "The documentation says how to report security problems.",
                         heading_evidence(block), *contacts[:1],
                         strength=None if is_process_document(block.doc) else Strength.WEAK)
            return
    if found.security_txt is not None:
        yield passed("MC-5", "A security.txt says where to report security problems.",
                     Evidence("security.txt", found.security_txt, 1))
        return
    hints: list[Evidence] = []
    if policy is not None:
        hints.append(Evidence(f"security policy has only {policy.words} words and no contact",
                              policy.path, 1))
    # A security heading in a product manual deep in docs/ ("Security events" the software logs)
    # says nothing about how the project takes reports: only process documents count here.
    hints.extend(heading_evidence(b, "no contact or link")
                 for b in [b for b in found.sections if is_process_document(b.doc)][:2])
    hints.extend(h.evidence() for h in found.mentions[:2])
    elsewhere = [heading_evidence(b, "a section in a manual, not a reporting process")
                 for b in found.sections if not is_process_document(b.doc)][:2]
    if hints:
        yield warned("MC-5", "Security reporting is mentioned but not explained with a contact.",
                     *hints)
        return
    looked = Evidence("looked for SECURITY in the root, docs/ and .github/, security sections, "
                      f"security.txt and security notes in the README and CONTRIBUTING; "
                      f"{ORG_DEFAULT_NOTE}")
    external = _documentation_elsewhere(snapshot, documents(snapshot))
    if external:
        # The guidance may well be in documentation kept outside the repository, which this
        # snapshot cannot read: a person follows the link rather than the check failing.
        yield needs_person(
            "MC-5", "Nothing here says how to report security problems, but documentation kept "
                    "elsewhere is linked; a person should check whether it explains this.",
            *external, looked, *elsewhere,
        )
        return
    yield failed(
        "MC-5", "The documentation does not say how to report security problems.",
        looked, *elsewhere,
    )
