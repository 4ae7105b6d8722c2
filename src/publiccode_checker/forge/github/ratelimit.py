"""Recognises GitHub's rate-limit answers and says how long to wait.

GitHub signals both limits with 403 or 429 (and GraphQL's primary limit with a 200 whose errors say
``RATE_LIMITED``). Primary: ``x-ratelimit-remaining: 0`` -> wait until ``x-ratelimit-reset``.
Secondary: the message names it -> ``retry-after`` if given, else the reset time when nothing
remains, else at least a minute, growing on repeats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

#: GitHub asks for at least this much quiet after a secondary limit without ``retry-after``.
SECONDARY_MIN_WAIT = 60.0


@dataclass(frozen=True)
class LimitHit:
    kind: Literal["primary", "secondary"]
    #: Seconds to wait before trying again, or None when GitHub gave no hint (use the minimum).
    wait: float | None
    message: str


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _message(body: Any, text: str) -> str:
    if isinstance(body, dict):
        if isinstance(body.get("message"), str):
            return body["message"]
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            return str(errors[0].get("message", ""))
    return text[:300]


def classify(
    status: int, headers: Mapping[str, str], body: Any, text: str, now: float
) -> LimitHit | None:
    """A LimitHit when the answer is a rate limit, None for any other answer (403s included)."""
    message = _message(body, text)
    remaining = _header(headers, "x-ratelimit-remaining")
    reset = _float(_header(headers, "x-ratelimit-reset"))
    retry_after = _float(_header(headers, "retry-after"))
    until_reset = max(0.0, reset - now) + 1.0 if reset is not None else None

    graphql_limited = (
        status == 200
        and isinstance(body, dict)
        and any(isinstance(e, dict) and e.get("type") == "RATE_LIMITED"
                for e in body.get("errors") or [])
    )
    if graphql_limited:
        return LimitHit("primary", retry_after if retry_after is not None else until_reset,
                        message)
    if status not in (403, 429):
        return None
    lowered = message.lower()
    if "secondary rate limit" in lowered or "abuse" in lowered:
        if retry_after is not None:
            return LimitHit("secondary", retry_after, message)
        if remaining == "0" and until_reset is not None:
            return LimitHit("secondary", until_reset, message)
        return LimitHit("secondary", None, message)
    if remaining == "0":
        return LimitHit("primary", retry_after if retry_after is not None else until_reset,
                        message)
    if retry_after is not None:
        # A 403/429 with retry-after but no named limit is still GitHub asking us to slow down.
        return LimitHit("secondary", retry_after, message)
    return None
