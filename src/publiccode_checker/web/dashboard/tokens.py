"""Seals the user's GitHub token before it goes into the (signed, but readable) session cookie."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _fernet(secret_key: str | bytes) -> Fernet:
    secret = secret_key.encode("utf-8") if isinstance(secret_key, str) else secret_key
    # A key derived from SECRET_KEY, so cookie signing and token sealing never share one.
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"publiccode-checker dashboard token").derive(secret)
    return Fernet(base64.urlsafe_b64encode(derived))


def seal(token: str, secret_key: str | bytes) -> str:
    return _fernet(secret_key).encrypt(token.encode("utf-8")).decode("ascii")


def unseal(sealed: str, secret_key: str | bytes, *, max_age: int | None = None) -> str | None:
    """The token, or None when the seal is broken, made with another key or too old."""
    try:
        return _fernet(secret_key).decrypt(sealed.encode("ascii"), ttl=max_age).decode("utf-8")
    except (InvalidToken, ValueError, UnicodeError):
        return None
