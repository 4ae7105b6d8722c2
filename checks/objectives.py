"""Document codebase objectives: the mission, its link to policy, and a version for the public."""

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
    info,
    needs_person,
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.documents import (
    documents,
    is_process_document,
)
from publiccode_checker.evidence.external_sites import (
    LEGISLATION_HOSTS,
    external_docs_evidence,
    host_of,
)
from publiccode_checker.evidence.language import clean_prose, detect_language, readability
from publiccode_checker.evidence.markdown_sections import count_words
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.evidence.section_blocks import blocks_matching, readme_intro
from publiccode_checker.snapshots import Snapshot

OBJECTIVES_HEADING = re.compile(
    r"\b(about|purpose|goals?|objectives?|aims?|mission|vision|why|introduction|"
    # "Background jobs" and "background colour" are not the project's background.
    r"background(?!\s+(?:jobs?|tasks?|process\w*|workers?|queues?|colou?rs?|images?|"
    r"services?|sync\w*))|"
    r"motivation|what is|formål|baggrund|doel(en|stelling)?|achtergrond|missie|visie|"
    r"obiettiv[oi]|scopo|missione|ziele?|zweck|hintergrund)\b",
    re.IGNORECASE,
)
_POLICY_TERMS = re.compile(
    r"\b(polic(y|ies)|law|laws|legislation|legal|regulations?|directive|statute|act of|"
    r"decree|ordinance|mandate|public (service|sector|task)|government|municipal\w*|"
    r"GDPR|eIDAS|beleid|wet(geving)?|lov(givning|en)?|bekendtgørelse|normativa|legge|"
    r"decreto|Gesetz\w*|Verordnung)\b",
    re.IGNORECASE,
)
MIN_SECTION_WORDS = 30
MIN_LONG_DESCRIPTION = 150
MIN_INTRO_WORDS = 25

_PURPOSE_EXAMPLE = (
    "# Permits\n\n## Purpose\n\nResidents should get a parking permit without a trip to the "
    "town hall. The app replaces paper forms, so staff spend less time typing and more time "
    "helping people. It carries out the parking policy of the city council.\n"
)
_INTRO_EXAMPLE = (
    "# Permits\n\nPermits lets residents apply for a parking permit online. They fill in one "
    "short form, pay the fee and get the permit by email the same day.\n"
)


@dataclass(frozen=True)
class ObjectivesText:
    text: str
    evidence: Evidence
    strong: bool
    #: Found in the project's own process documents (README, community files, publiccode.yml,
    #: the documentation's landing page) rather than in a page deeper in docs/.
    process: bool = True



def objectives_texts(snapshot: Snapshot) -> list[ObjectivesText]:
    """Where the codebase states its goals: sections, publiccode.yml and the README intro."""
    found: list[ObjectivesText] = []
    docs = documents(snapshot)
    for block in blocks_matching(docs.all(), OBJECTIVES_HEADING):
        if block.words >= MIN_SECTION_WORDS:
            found.append(ObjectivesText(block.text, block.evidence(
                f"section '{block.section.heading}' ({block.words} words)"), True,
                is_process_document(block.doc)))
    pc = publiccode(snapshot)
    descriptions = pc.get("description")
    if isinstance(descriptions, dict):
        for language, body in descriptions.items():
            text = body.get("longDescription") if isinstance(body, dict) else None
            if isinstance(text, str) and len(text.strip()) >= MIN_LONG_DESCRIPTION:
                found.append(ObjectivesText(text, Evidence(
                    f"publiccode.yml description.{language}.longDescription", pc.path,
                    pc.key_line("description")), True))
    if docs.readme is not None:
        intro = readme_intro(docs.readme)
        paragraph = next((p for p in intro.prose if count_words(p) >= MIN_INTRO_WORDS), None)
        if paragraph is not None:
            found.append(ObjectivesText(paragraph, intro.evidence(
                f"README introduction ({count_words(paragraph)} words)"), False))
    return found


def _legislation_links(snapshot: Snapshot, texts: list[ObjectivesText]) -> Evidence | None:
    docs = documents(snapshot)
    for block in blocks_matching(docs.all(), OBJECTIVES_HEADING):
        for link in block.links:
            host = host_of(link.url)
            if any(host == h or host.endswith("." + h) for h in LEGISLATION_HOSTS):
                return Evidence(f"objectives link legislation: {link.url}", block.doc.path,
                                link.line, url=link.url)
    for text in texts:
        if any(h in text.text for h in LEGISLATION_HOSTS):
            return Evidence("objectives link legislation", text.evidence.path,
                            text.evidence.line)
    return None


