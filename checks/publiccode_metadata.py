"""publiccode.yml: present, valid, and telling the truth about the repository."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    needs_person,
    not_applicable,
    passed,
    unknown,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.documents import documents
from publiccode_checker.evidence.licence import licence
from publiccode_checker.evidence.publiccode_file import PubliccodeFile, publiccode
from publiccode_checker.licensing.spdx import is_consistent
from publiccode_checker.snapshots import GitHistory, Release, Snapshot, Tag, is_known

_VERSION_TAG = re.compile(r"^v?(\d+(?:\.\d+)+)")
_CATALOGUES = re.compile(
    r"developers\.italia\.it|os2\.eu/produkt|componentencatalogus\.commonground\.nl|joinup\.ec|"
    r"code\.europa\.eu|digitalpublicgoods\.net|offentligkod\.se|code\.gouv\.fr|opencode\.de|"
    r"softwarecollaborative\.org|directory\.fsf\.org|publiccode\.net/codebases",
    re.IGNORECASE,
)
_REPO_URL = re.compile(r"^(?:https?://|git@|ssh://git@)([^/:]+)[/:](.+?)(?:\.git)?/?$", re.I)

# -- examples for the reference pages ------------------------------------------------------------
#: A small valid publiccode.yml for a fictional town's permit application.
_PERMITS_YML = """publiccodeYmlVersion: "0"
name: Permits
url: "https://github.com/example-town/permits"
softwareVersion: "1.2.0"
releaseDate: "2026-02-02"
platforms: [web]
developmentStatus: stable
softwareType: "standalone/web"
description:
  en:
    shortDescription: Apply for a parking permit online.
    longDescription: >
      Permits lets residents of Example Town apply for a parking permit online.
      Staff check each request in the same application and send the permit by
      e-mail, so nobody has to fill in paper forms any more.
    features: [Online applications]
legal:
  license: MIT
maintenance:
  type: internal
  contacts:
    - name: Permits team
localisation:
  localisationReady: false
  availableLanguages: [en]
"""
_MIT = """MIT License

Copyright (c) 2026 Example Town

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""
_README = "# Permits\n\nResidents of Example Town apply for a parking permit online.\n"
_HOME = "https://github.com/example-town/permits"


def _tagged(*tags: tuple[str, datetime]) -> GitHistory:
    """History that only lists tags, newest first, as the examples need nothing else."""
    return GitHistory(head="a" * 40, head_date=datetime(2026, 3, 2, tzinfo=UTC), commits=(),
                      tags=tuple(Tag(name, "b" * 40, when) for name, when in tags))


def _nothing_to_compare(*requirements: str) -> Iterator[Finding]:
    # Presence and validity are PC-1 and PC-2; these requirements compare a file's contents.
    for requirement in requirements:
        yield not_applicable(requirement, "There is no readable publiccode.yml.")


def _where(document: PubliccodeFile, key: str) -> Evidence:
    return Evidence(f"publiccode.yml `{key}`", document.path, document.key_line(key) or 1)


