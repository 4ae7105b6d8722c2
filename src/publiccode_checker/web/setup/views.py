"""Set-up pages: a form that posts the manifest to GitHub, and the redirect that completes it."""

from __future__ import annotations

import json
import logging
import re

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from publiccode_checker.settings import (
    SettingsError,
    current_settings,
    store_credentials,
    use_settings,
    with_stored_credentials,
)
from publiccode_checker.web.setup.manifest import build_manifest
from publiccode_checker.web.setup.state import check_state, clear_state, new_state

log = logging.getLogger(__name__)

blueprint = Blueprint("setup_flow", __name__, template_folder="templates")

_ORGANISATION = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")


def _refresh_settings() -> None:
    """Pick up credentials another web process stored since this one started."""
    settings = current_settings()
    if not settings.configured and settings.credentials_file.exists():
        try:
            use_settings(with_stored_credentials(settings))
        except SettingsError:
            log.exception("stored credentials are unusable")


@blueprint.get("/")
def index() -> Response | str:
    _refresh_settings()
    settings = current_settings()
    if not settings.configured:
        return redirect(url_for("setup_flow.setup"))
    return render_template("setup_flow/running.html", settings=settings)


@blueprint.get("/setup")
def setup() -> Response | str:
    _refresh_settings()
    settings = current_settings()
    if settings.configured:
        return render_template("setup_flow/running.html", settings=settings)
    organisation = request.args.get("organization", "").strip()
    if organisation and not _ORGANISATION.match(organisation):
        abort(400)
    public_url = settings.public_url or request.host_url.rstrip("/")
    manifest = build_manifest(public_url, administration_read=settings.administration_read)
    state = new_state(settings.instance_path)
    target = (f"{settings.web_url}/organizations/{organisation}/settings/apps/new"
              if organisation else f"{settings.web_url}/settings/apps/new")
    return render_template("setup_flow/setup.html", manifest=json.dumps(manifest),
                           action=f"{target}?state={state}", organisation=organisation,
                           public_url=public_url, permissions=manifest["default_permissions"],
                           events=manifest["default_events"])


@blueprint.get("/setup/callback")
def callback() -> Response | str | tuple[str, int]:
    settings = current_settings()
    if settings.configured:
        return redirect(url_for("setup_flow.index"))
    code = request.args.get("code", "")
    if not check_state(settings.instance_path, request.args.get("state")):
        return render_template("setup_flow/error.html",
                               message="This link has expired or was not started here. "
                                       "Start the set-up again."), 400
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,100}", code):
        return render_template("setup_flow/error.html", message="GitHub sent no valid code."), 400
    from publiccode_checker.forge.github import GitHubApp, GitHubError

    try:
        credentials = GitHubApp.convert_manifest(code, settings.api_url)
    except GitHubError as exc:
        log.warning("manifest conversion failed: %s", exc.status)
        return render_template("setup_flow/error.html",
                               message="GitHub did not accept the registration code "
                                       f"({exc.status}). Codes work once, for one hour: start "
                                       "the set-up again."), 502
    store_credentials(settings.instance_path, credentials)
    clear_state(settings.instance_path)
    use_settings(with_stored_credentials(settings))
    from publiccode_checker.jobs.github_access import use_github_app

    use_github_app(None)
    owner = credentials.get("owner") if isinstance(credentials.get("owner"), dict) else {}
    html_url = credentials.get("html_url") or f"{settings.web_url}/apps/{credentials.get('slug')}"
    return render_template("setup_flow/done.html", slug=credentials.get("slug"),
                           install_url=f"{html_url}/installations/new",
                           owner=owner.get("login"), settings=current_settings())
