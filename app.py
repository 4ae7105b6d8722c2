"""The web service: ``gunicorn app:app``."""

from __future__ import annotations

from flask import Flask, jsonify


def create_app() -> Flask:
    flask_app = Flask("publiccode_checker")

    @flask_app.get("/healthz")
    def healthz():  # type: ignore[no-untyped-def]
        return jsonify({"status": "ok"})

    return flask_app


app = create_app()
