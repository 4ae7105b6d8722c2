"""Use plain English: documentation languages, translations, English code, jargon, reading level."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    info,
    needs_person,
    not_applicable,
    passed,
    unknown,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.documents import (
    Document,
    DocumentSet,
    documents,
    is_process_document,
)
from publiccode_checker.evidence.external_sites import external_docs_evidence
from publiccode_checker.evidence.language import language_report, stopword_language
from publiccode_checker.evidence.policy_documents import policy_evidence
from publiccode_checker.evidence.source_sample import source_sample
from publiccode_checker.repo_config.model import RepoConfig
from publiccode_checker.snapshots import Snapshot

LANGUAGE_NAMES = {
    "english": "en", "danish": "da", "dutch": "nl", "italian": "it", "german": "de",
    "french": "fr", "spanish": "es", "swedish": "sv", "norwegian": "no", "finnish": "fi",
    "portuguese": "pt", "polish": "pl", "czech": "cs", "estonian": "et", "latvian": "lv",
    "lithuanian": "lt", "hungarian": "hu", "romanian": "ro", "slovak": "sk", "slovenian": "sl",
    "croatian": "hr", "bulgarian": "bg", "greek": "el", "catalan": "ca", "icelandic": "is",
    "irish": "ga", "maltese": "mt", "luxembourgish": "lb", "welsh": "cy", "basque": "eu",
    "galician": "gl", "frisian": "fy", "dansk": "da", "engelsk": "en", "nederlands": "nl",
    "engels": "en", "italiano": "it", "inglese": "en", "deutsch": "de", "englisch": "en",
}
_NAMES = "|".join(sorted(LANGUAGE_NAMES, key=len, reverse=True))
LANGUAGE_STATEMENT = re.compile(
    r"authoritative (?:documentation )?languages?|official (?:documentation )?languages?|"
    r"authoritative (?:version|text|documentation)|"
    rf"(?:documentation|docs) (?:is|are) (?:only |primarily |mainly )?(?:written|available|"
    rf"maintained|provided|kept) (?:only )?in (?:{_NAMES})|"
    rf"(?:{_NAMES}) (?:version |documentation )?is (?:the )?authoritative|"
    r"languages? of (?:the|this|our) documentation|autoritative sprog|"
    r"gezaghebbende taal|lingua ufficiale",
    re.IGNORECASE,
)
_LANGUAGE_HEADING = re.compile(r"^(documentation )?languages?$|^language policy$|^sprog$|"
                               r"^taal$|^talen$|^lingu[ae]$|^sprachen?$", re.IGNORECASE)
_LANGUAGE_NAME = re.compile(rf"\b({_NAMES})\b", re.IGNORECASE)
#: Two-letter language codes that may name a translated README or a docs/<lang>/ folder.
_LANG_CODES = frozenset(
    "en da nl it de fr es sv no nb nn fi pt pl cs et lv lt hu ro sk sl hr bg el ca is ga mt lb "
    "cy eu gl fy ru uk tr ja zh ko ar".split()
)


def configured_languages(config: RepoConfig) -> list[str] | None:
    """Languages declared as authoritative in the configuration in force (organisation or
    repository)."""
    value = config.extra.get("authoritative_languages")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        return None
    codes = []
    for item in value:
        text = str(item).strip().lower()
        codes.append(LANGUAGE_NAMES.get(text, text.split("-")[0].split("_")[0]))
    return codes


#: Statements that also turn up in other talk: the EU's official languages, a law's
#: authoritative text.
_LOOSE_STATEMENT = re.compile(r"official languages?|authoritative (?:version|text|documentation)"
                              r"|lingua ufficiale", re.IGNORECASE)
#: What makes a 'Language(s)' section about the documentation, not the user interface.
_ABOUT_DOCUMENTATION = re.compile(r"authoritativ|autoritativ|gezaghebbend|document|\bdocs\b|"
                                  r"dokument|language policy", re.IGNORECASE)



def language_statement(snapshot: Snapshot) -> tuple[Evidence, list[str]] | None:
    """Where the documentation names its authoritative languages, and the languages named."""
    found = _language_statement(snapshot)
    return None if found is None else (found[0], found[1])


def _language_statement(snapshot: Snapshot) -> tuple[Evidence, list[str], Strength] | None:
    """``language_statement`` and how strong it is: strong for a statement about the
    documentation in the README or another process document, weak elsewhere or for wording
    that may be about something else."""
    docs = documents(snapshot)
    for doc in docs.all():
        for section in doc.sections:
            if section.heading and _LANGUAGE_HEADING.match(section.heading.strip()) and \
                    section.words >= 3:
                specific = _ABOUT_DOCUMENTATION.search(f"{section.heading}\n{section.text}")
                strength = Strength.STRONG if is_process_document(doc) and specific \
                    else Strength.WEAK
                return (Evidence(f"section '{section.heading}'", doc.path, section.line),
                        _named_languages(section.text), strength)
    hit = _first_statement(docs.all())
    if hit is None:
        return None
    doc, line, match = hit
    lines = doc.text.splitlines()
    context = " ".join(lines[line - 1:line + 2]) if line - 1 < len(lines) else match.group(0)
    loose = _LOOSE_STATEMENT.fullmatch(match.group(0))
    strength = Strength.STRONG if is_process_document(doc) and not loose else Strength.WEAK
    return (Evidence(f"statement: '{match.group(0)}'", doc.path, line), _named_languages(context),
            strength)


def _authoritative_languages(context: CheckContext) -> tuple[list[str], Strength] | None:
    """The authoritative languages the configuration declares or the documentation states, and
    how strong that evidence is; None when neither says."""
    declared = configured_languages(context.config)
    if declared:
        return declared, Strength.DECISIVE
    statement = _language_statement(context.snapshot)
    return None if statement is None else (statement[1], statement[2])


#: Every statement contains one of these words. Finding them is cheap, while the full pattern
#: tries a long list of language names at every position of every document.
_STATEMENT_ANCHOR = re.compile(r"authoritativ|autoritativ|official|gezaghebbende|ufficiale|"
                               r"documentation|docs", re.IGNORECASE)
#: How far a statement reaches before and after its anchor word.
_STATEMENT_REACH = 80


def _first_statement(
    docs: Iterable[Document], limit: int = 200_000
) -> tuple[Document, int, re.Match[str]] | None:
    """The first language statement, as ``search_docs`` with LANGUAGE_STATEMENT finds it."""
    for doc in docs:
        text = doc.text[:limit]
        searched_to = 0
        for anchor in _STATEMENT_ANCHOR.finditer(text):
            start = max(searched_to, anchor.start() - _STATEMENT_REACH)
            end = min(len(text), anchor.end() + _STATEMENT_REACH)
            match = LANGUAGE_STATEMENT.search(text, start, end)
            if match is not None:
                return doc, text.count("\n", 0, match.start()) + 1, match
            searched_to = max(searched_to, anchor.start())
    return None


def _named_languages(text: str) -> list[str]:
    return sorted({LANGUAGE_NAMES[m.lower()] for m in _LANGUAGE_NAME.findall(text)})


def translations(docs: DocumentSet) -> list[Document]:
    """Translated READMEs (README.xx.md); file extensions are not languages."""
    found = []
    for doc in docs.translations:
        parts = doc.path.rsplit("/", 1)[-1].split(".")
        if len(parts) >= 3 and parts[1][:2].lower() in _LANG_CODES:
            found.append(doc)
    return found


def language_folders(snapshot: Snapshot) -> dict[str, list[str]]:
    """Documentation folders named after a language, such as docs/en/ and docs/da/."""
    folders: dict[str, list[str]] = {}
    for directory in snapshot.directories:
        parts = directory.split("/")
        if len(parts) == 2 and parts[0].lower() in ("docs", "doc", "documentation"):
            code = parts[1].lower().replace("_", "-").split("-")[0]
            if code in _LANG_CODES and len(parts[1]) <= 5:
                folders.setdefault(code, []).append(directory)
    return folders if len(folders) >= 2 else {}


# -- examples for the reference pages ------------------------------------------------------------
_ENGLISH = (
    "Permits lets residents of Example Town apply for a parking permit online. Staff check "
    "each request and send the permit by e-mail. It replaces the paper forms and saves time "
    "for everyone."
)
_DANISH = (
    "Permits hjælper borgerne i Eksempelby med at søge om en parkeringstilladelse på nettet. "
    "Medarbejderne i kommunen behandler hver ansøgning og sender tilladelsen med e-mail, så "
    "ingen skal udfylde papirblanketter."
)
_EN_README = f"# Permits\n\n{_ENGLISH}\n"


# -- PE-1 and PE-2 -------------------------------------------------------------------------------


@check(
    id="documentation-languages",
    title="Authoritative documentation languages are stated and include English",
    requirements=["PE-1", "PE-2"],
    strength=Strength.STRONG,
    why=(
        "Readers and translators need to know which language versions of the documentation "
        "count; English among them lets people in other countries reuse the codebase."
    ),
    how_to_fix=(
        "Add a sentence to the README such as 'The authoritative language of this "
        "documentation is English' and keep an English version of the documentation."
    ),
    limitations=(
        "The statement is found by phrases and headings, so it mistakes other language talk "
        "for one: 'the official languages of the EU' passes PE-1, and a 'Languages' section "
        "listing the languages of the user interface passes PE-1 and, if English is not among "
        "them, fails PE-2 for English documentation. Documentation hosted on a separate site "
        "is not read, so its statement is left to a person. Without a statement, PE-2 passes "
        "on English documentation alone, though nothing declares English authoritative."
    ),
    examples=[
        Example("An English README that names its authoritative language",
                {"README.md": _EN_README + "\nThe authoritative language of this "
                 "documentation is English.\n"},
                {"PE-1": "pass", "PE-2": "pass"}),
        Example("An English README that does not say which language counts",
                {"README.md": _EN_README}, {"PE-1": "fail", "PE-2": "pass"}),
        Example("The configuration declares Danish only",
                {"README.md": _EN_README,
                 "publiccode-checker.yml": "authoritative_languages: [da]\n"},
                {"PE-1": "pass", "PE-2": "fail"}),
    ],
)
def documentation_languages(context: CheckContext) -> Iterator[Finding]:
    """PE-1 passes when the configuration in force (`authoritative_languages`) names the
    languages, or the documentation has a 'Language(s)' section or a statement such as 'the
    authoritative language is ...'; without one it fails, or asks a person when the README
    links documentation hosted elsewhere. PE-2 fails when the declared or stated languages
    leave out English; otherwise it passes when the README or a README translation is detected
    as English, or English is at least half of the documentation's words, fails when another
    language dominates, and is unknown when there is too little prose to tell."""
    snapshot = context.snapshot
    declared = configured_languages(context.config)
    statement = _language_statement(snapshot)
    listed: list[str] = []
    # How strong the list of authoritative languages is (None: nothing lists them).
    source: Strength | None = None
    if declared:
        listed, source = declared, Strength.DECISIVE
        yield passed("PE-1", "The repository configuration declares the authoritative "
                             "languages.",
                     Evidence(f"authoritative_languages: {', '.join(declared)}",
                              context.config.path), strength=source)
    elif statement is not None:
        listed, source = statement[1], statement[2]
        yield passed("PE-1", "The documentation states its authoritative languages.",
                     statement[0], strength=source)
    else:
        searched = Evidence("searched the documentation for a statement such as 'The "
                            "authoritative language of this documentation is English'")
        external = external_docs_evidence(documents(snapshot))
        if external is not None:
            yield needs_person("PE-1", "No statement of the authoritative languages here; "
                                       "documentation is hosted elsewhere.", external, searched)
        else:
            yield failed("PE-1", "The documentation does not say which languages are "
                                 "authoritative.", searched)
    yield _english_documentation(snapshot, listed, source)


def _english_documentation(
    snapshot: Snapshot, listed: list[str], source: Strength | None = None
) -> Finding:
    # PE-2. Only the declared or stated languages say which are authoritative; the language
    # detected in the documentation is a guess (weak) about what is merely written.
    docs = documents(snapshot)
    report = language_report(snapshot)
    detected = []
    for doc in [*([docs.readme] if docs.readme else []), *translations(docs)]:
        found = report.language_of(doc.path)
        if found is not None and found.language:
            detected.append((doc, found.language))
    english = next(((d, lang) for d, lang in detected if lang == "en"), None)
    if listed and "en" not in listed:
        return failed("PE-2", "English is not among the declared authoritative languages.",
                      Evidence(f"declared: {', '.join(listed)}"), strength=source)
    # English detected in the documentation: only as strong as a list that names English.
    stated = source if source is not None and "en" in listed else Strength.WEAK
    if english is not None:
        return passed("PE-2", "English documentation exists.",
                      Evidence("written in English", english[0].path, 1), strength=stated)
    words = report.words_by_language()
    if words.get("en", 0) and words["en"] >= sum(words.values()) / 2:
        return passed("PE-2", "Most of the documentation is in English.",
                      Evidence(f"words by language: {words}"), strength=stated)
    if not detected and not words:
        return unknown("PE-2", "There is too little documentation to tell its language.",
                       Evidence("no README or documentation with enough prose"))
    return failed("PE-2", "No English documentation was found.",
                  *(Evidence(f"written in '{lang}'", d.path, 1) for d, lang in detected[:3]),
                  Evidence(f"words by language: {words}"), strength=Strength.WEAK)


# -- PE-3 and PE-8 -------------------------------------------------------------------------------


@check(
    id="translations-current",
    title="Translations are kept up to date",
    requirements=["PE-3", "PE-8"],
    strength=Strength.WEAK,
    why=(
        "Readers of every authoritative language must get the same, current information; "
        "courtesy translations help more people, as long as they are kept in step."
    ),
    how_to_fix=(
        "Update every authoritative translation in the same change as the original, and say "
        "in the README which translations are courtesy translations that may lag behind."
    ),
    limitations=(
        "It only knows translations named README.<language>.md or kept in docs/<language>/ "
        "folders; translations on a documentation site or in other folders are invisible, and "
        "the documentation then counts as one language. It compares structure (headings, "
        "words, file counts), never meaning, so a complete but outdated translation is left "
        "to a person, and languages that need fewer words can look incomplete. Change history "
        "is only consulted on a local git checkout."
    ),
    examples=[
        Example("The documentation is in one language",
                {"README.md": _EN_README}, {"PE-3": "pass", "PE-8": "info"}),
        Example("A Danish README of the same shape",
                {"README.md": _EN_README, "README.da.md": f"# Permits\n\n{_DANISH}\n"},
                {"PE-3": "manual", "PE-8": "pass"}),
        Example("The Danish docs folder has fewer pages than the English one",
                {"README.md": _EN_README, "docs/en/install.md": "# Install\n",
                 "docs/en/use.md": "# Use\n", "docs/da/install.md": "# Installation\n"},
                {"PE-3": "warn", "PE-8": "pass"}),
    ],
)
def translations_current(context: CheckContext) -> Iterator[Finding]:
    """Looks for translated READMEs (README.<language>.md) and documentation folders named
    after languages (docs/en/, docs/da/...). Without them PE-3 passes (nothing to keep in step)
    and PE-8 is information only. With them PE-8 passes, and PE-3 warns when a translation has
    under 70% of the README's headings or half its words, a language folder has under 70% of
    the files of the largest, or (where the snapshot has file history) the README changed well
    after the translation; otherwise a person confirms the translations say the same."""
    snapshot = context.snapshot
    docs = documents(snapshot)
    translated = translations(docs)
    folders = language_folders(snapshot)
    if not translated and not folders:
        # No translation by file name is a guess that there is one language, unless exactly one
        # authoritative language is declared or stated.
        authoritative = _authoritative_languages(context)
        strength = Strength.WEAK
        if authoritative is not None and len(set(authoritative[0])) == 1:
            strength = authoritative[1]
        yield passed("PE-3", "The documentation is in one language, so there is nothing to "
                             "keep in step.", strength=strength)
        yield info("PE-8", "No translations found.",
                   Evidence("looked for README.<language>.md files and docs/<language>/ "
                            "folders"))
        return
    behind = []
    if docs.readme is not None:
        source_headings = sum(1 for s in docs.readme.sections if s.heading)
        for doc in translated:
            headings = sum(1 for s in doc.sections if s.heading)
            if (source_headings >= 3 and headings < 0.7 * source_headings) or \
                    doc.words < 0.5 * docs.readme.words:
                behind.append(Evidence(f"{headings} sections and {doc.words} words, against "
                                       f"{source_headings} and {docs.readme.words} in "
                                       f"{docs.readme.path}", doc.path, 1))
        behind.extend(_stale(snapshot, docs.readme.path, [d.path for d in translated]))
    counts = {code: sum(1 for d in dirs for _ in snapshot.under(d))
              for code, dirs in folders.items()}
    if counts:
        largest = max(counts.values())
        for code, count in counts.items():
            if count < 0.7 * largest:
                behind.append(Evidence(f"docs in '{code}': {count} files, against {largest}",
                                       folders[code][0]))
    pairs = [Evidence("translation", d.path, 1) for d in translated[:5]]
    pairs += [Evidence(f"documentation in '{code}'", dirs[0]) for code, dirs in folders.items()]
    if behind:
        yield warned("PE-3", "Some translations look incomplete or out of date compared with "
                             "the original.", *behind[:5])
    else:
        yield needs_person("PE-3", "Translations have the same structure; a person should "
                                   "confirm they say the same and are current.", *pairs[:5])
    yield passed("PE-8", "Translations of the documentation exist.", *pairs[:5])


#: A translation is behind when its source changed this much later, or this often since.
STALE_DAYS = 90
STALE_CHANGES = 3


def _stale(snapshot: Snapshot, source: str, translated: list[str]) -> list[Evidence]:
    """Translations whose source changed well after them, from the files' own history."""
    source_dates = snapshot.change_dates(source)
    if not source_dates:
        return []
    found = []
    for path in translated:
        dates = snapshot.change_dates(path)
        if not dates:
            continue
        last = dates[0]
        newer = [d for d in source_dates if d > last]
        lag = (source_dates[0] - last).days
        if newer and (lag > STALE_DAYS or len(newer) >= STALE_CHANGES):
            found.append(Evidence(
                f"last changed {last.date()}; {source} changed {len(newer)} time(s) since, "
                f"most recently {source_dates[0].date()} ({lag} days later)", path, 1))
    return found


