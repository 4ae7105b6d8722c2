"""Make the codebase reusable and portable: RP-1 to RP-4 and RP-6 to RP-10."""

from __future__ import annotations

import json

from publiccode_checker.evidence.manifests import manifests
from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from tests.checks.helpers import outcomes, run

PUBLICCODE = """publiccodeYmlVersion: '0.4'
name: X
usedBy:
  - City of Aarhus
  - City of Utrecht
localisation:
  localisationReady: true
roadmap: https://example.org/roadmap
"""


def test_reuse_and_roadmap_need_a_person_with_indicators():
    tree = MemorySnapshot({"publiccode.yml": PUBLICCODE})
    finding = run("reusable-design", tree)["RP-1"]
    assert finding.outcome.value == "manual"
    assert any("usedBy lists 2" in e.message for e in finding.evidence)
    roadmap = run("shared-roadmap", MemorySnapshot({"publiccode.yml": PUBLICCODE}, facts=(
        RepositoryFacts(open_milestones_with_due_date=2))))["RP-4"]
    assert roadmap.outcome.value == "manual"
    assert {e.message for e in roadmap.evidence} >= {
        "publiccode.yml roadmap https://example.org/roadmap",
        "2 open milestones with a due date"}


def test_proprietary_dependency_fails_unless_optional():
    required = PUBLICCODE + "dependsOn:\n  proprietary:\n    - name: Oracle Database\n"
    assert outcomes("open-dependencies", MemorySnapshot({"publiccode.yml": required})) == {
        "RP-2": "fail"}
    optional = required + "      optional: true\n"
    assert outcomes("open-dependencies", MemorySnapshot({"publiccode.yml": optional})) == {
        "RP-2": "pass"}


def test_closed_signals_warn():
    package = json.dumps({"license": "UNLICENSED",
                          "dependencies": {"highcharts": "^11.0.0"}}, indent=2)
    tree = MemorySnapshot({"LICENSE": "MIT License", "package.json": package})
    finding = run("open-dependencies", tree)["RP-2"]
    assert finding.outcome.value == "warn"
    messages = " ".join(e.message for e in finding.evidence)
    assert "UNLICENSED" in messages and "highcharts" in messages
    docs = MemorySnapshot({"README": "# X\n\nThis module requires a commercial licence key.\n"})
    assert outcomes("open-dependencies", docs) == {"RP-2": "warn"}
    assert outcomes("open-dependencies", MemorySnapshot({"README": "# X"})) == {"RP-2": "pass"}


def test_multiple_users():
    assert outcomes("multiple-users", MemorySnapshot({"publiccode.yml": PUBLICCODE})) == {
        "RP-3": "pass"}
    readme = "# X\n\n## Used by\n\n- Aarhus Kommune\n- Gemeente Utrecht\n"
    finding = run("multiple-users", MemorySnapshot({"README": readme}))["RP-3"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].line == 3
    assert outcomes("multiple-users", MemorySnapshot({"README": "# X"})) == {"RP-3": "manual"}


def test_configuration():
    code = "import os\n\nDATABASE = os.environ.get('DATABASE_URL')\n"
    readme = "# X\n\n## Configuration\n\nSet DATABASE_URL to the address of your database.\n"
    full = MemorySnapshot({"README": readme, "app/settings.py": code, ".env.example": "A=1"})
    finding = run("configurable", full)["RP-6"]
    assert finding.outcome.value == "pass"
    assert any(e.path == "app/settings.py" and e.line == 3 for e in finding.evidence)
    undocumented = MemorySnapshot({"README": "# X", "app/settings.py": code})
    assert outcomes("configurable", undocumented) == {"RP-6": "warn"}
    assert outcomes("configurable", MemorySnapshot({"README": "# X", "a.py": "x = 1"})) == {
        "RP-6": "warn"}


