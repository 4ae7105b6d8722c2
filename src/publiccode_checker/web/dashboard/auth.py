"""Sign-in with GitHub: authorize -> callback -> token exchange; sign-out.

The session cookie (signed with SECRET_KEY) holds the login and the token sealed with a key derived
from SECRET_KEY, never the token in clear. Without OAuth settings these routes answer 404 and only
public repositories are ever shown.
"""

from __future__ import annotations

import hmac
import logging
import secrets

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from publiccode_checker.i18n import gettext
from publiccode_checker.web.dashboard.context import lang, state
from publiccode_checker.web.dashboard.github_oauth import OAuthError
from publiccode_checker.web.dashboard.tokens import seal

log = logging.getLogger(__name__)


def add_routes(bp: Blueprint) -> None:
    bp.add_url_rule("/auth/login", "login", login)
    bp.add_url_rule("/auth/callback", "callback", callback)
    bp.add_url_rule("/auth/logout", "logout", logout, methods=["POST"])


def _safe_next(target: str | None) -> str:
    # Only paths on this site: "//host" and "\\host" would leave it.
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return url_for("dashboard.index")
    return target


def _redirect_uri() -> str:
    return url_for("dashboard.callback", _external=True)


def login() -> Response:
    dashboard = state()
    if not dashboard.sign_in_enabled or dashboard.oauth is None:
        abort(404)
    oauth_state = secrets.token_urlsafe(24)
    session["oauth_state"] = oauth_state
    session["oauth_next"] = _safe_next(request.args.get("next"))
    return redirect(dashboard.oauth.authorize_url(state=oauth_state,
                                                  redirect_uri=_redirect_uri()))


def callback() -> Response | tuple[str, int]:
    dashboard = state()
    if not dashboard.sign_in_enabled or dashboard.oauth is None:
        abort(404)
    expected = session.pop("oauth_state", None)
    target = _safe_next(session.pop("oauth_next", None))
    given = request.args.get("state", "")
    code = request.args.get("code", "")
    if not expected or not hmac.compare_digest(str(expected), given) or not code:
        return _failed(gettext("The sign-in could not be confirmed. Please try again.", lang()))
    try:
        token = dashboard.oauth.exchange(code=code, redirect_uri=_redirect_uri())
        login_name = dashboard.oauth.login(token)
    except OAuthError:
        return _failed(gettext("GitHub did not confirm the sign-in. Please try again.", lang()))
    # A new session on sign-in: nothing from before it carries over.
    session.clear()
    session["viewer"] = {"login": login_name, "token": seal(token, dashboard.secret_key or "")}
    session["csrf"] = secrets.token_urlsafe(24)
    log.info("dashboard sign-in: %s", login_name)
    return redirect(target)


def _failed(message: str) -> tuple[str, int]:
    return render_template("dashboard/error.html", code=403, message=message), 403


def logout() -> Response:
    expected = session.get("csrf")
    given = request.form.get("csrf", "")
    if not expected or not hmac.compare_digest(str(expected), given):
        abort(400)
    session.clear()
    return redirect(_safe_next(request.form.get("next")))