# -- PE-4 ----------------------------------------------------------------------------------------

_HASH_COMMENTS = frozenset("py pyi rb sh bash zsh pl pm r ex exs ps1 yml yaml".split())
_DASH_COMMENTS = frozenset("lua sql hs".split())
_SLASH_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_HASH_COMMENT = re.compile(r"(?m)(?:^|\s)#(?!!)[^\n]*|\"\"\"[\s\S]*?\"\"\"")
_DASH_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")
_URL = re.compile(r"https?://\S+")
_SPLIT_IDENTIFIER = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
MIN_COMMENT_LETTERS = 120
#: Words that mark identifiers written in a language other than English.
NON_ENGLISH_LEXICON = frozenset(
    # Danish
    "kommune kommuner borger borgere forloeb bruger brugere medarbejder afdeling ansoegning "
    "ydelse ydelser betaling beregning indstillinger opgave opgaver beskrivelse oprettet slettet "
    "godkendt afvist skole elev sagsbehandler henvendelse "
    # Dutch
    "melding meldingen gemeente stadsdeel zaak zaken gebruiker gebruikers aanvraag besluit "
    "burger medewerker bestand gegevens naam omschrijving aangemaakt verwijderd opslaan ophalen "
    "wijzigen toevoegen bijlage categorie behandelaar "
    # Italian
    "comune comuni utente utenti domanda pratica pratiche servizio servizi cittadino richiesta "
    "richieste pagamento indirizzo descrizione creato eliminato salva elenco scuola "
    # German
    "benutzer gemeinde antrag bescheid buerger verwaltung behoerde zahlung einstellungen vorgang "
    "mitarbeiter abteilung beschreibung erstellt geloescht speichern anzeigen loeschen datei "
    "daten".split()
)


