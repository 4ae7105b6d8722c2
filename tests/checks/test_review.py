"""RR-1, RR-3, RR-6, RR-7, RR-8 and RR-9 from forge facts, with history proxies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from publiccode_checker.checks.review import business_time
from publiccode_checker.snapshots import (
    Commit,
    GitHistory,
    MemorySnapshot,
    PullRequestFacts,
    RepositoryFacts,
    ReviewRule,
)
from tests.checks import helpers

NOW = datetime(2025, 6, 2, 12, tzinfo=UTC)  # a Monday


def outcomes(check_id: str, snapshot: MemorySnapshot) -> dict[str, str]:
    """Outcomes as of NOW, the time the tests' pull requests are dated from."""
    return helpers.outcomes(check_id, snapshot, as_of=NOW)


def run(check_id: str, snapshot: MemorySnapshot):  # type: ignore[no-untyped-def]
    return helpers.run(check_id, snapshot, as_of=NOW)


def pr(number, *, days=5, approvals=1, comments=0, author="ann", response_hours=None,
       bot=False, merged=True) -> PullRequestFacts:
    created = NOW - timedelta(days=days)
    return PullRequestFacts(
        number=number, author=author, created_at=created,
        merged_at=created + timedelta(hours=30) if merged else None,
        closed_at=created + timedelta(hours=30),
        approvals_by_others=approvals, comments_by_others=comments,
        first_response_at=(created + timedelta(hours=response_hours)
                           if response_hours is not None else None),
        is_bot=bot,
    )


def commit(subject, days=1, parents=1) -> Commit:
    when = NOW - timedelta(days=days)
    return Commit(f"{abs(hash((subject, days))):040x}"[:40], parents, "Ann", "ann@kk.dk", when,
                  when, subject)


def snap(commits=(), **facts) -> MemorySnapshot:
    history = GitHistory("h", NOW, tuple(commits)) if commits else None
    return MemorySnapshot({"a.py": "x\n"}, history=history, facts=RepositoryFacts(**facts))


# -- RR-1 and RR-9 ------------------------------------------------------------------------------
def test_rr1_all_approved_passes():
    prs = tuple(pr(i) for i in range(10))
    assert outcomes("contributions-reviewed", snap(merged_pull_requests=prs)) == \
        {"RR-1": "pass", "RR-9": "info"}


def test_rr1_some_unapproved_warns_and_many_fails():
    prs = tuple(pr(i, approvals=0 if i == 0 else 1) for i in range(10))
    found = run("contributions-reviewed", snap(merged_pull_requests=prs))["RR-1"]
    assert found.outcome.value == "warn"
    assert any("#0" in e.message for e in found.evidence)
    prs = tuple(pr(i, approvals=i % 2) for i in range(10))
    assert outcomes("contributions-reviewed", snap(merged_pull_requests=prs))["RR-1"] == "fail"


def test_rr1_old_pull_requests_are_outside_the_window():
    prs = (pr(1, days=200, approvals=0), pr(2, days=3))
    assert outcomes("contributions-reviewed", snap(merged_pull_requests=prs))["RR-1"] == "pass"


def test_rr1_direct_pushes_without_any_pull_request_fail():
    commits = [commit("Change the rates table for 2025")]
    assert outcomes("contributions-reviewed", snap(commits, merged_pull_requests=()))["RR-1"] \
        == "fail"
    rule = ReviewRule("ruleset", 1, False)
    assert outcomes("contributions-reviewed", snap(merged_pull_requests=(), review_rule=rule)) \
        == {"RR-1": "pass", "RR-9": "info"}


def test_rr1_offline_proxy_is_never_a_failure():
    assert outcomes("contributions-reviewed", snap()) == {"RR-1": "unknown", "RR-9": "unknown"}
    squashed = [commit(f"Change the rates (#{i})", days=i) for i in range(1, 5)]
    assert outcomes("contributions-reviewed", snap(squashed))["RR-1"] == "manual"
    direct = [commit("Change the rates", days=i) for i in range(1, 5)]
    assert outcomes("contributions-reviewed", snap(direct))["RR-1"] == "warn"
    merged = [*direct, commit("Merge pull request #9 from ann/rates", parents=2)]
    assert outcomes("contributions-reviewed", snap(merged))["RR-1"] == "manual"


