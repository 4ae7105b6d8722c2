"""Document codebase maturity: MA-2, MA-3 and MA-5."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from publiccode_checker.snapshots.model import GitHistory, Release, Tag
from tests.checks.helpers import outcomes, run

STABLE_PC = "publiccodeYmlVersion: '0.4'\nname: X\ndevelopmentStatus: stable\n"


def _history(*tags: str) -> GitHistory:
    when = datetime(2025, 1, 1, tzinfo=UTC)
    return GitHistory(head="a" * 40, head_date=when, commits=(),
                      tags=tuple(Tag(t, "b" * 40, when) for t in tags))


def test_development_status_passes():
    finding = run("maturity-stated", MemorySnapshot({"publiccode.yml": STABLE_PC}))["MA-2"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].path == "publiccode.yml"


def test_status_badge_and_statement_pass():
    badge = ("# X\n\n[![status](https://www.repostatus.org/badges/latest/active.svg)]"
             "(https://www.repostatus.org/#active)\n")
    assert outcomes("maturity-stated", MemorySnapshot({"README": badge})) == {"MA-2": "pass"}
    statement = "# X\n\nText.\n\nThis software is stable and used in production by 12 cities.\n"
    finding = run("maturity-stated", MemorySnapshot({"README": statement}))["MA-2"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].line == 5


def test_status_of_the_documentation_does_not_count():
    readme = "# X\n\nThe documentation is a work in progress. Based on a proof of concept.\n"
    assert outcomes("maturity-stated", MemorySnapshot({"README": readme})) == {"MA-2": "fail"}


def test_tags_only_warn():
    tree = MemorySnapshot({"README": "# X"}, history=_history("v1.2.0"))
    assert outcomes("maturity-stated", tree) == {"MA-2": "warn"}


def test_unstable_dependencies_of_a_stable_release_warn():
    package = {"dependencies": {"left-pad": "^1.3.0", "next-thing": "2.0.0-beta.3",
                                "fork": "github:someone/fork"},
               "devDependencies": {"jest": "30.0.0-alpha.1"}}
    tree = MemorySnapshot({"publiccode.yml": STABLE_PC,
                           "package.json": json.dumps(package, indent=2)})
    finding = run("ready-dependencies", tree)["MA-3"]
    assert finding.outcome.value == "warn"
    names = " ".join(e.message for e in finding.evidence)
    assert "next-thing" in names and "fork" in names
    assert "jest" not in names and "left-pad" not in names
    assert any(e.path == "package.json" and e.line == 4 for e in finding.evidence)


def test_composer_go_and_python_offenders():
    composer = json.dumps({"require": {"php": ">=8.1", "drupal/x": "dev-main"},
                           "minimum-stability": "dev"})
    gomod = ("module x\n\nrequire (\n\tgithub.com/a/b v0.0.0-20240101010101-abcdefabcdef\n"
             "\tgithub.com/c/d v1.0.0\n\tgithub.com/e/f v0.0.0-20240101010101-abcdefabcdef "
             "// indirect\n)\n")
    requirements = "django==5.0\nsomething==2.0rc1\n-e git+https://x.org/y.git#egg=y\n"
    tree = MemorySnapshot({"composer.json": composer, "go.mod": gomod,
                           "requirements.txt": requirements},
                          history=_history("v2.0.0"))
    finding = run("ready-dependencies", tree)["MA-3"]
    assert finding.outcome.value == "warn"
    text = " ".join(e.message for e in finding.evidence)
    for expected in ("drupal/x", "minimum-stability", "github.com/a/b", "something", "y"):
        assert expected in text
    assert "github.com/e/f" not in text and "django" not in text


def test_unstable_dependencies_without_ready_claim_do_not_apply():
    tree = MemorySnapshot({"package.json": '{"dependencies": {"a": "1.0.0-rc.1"}}'},
                          history=_history("v0.3.0"))
    assert outcomes("ready-dependencies", tree) == {"MA-3": "not_applicable"}
    prerelease = RepositoryFacts(releases=(Release("v1.0.0-rc.1", None, None, prerelease=True),))
    tree = MemorySnapshot({"package.json": '{"dependencies": {"a": "1.0.0-rc.1"}}'},
                          facts=prerelease)
    assert outcomes("ready-dependencies", tree) == {"MA-3": "not_applicable"}


def test_stable_dependencies_pass_and_broken_manifests_do_not_raise():
    tree = MemorySnapshot({"publiccode.yml": STABLE_PC,
                           "package.json": '{"dependencies": {"a": "^1.0.0"}}',
                           "composer.json": "{not json",
                           "pyproject.toml": "[project\n"})
    assert outcomes("ready-dependencies", tree) == {"MA-3": "pass"}


GO_MOD = "module example.org/permits\n\ngo 1.22\n\nrequire (\n{requires})\n"


def test_a_direct_go_pseudo_version_of_an_untagged_commit_warns():
    # The shape seen: vX.Y.(Z+1)-0.yyyymmddhhmmss-hash, a development version after a v0.x tag.
    gomod = GO_MOD.format(requires="\texample.org/fees v0.0.3-0.20260112093000-abcdef123456\n"
                                   "\texample.org/maps v1.4.0\n")
    finding = run("ready-dependencies", MemorySnapshot({"publiccode.yml": STABLE_PC,
                                                        "go.mod": gomod}))["MA-3"]
    assert finding.outcome.value == "warn"
    offender = next(e for e in finding.evidence if "example.org/fees" in e.message)
    assert "pseudo-version" in offender.message
    assert (offender.path, offender.line) == ("go.mod", 6)
    assert not any("example.org/maps" in e.message for e in finding.evidence)
    # The other two forms, and a pre-release tag, are not releases either.
    for version in ("v1.3.0-rc.1.0.20260112093000-abcdef123456",
                    "v2.0.0-20260112093000-abcdef123456+incompatible", "v1.3.0-beta.2"):
        tree = MemorySnapshot({"publiccode.yml": STABLE_PC,
                               "go.mod": GO_MOD.format(requires=f"\texample.org/fees {version}\n")})
        assert outcomes("ready-dependencies", tree) == {"MA-3": "warn"}, version


def test_tagged_go_releases_pass_including_v0_releases_and_indirect_pseudo_versions():
    gomod = GO_MOD.format(requires="\texample.org/fees v0.3.2\n\texample.org/maps v1.4.0\n"
                                   "\texample.org/x v2.1.0+incompatible\n"
                                   "\texample.org/deep v0.0.0-20260112093000-abcdef123456 "
                                   "// indirect\n")
    finding = run("ready-dependencies", MemorySnapshot({"publiccode.yml": STABLE_PC,
                                                        "go.mod": gomod}))["MA-3"]
    assert finding.outcome.value == "pass"
    assert finding.strength.value == "decisive"


CSPROJ = '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n{items}  </ItemGroup>\n</Project>\n'


def test_a_pre_release_nuget_package_reference_warns():
    # The shape seen: a .csproj PackageReference to a beta, in a repository without npm manifests.
    project = CSPROJ.format(items='    <PackageReference Include="Example.Cli" '
                                  'Version="2.0.0-beta4.22272.1" />\n'
                                  '    <PackageReference Include="Example.Json" '
                                  'Version="13.0.3" />\n')
    tree = MemorySnapshot({"publiccode.yml": STABLE_PC, "src/Permits/Permits.csproj": project})
    finding = run("ready-dependencies", tree)["MA-3"]
    assert finding.outcome.value == "warn"
    offender = next(e for e in finding.evidence if "Example.Cli" in e.message)
    assert offender.message == "Example.Cli 2.0.0-beta4.22272.1 is not a stable release"
    assert (offender.path, offender.line) == ("src/Permits/Permits.csproj", 3)
    assert not any("Example.Json" in e.message for e in finding.evidence)


def test_stable_nuget_references_pass_and_development_packages_are_left_out():
    project = CSPROJ.format(items=(
        '    <PackageReference Include="Example.Json" Version="13.0.3" />\n'
        '    <PackageReference Include="Example.Analyzers" Version="1.2.0-beta.556">\n'
        '      <PrivateAssets>all</PrivateAssets>\n    </PackageReference>\n'
        '    <!-- <PackageReference Include="Example.Old" Version="0.9.0-alpha" /> -->\n'))
    tests = CSPROJ.format(items='    <PackageReference Include="Example.Assert" '
                                'Version="3.0.0-preview.1" />\n')
    tree = MemorySnapshot({"publiccode.yml": STABLE_PC, "src/Permits/Permits.csproj": project,
                           "src/Permits.Tests/Permits.Tests.csproj": tests,
                           "src/Permits/packages.config": (
                               '<packages>\n  <package id="Example.Build" version="2.0.0-rc1" '
                               'developmentDependency="true" />\n</packages>\n')})
    finding = run("ready-dependencies", tree)["MA-3"]
    assert finding.outcome.value == "pass"
    assert finding.strength.value == "decisive"


def test_central_package_versions_and_properties_are_resolved():
    central = ('<Project>\n  <PropertyGroup>\n    <CliVersion>2.0.0-beta4.22272.1</CliVersion>\n'
               '  </PropertyGroup>\n  <ItemGroup>\n'
               '    <PackageVersion Include="Example.Cli" Version="$(CliVersion)" />\n'
               '    <PackageVersion Include="Example.Json" Version="13.0.3" />\n'
               '  </ItemGroup>\n</Project>\n')
    project = CSPROJ.format(items='    <PackageReference Include="Example.Json" />\n'
                                  '    <PackageReference Include="Example.Cli" />\n')
    tree = MemorySnapshot({"publiccode.yml": STABLE_PC, "Directory.Packages.props": central,
                           "src/Permits/Permits.csproj": project})
    finding = run("ready-dependencies", tree)["MA-3"]
    assert finding.outcome.value == "warn"
    assert any(e.message.startswith("Example.Cli 2.0.0-beta4.22272.1") for e in finding.evidence)
    config = ('<packages>\n  <package id="Example.Cli" version="2.0.0-beta4.22272.1" '
              'targetFramework="net48" />\n</packages>\n')
    tree = MemorySnapshot({"publiccode.yml": STABLE_PC, "src/Permits/packages.config": config})
    assert outcomes("ready-dependencies", tree) == {"MA-3": "warn"}


def test_a_pass_without_a_readable_version_is_weak():
    # No package manifest of the platform is read at all (a Cargo project).
    cargo = MemorySnapshot({"publiccode.yml": STABLE_PC,
                            "Cargo.toml": '[dependencies]\nfees = "0.4.0-alpha.1"\n'})
    assert run("ready-dependencies", cargo)["MA-3"].strength.value == "weak"
    # A project without package references.
    empty = MemorySnapshot({"publiccode.yml": STABLE_PC,
                            "src/Permits/Permits.csproj": CSPROJ.format(items="")})
    assert run("ready-dependencies", empty)["MA-3"].strength.value == "weak"
    # Every version is set where it is not read (central package management without a file).
    unread = MemorySnapshot({"publiccode.yml": STABLE_PC, "src/Permits/Permits.csproj":
                             CSPROJ.format(items='    <PackageReference Include="Example.Cli" '
                                                 'Version="$(CliVersion)" />\n')})
    finding = run("ready-dependencies", unread)["MA-3"]
    assert (finding.outcome.value, finding.strength.value) == ("pass", "weak")
    assert any("version set elsewhere" in e.message for e in finding.evidence)
    # Versions managed by a parent POM are not read either; an unpinned requirement is.
    pom = ("<project>\n  <dependencies>\n    <dependency>\n      <groupId>org.example</groupId>"
           "\n      <artifactId>fees</artifactId>\n    </dependency>\n  </dependencies>\n"
           "</project>\n")
    managed = MemorySnapshot({"publiccode.yml": STABLE_PC, "pom.xml": pom})
    assert run("ready-dependencies", managed)["MA-3"].strength.value == "weak"
    unpinned = MemorySnapshot({"publiccode.yml": STABLE_PC, "requirements.txt": "django\n"})
    finding = run("ready-dependencies", unpinned)["MA-3"]
    assert (finding.outcome.value, finding.strength.value) == ("pass", "decisive")


def test_versioning_method():
    changelog = ("# Changelog\n\nThe format is based on Keep a Changelog, and this project "
                 "adheres to [Semantic Versioning](https://semver.org/).\n")
    finding = run("versioning-method", MemorySnapshot({"CHANGELOG.md": changelog}))["MA-5"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].path == "CHANGELOG.md"
    section = "# X\n\n## Versioning\n\nWe number releases by year and month.\n"
    assert outcomes("versioning-method", MemorySnapshot({"README": section})) == {"MA-5": "pass"}
    assert outcomes("versioning-method", MemorySnapshot({"README": "# X"})) == {"MA-5": "warn"}
