"""Keeps normalised licence templates on disk between runs.

Normalising the bundled licence texts costs a few hundred milliseconds, paid by every process
that identifies a licence. The result only changes when the data or the normaliser changes, so
it is cached under the user's cache folder, keyed by both. A cache that cannot be read or
written is simply skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from publiccode_checker.licensing import normalize
from publiccode_checker.licensing.catalog import DATA_FILE


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "publiccode-checker"


def _key() -> str:
    digest = hashlib.sha256()
    digest.update(DATA_FILE.read_bytes())
    digest.update(Path(normalize.__file__).read_bytes())
    return digest.hexdigest()[:20]


def cached_normalised(texts: dict[str, str], compute: Callable[[str], str]) -> dict[str, str]:
    """``{key: compute(text)}`` for every template, from the cache when it is current."""
    if os.environ.get("PUBLICCODE_CHECKER_NO_CACHE"):
        return {key: compute(text) for key, text in texts.items()}
    try:
        path = _cache_dir() / f"licence-templates-{_key()}.json"
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and set(cached) == set(texts):
            return cached
    except (OSError, ValueError):
        pass
    result = {key: compute(text) for key, text in texts.items()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False,
                                         encoding="utf-8", suffix=".tmp") as handle:
            json.dump(result, handle)
        os.replace(handle.name, path)
    except (OSError, NameError):
        pass
    return result
