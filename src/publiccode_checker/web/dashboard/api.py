"""The JSON API (``/api/v1``), the organisation exports and the badges."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, request

from publiccode_checker.criteria.profiles import available_profiles, load_profile
from publiccode_checker.web.dashboard import overview as overview_rules
from publiccode_checker.web.dashboard import serialise
from publiccode_checker.web.dashboard.badges import Badge, badge_for, badge_svg
from publiccode_checker.web.dashboard.context import lang, profile, state, valid_name, viewer
from publiccode_checker.web.dashboard.loading import load_current, load_overview, load_repository
from publiccode_checker.web.dashboard.models import PUBLIC, OverviewRow

BADGE_CACHE_SECONDS = 300


def add_routes(bp: Blueprint) -> None:
    bp.add_url_rule("/api/v1/profiles", "api_profiles", api_profiles)
    bp.add_url_rule("/api/v1/orgs/<org>", "api_organisation", api_organisation)
    bp.add_url_rule("/orgs/<org>/export.json", "export_json", api_organisation)
    bp.add_url_rule("/orgs/<org>/export.csv", "export_csv", export_csv)
    bp.add_url_rule("/api/v1/repos/<owner>/<name>", "api_repository", api_repository)
    bp.add_url_rule("/api/v1/repos/<owner>/<name>/trend", "api_trend", api_trend)
    bp.add_url_rule("/api/v1/repos/<owner>/<name>/timeline", "api_timeline", api_timeline)
    bp.add_url_rule("/api/v1/repos/<owner>/<name>/levels", "api_levels", api_levels)
    bp.add_url_rule("/api/v1/repos/<owner>/<name>/questions", "api_questions", api_questions)
    bp.add_url_rule("/badges/<owner>/<name>.svg", "badge_svg", badge)
    bp.add_url_rule("/badges/<owner>/<name>.json", "badge_endpoint", badge_endpoint)
    bp.add_url_rule("/api/v1/badges/<owner>/<name>", "api_badge", badge_endpoint)


def _json(payload: object, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False)
    return Response(body + "\n", status=status, mimetype="application/json")


def _repository_name(owner: str, name: str) -> str:
    if not valid_name(owner) or not valid_name(name):
        abort(404)
    return f"{owner}/{name}"


def api_profiles() -> Response:
    current = lang()
    return _json({"api_version": serialise.API_VERSION,
                  "profiles": [serialise.profile_json(load_profile(p), current)
                               for p in available_profiles()]})


def _overview_rows(org: str) -> list[OverviewRow]:
    if not valid_name(org):
        abort(404)
    current_profile = profile()
    rows = load_overview(org, current_profile.id)
    query = overview_rules.parse_query(request.args, current_profile)
    return overview_rules.apply(rows, query, current_profile)


def api_organisation(org: str) -> Response:
    rows = _overview_rows(org)
    return _json(serialise.overview_json(org, rows, profile(), lang()))


def export_csv(org: str) -> Response:
    rows = _overview_rows(org)
    body = serialise.overview_csv(rows, profile(), lang())
    filename = f"{org}-{profile().id}.csv"
    return Response(
        "\ufeff" + body,  # the byte order mark makes spreadsheet programs read UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def api_repository(owner: str, name: str) -> Response:
    data = load_repository(_repository_name(owner, name), profile().id)
    if data is None:
        abort(404)
    return _json(serialise.current_json(data.current, profile(), data.blocks, lang()))


def _visible_or_404(owner: str, name: str) -> str:
    repository = _repository_name(owner, name)
    if load_current(repository, profile().id) is None:
        abort(404)
    return repository


def api_trend(owner: str, name: str) -> Response:
    repository = _visible_or_404(owner, name)
    points = state().source.trend(repository, profile().id)
    return _json(serialise.trend_json(points, profile()))


def api_timeline(owner: str, name: str) -> Response:
    repository = _visible_or_404(owner, name)
    try:
        limit = max(1, min(int(request.args.get("limit", 100)), 1000))
    except ValueError:
        limit = 100
    changes = state().source.timeline(repository, profile().id, limit)
    return _json(serialise.timeline_json(changes))


def api_levels(owner: str, name: str) -> Response:
    repository = _visible_or_404(owner, name)
    events = state().source.level_events(repository, profile().id)
    return _json(serialise.level_events_json(events, lang()))


def api_questions(owner: str, name: str) -> Response:
    repository = _visible_or_404(owner, name)
    questions = state().source.open_questions(repository, profile().id)
    return _json(serialise.questions_json(questions, profile(), lang()))


def _badge_data(owner: str, name: str) -> tuple[Badge, bool]:
    repository = _repository_name(owner, name)
    current = load_current(repository, profile().id)
    # An unknown or hidden repository gets a grey "not evaluated" badge rather than an error, so
    # a README never shows a broken image; it tells nothing about whether the repository exists.
    level = current.level if current else None
    public = current is not None and current.visibility == PUBLIC
    return badge_for(profile(), level, lang()), public


def _badge_cache(response: Response, public: bool) -> Response:
    if public and not viewer().signed_in:
        response.headers["Cache-Control"] = f"public, max-age={BADGE_CACHE_SECONDS}"
    else:
        response.headers["Cache-Control"] = "private, no-store"
    return response


def badge(owner: str, name: str) -> Response:
    data, public = _badge_data(owner, name)
    response = Response(badge_svg(data), mimetype="image/svg+xml")
    return _badge_cache(response, public)


def badge_endpoint(owner: str, name: str) -> Response:
    data, public = _badge_data(owner, name)
    return _badge_cache(_json(data.shields()), public)
