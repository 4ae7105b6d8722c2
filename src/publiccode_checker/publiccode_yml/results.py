"""Result records of a publiccode.yml validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Result:
    type: Literal["error", "warning"]
    key: str
    message: str
    line: int
    column: int
    hint: str | None = None

    def text(self, *, with_hint: bool = False, file_label: str = "publiccode.yml") -> str:
        """One line as the reference prints it: ``FILE:LINE:COL: TYPE: KEY: MESSAGE``."""
        key = f"{self.key}: " if self.key else ""
        line = f"{file_label}:{self.line}:{self.column}: {self.type}: {key}{self.message}"
        if with_hint and self.hint:
            line += f" (hint: {self.hint})"
        return line

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "description": self.message,
            "line": self.line,
            "column": self.column,
            "type": self.type,
        }


@dataclass(slots=True)
class ValidationReport:
    results: list[Result] = field(default_factory=list)
    document: dict | None = None
    version: str | None = None

    @property
    def valid(self) -> bool:
        return not any(result.type == "error" for result in self.results)

    @property
    def errors(self) -> list[Result]:
        return [result for result in self.results if result.type == "error"]

    @property
    def warnings(self) -> list[Result]:
        return [result for result in self.results if result.type == "warning"]
