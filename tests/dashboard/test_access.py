"""Access decisions and the GitHub calls behind them."""

from __future__ import annotations

from publiccode_checker.web.dashboard.access import ANONYMOUS, AccessChecker, Viewer
from publiccode_checker.web.dashboard.github_oauth import GitHubOAuth, OAuthSettings
from publiccode_checker.web.dashboard.tokens import seal, unseal
from tests.dashboard.fake_github import FakeGitHub, running

TOKEN = "gho_reader"


def checker_for(fake: FakeGitHub) -> AccessChecker:
    return AccessChecker(GitHubOAuth(OAuthSettings("id", "s3cret", fake.url, fake.url)))


def test_public_needs_no_question_and_anonymous_sees_nothing_else():
    checker = AccessChecker(None)
    assert checker.can_view(ANONYMOUS, "acme/a", "public")
    for visibility in ("private", "internal", None, "PUBLIC"):
        assert not checker.can_view(ANONYMOUS, "acme/a", visibility)
        assert not checker.can_view(Viewer("x", "t"), "acme/a", visibility)


def test_answers_are_cached_per_person():
    fake = FakeGitHub(access={TOKEN: {"acme/secret"}})
    with running(fake):
        checker = checker_for(fake)
        reader = Viewer("mette", TOKEN)
        assert checker.can_view(reader, "acme/secret", "private")
        assert checker.can_view(reader, "acme/secret", "private")
        assert not checker.can_view(Viewer("ole", "gho_other"), "acme/secret", "private")
    asked = [r for r in fake.requests if r[1] == "/repos/acme/secret"]
    assert len(asked) == 2


def test_many_private_repositories_are_checked_with_one_listing():
    names = [f"acme/private-{n}" for n in range(15)]
    fake = FakeGitHub(access={TOKEN: set(names[:5])})
    with running(fake):
        checker = checker_for(fake)
        items = [(name, "private") for name in names] + [("acme/open", "public")]
        visible = checker.visible(Viewer("mette", TOKEN), items)
    assert visible == {*names[:5], "acme/open"}
    assert [r[1] for r in fake.requests] == ["/user/repos"]


def test_sealed_tokens():
    sealed = seal("gho_abc", "key-one")
    assert "gho_abc" not in sealed
    assert unseal(sealed, "key-one") == "gho_abc"
    assert unseal(sealed, "key-two") is None
    assert unseal("garbage", "key-one") is None
