"""Guarded HTTP GET/HEAD built on requests, with the connection pinned to a vetted address."""

from __future__ import annotations

import errno
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# The errors are the core model's, so that code below this layer can catch them without
# importing the network client.
from publiccode_checker.core.fetching import (
    BlockedAddressError,
    FetchError,
    InvalidURLError,
    LocalNetworkError,
    ResponseTooLargeError,
    TargetError,
    TargetUnreachableError,
    TooManyRedirectsError,
)

__all__ = [
    "BlockedAddressError",
    "FetchError",
    "InvalidURLError",
    "LocalNetworkError",
    "ResponseTooLargeError",
    "TargetError",
    "TargetUnreachableError",
    "TooManyRedirectsError",
]

MAX_REDIRECTS = 3
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0
USER_AGENT = "publiccode-checker (+https://github.com/publiccodeyml)"

# Cloud metadata endpoints that are not covered by the generic non-global ranges.
_METADATA_ADDRESSES = frozenset({
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
    ipaddress.ip_address("100.100.100.200"),
})


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which non-public addresses may be reached. The default refuses all of them.

    ``allow_loopback`` exists for tests that run a server on 127.0.0.1; nothing else should set it.
    """

    allow_loopback: bool = False


@dataclass(slots=True)
class FetchResult:
    url: str
    status: int
    headers: dict[str, str]
    content: bytes
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def address_refusal(address: str, policy: AddressPolicy) -> str | None:
    """Why ``address`` may not be contacted, or None when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return address_refusal(str(ip.ipv4_mapped), policy)
        if ip.sixtofour is not None:
            return address_refusal(str(ip.sixtofour), policy)
    if ip.is_loopback:
        return None if policy.allow_loopback else "loopback address"
    if ip in _METADATA_ADDRESSES:
        return "cloud metadata address"
    if ip.is_unspecified:
        return "unspecified address"
    if ip.is_multicast:
        return "multicast address"
    if ip.is_link_local:
        return "link-local address"
    if ip.is_private:
        return "private address"
    if ip.is_reserved:
        return "reserved address"
    if not ip.is_global:
        return "non-public address"
    return None


def _resolve(host: str, port: int, policy: AddressPolicy) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        if error.errno in (socket.EAI_AGAIN, getattr(socket, "EAI_SYSTEM", -11)):
            raise LocalNetworkError(f"name resolution failed: {error.strerror}") from error
        raise TargetUnreachableError(f"no such host: {host}") from error
    except UnicodeError as error:
        raise InvalidURLError(f"invalid host name: {host}") from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise TargetUnreachableError(f"no such host: {host}")
    for address in addresses:
        reason = address_refusal(address, policy)
        if reason is not None:
            raise BlockedAddressError(f"refusing to connect to {host} ({address}): {reason}")
    return addresses[0]


def _pinned_adapter(address: str) -> HTTPAdapter:
    def pin(base: type) -> type:
        class Pinned(base):  # type: ignore[misc, valid-type]
            def _new_conn(self):  # type: ignore[no-untyped-def]
                # Connect to the vetted address; TLS still checks the certificate of self.host.
                self._dns_host = address
                sock = super()._new_conn()
                peer = sock.getpeername()[0]
                if ipaddress.ip_address(peer.split("%", 1)[0]) != ipaddress.ip_address(
                    address.split("%", 1)[0]
                ):
                    sock.close()
                    raise OSError(f"connected to {peer} instead of {address}")
                return sock

        return Pinned

    http_pool = type(
        "PinnedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": pin(HTTPConnection)}
    )
    https_pool = type(
        "PinnedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": pin(HTTPSConnection)}
    )

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}

    return Adapter(max_retries=0)


def _classify(error: Exception, url: str) -> FetchError:
    text = str(error)
    cause: BaseException | None = error
    while cause is not None:
        number = getattr(cause, "errno", None)
        if number in (errno.ENETUNREACH, errno.ENETDOWN):
            return LocalNetworkError(f"network unreachable while fetching {url}")
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, requests.exceptions.ProxyError):
        return LocalNetworkError(f"proxy error while fetching {url}")
    if isinstance(error, requests.exceptions.SSLError):
        return TargetUnreachableError(f"TLS error: {text}")
    if isinstance(error, requests.exceptions.Timeout):
        return TargetUnreachableError("timed out")
    if "refused" in text.lower():
        return TargetUnreachableError("connection refused")
    return TargetUnreachableError(f"connection failed: {text}")


def _check_url(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise InvalidURLError(f"invalid URL: {url}") from error
    if parts.scheme not in ("http", "https"):
        raise InvalidURLError(f"only http and https URLs are fetched: {url}")
    if not parts.hostname:
        raise InvalidURLError(f"URL without a host: {url}")
    if parts.username or parts.password:
        raise InvalidURLError("URLs with credentials are not fetched")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def _one_hop(url: str, method: str, max_bytes: int, timeout: float, deadline: float,
             policy: AddressPolicy) -> requests.Response | FetchResult:
    _scheme, host, port = _check_url(url)
    address = _resolve(host, port, policy)
    session = requests.Session()
    session.trust_env = False  # a proxy would defeat the address pinning
    adapter = _pinned_adapter(address)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    try:
        response = session.request(
            method, url, stream=True, allow_redirects=False, timeout=(timeout, timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
        )
    except requests.exceptions.RequestException as error:
        session.close()
        raise _classify(error, url) from error
    try:
        if response.is_redirect:
            return response
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise ResponseTooLargeError(f"response larger than {max_bytes} bytes")
        body = bytearray()
        if method != "HEAD":
            try:
                for chunk in response.iter_content(chunk_size=65536):
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise ResponseTooLargeError(f"response larger than {max_bytes} bytes")
                    if time.monotonic() > deadline:
                        raise TargetUnreachableError("timed out")
            except requests.exceptions.RequestException as error:
                raise _classify(error, url) from error
        return FetchResult(
            url=url,
            status=response.status_code,
            headers={key.lower(): value for key, value in response.headers.items()},
            content=bytes(body),
        )
    finally:
        if not response.is_redirect:
            response.close()
            session.close()


def fetch(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    method: str = "GET",
    policy: AddressPolicy | None = None,
) -> FetchResult:
    """Fetch ``url`` under the guards described in the package docstring.

    HTTP error statuses are returned, not raised: the caller decides what a 404 means.
    """
    policy = policy or AddressPolicy()
    method = method.upper()
    if method not in ("GET", "HEAD"):
        raise ValueError(f"unsupported method {method}")
    deadline = time.monotonic() + max(timeout, 0.1) * 3
    redirects: list[str] = []
    current = url
    while True:
        outcome = _one_hop(current, method, max_bytes, timeout, deadline, policy)
        if isinstance(outcome, FetchResult):
            outcome.redirects = redirects
            return outcome
        location = outcome.headers.get("location", "")
        outcome.close()
        if len(redirects) >= MAX_REDIRECTS:
            raise TooManyRedirectsError(f"more than {MAX_REDIRECTS} redirects")
        if not location:
            raise TargetUnreachableError("redirect without a location")
        redirects.append(current)
        current = urljoin(current, location)


_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\x1f\x8b", "gzip"),  # .svgz
)


def sniff_image_type(data: bytes) -> str | None:
    """The image format ``data`` starts with (png, jpeg, gif, webp, svg, gzip), or None."""
    for signature, name in _IMAGE_SIGNATURES:
        if data.startswith(signature):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "svg"
    return None
