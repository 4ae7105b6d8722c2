"""Routing GitHub's own example payloads (with the ``installation`` key apps always receive)."""

from __future__ import annotations

import json
from typing import Any

from publiccode_checker.jobs.requests import (
    KIND_CHECK,
    KIND_HOW_TO_FIX,
    PRIORITY_BACKFILL,
    PRIORITY_PULL_REQUEST,
    Backfill,
    InstallationChanged,
    JobRequest,
    OrgConfigChanged,
    RepositoryGone,
    RepositoryRenamed,
    TrackingOptOut,
)
from publiccode_checker.jobs.routing import accepts, route
from publiccode_checker.publishing.marker import OPT_OUT_LABEL, TRACKING_LABEL, marker
from tests.conftest import require_reference


def example(event: str, name: str, installation: int = 1) -> dict[str, Any]:
    path = require_reference("github", "webhook-examples", event, f"{name}.json")
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload.setdefault("installation", {"id": installation})
    return payload


def test_pull_request_opened_asks_for_a_check_with_the_base() -> None:
    payload = example("pull_request", "opened.12")
    assert accepts("pull_request", payload) is None
    [job] = route("pull_request", payload)
    assert isinstance(job, JobRequest)
    assert job.kind == KIND_CHECK
    assert job.sha == payload["pull_request"]["head"]["sha"]
    assert job.base_sha == payload["pull_request"]["base"]["sha"]
    assert job.pull_number == payload["number"]
    assert job.priority == PRIORITY_PULL_REQUEST
    assert job.repository == payload["repository"]["full_name"]
    assert job.installation_id == payload["installation"]["id"]


def test_every_pull_request_action_we_use_routes_to_a_check() -> None:
    for event, name in [("pull_request", "synchronize.22"), ("pull_request", "reopened.18"),
                        ("pull_request", "ready_for_review.16")]:
        payload = example(event, name)
        assert accepts(event, payload) is None, name
        assert [type(a) for a in route(event, payload)] == [JobRequest], name


def test_pull_request_actions_we_do_not_use_are_ignored_at_the_door() -> None:
    payload = example("pull_request", "labeled.8")
    assert accepts("pull_request", payload) is not None


def test_payload_without_installation_is_ignored() -> None:
    payload = example("pull_request", "opened.0")
    del payload["installation"]
    assert accepts("pull_request", payload) == "no installation in the payload"
    assert route("pull_request", payload) == []


def test_push_to_the_default_branch_checks_and_updates_the_issue() -> None:
    payload = example("push", "none.4")
    payload["ref"] = f"refs/heads/{payload['repository']['default_branch']}"
    payload["deleted"] = False
    assert accepts("push", payload) is None
    [job] = route("push", payload)
    assert job.sha == payload["after"] and job.update_issue


def test_push_elsewhere_or_branch_deletion_is_ignored() -> None:
    payload = example("push", "none.4")
    payload["ref"] = "refs/heads/some-feature"
    assert accepts("push", payload) is not None
    assert route("push", payload) == []
    payload["ref"] = f"refs/heads/{payload['repository']['default_branch']}"
    payload["deleted"], payload["after"] = True, "0" * 40
    assert route("push", payload) == []


def test_push_to_the_organisation_config_repository_refreshes_everything() -> None:
    payload = example("push", "none.4")
    payload["repository"]["full_name"] = "octo-org/.github"
    payload["ref"] = f"refs/heads/{payload['repository']['default_branch']}"
    payload["deleted"] = False
    actions = route("push", payload)
    assert OrgConfigChanged(payload["installation"]["id"], "octo-org") in actions


def test_installation_created_backfills_every_repository() -> None:
    payload = example("installation", "created.1")
    actions = route("installation", payload)
    assert actions == [
        InstallationChanged(payload["installation"]["id"],
                            payload["installation"]["account"]["login"], "active"),
        Backfill(payload["installation"]["id"], "installation", PRIORITY_BACKFILL),
    ]


def test_installation_lifecycle() -> None:
    assert [a.state for a in route("installation", example("installation", "suspend.5"))] == \
        ["suspended"]
    unsuspended = route("installation", example("installation", "unsuspend.6"))
    assert [type(a) for a in unsuspended] == [InstallationChanged, Backfill]
    assert [a.state for a in route("installation", example("installation", "deleted.0"))] == \
        ["deleted"]
    assert accepts("installation", example("installation", "new_permissions_accepted.4"))


