"""Consistency of the profile data files in criteria/ (read as plain YAML, without the loader)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import PROJECT_ROOT, require_reference

CRITERIA_DIR = PROJECT_ROOT / "criteria"
AUTOMATION = {"decisive", "heuristic", "proxy", "manual"}
LEVELS = {"MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "OPTIONAL"}
SITE = "https://www.standardforpubliccode.org/criteria/"

# Per criterion of the Standard for Public Code 0.8.1: (MUST + MUST NOT, SHOULD + SHOULD NOT,
# OPTIONAL), in the order of the standard.
SFPC_COUNTS = {
    "CO": (3, 1, 1),
    "BP": (2, 2, 0),
    "RP": (2, 8, 0),
    "WC": (3, 4, 1),
    "MC": (5, 0, 0),
    "VC": (3, 4, 1),
    "RR": (3, 5, 1),
    "DO": (1, 1, 1),
    "DC": (3, 5, 0),
    "PE": (5, 2, 1),
    "OS": (4, 3, 0),
    "CI": (4, 3, 3),
    "OL": (4, 1, 1),
    "FI": (0, 8, 2),
    "ST": (1, 2, 1),
    "MA": (3, 2, 1),
}


def _load(name: str) -> dict:
    return yaml.safe_load((CRITERIA_DIR / name).read_text(encoding="utf-8"))


def _requirements(profile: dict) -> list[dict]:
    return [req for criterion in profile["criteria"] for req in criterion["requirements"]]


def _group(level: str) -> int:
    return {"MUST": 0, "MUST NOT": 0, "SHOULD": 1, "SHOULD NOT": 1, "OPTIONAL": 2}[level]


@pytest.fixture(scope="module")
def sfpc() -> dict:
    return _load("sfpc-0.8.1.yml")


@pytest.fixture(scope="module")
def os2() -> dict:
    return _load("os2.yml")


@pytest.fixture(scope="module")
def publiccode() -> dict:
    return _load("publiccode-yml.yml")


# --- Standard for Public Code ----------------------------------------------------------------


def test_sfpc_header(sfpc):
    assert sfpc["id"] == "sfpc"
    assert sfpc["name"] == "Standard for Public Code"
    assert sfpc["version"] == "0.8.1"
    assert sfpc["url"] == "https://www.standardforpubliccode.org/"


def test_sfpc_has_16_criteria_in_order(sfpc):
    criteria = sfpc["criteria"]
    assert [c["code"] for c in criteria] == list(SFPC_COUNTS)
    for criterion in criteria:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", criterion["slug"])
        assert criterion["link"] == f"{SITE}{criterion['slug']}.html"
        assert criterion["title"].strip()


def test_sfpc_has_111_unique_requirements_numbered_in_order(sfpc):
    ids = [req["id"] for req in _requirements(sfpc)]
    assert len(ids) == 111
    assert len(set(ids)) == 111
    for criterion in sfpc["criteria"]:
        count = len(criterion["requirements"])
        expected = [f"{criterion['code']}-{n}" for n in range(1, count + 1)]
        assert [req["id"] for req in criterion["requirements"]] == expected


def test_sfpc_level_counts(sfpc):
    totals = Counter(_group(req["level"]) for req in _requirements(sfpc))
    assert (totals[0], totals[1], totals[2]) == (46, 51, 14)
    exact = Counter(req["level"] for req in _requirements(sfpc))
    assert exact["MUST NOT"] == 3
    assert exact["SHOULD NOT"] == 3
    for criterion in sfpc["criteria"]:
        counts = Counter(_group(req["level"]) for req in criterion["requirements"])
        code = criterion["code"]
        assert (counts[0], counts[1], counts[2]) == SFPC_COUNTS[code], code


def test_sfpc_requirement_fields(sfpc):
    for req in _requirements(sfpc):
        rid = req["id"]
        assert req["level"] in LEVELS, rid
        assert isinstance(req["summary"], str) and req["summary"].strip(), rid
        assert len(req["summary"]) <= 120, rid
        assert isinstance(req["text_sha1"], str), rid
        assert re.fullmatch(r"[0-9a-f]{12}", req["text_sha1"]), rid
        assert req["automation"] in AUTOMATION, rid
        if req["automation"] != "decisive":
            assert isinstance(req["question"], str) and req["question"].strip(), rid
        else:
            assert req["question"] is None or req["question"].strip(), rid
        assert isinstance(req["checks"], list), rid  # filled by scripts/sync_profile_checks.py
        if req["level"] == "OPTIONAL":
            assert req["summary"].startswith("Optionally"), rid


def test_sfpc_hashes_are_unique(sfpc):
    hashes = [req["text_sha1"] for req in _requirements(sfpc)]
    assert len(set(hashes)) == len(hashes)


def test_sfpc_matches_reference():
    reference = json.loads(
        require_reference("spec", "requirements-0.8.1.json").read_text(encoding="utf-8")
    )
    expected = {item["id"]: item for item in reference["requirements"]}
    ours = {req["id"]: req for req in _requirements(_load("sfpc-0.8.1.yml"))}
    assert set(ours) == set(expected)
    for rid, req in ours.items():
        assert req["level"] == expected[rid]["level"], rid
        assert req["text_sha1"] == expected[rid]["text_sha1"], rid
        assert req["summary"].strip().casefold() != expected[rid]["summary"].strip().casefold(), rid


# --- OS2 product levels ----------------------------------------------------------------------

OS2_THEMES = {"R": 4, "F": 20, "S": 5, "G": 14}
OS2_LEVEL_COUNTS = {"sandbox": 6, "N1": 10, "N2": 19, "N3": 8}
OS2_RECOMMENDED = {"G8", "G9", "G10"}


def test_os2_header(os2):
    assert os2["id"] == "os2"
    assert os2["name"] == "OS2 product levels"
    assert os2["version"] == "0.9.2"
    assert os2["levels"] == ["sandbox", "N1", "N2", "N3"]


def test_os2_themes(os2):
    assert {c["code"]: len(c["requirements"]) for c in os2["criteria"]} == OS2_THEMES
    for criterion in os2["criteria"]:
        assert criterion["title"].strip()
        assert criterion["title_da"].strip()
        assert criterion["link"].startswith("https://github.com/OS2offdig/os2-product-reviews/")
        for req in criterion["requirements"]:
            assert re.fullmatch(rf"{criterion['code']}\d+", req["id"]), req["id"]


def test_os2_has_43_requirements_split_by_level(os2):
    reqs = _requirements(os2)
    ids = [req["id"] for req in reqs]
    assert len(ids) == 43
    assert len(set(ids)) == 43
    assert "F8" not in ids and "F9" not in ids  # merged into F7 by OS2
    assert Counter(req["profile_level"] for req in reqs) == OS2_LEVEL_COUNTS


def test_os2_requirement_fields(os2):
    for req in _requirements(os2):
        rid = req["id"]
        expected_level = "SHOULD" if rid in OS2_RECOMMENDED else "MUST"
        assert req["level"] == expected_level, rid
        assert req["profile_level"] in os2["levels"], rid
        assert req["automation"] in AUTOMATION, rid
        for key in ("summary", "summary_da"):
            assert isinstance(req[key], str) and req[key].strip(), (rid, key)
            assert len(req[key]) <= 120, (rid, key)
        assert req["summary"] != req["summary_da"], rid
        assert req["link"].startswith("https://github.com/OS2offdig/os2-product-reviews/"), rid
        assert isinstance(req["checks"], list), rid  # filled by scripts/sync_profile_checks.py
        assert isinstance(req["derived_from"], list), rid


def test_os2_derived_from_exists_in_sfpc(os2, sfpc):
    sfpc_ids = {req["id"] for req in _requirements(sfpc)}
    for req in _requirements(os2):
        unknown = set(req["derived_from"]) - sfpc_ids
        assert not unknown, (req["id"], unknown)


def test_os2_every_requirement_is_derived_or_asked(os2):
    for req in _requirements(os2):
        rid = req["id"]
        assert req["derived_from"] or req["question"], rid
        if req["question"] is None:
            assert req["question_da"] is None, rid
        else:
            assert req["question"].strip(), rid
            assert isinstance(req["question_da"], str) and req["question_da"].strip(), rid
        if not req["derived_from"]:
            assert req["automation"] == "manual", rid


def test_os2_overlap_with_the_standard(os2):
    derived = {req["id"]: set(req["derived_from"]) for req in _requirements(os2)}
    assert {"CO-1", "CO-4"} <= derived["F1"]
    assert {"OL-2", "OL-3"} <= derived["F2"]
    assert {"DO-1", "DC-4"} <= derived["F5"]
    assert {"MC-1", "MC-2"} <= derived["F11"]
    assert {"ST-1"} <= derived["F16"]
    assert {"MC-3", "RP-3"} <= derived["G14"]


# --- publiccode.yml --------------------------------------------------------------------------

PUBLICCODE_LEVELS = {
    "PC-1": "MUST",
    "PC-2": "MUST",
    "PC-3": "SHOULD",
    "PC-4": "MUST",
    "PC-5": "SHOULD",
    "PC-6": "SHOULD",
    "PC-7": "SHOULD",
}


def test_publiccode_profile(publiccode):
    assert publiccode["id"] == "publiccode"
    assert publiccode["name"] == "publiccode.yml"
    assert isinstance(publiccode["version"], str)
    assert [c["code"] for c in publiccode["criteria"]] == ["PC"]
    reqs = _requirements(publiccode)
    assert {req["id"]: req["level"] for req in reqs} == PUBLICCODE_LEVELS
    assert [req["id"] for req in reqs] == list(PUBLICCODE_LEVELS)
    for req in reqs:
        rid = req["id"]
        assert req["summary"].strip() and len(req["summary"]) <= 120, rid
        assert req["link"].startswith("https://yml.publiccode.tools/"), rid
        assert req["automation"] in AUTOMATION, rid
        if req["automation"] != "decisive":
            assert isinstance(req["question"], str) and req["question"].strip(), rid
        assert isinstance(req["checks"], list), rid  # filled by scripts/sync_profile_checks.py


# --- scripts/hash_requirements.py ------------------------------------------------------------


def _hash_script():
    path = PROJECT_ROOT / "scripts" / "hash_requirements.py"
    spec = importlib.util.spec_from_file_location("hash_requirements", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_hash_script_reads_a_checkout(tmp_path: Path):
    script = _hash_script()
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "sample-criterion.md").write_text(
        "---\norder: 1\n---\n# Sample\n\nIntro.\n\n## Requirements\n\n"
        "* The sample MUST have a [licence](../glossary.md#licence).\n"
        "* Having a mascot is OPTIONAL.\n\n## How to test\n\n* Not a requirement.\n",
        encoding="utf-8",
    )
    first = script.fingerprint("The sample MUST have a licence.")
    profile_text = (
        "criteria:\n  - code: SA\n    slug: sample-criterion\n    requirements:\n"
        '      - id: SA-1\n        level: MUST\n        text_sha1: "000000000000"  # kept\n'
        '      - id: SA-2\n        level: SHOULD\n        text_sha1: "000000000000"\n'
    )
    hashes, problems = script.compare(yaml.safe_load(profile_text), tmp_path)
    assert hashes["SA-1"] == first
    assert len(hashes) == 2
    assert "SA-2: level SHOULD != OPTIONAL" in problems
    rewritten = script.rewrite_hashes(profile_text, hashes)
    assert f'text_sha1: "{first}"  # kept' in rewritten
    second = yaml.safe_load(rewritten)["criteria"][0]["requirements"][1]
    assert second["text_sha1"] == hashes["SA-2"]


def test_hash_normalisation():
    script = _hash_script()
    assert script.normalise("  See [the guide](https://example.org/x) for `FILE`. ") == (
        "See the guide for `FILE`."
    )
    assert script.level_of("It MUST NOT happen.") == "MUST NOT"
    assert script.level_of("Doing it is OPTIONAL.") == "OPTIONAL"
