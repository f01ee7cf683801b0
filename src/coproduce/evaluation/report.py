"""A self-contained HTML report of an evaluation, that opens offline in any browser.

The report holds every shareable table and chart, the disclosure mode note at the very top, and
a plain-English account of how each figure was worked out. plotly.js is copied into the file
from the installed plotly package, so the report makes no request to any other host: it can be
emailed, put on a shared drive or opened on a ward computer without internet access. Only
tables made for the chosen mode go in; the person-level data never does.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from coproduce import __version__
from coproduce.charts import text_alternative
from coproduce.disclosure import FREE_TEXT_NOTE, PERCENT_NOTE, SPREAD_NOTE, SUPPRESSED, Mode
from coproduce.evaluation.charts import all_charts
from coproduce.evaluation.outcomes import EFFECT_SIZE_NOTE
from coproduce.evaluation.pipeline import Evaluation
from coproduce.evaluation.schema import SWEMWBS_LICENCE
from coproduce.present.numbers import cell_text
from coproduce.present.tables import html_table

#: Options for every chart: no plotly logo link, charts resize with the window.
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}

_CSS = """
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
dl.headline { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
dl.headline dt { font-weight: 600; }
@media print { .mode, .synthetic { break-inside: avoid; } figure { break-inside: avoid; } }
"""


def table_html(frame: pd.DataFrame, caption: str, mode: Mode | str) -> str:
    """An accessible, escaped HTML table of a shareable table (see :mod:`coproduce.present`)."""
    return str(html_table(frame, caption, mode))


def figure_html(fig: go.Figure, chart_id: str) -> str:
    """A chart with its text alternative as the caption (plotly.js is loaded once, above)."""
    alt = text_alternative(fig)
    div = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        div_id=chart_id,
        config=PLOTLY_CONFIG,
    )
    return (
        f'<figure aria-describedby="{chart_id}-alt">{div}'
        f'<figcaption id="{chart_id}-alt"><strong>Text description:</strong> '
        f"{html.escape(alt)}</figcaption></figure>"
    )


def _headline_html(evaluation: Evaluation) -> str:
    items = []
    for key, value in evaluation.headline.items():
        text, _ = cell_text(value)
        if "%" in key and text not in ("", SUPPRESSED):
            text += "%"
        items.append(f"<dt>{html.escape(key)}</dt><dd>{html.escape(text)}</dd>")
    return f'<dl class="headline">{"".join(items)}</dl>'


def _methods_html(evaluation: Evaluation) -> str:
    points = [
        "Physical activity uses the IPAQ short form. MET-minutes a week = 3.3 x walking "
        "minutes x days + 4.0 x moderate minutes x days + 8.0 x vigorous minutes x days, after "
        "capping each activity at 180 minutes a day. Activity level is High, Moderate or Low "
        "by the IPAQ rules (for Moderate, days of moderate activity and days of walking that "
        "reach 30 minutes are added together).",
        "Wellbeing uses SWEMWBS: the seven answers (1 to 5) add up to a raw score of 7 to 35, "
        "converted to a metric score with the published conversion table. " + SWEMWBS_LICENCE,
        "Body mass index is weight (kg) divided by height (m) squared, to 1 decimal place, "
        "with NICE's categories. For people whose recorded family background is South Asian, "
        "Chinese, other Asian, Middle Eastern, Black African or African-Caribbean, NICE's lower "
        "thresholds are used (overweight from 23, obesity from 27.5). A blank height uses the "
        "person's most recent earlier height.",
        "Blood pressure categories follow NICE NG136 for clinic readings: stage 1 hypertension "
        "from 140/90, stage 2 from 160/100, severe from a systolic of 180 or a diastolic of "
        "120. A category describes a reading; it is not a diagnosis.",
        "Change from baseline uses only people measured at both time points. The 95% "
        "confidence interval uses the t distribution. "
        + (EFFECT_SIZE_NOTE if evaluation.mode is Mode.INTERNAL else SPREAD_NOTE),
        "Recruited means everyone in the file. Completed the intervention means not withdrawn "
        "by the post-intervention time point (including anyone who missed that assessment). "
        "Still taking part at follow-up means not withdrawn by follow-up.",
    ]
    if evaluation.mode is Mode.SAFE:
        points += [
            "Counts from 1 to 7 are shown as [c] and other counts are rounded to the nearest "
            "5, so rounded numbers may not add up exactly; figures based on fewer than 8 "
            "people are shown as [c]. Where one hidden figure could be worked out from a "
            "total, another figure is hidden too. " + PERCENT_NOTE,
            SPREAD_NOTE,
            "Reasons are named only when at least 8 people gave the same reason; the others "
            "are counted together. " + FREE_TEXT_NOTE,
        ]
    else:
        points.append(
            "Reasons are shown as they were written in the file (tidied for spacing and "
            "capitals). This report is for the team only: reasons can identify a person."
        )
    items = "".join(f"<li>{html.escape(p)}</li>" for p in points)
    return f"<ul>{items}</ul>"


def _change_note(evaluation: Evaluation) -> str:
    note = EFFECT_SIZE_NOTE if evaluation.mode is Mode.INTERNAL else SPREAD_NOTE
    return f"{note} {SWEMWBS_LICENCE}"


def _hidden_html(evaluation: Evaluation) -> list[str]:
    """The release's account of what was hidden and why (safe mode only)."""
    if evaluation.mode is Mode.INTERNAL:
        return []
    summary = evaluation.release.summary()
    if summary.empty:
        return ["<h2>What was hidden</h2>", "<p>Nothing needed to be hidden.</p>"]
    return [
        "<h2>What was hidden</h2>",
        "<p>Figures shown as [c], by table and by the reason each was hidden.</p>",
        table_html(summary, "What was hidden, and why", evaluation.mode),
    ]


def build_report_html(evaluation: Evaluation) -> str:
    """The whole report as one HTML document (plotly.js included inline)."""
    charts = all_charts(evaluation)
    mode_class = "mode" if evaluation.mode is Mode.SAFE else "mode internal"
    made = dt.datetime.now().strftime("%d %B %Y, %H:%M")
    parts = [
        f'<p class="{mode_class}" role="note"><strong>Disclosure mode: '
        f"{html.escape(evaluation.mode.value)}.</strong> {html.escape(evaluation.note)}</p>",
        "<h1>Evaluation report: recruitment, retention and outcomes</h1>",
        f'<p class="note">Made from <strong>{html.escape(evaluation.file_label)}</strong> on '
        f"{html.escape(made)} by the co-production guide's evaluation tool (coproduce "
        f"{html.escape(__version__)}).</p>",
    ]
    if evaluation.scored["swemwbs_raw"].notna().any():
        parts.append(f'<p class="note">{html.escape(SWEMWBS_LICENCE)}</p>')
    if evaluation.synthetic:
        parts.append(
            '<p class="synthetic"><strong>SYNTHETIC example data.</strong> These numbers were '
            "invented for practice and describe no real person. They are not the IMPACT "
            "study's results.</p>"
        )
    parts += [
        "<h2>Key numbers</h2>",
        _headline_html(evaluation),
        "<h2>Recruitment and retention</h2>",
        figure_html(charts["funnel"], "chart-funnel"),
        table_html(evaluation.funnel, "Recruitment and retention, by site", evaluation.mode),
        "<h2>Why people left</h2>",
        figure_html(charts["withdrawal"], "chart-withdrawal"),
        table_html(evaluation.withdrawal_reasons, "Reasons for withdrawal", evaluation.mode),
        "<h2>Which measures were collected</h2>",
        figure_html(charts["completeness"], "chart-completeness"),
        table_html(
            evaluation.completeness, "Data completeness by measure and time point", evaluation.mode
        ),
        table_html(
            evaluation.not_collected_reasons, "Reasons measures were not collected", evaluation.mode
        ),
        "<h2>Change from baseline</h2>",
        f'<p class="note">{html.escape(_change_note(evaluation))}</p>',
    ]
    if "change" in charts:
        parts.append(figure_html(charts["change"], "chart-change"))
    parts += [
        table_html(
            evaluation.change,
            "Change from baseline, people measured at both points",
            evaluation.mode,
        ),
        "<h2>Categories at each time point</h2>",
    ]
    for number, (name, fig) in enumerate(charts.items()):
        if name.startswith("categories: "):
            parts.append(figure_html(fig, f"chart-category-{number}"))
    parts += [
        table_html(
            evaluation.categories, "People in each category at each time point", evaluation.mode
        ),
        "<h2>How the figures were worked out</h2>",
        _methods_html(evaluation),
        *_hidden_html(evaluation),
        f'<p class="{mode_class}">{html.escape(evaluation.note)}</p>',
    ]
    title = f"Evaluation report ({evaluation.mode.value}): {evaluation.file_label}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n"
        f'<script type="text/javascript">{get_plotlyjs()}</script>\n</head>\n'
        f"<body>\n<main>\n{''.join(parts)}\n</main>\n</body>\n</html>\n"
    )


def write_report(evaluation: Evaluation, path: str | Path) -> Path:
    """Write the report to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(build_report_html(evaluation), encoding="utf-8")
    return path
