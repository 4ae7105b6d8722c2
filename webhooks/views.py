"""``POST /webhooks/github``: verify, store, queue, answer — well inside GitHub's 10 seconds.

Order matters: the signature is checked over the raw bytes before anything is parsed; a delivery
is answered 202 only once it is stored and queued (``webhooks.intake`` does both for many requests
at once), and 503 when that fails, so GitHub records the failure and the delivery can be sent
again. Bad input is answered 4xx, never 500.
"""

from __future__ import annotations

import json
import logging

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from publiccode_checker.jobs.routing import accepts
from publiccode_checker.settings import MAX_WEBHOOK_BYTES, current_settings
from publiccode_checker.webhooks import intake, signature

log = logging.getLogger(__name__)

blueprint = Blueprint("webhooks", __name__)


def _answer(status: int, message: str, **extra: object) -> tuple[Response, int]:
    return jsonify({"status": message, **extra}), status


@blueprint.post("/webhooks/github")
def receive() -> tuple[Response, int]:
    settings = current_settings()
    if not settings.configured:
        return _answer(503, "the app is not set up yet")
    if request.content_length is not None and request.content_length > MAX_WEBHOOK_BYTES:
        return _answer(413, "payload over 25 MB")
    try:
        body = request.get_data(cache=False)
    except RequestEntityTooLarge:
        return _answer(413, "payload over 25 MB")
    if len(body) > MAX_WEBHOOK_BYTES:
        return _answer(413, "payload over 25 MB")
    if not signature.verify(settings.webhook_secret or "", body,
                            request.headers.get("X-Hub-Signature-256")):
        return _answer(401, "missing or wrong signature")

    event = request.headers.get("X-GitHub-Event", "")
    guid = request.headers.get("X-GitHub-Delivery", "")
    if not event or not guid or len(guid) > 64 or len(event) > 64:
        return _answer(400, "X-GitHub-Event and X-GitHub-Delivery are required")
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return _answer(400, "the body is not JSON")
    if not isinstance(payload, dict):
        return _answer(400, "the body is not a JSON object")
    if event == "ping":
        return _answer(200, "pong")
    try:
        ignored = accepts(event, payload, bot_login=settings.bot_login, app_id=settings.app_id)
        pending = _pending(guid, event, payload, body)
    except (AttributeError, KeyError, TypeError, ValueError):
        # Signed, so it came from GitHub (or someone with the secret), yet not in a shape GitHub
        # documents: refuse it clearly rather than fail.
        log.warning("delivery %s (%s) does not have the expected shape", guid, event)
        return _answer(400, "the payload does not have the shape GitHub sends for this event")
    if ignored:
        return _answer(202, "ignored", reason=ignored)
    try:
        result = intake.submit(pending)
    except intake.IntakeError:
        return _answer(503, "could not store and queue the delivery; please redeliver")
    if result == "duplicate":
        return _answer(200, "duplicate", delivery=guid)
    return _answer(202, "accepted", delivery=guid)


def _pending(guid: str, event: str, payload: dict, body: bytes) -> intake.Pending:
    action = payload.get("action")
    installation_field = payload.get("installation")
    installation = installation_field.get("id") if isinstance(installation_field, dict) else None
    repository_field = payload.get("repository")
    repository = repository_field.get("full_name") if isinstance(repository_field, dict) else None
    return intake.Pending(
        guid, event,
        action if isinstance(action, str) else None,
        installation if isinstance(installation, int) and not isinstance(installation, bool)
        else None,
        repository if isinstance(repository, str) else None,
        body,
    )