def _comment_pattern(path: str) -> re.Pattern[str]:
    ext = path.rsplit(".", 1)[-1].lower()
    if ext in _HASH_COMMENTS:
        return _HASH_COMMENT
    if ext in _DASH_COMMENTS:
        return _DASH_COMMENT
    return _SLASH_COMMENT


def _comments(path: str, text: str) -> str:
    return _URL.sub(" ", " ".join(m.group(0) for m in _comment_pattern(path).finditer(text)))


def _code_only(path: str, text: str) -> str:
    """The text without strings and comments, with line breaks kept so lines still count.

    Comments are judged as prose above; a copyright line naming "Gemeente Amsterdam" or a
    Danish sentence must not be counted again as identifiers.
    """
    without_comments = _comment_pattern(path).sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return _STRING.sub(" ", without_comments)


def _identifier_at(word: str, code: str) -> re.Match[str] | None:
    """The first identifier that has ``word`` as one of its parts (snake or camel case)."""
    pattern = (rf"\w*?(?:(?<![A-Za-z]){re.escape(word)}|{re.escape(word.capitalize())}|"
               rf"{re.escape(word.upper())})(?![a-z])\w*")
    return re.search(pattern, code)


@check(
    id="source-code-english",
    title="Source code is written in English",
    requirements=["PE-4"],
    strength=Strength.WEAK,
    why=(
        "English comments and names let developers in other countries understand, reuse and "
        "improve the code."
    ),
    how_to_fix=(
        "Write comments and identifiers in English; where a local legal or domain term is "
        "needed, explain it in English at first use or in a glossary."
    ),
    limitations=(
        "It reads a sample: the first 8 KB of up to 150 source files. Comment language is "
        "guessed from common function words of seven languages, and identifiers are matched "
        "against a short list of Danish, Dutch, Italian and German public-sector words, so "
        "identifiers in other languages pass, while English names that happen to be on the "
        "list (burger) count against the code. Policy terms the Standard allows, such as a "
        "law's own words in rule code, warn the same way."
    ),
    examples=[
        Example("English comments and names",
                {"permits/fees.py": 'def permit_fee(zone):\n    """Return the yearly fee for '
                 'a parking permit in the given zone.\n\n    The fee is zero when the zone is '
                 'free of charge for the residents who\n    live there, and the town council '
                 'sets it for each year."""\n    return FEES.get(zone, 0)\n'},
                {"PE-4": "pass"}),
        Example("Danish comments and identifiers",
                {"permits/gebyr.py": "# Beregner gebyret for en parkeringstilladelse i den "
                 "valgte zone. Det er nul\n# hvis zonen er gratis for de borgere som bor der, "
                 "og ellers skal det\n# betales hvert år af den som ejer bilen.\n"
                 "def beregn_gebyr(borger, kommune, ansoegning):\n    return 0\n"},
                {"PE-4": "warn"}),
        Example("Only documentation, no source code",
                {"README.md": _EN_README}, {"PE-4": "not_applicable"}),
    ],
)
def source_code_english(context: CheckContext) -> Iterator[Finding]:
    """Reads a sample of the source files. Files with at least 120 letters of comments get a
    language guess from common function words; identifiers (split at underscores and capitals)
    are matched against a list of Danish, Dutch, Italian and German domain words. Warns, for a
    person to judge, when over 5% of the judged files have non-English comments or three or
    more different listed words appear; passes otherwise, and is not applicable without source
    code."""
    snapshot = context.snapshot
    sample = source_sample(snapshot)
    if not sample:
        yield not_applicable("PE-4", "There is no source code to check.")
        return
    judged = 0
    foreign: list[Evidence] = []
    lexicon: Counter[str] = Counter()
    lexicon_where: dict[str, Evidence] = {}
    for path, text in sample:
        comments = _comments(path, text)
        letters = sum(c.isalpha() for c in comments)
        if letters >= MIN_COMMENT_LETTERS:
            language = stopword_language(comments)
            if language is not None:
                judged += 1
                if language != "en":
                    foreign.append(Evidence(f"comments in '{language}'", path))
        code = _code_only(path, text)
        words = {w.lower() for w in _SPLIT_IDENTIFIER.findall(code)} & NON_ENGLISH_LEXICON
        for lower in words:
            lexicon[lower] += 1
            if lower not in lexicon_where:
                match = _identifier_at(lower, code)
                lexicon_where[lower] = Evidence(
                    f"identifier {match.group(0) if match else lower}", path,
                    code.count("\n", 0, match.start()) + 1 if match else None)
    share = len(foreign) / judged if judged else 0.0
    words = [w for w, _ in lexicon.most_common(10)]
    evidence = foreign[:5] + [lexicon_where[w] for w in words[:5]]
    scope = Evidence(f"sampled {len(sample)} source files; {judged} had enough comments to judge")
    if share > 0.05 or len(words) >= 3:
        parts = []
        if share > 0.05:
            parts.append(f"{share:.0%} of commented files have non-English comments")
        if len(words) >= 3:
            parts.append(f"identifiers use non-English words ({', '.join(words[:6])})")
        strong = " This is widespread." if share > 0.2 else ""
        yield warned("PE-4", "; ".join(parts).capitalize() + "; a person should check whether "
                             "they are explained domain or policy terms." + strong,
                     *evidence, scope)
    else:
        yield passed("PE-4", "Comments and identifiers are in English.", scope)


