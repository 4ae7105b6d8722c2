"""Licence checks: OL-1, OL-2, OL-3, OL-5, OL-6."""

from __future__ import annotations

import json

from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from tests.checks.helpers import outcomes, run

MIT = """MIT License

Copyright (c) 2024 Example Kommune

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""
NON_COMMERCIAL = """Attribution-NonCommercial-ShareAlike 4.0 International

You may not use the material for commercial purposes. This text is a licence, but not an open
one, and it is not any licence the detector knows word for word.
"""


def test_licence_file_present_passes():
    assert outcomes("licence-file", MemorySnapshot({"LICENSE.md": MIT}))["OL-3"] == "pass"
    assert outcomes("licence-file", MemorySnapshot({"COPYING": MIT}))["OL-3"] == "pass"
    reuse = MemorySnapshot({"LICENSES/EUPL-1.2.txt": "text", "src/a.py": ""})
    assert outcomes("licence-file", reuse)["OL-3"] == "pass"


def test_manifest_alone_is_not_a_licence_file():
    snapshot = MemorySnapshot({"package.json": json.dumps({"license": "MIT"})})
    finding = run("licence-file", snapshot)["OL-3"]
    assert finding.outcome.value == "fail"
    assert any(e.path == "package.json" for e in finding.evidence)


def test_mit_is_open_and_consistent():
    snapshot = MemorySnapshot({"LICENSE": MIT, "package.json": json.dumps({"license": "MIT"})})
    assert outcomes("open-licence", snapshot) == {"OL-2": "pass", "OL-1": "pass"}


def test_contradicting_manifest_warns_on_ol1():
    snapshot = MemorySnapshot({
        "LICENSE": MIT,
        "composer.json": json.dumps({"name": "x/y", "license": "proprietary"}),
    })
    result = run("open-licence", snapshot)
    assert result["OL-2"].outcome.value == "pass"
    assert result["OL-1"].outcome.value == "warn"
    assert any(e.path == "composer.json" for e in result["OL-1"].evidence)


def test_no_licence_anywhere_fails():
    assert outcomes("open-licence", MemorySnapshot({"README.md": "# Hi"})) == {
        "OL-2": "fail", "OL-1": "fail"}


def test_unrecognised_licence_needs_a_person():
    result = outcomes("open-licence", MemorySnapshot({"LICENSE": NON_COMMERCIAL}))
    assert result == {"OL-2": "manual", "OL-1": "manual"}


def test_declared_non_free_licence_fails():
    snapshot = MemorySnapshot({"package.json": json.dumps({"license": "CC-BY-NC-4.0"})})
    assert outcomes("open-licence", snapshot)["OL-2"] == "fail"


def test_licence_only_in_manifest_warns():
    snapshot = MemorySnapshot({"package.json": json.dumps({"license": "MIT"})})
    assert outcomes("open-licence", snapshot) == {"OL-2": "pass", "OL-1": "warn"}


def test_api_licence_is_used_when_no_file_is_readable():
    facts = RepositoryFacts(licence_spdx_id="MPL-2.0")
    assert outcomes("open-licence", MemorySnapshot({}, facts=facts))["OL-2"] == "pass"


def test_spdx_header_coverage():
    header = "# SPDX-FileCopyrightText: 2025 Kommune\n# SPDX-License-Identifier: EUPL-1.2\n"
    files = {f"src/m{i}.py": header + "x = 1\n" for i in range(19)}
    files["src/bare.py"] = "x = 1\n"
    assert outcomes("spdx-headers", MemorySnapshot(files))["OL-5"] == "pass"  # 95 %
    files["src/bare2.py"] = "x = 1\n"
    result = run("spdx-headers", MemorySnapshot(files))["OL-5"]
    assert result.outcome.value == "warn"
    assert {e.path for e in result.evidence} == {"src/bare.py", "src/bare2.py"}


def test_reuse_toml_and_sidecars_count_as_headers():
    files = {
        "REUSE.toml": 'version = 1\n[[annotations]]\npath = "src/**"\n'
                      'SPDX-License-Identifier = "EUPL-1.2"\n',
        "src/a.py": "x = 1\n",
        "lib/b.py": "y = 2\n",
        "lib/b.py.license": "SPDX-License-Identifier: EUPL-1.2\n",
    }
    assert outcomes("spdx-headers", MemorySnapshot(files))["OL-5"] == "pass"


def test_vendored_files_do_not_count():
    files = {"node_modules/x/index.js": "bare", "vendor/lib.php": "<?php"}
    assert outcomes("spdx-headers", MemorySnapshot(files))["OL-5"] == "pass"


def test_several_licences_are_reported():
    snapshot = MemorySnapshot({"LICENSES/EUPL-1.2.txt": "a", "LICENSES/CC-BY-4.0.txt": "b"})
    assert outcomes("multiple-licences", snapshot)["OL-6"] == "pass"
    assert outcomes("multiple-licences", MemorySnapshot({"LICENSE": MIT}))["OL-6"] == "info"


def test_binary_and_huge_licence_files_do_not_crash():
    snapshot = MemorySnapshot({"LICENSE": b"\x00\x01\x02" * 1000, "COPYING": "x" * 2_000_000})
    assert set(outcomes("open-licence", snapshot)) == {"OL-1", "OL-2"}


PROPRIETARY_HEADER = ("# SPDX-FileCopyrightText: 2026 Example Supplier\n"
                      "# SPDX-License-Identifier: LicenseRef-Proprietary\n\nRATE = 3\n")
MIT_HEADER = "# SPDX-FileCopyrightText: 2026 Example Kommune\n# SPDX-License-Identifier: MIT\n"


def test_licenceref_header_next_to_mit_is_not_a_pass():
    snapshot = MemorySnapshot({"LICENSE": MIT, "src/rates.py": PROPRIETARY_HEADER,
                               "src/fees.py": MIT_HEADER + "FEE = 25\n"})
    result = run("open-licence", snapshot)
    assert result["OL-2"].outcome.value == "pass"
    assert result["OL-1"].outcome.value == "manual"
    assert "LicenseRef-Proprietary" in result["OL-1"].message
    assert any(e.path == "src/rates.py" and e.line == 2 for e in result["OL-1"].evidence)


def test_free_headers_next_to_mit_still_pass():
    snapshot = MemorySnapshot({"LICENSE": MIT, "src/fees.py": MIT_HEADER + "FEE = 25\n",
                               "src/docs.py": "# SPDX-License-Identifier: MIT OR Apache-2.0\n",
                               "src/gen.py": 'HEAD = "# SPDX-License-Identifier: " + spdx\n'})
    assert outcomes("open-licence", snapshot) == {"OL-2": "pass", "OL-1": "pass"}


def test_only_a_custom_licence_in_licenses_dir_is_not_a_pass():
    snapshot = MemorySnapshot({"LICENSES/Proprietary.txt": "All rights reserved.\n"})
    result = run("open-licence", snapshot)
    assert result["OL-1"].outcome.value == "manual"
    assert any(e.path == "LICENSES/Proprietary.txt" for e in result["OL-1"].evidence)


def test_free_licences_in_licenses_dir_still_pass():
    snapshot = MemorySnapshot({"LICENSES/EUPL-1.2.txt": "(the EUPL text)\n",
                               "LICENSES/CC-BY-4.0.txt": "(the CC BY text)\n"})
    assert outcomes("open-licence", snapshot) == {"OL-2": "pass", "OL-1": "pass"}


def test_non_free_header_asks_a_person_and_only_non_free_licence_fails():
    header = "# SPDX-License-Identifier: CC-BY-NC-4.0\n"
    mixed = MemorySnapshot({"LICENSE": MIT, "src/a.py": header})
    assert outcomes("open-licence", mixed) == {"OL-2": "pass", "OL-1": "manual"}
    only = MemorySnapshot({"LICENSES/CC-BY-NC-4.0.txt": "(the text)\n", "src/a.py": header})
    assert outcomes("open-licence", only) == {"OL-2": "fail", "OL-1": "fail"}
