"""Versioning: the codebase has version numbers, release notes and (optionally) SemVer."""

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
    info,
    passed,
    unknown,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.documents import documents
from publiccode_checker.evidence.history import SEMVER_TAG, aware, history_at, version_number
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.snapshots import Commit, GitHistory, Release, Snapshot, Tag

MAX_MANIFEST_BYTES = 256 * 1024
#: Where a version number is declared outside tags: file, and the pattern of its declaration.
_MANIFEST_VERSIONS = (
    ("package.json", re.compile(r"^\s*\"version\"\s*:\s*\"([^\"]+)\"", re.MULTILINE)),
    ("composer.json", re.compile(r"^\s*\"version\"\s*:\s*\"([^\"]+)\"", re.MULTILINE)),
    ("pyproject.toml", re.compile(r"^version\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)),
    ("setup.cfg", re.compile(r"^version\s*=\s*(\S+)", re.MULTILINE)),
    ("setup.py", re.compile(r"\bversion\s*=\s*[\"']([^\"']+)[\"']")),
    ("Cargo.toml", re.compile(r"^version\s*=\s*\"([^\"]+)\"", re.MULTILINE)),
    ("pom.xml", re.compile(r"^\s{2,4}<version>([^<$]+)</version>", re.MULTILINE)),
    ("build.gradle", re.compile(r"^version\s*=?\s*[\"']([^\"']+)[\"']", re.MULTILINE)),
    ("build.gradle.kts", re.compile(r"^version\s*=\s*\"([^\"]+)\"", re.MULTILINE)),
    ("mix.exs", re.compile(r"\bversion:\s*\"([^\"]+)\"")),
    ("pubspec.yaml", re.compile(r"^version:\s*(\S+)", re.MULTILINE)),
    ("VERSION", re.compile(r"^\s*v?(\d+(?:\.\d+)+\S*)")),
)
_DRUPAL_INFO = re.compile(r"^version:\s*['\"]?([^'\"\s]+)", re.MULTILINE)


# -- example data for the reference pages -----------------------------------------------------
_EXAMPLE_DATE = datetime(2026, 3, 2, 10, tzinfo=UTC)
_EXAMPLE_COMMIT = Commit("1" * 40, 1, "Anna Berg", "anna@eastbrook.example.nl", _EXAMPLE_DATE,
                         _EXAMPLE_DATE, "Add the permit application form")


def _example_history(*tags: str) -> GitHistory:
    """One commit, tagged with ``tags`` a month apart, newest first."""
    return GitHistory(head="1" * 40, head_date=_EXAMPLE_DATE, commits=(_EXAMPLE_COMMIT,),
                      tags=tuple(Tag(name, "1" * 40, datetime(2026, 3 - n, 1, tzinfo=UTC))
                                 for n, name in enumerate(tags)))


def _declared_version(snapshot: Snapshot) -> Evidence | None:
    status = publiccode(snapshot)
    declared = status.get("softwareVersion")
    if declared and status.path:
        return Evidence(f"publiccode.yml declares softwareVersion {declared}", status.path,
                        status.key_line("softwareVersion"))
    candidates = list(_MANIFEST_VERSIONS)
    candidates += [(p, _DRUPAL_INFO) for p in snapshot.children("") if p.endswith(".info.yml")]
    for path, pattern in candidates:
        if not snapshot.exists(path):
            continue
        text = snapshot.read_text(path, MAX_MANIFEST_BYTES)
        match = pattern.search(text or "")
        if match and re.search(r"\d", match.group(1)):
            line = text.count("\n", 0, match.start()) + 1 if text else 1
            return Evidence(f"{path} declares version {match.group(1)}", path, line)
    return None


def _releases(snapshot: Snapshot) -> tuple[Release, ...] | None:
    facts = snapshot.facts
    return tuple(facts.releases or ()) if facts.known("releases") else None


@check(
    id="versioned",
    title="The codebase has version numbers",
    requirements=["MA-1", "MA-6"],
    strength=Strength.DECISIVE,
    why=(
        "Version numbers let users say exactly which code they run and see what changed "
        "between two versions."
    ),
    how_to_fix=(
        "Tag each release with a version number (for example `v1.2.0`, following Semantic "
        "Versioning) or publish GitHub releases."
    ),
    limitations=(
        "A tag counts when its name looks like a version, whatever it marks, while versions "
        "kept only as release branches (release/2.x) or in a changelog are not seen. Offline "
        "without git history, or in a shallow clone that fetched no tags, MA-1 is unknown; "
        "with history but without forge facts, releases published only on the forge are "
        "missed. MA-6 judges tag names alone: 'v1.2' and calendar versions such as 2026.03 "
        "are reported as not SemVer, and whether version bumps follow SemVer's rules is never "
        "checked."
    ),
    examples=[
        Example("Releases are tagged with SemVer numbers",
                {"README.md": "# Permits\n"}, {"MA-1": "pass", "MA-6": "pass"},
                history=_example_history("v1.2.0", "v1.1.0")),
        Example("Releases are tagged with calendar versions",
                {"README.md": "# Permits\n"}, {"MA-1": "pass", "MA-6": "info"},
                history=_example_history("2026.03", "2026.02")),
        Example("A version in package.json, but no tag or release",
                {"package.json": '{\n  "name": "permits",\n  "version": "1.2.0"\n}\n'},
                {"MA-1": "warn", "MA-6": "info"}, history=_example_history()),
        Example("No version anywhere",
                {"README.md": "# Permits\n"}, {"MA-1": "fail", "MA-6": "info"},
                history=_example_history()),
    ],
)
def versioned(context: CheckContext) -> Iterator[Finding]:
    """MA-1 passes when the git history has tags named like versions (v1.2.0, 2.3, 2026-03,
    permits-1.4), or when the forge lists releases. Without either it is unknown if there is no
    git history or the clone is shallow (and releases were not read); otherwise it warns when a
    version is declared in publiccode.yml softwareVersion or a manifest (package.json,
    pyproject.toml, pom.xml, VERSION...) and fails when none is. MA-6 passes when every version
    tag (or release tag) is valid Semantic Versioning, a leading v allowed, and otherwise
    reports the share (info)."""
    snapshot = context.snapshot
    history = history_at(snapshot, context.evaluated_at)
    releases = _releases(snapshot)
    tags = history.version_tags if history else ()
    yield _ma1(snapshot, history is not None, history.truncated if history else False, tags,
               releases)
    names = [t.name for t in tags] or [r.tag for r in releases or ()]
    if not names:
        yield info("MA-6", "No version tags or releases to judge.")
        return
    semver = [n for n in names if SEMVER_TAG.match(n)]
    share = len(semver) / len(names)
    outside = [n for n in names if not SEMVER_TAG.match(n)][:5]
    evidence = [Evidence(f"{len(semver)} of {len(names)} version tags are valid SemVer"
                         + (f"; not SemVer: {', '.join(outside)}" if outside else ""))]
    if share == 1:
        yield passed("MA-6", "Version tags follow Semantic Versioning.", *evidence)
    else:
        yield info("MA-6", f"{share:.0%} of version tags follow Semantic Versioning.", *evidence)


def _ma1(snapshot: Snapshot, has_history: bool, truncated: bool, tags: tuple[Tag, ...],
         releases: tuple[Release, ...] | None) -> Finding:
    if tags:
        latest = tags[0]
        when = f" ({latest.date.date()})" if latest.date else ""
        return passed("MA-1", f"The codebase is versioned; latest version tag {latest.name}.",
                      Evidence(f"{len(tags)} version tags; latest {latest.name}{when}"))
    if releases:
        return passed("MA-1", f"The codebase is versioned with {len(releases)} GitHub releases.",
                      Evidence(f"latest release {releases[0].tag}"))
    declared = _declared_version(snapshot)
    if not has_history and releases is None:
        return unknown("MA-1", "No git history available, so tags could not be read.",
                       *([declared] if declared else []))
    if truncated and releases is None:
        return unknown("MA-1", "No version tags found, but the clone is shallow and may not have "
                       "fetched tags.", *([declared] if declared else []))
    if declared:
        return warned("MA-1", "A version number is declared, but no release is tagged.",
                      declared)
    return failed("MA-1", "No version tags, releases or declared version number found.",
                  Evidence("Looked at git tags, GitHub releases, publiccode.yml softwareVersion "
                           "and package manifests."))


@check(
    id="release-notes",
    title="Changes between versions are summarised",
    requirements=["MA-4"],
    strength=Strength.STRONG,
    why=(
        "Release notes tell users what changed, what might break and whether they should "
        "upgrade, without reading every commit."
    ),
    how_to_fix=(
        "Keep a CHANGELOG.md or RELEASE_NOTES.md with a section per version (including the "
        "latest), or write notes for each GitHub release."
    ),
    limitations=(
        "It checks that notes exist, not what they say: a release with an automatically "
        "generated list of pull requests passes, and a changelog passes as soon as the latest "
        "version number appears anywhere in it, even in a link. Without any tag or release, "
        "any changelog file passes. Notes kept on a website, in tag messages or in a changelog "
        "outside the root, docs/ and .github/ (such as one per package in a monorepo) are "
        "not found, and the requirement warns."
    ),
    examples=[
        Example("The changelog covers the latest tagged version",
                {"CHANGELOG.md": "# Changelog\n\n## 1.2.0 - 2026-03-01\n\n- Online "
                                 "payment of permit fees\n"},
                {"MA-4": "pass"}, history=_example_history("v1.2.0", "v1.1.0")),
        Example("The latest releases on the forge have notes",
                {"README.md": "# Permits\n"}, {"MA-4": "pass"},
                facts={"releases": (Release("v1.2.0", "1.2.0", _EXAMPLE_DATE, has_notes=True),)}),
        Example("The changelog stops before the latest version",
                {"CHANGELOG.md": "# Changelog\n\n## 1.1.0 - 2026-02-01\n\n- Permit "
                                 "letters in Dutch\n"},
                {"MA-4": "warn"}, history=_example_history("v1.2.0", "v1.1.0")),
        Example("No changelog and no release notes",
                {"README.md": "# Permits\n"}, {"MA-4": "warn"},
                history=_example_history("v1.2.0")),
    ],
)
def release_notes(context: CheckContext) -> Iterator[Finding]:
    """Passes when the three latest releases on the forge all have notes. Otherwise it looks for
    a changelog (CHANGELOG, CHANGES, HISTORY, NEWS, RELEASE_NOTES or RELEASES in the root,
    docs/ or .github/) and warns when there is none. With a changelog, it passes when the
    number of the latest version (from git tags, else the forge's releases) appears in it, or
    when there is no version to compare; it warns when the latest version is missing."""
    snapshot = context.snapshot
    history = history_at(snapshot, context.evaluated_at)
    releases = _releases(snapshot)
    changelog = documents(snapshot).get("changelog")
    latest_tag = history.latest_version_tag if history else None
    noted = _notes_on_releases(releases)
    if noted:
        yield passed("MA-4", "The latest GitHub releases have release notes.", noted)
        return
    if changelog is None:
        evidence = [Evidence("Looked for CHANGELOG, CHANGES, HISTORY, NEWS and RELEASE_NOTES in "
                             "the root, docs/ and .github/")]
        if releases:
            evidence.append(Evidence("the latest GitHub releases have no notes"))
        yield warned("MA-4", "No summary of changes between versions was found.", *evidence)
        return
    latest = latest_tag.name if latest_tag else (releases[0].tag if releases else None)
    if latest is None:
        yield passed("MA-4", "A changelog exists (no tagged version to compare it with).",
                     Evidence("changelog", changelog.path, 1))
        return
    number = version_number(latest)
    where = _mention(changelog.text, number) if number else None
    if where is not None:
        yield passed("MA-4", f"The changelog covers the latest version {latest}.",
                     Evidence(f"mentions {number}", changelog.path, where))
    else:
        yield warned("MA-4", f"The changelog does not mention the latest version {latest}.",
                     Evidence("changelog", changelog.path, 1))


def _mention(text: str, number: str) -> int | None:
    # "v.2.10" and "version.2.10" still name 2.10; "12.10" and "1.2.10" do not.
    match = re.search(rf"(?<!\d)(?<!\d\.){re.escape(number)}(?!\d|\.\d)", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _notes_on_releases(releases: tuple[Release, ...] | None) -> Evidence | None:
    if not releases:
        return None
    dated = sorted((r for r in releases if r.published_at), key=lambda r: aware(r.published_at),
                   reverse=True)
    latest = (dated or list(releases))[:3]
    if all(r.has_notes for r in latest):
        return Evidence("release notes on " + ", ".join(r.tag for r in latest))
    return None


