"""The guarded fetcher against a local server on 127.0.0.1 (reachable only with the test switch)."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from publiccode_checker.forge import guarded_fetch
from publiccode_checker.forge.guarded_fetch import AddressPolicy, fetch
from publiccode_checker.forge.guarded_fetch.client import address_refusal

LOOPBACK_OK = AddressPolicy(allow_loopback=True)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        routes = {
            "/ok": (200, b"hello", "text/plain"),
            "/logo.png": (200, PNG, "image/png"),
            "/missing": (404, b"nope", "text/plain"),
        }
        if self.path in routes:
            status, body, kind = routes[self.path]
            self._send(status, body, kind)
        elif self.path.startswith("/hop/"):
            remaining = int(self.path.rsplit("/", 1)[1])
            target = "/ok" if remaining == 0 else f"/hop/{remaining - 1}"
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/secret")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"x" * 1024)
        else:
            self._send(404, b"", "text/plain")

    def do_HEAD(self) -> None:
        self._send(200, b"", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_loopback_is_refused_by_default(server: str) -> None:
    with pytest.raises(guarded_fetch.BlockedAddressError):
        fetch(server + "/ok", max_bytes=1000, timeout=5)


def test_localhost_name_is_refused_by_default(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    with pytest.raises(guarded_fetch.BlockedAddressError):
        fetch(f"http://localhost:{port}/ok", max_bytes=1000, timeout=5)


def test_fetch_with_test_switch(server: str) -> None:
    result = fetch(server + "/ok", max_bytes=1000, timeout=5, policy=LOOPBACK_OK)
    assert result.status == 200
    assert result.content == b"hello"
    assert result.content_type == "text/plain"


def test_http_errors_are_returned_not_raised(server: str) -> None:
    result = fetch(server + "/missing", max_bytes=1000, timeout=5, policy=LOOPBACK_OK)
    assert result.status == 404
    assert not result.ok


def test_head(server: str) -> None:
    result = fetch(server + "/ok", max_bytes=1000, timeout=5, method="HEAD", policy=LOOPBACK_OK)
    assert result.status == 200
    assert result.content == b""


def test_redirects_are_followed_up_to_three(server: str) -> None:
    result = fetch(server + "/hop/2", max_bytes=1000, timeout=5, policy=LOOPBACK_OK)
    assert result.content == b"hello"
    assert len(result.redirects) == 3
    with pytest.raises(guarded_fetch.TooManyRedirectsError):
        fetch(server + "/hop/3", max_bytes=1000, timeout=5, policy=LOOPBACK_OK)


def test_redirect_to_private_address_is_refused(server: str) -> None:
    with pytest.raises(guarded_fetch.BlockedAddressError):
        fetch(server + "/to-private", max_bytes=1000, timeout=5, policy=LOOPBACK_OK)


def test_size_limit_stops_the_download(server: str) -> None:
    with pytest.raises(guarded_fetch.ResponseTooLargeError):
        fetch(server + "/big", max_bytes=10_000, timeout=5, policy=LOOPBACK_OK)


def test_declared_size_over_limit(server: str) -> None:
    with pytest.raises(guarded_fetch.ResponseTooLargeError):
        fetch(server + "/logo.png", max_bytes=10, timeout=5, policy=LOOPBACK_OK)


def test_refused_connection_is_the_targets_fault() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(guarded_fetch.TargetUnreachableError):
        fetch(f"http://127.0.0.1:{port}/", max_bytes=100, timeout=2, policy=LOOPBACK_OK)


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "http:///x",
                                 "http://user:pw@example.org/"])
def test_only_plain_http_urls(url: str) -> None:
    with pytest.raises(guarded_fetch.InvalidURLError):
        fetch(url, max_bytes=100, timeout=1)


@pytest.mark.parametrize("address", [
    "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "240.0.0.1", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::", "ff02::1", "127.0.0.1",
])
def test_non_public_addresses_are_refused(address: str) -> None:
    assert address_refusal(address, AddressPolicy()) is not None


def test_private_addresses_stay_refused_with_the_loopback_switch() -> None:
    assert address_refusal("10.0.0.1", LOOPBACK_OK) is not None
    assert address_refusal("127.0.0.1", LOOPBACK_OK) is None


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_refusal(address, AddressPolicy()) is None


def test_private_literal_host_is_refused_without_connecting() -> None:
    with pytest.raises(guarded_fetch.BlockedAddressError):
        fetch("http://169.254.169.254/latest/meta-data/", max_bytes=100, timeout=1)


def test_error_families() -> None:
    assert issubclass(guarded_fetch.BlockedAddressError, guarded_fetch.TargetError)
    assert issubclass(guarded_fetch.ResponseTooLargeError, guarded_fetch.TargetError)
    assert not issubclass(guarded_fetch.LocalNetworkError, guarded_fetch.TargetError)
    assert issubclass(guarded_fetch.LocalNetworkError, guarded_fetch.FetchError)


@pytest.mark.parametrize(("data", "kind"), [
    (PNG, "png"), (b"\xff\xd8\xff\xe0", "jpeg"), (b"GIF89a...", "gif"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"), (b"<?xml version='1.0'?><svg>", "svg"),
    (b"<svg xmlns='x'/>", "svg"), (b"hello", None),
])
def test_sniff_image_type(data: bytes, kind: str | None) -> None:
    assert guarded_fetch.sniff_image_type(data) == kind