@check(
    id="publiccode-yml",
    title="publiccode.yml describes the codebase and is valid",
    requirements=["PC-1", "PC-2", "FI-8"],
    strength=Strength.DECISIVE,
    why=(
        "publiccode.yml is how public-sector software describes itself to catalogues (OS2, "
        "Developers Italia and others): a valid file makes the codebase findable and reusable."
    ),
    how_to_fix=(
        "Add publiccode.yml at the root (the editor at publiccode-editor.developers.italia.it "
        "helps) and fix each error at the line shown; check it locally with "
        "`publiccode-checker validate publiccode.yml`."
    ),
    limitations=(
        "Validation runs offline: URLs, the logo and screenshots are not fetched, so a file "
        "pointing at pages or images that do not exist is valid here. A valid file can still "
        "describe the codebase wrongly; the other publiccode.yml checks compare a few keys "
        "with the repository. Only the root is searched, and other metadata such as "
        "codemeta.json earns a warning for FI-8, not a pass."
    ),
    examples=[
        Example("A valid publiccode.yml at the root",
                {"publiccode.yml": _PERMITS_YML},
                {"PC-1": "pass", "PC-2": "pass", "FI-8": "pass"}),
        Example("developmentStatus has a value the standard does not know",
                {"publiccode.yml": _PERMITS_YML.replace("Status: stable", "Status: finished")},
                {"PC-1": "pass", "PC-2": "fail", "FI-8": "warn"}),
        Example("No publiccode.yml",
                {"README.md": _README}, {"PC-1": "fail", "PC-2": "fail", "FI-8": "warn"}),
    ],
)
def publiccode_yml(context: CheckContext) -> Iterator[Finding]:
    """Looks for publiccode.yml (or publiccode.yaml) at the root and validates it against the
    publiccode.yml standard offline. PC-1 passes when the file is there; PC-2 and FI-8 pass
    when it is valid, PC-2 fails and FI-8 warns with each located error when it is not, and
    both are unknown when the validator could not run. Without the file PC-1 and PC-2 fail and
    FI-8 warns, mentioning codemeta.json when that is present."""
    snapshot = context.snapshot
    document = publiccode(snapshot)
    if document.path is None:
        searched = Evidence("searched the root for publiccode.yml and publiccode.yaml")
        yield failed("PC-1", "There is no publiccode.yml at the root.", searched)
        yield failed("PC-2", "There is no publiccode.yml to validate.", searched)
        if snapshot.exists("codemeta.json"):
            yield warned("FI-8", "codemeta.json describes the codebase, but catalogues for the "
                         "public sector read publiccode.yml.", Evidence("found", "codemeta.json"))
        else:
            yield warned("FI-8", "No machine-readable metadata (publiccode.yml) found.", searched)
        return
    yield passed("PC-1", "publiccode.yml is present.", Evidence("found", document.path, 1))
    if document.valid is None:
        yield unknown("PC-2", f"publiccode.yml could not be validated: {document.problem}.")
        yield unknown("FI-8", "publiccode.yml could not be validated.")
        return
    errors = document.errors
    located = [
        Evidence(f"{r.key + ': ' if r.key else ''}{r.message}"
                 + (f" (hint: {r.hint})" if r.hint else ""),
                 document.path, r.line or 1)
        for r in document.results
    ]
    if errors:
        message = f"publiccode.yml has {len(errors)} error(s)."
        if document.problem:
            message = f"publiccode.yml is invalid: {document.problem}."
        yield failed("PC-2", message, *located)
        yield warned("FI-8", "publiccode.yml exists but is invalid, so catalogues will skip it.",
                     *located[:3])
        return
    version = f" (version {document.version})" if document.version else ""
    yield passed("PC-2", f"publiccode.yml is valid{version}.", *located)
    yield passed("FI-8", f"publiccode.yml is valid{version}.", Evidence("found", document.path, 1))


@check(
    id="publiccode-licence",
    title="publiccode.yml declares the licence the repository actually has",
    requirements=["PC-4"],
    strength=Strength.DECISIVE,
    why=(
        "Catalogues show the licence from publiccode.yml; if it differs from the licence file, "
        "re-users are told something that is not true."
    ),
    how_to_fix="Make `legal.license` in publiccode.yml the SPDX id of the licence in LICENSE.",
    limitations=(
        "It depends on recognising the licence text: a shortened, reformatted or uncommon "
        "licence file only asks a person. Agreement only means the recognised licence appears "
        "somewhere in the declared expression, so `MIT AND CC-BY-4.0` agrees with a lone MIT "
        "file although no CC-BY text is published. A missing licence file only warns, since "
        "the missing file is the licence-file check's failure."
    ),
    examples=[
        Example("publiccode.yml and LICENSE both say MIT",
                {"publiccode.yml": _PERMITS_YML, "LICENSE": _MIT}, {"PC-4": "pass"}),
        Example("publiccode.yml says EUPL-1.2, LICENSE holds the MIT text",
                {"publiccode.yml": _PERMITS_YML.replace("license: MIT", "license: EUPL-1.2"),
                 "LICENSE": _MIT},
                {"PC-4": "fail"}),
        Example("There is no licence file to compare with",
                {"publiccode.yml": _PERMITS_YML}, {"PC-4": "warn"}),
    ],
)
def publiccode_licence(context: CheckContext) -> Iterator[Finding]:
    """Compares `legal.license` in publiccode.yml with the licence recognised in the
    repository's licence files. Passes when the recognised licence appears in the declared SPDX
    expression, fails when it does not or the key is missing, warns when there is no licence
    file to compare with, and asks a person when the licence file is not a known licence text.
    Not applicable without a publiccode.yml."""
    snapshot = context.snapshot
    document = publiccode(snapshot)
    declared = document.get("legal", "license")
    if document.path is None:
        yield not_applicable("PC-4", "There is no publiccode.yml.")
        return
    if not isinstance(declared, str) or not declared.strip():
        yield failed("PC-4", "publiccode.yml declares no `legal.license`.",
                     _where(document, "legal"))
        return
    detected = licence(snapshot).spdx_id
    if detected is None:
        yield warned("PC-4", f"publiccode.yml declares {declared}, but the repository has no "
                             "licence file to confirm it.", _where(document, "legal"))
    elif detected == "NOASSERTION":
        yield needs_person("PC-4", f"publiccode.yml declares {declared}; the licence file is not "
                                   "a known licence text, so a person must compare them.",
                           _where(document, "legal"))
    elif is_consistent(detected, declared):
        yield passed("PC-4", f"publiccode.yml and the licence file agree ({declared}).",
                     _where(document, "legal"))
    else:
        yield failed("PC-4", f"publiccode.yml declares {declared}, but the licence file is "
                             f"{detected}.", _where(document, "legal"))


