"""Reads ``publiccode-checker.yml`` and turns every mistake into a problem with its line."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from publiccode_checker.criteria.profiles import available_profiles
from publiccode_checker.repo_config.model import ConfigProblem, RepoConfig, RequirementOverride
from publiccode_checker.repo_config.yaml_lines import Located, YamlProblem, load_located
from publiccode_checker.snapshots import Snapshot

CONFIG_PATHS = (
    ".github/publiccode-checker.yml",
    ".github/publiccode-checker.yaml",
    "publiccode-checker.yml",
    "publiccode-checker.yaml",
)
FAIL_ON = ("must", "should", "never")
STATUSES = ("not_applicable", "explained", "off")
ANSWERS = ("yes", "no", "not_applicable")
MODES = ("issue", "report", "off")
TOP_LEVEL_KEYS = {
    "profile", "fail_on", "report_only", "lock_overrides", "requirements",
    "tracking_issue", "organisations", "codebase_repositories", "authoritative_languages",
}
REQUIREMENT_KEYS = {
    "status", "reason", "approver", "expires", "answer", "by", "date", "note", "mode",
}


def find_config_path(snapshot: Snapshot) -> str | None:
    for candidate in CONFIG_PATHS:
        if snapshot.exists(candidate):
            return candidate
    return None


def load_repo_config(snapshot: Snapshot, known_requirements: Iterable[str] = ()) -> RepoConfig:
    path = find_config_path(snapshot)
    if path is None:
        return RepoConfig()
    text = snapshot.read_text(path)
    if text is None:
        return RepoConfig(path=path, problems=[ConfigProblem(path, None, "cannot be read as text")])
    return parse_config(text, path, known_requirements)


def parse_config(text: str, path: str, known_requirements: Iterable[str] = ()) -> RepoConfig:
    config = RepoConfig(path=path)
    known = set(known_requirements)

    def problem(line: int | None, message: str) -> None:
        config.problems.append(ConfigProblem(path, line, message))

    try:
        root = load_located(text)
    except YamlProblem as exc:
        problem(exc.line, exc.message)
        return config
    if root is None:
        return config
    if not isinstance(root.value, dict):
        problem(root.line, "the file must be a mapping of settings (key: value)")
        return config

    for key, line in root.key_lines.items():
        if key not in TOP_LEVEL_KEYS:
            problem(line, f"unknown setting {key!r}; known: {', '.join(sorted(TOP_LEVEL_KEYS))}")

    values = root.value
    config.profile = _choice(values, root, "profile", tuple(available_profiles()), problem)
    config.fail_on = _choice(values, root, "fail_on", FAIL_ON, problem)
    config.report_only = _boolean(values, root, "report_only", problem)
    config.lock_overrides = bool(_boolean(values, root, "lock_overrides", problem))
    for key in ("tracking_issue", "organisations", "codebase_repositories",
                "authoritative_languages"):
        if key in values:
            config.extra[key] = values[key]

    requirements = root.children.get("requirements")
    if requirements is not None:
        if not isinstance(requirements.value, dict):
            problem(requirements.line, "'requirements' must map requirement ids to settings")
        else:
            for req_id, node in requirements.children.items():
                line = requirements.key_lines[req_id]
                override = _override(req_id, node, line, path, known, problem)
                if override is not None:
                    config.overrides[req_id] = override
    return config


def _choice(values: dict, node: Located, key: str, allowed: tuple[str, ...], problem) -> str | None:
    if key not in values:
        return None
    value = values[key]
    if not isinstance(value, str) or value not in allowed:
        problem(node.key_lines[key], f"{key} must be one of {', '.join(allowed)}, not {value!r}")
        return None
    return value


def _boolean(values: dict, node: Located, key: str, problem) -> bool | None:
    if key not in values:
        return None
    value = values[key]
    if not isinstance(value, bool):
        problem(node.key_lines[key], f"{key} must be true or false, not {value!r}")
        return None
    return value


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _override(
    req_id: str, node: Located, line: int, path: str, known: set[str], problem
) -> RequirementOverride | None:
    if known and req_id not in known:
        problem(line, f"unknown requirement {req_id!r}")
        return None
    if node.value is False:  # YAML 1.1 reads a bare ``off`` as false
        node = Located("off", node.line)
    if isinstance(node.value, str):
        # Shorthand: ``BP-2: not_applicable`` or ``ST-4: off``. A waiver still needs a reason.
        node = Located({"status": node.value}, node.line, {"status": node.line})
    if not isinstance(node.value, dict):
        problem(line, f"{req_id}: expected a mapping such as status/reason or answer/by/date")
        return None
    values = node.value
    for key, key_line in node.key_lines.items():
        if key not in REQUIREMENT_KEYS:
            problem(key_line, f"{req_id}: unknown key {key!r}")

    def line_of(key: str) -> int:
        return node.key_lines.get(key, line)

    def text(key: str) -> str | None:
        value = values.get(key)
        if value is None:
            return None
        if not isinstance(value, str | int | float):
            problem(line_of(key), f"{req_id}: {key} must be text")
            return None
        return str(value).strip() or None

    status = values.get("status")
    if status is False:
        status = "off"
    if status is not None and status not in STATUSES:
        problem(line_of("status"), f"{req_id}: status must be one of {', '.join(STATUSES)}")
        status = None
    answer = values.get("answer")
    if isinstance(answer, bool):  # YAML reads a bare yes/no as a boolean
        answer = "yes" if answer else "no"
    if answer is not None and answer not in ANSWERS:
        problem(line_of("answer"), f"{req_id}: answer must be one of {', '.join(ANSWERS)}")
        answer = None
    mode = values.get("mode")
    if mode is not None and mode not in MODES:
        problem(line_of("mode"), f"{req_id}: mode must be one of {', '.join(MODES)}")
        mode = None
    reason = text("reason")
    if status in ("not_applicable", "explained") and not reason:
        problem(line, f"{req_id}: {status} needs a reason (comply or explain)")
        status = None
    expires = None
    if "expires" in values:
        expires = _date(values["expires"])
        if expires is None:
            problem(line_of("expires"), f"{req_id}: expires must be a date like 2027-06-30")
    answered_on = None
    if "date" in values:
        answered_on = _date(values["date"])
        if answered_on is None:
            problem(line_of("date"), f"{req_id}: date must be a date like 2026-11-01")
    if status is None and answer is None and mode is None:
        return None
    return RequirementOverride(
        requirement=req_id, status=status, reason=reason, approver=text("approver"),
        expires=expires, answer=answer, answered_by=text("by"), answered_on=answered_on,
        note=text("note"), mode=mode, path=path, line=line,
    )