# -- PE-5 ----------------------------------------------------------------------------------------


@check(
    id="policy-translated",
    title="Bundled policy is available in every authoritative language",
    requirements=["PE-5"],
    strength=Strength.WEAK,
    why=(
        "Policy that the code carries out must be readable by everyone the documentation is "
        "for, so it needs at least a summary in each authoritative language."
    ),
    how_to_fix=(
        "Next to each policy document in a local language, add a summary in English (and in "
        "any other authoritative language)."
    ),
    limitations=(
        "It never passes: whether a summary exists in every authoritative language is left to "
        "a person, and the declared authoritative languages are not consulted. Policy is found "
        "by folder names, headings, legislation links and rule files, so a project whose policy "
        "sits elsewhere is not applicable here, and the language is only detected for policy "
        "sections in documentation, not for PDFs or rule files."
    ),
    examples=[
        Example("A policy section in English",
                {"README.md": "# Permits\n",
                 "docs/policy.md": f"# Rules\n\n## Legal basis\n\n{_ENGLISH}\n"},
                {"PE-5": "manual"}),
        Example("The only policy section is in Danish",
                {"README.md": "# Permits\n",
                 "docs/policy.md": f"# Regler\n\n## Lovgrundlag\n\n{_DANISH}\n"},
                {"PE-5": "warn"}),
        Example("No bundled policy",
                {"README.md": _EN_README}, {"PE-5": "not_applicable"}),
    ],
)
def policy_translated(context: CheckContext) -> Iterator[Finding]:
    """Finds bundled policy (policy folders, policy and legislation sections, links to
    legislation portals, rule files) and detects the language of the documents holding policy
    sections. Not applicable when there is no policy; warns when every policy text whose
    language could be told is in a language other than English; otherwise asks a person to
    confirm the policy is available in every authoritative language."""
    snapshot = context.snapshot
    found = policy_evidence(snapshot)
    if not found.found:
        yield not_applicable("PE-5", "No bundled policy was found.")
        return
    report = language_report(snapshot)
    paths = {e.path for e in found.headings if e.path}
    languages = {p: report.language_of(p) for p in paths}
    known = {p: d.language for p, d in languages.items() if d is not None and d.language}
    evidence = [Evidence(f"policy text in '{lang}'", p) for p, lang in known.items()]
    if known and "en" not in known.values():
        yield warned("PE-5", "The policy texts found are not in English; a person should "
                             "confirm a summary exists in every authoritative language.",
                     *evidence[:5])
    else:
        yield needs_person("PE-5", "A person should confirm the policy is available or "
                                   "summarised in every authoritative language.",
                           *(evidence[:5] or found.evidence(3)))


