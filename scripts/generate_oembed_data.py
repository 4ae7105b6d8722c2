#!/usr/bin/env python3
"""Regenerate the oEmbed URL patterns from the npm package ``oembed-providers``.

Output: checks/publiccode_yml/data/oembed_schemes.json

Usage:
    python scripts/generate_oembed_data.py                 # runs `npm pack oembed-providers`
    python scripts/generate_oembed_data.py --tarball X.tgz # use an already downloaded package

The package carries the oEmbed providers list (providers.json: a list of providers, each with
``endpoints[].schemes``, URL patterns where ``*`` stands for any run of characters). The output is
the flat, de-duplicated list of every scheme, in the order the providers list gives them.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

OUTPUT = (
    Path(__file__).resolve().parent.parent / "src" / "publiccode_checker" / "publiccode_yml"
    / "data" / "oembed_schemes.json"
)


def _pack(workdir: Path) -> Path:
    result = subprocess.run(
        ["npm", "pack", "oembed-providers", "--silent"],
        cwd=workdir, capture_output=True, text=True, check=True,
    )
    name = result.stdout.strip().splitlines()[-1]
    return workdir / name


def _providers(tarball: Path) -> list[dict]:
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.getmember("package/providers.json")
        handle = archive.extractfile(member)
        if handle is None:
            raise SystemExit("providers.json missing from the package")
        return json.load(io.TextIOWrapper(handle, encoding="utf-8"))


def schemes_from(providers: list[dict]) -> list[str]:
    seen: set[str] = set()
    schemes: list[str] = []
    for provider in providers:
        for endpoint in provider.get("endpoints") or []:
            for scheme in endpoint.get("schemes") or []:
                if isinstance(scheme, str) and scheme and scheme not in seen:
                    seen.add(scheme)
                    schemes.append(scheme)
    return schemes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="an oembed-providers .tgz already on disk")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or _pack(Path(tmp))
        schemes = schemes_from(_providers(tarball))
    if not schemes:
        print("no schemes found; refusing to write an empty list", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(schemes, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(schemes)} schemes to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
