"""NuGet references read from .NET project files, packages.config and Directory.*.props."""

from __future__ import annotations

from publiccode_checker.evidence.manifests import manifests
from publiccode_checker.snapshots import MemorySnapshot


def _deps(files: dict[str, str]) -> dict[str, tuple[str, str, int | None, bool]]:
    return {d.name: (d.version, d.manifest, d.line, d.dev)
            for d in manifests(MemorySnapshot(files)).dependencies if d.ecosystem == "nuget"}


def test_package_references_in_their_several_forms():
    project = (
        '<Project Sdk="Microsoft.NET.Sdk">\n'
        '  <PropertyGroup>\n    <FeesVersion>4.1.0</FeesVersion>\n  </PropertyGroup>\n'
        '  <ItemGroup>\n'
        "    <PackageReference Version='1.0.0' Include='Example.Single' />\n"
        '    <PackageReference Include="Example.Child">\n'
        '      <Version>2.0.0-rc.2</Version>\n    </PackageReference>\n'
        '    <PackageReference Include="Example.Fees" Version="$(FeesVersion)" />\n'
        '    <PackageReference Include="Example.Unknown" Version="$(NotSet)" />\n'
        '    <PackageReference Update="Example.Updated" Version="9.0.0-beta" />\n'
        '    <!-- <PackageReference Include="Example.Commented" Version="1.0.0" /> -->\n'
        '    <PackageReference Include="Example.Analyzers" Version="1.2.0-beta.1" '
        'PrivateAssets="all" />\n'
        '  </ItemGroup>\n</Project>\n')
    deps = _deps({"src/App/App.fsproj": project})
    assert deps == {
        "Example.Single": ("1.0.0", "src/App/App.fsproj", 6, False),
        "Example.Child": ("2.0.0-rc.2", "src/App/App.fsproj", 7, False),
        "Example.Fees": ("4.1.0", "src/App/App.fsproj", 10, False),
        "Example.Unknown": ("$(NotSet)", "src/App/App.fsproj", 11, False),
        "Example.Analyzers": ("1.2.0-beta.1", "src/App/App.fsproj", 14, True),
    }


def test_central_versions_come_from_the_nearest_props_file_and_can_be_overridden():
    def props(version: str) -> str:
        return ('<Project>\n  <ItemGroup>\n'
                f'    <PackageVersion Include="Example.Cli" Version="{version}" />\n'
                '    <PackageVersion Include="Example.Json" Version="13.0.3" />\n'
                '  </ItemGroup>\n</Project>\n')
    project = ('<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
               '    <PackageReference Include="Example.Cli" />\n'
               '    <PackageReference Include="Example.Json" VersionOverride="14.0.0-preview1" />\n'
               '  </ItemGroup>\n</Project>\n')
    deps = _deps({"Directory.Packages.props": props("1.0.0"),
                  "src/Directory.Packages.props": props("2.0.0-beta.1"),
                  "src/App/App.csproj": project})
    assert deps["Example.Cli"] == ("2.0.0-beta.1", "src/App/App.csproj", 3, False)
    assert deps["Example.Json"][0] == "14.0.0-preview1"


def test_test_projects_and_development_packages_are_development_dependencies():
    reference = ('<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
                 '    <PackageReference Include="Example.Assert" Version="3.0.0" />\n'
                 '  </ItemGroup>\n</Project>\n')
    marked = reference.replace("<ItemGroup>", "<PropertyGroup><IsTestProject>true"
                                              "</IsTestProject></PropertyGroup>\n  <ItemGroup>")
    config = ('<?xml version="1.0" encoding="utf-8"?>\n<packages>\n'
              '  <package id="Example.Web" version="5.2.9" targetFramework="net48" />\n'
              '  <package id="Example.Build" version="1.0.0" developmentDependency="true" />\n'
              '</packages>\n')
    assert _deps({"src/App.UnitTests/App.UnitTests.csproj": reference})["Example.Assert"][3]
    assert _deps({"src/Checks/Checks.csproj": marked})["Example.Assert"][3]
    assert _deps({"src/AppTests/AppTests.csproj": reference})["Example.Assert"][3]
    assert not _deps({"src/App/App.csproj": reference})["Example.Assert"][3]
    assert not _deps({"src/Contests/Contests.csproj": reference})["Example.Assert"][3]
    assert _deps({"tests/App/App.csproj": reference}) == {}  # a test folder is not read
    deps = _deps({"src/Web/packages.config": config})
    assert deps["Example.Web"] == ("5.2.9", "src/Web/packages.config", 3, False)
    assert deps["Example.Build"][3] is True
    assert _deps({"src/Web.Tests/packages.config": config})["Example.Web"][3] is True
    assert _deps({".nuget/packages.config": config})["Example.Web"][3] is True
