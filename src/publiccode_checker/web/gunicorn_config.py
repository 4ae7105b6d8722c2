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
_sqlite = (os.environ.get("DATABASE_URL") or "sqlite").startswith("sqlite")
#: Webhook requests are short and mostly wait for the group commit of deliveries. On SQLite one
#: process is fastest: processes would contend for its single write lock, while threads of one
#: process share one writer. A server database takes several processes.
workers = int(os.environ.get("WEB_CONCURRENCY")
              or (1 if _sqlite else min(4, multiprocessing.cpu_count() * 2)))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 16)
#: GitHub gives up after 10 seconds; nothing we answer should take near that.
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


def on_starting(server: object) -> None:
    from publiccode_checker.settings import SettingsError, current_settings

    try:
        current_settings()
    except SettingsError as exc:
        print(f"publiccode-checker: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    if os.environ.get("SKIP_MIGRATIONS") != "1":
        from publiccode_checker.store.database import migrate

        migrate()
