"""Dependencies declared in package manifests (npm, Composer, Python, Go, Maven, NuGet).

Read once per snapshot: who depends on what, at which version, for runtime or development, and
the licence each manifest declares for the project itself.
"""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from publiccode_checker.core.model import Evidence
from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.files import inventory, is_fixture_path
from publiccode_checker.evidence.path_index import path_index
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.snapshots import Snapshot

MAX_MANIFESTS = 60
MANIFEST_BYTES = 512 * 1024


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1

@dataclass(frozen=True)
class Dependency:
    name: str
    version: str
    manifest: str
    line: int | None
    ecosystem: str
    dev: bool = False
    indirect: bool = False

    def evidence(self, message: str | None = None) -> Evidence:
        return Evidence(message or f"{self.name} {self.version}".strip(), self.manifest,
                        self.line)


@dataclass
class Manifests:
    dependencies: list[Dependency] = field(default_factory=list)
    #: The project's own licence as declared in manifests: (path, value, line).
    licences: list[tuple[str, str, int | None]] = field(default_factory=list)
    #: composer.json ``minimum-stability`` values below stable: (path, value, line).
    unstable_minimum: list[tuple[str, str, int | None]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def runtime(self) -> list[Dependency]:
        return [d for d in self.dependencies if not d.dev and not d.indirect]


_PEP508 = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")
_DEV_FILE = re.compile(r"dev|test|lint|doc|ci|build|type", re.IGNORECASE)
_DEV_GROUP = re.compile(r"^(dev|develop|development|test|tests|testing|lint|docs?|typing|ci|"
                        r"build)$", re.IGNORECASE)
_GO_REQUIRE = re.compile(r"^\s*(?:require\s+)?([\w.\-/~]+\.[\w.\-/~]+)\s+(v[\w.\-+]+)(.*)$")


@memoised
def manifests(snapshot: Snapshot) -> Manifests:
    """Dependencies and licence fields of the package manifests (each parse guarded)."""
    result = Manifests()
    paths = [p for p in inventory(snapshot).manifests if not is_fixture_path(p)]
    paths += [p for p in path_index(snapshot).with_ext("txt")
              if posixpath.basename(p).lower().startswith("requirements") and p not in paths
              and not is_fixture_path(p)]
    for path in paths[:MAX_MANIFESTS]:
        name = posixpath.basename(path)
        parser = _PARSERS.get(name) or (_requirements if name.startswith("requirements")
                                        else None)
        if parser is None:
            continue
        text = snapshot.read_text(path, MANIFEST_BYTES)
        if not text:
            continue
        try:
            parser(path, text, result)
        except (ValueError, TypeError, AttributeError, KeyError, tomllib.TOMLDecodeError) as exc:
            result.problems.append(f"{path}: could not be parsed ({exc.__class__.__name__})")
    _dotnet(snapshot, result)
    return result


def _find_line(text: str, needle: str) -> int | None:
    position = text.find(needle)
    return line_of(text, position) if position >= 0 else None


def _package_json(path: str, text: str, out: Manifests) -> None:
    data = json.loads(text)
    if not isinstance(data, dict):
        return
    for group, dev in (("dependencies", False), ("optionalDependencies", False),
                       ("peerDependencies", False), ("devDependencies", True)):
        deps = data.get(group)
        if isinstance(deps, dict):
            for name, version in deps.items():
                out.dependencies.append(Dependency(
                    str(name), str(version), path, _find_line(text, f'"{name}"'), "npm", dev))
    _licence_field(data.get("license"), path, text, out)


def _composer_json(path: str, text: str, out: Manifests) -> None:
    data = json.loads(text)
    if not isinstance(data, dict):
        return
    for group, dev in (("require", False), ("require-dev", True)):
        deps = data.get(group)
        if isinstance(deps, dict):
            for name, version in deps.items():
                if name == "php" or str(name).startswith(("ext-", "lib-")):
                    continue
                out.dependencies.append(Dependency(
                    str(name), str(version), path, _find_line(text, f'"{name}"'), "composer",
                    dev))
    _licence_field(data.get("license"), path, text, out)
    stability = data.get("minimum-stability")
    if isinstance(stability, str) and stability.lower() in ("dev", "alpha", "beta", "rc"):
        out.unstable_minimum.append((path, stability, _find_line(text, '"minimum-stability"')))


def _licence_field(value: Any, path: str, text: str, out: Manifests) -> None:
    if isinstance(value, dict):
        value = value.get("type") or value.get("text")
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, str) and item.strip():
            out.licences.append((path, item.strip(), _find_line(text, item.strip())))


