"""The service's only way to talk to GitHub (REST and GraphQL), as described in
``docs/github-client-contract.md``.

Layout: ``auth`` (JWT, token cache), ``transport`` (HTTP, counting, rate limits, retries),
``pacing`` (content-creation budget), ``github_app`` / ``installation`` (the contract's methods),
``remote_snapshot`` (a commit read as a Snapshot in at most five reads).
"""

from github_api.counter import RequestCounter
from github_api.errors import GitHubError, Gone, NotFound, RateLimited, TransientError
from github_api.github_app import GitHubApp
from github_api.installation import InstallationClient
from github_api.pacing import LocalPacer, PacingPolicy, RedisPacer
from github_api.transport import ClientPolicy

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
