"""The webhook endpoint: signature first, size cap, malformed input, de-duplication, durability."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from publiccode_checker.store import database
from publiccode_checker.store.database.service_models import Delivery
from publiccode_checker.webhooks import signature
from tests.e2e.doubles import SECRET

pytest_plugins = ("tests.e2e.fixtures",)

PULL_REQUEST = {
    "action": "opened",
    "number": 7,
    "installation": {"id": 1},
    "sender": {"login": "ada", "type": "User"},
    "repository": {"full_name": "org/repo", "default_branch": "main"},
    "pull_request": {"number": 7, "head": {"sha": "b" * 40}, "base": {"sha": "a" * 40}},
}


def test_signature_matches_githubs_published_example() -> None:
    body = b"Hello, World!"
    expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    assert signature.sign(SECRET, body) == expected
    assert signature.verify(SECRET, body, expected)


@pytest.mark.parametrize("header", [None, "", "sha256=", "sha1=abc", "sha256=" + "0" * 64,
                                    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46"
                                    "f4379c8b043e1", "sha256=ü"])
def test_wrong_or_missing_signatures_are_refused(header: str | None) -> None:
    assert not signature.verify(SECRET, b"Hello, World!", header)


def test_signature_needs_the_secret() -> None:
    body = b"Hello, World!"
    assert not signature.verify("another secret", body, signature.sign(SECRET, body))


@pytest.fixture
def client(service_db, settings, memory_queue):  # type: ignore[no-untyped-def]
    from publiccode_checker.web.factory import create_app

    return create_app(settings).test_client()


def post(client: Any, payload: Any, *, event: str = "pull_request", guid: str = "guid-1",
         secret: str = SECRET, raw: bytes | None = None, sign: bool = True) -> Any:
    body = raw if raw is not None else json.dumps(payload).encode()
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": guid,
               "Content-Type": "application/json"}
    if sign:
        headers["X-Hub-Signature-256"] = signature.sign(secret, body)
    return client.post("/webhooks/github", data=body, headers=headers)


def stored() -> int:
    with database.session_scope() as session:
        return session.scalar(select(func.count()).select_from(Delivery))


def test_accepted_delivery_is_stored_and_queued(client, memory_queue) -> None:
    answer = post(client, PULL_REQUEST)
    assert answer.status_code == 202
    assert answer.get_json()["status"] == "accepted"
    assert stored() == 1
    assert memory_queue.pending_count() == 1


def test_redelivery_is_answered_but_not_queued_again(client, memory_queue) -> None:
    assert post(client, PULL_REQUEST, guid="same").status_code == 202
    again = post(client, PULL_REQUEST, guid="same")
    assert again.status_code == 200
    assert again.get_json()["status"] == "duplicate"
    assert stored() == 1
    assert memory_queue.pending_count() == 1


def test_signature_is_checked_before_the_body_is_parsed(client) -> None:
    assert post(client, None, raw=b"{not json", sign=False).status_code == 401
    assert post(client, None, raw=b"{not json", secret="wrong").status_code == 401
    assert post(client, PULL_REQUEST, secret="wrong").status_code == 401
    assert stored() == 0


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"\xff\xfe", b"", b"[" * 100_000,
                                 b'{"installation": {"id": 1}, "action": "opened", "a": NaN'])
def test_malformed_bodies_are_400(client, raw: bytes) -> None:
    assert post(client, None, raw=raw).status_code == 400


def test_missing_delivery_header_is_400(client) -> None:
    body = json.dumps(PULL_REQUEST).encode()
    answer = client.post("/webhooks/github", data=body, headers={
        "X-GitHub-Event": "pull_request", "X-Hub-Signature-256": signature.sign(SECRET, body)})
    assert answer.status_code == 400


def test_bodies_over_githubs_cap_are_413(client) -> None:
    from publiccode_checker.settings import MAX_WEBHOOK_BYTES

    raw = b" " * (MAX_WEBHOOK_BYTES + 1)
    assert post(client, None, raw=raw).status_code == 413
    assert stored() == 0


def test_unused_events_and_our_own_events_are_ignored(client, memory_queue) -> None:
    closed = {**PULL_REQUEST, "action": "closed"}
    assert post(client, closed, guid="1").get_json()["status"] == "ignored"
    own = {**PULL_REQUEST, "sender": {"login": "publiccode-checker[bot]", "type": "Bot"}}
    assert post(client, own, guid="2").get_json()["status"] == "ignored"
    assert post(client, {"zen": "Keep it simple."}, event="ping", guid="3").status_code == 200
    assert stored() == 0
    assert memory_queue.pending_count() == 0


def test_503_when_the_delivery_cannot_be_stored(client, monkeypatch) -> None:
    from publiccode_checker.store import deliveries

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(deliveries, "session_scope", broken)
    assert post(client, PULL_REQUEST).status_code == 503


def test_503_when_the_queue_fails_and_the_redelivery_then_works(
        client, memory_queue, monkeypatch) -> None:
    from publiccode_checker.jobs import tasks

    working = tasks.enqueue_routes
    down = [True]

    def flaky(guids: list[str]) -> None:
        if down[0]:
            raise ConnectionError("queue down")
        working(guids)

    monkeypatch.setattr(tasks, "enqueue_routes", flaky)
    assert post(client, PULL_REQUEST, guid="g").status_code == 503
    assert stored() == 0  # forgotten, so GitHub's redelivery is not taken for a duplicate
    down[0] = False
    assert post(client, PULL_REQUEST, guid="g").status_code == 202


def test_503_in_setup_mode(service_db, tmp_path) -> None:
    from publiccode_checker.settings import Settings, use_settings
    from publiccode_checker.web.factory import create_app

    try:
        flask_app = create_app(Settings(instance_path=tmp_path))
        answer = post(flask_app.test_client(), PULL_REQUEST)
        assert answer.status_code == 503
    finally:
        use_settings(None)


def test_health_reports_database_and_queue(client) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    report = answer.get_json()
    assert report["database"] == "ok"
    assert report["queue"]["status"] == "ok"
    assert report["app"] == "ok"


def test_health_is_503_when_the_database_is_gone(client, monkeypatch, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{blocker}/db.sqlite3")
    database.dispose_engines()
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.get_json()["database"].startswith("unavailable")


def test_concurrent_deliveries_are_stored_once_each(service_db, settings,
                                                     memory_queue) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from publiccode_checker.web.factory import create_app

    flask_app = create_app(settings)

    def send(index: int) -> int:
        guid = f"g{index % 40}"  # every delivery sent twice or more, concurrently
        return post(flask_app.test_client(), PULL_REQUEST, guid=guid).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(send, range(100)))
    assert statuses.count(202) == 40
    assert statuses.count(200) == 60
    assert stored() == 40
    queued = {guid for task in memory_queue.pending() for guid in task.args[0]}
    assert queued == {f"g{i}" for i in range(40)}


@pytest.mark.parametrize("shape", [
    {"installation": "not an object"},
    {"installation": {"id": "12"}},
    {"installation": None, "repository": ["x"]},
    {"installation": {"id": True}, "repository": {"full_name": 5}},
    {"action": ["opened"], "installation": {"id": 1}},
])
def test_odd_but_signed_payloads_never_answer_500(client, shape: dict) -> None:
    answer = post(client, {**PULL_REQUEST, **shape}, guid=f"odd-{hash(str(shape))}")
    assert answer.status_code < 500, answer.get_json()
