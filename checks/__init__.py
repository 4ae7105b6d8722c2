"""Check plugins. Each module here registers checks with the ``@check`` decorator.

The contract (``Check``, ``Finding``, ``Evidence``, ``Outcome``, ``CheckContext``) lives in
``publiccode_checker.core.model``; ``docs/writing-checks.md`` is the guide. This package only finds
its plugins: every module here, then those registered through the ``publiccode_checker.checks``
entry point group.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable

from publiccode_checker.core.model import (
    Check,
    Evidence,
    Example,
    Finding,
    Outcome,
    Strength,
    check,
    failed,
    info,
    needs_person,
    not_applicable,
    passed,
    registered_checks,
    unknown,
    warned,
)

__all__ = [
    "Check",
    "Evidence",
    "Example",
    "Finding",
    "Outcome",
    "Strength",
    "all_checks",
    "check",
    "failed",
    "info",
    "load_errors",
    "needs_person",
    "not_applicable",
    "passed",
    "unknown",
    "warned",
]

_discovered = False
#: Plugins that could not be imported, with the error: reported, so one broken plugin costs only
#: its own requirements rather than the whole report.
load_errors: dict[str, str] = {}


def all_checks() -> dict[str, Check]:
    """Every registered check, importing the plugins in this package on first use."""
    global _discovered
    if not _discovered:
        _discovered = True
        for module in pkgutil.iter_modules(__path__):
            if not module.name.startswith("_"):
                name = f"{__name__}.{module.name}"
                _load(name, lambda name=name: importlib.import_module(name))
        _load_entry_points()
    return registered_checks()


def _load(name: str, loader: Callable[[], object]) -> None:
    try:
        loader()
    except Exception as exc:  # a plugin's bug must not take the other checks down
        logging.getLogger(__name__).exception("check plugin %s failed to load", name)
        load_errors[name] = f"{type(exc).__name__}: {exc}"


def _load_entry_points() -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group="publiccode_checker.checks"):
        _load(entry.name, entry.load)
