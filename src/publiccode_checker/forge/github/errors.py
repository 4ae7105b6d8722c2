"""Errors the GitHub client raises; callers branch on the class, never on message text."""

from __future__ import annotations

from datetime import UTC, datetime


class GitHubError(Exception):
    """GitHub answered with an error, or could not be reached."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class NotFound(GitHubError):
    """404: missing, or hidden from this installation (GitHub does not tell the two apart)."""


class Gone(GitHubError):
    """410: the feature is switched off for the repository (e.g. issues disabled)."""


class TransientError(GitHubError):
    """5xx or a network failure that outlasted the client's retries; the job may try again."""


class RateLimited(GitHubError):
    """A primary or secondary rate limit still holds after the client's own waiting.

    ``retry_at`` is the earliest time worth trying again, so a job queue can reschedule the work
    instead of keeping a worker asleep.
    """

    def __init__(self, retry_at: datetime, message: str = "rate limited", status: int = 403):
        super().__init__(status, message)
        self.retry_at = retry_at

    @classmethod
    def at_epoch(cls, epoch: float, message: str, status: int = 403) -> RateLimited:
        return cls(datetime.fromtimestamp(epoch, UTC), message, status)
