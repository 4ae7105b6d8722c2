"""Governance: who decides, which organisations commit to the codebase, and where it is heading."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    needs_person,
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.contribution_guides import ORG_DEFAULT_NOTE
from publiccode_checker.evidence.documents import (
    Document,
    community_file,
    documents,
    is_process_document,
    load_document,
    prose_documents,
)
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.evidence.section_blocks import (
    MAX_SECTIONS,
    Block,
    blocks_matching,
    heading_evidence,
)
from publiccode_checker.evidence.text_search import (
    MAX_HITS,
    bounded,
    find_hits,
    links_matching,
    passage_of,
)
from publiccode_checker.snapshots import Snapshot

#: A governance section shorter than this names a process rather than describing it.
MIN_SECTION_WORDS = 50
MIN_FILE_WORDS = 20
#: A roadmap or organisations section needs at least this much to count.
MIN_LIST_WORDS = 8

_GOVERNANCE_HEADING = re.compile(
    r"govern|decision[- ]making|how decisions are made|decision process|steering"
    r"|maintainers and roles|roles and responsibilities|styregruppe|stuurgroep|besluitvorming"
    r"|beslut|styrning|styrgrupp|processo decisionale|comitato|entscheidung|lenkungs"
    r"|steuerungs|rollen en verantwoordelijkheden|roller og ansvar|roller och ansvar"
    r"|ruoli e responsabilit|rollen und verantwortlichkeiten|forvaltningsmodel"
    r"|förvaltningsmodell|beheermodel|beheerorganisatie",
    re.IGNORECASE,
)
_GOVERNANCE_FILE = re.compile(
    r"govern|besluitvorm|beslutning|styrning|forvaltningsmodel|förvaltningsmodell|beheermodel"
    r"|decision[-_]making|charter",
    re.IGNORECASE,
)
_GOVERNANCE_LINK = re.compile(r"govern|besluitvorming|styrning|charter|steering|stuurgroep"
                              r"|styregruppe|styrgrupp", re.IGNORECASE)
# A sentence that names the body deciding about the codebase touches on governance.
_GOVERNANCE_MENTION = re.compile(
    r"\b(?:steering (?:group|committee|board)|governance|decision[- ]making|core team decides"
    r"|stuurgroep|styregruppe|styrgrupp|lenkungs(?:kreis|ausschuss)|comitato (?:guida|direttivo))",
    re.IGNORECASE)

# The heading must be about the organisations themselves ("Partners", "Who is behind it"), not
# merely mention them: many products manage "organisations" as data.
_ORGANISATIONS_HEADING = re.compile(
    r"^\W*(?:(?:our|the|participating|involved|partner|supporting|deelnemende|betrokken"
    r"|deltagende|involverade|beteiligte|partecipanti)\s+)?(?:maintainers?|organi[sz]ations"
    r"|partners?|sponsors|funders|funding|financiering|consorti\w*|konsorti\w*|beheerders?"
    r"|partijen|organisationer|förvaltare|samarbetspartners?|samarbejdspartnere|manutentori"
    r"|organizzazioni|enti|organisationen|träger|finanzierung|finansiering)\b"
    r"|supported by|funded by|maintained by|sponsored by|who(?:'s| is) (?:behind|involved)"
    r"|gefinancierd door|ondersteund door|finansieret af|finansierad av|finanziato da"
    r"|gefördert (?:von|durch)|unterstützt von",
    re.IGNORECASE,
)
_ORGANISATIONS_EXCLUDE = re.compile(r"guide|how ?to|handleiding|vejledning|anleitung|guida",
                                    re.IGNORECASE)
# Documentation pages where a project introduces itself and the people behind it.
_ABOUT_PATH = re.compile(
    r"about|team|community|governance|partner|maintainers|support|introduction|funding|sponsor"
    r"|beheer|förvaltning|forvaltning|organisati|over-|om-|chi-siamo|ueber|uber-",
    re.IGNORECASE,
)
_MAINTENANCE_TYPES = frozenset({"internal", "contract", "community"})

_ROADMAP = re.compile(
    r"roadmap|road map|køreplan|färdplan|fahrplan|tabella di marcia|udviklingsplan"
    r"|utvecklingsplan|ontwikkelplan|entwicklungsplan|piano di sviluppo|milestones"
    r"|future plans|planned features|toekomstplannen",
    re.IGNORECASE,
)
_PROJECT_BOARD = re.compile(
    r"github\.com/(?:orgs|users)/[^/\s]+/projects/\d+|github\.com/[^/\s]+/[^/\s]+/(?:projects"
    r"|milestones)\b|/-/(?:boards|milestones)\b|trello\.com/b/|taiga\.io/project/",
    re.IGNORECASE,
)


# -- WC-3 ----------------------------------------------------------------------------------------
@check(
    id="governance-documented",
    title="Governance is documented",
    requirements=["WC-3"],
    strength=Strength.STRONG,
    why=(
        "Contributors and reusing organisations need to know who decides about the code, about "
        "contributions and about the community, and how."
    ),
    how_to_fix=(
        "Add a GOVERNANCE.md saying who maintains the codebase, how decisions are made and "
        "escalated, how someone becomes a maintainer, and how the community is run."
    ),
    limitations=(
        "It counts words and never reads what they say: a twenty-word GOVERNANCE.md saying the "
        "model is still to be decided passes, and so does a 50-word 'Roles and responsibilities' "
        "section about the roles of the software's users. Governance kept in the organisation's "
        ".github repository, or on a website the documentation does not link with a word such "
        "as governance, charter or steering, is not seen, so the check fails. An OWNERS or "
        "AUTHORS file alone turns the failure into a warning, though it says nothing about "
        "decisions."
    ),
    examples=[
        Example("A GOVERNANCE.md describing who decides",
                {"GOVERNANCE.md": "# Governance\n\nA steering group of the three partner "
                                  "municipalities meets every quarter. It sets priorities, "
                                  "appoints maintainers and settles disputes that maintainers "
                                  "cannot resolve by consensus.\n"},
                {"WC-3": "pass"}),
        Example("A short Governance section pointing to a website",
                {"README.md": "# Permits\n\n## Governance\n\nSee our [governance model]"
                              "(https://permits.example-city.eu/governance).\n"},
                {"WC-3": "manual"}),
        Example("Only a CODEOWNERS file names the people in charge",
                {"README.md": "# Permits\n", ".github/CODEOWNERS": "* @example-city/permits\n"},
                {"WC-3": "warn"}),
        Example("Nothing about governance",
                {"README.md": "# Permits\n\nApply for parking permits online.\n"},
                {"WC-3": "fail"}),
    ],
)
def governance_documented(context: CheckContext) -> Iterator[Finding]:
    """Passes on a governance document of 20 words or more (GOVERNANCE or CHARTER in the root,
    docs/ or .github/, or a documentation file named after governance, decision making or a
    charter), or on a documentation section of 50 words or more headed Governance, Decision
    making, Steering, Roles and responsibilities and the like, in several languages. Shorter
    governance texts that link to a web page, or links elsewhere to a governance, charter or
    steering page, ask a person (manual). It warns when there is only a short text, a sentence
    mentioning a steering group or governance, or a CODEOWNERS or MAINTAINERS/OWNERS/AUTHORS
    file; with none of these it fails. Short sections and mentions count only in the project's
    process documents (README, community files, the documentation's landing page)."""
    snapshot = context.snapshot
    docs = documents(snapshot)
    files = _governance_files(snapshot)
    full = [d for d in files if d.words >= MIN_FILE_WORDS]
    if full:
        yield passed("WC-3", "Governance is documented.",
                     Evidence(f"{full[0].words} words on governance", full[0].path, 1))
        return
    taken = {d.path for d in files}
    sections = blocks_matching([d for d in prose_documents(docs) if d.path not in taken],
                               _GOVERNANCE_HEADING, outermost=True, limit=MAX_SECTIONS)
    long_sections = [b for b in sections if b.words >= MIN_SECTION_WORDS]
    if long_sections:
        block = long_sections[0]
        # A heading in the project's own process documents is strong; one in a page deep in
        # docs/ may belong to a product manual (the roles of the software's users).
        yield passed("WC-3", "The documentation has a section on governance.",
                     heading_evidence(block, f"{block.words} words"),
                     strength=Strength.STRONG if is_process_document(block.doc) else Strength.WEAK)
        return
    pointers = _pointers(files, sections, prose_documents(docs))
    if pointers:
        yield needs_person(
            "WC-3",
            "Governance is only mentioned briefly or linked; check that the text it points to "
            "says who decides and how.",
            *pointers,
        )
        return
    # Short sections and passing mentions count only in the project's process documents: in a
    # product manual deep in docs/, "teams, steering groups and units" are the product's.
    short = [Evidence(f"only {d.words} words", d.path, 1) for d in files]
    short.extend(heading_evidence(b, f"only {b.words} words")
                 for b in [b for b in sections if is_process_document(b.doc)][:2])
    mentions = find_hits(bounded(passage_of(d) for d in prose_documents(docs)
                                 if d.kind != "code_of_conduct" and is_process_document(d)),
                         _GOVERNANCE_MENTION, 2)
    short.extend(h.evidence("mentioned: ") for h in mentions)
    elsewhere = [heading_evidence(b, "a section in a manual, not the project's governance")
                 for b in sections if not is_process_document(b.doc)][:2]
    roles = [d for d in (docs.get("codeowners"), docs.get("maintainers")) if d is not None]
    roles_evidence = [Evidence("names people or owners, not how decisions are made", d.path, 1)
                      for d in roles]
    if short or roles_evidence:
        yield warned(
            "WC-3",
            "Roles are listed or governance is only touched on; the decision process is not "
            "described.",
            *short, *roles_evidence,
        )
        return
    yield failed(
        "WC-3", "No governance documentation found.",
        Evidence("looked for GOVERNANCE and CHARTER in the root, docs/ and .github/, governance "
                 f"documents under docs/, and governance sections in the documentation; "
                 f"{ORG_DEFAULT_NOTE}"),
        *elsewhere,
    )



def _governance_files(snapshot: Snapshot) -> list[Document]:
    docs = documents(snapshot)
    found = [d for d in (docs.get("governance"),) if d is not None and not d.is_assessment]
    charter = community_file(snapshot, "CHARTER")
    if charter is not None:
        doc = load_document(snapshot, charter, "governance")
        if doc is not None and not doc.is_assessment:
            found.append(doc)
    seen = {d.path for d in found}
    found.extend(d for d in docs.docs if d.path not in seen and not d.is_assessment
                 and _GOVERNANCE_FILE.search(posixpath.basename(d.path)))
    return found


def _pointers(files: list[Document], sections: list[Block], corpus: Any) -> list[Evidence]:
    """Links from short governance texts, or links to governance kept elsewhere."""
    evidence: list[Evidence] = []
    for doc in files:
        evidence.extend(Evidence(f"{doc.path} links to {link.url}", doc.path, link.line)
                        for link in doc.links if link.url.startswith("http"))
    for block in sections:
        evidence.extend(Evidence(f"links to {link.url}", block.doc.path, link.line)
                        for link in block.links if link.url.startswith("http"))
    evidence.extend(Evidence(f"link to governance elsewhere: {link.url}", path, link.line)
                    for path, link in links_matching(corpus, _GOVERNANCE_LINK)
                    if link.url.startswith("http"))
    return evidence[:MAX_HITS + 2]


# -- WC-5 ----------------------------------------------------------------------------------------
@check(
    id="organisations-engagement",
    title="Involved organisations state their engagement",
    requirements=["WC-5"],
    strength=Strength.STRONG,
    why=(
        "Reusers want to know which organisations develop, fund and maintain the codebase, and "
        "for how long, before they depend on it."
    ),
    how_to_fix=(
        "In publiccode.yml fill in maintenance (type, contractors or contacts with their "
        "organisation) and fundedBy, or add a README section naming the organisations that "
        "maintain and fund the codebase and what they commit to."
    ),
    limitations=(
        "It looks for names, not commitments: how long an organisation stays involved "
        "(maintenance `until`, a contract term) is never checked. A MAINTAINERS file passes "
        "whatever it holds, even empty or listing only personal accounts, and a publiccode.yml "
        "contact without an affiliation counts by the person's name. A README section headed "
        "Sponsors or Funding passes with eight words or a single link, such as a donation "
        "button."
    ),
    examples=[
        Example("publiccode.yml names the contractor and the funder",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\n"
                                   "maintenance:\n  type: contract\n  contractors:\n"
                                   "    - name: Example Software Ltd\n"
                                   "      until: '2030-01-01'\n"
                                   "fundedBy:\n  - name: Example Municipality\n"},
                {"WC-5": "pass"}),
        Example("A Partners section in the README",
                {"README.md": "# Permits\n\n## Partners\n\nThe municipalities of Example "
                              "and Sample develop and maintain this together.\n"},
                {"WC-5": "pass"}),
        Example("publiccode.yml says nobody maintains the codebase",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\n"
                                   "maintenance:\n  type: none\n"},
                {"WC-5": "warn"}),
    ],
)
def organisations_engagement(context: CheckContext) -> Iterator[Finding]:
    """Passes when publiccode.yml declares internal, contract or community maintenance with
    named contractors or contacts, or names funders in `fundedBy`; when the README, a
    community file or a docs page about the project, team or partners has a section headed
    Maintainers, Partners, Sponsors, Funding, 'Supported by' and the like (eight words or a
    link); or when a MAINTAINERS file exists. Otherwise it warns, saying so when publiccode.yml
    declares maintenance type none; it never fails."""
    snapshot = context.snapshot
    code = publiccode(snapshot)
    declared = _declared_engagement(code.get("maintenance"), code.get("fundedBy"))
    evidence: list[Evidence] = []
    if code.path and declared:
        evidence.append(Evidence(f"publiccode.yml declares {declared}", code.path,
                                 code.key_line("maintenance") or code.key_line("fundedBy")))
    docs = documents(snapshot)
    about = [d for d in prose_documents(docs) if d.kind != "docs" or _ABOUT_PATH.search(d.path)]
    sections = [b for b in blocks_matching(about, _ORGANISATIONS_HEADING, _ORGANISATIONS_EXCLUDE,
                                           outermost=True, limit=MAX_SECTIONS)
                if b.words >= MIN_LIST_WORDS or b.links]
    evidence.extend(heading_evidence(b) for b in sections[:MAX_HITS])
    maintainers = community_file(snapshot, "MAINTAINERS")
    if maintainers is not None:
        evidence.append(Evidence("maintainers file", maintainers, 1))
    if evidence:
        yield passed("WC-5", "The organisations behind the codebase are named.", *evidence)
        return
    notes = [Evidence("looked at publiccode.yml maintenance and fundedBy, a MAINTAINERS file and "
                      "documentation sections about maintainers, partners and funding")]
    maintenance = code.get("maintenance")
    if isinstance(maintenance, dict) and maintenance.get("type") == "none":
        notes.insert(0, Evidence("publiccode.yml says nobody maintains the codebase", code.path,
                                 code.key_line("maintenance")))
    yield warned("WC-5", "No organisation states its engagement with the codebase.", *notes)