def _latest_version_tag(snapshot: Snapshot) -> tuple[str, datetime | None] | None:
    if is_known(snapshot.facts.releases) and snapshot.facts.releases:
        release = snapshot.facts.releases[0]
        return release.tag, release.published_at
    if snapshot.history is not None:
        for tag in snapshot.history.tags:
            if _VERSION_TAG.match(tag.name):
                return tag.name, tag.date
    return None


def _releases_known(snapshot: Snapshot) -> bool:
    return is_known(snapshot.facts.releases) or snapshot.history is not None


@check(
    id="publiccode-status",
    title="publiccode.yml's developmentStatus and version match the repository",
    requirements=["PC-3", "PC-7"],
    strength=Strength.DECISIVE,
    why=(
        "Re-users pick software by its declared maturity and version; a `stable` status without "
        "any release, or a version older than the latest release, misleads them."
    ),
    how_to_fix=(
        "Tag a release before declaring `developmentStatus: stable`, and update "
        "`softwareVersion` and `releaseDate` in publiccode.yml with every release."
    ),
    limitations=(
        "Without forge releases or a git checkout (a tree fetched without history) both "
        "verdicts are unknown. The newest release counts even when it is a pre-release, so a "
        "2.0.0 release candidate makes a correct softwareVersion 1.9.0 look behind. `beta` and "
        "`obsolete` pass whatever the releases say, and `stable` passes on a single old tag "
        "without asking whether the code is still maintained."
    ),
    examples=[
        Example("Declared stable at 1.2.0, and v1.2.0 is the latest tag",
                {"publiccode.yml": _PERMITS_YML}, {"PC-3": "pass", "PC-7": "pass"},
                history=_tagged(("v1.2.0", datetime(2026, 2, 2, tzinfo=UTC)))),
        Example("Declared stable, but nothing was ever tagged",
                {"publiccode.yml": _PERMITS_YML}, {"PC-3": "warn", "PC-7": "pass"},
                history=_tagged()),
        Example("A newer release than softwareVersion and releaseDate say",
                {"publiccode.yml": _PERMITS_YML}, {"PC-3": "pass", "PC-7": "warn"},
                facts={"releases": (Release("v1.3.0", "1.3.0",
                                            datetime(2026, 3, 1, tzinfo=UTC)),)}),
    ],
)
def publiccode_status(context: CheckContext) -> Iterator[Finding]:
    """Compares `developmentStatus`, `softwareVersion` and `releaseDate` with the newest
    release from the forge, or else the newest version-like tag in the git history. PC-3 warns
    when no status is declared or `stable` has no release, asks a person when `concept` or
    `development` has one, and passes otherwise. PC-7 warns when the version or date is older
    than the newest release or softwareVersion is missing, and passes when they are current or
    there is no release. Both are unknown when neither releases nor history could be read."""
    snapshot = context.snapshot
    document = publiccode(snapshot)
    if document.document is None:
        yield from _nothing_to_compare("PC-3", "PC-7")
        return
    status = document.get("developmentStatus")
    latest = _latest_version_tag(snapshot)
    known = _releases_known(snapshot)
    where = _where(document, "developmentStatus")
    if not isinstance(status, str):
        yield warned("PC-3", "publiccode.yml declares no developmentStatus.", where)
    elif not known:
        yield unknown("PC-3", f"Declared `{status}`, but releases and tags could not be read.",
                      where)
    elif status == "stable" and latest is None:
        yield warned("PC-3", "Declared `stable`, but the repository has no release or version "
                             "tag.", where)
    elif status in ("concept", "development") and latest is not None:
        yield needs_person("PC-3", f"Declared `{status}`, yet release {latest[0]} exists: is the "
                                   "status out of date?", where)
    else:
        detail = f"; latest release {latest[0]}" if latest else ""
        yield passed("PC-3", f"Declared `{status}`{detail}.", where)

    software_version = document.get("softwareVersion")
    release_date = document.get("releaseDate")
    if latest is None:
        if known:
            yield passed("PC-7", "There is no release for the metadata to fall behind.")
        else:
            yield unknown("PC-7", "Releases and tags could not be read.")
        return
    tag, tag_date = latest
    stale = []
    tag_version = _VERSION_TAG.match(tag)
    if software_version is not None and tag_version:
        declared = str(software_version).lstrip("vV")
        if _version_tuple(declared) < _version_tuple(tag_version.group(1)):
            stale.append(Evidence(f"softwareVersion {software_version} is older than release "
                                  f"{tag}", document.path, document.key_line("softwareVersion")))
    declared_date = _as_date(release_date)
    if declared_date and tag_date and declared_date < tag_date.date():
        stale.append(Evidence(f"releaseDate {declared_date} is before release {tag} "
                              f"({tag_date.date()})", document.path,
                              document.key_line("releaseDate")))
    if stale:
        yield warned("PC-7", "publiccode.yml is behind the latest release.", *stale)
    elif software_version is None:
        yield warned("PC-7", f"publiccode.yml has no softwareVersion; the latest release is {tag}.",
                     _where(document, "softwareVersion"))
    else:
        yield passed("PC-7", f"softwareVersion {software_version} matches the latest release "
                             f"{tag}.")


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:4])


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _repository_identity(snapshot: Snapshot) -> tuple[str, str] | None:
    """(host, owner/name) of the repository being checked, lower-cased."""
    if snapshot.facts.known("html_url") and snapshot.facts.html_url:
        match = _REPO_URL.match(str(snapshot.facts.html_url))
        if match:
            return match.group(1).lower(), match.group(2).lower()
    if snapshot.facts.known("full_name") and snapshot.facts.full_name:
        return "", str(snapshot.facts.full_name).lower()
    if snapshot.history is not None and snapshot.history.remote_url:
        match = _REPO_URL.match(snapshot.history.remote_url)
        if match:
            return match.group(1).lower(), match.group(2).lower()
    return None