# -- PE-6 ----------------------------------------------------------------------------------------

_ACRONYM = re.compile(r"(?<![\w/.@#$:-])([A-Z][A-Z0-9]{1,5})(s?)(?![\w/@-])")
COMMON_ACRONYMS = frozenset(
    "API URL URI HTTP HTTPS JSON XML HTML CSS CSV PDF SQL REST CLI GUI UI UX OS ID IP DNS TLS "
    "SSL SSH FTP CPU RAM GPU USB PHP NPM JS TS YAML YML TOML SDK IDE CI CD PR MIT GPL EUPL AGPL "
    "LGPL BSD MPL FAQ TODO README OK UTF ASCII UUID JWT SAML LDAP SMTP IMAP MB GB KB TB PNG JPG "
    "JPEG SVG GIF USA EU UK AM PM AI IT PC TV DB MD AWS GCP GDPR ISO ORM MVC SPA PWA CMS CRM "
    "SSO MFA VPN LAN WAN RSS CDN SMS QR RFC W3C IETF HTML5 CSS3 ES6 SPDX REUSE".split()
)
_EMPHASIS = frozenset(
    "NOT MUST SHOULD MAY NO DO DON ALL AND OR THE ONLY NEVER NEW NOTE TIP WARNING IMPORTANT "
    "CAUTION TBD WIP ETC YES IS IN ON OF TO IF BE AT BY AS AN WE IT A I".split()
)


