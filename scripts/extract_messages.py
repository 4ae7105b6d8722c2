"""Build the message template and bring every language's catalog up to date.

    python scripts/extract_messages.py            # writes messages.pot, updates <lang>/messages.po
    python scripts/extract_messages.py --check    # exits 1 when a catalog lacks a translation
    python scripts/extract_messages.py --init nb  # starts a catalog for a new language

Messages come from two places:

* ``_()``, ``gettext()``, ``ngettext()`` and ``N_()`` calls in ``dashboard/``, ``reports/`` and
  ``i18n/`` (Python and Jinja templates), found by Babel's extractors;
* texts kept as data: each profile's criterion titles, requirement summaries and questions
  (``criteria/*.yml``), and each check's title, why and how-to-fix (``checks.all_checks()``);
* the sentences checks write at run time: the ``message`` of every finding and ``Evidence`` in
  ``checks/`` and ``evidence/``, read from the source (``i18n.extraction``) as templates with
  numbered placeholders (``{0:.0%} of recent commits ...``), which ``i18n.messages`` matches.

Existing translations are kept. Where a profile carries its own translation (``summary_da``), an
empty entry is filled from it. Catalogs are read as ``.po`` at run time; no compile step.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from publiccode_checker.checks import all_checks  # noqa: E402
from publiccode_checker.criteria.profiles import load_profile, profile_files  # noqa: E402
from publiccode_checker.i18n.catalogs import DOMAIN, TRANSLATIONS_DIR  # noqa: E402
from publiccode_checker.i18n.extraction import extract_templates, placeholder_fields  # noqa: E402
from publiccode_checker.i18n.messages import is_template  # noqa: E402

SOURCE_DIRS = ("src/publiccode_checker/web", "src/publiccode_checker/reports",
               "src/publiccode_checker/i18n")
RUNTIME_DIRS = ("checks", "src/publiccode_checker/evidence")
KEYWORDS = {"_": None, "gettext": (1,), "ngettext": (1, 2), "N_": None}
METHOD_MAP = [
    ("**/templates/**.html", "jinja2"),
    ("**.py", "python"),
]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.do"}}
PROJECT = "publiccode-checker"

Entry = tuple[str | tuple[str, str], str, str | None]  # (message id, where, translator comment)
#: A run-time template carries catalog flags as well.
RuntimeEntry = tuple[str, str, str | None, list[str]]


def code_messages() -> Iterator[Entry]:
    for folder in SOURCE_DIRS:
        for filename, _lineno, message, comments, _context in extract_from_dir(
            ROOT / folder, METHOD_MAP, options_map=OPTIONS,
            keywords=KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True,
        ):
            yield (message, f"{folder}/{filename}",
                   " ".join(comments) if comments else None)


def profile_messages() -> Iterator[Entry]:
    for profile_id, filename in profile_files().items():
        profile = load_profile(profile_id)
        where = f"criteria/{filename}"
        yield profile.name, f"{where}:name", "Profile name"
        yield profile.short_name, f"{where}:short_name", "Short profile name, on badges"
        for level, name in profile.level_names.items():
            yield name, f"{where}:{level}", f"Name of the level {level}"
        for criterion in profile.criteria:
            yield criterion.title, f"{where}:{criterion.code}", "Criterion title"
            for requirement in criterion.requirements:
                yield (requirement.summary, f"{where}:{requirement.id}",
                       f"Summary of requirement {requirement.id} ({requirement.level})")
                if requirement.question:
                    yield (requirement.question, f"{where}:{requirement.id}",
                           f"Question to people about {requirement.id}")


def check_messages() -> Iterator[Entry]:
    for check in sorted(all_checks().values(), key=lambda c: c.id):
        where = f"checks:{check.id}"
        yield check.title, where, "Check title"
        yield check.why, where, "Why the check matters"
        yield check.how_to_fix, where, "How to fix what the check found"


def runtime_messages() -> Iterator[RuntimeEntry]:
    for template in extract_templates(ROOT, RUNTIME_DIRS):
        for path in dict.fromkeys(path for path, _line in template.locations):
            yield template.text, path, template.comment(), template.flags


def build_template() -> Catalog:
    template = Catalog(project=PROJECT, domain=DOMAIN, charset="utf-8",
                       creation_date=datetime(2026, 1, 1, tzinfo=UTC), fuzzy=False)
    sources: tuple[Iterator[Entry] | Iterator[RuntimeEntry], ...] = (
        code_messages(), profile_messages(), check_messages(), runtime_messages())
    for source in sources:
        for message, where, comment, *rest in source:
            # Run-time templates are filled by i18n.messages, never with the % operator.
            flags: list[str] = rest[0] if rest else []
            if not message or (isinstance(message, tuple) and not message[0]):
                continue
            # Files, not lines: a line number would churn every entry below an edited line.
            location = (where, None)
            existing = template.get(message)
            if existing is not None:
                if location not in existing.locations:
                    existing.locations.append(location)
                if flags:
                    existing.flags.update(flags)
                    existing.flags.discard("python-format")
                if comment and comment not in existing.auto_comments:
                    existing.auto_comments.append(comment)
                continue
            added = template.add(message, locations=[location], flags=flags,
                                 auto_comments=[comment] if comment else [])
            if flags and added is not None:
                added.flags.discard("python-format")
    return template


def own_translations(lang: str) -> dict[str, str]:
    """Translations a profile file carries itself (``title_da``, ``summary_da``, ...)."""
    found: dict[str, str] = {}
    for profile_id in profile_files():
        profile = load_profile(profile_id)
        for criterion in profile.criteria:
            title = criterion.translations.get(lang, {}).get("title")
            if title:
                found[criterion.title] = title
            for requirement in criterion.requirements:
                own = requirement.translations.get(lang, {})
                if own.get("summary"):
                    found[requirement.summary] = own["summary"]
                if own.get("question") and requirement.question:
                    found[requirement.question] = own["question"]
    return found


def catalog_path(lang: str) -> Path:
    return TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def updated_language(template: Catalog, lang: str) -> Catalog:
    """The catalog of ``lang`` brought up to the template, seeded from the profiles."""
    path = catalog_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
    else:
        catalog = Catalog(locale=lang, project=PROJECT, domain=DOMAIN, charset="utf-8",
                          fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    seeds = own_translations(lang)
    for message in catalog:
        if message.id and not message.string and isinstance(message.id, str):
            message.string = seeds.get(message.id, "")
    # Obsolete entries are dropped: the template is the single list of what the product says.
    catalog.obsolete.clear()
    return catalog


def _po_bytes(catalog: Catalog, **options: bool) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, **options)
    return buffer.getvalue()


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in TRANSLATIONS_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def generated_files(template: Catalog, langs: list[str]) -> dict[Path, tuple[bytes, Catalog]]:
    """What the template and each language's catalog should contain, without writing them."""
    files = {TRANSLATIONS_DIR / f"{DOMAIN}.pot": (_po_bytes(template), template)}
    for lang in langs:
        catalog = updated_language(template, lang)
        files[catalog_path(lang)] = (_po_bytes(catalog, omit_header=False,
                                               include_previous=False), catalog)
    return files


