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
from pathlib import Path

NPM_PACKAGE = "spdx-license-list@6.12.0"
PYPI_PACKAGE = "reuse==6.2.0"
OUTPUT = Path(__file__).resolve().parent.parent / "licensing" / "data" / "licences.json.gz"

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


def clean_text(text: str) -> str:
    """Turn SPDX placeholders into bracketed fields so they count as fields, not words."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _PLACEHOLDER.sub("[fullname]", text)


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
                "text": clean_text(entry["licenseText"]),
                "alt_segments": len(_PLACEHOLDER.findall(entry["licenseText"])),
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
