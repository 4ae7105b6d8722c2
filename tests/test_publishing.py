"""Check-run output, comparison with the base, tracking issues and stored verdicts."""

from __future__ import annotations

import dataclasses

import pytest

from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.evaluation.model import Conclusion, Evaluation, Verdict
from publiccode_checker.publishing import check_runs, tracking_issue
from publiccode_checker.publishing.comparison import compare, comparison_markdown
from publiccode_checker.publishing.marker import OPT_OUT_LABEL, TRACKING_LABEL, read_marker
from publiccode_checker.publishing.output import (
    MAX_OUTPUT_CHARS,
    annotation_payloads,
    batches,
    cut,
    summary,
)
from publiccode_checker.repo_config.model import RepoConfig
from publiccode_checker.snapshots import MemorySnapshot
from publiccode_checker.store.recording import (
    history_trigger,
    load_base_verdicts,
    record,
    record_base,
)
from tests.e2e.doubles import FakeClient, FakeRepo

pytest_plugins = ("tests.e2e.fixtures",)

POOR = {"README.md": "# Product\n\nShort.\n"}
GOOD_LICENCE = {**POOR, "LICENSE": "MIT License\n\nCopyright (c) 2025 Someone\n"}


def evaluation_of(files: dict[str, str], sha: str = "a" * 40, **config: object) -> Evaluation:
    return evaluate(MemorySnapshot(files, label="org/repo", commit=sha),
                    config=RepoConfig(**config))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def poor() -> Evaluation:
    return evaluation_of(POOR)


def test_cut_keeps_whole_lines_and_says_so() -> None:
    text = "\n".join(f"line {i} " + "x" * 90 for i in range(2000))
    result = cut(text, details_url="https://checker.example/repos/org/repo")
    assert len(result) <= MAX_OUTPUT_CHARS
    assert "cut to fit GitHub's limit" in result
    assert "https://checker.example/repos/org/repo" in result
    body = result.split("\n\n---\n")[0]
    assert body.endswith("x" * 90)  # no half line
    assert cut("short") == "short"


def test_annotation_batches_of_fifty() -> None:
    items = [{"n": i} for i in range(120)]
    assert [len(b) for b in batches(items)] == [50, 50, 20]
    assert batches([]) == []


def test_annotations_outside_the_commit_are_left_to_the_summary() -> None:
    files = {**POOR, ".github/publiccode-checker.yml": "no_such_setting: 1\n"}
    evaluation = evaluate(MemorySnapshot(files, label="org/repo", commit="a" * 40))
    everything, _ = annotation_payloads(evaluation)
    assert {a["path"] for a in everything} >= {".github/publiccode-checker.yml"}
    assert all(a["start_line"] >= 1 and a["annotation_level"] in ("notice", "warning", "failure")
               for a in everything)
    kept, _ = annotation_payloads(evaluation, known_paths=set())
    assert kept == []


def test_summary_carries_the_report_and_the_comparison(poor: Evaluation) -> None:
    better = evaluation_of(GOOD_LICENCE, sha="b" * 40)
    base = {r.id: r.verdict.value for r in poor.requirements}
    comparison = compare(base, better, "a" * 40)
    assert any(c.requirement.startswith("OL") for c in comparison.newly_met)
    assert comparison.newly_failing == []
    assert comparison.unchanged > 0
    text = summary(better, comparison, "https://checker.example/repos/org/repo")
    assert "Compared with the base branch (`aaaaaaa`)" in text
    assert "newly met" in text
    assert len(text) <= MAX_OUTPUT_CHARS


def test_comparison_reports_newly_failing() -> None:
    good = evaluation_of(GOOD_LICENCE)
    poor = evaluation_of(POOR, sha="b" * 40)
    comparison = compare({r.id: r.verdict.value for r in good.requirements}, poor, "a" * 40)
    assert comparison.newly_failing
    lines = "\n".join(comparison_markdown(comparison))
    assert "Newly failing" in lines


def test_conclusion_follows_the_evaluation_and_report_only_never_fails(poor: Evaluation) -> None:
    assert poor.conclusion is Conclusion.FAILURE
    assert check_runs.check_conclusion(poor) == "failure"
    report_only = dataclasses.replace(poor, report_only=True)
    assert check_runs.check_conclusion(report_only) == "neutral"
    never = dataclasses.replace(poor, fail_on="never")
    assert check_runs.check_conclusion(never) == "neutral"