def test_installation_repositories_added_and_removed() -> None:
    added = example("installation_repositories", "added.0")
    [backfill] = route("installation_repositories", added)
    assert backfill.repositories == tuple(r["full_name"] for r in added["repositories_added"])
    removed = example("installation_repositories", "removed.2")
    gone = route("installation_repositories", removed)
    assert [g.repository for g in gone] == \
        [r["full_name"] for r in removed["repositories_removed"]]
    assert all(isinstance(g, RepositoryGone) for g in gone)


def test_check_suite_requested_on_a_pull_request_or_the_default_branch() -> None:
    payload = example("check_suite", "requested.4")
    payload["check_suite"]["head_branch"] = payload["repository"]["default_branch"]
    [job] = route("check_suite", payload)
    assert job.sha == payload["check_suite"]["head_sha"] and not job.unique
    payload["check_suite"]["head_branch"] = "elsewhere"
    payload["check_suite"]["pull_requests"] = []
    assert route("check_suite", payload) == []


def test_rerequests_always_run() -> None:
    suite = example("check_suite", "rerequested.7")
    [job] = route("check_suite", suite)
    assert job.unique and job.trigger == "rerequest"
    run = example("check_run", "rerequested.7")
    [job] = route("check_run", run)
    assert job.unique and job.sha == run["check_run"]["head_sha"]
    assert job.key("d1") != job.key("d2")


def test_buttons_recheck_and_how_to_fix() -> None:
    payload = example("check_run", "requested_action.6")
    payload["requested_action"] = {"identifier": "how_to_fix"}
    [job] = route("check_run", payload)
    assert job.kind == KIND_HOW_TO_FIX and job.check_run_id == payload["check_run"]["id"]
    payload["requested_action"] = {"identifier": "recheck"}
    [job] = route("check_run", payload)
    assert job.kind == KIND_CHECK and job.unique
    payload["requested_action"] = {"identifier": "something-else"}
    assert route("check_run", payload) == []


def test_check_runs_of_other_apps_are_ignored() -> None:
    payload = example("check_run", "rerequested.7")
    assert accepts("check_run", payload, app_id="99999999") == "a check run of another app"
    assert accepts("check_run", payload, app_id=str(payload["check_run"]["app"]["id"])) is None


def test_repository_events() -> None:
    created = example("repository", "created.2")
    [backfill] = route("repository", created)
    assert backfill.repositories == (created["repository"]["full_name"],)
    renamed = example("repository", "renamed.9")
    [change] = route("repository", renamed)
    owner = renamed["repository"]["owner"]["login"]
    assert change == RepositoryRenamed(
        1, f"{owner}/{renamed['changes']['repository']['name']['from']}",
        renamed["repository"]["full_name"])
    archived = {**created, "action": "archived"}
    assert isinstance(route("repository", archived)[0], RepositoryGone)
    deleted = {**created, "action": "deleted"}
    assert accepts("repository", deleted) is None
    assert isinstance(route("repository", deleted)[0], RepositoryGone)


def test_opt_out_label_on_our_tracking_issue() -> None:
    payload = example("issues", "labeled.9")
    payload["label"] = {"name": OPT_OUT_LABEL}
    payload["issue"]["labels"] = [{"name": TRACKING_LABEL}, {"name": OPT_OUT_LABEL}]
    payload["issue"]["body"] = "Open requirements...\n" + marker("org/product", "0123abcd")
    assert accepts("issues", payload) is None
    [opt_out] = route("issues", payload)
    assert opt_out == TrackingOptOut("org/product", payload["repository"]["full_name"],
                                     payload["issue"]["number"], True)
    payload["action"] = "unlabeled"
    assert route("issues", payload)[0].opted_out is False


def test_other_labels_and_other_issues_are_ignored() -> None:
    payload = example("issues", "labeled.9")
    assert accepts("issues", payload) == "not the opt-out label"
    payload["label"] = {"name": OPT_OUT_LABEL}
    payload["issue"]["body"] = "someone else's issue"
    assert route("issues", payload) == []


def test_hostile_payload_shapes_never_raise() -> None:
    shapes: list[Any] = [{}, {"installation": {"id": 1}}, {"installation": {"id": "1"}},
                         {"installation": {"id": 1}, "action": "opened", "pull_request": []},
                         {"installation": {"id": 1}, "repository": "x", "action": "created"},
                         {"installation": {"id": 1}, "action": "added",
                          "repositories_added": [None, 1, {"full_name": 2}]},
                         {"installation": {"id": 1}, "check_run": {"pull_requests": [None]},
                          "action": "rerequested"}]
    for event in ["installation", "installation_repositories", "push", "pull_request",
                  "check_suite", "check_run", "repository", "issues"]:
        for shape in shapes:
            accepts(event, shape)
            route(event, shape)
