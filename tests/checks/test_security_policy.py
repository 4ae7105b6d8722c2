"""Security reporting: MC-4 and MC-5."""

from __future__ import annotations

from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from tests.checks.helpers import run

POLICY = """# Security policy

## Reporting a vulnerability

Please do not report security problems in public issues. Send an e-mail to
security@example-city.nl with a description and the steps to reproduce. We answer
within three working days.
"""


def mc4(files: dict[str, str | bytes], **facts):
    return run("private-security-channel", MemorySnapshot(files,
               facts=RepositoryFacts(**facts)))["MC-4"]


def mc5(files: dict[str, str | bytes], **facts):
    return run("security-reporting-documented", MemorySnapshot(files,
               facts=RepositoryFacts(**facts)))["MC-5"]


# -- MC-4 ----------------------------------------------------------------------------------------
def test_email_in_security_policy_is_a_private_channel():
    result = mc4({"SECURITY.md": POLICY})
    assert result.outcome.value == "pass"
    assert (result.evidence[0].path, result.evidence[0].line) == ("SECURITY.md", 6)


def test_private_reporting_enabled_passes_without_files():
    result = mc4({"README.md": "# P\n"}, private_vulnerability_reporting=True)
    assert result.outcome.value == "pass"
    assert "enabled" in result.evidence[0].message


def test_private_reporting_as_api_object():
    result = mc4({"README.md": "# P\n"}, private_vulnerability_reporting={"enabled": True})
    assert result.outcome.value == "pass"


def test_advisory_form_link_counts():
    text = ("# Sicherheit\n\nBitte melden Sie Schwachstellen über "
            "[dieses Formular](https://github.com/acme/app/security/advisories/new).\n")
    result = mc4({".github/SECURITY.md": text})
    assert result.outcome.value == "pass"
    assert "advisories/new" in result.evidence[0].message


def test_public_issue_link_is_not_private():
    text = ("# Security\n\nReport vulnerabilities in our "
            "[issue tracker](https://github.com/acme/app/issues).\n")
    assert mc4({"SECURITY.md": text}).outcome.value == "unknown"
    assert mc4({"SECURITY.md": text},
               private_vulnerability_reporting=False).outcome.value == "fail"


def test_security_txt_contact_counts():
    result = mc4({".well-known/security.txt": "Contact: mailto:cert@example.nl\nExpires: 2030\n"})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 1


def test_nothing_and_reporting_disabled_fails():
    result = mc4({"README.md": "# P\n"}, private_vulnerability_reporting=False)
    assert result.outcome.value == "fail"
    assert "disabled" in result.evidence[-1].message


def test_nothing_and_facts_unknown_is_unknown():
    assert mc4({"README.md": "# P\n"}).outcome.value == "unknown"


def test_contact_in_readme_security_section_in_dutch():
    readme = ("# P\n\n## Beveiliging\n\nMeld kwetsbaarheden aan "
              "[cvd@example.nl](mailto:cvd@example.nl).\n")
    result = mc4({"README.md": readme})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 5


# -- MC-5 ----------------------------------------------------------------------------------------
def test_security_policy_passes():
    result = mc5({"SECURITY.md": POLICY})
    assert result.outcome.value == "pass"
    assert result.evidence[0].path == "SECURITY.md"


def test_short_policy_with_contact_passes():
    assert mc5({"SECURITY.md": "Mail security@acme-city.nl."}).outcome.value == "pass"
    assert mc5({"SECURITY.md": "Mail security@example.org."}).outcome.value == "warn"


def test_short_policy_without_contact_warns():
    result = mc5({"SECURITY.md": "# Security\n\nBe careful.\n"})
    assert result.outcome.value == "warn"


def test_section_with_contact_passes_with_heading():
    readme = ("# P\n\n## Sicurezza\n\nSegnalate le vulnerabilità a "
              "sicurezza@example-comune.it.\n")
    result = mc5({"README.md": readme})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 3


def test_passing_mention_without_contact_warns():
    contributing = ("# Contributing\n\nDo not open up a GitHub issue if the bug is a security "
                    "vulnerability. Please contact one of the core developers.\n")
    result = mc5({"CONTRIBUTING.md": contributing})
    assert result.outcome.value == "warn"
    assert result.evidence[0].path == "CONTRIBUTING.md"


def test_no_documentation_fails():
    result = mc5({"README.md": "# P\n\nHello.\n"}, private_vulnerability_reporting=True)
    assert result.outcome.value == "fail"
    assert "SECURITY" in result.evidence[0].message


