"""Write each profile's ``checks:`` lists from the check plugins' declared requirements.

Checks declare the requirements they decide; the profiles list, per requirement, the checks that
feed it, so a reader of the data file sees where each verdict comes from. This script keeps the
two in step (a test fails when they drift):

    python scripts/sync_profile_checks.py          # rewrite criteria/*.yml in place
    python scripts/sync_profile_checks.py --check  # exit 1 if a file would change

Lines are edited in place so that comments and formatting survive.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publiccode_checker.checks import all_checks  # noqa: E402
from publiccode_checker.criteria.profiles import DATA_DIR, profile_files  # noqa: E402

_ID = re.compile(r"^(\s*)- id: (\S+)\s*$")
_CHECKS = re.compile(r"^(\s*)checks: .*$")


def checks_by_requirement() -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = defaultdict(list)
    for check in all_checks().values():
        for requirement in check.requirements:
            mapping[requirement].append(check.id)
    return {req: sorted(ids) for req, ids in mapping.items()}


def synced(text: str, mapping: dict[str, list[str]]) -> str:
    lines = text.splitlines(keepends=True)
    current: str | None = None
    for n, line in enumerate(lines):
        id_match = _ID.match(line)
        if id_match:
            current = id_match.group(2).strip("\"'")
            continue
        checks_match = _CHECKS.match(line)
        if checks_match and current is not None:
            ids = mapping.get(current, [])
            lines[n] = f"{checks_match.group(1)}checks: [{', '.join(ids)}]\n"
            current = None
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report drift")
    args = parser.parse_args(argv)
    mapping = checks_by_requirement()
    drift = []
    for name in profile_files().values():
        path = DATA_DIR / name
        text = path.read_text(encoding="utf-8")
        new = synced(text, mapping)
        if new != text:
            drift.append(name)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if args.check and drift:
        print(f"out of date: {', '.join(drift)} (run scripts/sync_profile_checks.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