def missing(catalog: Catalog) -> list[str]:
    gaps = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if message.fuzzy or not all(strings):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    """Run-time templates whose translation drops, adds or changes a ``{0}`` placeholder."""
    wrong = []
    for message in catalog:
        if not isinstance(message.id, str) or not message.string:
            continue
        if "python-brace-format" not in message.flags and not is_template(message.id):
            continue
        if sorted(placeholder_fields(message.id)) != sorted(placeholder_fields(message.string)):
            wrong.append(message.id)
    return wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="fail when a catalog has untranslated or fuzzy messages")
    parser.add_argument("--init", metavar="LANG", help="start a catalog for a new language")
    args = parser.parse_args(argv)

    template = build_template()
    langs = languages()
    if args.init and args.init not in langs:
        langs.append(args.init)
    files = generated_files(template, langs)
    for path, (content, _catalog) in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    status = 0
    for lang in langs:
        catalog = files[catalog_path(lang)][1]
        gaps = missing(catalog)
        wrong = placeholder_mismatches(catalog)
        print(f"{lang}: {len(template)} messages, {len(gaps)} untranslated, "
              f"{len(wrong)} with wrong placeholders")
        if args.check and (gaps or wrong):
            status = 1
            for gap in gaps[:20]:
                print(f"  missing: {gap[:90]}")
            for text in wrong[:20]:
                print(f"  placeholders differ: {text[:90]}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
