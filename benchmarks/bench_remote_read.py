"""Time reading a 2,000-file repository from the fake GitHub, with 30 ms latency per request.

Run with ``python benchmarks/bench_remote_read.py [--files N] [--latency MS] [--runs N]``.
Prints, per run, the API reads for the repository, archive downloads and wall time, then the
median wall time over the runs. A read must stay within five API requests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publiccode_checker.forge.github import GitHubApp, LocalPacer
from tests.fake_github import FakeGitHub, FixtureRepo

MAX_READS = 5


def generated_files(count: int) -> dict[str, bytes | str]:
    files: dict[str, bytes | str] = {
        "README.md": "# Generated product\n\nA generated repository for benchmarks.\n",
        "LICENSE": "EUPL-1.2\n",
        "CONTRIBUTING.md": "# Contributing\n",
        "publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: generated\n",
        ".github/workflows/ci.yml": "on: push\n",
        "docs/index.md": "# Docs\n",
    }
    n = 0
    while len(files) < count:
        files[f"src/pkg_{n // 50:02}/module_{n:04}.py"] = f'"""Module {n}."""\n\nVALUE = {n}\n' * 8
        n += 1
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=30.0, help="milliseconds per request")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with FakeGitHub() as fake:
        repo = fake.add_repository(FixtureRepo("bench/generated", generated_files(args.files)),
                                   installation_id=1)
        app = GitHubApp(fake.app_id, fake.private_key, fake.api_url, pacer=LocalPacer())
        app.installation(1).get_repository(repo.full_name)  # mint the token outside the timing
        fake.set_latency(args.latency / 1000)
        print(f"repository: {len(repo.files):,} files, {sum(map(len, repo.files.values())):,} "
              f"bytes; latency {args.latency:.0f} ms per request")
        walls = []
        for run in range(1, args.runs + 1):
            client = app.installation(1)
            started = time.perf_counter()
            snapshot = client.read_snapshot(repo.full_name)
            wall = time.perf_counter() - started
            walls.append(wall)
            reads, writes = client.counter.per_repository[repo.full_name]
            print(f"run {run}: {reads} reads, {writes} writes, {client.counter.downloads} "
                  f"download(s), {len(snapshot.entries()):,} entries, {wall * 1000:.0f} ms")
            if reads > MAX_READS or len(snapshot.entries()) != len(repo.files):
                print("FAILED: too many reads or files missing")
                return 1
        print(f"median of {args.runs} runs: {statistics.median(walls) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
