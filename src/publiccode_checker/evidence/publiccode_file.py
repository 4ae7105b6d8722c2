"""The repository's publiccode.yml: where it is, what it declares, and what the validator says."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from publiccode_checker.evidence import collector
from publiccode_checker.snapshots import Snapshot

CANDIDATES = ("publiccode.yml", "publiccode.yaml")
MAX_PUBLICCODE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ValidatorResult:
    type: str  # "error" | "warning"
    key: str
    message: str
    line: int
    column: int
    hint: str | None = None


@dataclass
class PubliccodeFile:
    path: str | None
    #: The parsed mapping (None when missing or unparsable).
    document: dict[str, Any] | None = None
    version: str | None = None
    results: list[ValidatorResult] = field(default_factory=list)
    #: None when the validator could not run (then ``problem`` says why).
    valid: bool | None = None
    problem: str | None = None

    @property
    def errors(self) -> list[ValidatorResult]:
        return [r for r in self.results if r.type == "error"]

    def get(self, *keys: str) -> Any:
        """A nested value, e.g. ``get("legal", "license")``; None when absent."""
        node: Any = self.document
        for key in keys:
            if not isinstance(node, dict):
                return None
            node = node.get(key)
        return node

    def key_line(self, key: str) -> int | None:
        """Line of the first result about ``key``, or of the key in the file when we can tell."""
        for result in self.results:
            if result.key == key or result.key.startswith(key + "."):
                return result.line
        return self._lines.get(key)

    _lines: dict[str, int] = field(default_factory=dict, repr=False)

    def to_facts(self) -> dict:
        return {
            "path": self.path,
            "version": self.version,
            "valid": self.valid,
            "errors": len(self.errors),
            "warnings": len(self.results) - len(self.errors),
            "development_status": self.get("developmentStatus"),
            "software_version": self.get("softwareVersion"),
            "legal_license": self.get("legal", "license"),
            "url": self.get("url"),
            "problem": self.problem,
        }


@collector("publiccode_yml")
def publiccode(snapshot: Snapshot) -> PubliccodeFile:
    path = next((p for p in CANDIDATES if snapshot.exists(p)), None)
    if path is None:
        return PubliccodeFile(path=None)
    data = snapshot.read_bytes(path, MAX_PUBLICCODE_BYTES)
    if data is None:
        return PubliccodeFile(path=path, valid=False,
                              problem="the file is too large or cannot be read")
    try:
        from publiccode_checker.publiccode_yml import validate
    except ImportError:  # the validator is an optional part of a minimal install
        return _fallback(path, data)
    root = getattr(snapshot, "root", None)
    report = validate(data, network=False, external_checks=False, base_dir=root)
    results = [
        ValidatorResult(r.type, r.key, r.message, r.line, r.column, getattr(r, "hint", None))
        for r in report.results
    ]
    document = report.document if isinstance(report.document, dict) else None
    return PubliccodeFile(path=path, document=document, version=report.version,
                          results=results, valid=report.valid, _lines=_top_level_lines(data))


def _fallback(path: str, data: bytes) -> PubliccodeFile:
    import yaml

    try:
        document = yaml.safe_load(data.decode("utf-8", errors="replace"))
    except yaml.YAMLError as exc:
        return PubliccodeFile(path=path, valid=False, problem=f"invalid YAML: {exc}")
    if not isinstance(document, dict):
        return PubliccodeFile(path=path, valid=False, problem="not a YAML mapping")
    version = document.get("publiccodeYmlVersion")
    return PubliccodeFile(path=path, document=document,
                          version=str(version) if version is not None else None,
                          problem="the publiccode.yml validator is not installed",
                          _lines=_top_level_lines(data))


def _top_level_lines(data: bytes) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, raw in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if raw[:1].isalpha() and ":" in raw:
            lines.setdefault(raw.split(":", 1)[0].strip(), number)
    return lines