def test_complete_sends_50_annotations_with_the_completing_patch() -> None:
    client = FakeClient()
    files = {**POOR, **{f"src/file{i}.py": "print(1)\n" for i in range(3)}}
    evaluation = evaluation_of(files)
    annotated = [{"path": "README.md", "start_line": i + 1, "end_line": i + 1,
                  "annotation_level": "warning", "title": "t", "message": "m"}
                 for i in range(120)]
    run_id = check_runs.start(client, "org/repo", "a" * 40, details_url=None, external_id="j")
    import publiccode_checker.publishing.check_runs as module

    original = module.annotation_payloads
    module.annotation_payloads = lambda *a, **k: (annotated, 0)  # type: ignore[assignment]
    try:
        check_runs.complete(client, "org/repo", run_id, evaluation)
    finally:
        module.annotation_payloads = original  # type: ignore[assignment]
    updates = [kw for name, _, kw in client.calls if name == "update_check_run"]
    assert updates[0]["status"] == "completed"
    assert updates[0]["conclusion"] == "failure"
    assert len(updates[0]["output"]["annotations"]) == 50
    assert [len(u["output"]["annotations"]) for u in updates[1:]] == [50, 20]
    assert len(client.check_runs[run_id]["output"]["annotations"]) == 120
    assert {a["identifier"] for a in updates[0]["actions"]} == {"recheck", "how_to_fix"}
    for action in updates[0]["actions"]:
        assert len(action["label"]) <= 20 and len(action["description"]) <= 40


# -- tracking issues -----------------------------------------------------------------------------

ENABLED = RepoConfig(extra={"tracking_issue": True})


def issue_client() -> FakeClient:
    return FakeClient({"org/repo": FakeRepo("org/repo", POOR),
                       "org/tracking": FakeRepo("org/tracking", {})})


def test_tracking_issue_is_off_unless_enabled(poor: Evaluation) -> None:
    client = issue_client()
    assert tracking_issue.sync(client, "org/repo", poor, RepoConfig()) == "disabled"
    assert client.writes() == []


def test_tracking_issue_lifecycle(poor: Evaluation) -> None:
    client = issue_client()
    assert tracking_issue.sync(client, "org/repo", poor, ENABLED) == "created"
    [issue] = client.issues["org/repo"]
    assert issue["labels"] == [{"name": TRACKING_LABEL}]
    assert read_marker(issue["body"])[0] == "org/repo"
    assert "Requirements to work on" in issue["body"]
    assert "Questions for people" in issue["body"]

    writes = len(client.writes())
    same_state_new_commit = dataclasses.replace(poor, commit="c" * 40)
    assert tracking_issue.sync(client, "org/repo", same_state_new_commit, ENABLED) == "unchanged"
    assert len(client.writes()) == writes  # no edit when nothing changed

    better = evaluation_of(GOOD_LICENCE, sha="d" * 40)
    assert tracking_issue.sync(client, "org/repo", better, ENABLED) == "updated"
    assert len(client.issues["org/repo"]) == 1


def all_must_pass(evaluation: Evaluation) -> Evaluation:
    results = tuple(dataclasses.replace(r, verdict=Verdict.PASS) if r.requirement.is_must else r
                    for r in evaluation.requirements)
    return dataclasses.replace(evaluation, requirements=results)


def test_tracking_issue_closes_when_every_must_passes_and_reopens_on_regression(
        poor: Evaluation) -> None:
    client = issue_client()
    tracking_issue.sync(client, "org/repo", poor, ENABLED)
    assert tracking_issue.sync(client, "org/repo", all_must_pass(poor), ENABLED) == "closed"
    assert client.issues["org/repo"][0]["state"] == "closed"
    assert "Closing" in client.comments[-1][2]
    assert tracking_issue.sync(client, "org/repo", all_must_pass(poor), ENABLED) == "unchanged"
    assert tracking_issue.sync(client, "org/repo", poor, ENABLED) == "reopened"
    assert client.issues["org/repo"][0]["state"] == "open"
    assert len(client.issues["org/repo"]) == 1


