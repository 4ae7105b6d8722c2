"""Every history test runs against SQLite and against a real PostgreSQL server (skipped when no
server can be started: see ``postgres_server``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from publiccode_checker.store import database
from tests.history.postgres_server import PostgresServer, unavailable_reason

START = datetime(2027, 1, 1, 6, 0, tzinfo=UTC)


def day(n: int, hours: int = 0) -> datetime:
    return START + timedelta(days=n, hours=hours)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL not available: {reason}")
    server = PostgresServer()
    try:
        server.start()
    except Exception as exc:  # a broken local installation is a skip, not a failure
        server.stop()
        pytest.skip(f"PostgreSQL could not be started: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'publiccode_checker.store.history.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_server").new_database()
    database.migrate(url)
    yield url
    database.dispose_engines()


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    factory = sessionmaker(bind=database.get_engine(db_url), expire_on_commit=False)
    with factory() as session:
        yield session
        session.rollback()