def _pyproject(path: str, text: str, out: Manifests) -> None:
    data = tomllib.loads(text)
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    for spec in project.get("dependencies") or []:
        _pep508(str(spec), path, text, out, dev=False)
    optional = project.get("optional-dependencies")
    if isinstance(optional, dict):
        for group, specs in optional.items():
            for spec in specs if isinstance(specs, list) else []:
                _pep508(str(spec), path, text, out, dev=bool(_DEV_GROUP.match(str(group))))
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for specs in groups.values():
            for spec in specs if isinstance(specs, list) else []:
                if isinstance(spec, str):
                    _pep508(spec, path, text, out, dev=True)
    _licence_field(project.get("license"), path, text, out)
    for classifier in project.get("classifiers") or []:
        if "Proprietary" in str(classifier):
            out.licences.append((path, "Proprietary", _find_line(text, "Proprietary")))
    poetry = data.get("tool", {}).get("poetry") if isinstance(data.get("tool"), dict) else None
    if isinstance(poetry, dict):
        _poetry_group(poetry.get("dependencies"), path, text, out, dev=False)
        _poetry_group(poetry.get("dev-dependencies"), path, text, out, dev=True)
        poetry_groups = poetry.get("group")
        if isinstance(poetry_groups, dict):
            for group in poetry_groups.values():
                if isinstance(group, dict):
                    _poetry_group(group.get("dependencies"), path, text, out, dev=True)
        _licence_field(poetry.get("license"), path, text, out)


def _poetry_group(deps: Any, path: str, text: str, out: Manifests, *, dev: bool) -> None:
    if not isinstance(deps, dict):
        return
    for name, spec in deps.items():
        if name == "python":
            continue
        if isinstance(spec, dict):
            version = spec.get("version") or ("git+" + str(spec["git"]) if "git" in spec else "")
        else:
            version = spec
        out.dependencies.append(Dependency(str(name), str(version), path,
                                           _find_line(text, str(name)), "python", dev))


def _pep508(spec: str, path: str, text: str, out: Manifests, *, dev: bool) -> None:
    match = _PEP508.match(spec)
    if not match:
        return
    name, version = match.group(1), match.group(3).split(";", 1)[0].strip()
    version = version.removeprefix("@").strip()
    out.dependencies.append(Dependency(name, version, path, _find_line(text, spec[:40]),
                                       "python", dev))


