"""Unit tests for licence file discovery, identification and SPDX helpers."""

from __future__ import annotations

import pytest

from publiccode_checker.licensing import detect_project_licence, find_licence_files, identify
from publiccode_checker.licensing.catalog import licences_by_key
from publiccode_checker.licensing.spdx import (
    equivalent_ids,
    expression_ids,
    is_consistent,
    is_free,
    is_osi_approved,
    licence_info,
)

MIT = """MIT License

Copyright (c) 2024 Example Municipality

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

MODIFIED_MIT = MIT.replace(
    "furnished to do so, subject to the following conditions:",
    "furnished to do so, subject to the following conditions:\n\n"
    "The Software shall not be used by any military organisation, for any commercial\n"
    "purpose, or in any country outside the European Union without written consent.",
)


def _tree(files: dict[str, str | None]) -> tuple[list[str], object]:
    return list(files), files.get


def bundled(key: str) -> str:
    return licences_by_key()[key].text


def test_exact_mit() -> None:
    match = identify(MIT)
    assert (match.spdx_id, match.key, match.matcher, match.confidence) == (
        "MIT", "mit", "exact", 100.0)


def test_mit_with_windows_line_endings_and_bom() -> None:
    assert identify("\ufeff" + MIT.replace("\n", "\r\n")).spdx_id == "MIT"


def test_mit_as_markdown() -> None:
    body = MIT.split("\n", 2)[2].replace("THE SOFTWARE IS", "**THE SOFTWARE IS**")
    text = "# The MIT License\n\n---\n\n" + body
    assert identify(text, "LICENSE.md").spdx_id == "MIT"


def test_modified_licence_is_not_the_licence() -> None:
    match = identify(MODIFIED_MIT)
    assert match.spdx_id == "NOASSERTION"
    assert match.key == "other"
    assert not match.is_licence


def test_copyright_only_file_is_no_licence() -> None:
    match = identify("Copyright (c) 2021-2024 Gemeente Voorbeeld\n© 2020 Ville d'Exemple\n")
    assert match.spdx_id is None
    assert match.key == "no-license"
    assert match.matcher == "copyright"


def test_eupl_1_2() -> None:
    text = "Copyright 2024 Ville d'Exemple\n\n" + bundled("eupl-1.2").replace("\n", "\r\n")
    match = identify(text)
    assert match.spdx_id == "EUPL-1.2"
    assert match.confidence >= 98


def test_gpl_with_licence_spelling_and_appendix_removed() -> None:
    text = bundled("gpl-3.0").replace("License", "Licence")
    text = text.split("END OF TERMS AND CONDITIONS")[0]
    assert identify(text).spdx_id == "GPL-3.0"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "\x00\x01\x02binary\xff" * 100, "lorem ipsum " * 200_000, "(" * 10_000],
    ids=["empty", "blank", "binary", "huge", "parentheses"],
)
def test_odd_input_does_not_crash(text: str) -> None:
    match = identify(text)
    assert match.spdx_id in ("NOASSERTION", None)


def test_find_licence_files_ranks_names() -> None:
    paths = ["src/LICENSE", "COPYING", "LICENSE.md", "README.md", "LICENSE-MIT",
             "LICENSES/EUPL-1.2.txt", "docs/LICENSE", "COPYRIGHT", "COPYING.LESSER"]
    found = find_licence_files(paths)
    assert [c.path for c in found] == ["LICENSES/EUPL-1.2.txt", "LICENSE.md", "COPYING",
                                       "COPYING.LESSER", "LICENSE-MIT", "COPYRIGHT"]
    assert found[0].location == "licenses-dir"
    with_docs = find_licence_files(paths, include_secondary=True)
    assert "docs/LICENSE" in [c.path for c in with_docs]


def test_project_with_single_licence_reports_line() -> None:
    result = detect_project_licence(*_tree({"LICENSE": "\n\n" + MIT, "main.py": "print()"}))
    assert result.spdx_id == "MIT"
    assert result.matched_file is not None
    assert result.matched_file.path == "LICENSE"
    assert result.matched_file.line == 3


def test_licenses_folder_with_two_licences_is_noassertion() -> None:
    files = {"LICENSES/MIT.txt": MIT, "LICENSES/EUPL-1.2.txt": bundled("eupl-1.2")}
    result = detect_project_licence(*_tree(files))
    assert result.spdx_id == "NOASSERTION"
    assert {f.match.spdx_id for f in result.licence_files} == {"MIT", "EUPL-1.2"}


def test_licenses_folder_with_one_licence() -> None:
    result = detect_project_licence(*_tree({"LICENSES/MIT.txt": MIT}))
    assert result.spdx_id == "MIT"


def test_copying_lesser_beside_gpl_is_lgpl() -> None:
    files = {"COPYING": bundled("gpl-3.0"), "COPYING.LESSER": bundled("lgpl-3.0")}
    assert detect_project_licence(*_tree(files)).spdx_id == "LGPL-3.0"


def test_copyright_file_beside_licence_is_ignored() -> None:
    files = {"LICENSE": MIT, "COPYRIGHT": "Copyright 2020 Someone"}
    assert detect_project_licence(*_tree(files)).spdx_id == "MIT"


def test_readme_reference() -> None:
    readme = "# Tool\n\nDoes things.\n\n## Licence\n\nEuropean Union Public Licence v. 1.2\n"
    result = detect_project_licence(*_tree({"README.md": readme}))
    assert result.spdx_id == "EUPL-1.2"
    assert result.matched_file is not None and result.matched_file.kind == "readme"


def test_package_manifest_declares_licence() -> None:
    result = detect_project_licence(*_tree({"package.json": '{"license": "MIT"}'}))
    assert result.spdx_id == "MIT"


def test_unreadable_licence_file_and_no_files() -> None:
    assert detect_project_licence(*_tree({"LICENSE": None})).spdx_id == "NOASSERTION"
    assert detect_project_licence([], lambda _p: None).spdx_id is None


def test_expression_ids() -> None:
    expr = "GPL-3.0-or-later WITH Classpath-exception-2.0 OR (mit AND Apache-2.0)"
    assert expression_ids(expr) == {"GPL-3.0-or-later", "MIT", "Apache-2.0"}
    assert expression_ids("MIT OR (") == set()
    assert expression_ids("") == set()


def test_detected_and_declared_consistency() -> None:
    assert is_consistent("GPL-3.0", "GPL-3.0-or-later")
    assert is_consistent("LGPL-2.1", "LGPL-2.1-only OR MIT")
    assert not is_consistent("GPL-2.0", "GPL-3.0-or-later")
    assert {"GPL-3.0-only", "GPL-3.0-or-later"} <= equivalent_ids("GPL-3.0")


def test_osi_and_fsf_flags() -> None:
    assert is_osi_approved("EUPL-1.2") is True
    assert is_free("MPL-2.0") is True
    assert is_free("CC-BY-NC-4.0") is False
    assert is_free("Not-A-Licence") is None
    info = licence_info("GPL-3.0")
    assert info is not None and info.deprecated and info.fsf_libre
    assert licence_info("gpl-3.0-or-later") is not None
