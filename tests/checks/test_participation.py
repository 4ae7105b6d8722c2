"""Participation: WC-1, WC-7, MC-1, MC-2 and MC-3."""

from __future__ import annotations

from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from tests.checks.helpers import run

OPEN = {"full_name": "acme/app", "visibility": "public", "archived": False, "has_issues": True,
        "interaction_limit": None, "html_url": "https://github.com/acme/app"}


def finding(check_id: str, requirement: str, files: dict[str, str | bytes] | None = None,
            **facts):
    snapshot = MemorySnapshot(files or {"README.md": "# P\n"}, facts=RepositoryFacts(**facts))
    return run(check_id, snapshot)[requirement]


# -- WC-1 ----------------------------------------------------------------------------------------
def test_public_repository_with_issues_is_open():
    assert finding("open-to-suggestions", "WC-1", **OPEN).outcome.value == "pass"


def test_archived_or_private_repository_fails():
    archived = finding("open-to-suggestions", "WC-1", **{**OPEN, "archived": True})
    assert archived.outcome.value == "fail"
    assert "archived" in archived.evidence[0].message
    internal = finding("open-to-suggestions", "WC-1", **{**OPEN, "visibility": "internal"})
    assert internal.outcome.value == "fail"


def test_interaction_limit_to_collaborators_warns():
    result = finding("open-to-suggestions", "WC-1",
                     **{**OPEN, "interaction_limit": {"limit": "collaborators_only"}})
    assert result.outcome.value == "warn"
    assert "collaborators_only" in result.evidence[0].message


def test_issues_disabled_without_tracker_warns():
    result = finding("open-to-suggestions", "WC-1", **{**OPEN, "has_issues": False})
    assert result.outcome.value == "warn"


def test_issues_disabled_with_external_tracker_passes():
    readme = "# P\n\nReport problems in [Jira](https://acme.atlassian.net/jira/software/projects/APP).\n"
    result = finding("open-to-suggestions", "WC-1", {"README.md": readme},
                     **{**OPEN, "has_issues": False})
    assert result.outcome.value == "pass"


def test_settings_not_gathered_is_unknown():
    assert finding("open-to-suggestions", "WC-1").outcome.value == "unknown"


def test_unknown_interaction_limit_is_noted():
    facts = {k: v for k, v in OPEN.items() if k != "interaction_limit"}
    result = finding("open-to-suggestions", "WC-1", **facts)
    assert result.outcome.value == "pass"
    assert any("not checked" in e.message for e in result.evidence)


# -- MC-1 ----------------------------------------------------------------------------------------
def test_issues_enabled_on_public_repository():
    assert finding("public-issue-tracker", "MC-1", **OPEN).outcome.value == "pass"


def test_issues_disabled_and_nothing_linked_fails():
    result = finding("public-issue-tracker", "MC-1", **{**OPEN, "has_issues": False})
    assert result.outcome.value == "fail"


def test_external_tracker_needs_a_person():
    readme = "# P\n\nBugs go to [our tracker](https://gitlab.example.org/city/app/-/issues).\n"
    result = finding("public-issue-tracker", "MC-1", {"README.md": readme},
                     **{**OPEN, "has_issues": False})
    assert result.outcome.value == "manual"
    assert result.evidence[0].line == 3


def test_another_repositorys_issue_is_a_reference_not_a_tracker():
    readme = "# P\n\nUpstream bug: https://github.com/psycopg/psycopg/issues/448\n"
    result = finding("public-issue-tracker", "MC-1", {"README.md": readme},
                     **{**OPEN, "has_issues": False})
    assert result.outcome.value == "fail"


def test_central_issue_repository_needs_a_person():
    readme = "# P\n\nAll issues live in [one place](https://github.com/acme/issues/issues).\n"
    result = finding("public-issue-tracker", "MC-1", {"README.md": readme},
                     **{**OPEN, "has_issues": False})
    assert result.outcome.value == "manual"


def test_archived_tracker_fails():
    assert finding("public-issue-tracker", "MC-1",
                   **{**OPEN, "archived": True}).outcome.value == "fail"


