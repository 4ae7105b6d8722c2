"""Shared test fixtures.

Conformance suites read reference material kept beside the project checkout (a folder named
``shared`` next to it, or wherever ``PUBLICCODE_CHECKER_REFERENCE`` points). When it is absent the
suites skip instead of failing, so the unit tests still run anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def reference_dir() -> Path:
    configured = os.environ.get("PUBLICCODE_CHECKER_REFERENCE")
    return Path(configured) if configured else PROJECT_ROOT.parent / "shared"


def require_reference(*parts: str) -> Path:
    """Return a path inside the reference folder, or skip the calling test if it is missing."""
    path = reference_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data not available: {path}")
    return path
