"""URL parsing with the same acceptance rules and error texts as Go's ``net/url``.

The reference validator decides "valid URL", "HTTP URL" and "valid URI" with Go's parser and
re-serialises URLs before checking them, so Python's ``urllib`` (which accepts and rejects
different strings) cannot stand in for it. Written from RFC 3986 and Go's documented behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass

_HEX = "0123456789ABCDEF"
_PATH, _SEGMENT, _HOST, _ZONE, _USERINFO, _QUERY, _FRAGMENT = range(1, 8)


class GoURLError(ValueError):
    def __init__(self, op_url: str, reason: str) -> None:
        super().__init__(f'parse "{_go_quote_inner(op_url)}": {reason}')
        self.reason = reason


def _go_quote_inner(text: str) -> str:
    """The inside of Go's %q for printable text (enough for error messages)."""
    out = []
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)


def go_quote(text: str) -> str:
    return '"' + _go_quote_inner(text) + '"'


def _is_hex(char: int) -> bool:
    return 48 <= char <= 57 or 97 <= char <= 102 or 65 <= char <= 70


def _should_escape(char: int, mode: int) -> bool:
    if 97 <= char <= 122 or 65 <= char <= 90 or 48 <= char <= 57:
        return False
    if mode in (_HOST, _ZONE) and chr(char) in "!$&'()*+,;=:[]<>\"":
        return False
    c = chr(char)
    if c in "-_.~":
        return False
    if c in "$&+,/:;=?@":
        if mode == _PATH:
            return c == "?"
        if mode == _SEGMENT:
            return c in "/;,?"
        if mode == _USERINFO:
            return c in "@/?:"
        if mode == _QUERY:
            return True
        if mode == _FRAGMENT:
            return False
    return not (mode == _FRAGMENT and c in "!()*")


def _unescape(text: str, mode: int) -> str:
    raw = text.encode("utf-8", "surrogatepass")
    count = 0
    i = 0
    while i < len(raw):
        byte = raw[i]
        if byte == 0x25:  # %
            count += 1
            if i + 2 >= len(raw) or not _is_hex(raw[i + 1]) or not _is_hex(raw[i + 2]):
                bad = raw[i:i + 3].decode("utf-8", "replace")
                raise _Reason(f"invalid URL escape {go_quote(bad)}")
            if mode == _HOST and int(chr(raw[i + 1]), 16) < 8 and raw[i:i + 3] != b"%25":
                raise _Reason(f"invalid URL escape {go_quote(raw[i:i + 3].decode())}")
            if mode == _ZONE:
                value = int(raw[i + 1:i + 3].decode(), 16)
                if raw[i:i + 3] != b"%25" and value != 0x20 and _should_escape(value, _HOST):
                    raise _Reason(f"invalid URL escape {go_quote(raw[i:i + 3].decode())}")
            i += 3
            continue
        if mode in (_HOST, _ZONE) and byte < 0x80 and _should_escape(byte, mode):
            raise _Reason(f"invalid character {go_quote(chr(byte))} in host name")
        i += 1
    if count == 0 and not (mode == _QUERY and b"+" in raw):
        return text
    out = bytearray()
    i = 0
    while i < len(raw):
        byte = raw[i]
        if byte == 0x25:
            out.append(int(raw[i + 1:i + 3].decode(), 16))
            i += 3
            continue
        out.append(0x20 if (byte == 0x2B and mode == _QUERY) else byte)
        i += 1
    return out.decode("utf-8", "surrogateescape")


def _escape(text: str, mode: int) -> str:
    raw = text.encode("utf-8", "surrogateescape")
    out = []
    for byte in raw:
        if byte == 0x20 and mode == _QUERY:
            out.append("+")
        elif _should_escape(byte, mode):
            out.append("%" + _HEX[byte >> 4] + _HEX[byte & 15])
        else:
            out.append(chr(byte))
    return "".join(out)


class _Reason(Exception):
    pass


@dataclass(slots=True)
class GoURL:
    scheme: str = ""
    opaque: str = ""
    user: str | None = None
    host: str = ""
    path: str = ""
    raw_path: str = ""
    force_query: bool = False
    raw_query: str = ""
    fragment: str = ""
    raw_fragment: str = ""

    def escaped_path(self) -> str:
        if self.raw_path and _valid_encoded(self.raw_path, _PATH):
            try:
                if _unescape(self.raw_path, _PATH) == self.path:
                    return self.raw_path
            except _Reason:
                pass
        if self.path == "*":
            return "*"
        return _escape(self.path, _PATH)

    def escaped_fragment(self) -> str:
        if self.raw_fragment and _valid_encoded(self.raw_fragment, _FRAGMENT):
            try:
                if _unescape(self.raw_fragment, _FRAGMENT) == self.fragment:
                    return self.raw_fragment
            except _Reason:
                pass
        return _escape(self.fragment, _FRAGMENT)

    def __str__(self) -> str:
        out = []
        if self.scheme:
            out.append(self.scheme + ":")
        if self.opaque:
            out.append(self.opaque)
        else:
            if self.scheme or self.host or self.user is not None:
                if self.host or self.path or self.user is not None:
                    out.append("//")
                if self.user is not None:
                    out.append(self.user + "@")
                if self.host:
                    out.append(_escape(self.host, _HOST))
            path = self.escaped_path()
            if path and path[0] != "/" and self.host:
                out.append("/")
            if not out and ":" in path.split("/", 1)[0]:
                out.append("./")
            out.append(path)
        if self.force_query or self.raw_query:
            out.append("?" + self.raw_query)
        if self.fragment:
            out.append("#" + self.escaped_fragment())
        return "".join(out)

    def hostname(self) -> str:
        return _split_host_port(self.host)[0]

    def port(self) -> str:
        return _split_host_port(self.host)[1]


