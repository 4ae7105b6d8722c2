"""Fixtures for the service's tests (a pytest plugin: ``pytest_plugins = ("tests.e2e.fixtures",)``).

``service_db`` gives each test an empty database with the service's tables, built by the
service's own migration; ``settings`` configures a GitHub App; ``memory_queue`` an in-memory queue.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from huey import MemoryHuey

from publiccode_checker.settings import Settings, use_settings
from publiccode_checker.store import database
from tests.e2e.doubles import SECRET


@pytest.fixture
def service_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'service.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    database.dispose_engines()
    database.migrate(url)
    yield url
    database.dispose_engines()


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    value = Settings(app_id="4242", private_key_pem="-----BEGIN RSA PRIVATE KEY-----",
                     webhook_secret=SECRET, app_slug="publiccode-checker",
                     public_url="https://checker.example", instance_path=tmp_path / "instance")
    use_settings(value)
    yield value
    use_settings(None)


@pytest.fixture
def memory_queue() -> Iterator[MemoryHuey]:
    from publiccode_checker.jobs.queue import use_huey

    huey = MemoryHuey("test", results=False, utc=True)
    use_huey(huey)
    yield huey
    use_huey(None)


