"""Bundle policy and source code: BP-1 to BP-4, CO-2 and CO-5."""

from __future__ import annotations

from publiccode_checker.snapshots import MemorySnapshot
from tests.checks.helpers import outcomes, run

WORKFLOW = """on: pull_request
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: pytest rules/
"""


def test_no_policy_warns_and_leaves_the_rest_to_a_person():
    tree = MemorySnapshot({"README": "# X\n\nA tool.", "src/a.py": ""})
    assert outcomes("policy-included", tree) == {"BP-1": "warn", "BP-2": "manual"}
    assert outcomes("machine-readable-policy", tree) == {"BP-3": "manual", "BP-4": "manual"}
    assert outcomes("policy-code-published", tree) == {"CO-2": "manual", "CO-5": "manual"}


def test_policy_section_and_legislation_link_pass_bp1():
    readme = ("# X\n\n## Legal basis\n\nThe permit rules come from the "
              "[Parking Act](https://wetten.overheid.nl/BWBR0001/).\n")
    result = run("policy-included", MemorySnapshot({"README": readme}))
    assert result["BP-1"].outcome.value == "pass"
    messages = [e.message for e in result["BP-1"].evidence]
    assert any("Legal basis" in m for m in messages)
    assert any("wetten.overheid.nl" in m for m in messages)


def test_security_policy_heading_is_not_a_policy():
    readme = "# X\n\n## Security policy\n\nReport issues to security@example.org.\n"
    assert outcomes("policy-included", MemorySnapshot({"README": readme}))["BP-1"] == "warn"


def test_policy_without_machine_readable_format_warns():
    tree = MemorySnapshot({"README": "# X", "policy/permits.md": "# Rules\n\nText."})
    assert outcomes("machine-readable-policy", tree) == {"BP-3": "warn", "BP-4": "warn"}


def test_dmn_files_tested_in_ci_pass():
    tree = MemorySnapshot({
        "README": "# X",
        "rules/permit.dmn": "<definitions/>",
        ".github/workflows/test.yml": WORKFLOW,
    })
    result = run("machine-readable-policy", tree)
    assert result["BP-3"].outcome.value == "pass"
    assert result["BP-4"].outcome.value == "pass"
    assert result["BP-4"].evidence[0].path == ".github/workflows/test.yml"
    assert result["BP-4"].evidence[0].line == 6
    co2 = run("policy-code-published", tree)["CO-2"]
    assert co2.evidence[0].path == "rules/permit.dmn"


def test_openfisca_parameters_count_as_machine_readable():
    tree = MemorySnapshot({
        "pyproject.toml": "[project]\nname='x'\ndependencies=['openfisca-core']\n",
        "x/parameters/benefit.yaml": "values: {}",
    })
    assert outcomes("machine-readable-policy", tree)["BP-3"] == "pass"


def test_changelog_entries_about_policy_are_not_policy_documents():
    changelog = "# Changes\n\n## 1.2\n\n### Documented the data retention policy\n\nSee docs.\n"
    tree = MemorySnapshot({"README": "# X\n\nA tool.", "CHANGELOG.md": changelog})
    assert outcomes("policy-included", tree)["BP-1"] == "warn"
