"""Translations: language choice, catalogs read at run time, Danish everywhere it matters."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from publiccode_checker.criteria.profiles import load_profile, profile_files
from publiccode_checker.i18n import (
    available_languages,
    choose_language,
    gettext,
    ngettext,
    translate,
)
from publiccode_checker.i18n.catalogs import catalog_for
from publiccode_checker.i18n.content import (
    criterion_title,
    requirement_question,
    requirement_summary,
)
from publiccode_checker.i18n.phrases import level_label, summary_sentence

ROOT = Path(__file__).resolve().parents[2]


def test_languages():
    assert available_languages()[:2] == ("en", "da")


@pytest.mark.parametrize(("explicit", "cookie", "header", "expected"), [
    ("da", None, None, "da"),
    (None, "da", "en", "da"),
    ("en", "da", "da", "en"),
    (None, None, "da-DK,da;q=0.9,en;q=0.8", "da"),
    (None, None, "fr;q=1, da;q=0.5", "da"),
    (None, None, "fr, de", "en"),
    ("xx", "../../etc", "da;q=0", "en"),
    (None, None, "da;q=bogus, en", "en"),
])
def test_choose_language(explicit, cookie, header, expected):
    assert choose_language(explicit, cookie, header) == expected


def test_translate_and_plurals():
    assert translate("Criteria", "da") == "Kriterier"
    assert translate("Criteria", "en") == "Criteria"
    assert translate("Criteria", None) == "Criteria"
    assert translate("A sentence nobody translated", "da") == "A sentence nobody translated"
    assert gettext("Signed in as %(login)s", "da", login="mette") == "Logget ind som mette"
    assert ngettext("%(num)s repository", "%(num)s repositories", 1, "da") == "1 repositorie"
    assert ngettext("%(num)s repository", "%(num)s repositories", 3, "da") == "3 repositorier"
    assert ngettext("%(num)s repository", "%(num)s repositories", 3, None) == "3 repositories"
    assert catalog_for("not-a-language") is None


def test_level_labels_and_summary():
    assert level_label("3/16 criteria met", None) == "3/16 criteria met"
    assert level_label("3/16 criteria met, all MUST requirements met", "da") == \
        "3 af 16 kriterier opfyldt, alle SKAL-krav opfyldt"
    assert level_label("N2", "da") == "Niveau 2"
    assert level_label("stable (declared), not supported by the evidence", "da") == \
        "stable (angivet), ikke understøttet af det fundne"
    assert summary_sentence(2, 16, 1, "da") == "2 af 16 kriterier opfyldt; 1 SKAL-krav fejler"


@pytest.mark.parametrize("profile_id", list(profile_files()))
def test_every_profile_text_has_a_danish_translation(profile_id):
    profile = load_profile(profile_id)
    missing = []
    for criterion in profile.criteria:
        if criterion_title(criterion, "da") == criterion.title and criterion.code != "G":
            missing.append(criterion.code)
        for requirement in criterion.requirements:
            if requirement_summary(requirement, "da") == requirement.summary:
                missing.append(requirement.id)
            question = requirement_question(requirement, "da")
            if requirement.question and question == requirement.question:
                missing.append(f"{requirement.id} question")
    assert not missing


def _extractor():
    spec = importlib.util.spec_from_file_location(
        "extract_messages", ROOT / "scripts" / "extract_messages.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_every_message_of_the_dashboard_and_reports_is_in_danish():
    extractor = _extractor()
    catalog = catalog_for("da")
    assert catalog is not None
    missing = []
    for message, where, _comment in extractor.code_messages():
        if isinstance(message, tuple):
            if catalog.get_plural(message[0], message[1], 2) is None:
                missing.append(where)
        elif catalog.get(message) is None and message not in ("CSV", "JSON", "ID"):
            missing.append(f"{where}: {message}")
    assert not missing


def test_template_extraction_finds_templates_and_dynamic_texts():
    extractor = _extractor()
    template = extractor.build_template()
    assert template.get("Skip to content") is not None  # a Jinja template
    assert template.get("Code in the open") is not None  # a profile
    assert template.get("No evaluations yet") is not None  # Python code
