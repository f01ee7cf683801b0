"""Accessible plotly charts of the evaluation's tables, each with a full text alternative.

Every chart is drawn from a table that is already safe to share (or marked internal), never
from person-level data, so a chart can show nothing the table does not. A value shown as
``[c]`` (suppressed) is drawn as an empty bar labelled ``[c]``. Each chart has a title,
labelled axes and a text alternative (:func:`coproduce.present.charts.with_text_alternative`) that
lists every value, so a reader who cannot see the chart misses nothing; the table beside it
holds the same numbers.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from coproduce.disclosure import SUPPRESSED, Mode
from coproduce.evaluation.outcomes import EFFECT_SIZE
from coproduce.present.charts import (
    PALETTE,
    base_layout,
    new_figure,
    subplots,
    with_text_alternative,
)
from coproduce.present.tables import mode_label

SUPPRESSED_NOTE = (
    "[c] marks a number from 1 to 7, a figure based on fewer than 8 people, or a figure that "
    "would let one of those be worked out by subtraction; none of them is shown."
)


def _bar_value(value: object) -> tuple[float, str]:
    """Height to draw and label to print for a table cell (``[c]`` is drawn as 0)."""
    if value == SUPPRESSED:
        return 0.0, SUPPRESSED
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0.0, "none"
    number = float(value)
    return number, f"{number:,.0f}" if number.is_integer() else f"{number:,}"


def _said(value: object, suffix: str = "") -> str:
    """A cell as words for a text alternative."""
    if value == SUPPRESSED:
        return "[c]"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not available"
    number = float(value)
    text = f"{number:,.0f}" if number.is_integer() else f"{number:,}"
    return text + suffix


def _wrap(label: str, width: int = 16) -> str:
    """Break a long axis label over lines (plotly uses <br>) so labels never overlap."""
    lines: list[str] = []
    for word in str(label).split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _title(title: str, mode: Mode | str) -> str:
    """Chart title with the disclosure mode as a subtitle."""
    return f"{title}<br><sup>{mode_label(mode)}</sup>"


def _with_note(sentences: list[str], tables: list[pd.DataFrame], mode: Mode | str) -> str:
    text = " ".join(sentences) + f" Made in {Mode(mode).value} mode ({mode_label(mode)})."
    if any((t == SUPPRESSED).any().any() for t in tables if not t.empty):
        text += " " + SUPPRESSED_NOTE
    return text


def funnel_chart(funnel: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> go.Figure:
    """Grouped bars: people still taking part at each stage, for all sites and each site."""
    fig = new_figure()
    stages = list(dict.fromkeys(funnel["Stage"]))
    sentences = [
        "Grouped bar chart of how many people were still taking part at each stage of the "
        "programme, for all sites together and for each site."
    ]
    for colour, (site, rows) in zip(PALETTE * 3, funnel.groupby("Site", sort=False), strict=False):
        drawn = [_bar_value(v) for v in rows["People"]]
        fig.add_bar(
            name=str(site),
            x=[_wrap(stage) for stage in rows["Stage"]],
            y=[height for height, _ in drawn],
            text=[label for _, label in drawn],
            textposition="outside",
            marker_color=colour,
            hovertemplate="%{x}<br>" + str(site) + ": %{text}<extra></extra>",
        )
        parts = [
            f"{row['Stage']} {_said(row['People'])} ({_said(row['% of those recruited'], '%')} "
            "of those recruited)"
            for _, row in rows.iterrows()
        ]
        sentences.append(f"{site}: " + "; ".join(parts) + ".")
    fig.update_layout(
        **base_layout(_title("Recruitment and retention", mode), "Stage", "Number of people"),
        barmode="group",
    )
    fig.update_xaxes(categoryorder="array", categoryarray=[_wrap(stage) for stage in stages])
    fig.update_layout(legend={"y": -0.3}, margin={"t": 80, "b": 60})
    return with_text_alternative(fig, _with_note(sentences, [funnel], mode))


def withdrawal_chart(reasons: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> go.Figure:
    """Horizontal bars: people who left for each reason, coloured by when they left."""
    fig = new_figure()
    sentences = ["Horizontal bar chart of why people left the programme, and when."]
    if reasons.empty:
        sentences.append("Nobody withdrew.")
    for colour, (when, rows) in zip(
        PALETTE, reasons.groupby("When they left", sort=False), strict=False
    ):
        drawn = [_bar_value(v) for v in rows["People"]]
        fig.add_bar(
            name=str(when),
            y=rows["Reason"].tolist(),
            x=[height for height, _ in drawn],
            text=[label for _, label in drawn],
            textposition="outside",
            orientation="h",
            marker_color=colour,
            hovertemplate="%{y}: %{text}<extra>" + str(when) + "</extra>",
        )
        parts = [f"{row['Reason']} {_said(row['People'])}" for _, row in rows.iterrows()]
        sentences.append(f"{when}: " + "; ".join(parts) + ".")
    fig.update_layout(
        **base_layout(_title("Why people left, and when", mode), "Number of people", "Reason"),
        barmode="group",
        height=max(380, 70 * max(len(reasons), 1)),
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(rangemode="tozero")
    return with_text_alternative(fig, _with_note(sentences, [reasons], mode))


def completeness_chart(completeness: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> go.Figure:
    """Horizontal bars: % of people assessed who gave each measure, at each time point."""
    fig = new_figure()
    sentences = [
        "Horizontal bar chart of the percentage of people assessed who gave each measure, at "
        "each time point."
    ]
    for colour, (point, rows) in zip(
        PALETTE, completeness.groupby("Time point", sort=False), strict=False
    ):
        drawn = [_bar_value(v) for v in rows["% collected"]]
        fig.add_bar(
            name=str(point),
            y=rows["Measure"].tolist(),
            x=[height for height, _ in drawn],
            text=[label if label == SUPPRESSED else f"{label}%" for _, label in drawn],
            textposition="outside",
            orientation="h",
            marker_color=colour,
            hovertemplate="%{y}: %{text}<extra>" + str(point) + "</extra>",
        )
        parts = [f"{row['Measure']} {_said(row['% collected'], '%')}" for _, row in rows.iterrows()]
        sentences.append(f"{point}: " + "; ".join(parts) + ".")
    fig.update_layout(
        **base_layout(
            _title("Which measures were collected", mode),
            "% of people assessed who gave the measure",
            "",
        ),
        barmode="group",
        height=max(420, 36 * len(completeness)),
    )
    fig.update_xaxes(range=[0, 115])
    fig.update_yaxes(autorange="reversed", title_text="Measure")
    return with_text_alternative(fig, _with_note(sentences, [completeness], mode))


def change_chart(change: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> go.Figure:
    """Small multiples: mean change from baseline with its 95% confidence interval."""
    measures = list(dict.fromkeys(change["Measure"]))
    columns = 3
    rows_needed = max(1, math.ceil(len(measures) / columns))
    units = dict(zip(change["Measure"], change["Unit"], strict=False))
    fig = subplots(
        rows=rows_needed,
        cols=columns,
        subplot_titles=[f"{m}<br><sub>{units[m]}</sub>" for m in measures],
        vertical_spacing=0.16 if rows_needed > 1 else 0.2,
        horizontal_spacing=0.09,
    )
    sentences = [
        "Charts of the mean change from baseline in each measure, one panel per measure, "
        "with a 95% confidence interval, for people measured at both time points. A point "
        "above zero means the average went up."
    ]
    zero_lines: list[dict[str, object]] = []
    for index, measure in enumerate(measures):
        row, col = divmod(index, columns)
        rows = change[change["Measure"] == measure]
        shown = rows[rows["Mean change"] != SUPPRESSED]
        mean = [float(v) for v in shown["Mean change"]]
        upper = [float(u) - float(m) for u, m in zip(shown["95% CI upper"], mean, strict=True)]
        lower = [float(m) - float(v) for v, m in zip(shown["95% CI lower"], mean, strict=True)]
        fig.add_scatter(
            x=shown["Compared with baseline"].tolist(),
            y=mean,
            mode="markers",
            marker={"size": 11, "color": PALETTE[0]},
            error_y={"type": "data", "symmetric": False, "array": upper, "arrayminus": lower},
            name=measure,
            showlegend=False,
            hovertemplate="%{x}: mean change %{y}<extra>" + measure + "</extra>",
            row=row + 1,
            col=col + 1,
        )
        # A line at zero across the panel (what add_hline makes, at a fraction of its cost).
        axis = "" if index == 0 else str(index + 1)
        zero_lines.append(
            {
                "type": "line",
                "line": {"color": "#555", "width": 1},
                "x0": 0,
                "x1": 1,
                "xref": f"x{axis} domain",
                "y0": 0,
                "y1": 0,
                "yref": f"y{axis}",
            }
        )
        fig.update_xaxes(
            type="category",
            categoryorder="array",
            categoryarray=rows["Compared with baseline"].tolist(),
            row=row + 1,
            col=col + 1,
        )
        fig.update_yaxes(title_text="Change", row=row + 1, col=col + 1)
        parts = []
        for _, item in rows.iterrows():
            if item["Mean change"] == SUPPRESSED:
                parts.append(f"{item['Compared with baseline']} [c]")
            else:
                effect = (
                    f"{EFFECT_SIZE} {_said(item[EFFECT_SIZE])}; " if EFFECT_SIZE in item else ""
                )
                parts.append(
                    f"{item['Compared with baseline']} {_said(item['Mean change'])} "
                    f"(95% CI {_said(item['95% CI lower'])} to {_said(item['95% CI upper'])}; "
                    f"{effect}{_said(item['People measured at both'])} people)"
                )
        sentences.append(f"{measure}, in {units[measure]}: " + "; ".join(parts) + ".")
    layout = base_layout(
        _title("Change from baseline (mean and 95% confidence interval)", mode), "", ""
    )
    layout.pop("xaxis")
    layout.pop("yaxis")
    layout["margin"] = {"t": 150, "b": 40}
    fig.update_layout(**layout, height=330 * rows_needed + 150, showlegend=False, shapes=zero_lines)
    fig.update_xaxes(title_text="Time point", row=rows_needed)
    fig.update_annotations(font_size=13)
    return with_text_alternative(fig, _with_note(sentences, [change], mode))


def category_chart(
    categories: pd.DataFrame, measure: str, mode: Mode | str = Mode.SAFE
) -> go.Figure:
    """Stacked bars: the share of people measured in each category at each time point."""
    rows = categories[categories["Measure"] == measure]
    fig = new_figure()
    sentences = [
        f"Stacked bar chart of {measure}: the percentage of people measured in each category "
        "at each time point."
    ]
    for colour, (category, group) in zip(
        PALETTE * 2, rows.groupby("Category", sort=False), strict=False
    ):
        drawn = [_bar_value(v) for v in group["% of those measured"]]
        fig.add_bar(
            name=str(category),
            x=group["Time point"].tolist(),
            y=[height for height, _ in drawn],
            text=[label if label == SUPPRESSED else f"{label}%" for _, label in drawn],
            textposition="inside",
            marker_color=colour,
            hovertemplate="%{x}<br>" + str(category) + ": %{text}<extra></extra>",
        )
    for point, group in rows.groupby("Time point", sort=False):
        parts = [
            f"{row['Category']} {_said(row['% of those measured'], '%')} "
            f"({_said(row['People'])} people)"
            for _, row in group.iterrows()
        ]
        sentences.append(f"{point}: " + "; ".join(parts) + ".")
    fig.update_layout(
        **base_layout(_title(measure, mode), "Time point", "% of people measured"),
        barmode="stack",
    )
    fig.update_yaxes(range=[0, 100])
    return with_text_alternative(fig, _with_note(sentences, [rows], mode))


def all_charts(evaluation) -> dict[str, go.Figure]:  # noqa: ANN001 (avoids an import cycle)
    """Every chart of an :class:`~coproduce.evaluation.pipeline.Evaluation`, by name."""
    mode = evaluation.mode
    charts = {
        "funnel": funnel_chart(evaluation.funnel, mode),
        "withdrawal": withdrawal_chart(evaluation.withdrawal_reasons, mode),
        "completeness": completeness_chart(evaluation.completeness, mode),
    }
    if not evaluation.change.empty:
        charts["change"] = change_chart(evaluation.change, mode)
    for measure in dict.fromkeys(evaluation.categories.get("Measure", [])):
        charts[f"categories: {measure}"] = category_chart(evaluation.categories, measure, mode)
    return charts