def unexplained_acronyms(snapshot: Snapshot) -> tuple[list[tuple[str, int]], int] | None:
    """README acronyms with no expansion or glossary entry: (acronym, line), and the total."""
    docs = documents(snapshot)
    readme = docs.readme
    if readme is None:
        return None
    corpus = "\n".join(d.text[:200_000] for d in docs.all())
    glossary = docs.get("glossary")
    glossary_text = glossary.text if glossary is not None else ""
    seen: dict[str, int] = {}
    for section in readme.sections:
        for fragment in section.prose:
            for match in _ACRONYM.finditer(fragment):
                token = match.group(1)
                if token in COMMON_ACRONYMS or token in _EMPHASIS or token.isdigit():
                    continue
                seen.setdefault(token, section.line)
    unexplained = []
    for token, section_line in seen.items():
        escaped = re.escape(token)
        if re.search(rf"\(\s*{escaped}s?\s*\)|\b{escaped}s?\s*\(\s*[A-Za-z][^)]{{3,}}\)|"
                     rf"\b{escaped}\b\s*(?:[:=–—]|stands for|means|is short for)", corpus):
            continue
        if glossary_text and re.search(rf"\b{escaped}\b", glossary_text):
            continue
        match = re.search(rf"\b{escaped}\b", readme.text)
        line = readme.text.count("\n", 0, match.start()) + 1 if match else section_line
        unexplained.append((token, line))
    return unexplained, len(seen)


