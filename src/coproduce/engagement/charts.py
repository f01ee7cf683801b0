"""The engagement tracker's charts, each with its text alternative."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from coproduce.disclosure import (
    SUPPRESSED,
)
from coproduce.engagement.words import ranking_sentence
from coproduce.present.charts import (
    PALETTE,
    chart_layout,
    labelled_bars,
    with_text_alternative,
)


def participation_chart(table: pd.DataFrame, data_label: str) -> go.Figure:
    """Bar chart of attendance per month (as shown: rounded, [c] where hidden)."""
    shown = table["attendance_shown"]
    heights = [None if v == SUPPRESSED else v for v in shown]
    fig = labelled_bars(
        table.index,
        heights,
        [str(v) for v in shown],
        name="Times service users took part",
        colour=PALETTE[0],
        hovertemplate="%{x}: %{text}<extra></extra>",
        layout=chart_layout(
            "Service users taking part",
            f"Times service users took part in involvement events, month by month ({data_label})",
            "Month",
            "Times service users took part",
        ),
    )
    fig.update_yaxes(rangemode="tozero")
    return with_text_alternative(fig, describe_participation(table, data_label))


def describe_participation(table: pd.DataFrame, data_label: str) -> str:
    """Text alternative for :func:`participation_chart`, listing every bar."""
    parts = [f"{month}: {value}" for month, value in table["attendance_shown"].items()]
    hidden = sum(v == SUPPRESSED for v in table["attendance_shown"])
    text = (
        f"Bar chart of how many times service users took part in involvement events each "
        f"month, from {table.index[0]} to {table.index[-1]} ({data_label}). "
        + "; ".join(parts)
        + "."
    )
    if hidden:
        text += (
            f" {hidden} month(s) show [c] because the number was from 1 to 7, or would give "
            "one away by subtraction from the total."
        )
    return text


def ranking_chart(scores: pd.DataFrame, data_label: str) -> go.Figure:
    """Horizontal bar chart of the scores, highest at the top."""
    ordered = scores.iloc[::-1]
    values = [round(float(s)) for s in ordered["score"]]
    fig = labelled_bars(
        values,
        ordered["unit"],
        values,
        name="Engagement score",
        colour=PALETTE[2],
        hovertemplate="%{y}: %{x}<extra></extra>",
        layout=chart_layout(
            "Engagement score by unit",
            f"With the starting weights ({data_label})",
            "Score (0 to 100)",
            "Unit",
        ),
        orientation="h",
    )
    fig.update_xaxes(range=[0, 110])
    listed = "; ".join(
        f"{r.unit}: {round(r.score)}" for r in scores.sort_values("rank").itertuples()
    )
    alt = (
        f"Horizontal bar chart of each unit's engagement score from 0 to 100 with the starting "
        f"weights ({data_label}), highest first. {listed}. {ranking_sentence(scores)}"
    )
    return with_text_alternative(fig, alt)
