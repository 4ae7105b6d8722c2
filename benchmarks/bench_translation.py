"""Translating run-time messages into Danish: building the index, a first pass, a remembered pass.

    python benchmarks/bench_translation.py [--runs 7]

The messages are those of evaluations of small generated repositories under both profiles.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.i18n import messages
from publiccode_checker.i18n.catalogs import catalog_for
from publiccode_checker.snapshots import MemorySnapshot

FILES = {
    "README.md": ("# Calendar\n\nWaste collection dates for residents.\n\n"
                  "## Install\n\npip install .\n"),
    "CONTRIBUTING.md": "# Contributing\n\nOpen an issue before a pull request.\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2026 Example Town\n",
    "src/app.py": "def main():\n    return 1\n",
}


def messages_of_evaluations() -> list[str]:
    texts = []
    for profile in ("sfpc", "os2"):
        evaluation = evaluate(MemorySnapshot(FILES, label="bench"), profile)
        for result in evaluation.requirements:
            texts.append(result.message)
            texts.extend(e.message for e in result.evidence)
    return [t for t in texts if t]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    texts = messages_of_evaluations()
    catalog_for("da")
    built, first, again = [], [], []
    for _ in range(args.runs):
        messages._matchers.clear()
        started = time.perf_counter()
        messages.matcher_for("da")
        built.append(time.perf_counter() - started)
        started = time.perf_counter()
        for text in texts:
            messages.translate_message(text, "da")
        first.append(time.perf_counter() - started)
        started = time.perf_counter()
        for text in texts:
            messages.translate_message(text, "da")
        again.append(time.perf_counter() - started)
    print(f"{len(texts)} messages, median of {args.runs} runs: index built in "
          f"{statistics.median(built) * 1000:.1f} ms, translated in "
          f"{statistics.median(first) * 1000:.1f} ms, again (remembered) in "
          f"{statistics.median(again) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
