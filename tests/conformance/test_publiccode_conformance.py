"""The validator's offline results against the reference parser's, entry by entry.

Each entry of expected.json holds what the reference CLI printed with --no-network for one file
(type, key, message, line, column, in order). ``{cwd}`` in messages stands for the folder that
holds expected.json. The reference embeds the iPA list, so its offline verdicts on iPA codes need
one: the copy next to the conformance data is used.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from publiccode_checker.publiccode_yml import validate
from tests.conftest import reference_dir, require_reference

_EXPECTED = reference_dir() / "conformance" / "publiccode" / "expected.json"
_ENTRIES = json.loads(_EXPECTED.read_text(encoding="utf-8")) if _EXPECTED.exists() else []


def _observed(entry_index: int) -> tuple[list[dict], list[dict]]:
    root = require_reference("conformance", "publiccode")
    ipa = require_reference("data", "publiccode", "ipa_codes.txt")
    entry = _ENTRIES[entry_index]
    path = (root / entry["file"]).resolve()
    report = validate(path.read_bytes(), base_dir=path.parent, ipa_codes_path=ipa)
    got = [
        {
            "type": result.type,
            "key": result.key,
            "message": result.message.replace(str(root.resolve()), "{cwd}"),
            "line": result.line,
            "column": result.column,
        }
        for result in report.results
    ]
    return got, entry["observed_no_network"]


@pytest.mark.parametrize(
    "entry_index",
    range(len(_ENTRIES)) or [pytest.param(0, marks=pytest.mark.skip("no reference data"))],
    ids=[f"{i}:{Path(e['file']).name}" for i, e in enumerate(_ENTRIES)] or None,
)
def test_entry_matches_reference(entry_index: int) -> None:
    got, want = _observed(entry_index)
    assert got == want


def test_total_matches() -> None:
    require_reference("conformance", "publiccode")
    matching = 0
    for index in range(len(_ENTRIES)):
        got, want = _observed(index)
        matching += got == want
    print(f"publiccode.yml conformance: {matching}/{len(_ENTRIES)} entries match the reference")
    assert len(_ENTRIES) == 335
    assert matching == len(_ENTRIES)
