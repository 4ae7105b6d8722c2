"""The profiles and the check plugins agree, and every requirement can get a verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from publiccode_checker.checks import all_checks
from publiccode_checker.criteria.profiles import (
    DATA_DIR,
    available_profiles,
    load_profile,
    profile_files,
)
from scripts.sync_profile_checks import checks_by_requirement, synced

ROOT = Path(__file__).resolve().parent.parent


def test_profile_check_lists_are_in_sync():
    mapping = checks_by_requirement()
    for name in profile_files().values():
        text = (DATA_DIR / name).read_text(encoding="utf-8")
        assert synced(text, mapping) == text, f"run scripts/sync_profile_checks.py ({name})"


def test_every_check_serves_a_known_requirement():
    known = {r.id for p in available_profiles() for r in load_profile(p).requirements}
    for check in all_checks().values():
        unknown = set(check.requirements) - known
        assert not unknown, f"{check.id} declares unknown requirements {unknown}"


def test_every_requirement_is_decided_by_a_check_or_a_person():
    for profile_id in available_profiles():
        profile = load_profile(profile_id)
        for requirement in profile.requirements:
            assert requirement.checks or requirement.derived_from or requirement.question, (
                f"{profile_id} {requirement.id} has no check, no base requirement and no question"
            )


def test_every_sfpc_requirement_has_a_check():
    profile = load_profile("sfpc")
    missing = [r.id for r in profile.requirements if not r.checks]
    assert not missing, f"requirements without a check: {missing}"


def test_os2_derivations_point_at_real_requirements():
    sfpc = {r.id for r in load_profile("sfpc").requirements}
    for requirement in load_profile("os2").requirements:
        assert set(requirement.derived_from) <= sfpc


# -- profiles are data ----------------------------------------------------------------------------

def _with_profiles(monkeypatch, tmp_path, files: dict[str, str]) -> None:
    from publiccode_checker.criteria import profiles

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(profiles, "DATA_DIR", tmp_path)
    profiles._index.cache_clear()
    profiles.load_profile.cache_clear()


def test_a_profile_file_dropped_into_criteria_is_a_profile(monkeypatch, tmp_path) -> None:
    from publiccode_checker.criteria import profiles

    sfpc = (DATA_DIR / "sfpc-0.8.1.yml").read_text(encoding="utf-8")
    mine = (DATA_DIR / "publiccode-yml.yml").read_text(encoding="utf-8").replace(
        "id: publiccode\n", "id: municipal\n", 1).replace("rule: declared_status", "rule: criteria")
    try:
        _with_profiles(monkeypatch, tmp_path, {"sfpc.yml": sfpc, "municipal.yml": mine})
        assert profiles.available_profiles() == ["sfpc", "municipal"]  # the default first
        assert profiles.default_profile() == "sfpc"
        assert profiles.load_profile("municipal").maturity.rule == "criteria"
    finally:
        profiles._index.cache_clear()
        profiles.load_profile.cache_clear()


def test_exactly_one_default_profile(monkeypatch, tmp_path) -> None:
    from publiccode_checker.criteria import profiles

    sfpc = (DATA_DIR / "sfpc-0.8.1.yml").read_text(encoding="utf-8")
    try:
        _with_profiles(monkeypatch, tmp_path, {"a.yml": sfpc,
                                               "b.yml": sfpc.replace("id: sfpc\n", "id: b\n")})
        with pytest.raises(profiles.ProfileError, match="exactly one"):
            profiles.default_profile()
    finally:
        profiles._index.cache_clear()
        profiles.load_profile.cache_clear()


def test_an_unknown_maturity_rule_is_refused(tmp_path) -> None:
    from publiccode_checker.criteria.profiles import ProfileError, load_profile_file

    text = (DATA_DIR / "sfpc-0.8.1.yml").read_text(encoding="utf-8").replace(
        "rule: criteria", "rule: stars")
    (tmp_path / "x.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match="unknown maturity rule"):
        load_profile_file(tmp_path / "x.yml")


def test_every_maturity_rule_has_a_level_and_a_history_implementation() -> None:
    import inspect

    from publiccode_checker.criteria.profiles import MATURITY_RULES
    from publiccode_checker.evaluation.levels import RULES
    from publiccode_checker.store.history import maturity

    assert set(RULES) == set(MATURITY_RULES)
    source = inspect.getsource(maturity.stream_maturity)
    for rule in MATURITY_RULES:
        assert rule == "criteria" or f'"{rule}"' in source, rule
    assert {load_profile(p).maturity.rule for p in available_profiles()} == set(MATURITY_RULES)


def test_no_code_branches_on_a_profile_id() -> None:
    # A profile's behaviour is in its file; code that compares with or keys on a profile's id
    # would make a new profile file silently behave differently.
    import ast

    ids = set(available_profiles())
    offenders = []
    roots = [ROOT / "src", ROOT / "checks", ROOT / "criteria", ROOT / "webhooks"]
    for root in roots:
        for path in root.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                constants = []
                if isinstance(node, ast.Compare):
                    constants = [n for n in (node.left, *node.comparators)
                                 if isinstance(n, ast.Constant)]
                elif isinstance(node, ast.Dict):
                    constants = [k for k in node.keys if isinstance(k, ast.Constant)]
                elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == \
                        "load_profile":
                    constants = [a for a in node.args if isinstance(a, ast.Constant)]
                offenders += [f"{path.relative_to(ROOT)}:{c.lineno}" for c in constants
                              if c.value in ids]
    assert not offenders, offenders
