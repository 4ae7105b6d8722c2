"""The dashboard blueprint: request set-up, response headers and error pages."""

from __future__ import annotations

from flask import Blueprint, Response, g, render_template, request
from werkzeug.exceptions import HTTPException

from publiccode_checker.i18n import gettext
from publiccode_checker.web.dashboard import api, auth, pages
from publiccode_checker.web.dashboard.context import (
    LANG_COOKIE,
    setup_request,
    template_helpers,
    viewer,
)

blueprint = Blueprint(
    "dashboard", __name__, template_folder="templates", static_folder="static",
    static_url_path="/dashboard-static",
)
LANG_COOKIE_SECONDS = 365 * 24 * 3600
# Pages use no script at all and only our own stylesheet; anything else is refused.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@blueprint.before_request
def _before() -> None:
    setup_request()


@blueprint.context_processor
def _helpers() -> dict[str, object]:
    return template_helpers()


@blueprint.after_request
def _after(response: Response) -> Response:
    chosen = request.args.get("lang")
    if chosen and chosen == g.get("lang") and request.cookies.get(LANG_COOKIE) != chosen:
        response.set_cookie(LANG_COOKIE, chosen, max_age=LANG_COOKIE_SECONDS, samesite="Lax",
                            secure=request.is_secure, httponly=True)
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Content-Language", g.get("lang", "en"))
    if viewer().signed_in or "Cache-Control" not in response.headers:
        # What a signed-in person sees may include private repositories: no shared caching.
        response.headers["Cache-Control"] = (
            "private, no-store" if viewer().signed_in else "no-cache"
        )
    return response


@blueprint.errorhandler(HTTPException)
def _error(error: HTTPException) -> tuple[str | dict[str, object], int]:
    code = error.code or 500
    wants_json = request.path.startswith("/api/") or request.path.endswith((".json", ".csv"))
    messages = {
        400: gettext("The request is not valid.", g.get("lang")),
        404: gettext("Nothing to show here: the page does not exist, the repository has not "
                     "been evaluated yet, or you may not see it.", g.get("lang")),
    }
    message = messages.get(code, error.description or error.name)
    if code == 400 and error.description:
        message = error.description
    if wants_json:
        return {"error": {"status": code, "message": message}}, code
    if "lang" not in g:
        g.lang = "en"
    return render_template("dashboard/error.html", code=code, message=message), code


pages.add_routes(blueprint)
api.add_routes(blueprint)
auth.add_routes(blueprint)
