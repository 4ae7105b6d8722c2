"""Time the history read API on an organisation with a year of daily evaluations.

Loads 1,000 repositories x 365 daily evaluations of the Standard for Public Code (111
requirements each) through ``history.bulk`` (the same rows as ``record_evaluation``). Days are
realistic: most change nothing, now and then a requirement flips, commits move on some days,
about half of the evidence is specific to the repository, a fifth of the repositories are
private. Then it times:

* ``organisation_overview`` of the whole organisation (target < 300 ms),
* ``repository_trend`` + ``repository_timeline`` of one repository (target < 100 ms),
* ``verdicts_at`` at a time in the middle of the year,
* the rendered organisation and repository pages of the dashboard (server time),

and reports the storage used: the SQLite file, and PostgreSQL when a server can be started (see
``tests/history/postgres_server.py``; ``--no-postgres`` skips it).

Usage: python benchmarks/bench_history.py [--repos 1000] [--days 365] [--no-postgres]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORGANISATION = "bench"
START = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
OVERVIEW_TARGET_MS = 300
REPOSITORY_TARGET_MS = 100


def generate(repos: int, days: int, seed: int = 1) -> Iterator[list]:
    """Per repository, its year of evaluations (as ``BulkItem``), in time order."""
    from publiccode_checker.criteria.profiles import load_profile
    from publiccode_checker.store.history.bulk import BulkItem
    from publiccode_checker.store.history.synthetic import evaluation_from_verdicts

    profile = load_profile("sfpc")
    ids = [r.id for r in profile.requirements]
    rng = random.Random(seed)
    for index in range(repos):
        name = f"{ORGANISATION}/repo-{index:04d}"
        visibility = "private" if rng.random() < 0.2 else "public"
        verdicts = {rid: rng.choices(["pass", "fail", "warn", "manual"], [70, 10, 10, 10])[0]
                    for rid in ids}
        specific = set(rng.sample(ids, len(ids) // 2))

        def build(at: datetime, verdicts: dict[str, str], name: str = name,
                  specific: set[str] = specific) -> object:
            messages = {rid: f"{name}: {rid} {v}" for rid, v in verdicts.items()
                        if rid in specific}
            return evaluation_from_verdicts(profile, verdicts, evaluated_at=at,
                                            messages=messages, target=name)

        evaluation = build(START, verdicts)
        commit = hashlib.sha1(name.encode()).hexdigest()
        items = []
        for day in range(days):
            at = START + timedelta(days=day, minutes=rng.randrange(60))
            if day and rng.random() < 0.04:  # about one change a month
                for rid in rng.sample(ids, rng.choice([1, 1, 2])):
                    verdicts[rid] = rng.choice(["pass", "fail", "warn"])
                evaluation = build(at, verdicts)
            if day == 0 or rng.random() < 0.3:
                commit = hashlib.sha1(f"{name}{day}".encode()).hexdigest()
            items.append(BulkItem(
                dataclasses.replace(evaluation, evaluated_at=at, commit=commit), name,
                trigger="schedule", ref="refs/heads/main", visibility=visibility,
                recorded_at=at + timedelta(seconds=40),
            ))
        yield items


def load(url: str, repos: int, days: int) -> float:
    from publiccode_checker.store import database
    from publiccode_checker.store.history.bulk import bulk_record

    database.migrate(url)
    started = time.perf_counter()
    batch: list = []
    for items in generate(repos, days):
        batch += items
        if len(batch) >= 20 * days:
            with database.session_scope(url) as session:
                bulk_record(session, batch)
            batch = []
    if batch:
        with database.session_scope(url) as session:
            bulk_record(session, batch)
    return time.perf_counter() - started


def timed(function: Callable[[], object], rounds: int = 7) -> tuple[float, object]:
    durations = []
    result = None
    for _ in range(rounds):
        began = time.perf_counter()
        result = function()
        durations.append((time.perf_counter() - began) * 1000)
    return statistics.median(durations), result


def measure(url: str, repos: int, days: int) -> dict[str, float]:
    from publiccode_checker.store import database
    from publiccode_checker.store.history import queries

    repository = f"{ORGANISATION}/repo-{repos // 2:04d}"
    middle = START + timedelta(days=days // 2, hours=12)
    with database.session_scope(url) as session:
        overview_ms, rows = timed(lambda: queries.organisation_overview(
            session, organisation=ORGANISATION, profile_id="sfpc"))
        private_ms, everything = timed(lambda: queries.organisation_overview(
            session, organisation=ORGANISATION, profile_id="sfpc", include_private=True))
        repository_ms, (trend, timeline) = timed(lambda: (
            queries.repository_trend(session, repository=repository, profile_id="sfpc"),
            queries.repository_timeline(session, repository=repository, profile_id="sfpc")))
        current_ms, _ = timed(lambda: queries.repository_current(
            session, repository=repository, profile_id="sfpc"))
        at_ms, verdicts = timed(lambda: queries.verdicts_at(
            session, repository=repository, profile_id="sfpc", at=middle))
    assert len(verdicts) == 111 and len(trend) == days  # type: ignore[arg-type]
    print(f"  organisation_overview: {overview_ms:7.1f} ms ({len(rows)} public rows; "  # type: ignore[arg-type]
          f"with private {private_ms:.1f} ms, {len(everything)} rows)")  # type: ignore[arg-type]
    print(f"  trend + timeline:      {repository_ms:7.1f} ms ({len(trend)} points, "  # type: ignore[arg-type]
          f"{len(timeline)} changes)")  # type: ignore[arg-type]
    print(f"  repository_current:    {current_ms:7.1f} ms")
    print(f"  verdicts_at:           {at_ms:7.1f} ms")
    # Anonymous visitors see public repositories only, so time the page of a public one.
    public = rows[len(rows) // 2].repository  # type: ignore[index, union-attr]
    org_page_ms, repo_page_ms = measure_pages(url, public)
    print(f"  organisation page:     {org_page_ms:7.1f} ms (rendered HTML, median of 3)")
    print(f"  repository page:       {repo_page_ms:7.1f} ms (rendered HTML, median of 3)")
    return {"overview": max(overview_ms, org_page_ms), "repository": repository_ms}


def measure_pages(url: str, repository: str) -> tuple[float, float]:
    """Server time of the rendered organisation and repository pages (Flask test client)."""
    from flask import Flask

    from publiccode_checker.web.dashboard import register_dashboard

    app = Flask("bench")
    app.config.update(DATABASE_URL=url, SECRET_KEY="bench")
    register_dashboard(app)
    client = app.test_client()

    def page(path: str) -> float:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        return statistics.median(timings)

    return page(f"/orgs/{ORGANISATION}"), page(f"/repos/{repository}")


def counts(url: str) -> str:
    from sqlalchemy import func, select

    from publiccode_checker.store import database
    from publiccode_checker.store.history.models import (
        HistoryEvaluation,
        HistoryEvidence,
        HistoryOutcome,
        HistoryRequirementRun,
    )

    with database.session_scope(url) as session:
        parts = [f"{model.__tablename__}={session.scalar(select(func.count()).select_from(model))}"
                 for model in (HistoryEvaluation, HistoryRequirementRun, HistoryEvidence,
                               HistoryOutcome)]
    return ", ".join(parts)


def run_sqlite(folder: Path, repos: int, days: int) -> dict[str, float]:
    from publiccode_checker.store import database

    path = folder / "publiccode_checker.store.history.sqlite3"
    url = f"sqlite:///{path}"
    seconds = load(url, repos, days)
    print(f"SQLite: loaded {repos} x {days} evaluations in {seconds:.1f} s ({counts(url)})")
    with database.get_engine(url).connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.exec_driver_sql("ANALYZE")
    print(f"  file size: {path.stat().st_size / 1e6:.1f} MB")
    return measure(url, repos, days)


def run_postgres(repos: int, days: int) -> dict[str, float] | None:
    from sqlalchemy import text

    from publiccode_checker.store import database
    from tests.history.postgres_server import PostgresServer, unavailable_reason

    reason = unavailable_reason()
    if reason:
        print(f"PostgreSQL skipped: {reason}")
        return None
    server = PostgresServer()
    try:
        server.start()
        url = server.new_database()
        seconds = load(url, repos, days)
        print(f"PostgreSQL: loaded in {seconds:.1f} s ({counts(url)})")
        with database.get_engine(url).connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM ANALYZE"))
            size = connection.execute(text(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "WHERE c.relkind = 'r' AND c.relname LIKE 'history_%'")).scalar()
        print(f"  history tables incl. indexes and TOAST: {int(size or 0) / 1e6:.1f} MB")
        return measure(url, repos, days)
    finally:
        database.dispose_engines()
        server.stop()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="pcc-bench-history-") as folder:
        results.append(run_sqlite(Path(folder), args.repos, args.days))
    if not args.no_postgres:
        found = run_postgres(args.repos, args.days)
        if found:
            results.append(found)
    ok = all(r["overview"] < OVERVIEW_TARGET_MS and r["repository"] < REPOSITORY_TARGET_MS
             for r in results)
    print(f"targets: overview < {OVERVIEW_TARGET_MS} ms, trend + timeline < "
          f"{REPOSITORY_TARGET_MS} ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