def test_offline_tracker_is_unknown_with_the_link():
    readme = "# P\n\n[Issues](https://github.com/acme/app/issues)\n"
    result = finding("public-issue-tracker", "MC-1", {"README.md": readme})
    assert result.outcome.value == "unknown"
    assert any("acme/app/issues" in e.message for e in result.evidence)


# -- MC-2 ----------------------------------------------------------------------------------------
LINKED = ("# P\n\nSee [open issues](https://github.com/acme/app/issues) and "
          "[pull requests](https://github.com/acme/app/pulls).\n")


def test_strict_links_pass_offline():
    result = finding("tracker-linked", "MC-2", {"README.md": LINKED})
    assert result.outcome.value == "pass"
    assert [e.line for e in result.evidence] == [3, 3]


def test_relative_links_count():
    readme = "# P\n\n[Issues](../../issues) and [changes](../../pulls)\n"
    assert finding("tracker-linked", "MC-2", {"README.md": readme}).outcome.value == "pass"


def test_lenient_pass_when_forge_issues_are_on_with_advice():
    result = finding("tracker-linked", "MC-2", **OPEN)
    assert result.outcome.value == "pass"
    assert any("does not link" in e.message for e in result.evidence)


def test_fails_when_issues_are_off_and_nothing_is_linked():
    assert finding("tracker-linked", "MC-2", **{**OPEN, "has_issues": False}).outcome.value == \
        "fail"


def test_unknown_offline_without_links():
    assert finding("tracker-linked", "MC-2").outcome.value == "unknown"


def test_help_pages_are_not_the_tracker():
    readme = ("# P\n\nRead [about issues](https://docs.github.com/en/issues) and "
              "[pull requests](https://github.com/acme/app/pulls).\n")
    assert finding("tracker-linked", "MC-2", {"README.md": readme}).outcome.value == "unknown"


# A changelog in the README links diffs between releases of a specification: what changed, not
# what is proposed.
RELEASE_DIFFS = ("# Parcels API\n\nReport problems in the [issues](https://github.com/acme/parcels"
                 "/issues).\n\n## Changes\n\n- [3.1.0..main](https://github.com/acme/parcels/"
                 "compare/3.1.0..main)\n- [PRs merged since 3.0.0](https://github.com/acme/"
                 "parcels/compare/3.0.0...3.1.0)\n- <https://github.com/acme/parcels/commits/"
                 "pr-cleanup>\n")


def test_diffs_between_releases_are_not_proposed_changes():
    result = finding("tracker-linked", "MC-2", {"README.md": RELEASE_DIFFS})
    without = finding("tracker-linked", "MC-2", {"README.md": RELEASE_DIFFS.split("## ")[0]})
    assert result.outcome.value == without.outcome.value == "unknown"
    assert not any(e.message.startswith("link to proposed changes") for e in result.evidence)
    shown = [e for e in result.evidence if "not a list of proposed changes" in e.message]
    assert [(e.path, e.line) for e in shown] == [("README.md", 7)]
    assert "compare/3.1.0..main" in shown[0].message


def test_the_pull_request_list_beside_release_diffs_still_passes():
    readme = (RELEASE_DIFFS + "\nProposed changes: [open pulls]"
              "(https://github.com/acme/parcels/pulls).\n")
    result = finding("tracker-linked", "MC-2", {"README.md": readme})
    assert result.outcome.value == "pass"
    assert result.evidence[1].message.endswith("/acme/parcels/pulls")


def test_release_diffs_with_issues_disabled_still_fail():
    result = finding("tracker-linked", "MC-2", {"README.md": RELEASE_DIFFS},
                     **{**OPEN, "full_name": "acme/parcels", "has_issues": False})
    assert result.outcome.value == "fail"


def test_an_autolinked_address_is_judged_by_its_path_not_as_link_text():
    readme = ("# P\n\n[Issues](https://github.com/acme/app/issues) and "
              "<https://blog.example.org/why-prs-matter>\n")
    assert finding("tracker-linked", "MC-2", {"README.md": readme}).outcome.value == "unknown"
    named = "# P\n\n[Issues](../../issues) and [our PRs](https://review.example.org/q/app)\n"
    assert finding("tracker-linked", "MC-2", {"README.md": named}).outcome.value == "pass"


