"""Contribution guidelines: whether they exist and what they ask of contributors."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from publiccode_checker.checks import Evidence, Finding, check, failed, needs_person, passed, warned
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.contribution_guides import (
    LOOKED_FOR_GUIDE,
    ORG_DEFAULT_NOTE,
    Guidelines,
    guidelines,
)
from publiccode_checker.evidence.documents import Link, documents
from publiccode_checker.evidence.files import is_fixture_path, is_vendored
from publiccode_checker.evidence.section_blocks import heading_evidence
from publiccode_checker.evidence.text_search import (
    MAX_HITS,
    Passage,
    find_hits,
    passage_of,
    prose_pattern,
)
from publiccode_checker.snapshots import Snapshot

#: Guidance shorter than this is a pointer rather than guidelines.
MIN_GUIDE_WORDS = 50
#: Workflow files are read only this far when looking for contributor-agreement bots.
WORKFLOW_HEAD_BYTES = 64 * 1024


_GUIDE_FILE_STRICT = re.compile(r"contribut|bijdrag|bidrag|contribuire|mitwirk|beitrag",
                                re.IGNORECASE)

# -- topics of "how to structure a contribution" (CI-3) -----------------------------------------
_TOPICS: dict[str, re.Pattern[str]] = {
    "branching": prose_pattern(
        r"\bbranch(?:es|ing)?\b|\bfork(?:s|ing|ed)?\b|\bgren(?:en|ar|e)?\b|\bramo\b|\bzweig"
        r"|\brebase\b|git (?:checkout -b|switch -c)|git ?flow",
    ),
    "commit messages": prose_pattern(
        r"commit[- ]?(?:message|bericht|besked|meddelande|nachricht)|messaggi?o? (?:di|del) commit"
        r"|conventional ?commits|commitlint|gitmoji|semantic commit|\bcommit (?:title|subject)",
    ),
    "pull request description and linked issues": prose_pattern(
        r"(?:describ|descript|explain|beschrijv|beskriv|descri[vz]|beschreib|spieg)\w*[\s\S]{0,80}?"
        r"(?:pull|merge)[- ]?requests?"
        r"|(?:pull|merge)[- ]?requests?[\s\S]{0,80}?"
        r"(?:describ|descript|explain|beschrijv|beskriv|descri[vz]|beschreib|spieg)"
        r"|\b(?:link|refer|mention|close|fix|resolv|koppel|verwijs|henvis|länka|referera|collega"
        r"|verknüpf|verweis)\w*[\s\S]{0,40}?\b(?:issues?|tickets?)\b"
        r"|\b(?:closes|fixes|resolves) #",
    ),
    "tests": prose_pattern(
        r"\btest(?:s|ing|en|es|er|ar|are|i|cases?|suite)?\b|\bunit[- ]?tests?\b|\bpytest\b"
        r"|\bphpunit\b|\bjest\b|\bcoverage\b",
    ),
    "review process": prose_pattern(
        r"\breview|beoordel|gennemgå|gennemsyn|granska|granskning|revisione|überprüf|begutacht"
        r"|\bapprov|goedkeur|godkend|godkänn|approvazione|freigabe",
    ),
}

# -- one topic per contribution (CI-6) ----------------------------------------------------------
_SINGLE_TOPIC = prose_pattern(
    r"\b(?:one|single|één|een enkele|én|en|ett|una?|uno|eine?n?)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:per|pr\.|pro|för|for each|in each)\s+(?:pull|merge|PRs?\b|MRs?\b|change ?set"
    r"|contribution|bijdrage|bidrag|contributo|beitrag)"
    r"|(?:small|focused|focussed|kleine?n?|små|piccol[eio]|short|concise|minimal)\s+"
    r"(?:and\s+\w+\s+)?(?:(?:pull|merge)[- ]?requests?|PRs?\b|MRs?\b)"
    r"|(?:keep|houd|hold|håll|mantieni|halte)\w*\s+(?:your\s+|je\s+|dine?\s+|dina\s+|deine?\s+)?"
    r"(?:(?:pull|merge)[- ]?requests?|PRs?|MRs?)\s+(?:small|focused|short|klein|små|piccol|kort)"
    r"|\bPRs? (?:should|must) (?:be )?(?:small|focused|address)"
    r"|(?:unrelated|separate|seperate|distinct|aparte|afzonderlijke|separata|separat[ea]?"
    r"|getrennte|unabhängige|non correlat\w*|niet[- ]gerelateerde|urelaterede|orelaterade)"
    r"\s+[\s\S]{0,40}?(?:pull|merge|PRs?\b|MRs?\b|changes|wijzigingen|ændringer|ändringar"
    r"|modifiche|änderungen)"
    r"|single[- ](?:issue|purpose|concern|feature|topic|change|subject|bug)"
    r"|\baddress(?:es)? (?:a|one|only one) (?:single )?(?:issue|problem|topic)",
)

# -- related changes grouped in commits (VC-5) --------------------------------------------------
_COMMIT_GROUPING = prose_pattern(
    r"atomi(?:c|sche?|ske|ska|ci|aire?|are) commits?|commits? atomic[io]"
    r"|logical (?:commits?|units?|chunks?|changes?)|logische (?:commits?|eenheden|einheiten)"
    r"|\bsquash|one (?:logical )?(?:change|thing|concern|fix|feature) per commit|\bper commit\b"
    r"|\bpr\. commit|\bpro commit|(?:each|every) commit (?:should|must)|conventional ?commits"
    r"|commit conventions?|commitlint|semantic commits?|small(?:er)? commits|related changes"
    r"|\bfixup\b|rebase -i\b|interactive rebase|separate commits|seperate commits|aparte commits"
    r"|separata commits|separate commits",
)
_COMMITLINT_FILES = (
    ".commitlintrc", ".commitlintrc.json", ".commitlintrc.yml", ".commitlintrc.yaml",
    ".commitlintrc.js", ".commitlintrc.cjs", "commitlint.config.js", "commitlint.config.cjs",
    "commitlint.config.mjs", "commitlint.config.ts", ".czrc", ".cz.toml", ".gitmessage",
)

# -- diff-friendly formats (VC-7) ---------------------------------------------------------------
_TEXT_FORMATS = prose_pattern(
    r"plain[- ]?text|\bmarkdown\b|text[- ]?(?:based )?(?:files?|formats?)|asciidoc"
    r"|restructuredtext|\bbinar(?:y|ies)\b|platte tekst|tekstbestand|tekstformaat|ren tekst"
    r"|ren text|textfil|tekstfil|testo semplice|file di testo|formato testo|klartext"
    r"|textformat|textdatei|reiner text|\bbinær|\bbinär|\bbinair|\bbinari\b"
    r"|(?:avoid|don't|do not)\s[\s\S]{0,30}?(?:word|docx|office|pdf|excel)",
)
# Apple's formats (.key, .pages, .numbers) are left out: .key is far more often a private key.
OFFICE_EXTENSIONS = frozenset("doc docx xls xlsx ppt pptx odt ods odp odg vsd vsdx".split())

# -- who pays for review (WC-4) -----------------------------------------------------------------
_REVIEW_TERM = (r"(?:review\w*|beoordel\w*|gennemg\w*|gransk\w*|revisione|überprüf\w*"
                r"|begutacht\w*|prüfung)")
_COST_TERM = (r"(?:\bcosts?\b|\bbudget\w*|\bfund(?:s|ed|ing|er|ers)?\b|\bpaid\b|\bpays? for\b"
              r"|\bpaying\b|financ\w*|kosten|betaal\w*|omkostning\w*|\bbetal\w*|kostnad\w*"
              r"|\bcost[io]\b|pagat\w*|finanz\w*|bezahl\w*|vergüt\w*|finansi\w*|sponsor\w*)")
_REVIEW_FUNDING = prose_pattern(
    rf"{_REVIEW_TERM}[\s\S]{{0,80}}?{_COST_TERM}|{_COST_TERM}[\s\S]{{0,80}}?{_REVIEW_TERM}",
)

# -- copyright transfer and contributor agreements (OL-4) ---------------------------------------
_COPYRIGHT_TRANSFER = prose_pattern(
    r"\bCLA\b|contributor licen[cs]e agreement|contributor agreement|copyright (?:assignment"
    r"|transfer)|assign\w*\s+(?:the\s+|your\s+|all\s+)?copyright|transfer\w*\s+(?:of\s+)?"
    r"(?:the\s+|your\s+)?copyright"
    r"|(?:overdracht|overdragen|overdrage|overføre|överlåt\w*|överför\w*|cessione|cedere"
    r"|übertragung|übertrag\w*|abtret\w*)[\s\S]{0,40}?(?:auteursrecht|ophavsret|upphovsrätt"
    r"|diritt[oi] d'autore|urheberrecht|nutzungsrecht)"
    r"|(?:auteursrecht|ophavsret|upphovsrätt|urheberrecht)\w*[\s\S]{0,40}?(?:over te dragen"
    r"|overdrage|överlåta|übertragen|abtreten)"
    r"|bijdragersovereenkomst|beitragslizenzvereinbarung",
)
_DCO = re.compile(r"developer certificate of origin|\bDCO\b|signed-off-by", re.IGNORECASE)
_CLA_FILE = re.compile(
    r"^(?:cla|icla|ccla|individual[-_]cla|corporate[-_]cla|contributor[-_]licen[cs]e"
    r"[-_]agreement|contributor[-_]agreement|\.clabot|cla\.json)(?:\.\w+)?$",
    re.IGNORECASE,
)
_CLA_BOT = re.compile(
    r"cla-assistant|contributor-assistant/github-action|easycla|cla-bot|clabot|cla-checker",
    re.IGNORECASE,
)
_WORKFLOW_DIRS = (".github/workflows",)


def _external_evidence(external: list[tuple[str, Link]]) -> list[Evidence]:
    return [Evidence(f"link to guidelines elsewhere: {link.url}", path, link.line)
            for path, link in external[:MAX_HITS]]


def _looked(guides: Guidelines) -> Evidence:
    if guides.empty:
        return Evidence(f"No guidelines: {LOOKED_FOR_GUIDE}.")
    return Evidence(f"searched {guides.places()}")


# -- WC-2 ----------------------------------------------------------------------------------------
@check(
    id="contribution-guidelines",
    title="Contribution guidelines exist",
    requirements=["WC-2"],
    why=(
        "People who want to help need to know which contributions are welcome and how to take "
        "part; without guidelines most never try."
    ),
    how_to_fix=(
        "Add a CONTRIBUTING.md at the root saying which contributions you welcome (bug reports, "
        "ideas, code, translations) and the steps to propose one."
    ),
)
def contribution_guidelines(context: CheckContext) -> Iterator[Finding]:
    snapshot = context.snapshot
    guides = guidelines(snapshot)
    file = guides.file
    if file is not None and file.words >= MIN_GUIDE_WORDS:
        yield passed("WC-2", "Contribution guidelines found.",
                     Evidence(f"{file.words} words of guidelines", file.path, 1))
        return
    full = [d for d in guides.guides
            if _GUIDE_FILE_STRICT.search(posixpath.basename(d.path))
            and d.words >= MIN_GUIDE_WORDS]
    if full:
        yield passed("WC-2", "Contribution guidelines found in the documentation.",
                     Evidence(f"{full[0].words} words of guidelines", full[0].path, 1))
        return
    long_sections = [b for b in guides.sections if b.words >= MIN_GUIDE_WORDS]
    if long_sections:
        block = long_sections[0]
        yield passed("WC-2", "The documentation has a section on contributing.",
                     heading_evidence(block, f"{block.words} words"))
        return
    short: list[Evidence] = []
    if file is not None:
        short.append(Evidence(f"only {file.words} words", file.path, 1))
    short.extend(heading_evidence(b, f"only {b.words} words") for b in guides.sections[:2])
    short.extend(_external_evidence(guides.external))
    pointers = [*(((file.path, link) for link in file.links) if file is not None else ()),
                *((b.doc.path, link) for b in guides.sections for link in b.links)]
    short.extend(Evidence(f"links to {link.url}", path, link.line)
                 for path, link in pointers[:2] if link.url.startswith("http"))
    if short:
        yield needs_person(
            "WC-2",
            "Only a short note or a link about contributing was found; check that the guidelines "
            "it points to say what is welcome and how to take part.",
            *short[:5],
        )
        return
    yield failed("WC-2", "No contribution guidelines found.",
                 Evidence(f"{LOOKED_FOR_GUIDE}; {ORG_DEFAULT_NOTE}"))


# -- WC-4 ----------------------------------------------------------------------------------------
@check(
    id="review-funding",
    title="Guidelines say who pays for reviews",
    requirements=["WC-4"],
    why=(
        "Reviewing contributions costs time; saying who pays for it tells contributors whether "
        "their work will be looked at and by whom."
    ),
    how_to_fix=(
        "Add a sentence to CONTRIBUTING.md or GOVERNANCE.md saying which organisation funds the "
        "review of contributions (for example: the maintaining municipality budgets review time)."
    ),
)
def review_funding(context: CheckContext) -> Iterator[Finding]:
    snapshot = context.snapshot
    guides = guidelines(snapshot)
    passages = guides.passages(templates=False)
    governance = documents(snapshot).get("governance")
    if governance is not None and not governance.is_assessment:
        passages.append(passage_of(governance))
    if not passages:
        yield warned("WC-4", "There are no contribution guidelines to say who pays for reviews.",
                     Evidence(f"{LOOKED_FOR_GUIDE}, and for GOVERNANCE"))
        return
    hits = find_hits(passages, _REVIEW_FUNDING)
    if hits:
        yield passed("WC-4", "The guidelines mention how reviews are paid for.",
                     *(h.evidence() for h in hits))
        return
    yield warned("WC-4", "The guidelines do not say who pays for reviewing contributions.",
                 Evidence("searched " + ", ".join(sorted({p.path for p in passages})[:6])))


# -- CI-3 ----------------------------------------------------------------------------------------
@check(
    id="contribution-structure",
    title="Guidelines explain how to structure a contribution",
    requirements=["CI-3"],
    why=(
        "Contributions that follow a known shape (branch, commit messages, description, tests, "
        "review) are quicker to review and to merge."
    ),
    how_to_fix=(
        "In CONTRIBUTING.md or a pull request template, describe how to branch, how to write "
        "commit messages, what a pull request description should contain, which tests are "
        "expected and how review works."
    ),
)
def contribution_structure(context: CheckContext) -> Iterator[Finding]:
    snapshot = context.snapshot
    guides = guidelines(snapshot)
    if guides.empty:
        if guides.external:
            yield needs_person("CI-3", "The contribution guidelines seem to be kept elsewhere.",
                               *_external_evidence(guides.external))
        else:
            yield failed("CI-3", "No guidelines explain how to structure a contribution.",
                         Evidence(f"{LOOKED_FOR_GUIDE}; {ORG_DEFAULT_NOTE}"))
        return
    passages = guides.passages()
    found: dict[str, Evidence] = {}
    if guides.templates:
        found["pull request description and linked issues"] = Evidence(
            "pull request template", guides.templates[0].path, 1)
    for topic, pattern in _TOPICS.items():
        if topic in found:
            continue
        hits = find_hits(passages, pattern, limit=1)
        if hits:
            found[topic] = hits[0].evidence(f"{topic}: ")
    missing = [t for t in _TOPICS if t not in found]
    if len(found) >= 2:
        yield passed("CI-3", f"The guidelines cover {len(found)} of {len(_TOPICS)} topics.",
                     *found.values())
        return
    message = ("The guidelines cover only one topic of how to structure a contribution."
               if found else "The guidelines do not say how to structure a contribution.")
    yield warned("CI-3", message, *found.values(),
                 Evidence("not found: " + ", ".join(missing)), _looked(guides))


# -- CI-6 ----------------------------------------------------------------------------------------
@check(
    id="focused-contributions",
    title="Guidelines ask for one issue per contribution",
    requirements=["CI-6"],
    why=(
        "A change that addresses a single issue is easier to review, test and revert than one "
        "that mixes several."
    ),
    how_to_fix=(
        "Add to CONTRIBUTING.md or the pull request template: keep each pull request to one "
        "issue or topic, and open separate pull requests for unrelated changes."
    ),
)
def focused_contributions(context: CheckContext) -> Iterator[Finding]:
    snapshot = context.snapshot
    guides = guidelines(snapshot)
    hits = find_hits(guides.passages(), _SINGLE_TOPIC)
    if hits:
        yield passed("CI-6", "The guidelines ask for focused contributions.",
                     *(h.evidence() for h in hits))
    else:
        yield warned("CI-6", "The guidelines do not ask for one issue per contribution.",
                     _looked(guides))


# -- VC-5 ----------------------------------------------------------------------------------------
@check(
    id="commit-grouping",
    title="Guidelines ask to group related changes in commits",
    requirements=["VC-5"],
    why=(
        "Commits that each hold one logical change make history readable and let people find, "
        "review and undo a single change."
    ),
    how_to_fix=(
        "Ask in CONTRIBUTING.md for one logical change per commit (or name a commit convention "
        "such as Conventional Commits, or say that pull requests are squashed)."
    ),
)
def commit_grouping(context: CheckContext) -> Iterator[Finding]:
    snapshot = context.snapshot
    guides = guidelines(snapshot)
    evidence = [h.evidence() for h in find_hits(guides.passages(), _COMMIT_GROUPING)]
    for name in _COMMITLINT_FILES:
        path = snapshot.find_ci(name)
        if path is not None:
            evidence.append(Evidence("commit convention configured", path))
            break
    if evidence:
        yield passed("VC-5", "The guidelines say how to group changes in commits.", *evidence)
    else:
        yield warned("VC-5", "The guidelines do not ask to keep related changes in one commit.",
                     _looked(guides))


# -- VC-7 ----------------------------------------------------------------------------------------
@check(
    id="diff-friendly-formats",
    title="Guidelines favour file formats that diff well",
    requirements=["VC-7"],
    why=(
        "Changes to text files such as Markdown can be read and reviewed line by line; changes to "
        "office documents and other binaries cannot."
    ),
    how_to_fix=(
        "Say in CONTRIBUTING.md that documentation and data go in plain-text formats (Markdown, "
        "CSV, YAML) rather than Word, Excel or PDF files, and convert tracked office documents."
    ),
)
def diff_friendly_formats(context: CheckContext) -> Iterator[Finding]:
    snapshot = context.snapshot
    guides = guidelines(snapshot)
    hits = find_hits(guides.passages(templates=False), _TEXT_FORMATS)
    office = office_documents(snapshot)
    office_evidence = [Evidence("office document kept in the repository", p) for p in office[:5]]
    if len(office) > 5:
        office_evidence.append(Evidence(f"… and {len(office) - 5} more office documents"))
    if hits:
        yield passed("VC-7", "The guidelines mention text formats.",
                     *(h.evidence() for h in hits), *office_evidence)
    else:
        yield warned("VC-7", "The guidelines do not ask for text formats that diff well.",
                     _looked(guides), *office_evidence)


def office_documents(snapshot: Snapshot) -> list[str]:
    """Office documents in the tree, leaving out vendored code and test fixtures."""
    found = []
    for path in snapshot.paths:
        ext = posixpath.splitext(path)[1][1:].lower()
        if ext in OFFICE_EXTENSIONS and not is_vendored(path) and not is_fixture_path(path):
            found.append(path)
    return found


# -- OL-4 ----------------------------------------------------------------------------------------
@check(
    id="no-copyright-transfer",
    title="Contributors keep their copyright",
    requirements=["OL-4"],
    why=(
        "Asking contributors to hand over their copyright puts many off, and civil servants are "
        "often not allowed to; an open licence is enough to reuse their work."
    ),
    how_to_fix=(
        "Accept contributions under the project's open licence (a Developer Certificate of Origin "
        "sign-off is enough); drop any agreement that transfers copyright."
    ),
)
def no_copyright_transfer(context: CheckContext) -> Iterator[Finding]:
    snapshot = context.snapshot
    guides = guidelines(snapshot)
    passages = guides.passages()
    cla_files = _cla_files(snapshot)
    evidence = [Evidence("contributor agreement file", path) for path in cla_files[:MAX_HITS]]
    for path in cla_files:
        text = snapshot.read_text(path, 256 * 1024)
        if text:
            passages.append(Passage(path, 1, text))
    hits = find_hits(passages, _COPYRIGHT_TRANSFER)
    evidence.extend(h.evidence() for h in hits)
    evidence.extend(_cla_bots(snapshot))
    if evidence:
        yield needs_person(
            "OL-4",
            "A contributor agreement or copyright transfer is mentioned; check that contributors "
            "keep their copyright.",
            *evidence,
        )
        return
    dco = find_hits(passages, _DCO, limit=1)
    where = _looked(guides) if not guides.empty else Evidence(LOOKED_FOR_GUIDE)
    yield passed("OL-4", "Nothing asks contributors to transfer their copyright.",
                 *(h.evidence("contributions are signed off instead: ") for h in dco), where)


def _cla_files(snapshot: Snapshot) -> list[str]:
    found = []
    for directory in ("", "docs", ".github"):
        for path in snapshot.children(directory):
            if _CLA_FILE.match(posixpath.basename(path)):
                found.append(path)
    return found


def _cla_bots(snapshot: Snapshot) -> list[Evidence]:
    evidence = []
    for directory in _WORKFLOW_DIRS:
        for path in snapshot.children(directory):
            if not path.lower().endswith((".yml", ".yaml")):
                continue
            text = snapshot.head_text(path, WORKFLOW_HEAD_BYTES) or ""
            match = _CLA_BOT.search(text)
            if match:
                line = text.count("\n", 0, match.start()) + 1
                evidence.append(Evidence(f"contributor agreement bot: {match.group(0)}", path,
                                         line))
    return evidence