@check(
    id="publiccode-url",
    title="publiccode.yml points at this repository and its files exist",
    requirements=["PC-5", "PC-6"],
    strength=Strength.DECISIVE,
    why=(
        "Catalogues follow `url` to the code and show the logo and screenshots: a wrong URL sends "
        "people to another codebase, a missing image leaves an empty catalogue entry."
    ),
    how_to_fix=(
        "Set `url` to this repository's address, and commit the files `logo` and `screenshots` "
        "name (or point them at images that exist)."
    ),
    limitations=(
        "Where the repository lives comes from forge facts or the checkout's remote; a tree "
        "without either leaves PC-5 unknown, and a renamed or moved repository whose old "
        "address still redirects asks a person. Remote logo and screenshot URLs are not "
        "fetched, so a broken remote logo passes here. Local paths are taken relative to the "
        "root of the repository, not to the folder of publiccode.yml."
    ),
    examples=[
        Example("`url` is this repository and the logo is committed",
                {"publiccode.yml": _PERMITS_YML.replace("platforms:", "logo: docs/logo.svg\n"
                                                         "platforms:"),
                 "docs/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n"},
                {"PC-5": "pass", "PC-6": "pass"}, facts={"html_url": _HOME}),
        Example("Checked in a fork, and the logo file is missing",
                {"publiccode.yml": _PERMITS_YML.replace("platforms:", "logo: docs/logo.svg\n"
                                                         "platforms:")},
                {"PC-5": "manual", "PC-6": "warn"},
                facts={"html_url": "https://github.com/other-town/permits"}),
    ],
)
def publiccode_url(context: CheckContext) -> Iterator[Finding]:
    """Compares `url` in publiccode.yml with where this repository lives (the forge's address,
    its full name, or the checkout's remote). PC-5 passes when host and owner/name match, asks
    a person when they differ (a fork or mirror?), warns when `url` is not a repository address
    and is unknown when the repository's own address is not known. PC-6 warns for each local
    `logo` or `screenshots` file missing from the tree, and passes otherwise."""
    snapshot = context.snapshot
    document = publiccode(snapshot)
    if document.document is None:
        yield from _nothing_to_compare("PC-5", "PC-6")
        return
    url = document.get("url")
    identity = _repository_identity(snapshot)
    where = _where(document, "url")
    match = _REPO_URL.match(url) if isinstance(url, str) else None
    if not match:
        yield warned("PC-5", "publiccode.yml `url` is not a repository address.", where)
    elif identity is None:
        yield unknown("PC-5", f"`url` is {url}, but where this repository lives is not known "
                              "offline.", where)
    else:
        host, path = identity
        same = match.group(2).lower() == path and (not host or match.group(1).lower() == host)
        if same:
            yield passed("PC-5", f"`url` points at this repository ({url}).", where)
        else:
            yield needs_person("PC-5", f"`url` is {url}, but this repository is "
                                       f"{host + '/' if host else ''}{path}: a mirror or a fork?",
                               where)

    missing: list[Evidence] = []
    checked = 0
    images = [document.get("logo")]
    for description in (document.get("description") or {}).values() \
            if isinstance(document.get("description"), dict) else []:
        if isinstance(description, dict) and isinstance(description.get("screenshots"), list):
            images.extend(description["screenshots"])
    for image in images:
        if not isinstance(image, str) or not image.strip():
            continue
        if image.startswith(("http://", "https://")):
            continue  # remote images are checked by `validate` with the network on
        checked += 1
        # posixpath.normpath drops "./" and "a/../"; lstrip("./") would also eat the dot of
        # ".github/logo.svg".
        if not snapshot.exists(posixpath.normpath(image.strip()).lstrip("/")):
            missing.append(Evidence(f"{image} is not in the repository", document.path,
                                    document.key_line("logo") if image == images[0] else None))
    if missing:
        yield warned("PC-6", "Files named in publiccode.yml are missing.", *missing)
    elif checked:
        yield passed("PC-6", f"All {checked} logo and screenshot file(s) exist.")
    else:
        yield passed("PC-6", "No local logo or screenshot files are referenced.")