def test_localisation():
    assert outcomes("localisable", MemorySnapshot({"locale/da/LC_MESSAGES/x.po": ""})) == {
        "RP-7": "pass"}
    calls = "\n".join(f"label{n} = _('Text {n}')" for n in range(12))
    assert outcomes("localisable", MemorySnapshot({"app/views.py": calls})) == {"RP-7": "pass"}
    assert outcomes("localisable", MemorySnapshot({"publiccode.yml": PUBLICCODE})) == {
        "RP-7": "pass"}
    ui = MemorySnapshot({"templates/index.html": "<p>Hello</p>"})
    assert outcomes("localisable", ui) == {"RP-7": "warn"}
    assert outcomes("localisable", MemorySnapshot({"lib/a.py": "x = 1"})) == {"RP-7": "manual"}


def test_situation_specific_hosts():
    code = ("API = 'https://intranet.aarhus.dk/api'\n"
            "# see https://internal.example.net/docs\n"
            "DOCS = 'https://www.w3.org/TR/'\n"
            "DB = '192.168.10.4'\n")
    finding = run("no-situation-specific-details", MemorySnapshot({"src/client.py": code}))
    rp8 = finding["RP-8"]
    assert rp8.outcome.value == "warn"
    found = {(e.message, e.line) for e in rp8.evidence}
    assert found == {("host intranet.aarhus.dk", 1), ("private address 192.168.10.4", 4)}
    tests_only = MemorySnapshot({"tests/test_client.py": code})
    assert outcomes("no-situation-specific-details", tests_only) == {"RP-8": "pass"}
    config = MemorySnapshot({"config/app.yaml": "url: https://cms.city.internal.org\n"})
    assert outcomes("no-situation-specific-details", config) == {"RP-8": "warn"}


def test_modules_documented():
    tree = MemorySnapshot({
        "packages/a/package.json": "{}", "packages/a/README.md": "# A",
        "packages/b/package.json": "{}", "packages/b/index.js": "",
    })
    finding = run("modules-documented", tree)["RP-9"]
    assert finding.outcome.value == "warn"
    assert finding.evidence[0].path == "packages/b"
    tree = MemorySnapshot({f"modules/m{n}/README.md": "x" for n in range(5)})
    assert outcomes("modules-documented", tree) == {"RP-9": "pass"}
    assert outcomes("modules-documented", MemorySnapshot({"package.json": "{}", "a.js": ""})) == {
        "RP-9": "not_applicable"}


def test_vendor_lock_in():
    package = json.dumps({"dependencies": {"@aws-sdk/client-s3": "^3.0.0"},
                          "devDependencies": {"@azure/identity": "^4.0.0"}})
    finding = run("vendor-independent", MemorySnapshot({"package.json": package}))["RP-10"]
    assert finding.outcome.value == "warn"
    assert [e.message for e in finding.evidence] == ["single-vendor SDK @aws-sdk/client-s3"]
    endpoint = MemorySnapshot({"src/mail.js": "fetch('https://graph.microsoft.com/v1.0/me')"})
    assert outcomes("vendor-independent", endpoint) == {"RP-10": "warn"}
    assert outcomes("vendor-independent", MemorySnapshot({"infra/main.bicep": ""})) == {
        "RP-10": "warn"}
    assert outcomes("vendor-independent", MemorySnapshot({"src/a.py": "x = 1"})) == {
        "RP-10": "pass"}


def test_manifest_parsing_is_guarded_and_complete():
    pyproject = ('[project]\nname = "x"\nlicense = "EUPL-1.2"\ndependencies = ["requests>=2", '
                 '"boto3"]\n[project.optional-dependencies]\ntest = ["pytest"]\n'
                 '[tool.poetry.dependencies]\npython = "^3.11"\nflask = "^3"\n')
    tree = MemorySnapshot({
        "pyproject.toml": pyproject,
        "go.mod": "module x\nrequire github.com/a/b v1.2.3\n",
        "pom.xml": "<project><dependencies><dependency><artifactId>lib</artifactId>"
                   "<version>1.0-SNAPSHOT</version></dependency></dependencies></project>",
        "web/package.json": "[1, 2]",
        "api/composer.json": b"\xff\xfe",
    })
    found = manifests(tree)
    runtime = {d.name for d in found.runtime()}
    assert runtime == {"requests", "boto3", "flask", "github.com/a/b", "lib"}
    assert ("pyproject.toml", "EUPL-1.2", 3) in found.licences


