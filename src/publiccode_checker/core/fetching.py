"""What fetching a URL can go wrong with, and the shape of a fetcher.

The one real fetcher is ``publiccode_checker.forge.guarded_fetch.fetch``. Lower layers, such as the
publiccode.yml validator, are handed a fetcher instead of importing it, so that nothing below the
forge layer reaches the network on its own.
"""

from __future__ import annotations

from typing import Any, Protocol


class FetchError(Exception):
    """Base of every failure of a fetcher."""


class TargetError(FetchError):
    """The URL is bad, refused, or its server did not answer properly (the user's concern)."""


class InvalidURLError(TargetError):
    pass


class BlockedAddressError(TargetError):
    pass


class TooManyRedirectsError(TargetError):
    pass


class TargetUnreachableError(TargetError):
    pass


class ResponseTooLargeError(TargetError):
    pass


class LocalNetworkError(FetchError):
    """Our own network failed (no DNS, no route, proxy trouble): not the URL's fault."""


class Fetcher(Protocol):
    """Fetches ``url``; raises :class:`TargetError` or :class:`LocalNetworkError` on failure.

    The result has ``status``, ``ok``, ``headers`` and ``content``.
    """

    def __call__(self, url: str, *, max_bytes: int = ..., timeout: float = ...,
                 method: str = ...) -> Any: ...
