"""``X-Hub-Signature-256``: HMAC-SHA256 of the exact request body, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    return PREFIX + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """Whether ``header`` is the signature of ``body``; missing or malformed headers are not."""
    if not header or not secret:
        return False
    expected = sign(secret, body)
    # compare_digest on bytes: a str argument with non-ASCII characters would raise TypeError.
    return hmac.compare_digest(expected.encode("ascii"), header.strip().encode("utf-8", "replace"))
