"""A fake of the few GitHub endpoints the sign-in uses, served on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask, jsonify, request
from werkzeug.serving import make_server


@dataclass
class FakeGitHub:
    #: code -> (token, login)
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: token -> set of "owner/name" the user can read (besides public ones)
    access: dict[str, set[str]] = field(default_factory=dict)
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)
    url: str = ""

    def app(self) -> Flask:
        fake = Flask("fake_github")

        @fake.post("/login/oauth/access_token")
        def token():  # type: ignore[no-untyped-def]
            self.requests.append(("POST", request.path, None))
            code = request.form.get("code", "")
            if code not in self.codes or request.form.get("client_secret") != "s3cret":
                return jsonify({"error": "bad_verification_code"})
            return jsonify({"access_token": self.codes[code][0], "token_type": "bearer"})

        def caller() -> str | None:
            header = request.headers.get("Authorization", "")
            return header.removeprefix("Bearer ") if header.startswith("Bearer ") else None

        @fake.get("/user")
        def user():  # type: ignore[no-untyped-def]
            token = caller()
            self.requests.append(("GET", request.path, token))
            for known, login in self.codes.values():
                if known == token:
                    return jsonify({"login": login})
            return jsonify({"message": "Bad credentials"}), 401

        @fake.get("/repos/<owner>/<name>")
        def repo(owner: str, name: str):  # type: ignore[no-untyped-def]
            token = caller()
            self.requests.append(("GET", request.path, token))
            if f"{owner}/{name}" in self.access.get(token or "", set()):
                return jsonify({"full_name": f"{owner}/{name}", "private": True})
            return jsonify({"message": "Not Found"}), 404

        @fake.get("/user/repos")
        def user_repos():  # type: ignore[no-untyped-def]
            token = caller()
            self.requests.append(("GET", request.path, token))
            if request.args.get("page", "1") != "1":
                return jsonify([])
            return jsonify([{"full_name": n} for n in sorted(self.access.get(token or "", ()))])

        return fake


@contextmanager
def running(fake: FakeGitHub) -> Iterator[FakeGitHub]:
    server = make_server("127.0.0.1", 0, fake.app(), threaded=True)
    fake.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        thread.join(timeout=5)
