"""A real history database (SQLite) filled through ``history.store.record_evaluation``."""

from __future__ import annotations

from pathlib import Path

from publiccode_checker.store import database
from tests.dashboard.fixtures import build_history


def make_history_database(folder: Path) -> str:
    from publiccode_checker.store.history.store import record_evaluation

    url = f"sqlite:///{folder / 'publiccode_checker.store.history.sqlite3'}"
    database.migrate(url)
    with database.session_scope(url) as session:

        def record(evaluation, *, repository, visibility, time, trigger, pull_request):  # type: ignore[no-untyped-def]
            record_evaluation(session, evaluation, repository=repository, trigger=trigger,
                              pull_request=pull_request, visibility=visibility)

        build_history(record)
    return url
