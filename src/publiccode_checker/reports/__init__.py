"""Ways out of an evaluation: text, JSON, Markdown and SARIF."""

from __future__ import annotations

from publiccode_checker.evaluation.model import Evaluation

FORMATS = ("text", "json", "markdown", "sarif")


def render(
    evaluation: Evaluation,
    fmt: str,
    *,
    color: bool = False,
    verbose: bool = False,
    lang: str | None = None,
) -> str:
    """The report in ``fmt``; ``lang`` (e.g. "da") translates the text and Markdown reports.

    JSON and SARIF stay in English: tools read them, and their messages are identifiers too.
    """
    if fmt == "json":
        from publiccode_checker.reports.json_report import dumps

        return dumps(evaluation)
    if fmt == "markdown":
        from publiccode_checker.reports.markdown import render_markdown

        return render_markdown(evaluation, lang=lang)
    if fmt == "sarif":
        from publiccode_checker.reports.sarif import dumps_sarif

        return dumps_sarif(evaluation)
    from publiccode_checker.reports.text import render_text

    return render_text(evaluation, color=color, verbose=verbose, lang=lang)
