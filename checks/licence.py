"""Open licence: a licence file, an open licence, consistent declarations, SPDX headers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    info,
    needs_person,
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.licence import LicenceEvidence, licence
from publiccode_checker.licensing.spdx import expression_ids, is_consistent, is_free

_ROOT_LICENCE = re.compile(r"^(licen[cs]e|copying|unlicense)([-._].*)?$", re.IGNORECASE)
#: Header coverage at or above this share passes (the Standard asks for every file; this
#: leaves room for generated files nobody should edit).
HEADER_TARGET = 0.95
#: What an SPDX header licence id looks like (LicenseRef-/DocumentRef- included); anything else
#: (a template placeholder, a string built in code) is not a licence declaration.
_LICENCE_ID = re.compile(r"^(?:DocumentRef-[A-Za-z0-9.-]+:)?[A-Za-z0-9][A-Za-z0-9.+-]*$")


def _licence_file_evidence(evidence: LicenceEvidence) -> list[Evidence]:
    return [
        Evidence(f"{f.path}: {f.spdx_id or 'no licence text recognised'}"
                 + (f" ({f.matcher}, {f.confidence:.0f}%)" if f.matcher and f.confidence else ""),
                 f.path, f.line or 1)
        for f in evidence.files
    ]


@check(
    id="licence-file",
    title="A licence file is published with the code",
    requirements=["OL-3"],
    strength=Strength.DECISIVE,
    why=(
        "Without a licence file nobody may legally reuse, change or share the code, whatever a "
        "package manifest says; a licence file at the root is where people and tools look."
    ),
    how_to_fix=(
        "Add the full text of your licence (for example EUPL-1.2 or MPL-2.0) as LICENSE at the "
        "root, or a LICENSES/ folder with one file per licence as REUSE describes."
    ),
    limitations=(
        "It looks for the file, not at what it says: an empty LICENSE, or one holding a "
        "proprietary licence, passes here (the open-licence check judges the text). A licence "
        "kept only in a subfolder other than LICENSES/, or only in a README section, fails."
    ),
    examples=[
        Example("A LICENSE file at the root",
                {"LICENSE": "MIT License\n\nCopyright (c) 2026 Example Municipality\n",
                 "README.md": "# Permits\n"},
                {"OL-3": "pass"}),
        Example("The licence is only named in a package manifest",
                {"README.md": "# Permits\n",
                 "package.json": '{"name": "permits", "license": "MIT"}\n'},
                {"OL-3": "fail"}),
    ],
)
def licence_file(context: CheckContext) -> Iterator[Finding]:
    """Passes when the root of the tree holds a licence file (LICENSE, LICENCE, COPYING or
    UNLICENSE, with any extension) or a LICENSES/ folder as REUSE lays it out; fails otherwise,
    quoting the licences that manifests declare so the missing file is easy to write."""
    snapshot = context.snapshot
    root = [p for p in snapshot.children("") if _ROOT_LICENCE.match(p)]
    licenses_dir = [p for p in snapshot.paths if p.lower().startswith("licenses/")]
    if root or licenses_dir:
        evidence = [Evidence("licence file", p, 1) for p in root]
        if licenses_dir:
            evidence.append(Evidence(f"LICENSES/ holds {len(licenses_dir)} file(s)",
                                     licenses_dir[0], 1))
        yield passed("OL-3", "A licence file is present.", *evidence)
        return
    declared = licence(snapshot).declarations
    where = [Evidence(f"{d.source} declares {d.expression}", d.path, d.line) for d in declared]
    yield failed(
        "OL-3",
        "No licence file at the root (LICENSE, LICENCE, COPYING, UNLICENSE or LICENSES/).",
        Evidence("searched the root of the repository"),
        *where,
    )


@check(
    id="open-licence",
    title="The code is under an open source licence, declared consistently",
    requirements=["OL-1", "OL-2"],
    strength=Strength.DECISIVE,
    why=(
        "Public code must be free for anyone to reuse, change and redistribute; that is only "
        "true under a licence approved by the OSI or the FSF, applied to code and documentation "
        "alike and declared the same way everywhere."
    ),
    how_to_fix=(
        "Publish the code under an OSI-approved licence (the EUPL-1.2 is written for the public "
        "sector), keep its unmodified text in LICENSE, and make package manifests and "
        "publiccode.yml `legal.license` name the same licence."
    ),
    limitations=(
        "It trusts names: a file in LICENSES/ counts as the licence its file name says, "
        "whatever it holds, and a manifest field is taken at its word. Two recognised licence "
        "files at the root (LICENSE-MIT and LICENSE-APACHE for a dual licence) are reported as "
        "an unknown text for a person to check. OL-1 fails only when the codebase's one licence "
        "is known not to be free: a LicenseRef- or non-free header, or a LICENSES/ file with a "
        "custom or non-free name, next to a free licence asks a person, also when the file is "
        "third-party or a test fixture. Licences in REUSE.toml are not read, and declarations "
        "in manifests and publiccode.yml are compared only with a root licence file, not with "
        "LICENSES/."
    ),
    examples=[
        Example("The EUPL in a REUSE LICENSES/ folder",
                {"LICENSES/EUPL-1.2.txt": "EUROPEAN UNION PUBLIC LICENCE v. 1.2\n"
                                          "(the full licence text)\n",
                 "README.md": "# Permits\n"},
                {"OL-2": "pass", "OL-1": "pass"}),
        Example("The licence is only named in package.json",
                {"README.md": "# Permits\n",
                 "package.json": '{"name": "permits", "license": "MIT"}\n'},
                {"OL-2": "pass", "OL-1": "warn"}),
        Example("A home-made licence text",
                {"LICENSE": "Permits licence\n\nYou may use this software in Example "
                            "Municipality only.\n"},
                {"OL-2": "manual", "OL-1": "manual"}),
        Example("A non-commercial licence",
                {"package.json": '{"name": "permits", "license": "CC-BY-NC-4.0"}\n'},
                {"OL-2": "fail", "OL-1": "fail"}),
        Example("A source file under a custom licence next to the EUPL",
                {"LICENSES/EUPL-1.2.txt": "EUROPEAN UNION PUBLIC LICENCE v. 1.2\n"
                                          "(the full licence text)\n",
                 "src/fees.py": "# SPDX-FileCopyrightText: 2026 Example Supplier\n"
                                "# SPDX-License-Identifier: LicenseRef-Supplier\n\nFEE = 25\n"},
                {"OL-2": "pass", "OL-1": "manual"}),
    ],
)
def open_licence(context: CheckContext) -> Iterator[Finding]:
    """Finds the licence as the forge's detector would: a licence file at the root (or, failing
    that, a licence named in the README or a package manifest), else the files in LICENSES/,
    else the forge's own licence detection, else the licences declared in package.json,
    composer.json, pyproject.toml, Cargo.toml or publiccode.yml `legal.license`. With none both
    requirements fail; a licence file whose text matches no known licence asks a person
    (manual). A licence that is neither OSI-approved nor FSF-free fails both (OL-1 asks a person
    instead when LICENSES/ also holds a free licence); one not on the SPDX list makes OL-2
    manual, otherwise OL-2 passes. OL-1 then asks a person, naming the files, when the licence
    itself, an SPDX header or a file in LICENSES/ carries a licence not known to be free (a
    LicenseRef-, a name not on the SPDX list, or an id neither OSI-approved nor FSF-free;
    Creative Commons licences without NC or ND are allowed in LICENSES/ for documentation),
    warns when a manifest or publiccode.yml contradicts the root licence file or the licence is
    only declared without its text, and passes otherwise."""
    snapshot = context.snapshot
    evidence = licence(snapshot)
    files = _licence_file_evidence(evidence)
    ids = evidence.effective_ids()
    source = "licence file"
    declared_only = False
    if ids and evidence.matched_kind in ("readme", "package"):
        source = "README" if evidence.matched_kind == "readme" else "package manifest"
        declared_only = True
    has_licence_text = bool(evidence.files or evidence.licenses_dir)
    if not ids and not has_licence_text and evidence.api_spdx_id not in (None, "NOASSERTION"):
        ids, source = {evidence.api_spdx_id}, "forge's licence detection"
    if not ids and not has_licence_text:
        ids = evidence.declared_ids()
        declared_only = bool(ids)
        source = "manifests or publiccode.yml"

    if not ids and not has_licence_text:
        message = "No licence is declared anywhere."
        yield failed("OL-2", message, Evidence("no licence file, manifest field or "
                                               "publiccode.yml legal.license found"))
        yield failed("OL-1", message)
        return
    if not ids:
        # A licence file exists but matches no known licence closely: possibly modified.
        message = ("A licence file exists but is not a known licence text (it may be modified); "
                   "a person must confirm it is open.")
        yield needs_person("OL-2", message, *files)
        yield needs_person("OL-1", message, *files)
        return

    flags = {i: is_free(i) for i in ids}
    not_free = sorted(i for i, free in flags.items() if free is False)
    unknown = sorted(i for i, free in flags.items() if free is None)
    ids_text = ", ".join(sorted(ids))
    if not_free:
        message = f"{', '.join(not_free)} is not an OSI-approved or FSF free licence."
        yield failed("OL-2", message, *files)
        if len(not_free) == len(ids):
            # The only licence of the codebase is known not to be free.
            yield failed("OL-1", message, *files)
        else:
            # LICENSES/ holds free and non-free licences: which files each covers is a question.
            parts = [Evidence(f"{item.spdx_id} is not a free licence", item.path, 1)
                     for item in evidence.licenses_dir if item.spdx_id in not_free]
            yield needs_person("OL-1", f"Part of the codebase may be under {', '.join(not_free)}, "
                                       "which is not a free licence; a person must confirm "
                                       "which files it covers.", *parts,
                                 *[f for f in files if f.path not in {p.path for p in parts}])
        return
    if unknown:
        message = f"{', '.join(unknown)} is not on the SPDX licence list; a person must confirm."
        yield needs_person("OL-2", message, *files)
    else:
        # A licence named under the README's licence heading is a heading in a process
        # document, not a licence text or a parsed declaration.
        yield passed("OL-2", f"{ids_text} (declared in the {source}) is an open licence.", *files,
                     strength=Strength.STRONG if source == "README" else None)

    # OL-1: everything reusable: every licence declared anywhere is known to be free (a
    # LicenseRef- or an id the OSI and FSF do not approve asks a person), declarations consistent.
    doubtful: set[str] = set()
    places: list[Evidence] = []
    for spdx, where in sorted(evidence.headers.header_files.items()):
        if not _LICENCE_ID.match(spdx) or is_free(spdx) is True:
            continue
        doubtful.add(spdx)
        places.extend(Evidence(f"header licence {spdx} is not known to be free", path, line)
                      for path, line in where)
    for item in evidence.licenses_dir:
        if item.spdx_id and is_free(item.spdx_id) is not True and not _docs_licence(item.spdx_id):
            doubtful.add(item.spdx_id)
            places.append(Evidence(f"{item.spdx_id} is not known to be free", item.path, 1))
    for spdx in unknown:
        if spdx not in doubtful:
            doubtful.add(spdx)
            places.append(Evidence(f"{spdx} (declared in the {source}) is not known to be free",
                                   evidence.matched_path))
    if doubtful:
        yield needs_person("OL-1", f"Some files declare a licence that is not known to be free "
                                   f"({', '.join(sorted(doubtful))}); a person must confirm "
                                   "that all code and documentation may be reused.",
                           *places, *[f for f in files if f.path not in {p.path for p in places}])
        return
    contradictions = []
    if evidence.spdx_id not in (None, "NOASSERTION"):
        for declaration in evidence.declarations:
            if not expression_ids(declaration.expression):
                contradictions.append(Evidence(
                    f"{declaration.source} declares {declaration.expression!r}, which is not an "
                    "SPDX licence expression", declaration.path, declaration.line))
            elif not is_consistent(evidence.spdx_id, declaration.expression):
                contradictions.append(Evidence(
                    f"{declaration.source} declares {declaration.expression}, but the licence "
                    f"file is {evidence.spdx_id}", declaration.path, declaration.line))
    if contradictions:
        yield warned("OL-1", "Licence declarations contradict the licence file.",
                     *contradictions, *files)
    elif declared_only:
        yield warned("OL-1", f"The licence ({ids_text}) is only declared in the {source}; "
                             "the licence text itself is not published.",
                     Evidence(f"declared in {evidence.matched_path or source}",
                              evidence.matched_path))
    else:
        yield passed("OL-1", f"Code and documentation are under {ids_text}.", *files)


def _docs_licence(spdx_id: str) -> bool:
    # Creative Commons licences without NC/ND are fine for documentation even when the FSF does
    # not list them as software licences.
    upper = spdx_id.upper()
    return upper.startswith("CC-BY") and "-NC" not in upper and "-ND" not in upper


@check(
    id="spdx-headers",
    title="Source files carry SPDX licence and copyright headers",
    requirements=["OL-5"],
    strength=Strength.DECISIVE,
    why=(
        "A licence and copyright line in each file keeps the terms attached when files are "
        "copied into other projects, and lets tools verify the licensing automatically."
    ),
    how_to_fix=(
        "Add `SPDX-License-Identifier: <id>` and `SPDX-FileCopyrightText: <year> <owner>` in a "
        "comment at the top of every source file (the `reuse annotate` tool does it in bulk), or "
        "cover files with a REUSE.toml."
    ),
    limitations=(
        "Only files with a programming-language extension count, outside vendored and build "
        "folders: stylesheets, HTML, YAML, templates other than Twig and documentation are "
        "never checked, and a repository without such files passes. Any 'Copyright' or '(c) "
        "2026' in the first 30 lines counts as the copyright line, and a REUSE.toml or "
        ".license file counts even without a copyright entry. Whether the header's licence "
        "matches the licence file is not checked here."
    ),
    examples=[
        Example("Every source file has both SPDX lines",
                {"LICENSES/EUPL-1.2.txt": "(the EUPL 1.2 text)\n",
                 "src/permits.py": "# SPDX-FileCopyrightText: 2026 Example Municipality\n"
                                   "# SPDX-License-Identifier: EUPL-1.2\n\nFEE = 25\n",
                 "src/renew.py": "# SPDX-FileCopyrightText: 2026 Example Municipality\n"
                                 "# SPDX-License-Identifier: EUPL-1.2\n\nDAYS = 365\n"},
                {"OL-5": "pass"}),
        Example("A REUSE.toml covers the source folder",
                {"REUSE.toml": 'version = 1\n\n[[annotations]]\npath = "src/**"\n'
                               'SPDX-FileCopyrightText = "2026 Example Municipality"\n'
                               'SPDX-License-Identifier = "EUPL-1.2"\n',
                 "src/permits.py": "FEE = 25\n"},
                {"OL-5": "pass"}),
        Example("One of two source files has no header",
                {"src/permits.py": "# SPDX-FileCopyrightText: 2026 Example Municipality\n"
                                   "# SPDX-License-Identifier: EUPL-1.2\n\nFEE = 25\n",
                 "src/renew.py": "DAYS = 365\n"},
                {"OL-5": "warn"}),
    ],
)
def spdx_headers(context: CheckContext) -> Iterator[Finding]:
    """Looks at every source file (by programming-language extension, leaving out vendored
    and build folders): a file is covered when its first 30 lines hold an
    `SPDX-License-Identifier` and a copyright line, when a REUSE.toml or .reuse/dep5 licenses
    its path, or when a `<file>.license` file sits next to it. Passes when at least 95% of the
    source files are covered, or when there are no source files; warns below that, naming up to
    five files without a header. It never fails."""
    snapshot = context.snapshot
    headers = licence(snapshot).headers
    if headers.coverage is None:
        yield passed("OL-5", "There are no source files that would need headers.")
        return
    share = headers.coverage
    summary = (f"{headers.fully_covered} of {headers.source_files} source files "
               f"({share:.0%}) have licence and copyright information")
    if share >= HEADER_TARGET:
        yield passed("OL-5", summary + ".")
        return
    samples = [Evidence("no SPDX licence and copyright header in the first lines", p, 1)
               for p in headers.missing[:5]]
    yield warned("OL-5", summary + f"; the target is {HEADER_TARGET:.0%}.", *samples)


@check(
    id="multiple-licences",
    title="Different parts may use different licences",
    requirements=["OL-6"],
    strength=Strength.DECISIVE,
    why=(
        "Documentation, data and code can have licences suited to each; saying so explicitly "
        "avoids confusion about what applies where."
    ),
    how_to_fix=(
        "If parts of the codebase use another licence (for example CC-BY-4.0 for documentation), "
        "put each licence text in LICENSES/ and mark the files with SPDX headers."
    ),
    limitations=(
        "It only sees licences in LICENSES/ and in SPDX headers of source files: a second "
        "licence in docs/LICENSE, a LICENSE-docs file at the root or a README sentence is "
        "missed, and the result says one licence covers everything, also when no licence was "
        "found at all. A dual-licence header ('MIT OR Apache-2.0') counts as several licences. "
        "OL-6 is optional, so the result is only pass or info, never a failure."
    ),
    examples=[
        Example("Code and documentation under different licences in LICENSES/",
                {"LICENSES/EUPL-1.2.txt": "(the EUPL 1.2 text)\n",
                 "LICENSES/CC-BY-4.0.txt": "(the CC BY 4.0 text)\n",
                 "README.md": "# Permits\n"},
                {"OL-6": "pass"}),
        Example("One LICENSE file for everything",
                {"LICENSE": "(the EUPL 1.2 text)\n", "README.md": "# Permits\n"},
                {"OL-6": "info"}),
    ],
)
def multiple_licences(context: CheckContext) -> Iterator[Finding]:
    """Collects the licence ids of the files in LICENSES/ (named by file, as REUSE does) and of
    the `SPDX-License-Identifier` headers in source files. Passes when there is more than one,
    reporting which; otherwise it gives info that one licence covers the codebase."""
    snapshot = context.snapshot
    evidence = licence(snapshot)
    ids = {f.spdx_id for f in evidence.licenses_dir if f.spdx_id}
    ids |= set(evidence.headers.header_ids)
    if len(ids) > 1:
        yield passed("OL-6", f"Several licences are used: {', '.join(sorted(ids))}.",
                     *[Evidence(f.spdx_id or "", f.path, 1) for f in evidence.licenses_dir])
    else:
        yield info("OL-6", "One licence covers the whole codebase.")
