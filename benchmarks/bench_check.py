"""Times ``publiccode-checker check``: a generated 10,000-file tree, this repository, start-up.

    python benchmarks/bench_check.py [--files 10000] [--runs 5]

Prints the median wall time of the whole check after start-up (snapshot + every check + report),
the slowest checks, and the command's start-up time (``--version`` in a fresh process).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

README = """# Parking permits

Parking permits is a web application that lets residents apply for and renew parking permits
online. Municipalities use it to replace paper forms.

## Installation

```sh
docker compose up
```

## Contributing

See CONTRIBUTING.md. We welcome bug reports, fixes and translations.
"""
PY = """# SPDX-FileCopyrightText: 2025 Example Kommune
# SPDX-License-Identifier: EUPL-1.2
import os

API_URL = os.environ.get("API_URL", "http://localhost:8000")


def handler_{n}(request):
    \"\"\"Handle request number {n}.\"\"\"
    return {{"status": "ok", "id": {n}}}
"""
JS = "// SPDX-License-Identifier: EUPL-1.2\nexport function f{n}() {{ return {n}; }}\n"
MD = "# Page {n}\n\nThis page explains part {n} of the permit process in plain words.\n"


def generate(root: Path, count: int) -> None:
    rng = random.Random(42)
    (root / "README.md").write_text(README)
    (root / "LICENSE").write_text("SPDX-License-Identifier: EUPL-1.2\n")
    for n in range(count - 2):
        kind = rng.random()
        if kind < 0.55:
            path = root / f"src/pkg{n % 40}/module_{n}.py"
            text = PY.format(n=n)
        elif kind < 0.80:
            path = root / f"web/components/c{n % 30}/comp_{n}.js"
            text = JS.format(n=n)
        elif kind < 0.90:
            path = root / f"tests/test_{n}.py"
            text = PY.format(n=n)
        elif kind < 0.97:
            path = root / f"docs/section{n % 10}/page_{n}.md"
            text = MD.format(n=n)
        else:
            path = root / f"assets/img_{n}.png"
            text = None
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(256)))
        else:
            path.write_text(text)


def time_check(path: Path, runs: int) -> tuple[float, dict[str, float], int]:
    from publiccode_checker.evaluation.engine import evaluate
    from publiccode_checker.reports import render
    from publiccode_checker.snapshots.local import LocalSnapshot

    timings = []
    last = None
    for _ in range(runs):
        started = time.perf_counter()
        snapshot = LocalSnapshot(path)
        evaluation = evaluate(snapshot, "sfpc")
        render(evaluation, "json")
        timings.append(time.perf_counter() - started)
        last = evaluation
    assert last is not None
    return statistics.median(timings), last.timings_ms, len(snapshot.paths)


def time_startup(runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "publiccode_checker.cli.main", "--version"], cwd=ROOT,
                       check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from publiccode_checker.checks import all_checks

    all_checks()  # imports done before timing: the targets are "after start-up"
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        generate(tree, args.files)
        median, per_check, files = time_check(tree, args.runs)
        print(f"generated tree: {files} files, check median {median * 1000:.0f} ms "
              f"over {args.runs} runs (target < 1000 ms)")
        slowest = sorted(((v, k) for k, v in per_check.items() if k != "total"), reverse=True)
        print("  slowest checks: " + ", ".join(f"{k} {v:.0f} ms" for v, k in slowest[:6]))
    median, _, files = time_check(ROOT, args.runs)
    print(f"this repository: {files} files, check median {median * 1000:.0f} ms")
    print(f"CLI start-up (--version, fresh process): {time_startup(args.runs) * 1000:.0f} ms "
          "(target < 300 ms)")


if __name__ == "__main__":
    main()
