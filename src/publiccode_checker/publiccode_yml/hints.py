"""Suggestions for common mistakes, attached to results as ``hint`` (never change a verdict)."""

from __future__ import annotations

import difflib

from .schema import PUBLICCODE, Field, Struct
from .yaml_nodes import Mapping, Node, Scalar


def empty_document() -> str:
    return "the file is empty: start with publiccodeYmlVersion: \"0\""


def missing_version(root: Node, version_hint: str | None = None) -> str:
    if isinstance(root, Mapping):
        for key, _ in root.pairs:
            if isinstance(key, Scalar) and key.text in ("publiccode-yaml-version",
                                                        "publiccodeYamlVersion"):
                return f"rename '{key.text}' to 'publiccodeYmlVersion'"
    return f'add publiccodeYmlVersion: "{version_hint or "0"}" at the top of the file'


def quote_version(node: Node) -> str | None:
    if isinstance(node, Scalar) and node.value is not None:
        return f"quote the version: '{node.text}'"
    return None


def unsupported_version(version: str) -> str:
    return "use publiccodeYmlVersion: \"0\" (the latest version of the standard)"


def _struct_at(path: list[str]) -> Struct | None:
    struct: Struct | None = PUBLICCODE
    for part in path:
        if struct is None:
            return None
        name = part.split("[", 1)[0]
        field: Field | None = struct.field(name)
        if field is None:
            if struct is PUBLICCODE.field("description").elem:  # type: ignore[union-attr]
                return None
            return None
        if field.kind == "map" and isinstance(field.elem, Struct):
            struct = field.elem
            continue
        target = field.struct or (field.elem if isinstance(field.elem, Struct) else None)
        struct = target
    return struct


def for_decode_error(kind: str, key: str, root: Node) -> str | None:
    if kind != "unknown" or not key:
        return None
    parts = key.split(".")
    name = parts[-1]
    parent = parts[:-1]
    if parent[:1] == ["description"] and len(parent) >= 2:
        parent = ["description"]
    struct = _struct_at(parent)
    if struct is None:
        return None
    choices = [field.name for field in struct.fields]
    match = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if not match:
        lowered = {choice.lower(): choice for choice in choices}
        if name.lower() in lowered:
            match = [lowered[name.lower()]]
    if match:
        return f"did you mean '{match[0]}'?"
    return None


_ENUM_FIELDS = {
    "developmentStatus": ("concept", "development", "beta", "stable", "obsolete"),
    "softwareType": ("standalone/mobile", "standalone/iot", "standalone/desktop",
                     "standalone/web", "standalone/backend", "standalone/other", "addon",
                     "library", "configurationFiles"),
    "maintenance.type": ("internal", "contract", "community", "none"),
}


def for_rule(key: str, message: str, values: dict) -> str | None:
    if key in _ENUM_FIELDS and "must be one of" in message:
        current = values
        for part in key.split("."):
            current = current.get(part) if isinstance(current, dict) else None
        if isinstance(current, str):
            match = difflib.get_close_matches(current, _ENUM_FIELDS[key], n=1, cutoff=0.5)
            if not match:
                lowered = {choice.lower(): choice for choice in _ENUM_FIELDS[key]}
                if current.lower() in lowered:
                    match = [lowered[current.lower()]]
            if match:
                return f"did you mean '{match[0]}'?"
    if key.startswith("description") and "BCP 47" in message:
        return "use language tags such as 'en', 'it' or 'en-GB' (a hyphen, not an underscore)"
    if "BCP 47" in message:
        return "use language tags such as 'en', 'it' or 'en-GB' (a hyphen, not an underscore)"
    if key.endswith("license") and "valid license" in message:
        return ("use an SPDX expression such as 'MIT' or 'AGPL-3.0-or-later' "
                "(operators in upper case)")
    if "must be an HTTP URL" in message:
        return "write the full address, starting with https://"
    if "ISO 3166-1" in message:
        return "use two-letter country codes such as 'IT' or 'GB' (not 'UK' or 'EU')"
    return None
