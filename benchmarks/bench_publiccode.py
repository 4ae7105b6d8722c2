"""Time the publiccode.yml validator on the conformance folder.

Prints the total time for every file in one process (first run included, so vocabulary loading
counts), the median time per file, and the wall time of one CLI run in a fresh process.
Targets: all files under 1.5 s, median under 2 ms, one CLI run under 250 ms.

Usage: python benchmarks/bench_publiccode.py [CONFORMANCE_DIR]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    default = ROOT.parent / "shared" / "conformance" / "publiccode" / "testdata"
    folder = Path(argv[0]) if argv else Path(
        os.environ.get("PUBLICCODE_CHECKER_REFERENCE", ROOT.parent / "shared")
    ) / "conformance" / "publiccode" / "testdata"
    if not folder.exists():
        folder = default
    files = sorted(folder.rglob("*.yml"))
    if not files:
        print(f"no .yml files under {folder}")
        return 1

    from publiccode_checker.publiccode_yml import validate

    durations = []
    start = time.perf_counter()
    for path in files:
        began = time.perf_counter()
        validate(path.read_bytes(), base_dir=path.parent)
        durations.append(time.perf_counter() - began)
    total = time.perf_counter() - start

    sample = next((p for p in files if p.name == "valid.yml"), files[0])
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "publiccode_checker.cli.main", "validate", "--no-network",
         str(sample)],
        cwd=ROOT, capture_output=True, check=False,
    )
    cli = time.perf_counter() - began

    print(f"files: {len(files)}")
    print(f"total in-process: {total * 1000:.0f} ms (target < 1500 ms)")
    print(f"median per file: {statistics.median(durations) * 1000:.2f} ms (target < 2 ms)")
    print(f"single-file CLI wall time: {cli * 1000:.0f} ms (target < 250 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
