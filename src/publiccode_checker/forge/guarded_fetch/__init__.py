"""The one HTTP client for URLs taken from a repository (untrusted input).

Only http and https; every host is resolved and refused when any of its addresses is loopback,
private, link-local, multicast, reserved, unspecified or a cloud metadata address (IPv4 and IPv6,
IPv4-mapped included). The connection is then made to the vetted address itself, so a DNS answer
that changes between the check and the connection cannot redirect it. Redirects are followed by
hand (at most three), each one vetted again. Time and size are bounded.

Errors say whose fault a failure is: :class:`TargetError` and its subclasses mean the URL is bad
or its server did not answer properly (report it to the user); :class:`LocalNetworkError` means
our own network failed (report it as such).
"""

from __future__ import annotations

from .client import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    MAX_REDIRECTS,
    AddressPolicy,
    BlockedAddressError,
    FetchError,
    FetchResult,
    InvalidURLError,
    LocalNetworkError,
    ResponseTooLargeError,
    TargetError,
    TargetUnreachableError,
    TooManyRedirectsError,
    fetch,
    sniff_image_type,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "MAX_REDIRECTS",
    "AddressPolicy",
    "BlockedAddressError",
    "FetchError",
    "FetchResult",
    "InvalidURLError",
    "LocalNetworkError",
    "ResponseTooLargeError",
    "TargetError",
    "TargetUnreachableError",
    "TooManyRedirectsError",
    "fetch",
    "sniff_image_type",
]
