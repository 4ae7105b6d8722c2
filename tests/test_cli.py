"""The command line: formats, exit codes, bad paths, the whole report on hostile trees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from publiccode_checker.cli.main import main

COMPLIANT_ENOUGH = {
    "README.md": "# Parking permits\n\nThis application issues parking permits.\n",
}


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


def test_json_report_and_exit_code(tmp_path: Path, capsys):
    write(tmp_path, COMPLIANT_ENOUGH)
    code = main(["check", str(tmp_path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert len(report["requirements"]) == 111
    assert code == (1 if report["summary"]["must_failing"] else 0)
    assert main(["check", str(tmp_path), "--format", "json", "--fail-on", "never"]) == 0


def test_fail_on_from_the_configuration(tmp_path: Path, capsys):
    write(tmp_path, {**COMPLIANT_ENOUGH, ".github/publiccode-checker.yml": "fail_on: never\n"})
    assert main(["check", str(tmp_path)]) == 0
    assert "Summary:" in capsys.readouterr().out


def test_path_that_is_not_a_directory(tmp_path: Path, capsys):
    assert main(["check", str(tmp_path / "nope")]) == 2
    assert "no such directory" in capsys.readouterr().err
    (tmp_path / "f").write_text("x")
    assert main(["check", str(tmp_path / "f")]) == 2


def test_empty_directory_still_reports_everything(tmp_path: Path, capsys):
    assert main(["check", str(tmp_path), "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert "criteria met" in out


def test_hostile_tree_gives_a_full_report(tmp_path: Path, capsys):
    write(tmp_path, {
        "README.md": "# x\n" + "[" * 5000 + "a" + "]" * 5000 + "\n" + "> " * 2000 + "deep\n",
        "CONTRIBUTING.md": b"\xff\xfe\x00binary\x00",
        "docs/huge.md": "word " * 400_000,
        "publiccode.yml": "a: &a [x]\nb: *a\n" + "c: [" * 500 + "]" * 500,
        ".github/workflows/ci.yml": ":\n  - [unbalanced\n",
        ".github/publiccode-checker.yml": "requirements: [1, 2\n",
    })
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    code = main(["check", str(tmp_path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    assert len(report["requirements"]) == 111
    assert not any(p["kind"] == "check" for p in report["problems"]), report["problems"]


def test_output_file_and_each_profile(tmp_path: Path):
    write(tmp_path, COMPLIANT_ENOUGH)
    for profile in ("sfpc", "os2", "publiccode"):
        out = tmp_path / f"report-{profile}.sarif"
        main(["check", str(tmp_path), "--profile", profile, "--format", "sarif",
              "--output", str(out)])
        assert json.loads(out.read_text())["version"] == "2.1.0"


def test_console_script_runs_as_a_process(tmp_path: Path):
    write(tmp_path, COMPLIANT_ENOUGH)
    result = subprocess.run(
        [sys.executable, "-m", "publiccode_checker.cli.main", "check", str(tmp_path),
         "--fail-on", "never"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Summary:" in result.stdout and "\033[" not in result.stdout
    assert "Traceback" not in result.stderr


def test_validate_is_wired(tmp_path: Path, capsys):
    (tmp_path / "publiccode.yml").write_text("publiccodeYmlVersion: '0.4'\nname: x\n")
    code = main(["validate", "--no-network", str(tmp_path / "publiccode.yml")])
    assert code == 1
    assert "publiccode.yml:" in capsys.readouterr().out


def test_danish_report(tmp_path: Path, capsys):
    write(tmp_path, COMPLIANT_ENOUGH)
    main(["check", str(tmp_path), "--lang", "da", "--fail-on", "never"])
    out = capsys.readouterr().out
    assert "Sammenfatning:" in out and "kriterier opfyldt" in out
    main(["check", str(tmp_path), "--fail-on", "never"])
    assert "Summary:" in capsys.readouterr().out


def test_refresh_ipa_codes_from_a_file(tmp_path: Path, capsys):
    source = tmp_path / "enti.csv"
    source.write_text("Codice_IPA,Denominazione\nc_h501,Roma\nc_f205,Milano\n")
    target = tmp_path / "ipa.txt"
    assert main(["refresh-ipa-codes", "--from-file", str(source), "--output", str(target),
                 "--min-codes", "1"]) == 0
    assert target.read_text().split() == ["c_f205", "c_h501"]


def test_explain_shows_the_reference_page_of_a_check_or_a_requirement(capsys):
    assert main(["explain", "licence-file"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("# `licence-file`")
    assert "## Known limitations" in page and "## Examples" in page
    assert main(["explain", "ol-1"]) == 0  # the requirement, in any case
    assert "# `open-licence`" in capsys.readouterr().out


def test_explain_an_unknown_name_suggests_close_ones(capsys):
    assert main(["explain", "licence"]) == 2
    error = capsys.readouterr().err
    assert "no check or requirement called 'licence'" in error and "licence-file" in error


def test_as_of_sets_the_evaluation_time_that_reports_state(tmp_path: Path, capsys):
    write(tmp_path, COMPLIANT_ENOUGH)
    assert main(["check", str(tmp_path), "--format", "json", "--fail-on", "never",
                 "--as-of", "2026-01-15"]) == 0
    assert json.loads(capsys.readouterr().out)["evaluated_at"] == "2026-01-15T00:00:00+00:00"
    main(["check", str(tmp_path), "--fail-on", "never", "--as-of", "2026-01-15T08:30:00+01:00"])
    assert "Evaluated: 2026-01-15 07:30 UTC" in capsys.readouterr().out


def test_as_of_must_be_a_date(tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(tmp_path), "--as-of", "last tuesday"])
    assert stopped.value.code == 2
    assert "not a date" in capsys.readouterr().err
