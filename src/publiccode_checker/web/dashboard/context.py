"""Per-request choices: language, profile and who is looking; and helpers the templates use."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from flask import abort, current_app, g, request, session

from publiccode_checker.criteria.profiles import (
    Profile,
    available_profiles,
    default_profile,
    load_profile,
)
from publiccode_checker.i18n import available_languages, choose_language, gettext, ngettext
from publiccode_checker.web.dashboard.access import ANONYMOUS, Viewer
from publiccode_checker.web.dashboard.state import DashboardState
from publiccode_checker.web.dashboard.tokens import unseal

LANG_COOKIE = "lang"
#: How long a sign-in lasts before GitHub is asked again.
SIGN_IN_SECONDS = 8 * 3600
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")


def state() -> DashboardState:
    return current_app.extensions["publiccode_dashboard"]


def valid_name(name: str) -> bool:
    """GitHub owner and repository names: letters, digits, '-', '_' and '.'."""
    return bool(_NAME.match(name)) and name not in (".", "..")


def setup_request() -> None:
    g.lang = choose_language(request.args.get("lang"), request.cookies.get(LANG_COOKIE),
                             request.headers.get("Accept-Language"))
    requested = request.args.get("profile") or default_profile()
    if requested not in available_profiles():
        abort(400, description=gettext("Unknown profile.", g.lang))
    g.profile_id = requested
    g.viewer = _viewer()


def _viewer() -> Viewer:
    dashboard = state()
    stored = session.get("viewer") if dashboard.sign_in_enabled else None
    if not isinstance(stored, dict):
        return ANONYMOUS
    token = unseal(str(stored.get("token", "")), dashboard.secret_key or "",
                   max_age=SIGN_IN_SECONDS)
    if not token:
        return ANONYMOUS
    return Viewer(login=str(stored.get("login") or ""), token=token)


def lang() -> str:
    return g.get("lang", "en")


def profile() -> Profile:
    return load_profile(g.get("profile_id") or default_profile())


def viewer() -> Viewer:
    return g.get("viewer", ANONYMOUS)


def url_with(**changes: Any) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    args = {k: v for k, v in request.args.items()}
    for key, value in changes.items():
        if value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = str(value)
    query = urlencode(args)
    return request.path + (f"?{query}" if query else "")


def carry_args(**extra: Any) -> dict[str, str]:
    """Query parameters that links between dashboard pages keep: profile and an explicit lang."""
    args: dict[str, str] = {}
    if (g.get("profile_id") or default_profile()) != default_profile():
        args["profile"] = g.profile_id
    if request.args.get("lang"):
        args["lang"] = lang()
    args.update({k: str(v) for k, v in extra.items() if v is not None})
    return args


def language_choices() -> list[tuple[str, str]]:
    """(code, name in its own language) of every language with a catalog."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        return [(code, code) for code in available_languages()]
    choices = []
    for code in available_languages():
        try:
            name = Locale.parse(code).get_display_name(code) or code
        except (ValueError, UnknownLocaleError):
            name = code
        choices.append((code, name[:1].upper() + name[1:]))
    return choices


def csrf_token() -> str:
    """A per-session token that the sign-out form sends back."""
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        session["csrf"] = token
    return str(token)


def format_time(moment: datetime | None, language: str) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    try:
        from babel.dates import format_date, format_time

        return (f"{format_date(moment, 'medium', locale=language)} "
                f"{format_time(moment, 'short', tzinfo=UTC, locale=language)} UTC")
    except (ImportError, ValueError, LookupError):
        return moment.strftime("%Y-%m-%d %H:%M UTC")


def template_helpers() -> dict[str, Any]:
    current = lang()

    def _(text: str, **values: Any) -> str:
        return gettext(text, current, **values)

    def n_(singular: str, plural: str, n: int, **values: Any) -> str:
        return ngettext(singular, plural, n, current, **values)

    return {"_": _, "gettext": _, "ngettext": n_, "lang": current, "url_with": url_with,
            "carry_args": carry_args, "viewer": viewer(), "dashboard": state(),
            "profile_id": g.get("profile_id") or default_profile(), "csrf_token": csrf_token,
            "when": lambda moment: format_time(moment, current),
            "languages": language_choices()}