def _requirements(path: str, text: str, out: Manifests) -> None:
    dev = bool(_DEV_FILE.search(posixpath.basename(path).removeprefix("requirements")))
    for number, raw in enumerate(text.splitlines()[:2000], 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-r", "-c", "--")):
            continue
        if line.startswith("-e ") or "git+" in line:
            url = line.removeprefix("-e ").strip()
            name = url.split("#egg=", 1)[-1] if "#egg=" in url else url.rsplit("/", 1)[-1]
            out.dependencies.append(Dependency(name, url, path, number, "python", dev))
            continue
        match = _PEP508.match(line)
        if match:
            version = match.group(3).split(";", 1)[0].strip().removeprefix("@").strip()
            out.dependencies.append(Dependency(match.group(1), version, path, number,
                                               "python", dev))


def _go_mod(path: str, text: str, out: Manifests) -> None:
    in_block = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("require ("):
            in_block = True
            continue
        if in_block and line.startswith(")"):
            in_block = False
            continue
        if in_block or line.startswith("require "):
            match = _GO_REQUIRE.match(line)
            if match:
                out.dependencies.append(Dependency(
                    match.group(1), match.group(2), path, number, "go",
                    indirect="// indirect" in match.group(3)))


_POM_DEPENDENCY = re.compile(r"<dependency>(.*?)</dependency>", re.DOTALL)
_POM_FIELD = re.compile(r"<(artifactId|version|scope)>\s*([^<\s]+)\s*</")


def _pom(path: str, text: str, out: Manifests) -> None:
    for match in _POM_DEPENDENCY.finditer(text):
        fields = dict(_POM_FIELD.findall(match.group(1)))
        if "artifactId" in fields:
            out.dependencies.append(Dependency(
                fields["artifactId"], fields.get("version", ""), path,
                line_of(text, match.start()), "maven", fields.get("scope") == "test"))


# -- .NET (NuGet) ---------------------------------------------------------------------------------
#
# Project files (*.csproj, *.fsproj, *.vbproj) and Directory.Build.props list PackageReference
# items; packages.config the older per-project list. With central package management the version
# is in Directory.Packages.props (PackageVersion), and a version may be an MSBuild property set in
# the same file or in a Directory.Build.props / Directory.Packages.props of a parent folder. Only
# these simple, literal forms are resolved; anything else keeps its raw `$(Property)` or stays
# empty, and is then a version that could not be read.

_DOTNET_PROJECT_EXTENSIONS = ("csproj", "fsproj", "vbproj")
_DOTNET_PROPS = ("directory.build.props", "directory.packages.props")
_XML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_XML_ATTRIBUTE = re.compile(r"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_PACKAGE_ITEM = re.compile(r"<(PackageReference|PackageVersion)\b([^>]*?)(?:/>|>(.*?)</\1\s*>)",
                           re.DOTALL)
_PROPERTY_GROUP = re.compile(r"<PropertyGroup\b[^>]*>(.*?)</PropertyGroup\s*>", re.DOTALL)
_PROPERTY = re.compile(r"<([A-Za-z_][\w.-]*)(?:\s[^>]*)?>\s*([^<]*?)\s*</\1\s*>")
_PROPERTY_REFERENCE = re.compile(r"^\$\(([A-Za-z_][\w.-]*)\)$")
_PACKAGES_CONFIG_ENTRY = re.compile(r"<package\b([^>]*?)/?>", re.IGNORECASE)
#: Test, benchmark and sample projects by their conventional names (Permits.Tests.csproj).
_DOTNET_TEST_PROJECT = re.compile(
    r"(^|[.\-_])(tests?|unittests?|integrationtests?|functionaltests?|acceptancetests?|specs?|"
    r"benchmarks?|testing|testutilities|testhelpers?)$", re.IGNORECASE)
_DOTNET_TEST_SUFFIX = re.compile(r"[a-z0-9](Tests?|UnitTests?|IntegrationTests?|Specs|"
                                 r"Benchmarks?)$")  # PermitsTests, in CamelCase only
_DOTNET_TEST_MARKERS = re.compile(r"<IsTestProject>\s*true\s*</IsTestProject>|"
                                  r"Include\s*=\s*[\"']Microsoft\.NET\.Test\.Sdk[\"']",
                                  re.IGNORECASE)


def _blank_comments(text: str) -> str:
    """The text with XML comments blanked out, keeping every offset (and so every line)."""
    return _XML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _attributes(raw: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _XML_ATTRIBUTE.finditer(raw)}


def _child(body: str | None, name: str) -> str | None:
    if not body:
        return None
    match = re.search(rf"<{name}\b[^>]*>\s*([^<]*?)\s*</{name}\s*>", body, re.IGNORECASE)
    return match.group(1) if match else None


def _properties(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for group in _PROPERTY_GROUP.finditer(text):
        for match in _PROPERTY.finditer(group.group(1)):
            found[match.group(1).lower()] = match.group(2)
    return found


def _ancestors(path: str) -> list[str]:
    """The folders above ``path``, the root first."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(len(parts) + 1)]


def _resolve(version: str, properties: dict[str, str]) -> str:
    match = _PROPERTY_REFERENCE.match(version.strip())
    if match and properties.get(match.group(1).lower()):
        return properties[match.group(1).lower()]
    return version.strip()


def _dotnet(snapshot: Snapshot, out: Manifests) -> None:
    index = path_index(snapshot)
    projects = [p for p in index.with_ext(*_DOTNET_PROJECT_EXTENSIONS) if not is_fixture_path(p)]
    configs = [p for p in index.named("packages.config") if not is_fixture_path(p)]
    props = [p for p in index.named(*_DOTNET_PROPS) if not is_fixture_path(p)]
    if not projects and not configs:
        return
    texts: dict[str, str] = {}
    for path in sorted(props)[:MAX_MANIFESTS]:
        text = snapshot.read_text(path, MANIFEST_BYTES)
        if text:
            texts[path] = _blank_comments(text)
    # Per folder: the properties and the central package versions its props files set.
    folder_properties: dict[str, dict[str, str]] = {}
    folder_versions: dict[str, dict[str, str]] = {}
    for path, text in texts.items():
        folder = posixpath.dirname(path)
        folder_properties.setdefault(folder, {}).update(_properties(text))
        if posixpath.basename(path).lower() == "directory.packages.props":
            for match in _PACKAGE_ITEM.finditer(text):
                if match.group(1) != "PackageVersion":
                    continue
                attributes = _attributes(match.group(2))
                version = attributes.get("version") or _child(match.group(3), "Version")
                if attributes.get("include") and version:
                    folder_versions.setdefault(folder, {})[attributes["include"].lower()] = \
                        version
    for path in (projects + [p for p in props
                             if posixpath.basename(p).lower() == "directory.build.props"]
                 )[:MAX_MANIFESTS]:
        text = texts.get(path)
        if text is None:
            raw = snapshot.read_text(path, MANIFEST_BYTES)
            if not raw:
                continue
            text = _blank_comments(raw)
        properties: dict[str, str] = {}
        central: dict[str, str] = {}
        for folder in _ancestors(path):
            properties.update(folder_properties.get(folder, {}))
            central.update(folder_versions.get(folder, {}))
        properties.update(_properties(text))
        _project_file(path, text, out, properties, central)
    for path in configs[:MAX_MANIFESTS]:
        text = snapshot.read_text(path, MANIFEST_BYTES)
        if text:
            _packages_config(path, _blank_comments(text), out)


def _is_test_project(path: str, text: str = "") -> bool:
    stem = posixpath.splitext(posixpath.basename(path))[0]
    return bool(_DOTNET_TEST_PROJECT.search(stem) or _DOTNET_TEST_SUFFIX.search(stem)
                or _DOTNET_TEST_MARKERS.search(text))


def _project_file(path: str, text: str, out: Manifests, properties: dict[str, str],
                  central: dict[str, str]) -> None:
    test_project = _is_test_project(path, text)
    for match in _PACKAGE_ITEM.finditer(text):
        if match.group(1) != "PackageReference":
            continue
        attributes = _attributes(match.group(2))
        name = attributes.get("include", "").strip()
        if not name:
            continue  # an Update or Remove item changes a reference made elsewhere
        body = match.group(3)
        version = (attributes.get("versionoverride") or _child(body, "VersionOverride")
                   or attributes.get("version") or _child(body, "Version")
                   or central.get(name.lower(), ""))
        # PrivateAssets="all" keeps a package from flowing to consumers: how NuGet marks a
        # development dependency (analyzers, build tools).
        private = (attributes.get("privateassets") or _child(body, "PrivateAssets") or "")
        dev = test_project or private.strip().lower() == "all"
        out.dependencies.append(Dependency(name, _resolve(version, properties), path,
                                           line_of(text, match.start()), "nuget", dev))


def _packages_config(path: str, text: str, out: Manifests) -> None:
    folder = posixpath.basename(posixpath.dirname(path))
    # .nuget/packages.config lists the solution's tools, not a project's packages.
    test_project = bool(folder) and (folder == ".nuget" or _is_test_project(folder + ".csproj"))
    for match in _PACKAGES_CONFIG_ENTRY.finditer(text):
        attributes = _attributes(match.group(1))
        if not attributes.get("id"):
            continue
        dev = test_project or attributes.get("developmentdependency", "").lower() == "true"
        out.dependencies.append(Dependency(attributes["id"], attributes.get("version", ""), path,
                                           line_of(text, match.start()), "nuget", dev))


_PARSERS = {
    "package.json": _package_json,
    "composer.json": _composer_json,
    "pyproject.toml": _pyproject,
    "go.mod": _go_mod,
    "pom.xml": _pom,
}


def proprietary_dependencies(snapshot: Snapshot) -> list[tuple[str, bool, int | None]]:
    """publiccode.yml ``dependsOn.proprietary`` entries: (name, optional, line)."""
    pc = publiccode(snapshot)
    entries = pc.get("dependsOn", "proprietary")
    if not isinstance(entries, list):
        return []
    line = pc.key_line("dependsOn")
    found = []
    for entry in entries:
        if isinstance(entry, dict):
            found.append((str(entry.get("name", "unnamed")), entry.get("optional") is True, line))
        elif isinstance(entry, str):
            found.append((entry, False, line))
    return found
