"""Review guidelines: what reviewers are asked to look at.

Only people can say what reviews really cover, so these checks collect what the repository asks of
reviewers (pull request checklists, code owners, review sections) as evidence for that answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    needs_person,
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.contribution_guides import guidelines
from publiccode_checker.evidence.documents import Document, documents
from publiccode_checker.evidence.section_blocks import MAX_SECTIONS, blocks_matching
from publiccode_checker.evidence.text_search import Passage, bounded, find_hits, prose_pattern
from publiccode_checker.snapshots import Snapshot

_REVIEW_HEADING = re.compile(
    r"review|beoordel|gennemgang|granskning|revisione|überprüfung|begutachtung"
    r"|pull[- ]requests?|merge[- ]requests?",
    re.IGNORECASE,
)
_CHECKLIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\][ \t]*(.+?)[ \t]*$",
                             re.MULTILINE)
#: What a review should cover, and words that show a checklist item is about it.
_SCOPE: dict[str, re.Pattern[str]] = {
    "tests": re.compile(r"\btest|\bspec\b|coverage|getest|testad|testat", re.IGNORECASE),
    "documentation": re.compile(
        r"\bdoc|readme|changelog|release notes|documentat|dokument|documentazione|handleiding",
        re.IGNORECASE,
    ),
    "policy": re.compile(r"polic|beleid|politik|regel|\brules?\b|legislat|\bwet\b|\blov\b",
                         re.IGNORECASE),
    "code": re.compile(r"\bcode\b|\blint|\bstyle|\bbuild|compil|\bcodice\b|\bkode\b|\bkod\b",
                       re.IGNORECASE),
}
_CODEOWNERS_SCOPE: dict[str, re.Pattern[str]] = {
    "tests": re.compile(r"test|spec", re.IGNORECASE),
    "documentation": re.compile(r"doc|\.md\b|readme", re.IGNORECASE),
}
_CONFORMANCE = prose_pattern(
    r"coding (?:standards?|conventions?|guidelines?|style)|code[- ]?style|style ?guide"
    r"|\blint(?:er|ers|ing|s)?\b|static (?:code )?analysis|\bPSR-?\d+|\bPEP ?8\b|eslint"
    r"|prettier|\bruff\b|phpcs|checkstyle|rubocop|gofmt|golangci|sonar\w*|architect\w*"
    r"|\bADRs?\b|decision records?|design decisions?|codeerstandaard|code-?conventies"
    r"|codestijl|kodestil|kodningsstandard|kodstandard|stile (?:di|del) codice"
    r"|standard di codifica|convenzioni di codifica|codierrichtlinien|coding-richtlinien"
    r"|programmierrichtlinien|architektur|architectuur|arkitektur|architettura",
)


def review_passages(snapshot: Snapshot) -> list[Passage]:
    """Contribution guidelines, templates and review sections anywhere in the documentation."""
    guides = guidelines(snapshot)
    passages = guides.passages()
    taken = {p.path for p in passages if p.line == 1}
    corpus = [d for d in documents(snapshot).all() if d.path not in taken]
    passages.extend(b.passage for b in blocks_matching(corpus, _REVIEW_HEADING,
                                                                    outermost=True,
                                                                    limit=MAX_SECTIONS))
    return bounded(passages)


# -- RR-2 ----------------------------------------------------------------------------------------
@check(
    id="review-scope",
    title="Reviews cover code, policy, tests and documentation",
    requirements=["RR-2"],
    strength=Strength.WEAK,
    why=(
        "A change is only ready when its code, the policy it implements, its tests and its "
        "documentation agree; reviewers should look at all four."
    ),
    how_to_fix=(
        "Add a pull request template with a review checklist (code, tests, documentation, "
        "policy) and, if useful, CODEOWNERS entries so the right people review docs and tests."
    ),
    limitations=(
        "It never passes or fails: a checklist shows what reviewers are asked, not what they "
        "do. A checklist item is matched on words alone, so 'No code of conduct issues' counts "
        "as covering code and 'Tests were not needed' as covering tests. Review expectations "
        "written as prose in CONTRIBUTING, rather than as '- [ ]' items in a pull request "
        "template, are not read at all."
    ),
    examples=[
        Example("A pull request checklist names tests, documentation and policy",
                {".github/pull_request_template.md":
                    "## Checklist\n\n- [ ] Tests cover the change\n"
                    "- [ ] The user guide and CHANGELOG are updated\n"
                    "- [ ] The fee rules match the council's policy\n"},
                {"RR-2": "manual"}),
        Example("No pull request template or code owners",
                {"README.md": "# Permits\n"},
                {"RR-2": "manual"}),
    ],
)
def review_scope(context: CheckContext) -> Iterator[Finding]:
    """Always asks a person (manual), with evidence: checklist items ('- [ ] ...') in pull
    request templates that mention tests, documentation, policy or code, which of the four no
    item covers, and CODEOWNERS entries that assign reviewers to every file or to test and
    documentation paths. The question says whether a template, a checklist or neither was
    found."""
    snapshot = context.snapshot
    docs = documents(snapshot)
    covered: dict[str, Evidence] = {}
    for template in docs.pull_request_templates:
        for item, line in _checklist(template):
            for scope, pattern in _SCOPE.items():
                if scope not in covered and pattern.search(item):
                    covered[scope] = Evidence(f"checklist item on {scope}: “{item[:120]}”",
                                              template.path, line)
    owners = _codeowners_scope(docs.get("codeowners"))
    evidence = [*covered.values(), *owners]
    if covered:
        listed = ", ".join(covered)
        message = (f"The pull request checklist covers {listed}; confirm that every review "
                   "looks at code, policy, tests and documentation.")
    elif docs.pull_request_templates:
        message = ("The pull request template has no review checklist; confirm that reviews "
                   "cover code, policy, tests and documentation.")
        evidence.insert(0, Evidence("pull request template without checklist items",
                                    docs.pull_request_templates[0].path, 1))
    else:
        message = ("No pull request template or review checklist found; confirm that reviews "
                   "cover code, policy, tests and documentation.")
    missing = [s for s in _SCOPE if s not in covered]
    if covered and missing:
        evidence.append(Evidence("checklist says nothing on " + ", ".join(missing)))
    yield needs_person("RR-2", message, *evidence)


def _checklist(doc: Document) -> Iterator[tuple[str, int]]:
    for match in _CHECKLIST_ITEM.finditer(doc.text):
        yield match.group(1), doc.text.count("\n", 0, match.start()) + 1


def _codeowners_scope(doc: Document | None) -> list[Evidence]:
    if doc is None:
        return []
    evidence = []
    seen: set[str] = set()
    for number, raw in enumerate(doc.text.splitlines(), 1):
        parts = raw.split("#", 1)[0].split()
        if len(parts) < 2:
            continue
        pattern = parts[0]
        if pattern in ("*", "/*", "/", "**", "/**") and "everything" not in seen:
            seen.add("everything")
            evidence.append(Evidence("every file has code owners who review it", doc.path,
                                     number))
        for scope, regex in _CODEOWNERS_SCOPE.items():
            if scope not in seen and regex.search(pattern):
                seen.add(scope)
                evidence.append(Evidence(f"code owners review {scope} ({pattern})", doc.path,
                                         number))
    return evidence


# -- RR-4 ----------------------------------------------------------------------------------------
@check(
    id="review-conformance",
    title="Reviews check standards, architecture and decisions",
    requirements=["RR-4"],
    strength=Strength.WEAK,
    why=(
        "Reviews that check a change against the coding standards, the architecture and earlier "
        "decisions keep the codebase coherent as more people contribute."
    ),
    how_to_fix=(
        "In CONTRIBUTING.md or the pull request template, ask reviewers to confirm the change "
        "follows the style guide and linters, fits the architecture and respects recorded "
        "decisions (ADRs)."
    ),
    limitations=(
        "One matching word anywhere in the contribution guidelines passes, whether or not it "
        "is addressed to reviewers: 'run the linter before you push', or a link to an "
        "architecture page. Guidelines kept on a website or wiki are not seen, and linters that "
        "CI enforces on every pull request do not count unless the text names them, so such "
        "projects get a warning."
    ),
    examples=[
        Example("CONTRIBUTING asks reviewers to check the coding standards",
                {"CONTRIBUTING.md": "# Contributing\n\n## Review\n\nReviewers check that "
                                    "the change follows PEP 8 and the architecture "
                                    "decision records in docs/adr.\n"},
                {"RR-4": "pass"}),
        Example("Contribution guidelines that say nothing about conformance",
                {"CONTRIBUTING.md": "# Contributing\n\nThank you for helping. Open a pull "
                                    "request and we will look at it.\n"},
                {"RR-4": "warn"}),
    ],
)
def review_conformance(context: CheckContext) -> Iterator[Finding]:
    """Searches the contribution guidelines (CONTRIBUTING, contribution and review guides under
    docs/, contribution sections, pull request templates) and any section headed review, pull
    request or merge request for words about conformance: coding standards or style, linters
    and formatters by name (PEP 8, PSR, ESLint, Prettier, Ruff, Sonar...), architecture, or
    decision records (ADRs), also in Dutch, Danish, Swedish, Italian and German. Passes on a
    match; warns otherwise, saying where it looked."""
    snapshot = context.snapshot
    passages = review_passages(snapshot)
    hits = find_hits(passages, _CONFORMANCE)
    if hits:
        yield passed("RR-4", "The guidelines ask for conformance to standards or architecture.",
                     *(h.evidence() for h in hits))
        return
    where = sorted({p.path for p in passages})
    looked = (Evidence("searched " + ", ".join(where[:6])) if where else
              Evidence("no contribution guidelines, pull request template or review section "
                       "found"))
    yield warned("RR-4", "Nothing asks reviewers to check coding standards, architecture or "
                         "decisions.", looked)