@check(
    id="acronyms-explained",
    title="Acronyms and jargon are explained",
    requirements=["PE-6"],
    strength=Strength.WEAK,
    why=(
        "Unexplained acronyms and jargon shut out readers who are new to the field, such as "
        "policy makers, reusers in other countries and the public."
    ),
    how_to_fix=(
        "Write out each acronym at first use, for example 'Application Programming Interface "
        "(API)', or add a GLOSSARY.md that explains domain terms and abbreviations."
    ),
    limitations=(
        "Only the README's prose is searched, and only for words of two to six capitals: "
        "jargon, legal and domain terms written in lower case, and puns, are not seen at all. "
        "Any 'ZRB:' or 'ZRB (...)' anywhere in the documentation counts as an explanation, even "
        "'ZRB: see below', and a mention in GLOSSARY.md counts without a definition. Words in "
        "capitals for emphasis that are not on its list, such as ALWAYS, are flagged."
    ),
    examples=[
        Example("Each acronym is written out or in the glossary",
                {"README.md": "# Permits\n\nPermits sends each approved permit to the Parking "
                 "Register Service (PRS) and checks the zone in the ZRB.\n",
                 "GLOSSARY.md": "# Glossary\n\n- ZRB: the zone register of Example Town.\n"},
                {"PE-6": "pass"}),
        Example("Two acronyms are not explained",
                {"README.md": "# Permits\n\nPermits sends each approved permit to the PRS and "
                 "checks the zone in the ZRB.\n"},
                {"PE-6": "warn"}),
    ],
)
def acronyms_explained(context: CheckContext) -> Iterator[Finding]:
    """Collects the acronyms (two to six capitals) in the README's prose, leaving out common
    technical ones (API, JSON...) and words in capitals for emphasis. An acronym counts as
    explained when the documentation writes it out ('Full Name (ABC)', 'ABC (full name)',
    'ABC: ...', 'ABC stands for') or the glossary mentions it. Warns listing the unexplained
    ones, passes when there are none, and is unknown without a README."""
    snapshot = context.snapshot
    result = unexplained_acronyms(snapshot)
    if result is None:
        yield unknown("PE-6", "There is no README to check for jargon.")
        return
    unexplained, total = result
    readme = documents(snapshot).readme
    path = readme.path if readme else None
    if unexplained:
        yield warned("PE-6", f"{len(unexplained)} acronyms in the README are not explained: "
                             f"{', '.join(t for t, _ in unexplained[:10])}.",
                     *(Evidence(f"'{token}' is not written out or in a glossary", path, line)
                       for token, line in unexplained[:10]))
    else:
        yield passed("PE-6", "Acronyms in the README are explained." if total else
                     "The README uses no uncommon acronyms.",
                     Evidence(f"{total} uncommon acronyms checked", path))


