"""``publiccode-checker``: the command line.

Exit codes of ``check``: 0 nothing at or above ``--fail-on`` failed, 1 it did, 2 the command could
not run (bad arguments, a path that is not a directory).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publiccode_checker.evaluation.model import Evaluation

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    from publiccode_checker.criteria.profiles import available_profiles, default_profile
    from publiccode_checker.reports import FORMATS

    parser = argparse.ArgumentParser(
        prog="publiccode-checker",
        description="Check a repository against the Standard for Public Code and publiccode.yml.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check a local checkout (offline)")
    check.add_argument("path", nargs="?", default=".", help="directory to check (default: .)")
    check.add_argument("--profile", choices=available_profiles(),
                       help="profile to check against (default: from the config file, else "
                            f"{default_profile()})")
    check.add_argument("--format", choices=FORMATS, default="text", help="report format")
    check.add_argument("--fail-on", choices=("must", "should", "never"),
                       help="exit 1 when a MUST fails (must, the default), also on SHOULD "
                            "warnings (should), or never")
    check.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in the text report (auto: only on a terminal)")
    check.add_argument("--verbose", "-v", action="store_true",
                       help="show why and how to fix for passing requirements too")
    check.add_argument("--lang", default=os.environ.get("PUBLICCODE_CHECKER_LANG"),
                       help="language of the text and Markdown reports, e.g. da (Danish); "
                            "default English")
    check.add_argument("--no-git", action="store_true",
                       help="read the directory only, not its git history")
    check.add_argument("--record", action="store_true",
                       help="store the evaluation in the history database (DATABASE_URL)")
    check.add_argument("--as-of", metavar="DATE", type=_moment,
                       help="evaluate as of this date (YYYY-MM-DD, midnight UTC) or time (ISO "
                            "8601): time windows such as 'the last 90 days' count back from it; "
                            "default now")

    explain = commands.add_parser(
        "explain", help="how a check decides, its known limitations and examples")
    explain.add_argument("name", help="a check id (licence-file) or a requirement id (OL-3)")

    validate = commands.add_parser(
        "validate", help="validate publiccode.yml files (drop-in for the reference parser)",
        add_help=False,
    )
    validate.add_argument("args", nargs=argparse.REMAINDER)
    commands.add_parser(
        "refresh-ipa-codes", add_help=False,
        help="download the Italian public-administration codes publiccode.yml is checked against",
    )

    from publiccode_checker.cli.service import add_commands

    add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["refresh-ipa-codes"]:
        from publiccode_checker.cli.ipa_refresh import main as refresh_main

        return refresh_main(args_list[1:])
    if args_list[:1] == ["validate"]:
        from publiccode_checker.cli.validate import main as validate_main

        return validate_main(args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.version:
        from publiccode_checker.reports.json_report import tool_version

        print(f"publiccode-checker {tool_version()}")
        return EXIT_OK
    if args.command == "check":
        return run_check(args)
    if args.command == "explain":
        return run_explain(args.name)
    if args.command in ("serve", "worker"):
        from publiccode_checker.cli import service

        return service.run_serve(args) if args.command == "serve" else service.run_worker(args)
    parser.print_help()
    return EXIT_USAGE


def run_check(args: argparse.Namespace) -> int:
    from publiccode_checker.evaluation.engine import evaluate, fails_on
    from publiccode_checker.reports import render
    from publiccode_checker.snapshots.local import LocalSnapshot, NotADirectoryProblem

    try:
        snapshot = LocalSnapshot(args.path, use_git=not args.no_git)
    except NotADirectoryProblem as exc:
        print(f"publiccode-checker: {exc}", file=sys.stderr)
        return EXIT_USAGE
    evaluation = evaluate(snapshot, args.profile, as_of=args.as_of)
    if args.record and not _record(evaluation, args.path):
        return EXIT_USAGE
    stream = sys.stdout
    color = args.color == "always" or (
        args.color == "auto" and args.output is None and stream.isatty()
        and "NO_COLOR" not in os.environ
    )
    report = render(evaluation, args.format, color=color, verbose=args.verbose, lang=args.lang)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(report)
        except OSError as exc:
            print(f"publiccode-checker: cannot write {args.output}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(evaluation.summary.sentence(), file=sys.stderr)
    else:
        stream.write(report)
    threshold = args.fail_on or evaluation.fail_on or "must"
    return EXIT_FAILED if fails_on(evaluation, threshold) else EXIT_OK


def _moment(value: str) -> datetime:
    """A date or an ISO 8601 time; UTC unless it names another zone."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date (YYYY-MM-DD) or an ISO 8601 time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run_explain(name: str) -> int:
    """Print the reference page of a check, or of every check deciding a requirement."""
    from publiccode_checker.checks import all_checks
    from publiccode_checker.criteria.profiles import available_profiles, load_profile
    from publiccode_checker.reports.reference import check_page

    checks = all_checks()
    wanted = name.strip()
    chosen = [checks[wanted]] if wanted in checks else [
        c for c in checks.values() if wanted.upper() in c.requirements]
    if not chosen:
        close = sorted(c for c in checks if wanted.lower() in c)[:5]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        print(f"publiccode-checker: no check or requirement called {wanted!r}{hint}",
              file=sys.stderr)
        return EXIT_USAGE
    profiles = [load_profile(p) for p in available_profiles()]
    pages = [check_page(c, profiles).split("\n", 2)[2] for c in chosen]  # without the comment
    sys.stdout.write("\n".join(pages))
    return EXIT_OK


def _record(evaluation: Evaluation, path: str) -> bool:
    from sqlalchemy.exc import SQLAlchemyError

    from publiccode_checker.cli.record import record_cli_evaluation

    try:
        record_cli_evaluation(evaluation, path)
    except (SQLAlchemyError, OSError) as exc:
        print(f"publiccode-checker: cannot record the evaluation: {exc}", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