def test_no_issue_is_opened_when_everything_passes(poor: Evaluation) -> None:
    client = issue_client()
    assert tracking_issue.sync(client, "org/repo", all_must_pass(poor), ENABLED) == "unchanged"
    assert client.writes() == []


def test_opt_out_label_stops_updates(poor: Evaluation) -> None:
    client = issue_client()
    tracking_issue.sync(client, "org/repo", poor, ENABLED)
    client.issues["org/repo"][0]["labels"].append({"name": OPT_OUT_LABEL})
    writes = len(client.writes())
    better = evaluation_of(GOOD_LICENCE, sha="d" * 40)
    assert tracking_issue.sync(client, "org/repo", better, ENABLED) == "opted_out"
    assert len(client.writes()) == writes


def test_central_issue_repository(poor: Evaluation) -> None:
    client = issue_client()
    config = RepoConfig(extra={"tracking_issue": {"repository": "org/tracking"}})
    assert tracking_issue.sync(client, "org/repo", poor, config) == "created"
    assert "org/repo" not in client.issues
    [issue] = client.issues["org/tracking"]
    assert read_marker(issue["body"])[0] == "org/repo"
    # A second repository gets its own issue in the same place.
    assert tracking_issue.sync(client, "org/other", poor, config) == "created"
    assert len(client.issues["org/tracking"]) == 2
    assert tracking_issue.sync(client, "org/repo", poor, config) == "unchanged"


def test_requirements_in_report_mode_stay_out_of_the_issue(poor: Evaluation) -> None:
    from publiccode_checker.repo_config.model import RequirementOverride

    failing = [r.id for r in poor.requirements if r.verdict is Verdict.FAIL]
    overrides = {rid: RequirementOverride(rid, mode="report") for rid in failing}
    content = tracking_issue.content(poor, "org/repo", RepoConfig(overrides=overrides))
    assert all(f"**❌ {rid}**" not in content.body for rid in failing)


# -- evaluations in history -----------------------------------------------------------------------

def test_evaluations_go_to_history_and_the_base_is_read_back(service_db, poor: Evaluation) -> None:
    from dataclasses import replace

    from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts

    snapshot = MemorySnapshot({}, facts=RepositoryFacts(visibility="public"))
    head = replace(poor, commit="b" * 40)
    base = replace(poor, commit="a" * 40)
    assert load_base_verdicts("Org/Repo", "a" * 40, poor.profile.id) is None
    record(head, snapshot, installation_id=1, repository="Org/Repo", trigger="pull_request",
           pull_request=7)
    record_base(base, snapshot, head, installation_id=1, repository="Org/Repo", pull_request=7)
    verdicts = load_base_verdicts("Org/Repo", "a" * 40, poor.profile.id)
    assert verdicts == {r.id: r.verdict.value for r in poor.requirements}
    from publiccode_checker.store.database import session_scope
    from publiccode_checker.store.history.queries import find_evaluation

    with session_scope() as session:
        stored_base = find_evaluation(session, repository="Org/Repo", commit="a" * 40,
                                      profile_id=poor.profile.id)
        stored_head = find_evaluation(session, repository="Org/Repo", commit="b" * 40,
                                      profile_id=poor.profile.id)
    # The base never looks newer than the head it is compared with.
    assert stored_base.evaluated_at < stored_head.evaluated_at
    assert stored_base.pull_request == stored_head.pull_request == 7


def test_history_triggers() -> None:
    assert history_trigger("pull_request", 3) == "pull_request"
    assert history_trigger("push", None) == "push"
    assert history_trigger("rerequest", None) == "push"
    assert history_trigger("installation", None) == "backfill"
    assert history_trigger("schedule", None) == "schedule"


def test_a_retried_job_finds_the_run_its_first_attempt_created() -> None:
    from tests.e2e.doubles import FakeClient

    client = FakeClient()
    first = check_runs.start(client, "org/repo", "c" * 40, details_url=None,
                             external_id="job-7")
    check_runs.start(client, "org/repo", "c" * 40, details_url=None, external_id="job-8")
    assert check_runs.find_started(client, "org/repo", "c" * 40, "job-7") == first
    assert check_runs.find_started(client, "org/repo", "c" * 40, "job-9") is None
