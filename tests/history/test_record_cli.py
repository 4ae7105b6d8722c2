"""``publiccode-checker check --record`` stores a real evaluation with trigger ``cli``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from publiccode_checker.cli.main import main
from publiccode_checker.cli.record import record_cli_evaluation, repository_name
from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.snapshots.local import LocalSnapshot
from publiccode_checker.store import database
from publiccode_checker.store.history import queries


def _checkout(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    root.mkdir()
    (root / "README.md").write_text("# Parking permits\n\nIssues parking permits.\n")
    (root / "LICENSE").write_text("MIT License\n")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "remote", "add", "origin", "git@github.com:city/permits.git"],
                   check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first"], check=True)
    return root


@pytest.mark.parametrize("remote, name", [
    ("https://github.com/city/permits.git", "city/permits"),
    ("git@github.com:city/permits.git", "city/permits"),
    ("ssh://git@git.example.org/city/permits", "city/permits"),
])
def test_repository_names_from_remotes(tmp_path, remote, name) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", remote], check=True)
    assert repository_name(tmp_path) == name
    assert repository_name(tmp_path / "missing") == "local/missing"


def test_cli_evaluation_is_recorded(db_url, tmp_path) -> None:
    root = _checkout(tmp_path)
    evaluation = evaluate(LocalSnapshot(str(root)), "sfpc")
    evaluation_id = record_cli_evaluation(evaluation, root, url=db_url)
    with database.session_scope(db_url) as session:
        found = queries.find_evaluation(session, repository="city/permits",
                                        commit=evaluation.commit or "", profile_id="sfpc")
        assert found is not None and found.id == evaluation_id
        assert found.trigger == "cli" and found.ref == "refs/heads/main"
        assert found.verdicts == {r.id: r.verdict.value for r in evaluation.requirements}
        assert found.summary_text == evaluation.summary.sentence()


def test_check_record_flag(tmp_path, monkeypatch, capsys) -> None:
    root = _checkout(tmp_path)
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        main(["check", str(root), "--record", "--format", "json", "--profile", "publiccode"])
        with database.session_scope(url) as session:
            current = queries.repository_current(session, repository="city/permits",
                                                 profile_id="publiccode")
            assert current is not None and current.visibility is None
    finally:
        database.dispose_engines()