def test_odd_input_never_raises():
    files = {"SECURITY.md": b"\x00\xff", "README.md": "## Security\n\n" + "@" * 5000,
             "security.txt": b"\xff\xfe"}
    snapshot = MemorySnapshot(files, facts=RepositoryFacts(private_vulnerability_reporting="?"))
    for check_id in ("private-security-channel", "security-reporting-documented"):
        assert len(run(check_id, snapshot)) == 1


def test_relative_link_to_the_forges_private_reporting_form_counts():
    from publiccode_checker.snapshots import MemorySnapshot
    from tests.checks.helpers import outcomes

    policy = ("# Security policy\n\nPlease do not open a public issue. Report a vulnerability "
              "privately with the [private reporting form](../../security/advisories/new) and "
              "tell us the version, the steps to reproduce it and the impact you expect.\n")
    assert outcomes("private-security-channel",
                    MemorySnapshot({"SECURITY.md": policy}))["MC-4"] == "pass"


# -- MC-5: documentation kept outside the repository ----------------------------------------------
DOCS_REPO_GUIDE = "https://github.com/northvale/parking-docs/blob/main/CONTRIBUTING.md"


def test_contribution_guide_in_a_separate_docs_repository_asks_a_person():
    # Seen on real repositories: the security section is in a guide this snapshot cannot read.
    readme = ("# Parking\n\nResidents apply for parking permits online.\n\n## Taking part\n\n"
              f"Read our [contribution guide]({DOCS_REPO_GUIDE}) first.\n")
    result = mc5({"README.md": readme})
    assert result.outcome.value == "manual"
    assert result.evidence[0].url == DOCS_REPO_GUIDE
    assert (result.evidence[0].path, result.evidence[0].line) == ("README.md", 7)
    assert "contribution guide kept elsewhere" in result.evidence[0].message


def test_documentation_site_asks_a_person():
    readme = ("# Parking\n\nThe [documentation](https://docs.parking-northvale.eu/) explains "
              "installation, use and how to take part.\n")
    result = mc5({"README.md": readme})
    assert result.outcome.value == "manual"
    assert result.evidence[0].url == "https://docs.parking-northvale.eu/"


def test_security_policy_in_another_repository_or_the_forges_policy_page_asks_a_person():
    short_guide = ("# Contributing\n\nWe welcome fixes. For security matters see the "
                   "[organisation's policy](https://github.com/northvale/.github/blob/main/"
                   "SECURITY.md).\n")
    result = mc5({"README.md": "# Parking\n", "CONTRIBUTING.md": short_guide})
    assert result.outcome.value == "manual"
    assert result.evidence[0].path == "CONTRIBUTING.md"
    assert "security policy kept elsewhere" in result.evidence[0].message
    page = "# Parking\n\nSee [our policy](https://github.com/northvale/parking/security/policy).\n"
    assert mc5({"README.md": page}).outcome.value == "manual"


def test_nothing_linked_elsewhere_still_fails():
    # The same README shape, but the guide it links is this repository's own file, which was
    # read and says nothing about security.
    own = "https://github.com/northvale/parking/blob/main/CONTRIBUTING.md"
    readme = f"# Parking\n\nRead our [contribution guide]({own}) first.\n"
    files = {"README.md": readme, "CONTRIBUTING.md": "# Contributing\n\nFork and send a pull "
                                                     "request with tests.\n"}
    assert mc5(files).outcome.value == "fail"
    # The forge names the repository: its own guide is not elsewhere, even when missing here...
    assert mc5({"README.md": readme}, full_name="northvale/parking").outcome.value == "fail"
    # ...and another repository's guide is, even with a file of the same name here.
    other = {**files, "README.md": f"# Parking\n\nRead our [guide]({DOCS_REPO_GUIDE}).\n"}
    assert mc5(other, full_name="northvale/parking").outcome.value == "manual"


def test_links_that_are_not_the_projects_documentation_keep_the_fail():
    readme = (
        "# Parking\n\n"
        "We follow the [Contributor Covenant](https://www.contributor-covenant.org/version/2/1/"
        "code_of_conduct/). Thanks to all our "
        "[contributors](https://github.com/northvale/parking/graphs/contributors).\n"
        "Read the GitHub [documentation](https://docs.github.com/en/pull-requests) on pull "
        "requests and [how to contribute to open source](https://opensource.guide/"
        "how-to-contribute/).\n")
    result = mc5({"README.md": readme})
    assert result.outcome.value == "fail"
    assert "SECURITY" in result.evidence[0].message
