"""Rebuild ``licensing/data/licences.json.gz`` from SPDX licence-list data.

Two registry packages supply the data:

* the npm package ``spdx-license-list`` (full licence texts, names, OSI approval), and
* the PyPI package ``reuse``, whose source distribution carries the SPDX ``licenses.json``
  (FSF-libre and deprecated flags).

Run from the repository root (needs ``npm`` and ``pip`` on PATH and access to both registries)::

    python scripts/generate_licence_data.py

or, with the packages already unpacked somewhere::

    python scripts/generate_licence_data.py --npm-dir /tmp/package --reuse-json /tmp/licenses.json

Only the licences that GitHub's detector knows get a full text (``TEMPLATE_KEYS``): matching
against more texts would name licences GitHub reports as ``NOASSERTION``. Metadata covers the
whole SPDX list.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from pathlib import Path

NPM_PACKAGE = "spdx-license-list@6.12.0"
PYPI_PACKAGE = "reuse==6.2.0"
OUTPUT = (Path(__file__).resolve().parent.parent / "src" / "publiccode_checker" / "licensing"
          / "data" / "licences.json.gz")

# Lower-case keys of the licences GitHub's detector matches license files against.
TEMPLATE_KEYS = (
    "0bsd afl-3.0 agpl-3.0 apache-2.0 artistic-2.0 blueoak-1.0.0 bsd-2-clause-patent "
    "bsd-2-clause bsd-3-clause-clear bsd-3-clause bsd-4-clause bsl-1.0 cc-by-4.0 cc-by-sa-4.0 "
    "cc0-1.0 cecill-2.1 cern-ohl-p-2.0 cern-ohl-s-2.0 cern-ohl-w-2.0 ecl-2.0 epl-1.0 epl-2.0 "
    "eupl-1.1 eupl-1.2 gfdl-1.3 gpl-2.0 gpl-3.0 isc lgpl-2.1 lgpl-3.0 lppl-1.3c mit-0 mit "
    "mpl-2.0 ms-pl ms-rl mulanpsl-2.0 ncsa odbl-1.0 ofl-1.1 osl-3.0 postgresql unlicense "
    "upl-1.0 vim wtfpl zlib"
).split()

# Common short names, used to recognise titles and README references.
NICKNAMES = {
    "agpl-3.0": "GNU AGPLv3",
    "gpl-2.0": "GNU GPLv2",
    "gpl-3.0": "GNU GPLv3",
    "lgpl-2.1": "GNU LGPLv2.1",
    "lgpl-3.0": "GNU LGPLv3",
}

# Places where copies of a licence customarily differ: placeholders a project fills in, and the
# upper-case disclaimer phrases naming the licensor (often replaced by the holder's name). Each
# allows a few characters of length difference when matching.
_HOLDER_PHRASE = re.compile(
    r"\b(?:THE\s+)?(?:COPYRIGHT\s+(?:HOLDERS?|OWNERS?)|AUTHORS?)"
    r"(?:\s+(?:AND|OR)\s+(?:CONTRIBUTORS|COPYRIGHT\s+HOLDERS))?\b"
)


def count_variable_segments(text: str) -> int:
    return len(_PLACEHOLDER.findall(text)) + len(_HOLDER_PHRASE.findall(text))


# Placeholders in SPDX texts that stand for values a project fills in.
_PLACEHOLDER = re.compile(r"<(?:year|copyright holders?|owner|organization|name of [^>]*)>", re.I)


def _run(cmd: list[str], cwd: Path) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch_npm(workdir: Path) -> Path:
    _run(["npm", "pack", NPM_PACKAGE, "--silent"], workdir)
    tarball = next(workdir.glob("spdx-license-list-*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def fetch_reuse_json(workdir: Path) -> Path:
    _run([sys.executable, "-m", "pip", "download", "--no-deps", PYPI_PACKAGE, "-d", "."], workdir)
    archive = next(workdir.glob("reuse-*"))
    member = "reuse/resources/licenses.json"
    if archive.suffix == ".whl":
        import zipfile

        with zipfile.ZipFile(archive) as zf:
            (workdir / "licenses.json").write_bytes(zf.read(member))
    else:
        with tarfile.open(archive) as tar:
            for info in tar.getmembers():
                if info.name.endswith("src/" + member) or info.name.endswith("/" + member):
                    extracted = tar.extractfile(info)
                    assert extracted is not None
                    (workdir / "licenses.json").write_bytes(extracted.read())
                    break
    return workdir / "licenses.json"


def title_from_name(name: str) -> str:
    # SPDX names the GNU variants "... only"; the plain licence title has no suffix.
    return re.sub(r"\s+only$", "", name)


# Per-licence edits that bring an SPDX text in line with the canonical form licence files use,
# so that unmodified files of that licence still match word for word.
_EDITS: dict[str, list[tuple[str, str]]] = {
    # SPDX appends the full GPL-3.0 text that LGPL-3.0 builds on; licence files hold LGPL only.
    "lgpl-3.0": [(r"\n\s*GNU GENERAL PUBLIC LICENSE\s*\nVersion 3, 29 June 2007.*\Z", "\n")],
    "isc": [(r"\bISC DISCLAIMS\b", "THE AUTHOR DISCLAIMS"),
            (r"\bSHALL ISC BE\b", "SHALL THE AUTHOR BE")],
    "postgresql": [
        (r"\A.*?(?=Permission to use)",
         "PostgreSQL License\n\nCopyright (c) [year], [fullname]\n\n"),
        (r"THE UNIVERSITY OF CALIFORNIA", "[fullname]"),
    ],
    "vim": [(r"\bVim\b", "[project]")],
}


def _wrap(text: str, width: int = 78) -> str:
    # Titles are stripped up to the end of their line, so long unwrapped lines would lose
    # whole paragraphs; licence files are conventionally wrapped.
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.append(textwrap.fill(line.strip(), width=width, initial_indent=indent,
                                 subsequent_indent=indent, break_on_hyphens=False,
                                 break_long_words=False))
    return "\n".join(out)


def clean_text(key: str, text: str) -> str:
    """Bring an SPDX text into the shape licence files have (fields, bullets, wrapping)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for pattern, replacement in _EDITS.get(key, []):
        text = re.sub(pattern, replacement, text, flags=re.S)
    text = re.sub(r"<year>", "[year]", text, flags=re.I)
    text = _PLACEHOLDER.sub("[fullname]", text)
    # Em-dash bullets and "1.Title" headings (EUPL) read as list items in licence files.
    text = re.sub(r"^(\s*)[\u2014\u2013](?=\s)", r"\1-", text, flags=re.M)
    text = re.sub(r"^(\s*\d+)\.(?=[A-Za-z])", r"\1. ", text, flags=re.M)
    text = re.sub(r"([\u2019']):(?=\w)", r"\1: ", text)
    return _wrap(text)


