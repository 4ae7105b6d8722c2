"""Group commit for accepted deliveries: many requests, one durable write, one queue entry.

Each stored delivery must be on disk and queued before it is answered 202. Doing that per request
costs two synchronous disk flushes (database and queue), and requests would wait in line for the
write lock. Instead, one writer thread per web process takes every delivery waiting at that moment,
stores them in one transaction and queues one task that routes them all; the requests wait for
their batch and answer from its result.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from dataclasses import dataclass, field

from publiccode_checker.jobs import tasks
from publiccode_checker.store import deliveries

log = logging.getLogger(__name__)

MAX_BATCH = 200
#: Well inside GitHub's 10 seconds: past this the request is answered 503 and GitHub may retry.
WAIT_SECONDS = 8.0


class IntakeError(RuntimeError):
    """The delivery could not be stored and queued; the request should answer 503."""


@dataclass
class Pending:
    guid: str
    event: str
    action: str | None
    installation_id: int | None
    repository: str | None
    body: bytes
    done: threading.Event = field(default_factory=threading.Event)
    #: "accepted", "duplicate" or "failed"
    result: str = "failed"


class Intake:
    def __init__(self) -> None:
        self._queue: queue.Queue[Pending] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def submit(self, pending: Pending) -> str:
        """Store and queue ``pending``; "accepted" or "duplicate", else ``IntakeError``."""
        self._ensure_writer()
        self._queue.put(pending)
        if not pending.done.wait(WAIT_SECONDS) or pending.result == "failed":
            raise IntakeError(f"delivery {pending.guid} was not stored")
        return pending.result

    def _ensure_writer(self) -> None:
        # Started lazily and per process: a thread does not survive gunicorn's fork.
        with self._lock:
            if self._thread is None or not self._thread.is_alive() or self._pid != os.getpid():
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name="delivery-intake",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                commit(batch)
            except Exception:
                log.exception("could not store %d deliveries", len(batch))
                for pending in batch:
                    pending.result = "failed"
            for pending in batch:
                pending.done.set()


def commit(batch: list[Pending]) -> None:
    """Store the batch (duplicates by GUID are marked, not stored) and queue the new ones."""
    stored = deliveries.record_batch([
        deliveries.NewDelivery(p.guid, p.event, p.action, p.installation_id, p.repository,
                               p.body) for p in batch])
    for pending, new in zip(batch, stored, strict=True):
        pending.result = "accepted" if new else "duplicate"
    fresh = [p.guid for p in batch if p.result == "accepted"]
    if not fresh:
        return
    try:
        tasks.enqueue_routes(fresh)
    except Exception:
        log.exception("could not queue %d deliveries", len(fresh))
        try:
            for guid in fresh:
                deliveries.forget(guid)
        except Exception:
            # Stored but not queued: the reaper queues unrouted deliveries, so none is lost.
            log.exception("could not drop unqueued deliveries")
            return
        for pending in batch:
            if pending.result == "accepted":
                pending.result = "failed"


_intake = Intake()


def submit(pending: Pending) -> str:
    return _intake.submit(pending)
