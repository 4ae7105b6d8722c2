"""Project licence detection agrees with GitHub's detector on its own fixture repositories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from publiccode_checker.licensing.project import decode_text, detect_project_licence
from tests.conftest import reference_dir, require_reference


def _fixture_names() -> list[str]:
    fixtures = reference_dir() / "conformance" / "licensee" / "fixtures"
    if not fixtures.is_dir():
        return ["(reference data missing)"]
    return sorted(p.name for p in fixtures.iterdir() if p.is_dir())


def _expected(base: Path) -> dict[str, str | None]:
    raw = json.loads((base / "expected.json").read_text(encoding="utf-8"))
    return {name: (None if value in (None, "NONE") else value) for name, value in raw.items()}


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("fixture", _fixture_names())
def test_fixture_licence(fixture: str) -> None:
    base = require_reference("conformance", "licensee")
    root = base / "fixtures" / fixture
    expected = _expected(base)
    assert fixture in expected, f"no expectation for {fixture}"

    def read_text(path: str) -> str | None:
        return decode_text((root / path).read_bytes())

    result = detect_project_licence(_tree(root), read_text)
    assert result.spdx_id == expected[fixture]
