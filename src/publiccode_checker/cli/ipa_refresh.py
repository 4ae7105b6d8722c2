"""Download the list of Italian public-administration codes (iPA) for publiccode.yml checks.

Source: IndicePA open data, dataset "Enti" (https://www.indicepa.gov.it/ipa-dati/dataset/enti),
CSV export of the datastore resource (the default --url below). The CSV has a header row; the code
is in the column ``Codice_IPA`` (older exports: ``cod_amm``). Any CSV or plain list with such a
column, or with one code per line, can be given with --url or --from-file.

Output: one code per line, sorted, written atomically to (first match wins)
--output, $PUBLICCODE_IPA_CODES, or $XDG_DATA_HOME/publiccode-checker/ipa_codes.txt
(~/.local/share/publiccode-checker/ipa_codes.txt). The validator reads the same location.

Run it as ``publiccode-checker refresh-ipa-codes [--url URL | --from-file FILE] [--output FILE]``.
The download goes through the guarded fetcher. The previous list is kept when the download
fails or looks wrong (fewer than --min-codes codes).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
from pathlib import Path

DEFAULT_URL = (
    "https://www.indicepa.gov.it/ipa-dati/datastore/dump/"
    "d09adf99-dc10-4349-8c53-27b1e5aa97b6?bom=True&format=csv"
)
CODE_COLUMNS = ("codice_ipa", "cod_amm", "codiceipa")


def parse_codes(text: str) -> list[str]:
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    if "," not in first_line and ";" not in first_line:
        return sorted({line.strip() for line in text.splitlines() if line.strip()})
    dialect = csv.Sniffer().sniff(first_line, delimiters=",;")
    reader = csv.reader(io.StringIO(text), dialect)
    header = [name.strip().lower() for name in next(reader, [])]
    column = next((header.index(name) for name in CODE_COLUMNS if name in header), None)
    if column is None:
        raise ValueError(f"no iPA code column ({', '.join(CODE_COLUMNS)}) in {header[:10]}")
    codes = {row[column].strip() for row in reader if len(row) > column and row[column].strip()}
    return sorted(codes)


def main(argv: list[str] | None = None) -> int:
    from publiccode_checker.publiccode_yml.vocabularies import resolve_ipa_codes_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--from-file", type=Path, help="read a downloaded CSV instead")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--min-codes", type=int, default=10_000)
    args = parser.parse_args(argv)

    if args.from_file:
        text = args.from_file.read_text(encoding="utf-8-sig")
    else:
        from publiccode_checker.forge.guarded_fetch import FetchError, fetch

        try:
            result = fetch(args.url, max_bytes=200 * 1024 * 1024, timeout=60)
        except FetchError as error:
            print(f"download failed: {error}", file=sys.stderr)
            return 1
        if not result.ok:
            print(f"download failed: HTTP status {result.status}", file=sys.stderr)
            return 1
        text = result.content.decode("utf-8-sig", errors="replace")
    try:
        codes = parse_codes(text)
    except (ValueError, csv.Error) as error:
        print(f"unexpected format: {error}", file=sys.stderr)
        return 1
    if len(codes) < args.min_codes:
        print(f"only {len(codes)} codes found; keeping the current list", file=sys.stderr)
        return 1
    output = resolve_ipa_codes_path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=output.parent,
                                     delete=False) as handle:
        handle.write("\n".join(codes) + "\n")
    os.replace(handle.name, output)
    print(f"wrote {len(codes)} iPA codes to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
