"""Self-contained HTML reports for every tool: one template, everything escaped.

A tool's command turns its results into :class:`Section` objects (sentences, charts with text
alternatives, tables); :func:`render_report` puts them in ``templates/report.html.j2`` with the
disclosure mode at the very top and, in safe mode, the release's "What was hidden" table.
plotly.js is copied in from the installed plotly package, so a report opens offline and makes
no request to any other host. Jinja2 escapes every value from the user's file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from coproduce import __version__
from coproduce.disclosure import Mode, Release, is_safe, mode_note
from coproduce.present.charts import text_alternative
from coproduce.present.tables import environment, html_table

#: Options for every chart: no plotly logo link, charts resize with the window.
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       font-size: 17px; line-height: 1.5; color: #1a1a1a; margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.9rem; margin-top: 0.5rem; }
h2 { font-size: 1.45rem; margin-top: 2.5rem; border-bottom: 2px solid #0072B2; }
.mode { border: 3px solid #0072B2; background: #eef6fc; padding: 0.8rem 1rem; }
.mode.internal { border-color: #D55E00; background: #fff1e8; }
.synthetic { border: 2px dashed #555; background: #f6f6f6; padding: 0.6rem 1rem; }
.note { color: #333; font-size: 0.95rem; }
table { border-collapse: collapse; margin: 0.8rem 0 1.5rem; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.55rem; vertical-align: top; }
th { background: #f0f0f0; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figcaption { font-size: 0.92rem; color: #333; margin-top: 0.3rem; }
@media print { .mode, .synthetic { break-inside: avoid; } figure { break-inside: avoid; } }
"""


@dataclass
class Section:
    """One part of a report: a heading, sentences, charts and tables (already safe)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    figures: list[go.Figure] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)


def _figure(fig: go.Figure, chart_id: str) -> dict[str, object]:
    div = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        div_id=chart_id,
        config=PLOTLY_CONFIG,
    )
    # plotly writes the figure as JSON inside a script, escaping "<" in every string.
    return {"id": chart_id, "html": Markup(div), "alt": text_alternative(fig)}


def render_report(
    title: str,
    sections: list[Section],
    mode: Mode | str,
    file_label: str,
    synthetic: bool = False,
    release: Release | None = None,
) -> str:
    """The whole report as one HTML document."""
    from plotly.offline import get_plotlyjs

    has_figures = any(section.figures for section in sections)
    rendered = []
    number = 0
    for section in sections:
        figures = []
        for fig in section.figures:
            number += 1
            figures.append(_figure(fig, f"chart-{number}"))
        tables = [html_table(frame, caption, mode) for caption, frame in section.tables]
        rendered.append(
            {
                "heading": section.heading,
                "paragraphs": section.paragraphs,
                "figures": figures,
                "tables": tables,
            }
        )
    hidden = None
    if is_safe(mode):
        summary = (release or Release(Mode(mode))).summary()
        hidden = "" if summary.empty else html_table(summary, "What was hidden, and why", mode)
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            mode=Mode(mode).value,
            note=mode_note(mode),
            file_label=file_label,
            made=dt.datetime.now().strftime("%d %B %Y, %H:%M"),
            version=__version__,
            synthetic=synthetic,
            sections=rendered,
            hidden=hidden,
            css=Markup(CSS),
            plotly_js=Markup(get_plotlyjs()) if has_figures else "",
        )
    )


def write_report(html: str, path: str | Path) -> Path:
    """Write a report (UTF-8) and return its path."""
    path = Path(path)
    path.write_text(html, encoding="utf-8")
    return path
