"""publiccode.yml checks: PC-1..PC-7, FI-3, FI-8."""

from __future__ import annotations

from datetime import UTC, datetime

from publiccode_checker.snapshots import GitHistory, MemorySnapshot, RepositoryFacts, Tag
from tests.checks.helpers import outcomes, run

MIT_LINE = "Permission is hereby granted, free of charge"

VALID = """publiccodeYmlVersion: "0.4"
name: Medarbejdersignatur
url: "https://github.com/os2/signatur.git"
softwareVersion: "1.2.0"
releaseDate: "2026-01-10"
platforms:
  - web
categories:
  - document-management
developmentStatus: stable
softwareType: "standalone/web"
description:
  en:
    shortDescription: Sign documents for municipal staff.
    longDescription: >
      A web application that lets municipal staff sign documents with their employee
      signature. It integrates with the national identity services and keeps an audit log of
      every signature, so that citizens and auditors can see who signed what and when. It is
      built for Danish municipalities and used by several of them.
    features:
      - Sign documents
legal:
  license: MIT
maintenance:
  type: community
  contacts:
    - name: Jane Doe
localisation:
  localisationReady: true
  availableLanguages:
    - da
    - en
"""


def history(*tags: tuple[str, datetime], remote: str | None = None) -> GitHistory:
    return GitHistory(head="abc", head_date=None, commits=(),
                      tags=tuple(Tag(name, "sha", date) for name, date in tags),
                      remote_url=remote)


def test_missing_file():
    result = outcomes("publiccode-yml", MemorySnapshot({"README.md": "hi"}))
    assert result == {"PC-1": "fail", "PC-2": "fail", "FI-8": "warn"}


def test_valid_file_passes():
    result = outcomes("publiccode-yml", MemorySnapshot({"publiccode.yml": VALID}))
    assert result == {"PC-1": "pass", "PC-2": "pass", "FI-8": "pass"}


def test_errors_are_located():
    broken = VALID.replace("developmentStatus: stable", "developmentStatus: finished")
    result = run("publiccode-yml", MemorySnapshot({"publiccode.yml": broken}))
    assert result["PC-2"].outcome.value == "fail"
    lines = [e.line for e in result["PC-2"].evidence if "developmentStatus" in e.message]
    assert lines == [broken.splitlines().index("developmentStatus: finished") + 1]
    assert result["FI-8"].outcome.value == "warn"


def test_hostile_yaml_is_an_error_not_a_crash():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f'{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n'
        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    result = outcomes("publiccode-yml", MemorySnapshot({"publiccode.yml": bomb}))
    assert result["PC-2"] == "fail"


def test_licence_agreement():
    mit = f"MIT License\n\nCopyright (c) 2024 X\n\n{MIT_LINE} ..."
    from tests.checks.test_licence import MIT as mit_text

    ok = MemorySnapshot({"publiccode.yml": VALID, "LICENSE": mit_text})
    assert outcomes("publiccode-licence", ok)["PC-4"] == "pass"
    wrong = MemorySnapshot({"publiccode.yml": VALID.replace("license: MIT", "license: EUPL-1.2"),
                            "LICENSE": mit_text})
    finding = run("publiccode-licence", wrong)["PC-4"]
    assert finding.outcome.value == "fail" and "MIT" in finding.message
    assert finding.evidence[0].path == "publiccode.yml" and finding.evidence[0].line
    assert outcomes("publiccode-licence", MemorySnapshot({"publiccode.yml": VALID}))["PC-4"] == \
        "warn"
    assert mit  # keeps the short form readable for the reader of this test


def test_stable_without_release_warns():
    snapshot = MemorySnapshot({"publiccode.yml": VALID}, history=history())
    assert outcomes("publiccode-status", snapshot)["PC-3"] == "warn"


def test_stable_with_current_release_passes():
    when = datetime(2026, 1, 10, tzinfo=UTC)
    snapshot = MemorySnapshot({"publiccode.yml": VALID}, history=history(("v1.2.0", when)))
    assert outcomes("publiccode-status", snapshot) == {"PC-3": "pass", "PC-7": "pass"}


def test_metadata_behind_latest_release_warns():
    when = datetime(2026, 6, 1, tzinfo=UTC)
    snapshot = MemorySnapshot({"publiccode.yml": VALID}, history=history(("v1.3.0", when)))
    finding = run("publiccode-status", snapshot)["PC-7"]
    assert finding.outcome.value == "warn"
    assert {e.line for e in finding.evidence} == {4, 5}


def test_releases_from_the_api_are_used():
    from publiccode_checker.snapshots import Release

    facts = RepositoryFacts(releases=(Release("2.0.0", None, datetime(2026, 2, 1, tzinfo=UTC)),))
    snapshot = MemorySnapshot({"publiccode.yml": VALID}, facts=facts)
    assert outcomes("publiccode-status", snapshot)["PC-7"] == "warn"


def test_status_unknown_without_history_or_api():
    assert outcomes("publiccode-status", MemorySnapshot({"publiccode.yml": VALID}))["PC-3"] == \
        "unknown"


def test_url_matches_the_checkout_remote():
    same = MemorySnapshot({"publiccode.yml": VALID},
                          history=history(remote="git@github.com:OS2/signatur.git"))
    assert outcomes("publiccode-url", same)["PC-5"] == "pass"
    other = MemorySnapshot({"publiccode.yml": VALID},
                           history=history(remote="https://github.com/fork/signatur"))
    assert outcomes("publiccode-url", other)["PC-5"] == "manual"
    assert outcomes("publiccode-url", MemorySnapshot({"publiccode.yml": VALID}))["PC-5"] == \
        "unknown"


def test_a_logo_in_a_dot_folder_is_found():
    # ".github/logo.svg" once lost its leading dot and was reported missing.
    for given in (".github/logo.svg", "./.github/logo.svg"):
        with_logo = VALID.replace("platforms:", f"logo: {given}\nplatforms:")
        present = MemorySnapshot({"publiccode.yml": with_logo, ".github/logo.svg": "<svg/>"})
        assert outcomes("publiccode-url", present)["PC-6"] == "pass", given
        absent = MemorySnapshot({"publiccode.yml": with_logo, "github/logo.svg": "<svg/>"})
        assert outcomes("publiccode-url", absent)["PC-6"] == "warn", given


def test_missing_logo_warns():
    with_logo = VALID.replace("platforms:", "logo: img/logo.svg\nplatforms:")
    assert outcomes("publiccode-url", MemorySnapshot({"publiccode.yml": with_logo}))["PC-6"] == \
        "warn"
    present = MemorySnapshot({"publiccode.yml": with_logo, "img/logo.svg": "<svg/>"})
    assert outcomes("publiccode-url", present)["PC-6"] == "pass"


def test_catalogue_listing():
    assert outcomes("catalogue-listing", MemorySnapshot({"publiccode.yml": VALID}))["FI-3"] == \
        "pass"
    linked = MemorySnapshot({"README.md": "# X\n\nSee [OS2](https://os2.eu/produkt/signatur).\n"})
    assert outcomes("catalogue-listing", linked)["FI-3"] == "pass"
    assert outcomes("catalogue-listing", MemorySnapshot({"README.md": "# X"}))["FI-3"] == "manual"
