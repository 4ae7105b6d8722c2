"""Check plugins. Each module here registers checks with the ``@check`` decorator.

See ``checks/framework.py`` for the contract and ``docs/writing-checks.md`` for a guide.
"""

from checks.framework import (
    Check,
    Evidence,
    Finding,
    Outcome,
    all_checks,
    check,
    failed,
    info,
    needs_person,
    not_applicable,
    passed,
    unknown,
    warned,
)

__all__ = [
    "Check",
    "Evidence",
    "Finding",
    "Outcome",
    "all_checks",
    "check",
    "failed",
    "info",
    "needs_person",
    "not_applicable",
    "passed",
    "unknown",
    "warned",
]
