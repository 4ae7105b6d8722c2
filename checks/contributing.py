"""Contribution guidelines: whether they exist and what they ask of contributors."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

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
from publiccode_checker.evidence.contribution_guides import (
    LOOKED_FOR_GUIDE,
    ORG_DEFAULT_NOTE,
    Guidelines,
    guidelines,
)
from publiccode_checker.evidence.documents import Link, documents, is_process_document
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


# -- example repositories for the reference pages -----------------------------------------------
#: Guidelines that say what is welcome and how to take part, and nothing more.
_EXAMPLE_GUIDE = (
    "# Contributing to Permits\n\nWe welcome bug reports, ideas, translations and code from "
    "residents, other municipalities and suppliers.\n\nTo report a bug or suggest a feature, "
    "open an issue and say what you expected. To change the code, fork the repository, make "
    "your change on a branch and open a pull request. A maintainer from Example Town answers "
    "within a week.\n"
)
_EXAMPLE_README = "# Permits\n\nApply for a parking permit online.\n"


def _example_guide(extra: str) -> dict[str, str]:
    """The example guidelines with one more paragraph."""
    return {"CONTRIBUTING.md": _EXAMPLE_GUIDE + "\n" + extra + "\n"}


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
    strength=Strength.STRONG,
    why=(
        "People who want to help need to know which contributions are welcome and how to take "
        "part; without guidelines most never try."
    ),
    how_to_fix=(
        "Add a CONTRIBUTING.md at the root saying which contributions you welcome (bug reports, "
        "ideas, code, translations) and the steps to propose one."
    ),
    limitations=(
        "It counts words, not what they say: 50 words under a Contributing heading pass even "
        "when they explain that contributions are not accepted. Guidelines kept on a website "
        "only get a question for a person, and an organisation-wide CONTRIBUTING in the "
        "organisation's .github repository is not visible, so such a repository fails."
    ),
    examples=[
        Example("A CONTRIBUTING file", {"CONTRIBUTING.md": _EXAMPLE_GUIDE}, {"WC-2": "pass"}),
        Example("A README section that only links elsewhere",
                {"README.md": "# Permits\n\n## Contributing\n\nSee [our guidelines]"
                              "(https://example-town.eu/permits/contribute).\n"},
                {"WC-2": "manual"}),
        Example("No guidelines", {"README.md": _EXAMPLE_README}, {"WC-2": "fail"}),
    ],
)
def contribution_guidelines(context: CheckContext) -> Iterator[Finding]:
    """Passes on 50 words or more of guidelines: in a CONTRIBUTING file (root, docs/ or
    .github/), in a contribution guide under docs/, or in a section headed Contributing (also
    in Dutch, Danish, Swedish, Italian and German) of the README or other documentation, lists
    of contributors, change logs and assessments against the Standard left out. Asks a person
    (manual) when only a shorter note or a link to guidelines elsewhere is found, and fails
    when there is nothing."""
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
                     heading_evidence(block, f"{block.words} words"),
                     strength=Strength.STRONG if is_process_document(block.doc)
                     else Strength.WEAK)
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
    strength=Strength.WEAK,
    why=(
        "Reviewing contributions costs time; saying who pays for it tells contributors whether "
        "their work will be looked at and by whom."
    ),
    how_to_fix=(
        "Add a sentence to CONTRIBUTING.md or GOVERNANCE.md saying which organisation funds the "
        "review of contributions (for example: the maintaining municipality budgets review time)."
    ),
    limitations=(
        "It looks for a review word and a cost word (cost, budget, funded, paid, sponsor...) "
        "within 80 characters in one paragraph, so 'we review every change for its hosting "
        "costs' passes, while a clear answer spread over two paragraphs or kept in a contract "
        "or on a website is missed. It never fails; missing guidelines give a warning."
    ),
    examples=[
        Example("The guidelines say who pays for review",
                _example_guide("Review time is paid for by Example Town's maintenance budget."),
                {"WC-4": "pass"}),
        Example("Guidelines that do not mention it",
                {"CONTRIBUTING.md": _EXAMPLE_GUIDE}, {"WC-4": "warn"}),
    ],
)
def review_funding(context: CheckContext) -> Iterator[Finding]:
    """Searches the contribution guidelines (CONTRIBUTING, guides under docs/, Contributing
    sections; not pull request templates) and GOVERNANCE for a sentence that ties reviewing to
    paying for it, in English, Dutch, Danish, Swedish, Italian or German. Passes when one is
    found, warns when none is, or when there are no guidelines to search."""
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
    strength=Strength.WEAK,
    why=(
        "Contributions that follow a known shape (branch, commit messages, description, tests, "
        "review) are quicker to review and to merge."
    ),
    how_to_fix=(
        "In CONTRIBUTING.md or a pull request template, describe how to branch, how to write "
        "commit messages, what a pull request description should contain, which tests are "
        "expected and how review works."
    ),
    limitations=(
        "Each topic is one keyword match: 'branch' or 'fork' counts as branching advice, any "
        "mention of tests or review counts, and any pull request template counts as describing "
        "a pull request. So two incidental words pass, while thorough guidance in unusual words "
        "warns. Guidelines kept elsewhere only get a question for a person."
    ),
    examples=[
        Example("Guidelines on branches, tests and review",
                _example_guide("Add tests for your change. A maintainer reviews every pull "
                               "request before it is merged."),
                {"CI-3": "pass"}),
        Example("Guidelines that only mention forking",
                {"CONTRIBUTING.md": _EXAMPLE_GUIDE}, {"CI-3": "warn"}),
        Example("No guidelines", {"README.md": _EXAMPLE_README}, {"CI-3": "fail"}),
    ],
)
def contribution_structure(context: CheckContext) -> Iterator[Finding]:
    """Searches the contribution guidelines and pull request templates for five topics:
    branching, commit messages, the pull request description and linked issues (a pull request
    template counts), tests and the review process. Passes when two or more are covered, warns
    with one or none; without any guidelines it asks a person (manual) when the documentation
    links to guidelines elsewhere, and fails otherwise."""
    snapshot = context.snapshot
    guides = guidelines(snapshot)
    if guides.empty:
        if guides.external:
            yield needs_person("CI-3", "The contribution guidelines seem to be kept elsewhere.",
                               *_external_evidence(guides.external))
        else:
            # Every place guidelines are kept was read and none exists: not a keyword miss.
            yield failed("CI-3", "No guidelines explain how to structure a contribution.",
                         Evidence(f"{LOOKED_FOR_GUIDE}; {ORG_DEFAULT_NOTE}"),
                         strength=Strength.STRONG)
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
    strength=Strength.WEAK,
    why=(
        "A change that addresses a single issue is easier to review, test and revert than one "
        "that mixes several."
    ),
    how_to_fix=(
        "Add to CONTRIBUTING.md or the pull request template: keep each pull request to one "
        "issue or topic, and open separate pull requests for unrelated changes."
    ),
    limitations=(
        "It matches phrases such as 'one issue per pull request', 'small pull requests' or "
        "'separate pull requests', and does not understand negation: 'you don't need to keep "
        "pull requests small' passes. Advice in other words ('don't mix two fixes') is missed. "
        "It never fails: no guidelines at all give the same warning."
    ),
    examples=[
        Example("The guidelines ask for one issue per pull request",
                _example_guide("Keep pull requests small: one issue per pull request."),
                {"CI-6": "pass"}),
        Example("Guidelines that do not ask for it",
                {"CONTRIBUTING.md": _EXAMPLE_GUIDE}, {"CI-6": "warn"}),
    ],
)
def focused_contributions(context: CheckContext) -> Iterator[Finding]:
    """Searches the contribution guidelines and pull request templates for a request to keep
    each contribution to one issue (one change per pull request, small or focused pull
    requests, separate pull requests for unrelated changes), in English, Dutch, Danish,
    Swedish, Italian or German. Passes when found and warns otherwise."""
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
    strength=Strength.WEAK,
    why=(
        "Commits that each hold one logical change make history readable and let people find, "
        "review and undo a single change."
    ),
    how_to_fix=(
        "Ask in CONTRIBUTING.md for one logical change per commit (or name a commit convention "
        "such as Conventional Commits, or say that pull requests are squashed)."
    ),
    limitations=(
        "Any mention of squashing, a commit convention or a commitlint configuration passes, "
        "though a message format does not ask anyone to keep related changes together. Phrases "
        "are matched without understanding, so 'we do not squash' passes too. It never fails: "
        "no guidelines at all give the same warning."
    ),
    examples=[
        Example("The guidelines ask for one logical change per commit",
                _example_guide("Make one logical change per commit."), {"VC-5": "pass"}),
        Example("Guidelines that say nothing about commits",
                {"CONTRIBUTING.md": _EXAMPLE_GUIDE}, {"VC-5": "warn"}),
    ],
)
def commit_grouping(context: CheckContext) -> Iterator[Finding]:
    """Searches the contribution guidelines and pull request templates for advice on what goes
    in a commit (atomic or logical commits, one change per commit, squashing, interactive
    rebase, Conventional Commits), and the root for a commitlint or commitizen configuration.
    Passes when either is found and warns otherwise."""
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
    strength=Strength.WEAK,
    why=(
        "Changes to text files such as Markdown can be read and reviewed line by line; changes to "
        "office documents and other binaries cannot."
    ),
    how_to_fix=(
        "Say in CONTRIBUTING.md that documentation and data go in plain-text formats (Markdown, "
        "CSV, YAML) rather than Word, Excel or PDF files, and convert tracked office documents."
    ),
    limitations=(
        "Any mention of Markdown, plain text or binaries in the guidelines passes, so 'the "
        "binary is built with make' is enough. Office documents kept in the repository are "
        "listed as evidence but never change the verdict. It never fails: no guidelines at all "
        "give the same warning."
    ),
    examples=[
        Example("The guidelines ask for Markdown",
                _example_guide("Write documentation in Markdown, not in Word documents."),
                {"VC-7": "pass"}),
        Example("Guidelines silent on formats, and a Word document in the tree",
                {"CONTRIBUTING.md": _EXAMPLE_GUIDE,
                 "docs/fees.docx": "(a Word document)\n"},
                {"VC-7": "warn"}),
    ],
)
def diff_friendly_formats(context: CheckContext) -> Iterator[Finding]:
    """Searches the contribution guidelines (not pull request templates) for a preference for
    text formats: plain text, Markdown, AsciiDoc or reStructuredText, text files, binaries, or
    avoiding Word, Excel or PDF, in English, Dutch, Danish, Swedish, Italian or German. Passes
    when found and warns otherwise; office documents tracked outside test fixtures and vendored
    code are listed either way."""
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
    strength=Strength.STRONG,
    why=(
        "Asking contributors to hand over their copyright puts many off, and civil servants are "
        "often not allowed to; an open licence is enough to reuse their work."
    ),
    how_to_fix=(
        "Accept contributions under the project's open licence (a Developer Certificate of Origin "
        "sign-off is enough); drop any agreement that transfers copyright."
    ),
    limitations=(
        "A mention is not a requirement: 'we do not require a CLA' gets a question, and so "
        "does a licence-only agreement that leaves copyright with the contributor. An "
        "agreement demanded by a GitHub app (rather than a workflow), a web form or a contract "
        "is not seen, so the check passes; it also passes when there are no guidelines at all."
    ),
    examples=[
        Example("Contributions are signed off under a DCO",
                _example_guide("Sign off your commits (Developer Certificate of Origin); you "
                               "keep the copyright of your work."),
                {"OL-4": "pass"}),
        Example("Contributors must sign a CLA",
                _example_guide("Before we can merge your first pull request, you must sign "
                               "our CLA."),
                {"OL-4": "manual"}),
    ],
)
def no_copyright_transfer(context: CheckContext) -> Iterator[Finding]:
    """Searches the contribution guidelines, pull request templates and any CLA or contributor
    agreement file in the root, docs/ or .github/ for a contributor licence agreement or a
    transfer of copyright (also in Dutch, Danish, Swedish, Italian and German), and the GitHub
    workflows for CLA bots. Asks a person (manual) when any is found; otherwise passes, noting
    a Developer Certificate of Origin sign-off when there is one. It never fails."""
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
    # Guidelines read without a word of an agreement are strong; with no guidelines at all,
    # only file names and workflows were searched.
    yield passed("OL-4", "Nothing asks contributors to transfer their copyright.",
                 *(h.evidence("contributions are signed off instead: ") for h in dco), where,
                 strength=Strength.WEAK if guides.empty else Strength.STRONG)


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
