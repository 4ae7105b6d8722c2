"""Time licence identification per file.

Run with ``python benchmarks/bench_licence.py``. Uses the licence fixture texts from the
reference folder when present, otherwise texts generated from the bundled licences (exact,
edited and unrelated texts). Prints the median and 95th percentile in milliseconds per file.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publiccode_checker.licensing.catalog import licences
from publiccode_checker.licensing.files import find_licence_files
from publiccode_checker.licensing.identify import identify, templates
from publiccode_checker.licensing.project import decode_text

TARGET_MS = 5.0
ROUNDS = 5


def reference_texts() -> list[tuple[str, str]]:
    configured = os.environ.get("PUBLICCODE_CHECKER_REFERENCE")
    base = Path(configured) if configured else Path(__file__).resolve().parents[2] / "shared"
    fixtures = base / "conformance" / "licensee" / "fixtures"
    if not fixtures.is_dir():
        return []
    texts = []
    for folder in sorted(p for p in fixtures.iterdir() if p.is_dir()):
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        for candidate in find_licence_files(files):
            texts.append((candidate.path, decode_text((folder / candidate.path).read_bytes())))
    return texts


def generated_texts() -> list[tuple[str, str]]:
    rng = random.Random(1)
    texts = []
    for lic in licences():
        words = lic.text.split()
        texts.append(("LICENSE", f"Copyright (c) 2024 Example\n\n{lic.text}"))
        edited = list(words)
        for _ in range(max(1, len(words) // 50)):
            edited[rng.randrange(len(edited))] = "municipality"
        texts.append(("LICENSE.md", " ".join(edited)))
        texts.append(("COPYING", " ".join(rng.sample(words, min(len(words), 300)))))
    return texts


def main() -> int:
    started = time.perf_counter()
    templates()  # built once per process; not part of the per-file cost
    warmup_ms = (time.perf_counter() - started) * 1000
    texts = reference_texts()
    source = "reference fixtures"
    if not texts:
        texts, source = generated_texts(), "generated texts"
    timings = []
    for _ in range(ROUNDS):
        for name, text in texts:
            begin = time.perf_counter()
            identify(text, name)
            timings.append((time.perf_counter() - begin) * 1000)
    timings.sort()
    median = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{len(texts)} files from {source}, {ROUNDS} rounds; template build {warmup_ms:.0f} ms")
    print(f"median {median:.2f} ms/file, p95 {p95:.2f} ms/file, max {timings[-1]:.2f} ms "
          f"(target < {TARGET_MS} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
