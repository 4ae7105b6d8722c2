"""publiccode.yml validation, compatible with the reference parser (italia/publiccode-parser-go).

``validate(data)`` returns a :class:`ValidationReport` whose ``results`` list the errors and
warnings the reference prints, in its order, with the same keys, messages, lines and columns.
"""

from __future__ import annotations

from .results import Result, ValidationReport
from .validator import validate

__all__ = ["Result", "ValidationReport", "validate"]
