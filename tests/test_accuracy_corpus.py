"""Failure classes seen on real repositories, reproduced in small invented pairs.

Each pair holds one repository that must not pass (or fail) a requirement, and one that must. The
texts are written here; nothing is copied from the repositories where the classes were seen (see
docs/accuracy.md). The whole engine runs, so the precision rule and the evaluation time apply as
they do for users.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.snapshots import Commit, GitHistory, MemorySnapshot

WHEN = datetime(2026, 6, 1, tzinfo=UTC)
README = "# Permits\n\nPermits lets residents of Example Town apply for a parking permit online.\n"


def verdict(files: dict[str, str], requirement: str, *, history: GitHistory | None = None,
            as_of: datetime = WHEN) -> str:
    evaluation = evaluate(MemorySnapshot(files, history=history), "sfpc", as_of=as_of)
    return evaluation.result(requirement).verdict.value


# -- 1. a topic word decides a requirement ------------------------------------------------------

def test_a_manual_about_the_products_steering_groups_is_not_the_projects_governance() -> None:
    manual = {"README.md": README, "docs/guide/organisation.md": (
        "# Organisation\n\n## Governance\n\nIn Permits an administrator creates teams, steering "
        "groups and units, and gives each a role. A steering group sees every permit of its "
        "units.\n")}
    assert verdict(manual, "WC-3") == "fail"
    governance = {"README.md": README, "GOVERNANCE.md": (
        "# Governance\n\nPermits is steered by a steering group of the three municipalities "
        "that use it. The group meets every quarter, decides on the roadmap by majority, and "
        "appoints the maintainers, who review and merge changes.\n")}
    assert verdict(governance, "WC-3") == "pass"


def test_a_products_security_events_are_not_a_way_to_report_vulnerabilities() -> None:
    feature = {"README.md": README, "docs/features/security-events.md": (
        "# Security events\n\nPermits logs security events: failed logins, changed roles and "
        "exported permits. An administrator sees them under Settings.\n")}
    assert verdict(feature, "MC-5") == "fail"
    policy = {"README.md": README, "SECURITY.md": (
        "# Security\n\nPlease report vulnerabilities privately to "
        "security@example-town.example. We answer within five working days.\n")}
    assert verdict(policy, "MC-5") == "pass"


def test_a_folder_of_access_policies_in_code_does_not_pass_the_policy_requirement() -> None:
    code = {"README.md": README, "src/Authorization/Policies/ReadAccessPolicy.cs":
            "namespace Permits.Authorization.Policies { public class ReadAccessPolicy { } }\n"}
    assert verdict(code, "BP-1") == "manual"  # a person is shown the folder, never a pass


def test_a_badge_whose_alt_text_says_version_does_not_state_maturity() -> None:
    badge = {"README.md": "# Permits\n\n![Python version](https://img.shields.io/badge/"
                          "license-EUPL--1.2-blue)\n\nApply for a parking permit.\n"}
    assert verdict(badge, "MA-2") != "pass"
    stated = {"README.md": README, "publiccode.yml": (
        "publiccodeYmlVersion: '0.4'\nname: Permits\nurl: https://example.org/permits.git\n"
        "developmentStatus: stable\n")}
    assert verdict(stated, "MA-2") == "pass"


# -- 4. stale time reference ----------------------------------------------------------------------

def _history(last: datetime) -> GitHistory:
    commits = tuple(
        Commit(f"{n:040x}", 1, name, f"{name.lower()}@example-town.example", when, when,
               "Adjust the fee table")
        for n, (name, when) in enumerate([("Ann", last), ("Bo", last - timedelta(days=12))], 1))
    return GitHistory(commits[0].sha, last, commits)


@pytest.mark.parametrize(("last_commit", "expected"), [
    (WHEN - timedelta(days=5), "pass"),       # lively now
    (datetime(2019, 3, 1, tzinfo=UTC), "fail"),  # lively in 2019, untouched since
])
def test_activity_counts_back_from_the_evaluation_time(last_commit: datetime,
                                                       expected: str) -> None:
    files = {"README.md": README, "permits/fees.py": "def fee():\n    return 30\n"}
    assert verdict(files, "CI-4", history=_history(last_commit)) == expected
