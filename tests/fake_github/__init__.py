"""A fake GitHub for tests and benchmarks: REST + GraphQL over loopback HTTP."""

from tests.fake_github.keys import key_pair
from tests.fake_github.repos import FixtureCommit, FixturePull, FixtureRepo, git_sha
from tests.fake_github.server import FakeGitHub, Recorded, build_tarball, default_openapi

__all__ = [
    "FakeGitHub",
    "FixtureCommit",
    "FixturePull",
    "FixtureRepo",
    "Recorded",
    "build_tarball",
    "default_openapi",
    "git_sha",
    "key_pair",
]