# -- PE-7 ----------------------------------------------------------------------------------------


@check(
    id="reading-level",
    title="Documentation is written at a lower secondary reading level",
    requirements=["PE-7"],
    strength=Strength.WEAK,
    why=(
        "Documentation that a 14-year-old can read (as WCAG 2 recommends) reaches more people, "
        "including readers whose first language is different."
    ),
    how_to_fix=(
        "Shorten long sentences, prefer common words and active voice, and split dense "
        "paragraphs into steps or lists; tools such as Hemingway or LanguageTool help."
    ),
    limitations=(
        "Reading indices count sentence and word length, not understanding: short sentences "
        "full of jargon pass, and a few necessary long technical words fail an otherwise plain "
        "text. Only one language is judged (English when present); others are listed. "
        "Fragments under four words are dropped and list items are read as sentences, and at "
        "most 40 documents or 100,000 characters of prose are measured."
    ),
    examples=[
        Example("Short sentences and common words",
                {"README.md": _EN_README}, {"PE-7": "pass"}),
        Example("One long sentence full of long words",
                {"README.md": "# Permits\n\nThe application facilitates the comprehensive "
                 "administrative processing of residential parking authorisation applications, "
                 "incorporating automated eligibility verification against municipal zoning "
                 "classifications and subsequent electronic notification of determinations to "
                 "applicants and responsible departmental personnel.\n"},
                {"PE-7": "warn"}),
        Example("Too little prose to measure",
                {"README.md": "# Permits\n\nApply for a permit online.\n"},
                {"PE-7": "unknown"}),
    ],
)
def reading_level(context: CheckContext) -> Iterator[Finding]:
    """Measures the prose of the documentation (code, tables, URLs, changelogs, codes of
    conduct and assessments left out) with the reading index that fits its language:
    Flesch-Kincaid grade 9 or lower for English, LIX 40 or lower for Danish, Swedish and
    Norwegian, Gulpease, Flesch-Douma or Wiener Sachtextformel for Italian, Dutch and German.
    Passes when the target is met and warns with the longest sentences when not; asks a person
    for a language without an index, and is unknown under 30 words of prose."""
    snapshot = context.snapshot
    report = language_report(snapshot)
    if not report.readability:
        yield unknown("PE-7", "There is too little prose in the documentation to measure its "
                              "reading level.")
        return
    language = "en" if "en" in report.readability else report.main_language()
    level = report.readability.get(language or "") or next(iter(report.readability.values()))
    scope = Evidence(f"{level.words} words of '{level.language}' prose in "
                     f"{sum(1 for d in report.documents if d.language == level.language)} "
                     "documents (changelogs, codes of conduct and assessments left out)")
    others = [Evidence(f"'{lang}': {r.index} {r.score}" if r.index else
                       f"'{lang}': {r.words} words, no reading index for this language")
              for lang, r in report.readability.items() if lang != level.language]
    if level.index is None:
        yield needs_person("PE-7", f"No reading index is available for '{level.language}'; a "
                                   "person should judge the reading level.", scope, *others)
        return
    details = f"{level.index} {level.score} (target {level.target})"
    if level.flesch_reading_ease is not None:
        details += f", Flesch Reading Ease {level.flesch_reading_ease}"
    if level.target_met:
        yield passed("PE-7", f"The documentation reads at the intended level: {details}.",
                     scope, *others)
    else:
        longest = [Evidence(f"{s.words}-word sentence: '{s.text[:100]}'", s.path, s.line)
                   for s in report.longest_sentences.get(level.language, ())]
        yield warned("PE-7", f"The documentation is harder to read than intended: {details}.",
                     scope, *longest, *others)
