"""An index of the tree's own paths (no vendored code), by extension, name and folder.

Checks look for a few kinds of files among thousands; asking the index for an extension or a
name and testing only those candidates keeps that cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.files import is_fixture_path, is_vendored
from publiccode_checker.snapshots import Snapshot


@dataclass
class PathIndex:
    """Paths outside vendored trees, by extension and by name, built once per snapshot.

    Checks look for a few kinds of files among thousands; asking the index for an extension or a
    name and testing only those candidates keeps that cheap.
    """

    own: list[str]
    by_ext: dict[str, list[str]]
    by_name: dict[str, list[str]]
    by_parent: dict[str, list[str]]
    directories: list[str]

    def with_ext(self, *extensions: str) -> list[str]:
        found: list[str] = []
        for ext in extensions:
            found.extend(self.by_ext.get(ext, ()))
        return sorted(found)

    def named(self, *names: str) -> list[str]:
        found: list[str] = []
        for name in names:
            found.extend(self.by_name.get(name, ()))
        return sorted(found)


@memoised
def path_index(snapshot: Snapshot) -> PathIndex:
    vendored_dirs: dict[str, bool] = {}
    own: list[str] = []
    by_ext: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    by_parent: dict[str, list[str]] = {}
    for path in snapshot.paths:
        directory, _, name = path.rpartition("/")
        if directory not in vendored_dirs:
            vendored_dirs[directory] = bool(directory) and is_vendored(directory + "/x")
        if vendored_dirs[directory] or is_vendored(name):
            continue
        own.append(path)
        by_parent.setdefault(directory, []).append(path)
        lower = name.lower()
        by_name.setdefault(lower, []).append(path)
        if "." in lower:
            by_ext.setdefault(lower.rsplit(".", 1)[1], []).append(path)
    directories = sorted(d for d in snapshot.directories if not is_vendored(d + "/x"))
    result = PathIndex(own, by_ext, by_name, by_parent, directories)
    return result


# "oas" (OpenAPI Specification) and "api-spec" are common names besides openapi/swagger.
_API_SPEC = re.compile(
    r"(^|/)(openapi|swagger|asyncapi|oas\d?|api[-_]?spec)[^/]*\.(ya?ml|json)$|"
    r"\.(openapi|swagger|oas\d?)\.(ya?ml|json)$|\.(graphqls?|gql|proto|xsd|wsdl|raml)$",
    re.IGNORECASE,
)


_SPEC_EXTENSIONS = ("yml", "yaml", "json", "graphql", "graphqls", "gql", "proto", "xsd", "wsdl",
                    "raml")


@memoised
def api_spec_files(snapshot: Snapshot) -> list[str]:
    """Interface descriptions (OpenAPI, AsyncAPI, GraphQL, protobuf, XSD, WSDL, RAML)."""
    candidates = path_index(snapshot).with_ext(*_SPEC_EXTENSIONS)
    return [
        p for p in candidates if _API_SPEC.search(p) and not is_fixture_path(p)
        and not p.startswith(".")  # .github/workflows/oas.yml runs checks, it is no spec
    ]