def _declared_engagement(maintenance: Any, funded_by: Any) -> str:
    parts = []
    if isinstance(maintenance, dict) and maintenance.get("type") in _MAINTENANCE_TYPES:
        names = _names(maintenance.get("contractors")) or _names(maintenance.get("contacts"),
                                                                  "affiliation")
        if names:
            parts.append(f"{maintenance['type']} maintenance by {', '.join(names[:3])}")
    funders = _names(funded_by)
    if funders:
        parts.append(f"funding by {', '.join(funders[:3])}")
    return " and ".join(parts)


def _names(entries: Any, *keys: str) -> list[str]:
    if not isinstance(entries, list):
        return []
    names = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        value = next((entry.get(k) for k in (*keys, "name") if entry.get(k)), None)
        if isinstance(value, str) and value.strip():
            names.append(value.strip())
    return names


# -- WC-6 ----------------------------------------------------------------------------------------
@check(
    id="public-roadmap",
    title="A public roadmap exists",
    requirements=["WC-6"],
    strength=Strength.STRONG,
    why=(
        "A roadmap lets users and possible contributors see what is planned, so they can plan "
        "their own work and join in where it helps."
    ),
    how_to_fix=(
        "Add a ROADMAP.md (or a roadmap link in publiccode.yml and the README) listing the "
        "planned work, or keep open milestones with due dates or a public project board."
    ),
    limitations=(
        "It does not read dates: a ROADMAP.md last touched years ago, or holding one word, "
        "passes. Any link whose text or address contains 'roadmap' passes too, including a link "
        "to a dependency's or another project's roadmap. Milestones are only seen when forge "
        "facts were gathered; offline, a roadmap kept only in milestones or an issue tracker "
        "the documentation does not link gives a warning."
    ),
    examples=[
        Example("A ROADMAP.md listing planned work",
                {"ROADMAP.md": "# Roadmap\n\n- 2026 Q2: renew permits online\n"
                               "- 2026 Q4: visitor permits\n"},
                {"WC-6": "pass"}),
        Example("Open milestones with due dates on the forge",
                {"README.md": "# Permits\n"},
                {"WC-6": "pass"},
                facts={"open_milestones_with_due_date": 2}),
        Example("No roadmap, and no milestones on the forge",
                {"README.md": "# Permits\n\nApply for parking permits online.\n"},
                {"WC-6": "warn"},
                facts={"open_milestones_with_due_date": 0}),
    ],
)
def public_roadmap(context: CheckContext) -> Iterator[Finding]:
    """Passes on a non-empty ROADMAP file (root, docs/ or .github/), a documentation file named
    after a roadmap or milestones, `roadmap` in publiccode.yml, a section headed Roadmap,
    Milestones, Future plans and the like (eight words or a link), a link whose text or address
    mentions a roadmap, a link to a project board or milestones page (GitHub, GitLab, Trello,
    Taiga), or open milestones with a due date in the forge facts. Otherwise it warns, saying
    whether milestones were checked; it never fails."""
    snapshot = context.snapshot
    evidence = _roadmap_evidence(snapshot)
    facts = snapshot.facts
    milestones = _count(facts.open_milestones_with_due_date) \
        if facts.known("open_milestones_with_due_date") else None
    if milestones:
        evidence.append(Evidence(f"{milestones} open milestone(s) with a due date"))
    if evidence:
        yield passed("WC-6", "A public roadmap is available.", *evidence[:MAX_HITS + 1])
        return
    notes = [Evidence("looked for ROADMAP, docs/roadmap*, publiccode.yml roadmap, roadmap "
                      "sections and links to roadmaps or project boards")]
    if milestones == 0:
        notes.append(Evidence("no open milestones with a due date"))
    elif milestones is None:
        notes.append(Evidence("milestones were not checked"))
    yield warned("WC-6", "No public roadmap found.", *notes)


