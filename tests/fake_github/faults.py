"""Failures the fake can be told to produce: latency, 5xx, and both kinds of rate limit."""

from __future__ import annotations

import math
import re
import threading
import time
from dataclasses import dataclass
from typing import Any


@dataclass
class FailRule:
    pattern: re.Pattern[str]
    method: str | None
    remaining: int
    status: int
    #: Answer the error only after the request took effect (the lost-answer case).
    after: bool


@dataclass
class LimitRule:
    pattern: re.Pattern[str]
    remaining: int
    kind: str  # primary | secondary
    retry_after: float | None
    reset_in: float
    status: int


def _retry_after_text(seconds: float) -> str:
    # GitHub sends whole seconds; tests on a scaled clock need fractions.
    if seconds >= 1:
        return str(math.ceil(seconds))
    return f"{max(seconds, 0.001):.3f}"


class Faults:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency = 0.0
        self.fail_rules: list[FailRule] = []
        self.limit_rules: list[LimitRule] = []
        #: Content-creation budget: at most ``secondary_k`` writes per ``secondary_window`` s.
        self.secondary_k: int | None = None
        self.secondary_window = 60.0
        self._writes: list[float] = []

    def fail(self, rule: FailRule) -> None:
        with self.lock:
            self.fail_rules.append(rule)

    def take_failure(self, method: str, path: str, after: bool) -> int | None:
        with self.lock:
            for rule in self.fail_rules:
                if (rule.remaining > 0 and rule.after == after
                        and (rule.method is None or rule.method == method)
                        and rule.pattern.search(path)):
                    rule.remaining -= 1
                    return rule.status
        return None

    def take_limit(self, path: str) -> tuple[int, dict[str, str], dict[str, Any]] | None:
        with self.lock:
            for rule in self.limit_rules:
                if rule.remaining > 0 and rule.pattern.search(path):
                    rule.remaining -= 1
                    reset = time.time() + rule.reset_in
                    headers = {"x-ratelimit-limit": "5000", "x-ratelimit-used": "5000",
                               "x-ratelimit-reset": str(math.ceil(reset))}
                    if rule.kind == "primary":
                        headers["x-ratelimit-remaining"] = "0"
                        message = "API rate limit exceeded for installation."
                    else:
                        headers["x-ratelimit-remaining"] = "4000"
                        message = ("You have exceeded a secondary rate limit. Please wait a few "
                                   "minutes before you try again.")
                    if rule.retry_after is not None:
                        headers["retry-after"] = _retry_after_text(rule.retry_after)
                    return rule.status, headers, {"message": message}
        return None

    def take_content_slot(self) -> float | None:
        """None when a content-creating request may proceed, else seconds until it may."""
        with self.lock:
            if self.secondary_k is None:
                return None
            now = time.monotonic()
            self._writes = [t for t in self._writes if t > now - self.secondary_window]
            if len(self._writes) >= self.secondary_k:
                return self._writes[0] + self.secondary_window - now
            self._writes.append(now)
            return None

    @staticmethod
    def secondary_answer(wait: float) -> tuple[int, dict[str, str], dict[str, Any]]:
        return 403, {"retry-after": _retry_after_text(wait), "x-ratelimit-remaining": "4000"}, {
            "message": "You have exceeded a secondary rate limit and have been temporarily "
                       "blocked from content creation. Please retry your request again later.",
            "documentation_url": "https://docs.github.com/rest/using-the-rest-api/"
                                 "rate-limits-for-the-rest-api#about-secondary-rate-limits",
        }
