"""The trend of criteria met over time, drawn as SVG on the server (no JavaScript, no build step).

Every piece of text that goes into the drawing is escaped here, and the chart carries its own
text alternative (title and description); the page adds the same numbers as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from markupsafe import Markup, escape

from publiccode_checker.i18n import gettext, ngettext
from publiccode_checker.web.dashboard.models import TrendPoint

WIDTH = 720
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40


def trend_svg(
    points: Sequence[TrendPoint], total: int, lang: str | None, *, chart_id: str = "trend"
) -> Markup:
    """A step chart of criteria met (0..``total``) with one marker per evaluation."""
    points = sorted(points, key=lambda p: p.time)
    title = gettext("Criteria met over time", lang)
    description = _description(points, total, lang)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    total = max(total, 1)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def y_of(value: int) -> float:
        return TOP + plot_h - plot_h * min(max(value, 0), total) / total

    for tick in _ticks(total):
        y = y_of(tick)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" '
                     f'y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 8}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{tick}</text>')
    if not points:
        parts.append(f'<text class="empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" '
                     f'text-anchor="middle">{escape(gettext("No evaluations yet", lang))}</text>')
        parts.append("</svg>")
        return Markup("".join(parts))

    start, end = points[0].time, points[-1].time
    span = (end - start).total_seconds() or 1.0

    def x_of(moment: datetime) -> float:
        if len(points) == 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (moment - start).total_seconds() / span

    path: list[str] = []
    for index, point in enumerate(points):
        x, y = x_of(point.time), y_of(point.criteria_met)
        if index == 0:
            path.append(f"M{x:.1f},{y:.1f}")
        else:
            path.append(f"H{x:.1f}V{y:.1f}")
    if len(points) > 1:
        area = "".join(path) + f"V{y_of(0):.1f}H{x_of(start):.1f}Z"
        parts.append(f'<path class="area" d="{area}"/>')
    parts.append(f'<path class="line" d="{"".join(path)}"/>')
    for point in points:
        x, y = x_of(point.time), y_of(point.criteria_met)
        label = gettext("%(when)s: %(met)s of %(total)s criteria met", lang,
                        when=_date(point.time), met=point.criteria_met, total=total)
        if point.commit:
            label += f" ({point.commit[:7]})"
        parts.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4">'
                     f"<title>{escape(label)}</title></circle>")
    parts.append(f'<text class="axis" x="{LEFT}" y="{HEIGHT - 14}" '
                 f'text-anchor="start">{escape(_date(start))}</text>')
    if len(points) > 1:
        parts.append(f'<text class="axis" x="{WIDTH - RIGHT}" y="{HEIGHT - 14}" '
                     f'text-anchor="end">{escape(_date(end))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _ticks(total: int) -> list[int]:
    step = max(1, round(total / 4))
    ticks = list(range(0, total + 1, step))
    if ticks[-1] != total:
        ticks.append(total)
    return ticks


def _date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def _description(points: Sequence[TrendPoint], total: int, lang: str | None) -> str:
    if not points:
        return gettext("No evaluations yet", lang)
    first, last = points[0], points[-1]
    count = ngettext("%(num)s evaluation", "%(num)s evaluations", len(points), lang)
    return gettext(
        "%(count)s from %(start)s to %(end)s. Criteria met went from %(first)s to %(last)s "
        "of %(total)s; the highest was %(best)s.",
        lang, count=count, start=_date(first.time), end=_date(last.time),
        first=first.criteria_met, last=last.criteria_met, total=total,
        best=max(p.criteria_met for p in points),
    )