def _roadmap_evidence(snapshot: Snapshot) -> list[Evidence]:
    docs = documents(snapshot)
    evidence: list[Evidence] = []
    roadmap = docs.get("roadmap")
    if roadmap is not None and (roadmap.words or any(True for _ in roadmap.links)):
        evidence.append(Evidence("roadmap file", roadmap.path, 1))
    roadmap_docs = [d for d in docs.docs
                    if _ROADMAP.search(posixpath.basename(d.path)) and d.words]
    evidence.extend(Evidence("roadmap document", d.path, 1) for d in roadmap_docs)
    code = publiccode(snapshot)
    declared = code.get("roadmap")
    if isinstance(declared, str) and declared.strip():
        evidence.append(Evidence(f"publiccode.yml roadmap: {declared.strip()}", code.path,
                                 code.key_line("roadmap")))
    taken = {d.path for d in roadmap_docs} | ({roadmap.path} if roadmap is not None else set())
    corpus = [d for d in prose_documents(docs) if d.path not in taken]
    evidence.extend(heading_evidence(b) for b in blocks_matching(corpus, _ROADMAP, outermost=True,
                                                                 limit=MAX_SECTIONS)
                    if b.words >= MIN_LIST_WORDS or b.links)
    for path, link in links_matching(corpus, _ROADMAP):
        evidence.append(Evidence(f"roadmap link: {link.url}", path, link.line))
    for doc in corpus:
        evidence.extend(Evidence(f"project board: {link.url}", doc.path, link.line)
                        for link in doc.links
                        if _PROJECT_BOARD.search(link.url) and not _ROADMAP.search(link.url)
                        and not _ROADMAP.search(link.text))
    return evidence


def _count(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return len(value)
    except TypeError:
        return 0