# -- MC-3 ----------------------------------------------------------------------------------------
def test_chat_link_passes():
    readme = "# P\n\n## Contact\n\nChat with us on [Matrix](https://matrix.to/#/#app:example.org).\n"
    result = finding("communication-channels", "MC-3", {"README.md": readme})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 5


def test_mailing_list_address_in_text_passes():
    contributing = "# Contributing\n\nQuestions go to the list dev@lists.example.org.\n"
    assert finding("communication-channels", "MC-3",
                   {"CONTRIBUTING.md": contributing}).outcome.value == "pass"


def test_discussions_enabled_passes():
    result = finding("communication-channels", "MC-3", has_discussions=True)
    assert result.outcome.value == "pass"


def test_issue_template_contact_links_count():
    config = ("blank_issues_enabled: false\ncontact_links:\n  - name: Forum\n"
              "    url: https://forum.example.org/c/app\n    about: Ask here\n")
    result = finding("communication-channels", "MC-3",
                     {"README.md": "# P\n", ".github/ISSUE_TEMPLATE/config.yml": config})
    assert result.outcome.value == "pass"
    assert (result.evidence[0].path, result.evidence[0].line) == (
        ".github/ISSUE_TEMPLATE/config.yml", 4)


def test_only_personal_email_warns():
    readme = "# P\n\nQuestions? Mail jan.jansen@example-city.nl.\n"
    result = finding("communication-channels", "MC-3", {"README.md": readme})
    assert result.outcome.value == "warn"


def test_nothing_and_discussions_off_fails():
    assert finding("communication-channels", "MC-3",
                   has_discussions=False).outcome.value == "fail"


def test_nothing_and_discussions_unknown_asks_a_person():
    assert finding("communication-channels", "MC-3").outcome.value == "manual"


# -- WC-7 ----------------------------------------------------------------------------------------
def test_public_repository_has_public_statistics():
    result = finding("activity-statistics", "WC-7", **OPEN)
    assert result.outcome.value == "pass"
    assert result.evidence[0].url == "https://github.com/acme/app/pulse"


def test_statistics_badge_passes_offline():
    readme = ("# P\n\n![activity](https://img.shields.io/github/commit-activity/m/acme/app)\n")
    result = finding("activity-statistics", "WC-7", {"README.md": readme})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 3


def test_private_repository_fails():
    assert finding("activity-statistics", "WC-7",
                   **{**OPEN, "visibility": "private"}).outcome.value == "fail"


def test_statistics_unknown_offline():
    assert finding("activity-statistics", "WC-7").outcome.value == "unknown"


def test_odd_input_never_raises():
    files = {"README.md": "[x](" + "a" * 10000 + ")\n" + "](" * 3000,
             ".github/ISSUE_TEMPLATE/config.yml": b"\x00\x00",
             "publiccode.yml": "url: 42\n"}
    snapshot = MemorySnapshot(files, facts=RepositoryFacts(visibility=3, archived="no",
                                                           interaction_limit=["x"]))
    for check_id in ("open-to-suggestions", "public-issue-tracker", "tracker-linked",
                     "communication-channels", "activity-statistics"):
        assert len(run(check_id, snapshot)) == 1


def test_example_addresses_in_setup_steps_are_not_contacts():
    readme = ("# P\n\n## Setup\n\nLog in as admin@example.com or editor@example.com with the "
              "password from the fixtures.\n")
    result = finding("communication-channels", "MC-3", {"README.md": readme})
    assert result.outcome.value == "manual"
    assert not any("example.com" in e.message for e in result.evidence)


def test_mailto_links_show_the_decoded_address_without_subject():
    readme = ("# P\n\n[![News](https://img.example.org/badge.svg)]"
              "(mailto:team%40city.dk?subject=Sign%20me%20up&body=Hello%0A)\n")
    result = finding("communication-channels", "MC-3", {"README.md": readme})
    assert result.outcome.value == "warn"
    assert result.evidence[0].message == "e-mail: team@city.dk"


def test_the_same_address_linked_twice_is_shown_once():
    readme = ("# P\n\n[News](mailto:team%40city.dk?subject=News)\n\n"
              "[Chat invite](mailto:team@city.dk?subject=Invite)\n")
    result = finding("communication-channels", "MC-3", {"README.md": readme})
    assert [e.message for e in result.evidence] == ["e-mail: team@city.dk"]