@check(
    id="codebase-objectives",
    title="The objectives of the codebase are documented",
    requirements=["DO-1", "DO-2", "DO-3"],
    strength=Strength.STRONG,
    why=(
        "Developers and designers need to know what the codebase is for, and which policy goals "
        "it serves, to decide whether to use it and how to improve it."
    ),
    how_to_fix=(
        "Add a 'Purpose' or 'Objectives' section to the README saying what problem the software "
        "solves, for whom, and which policy or law it helps to carry out, with links."
    ),
    limitations=(
        "A heading is taken at its word: 30 words of installation steps under 'Introduction' "
        "or 'About' pass DO-1. DO-2 passes on a single word such as policy, law, government or "
        "municipal anywhere in those texts, so 'Example Municipality' in the README introduction "
        "counts as a link to policy. DO-3 applies a readability formula to the text in the "
        "repository; it never reads the website, and on a few sentences the score is rough. "
        "Objectives kept only on a separate documentation site are left to a person (DO-1) and "
        "give warnings for DO-2."
    ),
    examples=[
        Example("A Purpose section that names the policy it serves",
                {"README.md": _PURPOSE_EXAMPLE},
                {"DO-1": "pass", "DO-2": "pass", "DO-3": "pass"}),
        Example("Only the README's opening paragraph says what the software does",
                {"README.md": _INTRO_EXAMPLE},
                {"DO-1": "warn", "DO-2": "warn", "DO-3": "info"}),
        Example("The README only points to documentation hosted elsewhere",
                {"README.md": "# Permits\n\nRead the [documentation]"
                              "(https://docs.permits.example-city.eu).\n"},
                {"DO-1": "manual", "DO-2": "warn", "DO-3": "info"}),
    ],
)
def codebase_objectives(context: CheckContext) -> Iterator[Finding]:
    """Gathers texts stating the goals: documentation sections of 30 words or more headed
    About, Purpose, Goals, Objectives, Mission, Vision, Why, Introduction, Background,
    Motivation or 'What is' (also in Danish, Dutch, Italian and German), a publiccode.yml
    `longDescription` of 150 characters or more, and, as weaker evidence, a README opening
    paragraph of 25 words or more. DO-1 passes on a section or longDescription, warns on the
    opening paragraph alone, and with nothing asks a person (manual) when the README links to
    documentation hosted elsewhere, or warns. DO-2 passes when an objectives section links to a
    legislation portal (EUR-Lex, retsinformation.dk, wetten.overheid.nl...) or a text mentions
    policy, law, regulation, government or the like, and warns otherwise. DO-3 passes when one
    text meets the readability target for its language, and is info otherwise."""
    snapshot = context.snapshot
    texts = objectives_texts(snapshot)
    strong = [t for t in texts if t.strong]
    searched = Evidence("searched headings such as About, Purpose, Goals, Mission and "
                        "Background, publiccode.yml longDescription and the README introduction")
    if strong:
        # An About or Purpose heading in a manual page deep in docs/ is about a screen or a
        # feature as often as about the codebase.
        yield passed("DO-1", "The objectives are documented.", *(t.evidence for t in strong[:3]),
                     strength=Strength.STRONG if any(t.process for t in strong[:3])
                     else Strength.WEAK)
    elif texts:
        yield warned("DO-1", "Only the README introduction describes the purpose; a person "
                             "should confirm it states the objectives.", texts[0].evidence)
    else:
        external = external_docs_evidence(documents(snapshot))
        if external is not None:
            yield needs_person("DO-1", "No objectives found here; documentation is hosted "
                                       "elsewhere, so a person should check it.", external,
                               searched)
        else:
            yield warned("DO-1", "No objectives found.", searched)

    policy_link = _legislation_links(snapshot, texts)
    policy_term = next(((t, m) for t in texts if (m := _POLICY_TERMS.search(t.text))), None)
    if policy_link is not None:
        yield passed("DO-2", "The objectives refer to the policy they serve.", policy_link,
                     strength=Strength.WEAK)
    elif policy_term is not None:
        text, match = policy_term
        yield passed("DO-2", f"The objectives mention policy ('{match.group(0)}').",
                     text.evidence, strength=Strength.WEAK)
    elif texts:
        yield warned("DO-2", "The objectives do not mention the policy they serve.",
                     *(t.evidence for t in texts[:2]))
    else:
        yield warned("DO-2", "No objectives found to link to policy goals.", searched)

    yield _public_objectives(snapshot, texts)


def _public_objectives(snapshot: Snapshot, texts: list[ObjectivesText]) -> Finding:
    site = None
    if snapshot.facts.known("homepage") and snapshot.facts.homepage:
        site = Evidence(f"website {snapshot.facts.homepage}", url=str(snapshot.facts.homepage))
    elif isinstance(publiccode(snapshot).get("landingURL"), str):
        pc = publiccode(snapshot)
        site = Evidence(f"landing page {pc.get('landingURL')}", pc.path,
                        pc.key_line("landingURL"), url=str(pc.get("landingURL")))
    for text in texts:
        prose = clean_prose(text.text.splitlines()) or text.text
        detected = detect_language(prose)
        level = readability(prose, detected[0]) if detected else None
        if level is not None and level.target_met:
            evidence = [Evidence(f"{text.evidence.message}: {level.index} {level.score}",
                                 text.evidence.path, text.evidence.line)]
            if site:
                evidence.append(site)
            return passed("DO-3", "The objectives are written so the public can follow them.",
                          *evidence, strength=Strength.WEAK)
    extra = [site] if site else []
    if texts:
        return info("DO-3", "The objectives are not written at a general-public reading "
                            "level.", texts[0].evidence, *extra)
    return info("DO-3", "No objectives for the general public found.", *extra)