@check(
    id="catalogue-listing",
    title="The codebase is listed in software catalogues",
    requirements=["FI-3"],
    strength=Strength.WEAK,
    why=(
        "Public bodies look for reusable software in catalogues; a codebase that is not listed "
        "is rarely found and reused."
    ),
    how_to_fix=(
        "Keep a valid publiccode.yml (catalogues harvest it) and link your catalogue entries "
        "(for example os2.eu or developers.italia.it) from the README."
    ),
    limitations=(
        "A valid publiccode.yml passes on the assumption that catalogues harvest it, though "
        "most only harvest organisations registered with them, so the codebase may be listed "
        "nowhere. Catalogue links are recognised by host from a fixed list, and a link to "
        "another product's entry counts as this codebase's listing. Catalogues not on the list "
        "only ask a person."
    ),
    examples=[
        Example("A valid publiccode.yml",
                {"publiccode.yml": _PERMITS_YML}, {"FI-3": "pass"}),
        Example("The README links the codebase's catalogue entry",
                {"README.md": _README + "\nPermits is listed in the [OS2 product catalogue]"
                 "(https://os2.eu/produkt/permits).\n"},
                {"FI-3": "pass"}),
        Example("No publiccode.yml and no catalogue link",
                {"README.md": _README}, {"FI-3": "manual"}),
    ],
)
def catalogue_listing(context: CheckContext) -> Iterator[Finding]:
    """Passes when publiccode.yml is valid (public-sector catalogues harvest it) or the
    documentation links an entry in a known catalogue (OS2, Developers Italia, the Common
    Ground component catalogue, Joinup, code.europa.eu, opencode.de and others); otherwise asks
    a person whether the codebase is listed anywhere."""
    snapshot = context.snapshot
    links = [
        Evidence(f"links the catalogue entry {link.url}", doc.path, link.line)
        for doc, link in documents(snapshot).links()
        if _CATALOGUES.search(link.url)
    ]
    document = publiccode(snapshot)
    if document.valid:
        yield passed("FI-3", "A valid publiccode.yml lets public-sector catalogues harvest it.",
                     Evidence("valid", document.path, 1), *links[:3])
    elif links:
        yield passed("FI-3", "The documentation links catalogue entries.", *links[:3])
    else:
        yield needs_person("FI-3", "No catalogue listing found: is the codebase in a catalogue?",
                           Evidence("no valid publiccode.yml and no catalogue links"))
