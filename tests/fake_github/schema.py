"""Validates request bodies against GitHub's OpenAPI description, when it is available.

The description is OpenAPI 3.0 (``nullable`` instead of JSON Schema's ``"null"`` type), so it is
converted once per process and then validated with ``jsonschema``, resolving ``$ref`` pointers
against the whole document.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

OPENAPI_FILE = "github/api.github.com.json"


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _convert(v) for k, v in node.items() if k not in ("example", "examples")}
    if out.pop("nullable", False):
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif "type" not in out and ("$ref" in out or "allOf" in out or "oneOf" in out
                                    or "anyOf" in out):
            out = {"anyOf": [out, {"type": "null"}]}
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


@functools.cache
def _load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        spec = json.load(handle)
    return {"paths": _convert(spec["paths"]), "components": _convert(spec["components"])}


class BodyValidator:
    """``errors(method, template, body)`` lists schema violations (empty when valid)."""

    def __init__(self, openapi_path: Path) -> None:
        from jsonschema import Draft4Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4

        self._spec = _load(str(openapi_path))
        resource = Resource.from_contents(self._spec, default_specification=DRAFT4)
        self._registry = Registry().with_resource("urn:github-openapi", resource)
        self._validator_class = Draft4Validator
        self._cache: dict[tuple[str, str], Any] = {}

    def has_operation(self, method: str, template: str) -> bool:
        return method.lower() in self._spec["paths"].get(template, {})

    def errors(self, method: str, template: str, body: Any) -> list[str]:
        key = (method.lower(), template)
        if key not in self._cache:
            operation = self._spec["paths"][template][method.lower()]
            request = operation.get("requestBody") or {}
            content = request.get("content", {}).get("application/json")
            if content is None:
                self._cache[key] = None
            else:
                pointer = "/".join(
                    p.replace("~", "~0").replace("/", "~1")
                    for p in ("paths", template, method.lower(), "requestBody", "content",
                              "application/json", "schema")
                )
                self._cache[key] = self._validator_class(
                    {"$ref": f"urn:github-openapi#/{pointer}"}, registry=self._registry
                )
        validator = self._cache[key]
        if validator is None:
            return []
        found = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
        return [f"{'/'.join(map(str, e.absolute_path)) or '<body>'}: {e.message}"
                for e in found]


def template_for(path: str, templates: list[str]) -> str | None:
    """The OpenAPI path template matching a concrete path."""
    for template in templates:
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            return template
    return None
