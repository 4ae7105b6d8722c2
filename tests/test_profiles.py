"""The profiles and the check plugins agree, and every requirement can get a verdict."""

from __future__ import annotations

from publiccode_checker.checks import all_checks
from publiccode_checker.criteria.profiles import (
    DATA_DIR,
    PROFILE_FILES,
    available_profiles,
    load_profile,
)
from scripts.sync_profile_checks import checks_by_requirement, synced


def test_profile_check_lists_are_in_sync():
    mapping = checks_by_requirement()
    for name in PROFILE_FILES.values():
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
