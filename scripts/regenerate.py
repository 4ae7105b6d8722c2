"""Regenerate everything derived from the checks' declarations, or check that it is current.

    python3 scripts/regenerate.py          # write what changed
    python3 scripts/regenerate.py --check  # change nothing; exit 1 and say what is stale

Three things follow from the ``@check`` declarations and the profiles:

1. each profile's ``checks:`` lists (``criteria/*.yml``), so a reader sees where verdicts come from;
2. the message catalogues (``src/publiccode_checker/i18n/translations``): every title, why, fix
   and run-time sentence, and whether each language has all of them with the same placeholders;
3. the reference pages of the checks (``docs/checks/``).

After adding or changing a check, run it once and commit what it wrote. CI runs it with
``--check``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publiccode_checker.checks import all_checks, load_errors  # noqa: E402
from publiccode_checker.criteria.profiles import (  # noqa: E402
    DATA_DIR,
    available_profiles,
    load_profile,
    profile_files,
)
from publiccode_checker.reports.reference import reference_pages  # noqa: E402
from scripts import extract_messages  # noqa: E402
from scripts.sync_profile_checks import checks_by_requirement, synced  # noqa: E402

PAGES_DIR = ROOT / "docs" / "checks"


def profile_lists() -> dict[Path, bytes]:
    mapping = checks_by_requirement()
    return {DATA_DIR / name: synced((DATA_DIR / name).read_text(encoding="utf-8"),
                                     mapping).encode("utf-8")
            for name in profile_files().values()}


def catalogues() -> tuple[dict[Path, bytes], list[str]]:
    """The catalogue files, and what is wrong with the translations."""
    files = extract_messages.generated_files(extract_messages.build_template(),
                                             extract_messages.languages())
    problems = []
    for path, (_content, catalog) in files.items():
        if path.suffix != ".po":
            continue
        lang = path.parent.parent.name
        problems += [f"{lang}: not translated: {m[:80]}"
                     for m in extract_messages.missing(catalog)]
        problems += [f"{lang}: placeholders differ: {m[:80]}"
                     for m in extract_messages.placeholder_mismatches(catalog)]
    return {path: content for path, (content, _catalog) in files.items()}, problems


def pages() -> dict[Path, bytes]:
    profiles = [load_profile(p) for p in available_profiles()]
    return {PAGES_DIR / name: text.encode("utf-8")
            for name, text in reference_pages(all_checks(), profiles).items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when something is stale")
    args = parser.parse_args(argv)
    if load_errors:
        for plugin, error in load_errors.items():
            print(f"check plugin {plugin} could not be loaded: {error}")
        return 1
    wanted = {**profile_lists(), **pages()}
    messages, problems = catalogues()
    wanted.update(messages)
    stale = [path for path, content in wanted.items()
             if not path.exists() or path.read_bytes() != content]
    extra = [path for path in PAGES_DIR.glob("*.md") if path not in wanted]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)}")
        for path in extra:
            print(f"no longer generated: {path.relative_to(ROOT)}")
        for problem in problems:
            print(problem)
        if stale or extra:
            print("run: python3 scripts/regenerate.py, and commit what it writes")
        return 1 if stale or extra or problems else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(wanted[path])
        print(f"wrote {path.relative_to(ROOT)}")
    for path in extra:
        path.unlink()
        print(f"removed {path.relative_to(ROOT)}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
