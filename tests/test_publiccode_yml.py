"""Unit tests of the publiccode.yml validator, per rule family, with hostile inputs."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from publiccode_checker.cli.validate import main as cli_main
from publiccode_checker.forge.guarded_fetch import (
    FetchResult,
    LocalNetworkError,
    TargetUnreachableError,
)
from publiccode_checker.publiccode_yml import validate

LONG = "A long description of this software that explains what it is for. " * 4

MINIMAL = f"""\
publiccodeYmlVersion: "0"
name: Medusa
url: "https://github.com/italia/developers.italia.it.git"
platforms:
  - web
developmentStatus: development
softwareType: "standalone/other"
description:
  en:
    shortDescription: A short description
    longDescription: "{LONG}"
    features:
      - Feature one
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: "community"
  contacts:
    - name: Francesco Rossi
localisation:
  localisationReady: true
  availableLanguages:
    - en
"""


@pytest.fixture
def ipa_list(tmp_path: Path) -> Path:
    path = tmp_path / "ipa.txt"
    path.write_text("pcm\nc_h501\n", encoding="utf-8")
    return path


def check(text: str, **options: object) -> list[tuple[str, str, str, int, int]]:
    options.setdefault("base_dir", Path.cwd())
    report = validate(text.encode("utf-8"), **options)  # type: ignore[arg-type]
    return [(r.type, r.key, r.message, r.line, r.column) for r in report.results]


def replace(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


def test_minimal_document_is_valid() -> None:
    report = validate(MINIMAL.encode(), base_dir=Path.cwd())
    assert report.results == []
    assert report.valid
    assert report.version == "0"
    assert report.document is not None and report.document["name"] == "Medusa"


# Versions


def test_unquoted_version_is_wrong_type_with_hint() -> None:
    report = validate(replace('"0"', "0.4").encode())
    assert [(r.key, r.message, r.line, r.column) for r in report.results] == [
        ("publiccodeYmlVersion", "wrong type for this field", 1, 1)
    ]
    assert report.results[0].hint == "quote the version: '0.4'"


def test_unquoted_dotted_version_is_a_string() -> None:
    results = check(replace('"0"', "0.4.0"))
    assert results == [("warning", "publiccodeYmlVersion",
                        "v0.4.0 is not the latest version, use '0'. Parsing this file as v0.7.",
                        1, 1)]


def test_unsupported_version() -> None:
    results = check(replace('"0"', '"0.6"'))
    assert len(results) == 1
    assert results[0][2].startswith("unsupported version: '0.6'. Supported versions: 0, 0.2")
    assert results[0][3:] == (0, 0)


def test_missing_version() -> None:
    assert check("name: x\n") == [
        ("error", "publiccodeYmlVersion", "publiccodeYmlVersion is a required field", 0, 0)
    ]


# Decoding and types


def test_unknown_field_with_suggestion() -> None:
    report = validate(replace("developmentStatus:", "developmentStatu:").encode())
    unknown = report.results[0]
    assert unknown.message == 'unknown field "developmentStatu"'
    assert unknown.hint == "did you mean 'developmentStatus'?"


def test_yaml11_boolean_is_not_a_boolean() -> None:
    results = check(replace("localisationReady: true", "localisationReady: yes"))
    assert results[0] == ("error", "localisation.localisationReady",
                          "wrong type for this field", 21, 1)
    assert ("error", "localisation.localisationReady",
            "localisationReady is a required field", 21, 3) in results


def test_numbers_are_accepted_as_text() -> None:
    assert check(replace("name: Medusa", "name: 123")) == []


def test_only_first_decode_error_is_reported() -> None:
    text = replace("name: Medusa", "name: []").replace("platforms:\n  - web", "platforms: web")
    results = check(text)
    assert [r[2] for r in results].count("wrong type for this field") == 1


# Field rules


@pytest.mark.parametrize(("value", "ok"), [
    ("2020-02-29", True), ("2021-02-29", False), ("2020-1-01", False), ("", False),
    ("2020-01-01T10:00:00Z", False),
])
def test_release_date(value: str, ok: bool) -> None:
    results = check(MINIMAL + f'releaseDate: "{value}"\n')
    assert (results == []) is ok


@pytest.mark.parametrize(("license_text", "ok"), [
    ("MIT", True), ("mit", True), ("GPL-3.0", True), ("GPL-2.0+", True),
    ("LicenseRef-mine", True), ("MIT OR Apache-2.0", True), ("MIT or Apache-2.0", False),
    ("(MIT AND BSD-3-Clause) OR EUPL-1.2", True), ("proprietary", False),
    ("GPL-2.0-only WITH Classpath-exception-2.0", True), ("MIT AND", False),
])
def test_spdx(license_text: str, ok: bool) -> None:
    results = check(replace("AGPL-3.0-or-later", license_text))
    assert (results == []) is ok


@pytest.mark.parametrize(("tag", "ok"), [
    ("en", True), ("EN", True), ("en-GB", True), ("zh-Hans-CN", True), ("sl-IT-nedis", True),
    ("x-klingon", True), ("i-klingon", True), ("und", True), ("eng", False), ("en_US", False),
    ("english", False),
])
def test_bcp47_languages(tag: str, ok: bool) -> None:
    results = check(replace("availableLanguages:\n    - en", f"availableLanguages:\n    - {tag}"))
    assert (results == []) is ok


def test_bad_description_language_reported_on_description() -> None:
    results = check(replace("  en:\n    shortDescription", "  en_US:\n    shortDescription"))
    assert results == [("error", "description", "description must be a valid BCP 47 language",
                        8, 1)]


def test_countries_lowercase_warning_and_invalid() -> None:
    text = MINIMAL + "intendedAudience:\n  countries:\n    - it\n    - UK\n    - It\n"
    results = check(text)
    assert ("error", "intendedAudience.countries[1]",
            "countries[1] must be a valid ISO 3166-1 alpha-2 two-letter country code",
            27, 7) in results
    assert ("warning", "intendedAudience.countries[0]",
            "Lowercase country codes are DEPRECATED. Use uppercase instead ('IT')",
            26, 7) in results
    assert [r[1] for r in results] == [
        "intendedAudience.countries[1]", "intendedAudience.countries[2]",
        "intendedAudience.countries[0]",
    ]


def test_enumeration_hint() -> None:
    report = validate(replace("developmentStatus: development",
                              "developmentStatus: Stable").encode())
    assert report.results[0].hint == "did you mean 'stable'?"


def test_contractors_rules() -> None:
    results = check(replace('type: "community"', 'type: "contract"'))
    assert results[0][2] == 'contractors is a required field when "type" is "contract"'
    text = replace("  contacts:", "  contractors:\n    - name: X\n      until: 2020-01-01\n"
                   "  contacts:")
    results = check(text)
    assert results[0][2] == 'contractors must not be present unless "type" is "contract"'


def test_email() -> None:
    text = replace("    - name: Francesco Rossi", "    - name: F\n      email: not-an-email")
    assert check(text)[0][2] == "email must be a valid email address"


def test_ipa_code_with_and_without_list(ipa_list: Path, tmp_path: Path) -> None:
    good = MINIMAL + 'organisation:\n  uri: "urn:x-italian-pa:pcm"\n'
    bad = MINIMAL + 'organisation:\n  uri: "urn:x-italian-pa:nope"\n'
    assert check(good, ipa_codes_path=ipa_list) == []
    assert check(bad, ipa_codes_path=ipa_list)[0][2].startswith(
        "uri must be a valid Italian Public Administration Code (iPA)")
    missing = check(good, ipa_codes_path=tmp_path / "absent.txt")
    assert [r[0] for r in missing] == ["warning"]
    assert "no list of iPA codes is installed" in missing[0][2]


def test_supports_ids() -> None:
    ok = MINIMAL + "supports:\n  - id: alias:gdpr\n  - id: https://example.org/x\n"
    assert check(ok) == []
    bad = MINIMAL + "supports:\n  - id: alias:nope\n"
    assert "unknown alias" in check(bad)[0][2]


def test_video_must_be_oembed() -> None:
    text = replace("    features:", "    videos:\n      - https://www.youtube.com/watch?v=x\n"
                   "      - https://example.org/video\n    features:")
    results = check(text)
    assert len(results) == 1
    assert results[0][1] == "description.en.videos[1]"


def test_italian_section_duplicate() -> None:
    text = MINIMAL + "IT:\n  conforme:\n    gdpr: true\nit:\n  riuso: {}\n"
    results = check(text)
    assert [(r[0], r[1]) for r in results] == [
        ("warning", "it"), ("error", "it"), ("warning", "IT.conforme")
    ]


# Files


def test_logo_files(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\0" * 17)
    (tmp_path / "fake.png").write_bytes(b"GIF89a")
    assert check(MINIMAL + "logo: logo.png\n", base_dir=tmp_path) == []
    assert check(MINIMAL + "logo: fake.png\n", base_dir=tmp_path)[0][2] == "image: unknown format"
    missing = check(MINIMAL + "logo: nope.svg\n", base_dir=tmp_path)[0][2]
    assert missing == f"no such file: {tmp_path}/nope.svg"
    assert check(MINIMAL + "logo: /etc/logo.png\n")[0][2].startswith("is an absolute path")
    assert check(MINIMAL + "logo: nope.svg\n", base_dir=tmp_path, external_checks=False) == []


# Network


class FakeFetcher:
    def __init__(self, answers: dict[str, object]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, url: str, **_: object) -> FetchResult:
        self.calls.append(url)
        answer = self.answers.get(url, 200)
        if isinstance(answer, Exception):
            raise answer
        return FetchResult(url=url, status=int(answer), headers={}, content=b"")


def test_network_off_means_no_fetch() -> None:
    fetcher = FakeFetcher({})
    check(MINIMAL + "landingURL: https://example.org\n", fetcher=fetcher)
    assert fetcher.calls == []


def test_unreachable_url_is_the_users_error() -> None:
    fetcher = FakeFetcher({"https://example.org": 404,
                           "https://example.net": TargetUnreachableError("connection refused")})
    text = MINIMAL + "landingURL: https://example.org\nroadmap: https://example.net\n"
    results = check(text, network=True, fetcher=fetcher)
    assert ("error", "landingURL",
            "'https://example.org' not reachable: HTTP GET failed for https://example.org: "
            "not found", 24, 1) in results
    assert any(r[1] == "roadmap" and r[0] == "error" for r in results)


def test_our_network_failure_is_not_the_users_error() -> None:
    fetcher = FakeFetcher({"https://example.org": LocalNetworkError("no route")})
    results = check(MINIMAL + "landingURL: https://example.org\n", network=True,
                    fetcher=fetcher)
    landing = [r for r in results if r[1] == "landingURL"]
    assert landing and all(r[0] == "warning" for r in landing)
    assert "our network is unavailable" in landing[0][2]


# Hostile input


def _timed(data: bytes) -> list:
    start = time.perf_counter()
    report = validate(data)
    assert time.perf_counter() - start < 5
    return report.results


def test_alias_bomb_is_bounded() -> None:
    lines = ['publiccodeYmlVersion: "0"', 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    results = _timed("\n".join(lines).encode())
    assert len(results) == 1 and "nodes" in results[0].message


def test_recursive_alias() -> None:
    results = _timed(b'publiccodeYmlVersion: "0"\nname: &a [*a]\n')
    assert results[0].type == "error"


def test_deep_nesting() -> None:
    # One document-level error, quickly. Its wording is not asserted: depending on the version,
    # the YAML library's own depth limit or ours answers first.
    results = _timed(b'publiccodeYmlVersion: "0"\nname: ' + b"[" * 5000 + b"]" * 5000)
    assert len(results) == 1
    assert (results[0].type, results[0].key) == ("error", "")
    assert results[0].line <= 2


def test_too_large() -> None:
    results = _timed(b'publiccodeYmlVersion: "0"\n# ' + b"x" * (1024 * 1024) + b"\n")
    assert "bytes" in results[0].message and results[0].key == ""


def test_invalid_utf8() -> None:
    assert [(r.key, r.message, r.line) for r in _timed(b"name: \xff\xfe\n")] == [
        ("", "Invalid UTF-8", 0)
    ]


def test_duplicate_keys() -> None:
    results = _timed(b'publiccodeYmlVersion: "0"\nname: a\nname: b\n')
    assert [(r.message, r.line, r.column) for r in results] == [
        ('mapping key "name" already defined at [2:1]', 3, 1)
    ]


def test_several_documents() -> None:
    results = _timed(b'publiccodeYmlVersion: "0"\n---\nname: b\n')
    assert results[0].message == "multiple YAML documents in one file are not supported"


@pytest.mark.parametrize("data", [b"", b"# only a comment\n", b"---\n", b"- a\n- b\n", b"42\n"])
def test_empty_or_not_a_mapping(data: bytes) -> None:
    results = _timed(data)
    assert [(r.key, r.message) for r in results] == [
        ("publiccodeYmlVersion", "publiccodeYmlVersion is a required field")
    ]


@pytest.mark.parametrize("data", [b"\x00\x01\x02", b"{{{{", b"a: b: c", b"\t- x\n", b"[1, 2"])
def test_garbage_never_raises(data: bytes) -> None:
    results = _timed(data)
    assert results and results[0].type == "error"


# Command line


def test_cli_text_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text(replace("name: Medusa\n", ""), encoding="utf-8")
    assert cli_main(["--no-network", str(good)]) == 0
    assert capsys.readouterr().out == ""
    assert cli_main(["validate", "--no-network", str(bad)]) == 1
    assert capsys.readouterr().out == "publiccode.yml:1:1: error: name: name is a required field\n"
    assert cli_main(["--no-network", "--json", str(bad)]) == 0
    assert json.loads(capsys.readouterr().out) == [{
        "key": "name", "description": "name is a required field", "line": 1, "column": 1,
        "type": "error",
    }]
    assert cli_main(["--no-network", "--json", str(good)]) == 0
    assert capsys.readouterr().out == "[]\n"
    assert cli_main(["--no-network", str(good), str(bad)]) == 1
    assert capsys.readouterr().out.startswith(f"{bad}:1:1: error: name:")
    assert cli_main(["--no-network", str(tmp_path / "absent.yml")]) == 1
    assert "can't open file" in capsys.readouterr().out
