"""Governance: WC-3, WC-5 and WC-6."""

from __future__ import annotations

from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from tests.checks.helpers import run

PROSE = " ".join(["The steering group decides on the roadmap and on merging contributions."] * 6)


def finding(check_id: str, requirement: str, files: dict[str, str | bytes], **kwargs):
    return run(check_id, MemorySnapshot(files, **kwargs))[requirement]


# -- WC-3 ----------------------------------------------------------------------------------------
def test_governance_file_passes():
    result = finding("governance-documented", "WC-3", {"GOVERNANCE.md": "# Governance\n\n" + PROSE})
    assert result.outcome.value == "pass"
    assert result.evidence[0].path == "GOVERNANCE.md"


def test_charter_counts_as_governance():
    result = finding("governance-documented", "WC-3", {"docs/CHARTER.md": "# Charter\n\n" + PROSE})
    assert result.outcome.value == "pass"


def test_governance_section_in_swedish_readme():
    readme = f"# P\n\nIntro.\n\n## Förvaltningsmodell\n\n{PROSE}\n"
    result = finding("governance-documented", "WC-3", {"README.md": readme})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 5


def test_short_section_with_link_needs_a_person():
    readme = ("# P\n\n## Governance\n\nSee the [governance model]"
              "(https://example.org/governance).\n")
    result = finding("governance-documented", "WC-3", {"README.md": readme})
    assert result.outcome.value == "manual"
    assert "example.org/governance" in result.evidence[0].message


def test_codeowners_only_warns():
    files = {"README.md": "# P\n", ".github/CODEOWNERS": "* @acme/team\n"}
    result = finding("governance-documented", "WC-3", files)
    assert result.outcome.value == "warn"
    assert result.evidence[0].path == ".github/CODEOWNERS"


def test_no_governance_fails():
    result = finding("governance-documented", "WC-3", {"README.md": "# P\n\nHello.\n"})
    assert result.outcome.value == "fail"
    assert "GOVERNANCE" in result.evidence[0].message


def test_a_sentence_about_the_steering_group_warns_instead_of_failing():
    contributing = ("# Contributing\n\n* Product owners of each team meet in the product steering "
                    "group; join the mailing list to take part.\n* Open a pull request.\n")
    result = finding("governance-documented", "WC-3", {"README.md": "# P\n",
                                                       "docs/CONTRIBUTING.md": contributing})
    assert result.outcome.value == "warn"
    assert (result.evidence[0].path, result.evidence[0].line) == ("docs/CONTRIBUTING.md", 3)
    linked = contributing + ("* Requests go to the [product steering]"
                             "(https://forge.example.org/p/steering) repository.\n")
    result = finding("governance-documented", "WC-3", {"README.md": "# P\n",
                                                       "docs/CONTRIBUTING.md": linked})
    assert result.outcome.value == "manual"


# -- WC-5 ----------------------------------------------------------------------------------------
PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Example
url: https://github.com/acme/example
maintenance:
  type: contract
  contractors:
    - name: Example Software BV
      until: "2030-01-01"
fundedBy:
  - name: City of Example
    uri: https://example.org
"""


def test_publiccode_maintenance_and_funding_pass():
    result = finding("organisations-engagement", "WC-5", {"publiccode.yml": PUBLICCODE})
    assert result.outcome.value == "pass"
    assert "Example Software BV" in result.evidence[0].message
    assert "City of Example" in result.evidence[0].message
    assert result.evidence[0].path == "publiccode.yml"


def test_publiccode_without_maintenance_warns():
    text = PUBLICCODE.split("maintenance:")[0] + "maintenance:\n  type: none\n"
    result = finding("organisations-engagement", "WC-5", {"publiccode.yml": text})
    assert result.outcome.value == "warn"
    assert "nobody maintains" in result.evidence[0].message


def test_partners_section_in_dutch_passes():
    readme = ("# P\n\n## Deelnemende partijen\n\nDe gemeenten Amsterdam, Utrecht en Den Haag "
              "ontwikkelen en onderhouden dit samen.\n")
    result = finding("organisations-engagement", "WC-5", {"README.md": readme})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 3


def test_organisations_as_product_data_do_not_count():
    doc = ("# Admin\n\n## Managing organizations and datasets\n\nCreate organizations in the "
           "admin panel and add datasets to them with the form.\n")
    result = finding("organisations-engagement", "WC-5",
                     {"README.md": "# P\n", "docs/admin/sysadmin-guide.md": doc})
    assert result.outcome.value == "warn"


def test_maintainers_file_passes():
    result = finding("organisations-engagement", "WC-5", {"MAINTAINERS": "Jane (City of X)\n"})
    assert result.outcome.value == "pass"


# -- WC-6 ----------------------------------------------------------------------------------------
def test_roadmap_file_passes():
    result = finding("public-roadmap", "WC-6", {"ROADMAP.md": "# Roadmap\n\n- Q1: search\n"})
    assert result.outcome.value == "pass"
    assert result.evidence[0].path == "ROADMAP.md"


def test_empty_roadmap_file_does_not_count():
    result = finding("public-roadmap", "WC-6", {"ROADMAP.md": ""})
    assert result.outcome.value == "warn"


def test_publiccode_roadmap_passes():
    text = PUBLICCODE + "roadmap: https://example.org/roadmap\n"
    result = finding("public-roadmap", "WC-6", {"publiccode.yml": text})
    assert result.outcome.value == "pass"
    assert result.evidence[0].path == "publiccode.yml"


def test_project_board_link_passes():
    readme = "# P\n\nPlanned work is on [our board](https://github.com/orgs/acme/projects/3).\n"
    result = finding("public-roadmap", "WC-6", {"README.md": readme})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 3


def test_danish_roadmap_document_passes():
    result = finding("public-roadmap", "WC-6",
                     {"docs/koereplan-2025.md": "# Plan\n\nVi bygger søgning.\n",
                      "docs/køreplan.md": "# Køreplan\n\nVi bygger søgning i 2025.\n"})
    assert result.outcome.value == "pass"


def test_milestones_from_the_api_pass():
    facts = RepositoryFacts(open_milestones_with_due_date=2)
    result = finding("public-roadmap", "WC-6", {"README.md": "# P\n"}, facts=facts)
    assert result.outcome.value == "pass"
    assert "2 open milestone" in result.evidence[0].message


def test_no_roadmap_warns_and_says_whether_milestones_were_checked():
    unknown = finding("public-roadmap", "WC-6", {"README.md": "# P\n"})
    assert unknown.outcome.value == "warn"
    assert "not checked" in unknown.evidence[-1].message
    none = finding("public-roadmap", "WC-6", {"README.md": "# P\n"},
                   facts=RepositoryFacts(open_milestones_with_due_date=()))
    assert "no open milestones" in none.evidence[-1].message


def test_odd_input_never_raises():
    files = {
        "publiccode.yml": "maintenance: [1, 2\n",
        "GOVERNANCE.md": b"\x00\x01",
        "ROADMAP": b"\xff\xfe",
        "README.md": "#" * 3000 + "\n## Governance\n",
    }
    snapshot = MemorySnapshot(files, facts=RepositoryFacts(open_milestones_with_due_date="many"))
    for check_id in ("governance-documented", "organisations-engagement", "public-roadmap"):
        assert len(run(check_id, snapshot)) == 1
