"""The durable queue: huey on SQLite (embedded, one machine) or on Redis (several machines).

The huey instance is built lazily from the settings, so tests and the command line can choose
the storage before anything is enqueued.
"""

from __future__ import annotations

import threading
from typing import Any

from huey import Huey, PriorityRedisHuey, SqliteHuey
from huey.storage import SqliteStorage

from publiccode_checker.settings import Settings, current_settings

QUEUE_NAME = "publiccode-checker"

_lock = threading.Lock()
_huey: Huey | None = None


class _QueueStorage(SqliteStorage):
    """SQLite queue storage that flushes to disk at checkpoints, not at every commit.

    The database, not the queue, is the record of work: deliveries and jobs are stored there
    with full durability before they are queued, and the reaper queues again whatever the queue
    lost. WAL with ``synchronous=NORMAL`` survives a killed process and never corrupts; only a
    power failure can drop recent entries, which the reaper then restores.
    """

    def _create_connection(self):  # type: ignore[no-untyped-def]
        connection = super()._create_connection()
        connection.execute("pragma synchronous=1")
        return connection


def build_huey(settings: Settings) -> Huey:
    """A huey instance for the settings; results are not kept (jobs record state themselves)."""
    if settings.redis_url:
        # The priority variant: pull-request feedback must overtake an org-wide backfill.
        return PriorityRedisHuey(QUEUE_NAME, url=settings.redis_url, results=False, utc=True,
                                 blocking=True, read_timeout=1)
    settings.queue_file.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=str(settings.queue_file), results=False, utc=True,
                      timeout=30, storage_class=_QueueStorage)


def get_huey() -> Huey:
    """The process's queue. ``tasks`` registers the tasks on it before it enqueues or consumes."""
    global _huey
    with _lock:
        if _huey is None:
            _huey = build_huey(current_settings())
        return _huey


def use_huey(huey: Huey | None) -> Huey | None:
    """Use ``huey`` from now on (None: build from the settings on next use)."""
    global _huey
    with _lock:
        _huey = huey
        return _huey


def backend_name(huey: Huey) -> str:
    return "redis" if isinstance(huey, PriorityRedisHuey) else type(huey).__name__.lower()


def queue_state() -> dict[str, Any]:
    """For the health check: raises when the queue cannot be reached."""
    huey = get_huey()
    return {"backend": backend_name(huey), "pending": huey.pending_count(),
            "scheduled": huey.scheduled_count()}
