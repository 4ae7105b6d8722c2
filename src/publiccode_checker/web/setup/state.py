"""The one-time ``state`` that ties GitHub's redirect back to the set-up page that sent it.

Kept in the instance folder (0600) rather than in memory, since the redirect may reach another
web process than the one that rendered the page.
"""

from __future__ import annotations

import hmac
import os
import secrets
import stat
import time
from pathlib import Path

STATE_FILE = "setup-state"
LIFETIME_SECONDS = 3600


def new_state(instance_path: Path) -> str:
    instance_path.mkdir(parents=True, exist_ok=True)
    path = instance_path / STATE_FILE
    existing = _read(path)
    if existing is not None:
        return existing  # several open set-up pages must all keep working
    value = secrets.token_urlsafe(24)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(f"{int(time.time())} {value}")
    return value


def check_state(instance_path: Path, value: str | None) -> bool:
    expected = _read(instance_path / STATE_FILE)
    return bool(value and expected and hmac.compare_digest(expected.encode(), value.encode()))


def clear_state(instance_path: Path) -> None:
    (instance_path / STATE_FILE).unlink(missing_ok=True)


def _read(path: Path) -> str | None:
    try:
        created, value = path.read_text(encoding="ascii").split()
    except (OSError, ValueError):
        return None
    if time.time() - int(created) > LIFETIME_SECONDS:
        return None
    return value
