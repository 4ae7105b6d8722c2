"""The service's only way to talk to GitHub (REST and GraphQL), as described in
``docs/github-client-contract.md``.

Layout: ``auth`` (JWT, token cache), ``transport`` (HTTP, counting, rate limits, retries),
``pacing`` (content-creation budget), ``github_app`` / ``installation`` (the contract's methods),
``remote_snapshot`` (a commit read as a Snapshot in at most five reads).
"""

from publiccode_checker.forge.github.counter import RequestCounter
from publiccode_checker.forge.github.errors import (
    GitHubError,
    Gone,
    NotFound,
    RateLimited,
    TransientError,
)
from publiccode_checker.forge.github.github_app import GitHubApp
from publiccode_checker.forge.github.installation import InstallationClient
from publiccode_checker.forge.github.pacing import LocalPacer, PacingPolicy, RedisPacer
from publiccode_checker.forge.github.transport import ClientPolicy

__all__ = [
    "ClientPolicy",
    "GitHubApp",
    "GitHubError",
    "Gone",
    "InstallationClient",
    "LocalPacer",
    "NotFound",
    "PacingPolicy",
    "RateLimited",
    "RedisPacer",
    "RequestCounter",
    "TransientError",
]
