"""Command line: ``validate [--no-network] [--no-external-checks] [--json] [--path DIR] FILE...``.

Output and exit codes match the reference CLI for one file: one line per result
(``publiccode.yml:LINE:COL: error: KEY: MESSAGE``), nothing for a clean file, exit status 1 when
there is an error; ``--json`` prints the JSON array and always exits 0. With several files each
line starts with the file's own name instead, and ``--json`` prints one object per file.
``--hints`` adds our suggestions to the text lines (off by default to keep the output identical).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
from collections.abc import Sequence

from publiccode_checker.publiccode_yml.results import Result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="publiccode-checker validate",
        description="Validate publiccode.yml files like the reference publiccode-parser.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="file to check, '-' for stdin")
    parser.add_argument("--no-network", "-no-network", action="store_true",
                        help="do not check URLs over the network")
    parser.add_argument("--no-external-checks", "-no-external-checks", action="store_true",
                        help="do not check files or URLs at all (implies --no-network)")
    parser.add_argument("--json", "-json", action="store_true",
                        help="print the results as JSON")
    parser.add_argument("--path", "-path", metavar="DIR",
                        help="directory relative file names (logo, screenshots) are taken from")
    parser.add_argument("--hints", action="store_true",
                        help="add suggestions for common mistakes to the text output")
    parser.add_argument("--ipa-codes", metavar="FILE",
                        help="list of iPA codes (default: $PUBLICCODE_IPA_CODES)")
    return parser


def _go_json(value: object) -> str:
    text = json.dumps(value, indent=4, ensure_ascii=False)
    # Go's encoder escapes these in strings; doing the same keeps the bytes identical.
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _read(name: str) -> tuple[bytes | None, str | None]:
    if name == "-":
        return sys.stdin.buffer.read(), None
    path = os.path.abspath(name)
    try:
        with open(path, "rb") as handle:
            return handle.read(), None
    except OSError as error:
        reason = error.strerror.lower() if error.strerror else str(error)
        return None, f"can't open file '{path}': open {path}: {reason}"


def _check(name: str, args: argparse.Namespace) -> tuple[list[Result] | None, str | None]:
    from publiccode_checker.forge.guarded_fetch import fetch
    from publiccode_checker.publiccode_yml import validate

    data, problem = _read(name)
    if data is None:
        return None, problem
    if args.path:
        base: pathlib.Path | None = pathlib.Path(os.path.abspath(args.path))
    elif name == "-":
        base = None
    else:
        base = pathlib.Path(os.path.dirname(os.path.abspath(name)))
    network = not (args.no_network or args.no_external_checks)
    report = validate(
        data,
        network=network,
        fetcher=fetch if network else None,
        external_checks=not args.no_external_checks,
        base_dir=base,
        ipa_codes_path=pathlib.Path(args.ipa_codes) if args.ipa_codes else None,
    )
    return report.results, None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["validate"]:
        arguments = arguments[1:]
    args = _parser().parse_args(arguments)
    if not args.files:
        _parser().print_usage(sys.stderr)
        return 0
    several = len(args.files) > 1
    status = 0
    documents = []
    out = sys.stdout
    for name in args.files:
        results, problem = _check(name, args)
        if args.json:
            payload: object = {} if results is None else [r.as_json() for r in results]
            if several:
                documents.append({"file": name, "results": payload})
            else:
                out.write(("[]" if payload == [] else _go_json(payload)) + "\n")
            continue
        if results is None:
            out.write(f"{problem}\n")
            status = 1
            continue
        label = name if several else "publiccode.yml"
        for result in results:
            out.write(result.text(with_hint=args.hints, file_label=label) + "\n")
        if any(result.type == "error" for result in results):
            status = 1
    if args.json:
        if several:
            out.write(_go_json(documents) + "\n")
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
