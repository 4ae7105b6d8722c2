"""Webhook acceptance under load: rate, latency, nothing lost.

Runs the web service with gunicorn (production settings, embedded SQLite database and queue, or
Redis with ``--redis``) on 127.0.0.1 and drives it from a separate client process with signed
pull-request deliveries at a fixed offered rate, for a bounded number of requests. Every delivery
must be answered 202 and be found stored and queued afterwards.

Targets: 200 deliveries/s accepted, p99 under 50 ms, nothing lost.

Usage: python benchmarks/bench_webhooks.py [--rate 200] [--count 3000] [--redis]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_RATE, TARGET_P99_MS = 200.0, 50.0


def payload(number: int) -> bytes:
    return json.dumps({
        "action": "opened", "number": number, "installation": {"id": 1},
        "sender": {"login": "ada", "type": "User"},
        "repository": {"full_name": f"org/repo-{number % 50}", "default_branch": "main"},
        "pull_request": {"number": number, "head": {"sha": f"{number:040x}"},
                         "base": {"sha": "a" * 40}, "title": "x" * 2000},
    }).encode()


def drive(url: str, secret: str, rate: float, count: int, connections: int,
          results: multiprocessing.Queue) -> None:
    """Client process: offered load at ``rate``, ``connections`` keep-alive connections."""
    import threading

    import requests

    from publiccode_checker.webhooks.signature import sign

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    start = time.perf_counter() + 0.2
    next_index = iter(range(count))

    def worker() -> None:
        session = requests.Session()
        for index in next_index:
            due = start + index / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            body = payload(index)
            headers = {"X-GitHub-Event": "pull_request", "X-GitHub-Delivery": str(uuid.uuid4()),
                       "X-Hub-Signature-256": sign(secret, body),
                       "Content-Type": "application/json"}
            began = time.perf_counter()
            try:
                status = session.post(url, data=body, headers=headers, timeout=10).status_code
            except requests.RequestException:
                status = 0
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((latencies, statuses, time.perf_counter() - start))


def queued_guids(env: dict[str, str]) -> set[str]:
    """Deliveries waiting in the queue (tasks carry batches of delivery ids)."""
    from publiccode_checker.jobs.queue import build_huey
    from publiccode_checker.jobs.tasks import register
    from publiccode_checker.settings import load_settings

    huey = build_huey(load_settings(env))
    register(huey)
    return {guid for task in huey.pending() for guid in task.args[0]}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=TARGET_RATE)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--redis", action="store_true", help="queue on a local redis-server")
    args = parser.parse_args(argv)

    from tests.e2e.service import free_port, wait_for

    workdir = Path(tempfile.mkdtemp(prefix="bench-webhooks-"))
    secret = "bench secret"
    port = free_port()
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    import os

    env = {**os.environ, "GITHUB_APP_ID": "1", "GITHUB_PRIVATE_KEY": key,
           "GITHUB_WEBHOOK_SECRET": secret, "GITHUB_APP_SLUG": "bench",
           "DATABASE_URL": f"sqlite:///{workdir / 'service.sqlite3'}",
           "PUBLICCODE_CHECKER_INSTANCE": str(workdir / "instance"),
           "QUEUE_PATH": str(workdir / "queue.sqlite3"), "LOG_LEVEL": "WARNING"}
    env.pop("REDIS_URL", None)
    redis_process = None
    if args.redis:
        redis_port = free_port()
        redis_process = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--bind", "127.0.0.1", "--port",
             str(redis_port), "--save", "", "--appendonly", "yes", "--appendfsync",
             "everysec", "--dir", str(workdir)], stdout=subprocess.DEVNULL)
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config",
                            "python:publiccode_checker.web.gunicorn_config",
                            "--bind", f"127.0.0.1:{port}",
                            "app:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=open(workdir / "web.log", "wb"))  # noqa: SIM115
    try:
        import requests

        def healthy() -> bool:
            try:
                return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok
            except requests.RequestException:
                return False

        wait_for(healthy, timeout=60, what="the web service")
        context = multiprocessing.get_context("spawn")
        results: multiprocessing.Queue = context.Queue()
        client = context.Process(
            target=drive, args=(f"http://127.0.0.1:{port}/webhooks/github", secret, args.rate,
                                args.count, args.connections, results))
        client.start()
        latencies, statuses, elapsed = results.get(timeout=600)
        client.join()
    finally:
        web.terminate()
        web.wait(timeout=30)
    with sqlite3.connect(workdir / "service.sqlite3") as db:
        stored = db.execute("select count(*) from service_deliveries").fetchone()[0]
    queued = len(queued_guids(env))
    if redis_process is not None:
        redis_process.terminate()
    latencies.sort()
    accepted = statuses.get(202, 0)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    rate = accepted / elapsed
    print(f"offered {args.rate:.0f}/s for {args.count} deliveries "
          f"({'redis' if args.redis else 'sqlite'} queue, {args.connections} connections)")
    print(f"accepted {accepted}/{args.count} at {rate:.0f}/s; statuses {statuses}")
    print(f"latency p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies[-1] * 1000:.1f} ms")
    print(f"stored {stored}, queued {queued} (lost: {args.count - min(stored, queued)})")
    ok = (accepted == args.count and stored == args.count and queued == args.count
          and rate >= TARGET_RATE * 0.95 and p99 < TARGET_P99_MS)
    print("target met" if ok else "TARGET MISSED")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
