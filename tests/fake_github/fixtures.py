"""Ready-made pieces for tests: a running fake with one installed repository and a client."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from publiccode_checker.forge.github import ClientPolicy, GitHubApp, LocalPacer, PacingPolicy
from tests.fake_github.repos import FixtureRepo
from tests.fake_github.server import FakeGitHub

INSTALLATION_ID = 7
#: Test time runs 100x faster: a one-second pacing interval lasts 10 ms.
FAST = PacingPolicy().scaled(0.01)
FAST_POLICY = ClientPolicy(max_wait=5.0, backoff=0.01, secondary_min_wait=0.2)

SAMPLE_FILES: dict[str, bytes | str] = {
    "README.md": "# Sample\n\nA sample product for public code checks.\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2025 Example\n",
    "CONTRIBUTING.md": "# Contributing\n\nOpen a pull request.\n",
    "publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: sample\n",
    "docs/index.md": "# Documentation\n",
    "src/app.py": "print('hello')\n",
    ".github/workflows/ci.yml": "on: push\n",
}


@contextmanager
def running_fake(**options: Any) -> Iterator[FakeGitHub]:
    """A started fake validating bodies when GitHub's OpenAPI description is at hand.

    Leaving the block fails the test if the fake met anything it did not understand.
    """
    with FakeGitHub(**options) as fake:
        yield fake
        assert not fake.violations, fake.violations


def make_app(fake: FakeGitHub, **options: Any) -> GitHubApp:
    options.setdefault("pacer", LocalPacer(FAST))
    options.setdefault("policy", FAST_POLICY)
    return GitHubApp(fake.app_id, fake.private_key, fake.api_url, **options)


def sample_repo(full_name: str = "org/sample", **facts: Any) -> FixtureRepo:
    files = facts.pop("files", SAMPLE_FILES)
    return FixtureRepo(full_name, files, **facts)