def test_rr9_multiple_reviewers():
    rule = ReviewRule("branch protection", 2, False)
    assert outcomes("contributions-reviewed", snap(review_rule=rule))["RR-9"] == "pass"
    found = run("contributions-reviewed",
                snap(merged_pull_requests=(pr(1, approvals=2), pr(2))))["RR-9"]
    assert found.outcome.value == "info" and "1 of 2" in found.message


# -- RR-3 ---------------------------------------------------------------------------------------
def test_rr3():
    assert outcomes("rejection-feedback", snap()) == {"RR-3": "unknown"}
    assert outcomes("rejection-feedback", snap(closed_unmerged_pull_requests=())) == \
        {"RR-3": "pass"}
    closed = (pr(1, merged=False, approvals=0, comments=2), pr(2, merged=False, approvals=0))
    found = run("rejection-feedback", snap(closed_unmerged_pull_requests=closed))["RR-3"]
    assert found.outcome.value == "warn"
    assert any("#2" in e.message for e in found.evidence)
    bots = (pr(3, merged=False, approvals=0, bot=True),)
    assert outcomes("rejection-feedback", snap(closed_unmerged_pull_requests=bots)) == \
        {"RR-3": "pass"}


# -- RR-6 ---------------------------------------------------------------------------------------
def test_rr6_always_asks_a_person():
    found = run("review-context", snap([commit("Change the rates")],
                                       merged_pull_requests=(pr(1),)))["RR-6"]
    assert found.outcome.value == "manual"
    assert any("kk.dk" in e.message for e in found.evidence)


# -- RR-7 ---------------------------------------------------------------------------------------
def test_rr7():
    assert outcomes("branch-protection", snap()) == {"RR-7": "unknown"}
    assert outcomes("branch-protection", snap(review_rule=None)) == {"RR-7": "warn"}
    assert outcomes("branch-protection", snap(review_rule=ReviewRule("ruleset", 0))) == \
        {"RR-7": "warn"}
    assert outcomes("branch-protection",
                    snap(review_rule=ReviewRule("ruleset", 1, bypass_allowed=True))) == \
        {"RR-7": "warn"}
    assert outcomes("branch-protection",
                    snap(review_rule=ReviewRule("ruleset", 1, bypass_allowed=False))) == \
        {"RR-7": "pass"}
    settings = MemorySnapshot({".github/settings.yml": "branches:\n  - name: main\n"
                               "    protection:\n      required_pull_request_reviews:\n"
                               "        required_approving_review_count: 1\n"})
    found = run("branch-protection", settings)["RR-7"]
    assert found.outcome.value == "manual" and found.evidence[0].line == 5


# -- RR-8 ---------------------------------------------------------------------------------------
def test_business_time_skips_weekends():
    friday = datetime(2025, 5, 30, 16, tzinfo=UTC)
    monday = datetime(2025, 6, 2, 10, tzinfo=UTC)
    assert business_time(friday, monday) == timedelta(hours=18)
    assert business_time(monday, friday) == timedelta(0)


def test_rr8():
    assert outcomes("review-speed", snap()) == {"RR-8": "unknown"}
    fast = tuple(pr(i, days=10 + i, response_hours=3) for i in range(10))
    assert outcomes("review-speed", snap(merged_pull_requests=fast)) == {"RR-8": "pass"}
    slow = tuple(pr(i, days=20 + i, response_hours=24 * 6) for i in range(5))
    found = run("review-speed", snap(merged_pull_requests=fast + slow))["RR-8"]
    assert found.outcome.value == "warn"
    assert "median" in found.evidence[0].message
    silent = (pr(1, days=3, response_hours=None),)
    assert outcomes("review-speed", snap(closed_unmerged_pull_requests=silent)) == \
        {"RR-8": "warn"}
    old = (pr(1, days=400, response_hours=1),)
    # Windows end at the evaluated commit's date.
    with_history = snap([commit("Change the rates")], merged_pull_requests=old)
    assert outcomes("review-speed", with_history) == {"RR-8": "unknown"}