def build(npm_dir: Path, reuse_json: Path) -> dict:
    full = json.loads((npm_dir / "spdx-full.json").read_text(encoding="utf-8"))
    spdx_list = json.loads(reuse_json.read_text(encoding="utf-8"))
    flags = {entry["licenseId"]: entry for entry in spdx_list["licenses"]}
    by_lower = {spdx_id.lower(): spdx_id for spdx_id in full}

    metadata = {}
    for spdx_id in sorted(set(full) | set(flags)):
        entry = full.get(spdx_id, {})
        extra = flags.get(spdx_id, {})
        metadata[spdx_id] = {
            "name": entry.get("name") or extra.get("name") or spdx_id,
            "osi": bool(entry.get("osiApproved", extra.get("isOsiApproved", False))),
            "fsf": bool(extra.get("isFsfLibre", False)),
            "deprecated": bool(extra.get("isDeprecatedLicenseId", False)),
        }

    templates = []
    for key in TEMPLATE_KEYS:
        spdx_id = by_lower[key]
        entry = full[spdx_id]
        templates.append(
            {
                "key": key,
                "spdx_id": spdx_id,
                "title": title_from_name(entry["name"]),
                "nickname": NICKNAMES.get(key),
                "text": clean_text(key, entry["licenseText"]),
                "alt_segments": count_variable_segments(entry["licenseText"]),
            }
        )
    return {
        "source": {"npm": NPM_PACKAGE, "pypi": PYPI_PACKAGE,
                   "spdx_list_version": spdx_list.get("licenseListVersion")},
        "templates": templates,
        "spdx": metadata,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npm-dir", type=Path, help="unpacked spdx-license-list package")
    parser.add_argument("--reuse-json", type=Path, help="SPDX licenses.json from reuse")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        npm_dir = args.npm_dir or fetch_npm(workdir)
        reuse_json = args.reuse_json or fetch_reuse_json(workdir)
        data = build(npm_dir, reuse_json)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(args.output, "wb", mtime=0) as handle:
        handle.write(payload)
    print(f"wrote {args.output} ({args.output.stat().st_size} bytes, "
          f"{len(data['templates'])} texts, {len(data['spdx'])} SPDX ids)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
