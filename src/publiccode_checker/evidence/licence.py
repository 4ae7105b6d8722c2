"""Licence evidence: the licence GitHub would report, every licence file, what manifests and
publiccode.yml declare, and how many source files carry SPDX headers."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from dataclasses import dataclass, field

from publiccode_checker.evidence import collector
from publiccode_checker.evidence.files import inventory
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.licensing import detect_project_licence, identify
from publiccode_checker.licensing.spdx import expression_ids, is_consistent, is_free
from publiccode_checker.snapshots import Snapshot

MAX_LICENCE_BYTES = 512 * 1024
#: How far into a source file a licence header may start (REUSE and the Standard's guidance).
HEADER_LINES = 30
HEADER_BYTES = 4096
_SPDX_ID = re.compile(r"SPDX-License-Identifier:\s*([^\n*]+?)\s*(?:\*/|-->|#}|$)", re.MULTILINE)
_COPYRIGHT = re.compile(r"SPDX-FileCopyrightText:|Copyright\b|©|\(c\)\s*\d{4}", re.IGNORECASE)
_MANIFEST_LICENCE_LINE = re.compile(r'^\s*"?licen[cs]e"?\s*[:=]', re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class LicenceFile:
    path: str
    spdx_id: str | None
    matcher: str | None
    confidence: float | None
    line: int | None


@dataclass(frozen=True)
class Declaration:
    """A licence declared somewhere other than a licence file."""

    source: str  # "package.json", "pyproject.toml", "publiccode.yml", ...
    path: str
    line: int | None
    expression: str


@dataclass
class HeaderCoverage:
    source_files: int = 0
    with_licence: int = 0
    with_copyright: int = 0
    covered_by_reuse: int = 0
    missing: list[str] = field(default_factory=list)
    #: Licence ids found in headers, with the first file that uses each.
    header_ids: dict[str, str] = field(default_factory=dict)
    #: Up to five (path, line) places per header licence id, to show where each is declared.
    header_files: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def fully_covered(self) -> int:
        return self.covered_by_reuse + self.with_licence_and_copyright

    with_licence_and_copyright: int = 0

    @property
    def coverage(self) -> float | None:
        if not self.source_files:
            return None
        return self.fully_covered / self.source_files


@dataclass
class LicenceEvidence:
    #: What GitHub's detector would report: an SPDX id, "NOASSERTION", or None (no licence).
    spdx_id: str | None
    matched_path: str | None
    #: Where the detected licence came from: "licence" (a licence file), "readme" or "package".
    matched_kind: str | None
    files: list[LicenceFile]
    licenses_dir: list[LicenceFile]
    declarations: list[Declaration]
    headers: HeaderCoverage
    #: The licence the forge API reported, when gathered.
    api_spdx_id: str | None = None

    def declared_ids(self) -> set[str]:
        ids: set[str] = set()
        for declaration in self.declarations:
            ids |= expression_ids(declaration.expression)
        return ids

    def effective_ids(self) -> set[str]:
        """The licence ids the codebase is published under, from the best source available."""
        if self.spdx_id and self.spdx_id != "NOASSERTION":
            return {self.spdx_id}
        ids = {f.spdx_id for f in self.licenses_dir if f.spdx_id and f.spdx_id != "NOASSERTION"}
        return ids

    def to_facts(self) -> dict:
        effective = sorted(self.effective_ids())
        return {
            "spdx_id": self.spdx_id,
            "matched_file": self.matched_path,
            "matched_kind": self.matched_kind,
            "api_spdx_id": self.api_spdx_id,
            "files": [f.__dict__ for f in self.files],
            "licenses_dir": [f.__dict__ for f in self.licenses_dir],
            "declared": [
                {**d.__dict__, "consistent": (is_consistent(self.spdx_id, d.expression)
                                              if self.spdx_id not in (None, "NOASSERTION")
                                              else None)}
                for d in self.declarations
            ],
            "free": {i: is_free(i) for i in effective},
            "headers": {
                "source_files": self.headers.source_files,
                "with_licence": self.headers.with_licence,
                "with_copyright": self.headers.with_copyright,
                "covered_by_reuse": self.headers.covered_by_reuse,
                "coverage": None if self.headers.coverage is None
                else round(self.headers.coverage, 4),
                "header_ids": self.headers.header_ids,
            },
        }


@collector("licence")
def licence(snapshot: Snapshot) -> LicenceEvidence:
    def read(path: str) -> str | None:
        return snapshot.read_text(path, MAX_LICENCE_BYTES)

    project = detect_project_licence(snapshot.paths, read)
    files = [
        LicenceFile(f.path, f.match.spdx_id, f.match.matcher, f.match.confidence, f.line)
        for f in project.licence_files
    ]
    licenses_dir = []
    for path in snapshot.paths:
        if path.lower().startswith("licenses/") and path.count("/") == 1:
            match = identify(read(path), path.rsplit("/", 1)[-1])
            stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            # REUSE names each file after its SPDX id, which is authoritative even when the text
            # is a variant the detector does not recognise.
            spdx_id = match.spdx_id if match.spdx_id not in (None, "NOASSERTION") else stem
            licenses_dir.append(LicenceFile(path, spdx_id, match.matcher, match.confidence, 1))
    api = snapshot.facts.licence_spdx_id if snapshot.facts.known("licence_spdx_id") else None
    return LicenceEvidence(
        spdx_id=project.spdx_id,
        matched_path=project.matched_file.path if project.matched_file else None,
        matched_kind=project.matched_file.kind if project.matched_file else None,
        files=files,
        licenses_dir=licenses_dir,
        declarations=_declarations(snapshot),
        headers=_headers(snapshot),
        api_spdx_id=api,
    )


def _line_of(text: str, pattern: re.Pattern[str]) -> int | None:
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _declarations(snapshot: Snapshot) -> list[Declaration]:
    found: list[Declaration] = []
    for name in ("package.json", "composer.json"):
        text = snapshot.read_text(name) if snapshot.exists(name) else None
        if not text:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        value = data.get("license") if isinstance(data, dict) else None
        if isinstance(value, list):
            value = " OR ".join(str(v) for v in value)
        if isinstance(value, str) and value.strip():
            found.append(Declaration(name, name, _line_of(text, _MANIFEST_LICENCE_LINE),
                                     value.strip()))
    if snapshot.exists("pyproject.toml"):
        text = snapshot.read_text("pyproject.toml") or ""
        try:
            project = tomllib.loads(text).get("project", {})
        except tomllib.TOMLDecodeError:
            project = {}
        value = project.get("license") if isinstance(project, dict) else None
        if isinstance(value, dict):
            value = value.get("text") if len(str(value.get("text", ""))) < 100 else None
        if isinstance(value, str) and value.strip():
            found.append(Declaration("pyproject.toml", "pyproject.toml",
                                     _line_of(text, _MANIFEST_LICENCE_LINE), value.strip()))
    if snapshot.exists("Cargo.toml"):
        text = snapshot.read_text("Cargo.toml") or ""
        try:
            package = tomllib.loads(text).get("package", {})
        except tomllib.TOMLDecodeError:
            package = {}
        value = package.get("license") if isinstance(package, dict) else None
        if isinstance(value, str) and value.strip():
            found.append(Declaration("Cargo.toml", "Cargo.toml",
                                     _line_of(text, _MANIFEST_LICENCE_LINE), value.strip()))
    document = publiccode(snapshot)
    declared = document.get("legal", "license")
    if isinstance(declared, str) and declared.strip() and document.path:
        found.append(Declaration("publiccode.yml", document.path,
                                 document.key_line("legal") or None, declared.strip()))
    return found


def _reuse_globs(snapshot: Snapshot) -> list[str]:
    """Path patterns that REUSE.toml or .reuse/dep5 license in bulk."""
    globs: list[str] = []
    if snapshot.exists("REUSE.toml"):
        try:
            data = tomllib.loads(snapshot.read_text("REUSE.toml") or "")
        except tomllib.TOMLDecodeError:
            data = {}
        for annotation in data.get("annotations", []) if isinstance(data, dict) else []:
            if not isinstance(annotation, dict) or "SPDX-License-Identifier" not in annotation:
                continue
            paths = annotation.get("path", [])
            globs.extend([paths] if isinstance(paths, str) else [str(p) for p in paths])
    if snapshot.exists(".reuse/dep5"):
        text = snapshot.read_text(".reuse/dep5") or ""
        for stanza in text.split("\n\n"):
            if "License:" in stanza:
                for line in stanza.splitlines():
                    if line.startswith("Files:"):
                        globs.extend(line[len("Files:"):].split())
    return globs


def _headers(snapshot: Snapshot) -> HeaderCoverage:
    coverage = HeaderCoverage()
    globs = _reuse_globs(snapshot)
    entries = snapshot.entries()
    for path in inventory(snapshot).source_files:
        coverage.source_files += 1
        if globs and any(fnmatch.fnmatchcase(path, g.replace("**", "*")) for g in globs):
            coverage.covered_by_reuse += 1
            continue
        if f"{path}.license" in entries:
            coverage.covered_by_reuse += 1
            continue
        head = snapshot.head_text(path, HEADER_BYTES) or ""
        head = "\n".join(head.splitlines()[:HEADER_LINES])
        matches = list(_SPDX_ID.finditer(head))
        ids = [m.group(1) for m in matches]
        has_copyright = bool(_COPYRIGHT.search(head))
        if ids:
            coverage.with_licence += 1
            for match in matches:
                expression = match.group(1).strip()
                line = head.count("\n", 0, match.start()) + 1
                for spdx in expression_ids(expression) or {expression}:
                    coverage.header_ids.setdefault(spdx, path)
                    places = coverage.header_files.setdefault(spdx, [])
                    if len(places) < 5 and all(p != path for p, _ in places):
                        places.append((path, line))
        if has_copyright:
            coverage.with_copyright += 1
        if ids and has_copyright:
            coverage.with_licence_and_copyright += 1
        elif len(coverage.missing) < 10:
            coverage.missing.append(path)
    return coverage