def test_hostile_input_never_raises():
    from publiccode_checker.checks import all_checks
    from publiccode_checker.context import CheckContext

    tree = MemorySnapshot({
        "README": b"\xff\xfe\x00\x00",
        "README.da.md": "",
        "publiccode.yml": "usedBy: 7\ndependsOn: [1, 2]\ndescription: nope\nname: [x]\n",
        "package.json": '{"dependencies": ["a"], "license": {"type": 5}}',
        "composer.json": '{"require": null, "minimum-stability": 3}',
        "pyproject.toml": '[project]\ndependencies = "x"\n[tool]\npoetry = 1\n',
        "go.mod": "require (\n\tnot a line\n",
        "requirements.txt": "\n".join(["-e", "git+", "#x", "==1"] * 10),
        "src/a.py": "# " + "ü" * 5000 + "\n" + "x" * 100_000,
        "src/b.js": b"\x00\x01\x02",
        "docs/x.md": "[" * 10_000 + "](" * 1000,
    }, facts=RepositoryFacts(description=None, homepage="", topics=None, full_name="/"))
    for check_id in ("reusable-design", "shared-roadmap", "open-dependencies", "multiple-users",
                     "configurable", "localisable", "no-situation-specific-details",
                     "modules-documented", "vendor-independent", "maturity-stated",
                     "ready-dependencies", "versioning-method", "descriptive-name",
                     "short-description", "product-website", "search-engine-findability",
                     "persistent-identifier", "conference-presentations", "codebase-objectives",
                     "policy-included", "policy-code-published", "machine-readable-policy",
                     "standards-listed", "open-standards-use", "documentation-languages",
                     "translations-current", "source-code-english", "policy-translated",
                     "acronyms-explained", "reading-level"):
        assert all_checks()[check_id].run(CheckContext.for_snapshot(tree)), check_id


def test_framework_folders_inside_one_program_are_not_modules():
    # Django apps/, NestJS src/modules/ and Symfony config/packages/ organise a single program.
    tree = MemorySnapshot({
        "app/portal/apps/api/views.py": "", "app/portal/apps/feedback/models.py": "",
        "src/modules/device/device.module.ts": "", "src/modules/user/user.module.ts": "",
        "config/packages/dev/routing.yaml": "", "config/packages/prod/cache.yaml": "",
        "web/static/libs/chart/chart.js": "", "README.md": "# X",
    })
    assert outcomes("modules-documented", tree) == {"RP-9": "not_applicable"}
    monorepo = MemorySnapshot({"frontend/packages/ui/index.js": "", "packages/api/README.md": "x",
                               "packages/api/index.js": ""})
    finding = run("modules-documented", monorepo)["RP-9"]
    assert [e.path for e in finding.evidence] == ["frontend/packages/ui"]


def test_links_in_docstrings_trailing_comments_and_docs_builds_are_not_deployment_details():
    module = ('def rate(values):\n    """Return the rate.\n\n    See `dtype <https://docs.numlib.org/'
              'dtype.html>`_ and http://taxes.gov/income_2015 for the example.\n    """\n'
              '    return 1  # from https://blog.someone.net/post\n\n\n'
              'API = "https://api.city-permits.nl/v1"\n')
    sphinx = "intersphinx = {'py': ('https://docs.pylib.org', None)}\n"
    tree = MemorySnapshot({"pkg/rates.py": module, "docs/conf.py": sphinx})
    finding = run("no-situation-specific-details", tree)["RP-8"]
    assert finding.outcome.value == "warn"
    assert [(e.message, e.line) for e in finding.evidence] == [("host api.city-permits.nl", 9)]


def test_sections_about_user_accounts_do_not_list_adopters():
    guide = ("Admin guide\n===========\n\nManaging users\n--------------\n\n"
             "* Create a user.\n* Delete a user.\n* Reset a password.\n")
    tree = MemorySnapshot({"README.md": "# X", "docs/admin.rst": guide})
    assert outcomes("multiple-users", tree) == {"RP-3": "manual"}
    adopters = "# X\n\n## Users\n\n- City of Aarhus\n- City of Delft\n"
    assert outcomes("multiple-users", MemorySnapshot({"README.md": adopters})) == {"RP-3": "pass"}
