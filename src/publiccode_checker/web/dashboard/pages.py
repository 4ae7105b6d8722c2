"""The HTML pages: start, organisation overview and repository detail."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from publiccode_checker.criteria.profiles import available_profiles, load_profile
from publiccode_checker.i18n.content import (
    criterion_title,
    requirement_question,
    requirement_summary,
)
from publiccode_checker.web.dashboard import overview as overview_rules
from publiccode_checker.web.dashboard.chart import trend_svg
from publiccode_checker.web.dashboard.context import (
    carry_args,
    lang,
    profile,
    state,
    valid_name,
    viewer,
)
from publiccode_checker.web.dashboard.loading import load_overview, load_repository
from publiccode_checker.web.dashboard.wording import (
    STATUSES,
    event_kind,
    event_label,
    level_text,
    status_look,
    trigger_text,
    verdict_look,
)


def add_routes(bp: Blueprint) -> None:
    # "/" belongs to the service's own start page; the dashboard starts at /orgs.
    bp.add_url_rule("/orgs", "index", index)
    bp.add_url_rule("/orgs/<org>", "organisation", organisation)
    bp.add_url_rule("/repos/<owner>/<name>", "repository", repository)


def index() -> Response | str:
    """The start page; its form sends ``?org=`` here, which leads on to that organisation."""
    org = (request.args.get("org") or "").strip()
    if org and valid_name(org):
        return redirect(url_for("dashboard.organisation", org=org, **carry_args()))
    return render_template("dashboard/index.html", invalid=bool(org))


def _common() -> dict[str, object]:
    current = lang()
    return {
        "profiles": [(p, load_profile(p)) for p in available_profiles()],
        "profile": profile(),
        "status_look": lambda s: status_look(s, current),
        "verdict_look": lambda v: verdict_look(v, current),
        "level_text": lambda lv: level_text(lv, current),
        "criterion_title": lambda c: criterion_title(c, current),
        "statuses": STATUSES,
    }


def organisation(org: str) -> str:
    if not valid_name(org):
        abort(404)
    current_profile = profile()
    rows = load_overview(org, current_profile.id)
    query = overview_rules.parse_query(request.args, current_profile)
    shown = overview_rules.apply(rows, query, current_profile)
    return render_template(
        "dashboard/organisation.html", org=org, rows=shown, total_rows=len(rows), query=query,
        status_cell=_status_cells(lang()), **_common(),
    )


def _status_cells(current: str | None):  # type: ignore[no-untyped-def]
    """The table's cells, each distinct one rendered once.

    An organisation page has a cell per repository and criterion (over ten thousand) but only a
    few distinct ones; rendering each through the template macro dominated the page's time.
    """
    cache: dict[tuple[str, str], Markup] = {}

    def cell(status: str, criterion) -> Markup:  # type: ignore[no-untyped-def]
        key = (status, criterion.code)
        if key not in cache:
            look = status_look(status, current)
            context = f"{criterion.code} {criterion_title(criterion, current)}: {look.label}"
            cache[key] = Markup(
                '<span class="mark {css}" title="{context}"><span class="symbol" '
                'aria-hidden="true">{symbol}</span><span class="visually-hidden">{context}'
                "</span></span>"
            ).format(css=look.css, context=context, symbol=look.symbol)
        return cache[key]

    return cell


def repository(owner: str, name: str) -> str:
    if not valid_name(owner) or not valid_name(name):
        abort(404)
    current_profile = profile()
    data = load_repository(f"{owner}/{name}", current_profile.id)
    if data is None:
        abort(404)
    current = lang()
    questions = []
    for question in data.questions:
        try:
            requirement = current_profile.requirement(question.requirement)
        except KeyError:
            continue
        questions.append((requirement, requirement_question(requirement, current)
                          or requirement_summary(requirement, current)))
    summaries = {r.id: requirement_summary(r, current) for r in current_profile.requirements}
    rows = [row for block in data.blocks for row in block.rows]
    titles = {block.criterion.code: block.title for block in data.blocks}
    return render_template(
        "dashboard/repository.html",
        owner=owner, name=name, data=data, current=data.current, blocks=data.blocks,
        questions=questions, summaries=summaries,
        met_count=sum(1 for block in data.blocks if block.status == "met"),
        failing_count=sum(1 for row in rows if row.verdict == "fail"),
        attention=[row for row in rows if row.needs_action],
        chart=trend_svg(data.trend, len(current_profile.criteria), current),
        trigger_text=lambda t: trigger_text(t, current),
        event_kind=lambda k: event_kind(k, current),
        event_label=lambda label: event_label(label, current, titles),
        web_url=state().web_url, signed_in=viewer().signed_in,
        **_common(),
    )
