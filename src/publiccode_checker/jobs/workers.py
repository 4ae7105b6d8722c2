"""Worker registry: each worker process heartbeats, so the reaper can tell live from dead.

A worker is dead when its heartbeat is stale, or at once when it ran on this host and its process
is gone (a worker killed with SIGKILL leaves no chance to clean up).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from publiccode_checker.store.database import session_scope
from publiccode_checker.store.database.service_models import Worker, utcnow

HEARTBEAT_SECONDS = 10.0
STALE_AFTER = timedelta(seconds=45)

_identity: str | None = None


def host() -> str:
    return socket.gethostname()


def current_worker_id() -> str:
    """This process's worker id: host, pid and start time (so a reused pid is a new worker)."""
    global _identity
    if _identity is None:
        _identity = f"{host()}:{os.getpid()}:{int(time.time() * 1000)}"
    return _identity


def register(worker_id: str | None = None) -> str:
    worker_id = worker_id or current_worker_id()
    with session_scope() as session:
        now = utcnow()
        row = session.get(Worker, worker_id)
        if row is None:
            session.add(Worker(id=worker_id, host=host(), pid=os.getpid(), started_at=now,
                               last_seen=now))
        else:
            row.last_seen = now
    return worker_id


def beat(worker_id: str) -> None:
    with session_scope() as session:
        updated = session.execute(update(Worker).where(Worker.id == worker_id)
                                  .values(last_seen=utcnow())).rowcount
    if not updated:  # forgotten while this process was paused (stopped, swapped out): come back
        register(worker_id)


def unregister(worker_id: str) -> None:
    with session_scope() as session:
        session.execute(delete(Worker).where(Worker.id == worker_id))


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child not yet waited for is a zombie: gone for our purposes
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True


def classify(now: datetime | None = None) -> tuple[set[str], set[str]]:
    """(live, dead) worker ids among those registered."""
    now = now or utcnow()
    here = host()
    alive: set[str] = set()
    dead: set[str] = set()
    with session_scope() as session:
        for row in session.scalars(select(Worker)):
            stale = row.last_seen < now - STALE_AFTER
            gone = row.host == here and row.pid != os.getpid() and not process_alive(row.pid)
            (dead if stale or gone else alive).add(row.id)
    return alive, dead


def forget(dead: set[str]) -> None:
    if dead:
        with session_scope() as session:
            session.execute(delete(Worker).where(Worker.id.in_(dead)))


class Heartbeat(threading.Thread):
    """Keeps this worker's record fresh and runs ``also`` (the reaper) every few beats."""

    def __init__(self, worker_id: str, also: object = None, every_beats: int = 3) -> None:
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.also = also
        self.every_beats = every_beats
        self.stopped = threading.Event()

    def run(self) -> None:
        import logging

        log = logging.getLogger(__name__)
        beats = 0
        while not self.stopped.wait(HEARTBEAT_SECONDS):
            beats += 1
            try:
                beat(self.worker_id)
                if callable(self.also) and beats % self.every_beats == 0:
                    self.also()
            except Exception:  # a database hiccup must not stop the heartbeat for good
                log.exception("heartbeat failed")

    def stop(self) -> None:
        self.stopped.set()