def _valid_encoded(text: str, mode: int) -> bool:
    for byte in text.encode("utf-8", "surrogateescape"):
        char = chr(byte)
        if char in "!$&'()*+,;=:@[]%":
            continue
        if _should_escape(byte, mode):
            return False
    return True


def _split_host_port(host: str) -> tuple[str, str]:
    hostname, port = host, ""
    colon = host.rfind(":")
    if colon != -1 and _valid_optional_port(host[colon:]):
        hostname, port = host[:colon], host[colon + 1:]
    if hostname.startswith("[") and hostname.endswith("]"):
        hostname = hostname[1:-1]
    return hostname, port


def _valid_optional_port(port: str) -> bool:
    if port == "":
        return True
    return port[0] == ":" and all("0" <= c <= "9" for c in port[1:])


def _get_scheme(raw: str) -> tuple[str, str]:
    for i, char in enumerate(raw):
        if "a" <= char <= "z" or "A" <= char <= "Z":
            continue
        if "0" <= char <= "9" or char in "+-.":
            if i == 0:
                return "", raw
            continue
        if char == ":":
            if i == 0:
                raise _Reason("missing protocol scheme")
            return raw[:i], raw[i + 1:]
        return "", raw
    return "", raw


def _parse_host(host: str) -> str:
    if host.startswith("["):
        end = host.rfind("]")
        if end < 0:
            raise _Reason("missing ']' in host")
        colon_port = host[end + 1:]
        if not _valid_optional_port(colon_port):
            raise _Reason(f"invalid port {go_quote(colon_port)} after host")
        zone = host[:end].find("%25")
        if zone >= 0:
            return (_unescape(host[:zone], _HOST) + _unescape(host[zone:end], _ZONE)
                    + _unescape(host[end:], _HOST))
    else:
        colon = host.rfind(":")
        if colon != -1:
            colon_port = host[colon:]
            if not _valid_optional_port(colon_port):
                raise _Reason(f"invalid port {go_quote(colon_port)} after host")
    return _unescape(host, _HOST)


_USERINFO_OK = frozenset("-._:~!$&'()*+,;=%@")


def _parse_authority(authority: str) -> tuple[str | None, str]:
    at = authority.rfind("@")
    host = _parse_host(authority if at < 0 else authority[at + 1:])
    if at < 0:
        return None, host
    userinfo = authority[:at]
    for char in userinfo:
        if not (char.isascii() and char.isalnum()) and char not in _USERINFO_OK:
            raise _Reason("net/url: invalid userinfo")
    if ":" in userinfo:
        name, password = userinfo.split(":", 1)
        _unescape(name, _USERINFO)
        _unescape(password, _USERINFO)
    else:
        _unescape(userinfo, _USERINFO)
    return userinfo, host


def _parse(raw: str, via_request: bool) -> GoURL:
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in raw):
        raise _Reason("net/url: invalid control character in URL")
    if raw == "" and via_request:
        raise _Reason("empty url")
    url = GoURL()
    if raw == "*":
        url.path = "*"
        return url
    scheme, rest = _get_scheme(raw)
    url.scheme = scheme.lower()
    if rest.endswith("?") and rest.count("?") == 1:
        url.force_query = True
        rest = rest[:-1]
    elif "?" in rest:
        rest, url.raw_query = rest.split("?", 1)
    if not rest.startswith("/"):
        if url.scheme:
            url.opaque = rest
            return url
        if via_request:
            raise _Reason("invalid URI for request")
        if ":" in rest.split("/", 1)[0]:
            raise _Reason("first path segment in URL cannot contain colon")
    if (url.scheme or (not via_request and not rest.startswith("///"))) and rest.startswith("//"):
        authority, rest = rest[2:], ""
        slash = authority.find("/")
        if slash >= 0:
            authority, rest = authority[:slash], authority[slash:]
        url.user, url.host = _parse_authority(authority)
    url.path = _unescape(rest, _PATH)
    url.raw_path = "" if _escape(url.path, _PATH) == rest else rest
    return url


def parse(raw: str) -> GoURL:
    """Like Go's ``url.Parse``; raises GoURLError with Go's message."""
    head, sep, fragment = raw.partition("#")
    try:
        url = _parse(head, False)
    except _Reason as reason:
        raise GoURLError(head, str(reason)) from None
    if not sep or fragment == "":
        return url
    try:
        url.fragment = _unescape(fragment, _FRAGMENT)
    except _Reason as reason:
        raise GoURLError(raw, str(reason)) from None
    url.raw_fragment = "" if _escape(url.fragment, _FRAGMENT) == fragment else fragment
    return url


def parse_request_uri(raw: str) -> GoURL:
    """Like Go's ``url.ParseRequestURI`` (absolute URI or absolute path, no fragment)."""
    try:
        return _parse(raw, True)
    except _Reason as reason:
        raise GoURLError(raw, str(reason)) from None


def try_parse(raw: str) -> GoURL | None:
    try:
        return parse(raw)
    except GoURLError:
        return None


def try_parse_request_uri(raw: str) -> GoURL | None:
    try:
        return parse_request_uri(raw)
    except GoURLError:
        return None
