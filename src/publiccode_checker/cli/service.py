"""``publiccode-checker serve`` and ``publiccode-checker worker``.

``serve`` runs everything on one machine with embedded defaults: SQLite for the database and the
queue, the web service (gunicorn) in the foreground and a worker process beside it. ``worker`` runs
one worker: the queue consumer, its heartbeat and the reaper.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys

EXIT_OK, EXIT_SETTINGS = 0, 2

log = logging.getLogger("publiccode_checker.worker")


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = commands.add_parser("serve", help="run the GitHub App service on this machine")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000),
                       help="port to listen on (default: $PORT or 8000)")
    serve.add_argument("--no-worker", action="store_true",
                       help="do not start a worker process (run one with 'worker')")
    worker = commands.add_parser("worker", help="run a worker for queued checks")
    worker.add_argument("--threads", type=int, help="jobs run at once (default: WORKER_THREADS "
                                                    "or 2)")


def _settings_or_exit() -> object:
    from publiccode_checker.settings import SettingsError, current_settings

    try:
        return current_settings()
    except SettingsError as exc:
        print(f"publiccode-checker: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_SETTINGS) from None


def prepare_database() -> None:
    from publiccode_checker.store.database import migrate

    migrate()


def run_worker(args: argparse.Namespace) -> int:
    from publiccode_checker.settings import Settings

    settings = _settings_or_exit()
    assert isinstance(settings, Settings)
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    prepare_database()
    from publiccode_checker.jobs import reaper, workers
    from publiccode_checker.jobs.queue import backend_name
    from publiccode_checker.jobs.tasks import worker_huey

    huey = worker_huey()
    _warm_up()
    worker_id = workers.register()
    # Work a dead worker left behind is finished before anything new starts.
    reaper.reap()
    heartbeat = workers.Heartbeat(worker_id, also=reaper.reap)
    heartbeat.start()
    threads = args.threads or settings.worker_threads
    log.info("worker %s: %d threads on the %s queue", worker_id, threads, backend_name(huey))
    if not settings.configured:
        log.warning("no GitHub App credentials yet: jobs wait until the app is registered")
    consumer = huey.create_consumer(
        workers=threads, worker_type="thread", periodic=True,
        # Poll the embedded queue often: feedback on a pull request should not wait on polling.
        initial_delay=0.05, backoff=1.2, max_delay=0.5,
        check_worker_health=True, graceful_signal="TERM", shutdown_timeout=25,
    )
    try:
        consumer.run()
    finally:
        heartbeat.stop()
        reaper.release_worker(worker_id)
        workers.unregister(worker_id)
    return EXIT_OK


def _warm_up() -> None:
    """Load profiles and checks now, so the first pull request does not wait for it."""
    from publiccode_checker.evaluation.engine import evaluate
    from publiccode_checker.snapshots import MemorySnapshot

    try:
        evaluate(MemorySnapshot({"README.md": "# warm-up\n"}, label="warm-up"))
    except Exception:  # a broken check shows up in real jobs with its own report
        log.warning("warm-up evaluation failed", exc_info=True)


def run_serve(args: argparse.Namespace) -> int:
    from publiccode_checker.settings import Settings

    settings = _settings_or_exit()
    assert isinstance(settings, Settings)
    prepare_database()
    worker = None
    if not args.no_worker:
        worker = subprocess.Popen([sys.executable, "-m", "publiccode_checker.cli.main", "worker"])
    address = f"http://{args.host}:{args.port}"
    if settings.configured:
        print(f"publiccode-checker is running at {address}/\n"
              f"  webhooks: {address}/webhooks/github (GitHub must reach this address; set "
              "PUBLIC_URL to the address it uses)\n"
              f"  health:   {address}/healthz")
    else:
        print(f"publiccode-checker is running at {address}/ in set-up mode.\n"
              f"  Next: open {address}/setup to register the GitHub App.")
    sys.stdout.flush()
    try:
        return _gunicorn(args.host, args.port)
    finally:
        if worker is not None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()


def _gunicorn(host: str, port: int) -> int:
    from gunicorn.app.wsgiapp import WSGIApplication

    argv = ["gunicorn", "--config", "python:publiccode_checker.web.gunicorn_config",
            "--bind", f"{host}:{port}", "publiccode_checker.web.factory:create_app_or_exit()"]
    saved = sys.argv
    sys.argv = argv
    try:
        WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
    except SystemExit as exc:
        return int(exc.code or 0)
    finally:
        sys.argv = saved
    return EXIT_OK
