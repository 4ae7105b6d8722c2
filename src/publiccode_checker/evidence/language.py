"""Language and reading level of the documentation.

Documentation is split into prose (code, tables and URLs left out), its language is detected with
``langdetect`` and its reading level measured with ``textstat`` using the index that fits the
language (Flesch-Kincaid for English, LIX for the Scandinavian languages, Gulpease for Italian,
Flesch-Douma for Dutch, Wiener Sachtextformel for German). Changelogs, codes of conduct, author
lists and Standard assessments are left out: they are not written by the project for its readers,
or they quote other texts. Text sizes are bounded so that huge documentation trees stay cheap.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

# Imported when checks load, not during the first evaluation: importing textstat is slow.
import textstat

from publiccode_checker.evidence import collector
from publiccode_checker.evidence.documents import Document, documents
from publiccode_checker.snapshots import Snapshot

#: Prose analysed per document, total prose analysed and documents analysed.
MAX_DOC_CHARS = 20_000
MAX_TOTAL_CHARS = 100_000
MAX_DOCS = 40
#: Language detection needs little text; more only costs time.
DETECT_CHARS = 2_000
#: Below this many letters a language guess is noise.
MIN_LETTERS = 80

EXCLUDED_KINDS = frozenset({"changelog", "code_of_conduct", "maintainers", "codeowners"})
_EXCLUDED_NAME = re.compile(
    r"(change[-_ ]?log|changes|history|news|release[-_ ]?notes|code[-_ ]of[-_ ]conduct|"
    r"authors|contributors|licen[cs]e|copying|third[-_ ]party)",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# File paths, package names and dotted identifiers read as long "words" and skew the indices.
_TECH_TOKEN = re.compile(r"\S*[/\\_@=<>{}|`]\S*|\S+\.\S*[a-z]\S*\.\S+|(?<!\S)--?\w[\w-]*")
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]+", re.UNICODE)
_ENDS_SENTENCE = re.compile(r"[.!?:;]$")
#: Fragments shorter than this (table cells, short list items, labels) are not sentences.
MIN_FRAGMENT_WORDS = 4

#: Languages the detector knows. A short list keeps start-up fast; public code documentation is
#: almost always in one of these.
DETECTABLE = (
    "en da nl it de fr es sv no fi pt pl cs et lv lt hu ro sk sl hr bg el ca ru uk tr ja "
    "zh-cn zh-tw ko ar".split()
)

_factory_lock = threading.Lock()
_factory = None


def _detector_factory():  # type: ignore[no-untyped-def]
    global _factory
    with _factory_lock:
        if _factory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

            # Fixed seed: the same text must always get the same answer.
            DetectorFactory.seed = 0
            factory = DetectorFactory()
            factory.seed = 0
            profiles = []
            for code in DETECTABLE:
                with open(os.path.join(PROFILES_DIRECTORY, code), encoding="utf-8") as handle:
                    profiles.append(handle.read())
            factory.load_json_profile(profiles)
            _factory = factory
        return _factory


def letters(text: str) -> int:
    return len(_LETTER.findall(text))


def detect_language(text: str) -> tuple[str, float] | None:
    """The most likely language of ``text`` and its probability; None when there is too little."""
    sample = text[:DETECT_CHARS]
    if letters(sample) < MIN_LETTERS:
        return None
    if _plainly_english(sample):
        # Most documentation is English; recognising it by its function words avoids loading
        # the detector's language profiles, which costs more than the rest of an evaluation.
        return "en", 0.99
    try:
        detector = _detector_factory().create()
        detector.append(sample)
        best = detector.get_probabilities()[0]
    except Exception:  # langdetect raises on text without features; treat as undecidable
        return None
    return best.lang, round(best.prob, 3)


# -- a cheap language vote for code comments -------------------------------------------------
# Comments are short and full of identifiers; counting common function words is fast and
# reliable enough to tell English from the other languages public code is written in.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and this that with from which when should would will have has are not for you we "
        "into only then there because if be been to of it is was can used returns where by or each "
        "your our their they what how more any its also than".split()
    ),
    "da": frozenset(
        "og ikke det den der til som med af på er har skal hvis eller ved fra også når bliver "
        "være denne dette vi hvor kan".split()
    ),
    "nl": frozenset(
        "het een niet van voor zijn wordt worden deze dit maar ook als bij naar wel geen moet "
        "hebben wij er dan nog welke".split()
    ),
    "de": frozenset(
        "der das und nicht ist ein eine mit für wird werden auch wenn auf dem sich oder nur "
        "kann muss diese dieser wir hat".split()
    ),
    "it": frozenset(
        "il di che non una uno sono della del con questo questa viene essere anche quando gli "
        "dei delle alla nel".split()
    ),
    "fr": frozenset(
        "les des et est une pour pas que qui dans avec sur cette sont être nous du au".split()
    ),
    "es": frozenset("el los las y es una para que del con por este esta son como".split()),
}
_STOPWORD_INDEX: dict[str, tuple[str, ...]] = {}
for _language, _words in _STOPWORDS.items():
    for _word in _words:
        _STOPWORD_INDEX[_word] = (*_STOPWORD_INDEX.get(_word, ()), _language)
_LOWER_WORD = re.compile(r"[a-zæøåäöüéèàòùìç]+")


def _stopword_counts(text: str) -> dict[str, int]:
    counts = dict.fromkeys(_STOPWORDS, 0)
    for word in _LOWER_WORD.findall(text.lower()):
        for language in _STOPWORD_INDEX.get(word, ()):
            counts[language] += 1
    return counts


def stopword_language(text: str) -> str | None:
    """A quick guess at the language of a comment; None when the text has too few cues."""
    counts = _stopword_counts(text)
    best = max(counts, key=lambda k: counts[k])
    if counts[best] < 3:
        return None
    if best != "en" and counts["en"] >= counts[best]:
        return "en"
    return best


def _plainly_english(text: str) -> bool:
    counts = _stopword_counts(text)
    english = counts.pop("en")
    return english >= 8 and english >= 4 * max(counts.values())


# -- reading level ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Readability:
    language: str
    words: int
    sentences: int
    #: Name of the index that fits the language, its value, and whether it meets the target.
    index: str | None
    score: float | None
    target: str | None
    target_met: bool | None
    flesch_kincaid_grade: float | None = None
    flesch_reading_ease: float | None = None


#: language -> (index name, target description, function of a textstat object and text, test)
_INDICES = {
    "en": ("Flesch-Kincaid grade", "grade 9 or lower"),
    "da": ("LIX", "40 or lower"),
    "sv": ("LIX", "40 or lower"),
    "no": ("LIX", "40 or lower"),
    "it": ("Gulpease", "60 or higher"),
    "nl": ("Flesch-Douma", "60 or higher"),
    "de": ("Wiener Sachtextformel", "grade 9 or lower"),
}
_TEXTSTAT_LANG = {"en": "en_US", "da": "da_DK", "sv": "sv", "no": "nb_NO", "it": "it_IT",
                  "nl": "nl", "de": "de"}
_textstat_lock = threading.Lock()


def readability(text: str, language: str) -> Readability | None:
    """Reading level of prose in ``language``; None when there are too few words to measure."""
    words = len(_WORD.findall(text))
    if words < 30:
        return None
    sentences = max(1, len(_SENTENCE.findall(text)))
    index = _INDICES.get(language)
    if index is None:
        return Readability(language, words, sentences, None, None, None, None)
    name, target = index
    with _textstat_lock:
        # textstat keeps its language globally; always put English back.
        try:
            textstat.set_lang(_TEXTSTAT_LANG[language])
            fk = fre = None
            if language == "en":
                fk = float(textstat.flesch_kincaid_grade(text))
                fre = float(textstat.flesch_reading_ease(text))
                score, met = fk, fk <= 9
            elif language in ("da", "sv", "no"):
                score = float(textstat.lix(text))
                met = score <= 40
            elif language == "it":
                score = float(textstat.gulpease_index(text))
                met = score >= 60
            elif language == "nl":
                score = float(textstat.flesch_reading_ease(text))
                met = score >= 60
            else:
                score = float(textstat.wiener_sachtextformel(text, 1))
                met = score <= 9
        except Exception:  # a metric must never stop an evaluation
            return Readability(language, words, sentences, None, None, None, None)
        finally:
            textstat.set_lang("en_US")
    return Readability(language, words, sentences, name, round(score, 1), target, met,
                       None if fk is None else round(fk, 1),
                       None if fre is None else round(fre, 1))


def clean_prose(fragments: Iterable[str]) -> str:
    """Sentences fit for a reading index: no URLs, paths or option names; fragments punctuated."""
    kept = []
    for fragment in fragments:
        text = _TECH_TOKEN.sub(" ", _URL.sub(" ", fragment))
        text = _SPACES.sub(" ", text).strip()
        if len(_WORD.findall(text)) < MIN_FRAGMENT_WORDS:
            continue
        if not _ENDS_SENTENCE.search(text):
            text += "."
        kept.append(text)
    return "\n".join(kept)


def document_prose(doc: Document, limit: int = MAX_DOC_CHARS) -> str:
    fragments: list[str] = []
    size = 0
    for section in doc.sections:
        for fragment in section.prose:
            fragments.append(fragment)
            size += len(fragment)
            if size >= limit:
                return clean_prose(fragments)[:limit]
    return clean_prose(fragments)


def analysed_documents(snapshot: Snapshot) -> list[Document]:
    """The documents whose prose speaks for the project itself."""
    chosen = []
    for doc in documents(snapshot).all():
        name = doc.path.rsplit("/", 1)[-1]
        if doc.kind in EXCLUDED_KINDS or _EXCLUDED_NAME.search(name):
            continue
        chosen.append(doc)
    return chosen


@dataclass(frozen=True)
class DocumentLanguage:
    path: str
    kind: str
    language: str | None
    probability: float
    words: int


@dataclass(frozen=True)
class LongSentence:
    path: str
    line: int
    words: int
    text: str


@dataclass
class LanguageReport:
    documents: tuple[DocumentLanguage, ...]
    #: Reading level per detected language, over all analysed prose in that language.
    readability: dict[str, Readability]
    longest_sentences: dict[str, tuple[LongSentence, ...]] = field(default_factory=dict)
    #: True when the size bounds left documentation out.
    truncated: bool = False

    def language_of(self, path: str) -> DocumentLanguage | None:
        return next((d for d in self.documents if d.path == path), None)

    def words_by_language(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for doc in self.documents:
            if doc.language:
                totals[doc.language] = totals.get(doc.language, 0) + doc.words
        return dict(sorted(totals.items(), key=lambda kv: -kv[1]))

    def main_language(self) -> str | None:
        totals = self.words_by_language()
        return next(iter(totals), None)

    def to_facts(self) -> dict:
        return {
            "documents": {d.path: d.language for d in self.documents},
            "words_by_language": self.words_by_language(),
            "readability": {
                lang: {"index": r.index, "score": r.score, "words": r.words,
                       "flesch_kincaid_grade": r.flesch_kincaid_grade,
                       "flesch_reading_ease": r.flesch_reading_ease}
                for lang, r in self.readability.items()
            },
            "truncated": self.truncated,
        }


@collector("language")
def language_report(snapshot: Snapshot) -> LanguageReport:
    docs = analysed_documents(snapshot)
    truncated = len(docs) > MAX_DOCS
    results: list[DocumentLanguage] = []
    prose_by_language: dict[str, list[str]] = {}
    sentences_by_language: dict[str, list[LongSentence]] = {}
    total = 0
    for doc in docs[:MAX_DOCS]:
        if total >= MAX_TOTAL_CHARS:
            truncated = True
            break
        prose = document_prose(doc, min(MAX_DOC_CHARS, MAX_TOTAL_CHARS - total))
        total += len(prose)
        detected = detect_language(prose)
        words = len(_WORD.findall(prose))
        if detected is None:
            results.append(DocumentLanguage(doc.path, doc.kind, None, 0.0, words))
            continue
        language, probability = detected
        results.append(DocumentLanguage(doc.path, doc.kind, language, probability, words))
        prose_by_language.setdefault(language, []).append(prose)
        sentences_by_language.setdefault(language, []).extend(_long_sentences(doc, prose))
    levels: dict[str, Readability] = {}
    for language, texts in prose_by_language.items():
        measured = readability("\n".join(texts), language)
        if measured is not None:
            levels[language] = measured
    longest = {
        language: tuple(sorted(found, key=lambda s: -s.words)[:3])
        for language, found in sentences_by_language.items()
    }
    return LanguageReport(tuple(results), levels, longest, truncated)


def _long_sentences(doc: Document, prose: str) -> list[LongSentence]:
    found = []
    for match in _SENTENCE.finditer(prose):
        sentence = _SPACES.sub(" ", match.group(0)).strip()
        words = len(_WORD.findall(sentence))
        if words >= 25:
            found.append(LongSentence(doc.path, _line_of(doc.text, sentence), words,
                                      sentence[:200]))
    return sorted(found, key=lambda s: -s.words)[:3]


def _line_of(text: str, sentence: str) -> int:
    probe = sentence[:40]
    position = text.find(probe)
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


__all__ = ["DocumentLanguage", "LanguageReport", "LongSentence", "Readability",
           "analysed_documents", "clean_prose", "detect_language", "document_prose",
           "language_report", "readability", "stopword_language"]
