"""Document codebase maturity: stated status, stable dependencies, and the versioning method."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    not_applicable,
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.documents import documents
from publiccode_checker.evidence.manifests import Dependency, manifests
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.evidence.section_blocks import blocks_matching
from publiccode_checker.evidence.text_search import search_docs
from publiccode_checker.snapshots import Release, Snapshot

README_BADGE_LINES = 50
_STATUS_WORDS = (
    r"(stable|production[- ]ready|ready for (?:production|use)|(?:used )?in production|beta|"
    r"alpha|experimental|work[- ]in[- ]progress|deprecated|unmaintained|"
    r"no longer (?:actively )?maintained|archived|in (?:active )?development|"
    r"under (?:active |heavy )?development|pre-?release|proof[- ]of[- ]concept|prototype|"
    r"mature|early[- ](?:stage|access|version)|not (?:yet )?ready)"
)
_SUBJECT = (r"(this|the|our)\s+(project|software|application|app|module|api|library|tool|"
            r"codebase|code ?base|package|service|system|plugin|product|platform|component)")
STATUS_STATEMENT = re.compile(
    rf"\b{_SUBJECT}\b[^.!?\n]{{0,80}}?\b(is|are|remains|has been|was|should be considered)\b"
    rf"[^.!?\n]{{0,40}}?\b{_STATUS_WORDS}\b|\b(?:project |development )?status\b\**\s*[:：]\s*"
    rf"[*_`]*\s*{_STATUS_WORDS}\b",
    re.IGNORECASE,
)
_STATUS_HEADING = re.compile(r"^(project |development |current )?(status|maturity|stability)"
                             r"( of the project)?$|^projectstatus$|^status$|^modenhed$|"
                             r"^stato( del progetto)?$", re.IGNORECASE)
_STATUS_BADGE = re.compile(
    r"repostatus\.org|lifecycle|project-?status|status-|stability|maturity|/release|/v/|"
    r"/tag/|version|badge\.fury\.io|bestpractices|/pypi/v|/npm/v|/packagist/v",
    re.IGNORECASE,
)
_READY_STATEMENT = re.compile(r"stable|production|ready for use|mature", re.IGNORECASE)
_PRERELEASE_TAG = re.compile(r"(-|\.|\d)(alpha|beta|rc|dev|pre|preview|snapshot|a\d|b\d)",
                             re.IGNORECASE)
_VERSION_TAG = re.compile(r"^v?(\d+)\.\d+")


def _status_statement(snapshot: Snapshot) -> tuple[Evidence, bool, Strength] | None:
    """A README sentence about the software's status, whether it claims readiness, and how
    strong the evidence is (a phrase is weak, a Status heading strong)."""
    readme = documents(snapshot).readme
    if readme is None:
        return None
    hit = next(search_docs([readme], STATUS_STATEMENT, limit=100_000), None)
    if hit is not None:
        doc, line, match = hit
        sentence = " ".join(match.group(0).split())
        claims = bool(_READY_STATEMENT.search(sentence)) and not re.search(
            r"not|no longer|pre", sentence, re.IGNORECASE)
        # A sentence under a Status heading is as strong as the heading; elsewhere a phrase.
        within = [sec for sec in readme.sections if sec.line <= line]
        headed = bool(within) and _is_status_heading(within[-1].heading)
        return (Evidence(f"status statement: '{sentence[:120]}'", doc.path, line), claims,
                Strength.STRONG if headed else Strength.WEAK)
    for section in readme.sections:
        if _is_status_heading(section.heading):
            claims = bool(_READY_STATEMENT.search(section.text)) and not re.search(
                r"\bnot\b", section.text, re.IGNORECASE)
            return (Evidence(f"section '{section.heading}'", readme.path, section.line), claims,
                    Strength.STRONG)
    return None


def _is_status_heading(heading: str | None) -> bool:
    return bool(heading) and bool(_STATUS_HEADING.match(heading.strip(" :")))


def _status_badge(snapshot: Snapshot) -> Evidence | None:
    readme = documents(snapshot).readme
    if readme is None:
        return None
    for section in readme.sections:
        for image in section.images:
            if image.line <= README_BADGE_LINES and (
                _STATUS_BADGE.search(image.url) or _STATUS_BADGE.search(image.text)
            ):
                return Evidence(f"status badge '{image.text or image.url}'", readme.path,
                                image.line, url=image.url)
    return None


def _releases(snapshot: Snapshot) -> list[str]:
    if snapshot.facts.known("releases") and snapshot.facts.releases:
        return [r.tag for r in snapshot.facts.releases]
    if snapshot.history is not None:
        return [t.name for t in snapshot.history.tags]
    return []


@check(
    id="maturity-stated",
    title="It is clear whether a version is ready for use",
    requirements=["MA-2"],
    strength=Strength.STRONG,
    why=(
        "Before relying on a codebase, people need to see at a glance whether any version is "
        "ready for use or whether it is still an experiment."
    ),
    how_to_fix=(
        "Set developmentStatus in publiccode.yml, or state the status near the top of the "
        "README (for example a repostatus.org badge or 'This software is stable and used in "
        "production')."
    ),
    limitations=(
        "Any badge near the top of the README whose address or label mentions a version, a "
        "release or a status passes, so a version-number badge or a 'supported Python "
        "versions' badge counts although it says nothing about readiness. Only publiccode.yml "
        "and the README are read: a status given on the website or in other documents is "
        "missed. A stated status passes whatever it says and however old it is."
    ),
    examples=[
        Example("publiccode.yml gives the development status",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\n"
                                   "developmentStatus: stable\n"},
                {"MA-2": "pass"}),
        Example("The README states the status",
                {"README.md": "# Permits\n\nThis software is in beta: try it, but do not "
                              "rely on it yet.\n"},
                {"MA-2": "pass"}),
        Example("Releases are published, but nothing says whether they are ready",
                {"README.md": "# Permits\n\nApply for parking permits online.\n"},
                {"MA-2": "warn"},
                facts={"releases": (Release("v1.2.0", "1.2.0",
                                            datetime(2026, 3, 2, tzinfo=UTC)),)}),
        Example("No status and no releases",
                {"README.md": "# Permits\n\nApply for parking permits online.\n"},
                {"MA-2": "fail"}),
    ],
)
def maturity_stated(context: CheckContext) -> Iterator[Finding]:
    """Passes when publiccode.yml sets `developmentStatus`; when an image in the first 50 README
    lines is a status badge (repostatus.org, lifecycle, stability, maturity, or a release or
    version badge); or when the README has a status sentence ('This software is stable',
    'Status: beta') or a section headed Status, Maturity or Stability. Otherwise it warns when
    releases (forge facts) or tags (git history) exist, since versions are offered without
    saying whether they are ready, and fails when there are none."""
    snapshot = context.snapshot
    pc = publiccode(snapshot)
    status = pc.get("developmentStatus")
    if isinstance(status, str) and status.strip():
        yield passed("MA-2", f"publiccode.yml gives the development status '{status}'.",
                     Evidence(f"developmentStatus: {status}", pc.path,
                              pc.key_line("developmentStatus")), strength=Strength.DECISIVE)
        return
    badge = _status_badge(snapshot)
    if badge is not None:
        # Any version or release badge counts, so a badge only hints at a status.
        yield passed("MA-2", "The README shows a status badge.", badge, strength=Strength.WEAK)
        return
    statement = _status_statement(snapshot)
    if statement is not None:
        yield passed("MA-2", "The README states the status of the software.", statement[0],
                     strength=statement[2])
        return
    searched = Evidence("looked for publiccode.yml developmentStatus, a status badge in the "
                        "first 50 README lines, and a status statement or section")
    releases = _releases(snapshot)
    if releases:
        yield warned("MA-2", "Versions are tagged, but the documentation does not say whether "
                             "they are ready for use.",
                     Evidence(f"{len(releases)} tags or releases, latest {releases[0]}"),
                     searched)
    else:
        yield failed("MA-2", "Nothing tells whether a version is ready for use.", searched)


# -- MA-3 ---------------------------------------------------------------------------------------

_NPM_UNSTABLE = re.compile(r"\d-(alpha|beta|rc|next|canary|dev|pre|preview|nightly)|"
                           r"^(git\+|git:|github:|gitlab:|bitbucket:|https?://.*\.git)|"
                           r"^[\w.-]+/[\w.-]+(#.*)?$|^(next|canary|beta|alpha|nightly)$",
                           re.IGNORECASE)
_COMPOSER_UNSTABLE = re.compile(r"^dev-|@(dev|alpha|beta|rc)\b|-dev$", re.IGNORECASE)
_PYTHON_UNSTABLE = re.compile(r"\d(a|b|rc|\.dev|\.?alpha|\.?beta)\d*\b|git\+", re.IGNORECASE)
#: A Go pseudo-version names an untagged commit, in one of three forms:
#: vX.0.0-yyyymmddhhmmss-abcdefabcdef, vX.Y.Z-pre.0.yyyymmddhhmmss-abcdefabcdef and
#: vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdefabcdef, each perhaps followed by +incompatible.
_GO_PSEUDO_VERSION = re.compile(r"^v\d+\.\d+\.\d+-(?:[0-9A-Za-z.-]*\.)?\d{14}-[0-9a-f]{12}"
                                r"(?:\+incompatible)?$")
#: Any other version with a pre-release part (v1.2.0-rc.1, v2.0.0-beta): semantic versioning,
#: which Go module versions follow, makes everything after the hyphen a pre-release.
_GO_UNSTABLE = re.compile(r"^v\d+\.\d+\.\d+-[0-9A-Za-z]", re.IGNORECASE)
_MAVEN_UNSTABLE = re.compile(r"SNAPSHOT|alpha|beta|-rc|\.rc|-M\d", re.IGNORECASE)
#: NuGet counts every version with a hyphenated suffix as a pre-release (2.0.0-beta4.22272.1),
#: and a floating version such as 1.0.0-* or *-* lets pre-releases in.
_NUGET_UNSTABLE = re.compile(r"(\d|\*)-[0-9A-Za-z*]")
#: A Maven or NuGet version that is set somewhere not read (a Maven or MSBuild property, a parent
#: POM or central package management): it cannot be judged. (An unpinned Python requirement has
#: no version either, but pip then installs the latest stable release.)
_UNREAD_VERSION = re.compile(r"^\s*$|^\$[({]")


def _version_unread(dep: Dependency) -> bool:
    return dep.ecosystem in ("maven", "nuget") and bool(_UNREAD_VERSION.match(dep.version))


def pseudo_version(dep: Dependency) -> bool:
    return dep.ecosystem == "go" and bool(_GO_PSEUDO_VERSION.match(dep.version.strip()))


def unstable(dep: Dependency) -> bool:
    version = dep.version.strip()
    if pseudo_version(dep):
        return True
    if dep.ecosystem == "npm":
        return bool(_NPM_UNSTABLE.search(version))
    if dep.ecosystem == "composer":
        return bool(_COMPOSER_UNSTABLE.search(version))
    if dep.ecosystem == "python":
        return bool(_PYTHON_UNSTABLE.search(version))
    if dep.ecosystem == "go":
        return bool(_GO_UNSTABLE.search(version))
    if dep.ecosystem == "maven":
        return bool(_MAVEN_UNSTABLE.search(version))
    if dep.ecosystem == "nuget":
        return bool(_NUGET_UNSTABLE.search(version))
    return False


def _ready_claim(snapshot: Snapshot) -> Evidence | None:
    pc = publiccode(snapshot)
    if pc.get("developmentStatus") == "stable":
        return Evidence("publiccode.yml developmentStatus: stable", pc.path,
                        pc.key_line("developmentStatus"))
    statement = _status_statement(snapshot)
    if statement is not None and statement[1]:
        return statement[0]
    if snapshot.facts.known("releases") and snapshot.facts.releases:
        latest = max(snapshot.facts.releases,
                     key=lambda r: r.published_at.timestamp() if r.published_at else 0)
        if not latest.prerelease:
            return Evidence(f"latest release {latest.tag} is not a pre-release")
        return None
    if snapshot.history is not None and snapshot.history.tags:
        tags = sorted(snapshot.history.tags,
                      key=lambda t: t.date.timestamp() if t.date else 0, reverse=True)
        version = _VERSION_TAG.match(tags[0].name)
        # Tags below 1.0 mark initial development under semantic versioning.
        if version and int(version.group(1)) >= 1 and not _PRERELEASE_TAG.search(tags[0].name):
            return Evidence(f"latest tag {tags[0].name} is a final version")
    return None


@check(
    id="ready-dependencies",
    title="Ready versions depend only on ready versions",
    requirements=["MA-3"],
    strength=Strength.DECISIVE,
    why=(
        "A version offered as ready for use is only as reliable as its dependencies; "
        "development snapshots and pre-releases can change or vanish."
    ),
    how_to_fix=(
        "Pin runtime dependencies of released versions to stable releases (no dev- branches, "
        "git URLs, Go pseudo-versions of untagged commits, alpha/beta/rc or SNAPSHOT versions) "
        "and raise composer minimum-stability to stable."
    ),
    limitations=(
        "Only package.json, composer.json, Python requirements and pyproject files, go.mod, "
        "pom.xml and .NET project files, packages.config and Directory.Packages.props are "
        "read, and lock files are not, so pre-releases pulled in indirectly, or through Gradle, "
        "Cargo, Bundler or Paket, are not seen; a repository without these manifests gets only "
        "a weak pass, which a person confirms. A version set in a parent POM or in an MSBuild "
        "property other than a simple one in the project or a Directory.*.props file is not "
        "read. A dependency on a 0.x release is not flagged, and a project whose name does not "
        "end in Tests or the like counts as runtime code. It judges the manifests of the checked "
        "commit, not those of the released version. A final release or a tag of 1.0 or later "
        "counts as a claim of readiness even when the README calls the software experimental."
    ),
    examples=[
        Example("A stable codebase with stable dependencies",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\n"
                                   "developmentStatus: stable\n",
                 "package.json": '{"dependencies": {"express": "^4.19.2"}}\n'},
                {"MA-3": "pass"}),
        Example("A stable codebase depending on a beta",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\n"
                                   "developmentStatus: stable\n",
                 "package.json": '{"dependencies": {"date-helper": "2.0.0-beta.3"}}\n'},
                {"MA-3": "warn"}),
        Example("A stable Go module requiring an untagged commit of a library",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\n"
                                   "developmentStatus: stable\n",
                 "go.mod": "module example.org/permits\n\ngo 1.22\n\nrequire (\n"
                           "\texample.org/fees v0.0.3-0.20260112093000-abcdef123456\n"
                           "\texample.org/maps v1.4.0\n)\n"},
                {"MA-3": "warn"}),
        Example("A stable .NET application referencing a pre-release package",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\n"
                                   "developmentStatus: stable\n",
                 "src/Permits/Permits.csproj": (
                     '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
                     '    <PackageReference Include="Example.Fees" Version="2.0.0-beta.4" />\n'
                     '  </ItemGroup>\n</Project>\n')},
                {"MA-3": "warn"}),
        Example("A release candidate dependency, and no version offered as ready",
                {"README.md": "# Permits\n",
                 "package.json": '{"dependencies": {"date-helper": "2.0.0-rc.1"}}\n'},
                {"MA-3": "not_applicable"}),
    ],
)
def ready_dependencies(context: CheckContext) -> Iterator[Finding]:
    """Reads the runtime dependencies (not development or indirect ones) of npm, Composer,
    Python, Go, Maven and NuGet manifests and flags versions that are not stable releases:
    alpha, beta, rc or dev versions, git URLs and branches, Go pseudo-versions (a commit that
    is not tagged, such as v0.0.3-0.20260112093000-abcdef123456) and Go pre-releases, Maven
    SNAPSHOTs, NuGet pre-releases (any version with a hyphenated suffix, such as
    2.0.0-beta4.22272.1), and a composer `minimum-stability` below stable. NuGet references come
    from PackageReference items in .csproj, .fsproj, .vbproj and Directory.Build.props files and
    from packages.config, with versions from central package management (Directory.Packages.props)
    and simple MSBuild properties; references with PrivateAssets="all", and those of test
    projects, count as development dependencies. A 0.x release is not flagged: the rule names
    pre-releases and snapshots, not initial development versions. Passes when nothing is
    flagged; the pass is weak when no runtime dependency with a readable version was found.
    Otherwise it warns when some version is presented as ready (publiccode.yml
    `developmentStatus: stable`, a README claim of stable or production use, a latest release
    that is not a pre-release, or a latest tag of 1.0 or later), and is not applicable when none
    is."""
    snapshot = context.snapshot
    found = manifests(snapshot)
    runtime = found.runtime()
    offenders: list[Evidence] = []
    seen: set[tuple[str, str, str]] = set()
    for dep in runtime:
        if not unstable(dep) or (dep.ecosystem, dep.name, dep.version) in seen:
            continue
        seen.add((dep.ecosystem, dep.name, dep.version))
        offenders.append(dep.evidence(
            f"{dep.name} {dep.version} is a Go pseudo-version of an untagged commit, not a "
            "release" if pseudo_version(dep) else f"{dep.name} {dep.version} is not a stable "
            "release"))
    offenders += [Evidence(f"minimum-stability: {value}", path, line)
                  for path, value, line in found.unstable_minimum]
    claim = _ready_claim(snapshot)
    if not offenders:
        readable = [d for d in runtime if not _version_unread(d)]
        unread = len(runtime) - len(readable)
        inspected = Evidence(f"inspected {len(runtime)} runtime dependencies")
        # With no runtime dependency read, the pass rests on nothing: the manifests may be of a
        # kind that is not read (Gradle, Cargo, Bundler, Paket), or every version may be set
        # where it is not read (a parent POM, an MSBuild property, central package management).
        elsewhere = [Evidence(f"{unread} of them have a version set elsewhere (a parent POM, a "
                              "build property or central package management), which was not "
                              "read")] if unread else []
        yield passed("MA-3", "All runtime dependencies are stable releases.", inspected,
                     *elsewhere, strength=None if readable else Strength.WEAK)
    elif claim is not None:
        yield warned("MA-3", f"{len(offenders)} runtime dependencies are not stable releases; "
                             "a person should confirm they are acceptable.", claim,
                     *offenders[:10])
    else:
        yield not_applicable("MA-3", "Some dependencies are not stable releases, but no "
                                     "version is presented as ready for use.", *offenders[:10])


# -- MA-5 ---------------------------------------------------------------------------------------

_VERSIONING_TEXT = re.compile(
    r"semver\.org|semantic versioning|\bsemver\b|calver\.org|calendar versioning|\bcalver\b|"
    r"version numbers? (?:follow|are assigned|use|consist)|semantisk versionering|"
    r"semantische versiebeheer|versionamento semantico",
    re.IGNORECASE,
)
_VERSIONING_HEADING = re.compile(r"versioning|version(ing)? (policy|scheme|numbers?)|"
                                 r"release (policy|numbering)|versionering|versiebeheer|"
                                 r"versionamento", re.IGNORECASE)


@check(
    id="versioning-method",
    title="The way versions are numbered is documented",
    requirements=["MA-5"],
    strength=Strength.WEAK,
    why="Users can judge the impact of an upgrade only if they know what a version number means.",
    how_to_fix=(
        "Say in the README, CONTRIBUTING or changelog which scheme version numbers follow, for "
        "example 'This project adheres to Semantic Versioning (https://semver.org)'."
    ),
    limitations=(
        "A mention is enough: the stock Keep a Changelog line 'adheres to Semantic Versioning' "
        "passes even when the tags do not follow it, as the tags are never compared with the "
        "stated scheme. The word semver used for something else (the npm package, dependency "
        "ranges) passes too. A policy published only outside the repository gives a warning."
    ),
    examples=[
        Example("The changelog says releases follow Semantic Versioning",
                {"CHANGELOG.md": "# Changelog\n\nThis project adheres to [Semantic "
                                 "Versioning](https://semver.org/).\n\n## 1.2.0\n\n"
                                 "- Renew permits online\n"},
                {"MA-5": "pass"}),
        Example("A Versioning section in the README",
                {"README.md": "# Permits\n\n## Versioning\n\nReleases are numbered by year "
                              "and month, such as 2026.03.\n"},
                {"MA-5": "pass"}),
        Example("Nothing about version numbers",
                {"README.md": "# Permits\n\nApply for parking permits online.\n"},
                {"MA-5": "warn"}),
    ],
)
def versioning_method(context: CheckContext) -> Iterator[Finding]:
    """Searches all documentation (README, community files such as CHANGELOG and CONTRIBUTING,
    and docs/) for a section headed Versioning, Version policy, Release numbering and the like
    with five words or more, or for a mention of Semantic Versioning, SemVer, semver.org,
    CalVer or a sentence on how version numbers are assigned. Passes on the first found and
    warns otherwise; it never fails."""
    snapshot = context.snapshot
    docs = list(documents(snapshot).all())
    for block in blocks_matching(docs, _VERSIONING_HEADING):
        if block.words >= 5:
            yield passed("MA-5", "The versioning method is documented.",
                         block.evidence(f"section '{block.section.heading}'"))
            return
    hit = next(search_docs(docs, _VERSIONING_TEXT), None)
    if hit is not None:
        doc, line, match = hit
        yield passed("MA-5", "The versioning method is documented.",
                     Evidence(f"mentions '{match.group(0)}'", doc.path, line))
        return
    yield warned("MA-5", "No description of how version numbers are assigned was found.",
                 Evidence(f"searched {len(docs)} documentation files for Semantic Versioning, "
                          "CalVer or a Versioning section"))

