"""The database: SQLite by default, PostgreSQL (or any SQLAlchemy URL) through ``DATABASE_URL``.

Tables are declared on one ``Base`` by the modules listed in ``MODEL_MODULES``; each module owns a
branch of Alembic migrations (``database/migrations/versions``); ``migrate`` upgrades all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///instance/publiccode-checker.sqlite3"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class Base(DeclarativeBase):
    pass


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


_engines: dict[str, Engine] = {}


def get_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url not in _engines:
        _engines[url] = _create(url)
    return _engines[url]


def _create(url: str) -> Engine:
    if url.startswith("postgres://"):  # the scheme some hosting platforms still hand out
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # type: ignore[no-untyped-def]
            # WAL lets the web process read while a worker writes; foreign keys are off by default.
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def ping(url: str | None = None) -> None:
    """Raise when the database cannot answer a trivial query (for health checks)."""
    with session_scope(url) as session:
        session.execute(text("SELECT 1"))


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


_sessionmakers: dict[str, sessionmaker[Session]] = {}


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block succeeds and rolls back when it raises."""
    engine = get_engine(url)
    key = str(engine.url)
    if key not in _sessionmakers:
        _sessionmakers[key] = sessionmaker(bind=engine, expire_on_commit=False)
    session = _sessionmakers[key]()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def migrate(url: str | None = None) -> None:
    """Bring the schema up to date (every migration branch)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    get_engine(url)  # creates the SQLite folder when needed
    command.upgrade(config, "heads")
