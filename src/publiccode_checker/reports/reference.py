"""Reference pages of the checks, written from each check's own declaration.

One page per check (``docs/checks/<id>.md``) and an index, in the manner of ruff's rule pages: what
the check decides, how, why it matters, how to fix it, where it goes wrong, and a passing and a
failing example. Everything comes from the ``@check`` declaration and the profiles, so the pages
are regenerated, never edited (``python3 scripts/regenerate.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from publiccode_checker.core.model import Check, Example
from publiccode_checker.criteria.profiles import Profile, Requirement

_STRENGTH = {
    "decisive": "Strength of its evidence: **decisive** (parsed files, licence matches, CI "
                "configuration or forge facts).",
    "strong": "Strength of its evidence: **strong** (a dedicated document, or a heading in the "
              "project's process documents).",
    "weak": "Strength of its evidence: **weak** (mentions and keywords). On a MUST or MUST NOT, "
            "what it finds never passes or fails the requirement: a person is asked to confirm, "
            "shown what was found.",
}
GENERATED = ("<!-- Generated from the check's declaration by `python3 scripts/regenerate.py`; "
             "edit the check, not this page. -->")


def source_path(check: Check) -> str:
    """Where the check is declared, relative to the repository root."""
    module = check.function.__module__
    prefix = "publiccode_checker.checks."
    if module.startswith(prefix):
        return "checks/" + module[len(prefix):].replace(".", "/") + ".py"
    return module.replace(".", "/") + ".py"


def _requirements(check: Check, profiles: Iterable[Profile]) -> list[str]:
    lines = []
    for requirement_id in check.requirements:
        found: list[tuple[Profile, Requirement]] = []
        for profile in profiles:
            for requirement in profile.requirements:
                if requirement.id == requirement_id:
                    found.append((profile, requirement))
        if not found:
            lines.append(f"- **{requirement_id}**")
            continue
        profile, requirement = found[0]
        link = f"[{requirement_id}]({requirement.link})" if requirement.link else requirement_id
        also = [p.name for p, r in found[1:]]
        derived = sorted({p.name for p in profiles for r in p.requirements
                          if requirement_id in r.derived_from})
        summary = requirement.summary.rstrip()
        if summary[-1:] not in ".?!":
            summary += "."
        line = f"- **{link}** ({requirement.level}, {profile.name}): {summary}"
        if also:
            line += f" Also in: {', '.join(also)}."
        if derived:
            line += f" Its verdict also counts for: {', '.join(derived)}."
        lines.append(line)
    return lines


def _fence(text: str, info: str = "") -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    body = text if text.endswith("\n") else text + "\n"
    return f"{fence}{info}\n{body}{fence}"


def _language(path: str) -> str:
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return {"md": "markdown", "yml": "yaml", "yaml": "yaml", "py": "python", "json": "json",
            "toml": "toml", "js": "javascript", "ts": "typescript", "sh": "sh",
            "html": "html", "cfg": "ini", "ini": "ini", "rst": "rst"}.get(suffix, "text")


def describe_value(value: Any) -> str:
    """A short, stable rendering of a forge fact for the page."""
    if is_dataclass(value) and not isinstance(value, type):
        inner = ", ".join(f"{f.name}={describe_value(getattr(value, f.name))}"
                          for f in fields(value)
                          if getattr(value, f.name) not in (None, (), [], {}, ""))
        return f"{type(value).__name__}({inner})"
    if isinstance(value, tuple | list):
        if len(value) > 3:
            return f"[{describe_value(value[0])}, … {len(value)} in all]"
        return "[" + ", ".join(describe_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {describe_value(v)}" for k, v in value.items()) + "}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return repr(value)


def _history(history: Any) -> list[str]:
    commits = getattr(history, "commits", None)
    if not commits:
        return []
    lines = [f"Git history: {len(commits)} commit(s), newest first:", ""]
    for commit in list(commits)[:5]:
        summary = getattr(commit, "subject", None) or getattr(commit, "message", "") or ""
        when = getattr(commit, "authored_at", None) or getattr(commit, "committed_at", None)
        stamp = when.date().isoformat() if hasattr(when, "date") else ""
        lines.append(f"- {stamp} {summary.splitlines()[0] if summary else ''}".rstrip())
    if len(commits) > 5:
        lines.append(f"- … and {len(commits) - 5} more")
    lines.append("")
    return lines


def _example(example: Example) -> list[str]:
    results = ", ".join(f"{req} **{outcome}**" for req, outcome in example.outcomes.items())
    lines = [f"### {example.title}", "", f"Result: {results}.", ""]
    if example.files:
        for path, text in example.files.items():
            lines += [f"`{path}`:", "", _fence(text, _language(path)), ""]
    else:
        lines += ["An empty repository.", ""]
    if example.facts:
        lines.append("Forge facts:")
        lines.append("")
        lines += [f"- `{name}` = `{describe_value(value)}`" for name, value in
                  example.facts.items()]
        lines.append("")
    lines += _history(example.history)
    if example.evaluated_at is not None:
        lines += [f"Evaluated as of {example.evaluated_at.date().isoformat()}.", ""]
    elif getattr(example.history, "head_date", None) is not None:
        lines += [f"Evaluated as of the newest commit, {example.history.head_date.date()}.", ""]
    return lines


def check_page(check: Check, profiles: Iterable[Profile]) -> str:
    profiles = list(profiles)
    lines = [GENERATED, "", f"# `{check.id}`: {check.title}", "",
             f"Declared in [`{source_path(check)}`](../../{source_path(check)}).", "",
             "## Requirements it decides", "", *_requirements(check, profiles), ""]
    lines += ["## How it decides", "", check.description or "Not documented.", ""]
    lines += [_STRENGTH.get(check.strength.value if check.strength else "weak", ""), ""]
    lines += ["## Why it matters", "", check.why, ""]
    lines += ["## How to fix", "", check.how_to_fix, ""]
    lines += ["## Known limitations", "", check.limitations or "Not documented.", ""]
    if check.examples:
        lines += ["## Examples", ""]
        for example in check.examples:
            lines += _example(example)
    return "\n".join(lines).rstrip() + "\n"


def index_page(checks: Iterable[Check], profiles: Iterable[Profile]) -> str:
    profiles = list(profiles)
    order = {r.id: n for p in profiles for n, r in enumerate(p.requirements)}
    ranked = sorted(checks, key=lambda c: (min((order.get(r, 10**6) for r in c.requirements),
                                               default=10**6), c.id))
    lines = [GENERATED, "", "# Checks", "",
             "Every check of publiccode-checker, in the order of the requirements it decides. "
             "Each page says how the check decides, why it matters, how to fix what it finds, "
             "its known limitations and a passing and a failing example.", "",
             "| Check | Requirements | What it looks at |", "| --- | --- | --- |"]
    for check in ranked:
        lines.append(f"| [`{check.id}`]({check.id}.md) | {', '.join(check.requirements)} | "
                     f"{check.title} |")
    return "\n".join(lines) + "\n"


def reference_pages(checks: Mapping[str, Check], profiles: Iterable[Profile]) -> dict[str, str]:
    """File name -> content of every page, the index (``README.md``) included."""
    profiles = list(profiles)
    pages = {f"{check_id}.md": check_page(check, profiles) for check_id, check in checks.items()}
    pages["README.md"] = index_page(checks.values(), profiles)
    return pages
