"""Runs the real service for end-to-end tests: gunicorn and worker processes against a fake GitHub.

Everything listens on 127.0.0.1 only. Deliveries are signed like GitHub signs them.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from publiccode_checker.webhooks.signature import sign

ROOT = Path(__file__).resolve().parents[2]
SECRET = "end-to-end secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, interval: float = 0.05,
             what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Service:
    """The web service and its workers as separate processes, like in production."""

    def __init__(self, workdir: Path, fake: Any, *, redis_url: str | None = None,
                 web_processes: int = 1, worker_threads: int = 2,
                 extra_env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database_url = f"sqlite:///{workdir / 'service.sqlite3'}"
        self.env = {
            **os.environ,
            "GITHUB_APP_ID": str(fake.app_id),
            "GITHUB_PRIVATE_KEY": fake.private_key,
            "GITHUB_WEBHOOK_SECRET": SECRET,
            "GITHUB_APP_SLUG": fake.slug,
            "GITHUB_API_URL": fake.api_url,
            "GITHUB_PACING_SCALE": "0.01",
            "DATABASE_URL": self.database_url,
            "PUBLICCODE_CHECKER_INSTANCE": str(workdir / "instance"),
            "QUEUE_PATH": str(workdir / "queue.sqlite3"),
            "PUBLIC_URL": "https://checker.example",
            "WEB_CONCURRENCY": str(web_processes),
            "WORKER_THREADS": str(worker_threads),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.env.pop("REDIS_URL", None)
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.web: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.session = requests.Session()

    def _log(self, name: str) -> Any:
        return open(self.workdir / f"{name}.log", "ab")

    def start(self, workers: int = 1) -> Service:
        self.web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn",
             "--config", "python:publiccode_checker.web.gunicorn_config",
             "--bind", f"127.0.0.1:{self.port}", "app:app"],
            cwd=ROOT, env=self.env, stdout=self._log("web"), stderr=subprocess.STDOUT)
        wait_for(self._healthy, timeout=60, what="the web service")
        for _ in range(workers):
            self.start_worker()
        self.wait_for_workers(workers)
        return self

    def wait_for_workers(self, count: int) -> None:
        """Until ``count`` workers have registered (they do once warmed up, ready for jobs)."""
        wait_for(lambda: self.query("select count(*) from service_workers")[0][0] >= count,
                 timeout=60, interval=0.1, what=f"{count} workers")

    def _healthy(self) -> bool:
        if self.web is not None and self.web.poll() is not None:
            raise AssertionError("the web service exited:\n" + self.log("web"))
        try:
            return self.session.get(f"{self.url}/healthz", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    def start_worker(self) -> subprocess.Popen:
        worker = subprocess.Popen([sys.executable, "-m", "publiccode_checker.cli.main", "worker"],
                                  cwd=ROOT, env=self.env, stdout=self._log("worker"),
                                  stderr=subprocess.STDOUT)
        self.workers.append(worker)
        return worker

    def kill_worker(self, worker: subprocess.Popen) -> None:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        self.workers.remove(worker)

    def stop(self) -> None:
        for process in [*self.workers, self.web]:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [*self.workers, self.web]:
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.workers.clear()
        self.session.close()

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace")[-5000:] if path.exists() else ""

    def post(self, event: str, payload: Any, *, guid: str | None = None,
             secret: str = SECRET) -> requests.Response:
        body = json.dumps(payload).encode()
        headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": guid or str(uuid.uuid4()),
                   "X-Hub-Signature-256": sign(secret, body),
                   "Content-Type": "application/json",
                   "User-Agent": "GitHub-Hookshot/e2e"}
        return self.session.post(f"{self.url}/webhooks/github", data=body, headers=headers,
                                 timeout=10)

    def query(self, sql: str) -> list[tuple]:
        import sqlite3

        with sqlite3.connect(self.database_url[len("sqlite:///"):], timeout=30) as connection:
            return connection.execute(sql).fetchall()
