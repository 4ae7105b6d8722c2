"""gunicorn settings for ``gunicorn --config gunicorn_config.py app:app`` (see the Procfile).

The master checks the settings and brings the database schema up to date before any worker starts,
so a bad setting stops start-up with one line naming it instead of a crash loop of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

bind = os.environ.get("BIND") or (f"0.0.0.0:{os.environ['PORT']}" if os.environ.get("PORT")
                                  else "127.0.0.1:8000")
#: Webhook requests are short and wait on the database: a few processes with a few threads each.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(4, multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 4)
#: GitHub gives up after 10 seconds; nothing we answer should take near that.
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


def on_starting(server: object) -> None:
    from app_settings import SettingsError, current_settings

    try:
        current_settings()
    except SettingsError as exc:
        print(f"publiccode-checker: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    if os.environ.get("SKIP_MIGRATIONS") != "1":
        from database import migrate

        migrate()
