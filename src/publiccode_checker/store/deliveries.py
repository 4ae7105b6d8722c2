"""The delivery store: every delivery we acknowledge is written here first, keyed by its GUID.

The primary key on the GUID is the de-duplication: a redelivery keeps the GUID of the original, so
its insert fails and the delivery is answered without being processed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from publiccode_checker.store.database import get_engine, session_scope
from publiccode_checker.store.database.service_models import Delivery, utcnow


@dataclass(frozen=True)
class NewDelivery:
    guid: str
    event: str
    action: str | None
    installation_id: int | None
    repository: str | None
    body: bytes


def record_batch(batch: Sequence[NewDelivery]) -> list[bool]:
    """Store many deliveries in one transaction; per delivery, whether it was new (a GUID seen
    before, in the database or earlier in the batch, is a redelivery and is not stored again)."""
    insert = postgresql_insert if get_engine().dialect.name == "postgresql" else sqlite_insert
    seen: set[str] = set()
    stored: list[bool] = []
    with session_scope() as session:
        now = utcnow()
        for delivery in batch:
            if delivery.guid in seen:
                stored.append(False)
                continue
            seen.add(delivery.guid)
            statement = insert(Delivery).values(
                guid=delivery.guid, event=delivery.event, action=delivery.action,
                installation_id=delivery.installation_id, repository=delivery.repository,
                body=delivery.body.decode("utf-8", errors="replace"), state="received",
                received_at=now,
            ).on_conflict_do_nothing(index_elements=["guid"])
            stored.append(session.execute(statement).rowcount == 1)
    return stored


def record(guid: str, event: str, action: str | None, installation_id: int | None,
           repository: str | None, body: bytes) -> bool:
    """Store a delivery; False when one with this GUID was already stored (a redelivery)."""
    try:
        with session_scope() as session:
            session.add(Delivery(
                guid=guid, event=event, action=action, installation_id=installation_id,
                repository=repository, body=body.decode("utf-8", errors="replace"),
                state="received",
            ))
    except IntegrityError:
        return False
    return True


def forget(guid: str) -> None:
    """Drop a delivery we could not queue, so that GitHub's redelivery is not taken as a repeat."""
    with session_scope() as session:
        session.execute(delete(Delivery).where(Delivery.guid == guid,
                                               Delivery.state == "received"))


def load(guid: str) -> Delivery | None:
    with session_scope() as session:
        return session.get(Delivery, guid)


def mark(guid: str, state: str, note: str | None = None) -> None:
    with session_scope() as session:
        session.execute(update(Delivery).where(Delivery.guid == guid)
                        .values(state=state, routed_at=utcnow(), note=note))


def unrouted(older_than: timedelta, now: datetime | None = None) -> list[str]:
    """GUIDs of deliveries stored but not routed in time (their queue entry was lost)."""
    cutoff = (now or utcnow()) - older_than
    with session_scope() as session:
        return list(session.scalars(select(Delivery.guid).where(
            Delivery.state == "received", Delivery.received_at < cutoff)))


def prune(older_than: timedelta, now: datetime | None = None) -> int:
    """Forget routed deliveries past GitHub's redelivery window (3 days; we keep longer)."""
    cutoff = (now or utcnow()) - older_than
    with session_scope() as session:
        result = session.execute(delete(Delivery).where(
            Delivery.state != "received", Delivery.received_at < cutoff))
        return result.rowcount or 0
