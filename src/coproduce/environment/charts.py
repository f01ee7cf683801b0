"""The environment assessment's charts, each with its text alternative."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from coproduce.environment.words import _numeric, area_sentence, role_sentence
from coproduce.present.charts import (
    PALETTE,
    chart_layout,
    labelled_bars,
    new_figure,
    with_text_alternative,
)


def area_chart(summary: pd.DataFrame, data_label: str) -> go.Figure:
    """Bar chart of the average rating (1 to 5) of each area; hidden areas are labelled [c]."""
    column = "Average rating (1 to 5)"
    values = [_numeric(v) for v in summary[column]]
    fig = labelled_bars(
        summary.index,
        values,
        [str(v) for v in summary[column]],
        name="Average rating",
        colour=PALETTE[0],
        hovertemplate="%{x}: %{text}<extra></extra>",
        layout=chart_layout(
            "Average rating of each area",
            f"1 = very poor, 5 = very good ({data_label})",
            "Area",
            "Average rating (1 to 5)",
        ),
    )
    fig.update_yaxes(range=[0, 5.5], tickvals=[1, 2, 3, 4, 5])
    listed = "; ".join(f"{a}: {v}" for a, v in summary[column].items())
    alt = (
        f"Bar chart of the average rating of each area, on a scale from 1 (very poor) to 5 "
        f"(very good) ({data_label}). {listed}. {area_sentence(summary)}"
    )
    return with_text_alternative(fig, alt)


def role_chart(table: pd.DataFrame, data_label: str) -> go.Figure:
    """Grouped bar chart: each area's average rating, one bar per assessor role."""
    fig = new_figure()
    for colour, role in zip(PALETTE, table.columns, strict=False):
        fig.add_bar(
            name=role,
            x=list(table.index),
            y=[_numeric(v) for v in table[role]],
            text=[str(v) for v in table[role]],
            textposition="outside",
            marker_color=colour,
            hovertemplate=f"{role}<br>%{{x}}: %{{text}}<extra></extra>",
        )
    fig.update_layout(
        **chart_layout(
            "Ratings by who gave them",
            f"Average rating of each area, 1 = very poor, 5 = very good ({data_label})",
            "Area",
            "Average rating (1 to 5)",
        ),
        barmode="group",
    )
    fig.update_yaxes(range=[0, 5.5], tickvals=[1, 2, 3, 4, 5])
    parts = []
    for area, row in table.iterrows():
        parts.append(f"{area}: " + ", ".join(f"{role} {row[role]}" for role in table.columns))
    alt = (
        f"Grouped bar chart of the average rating of each area from 1 (very poor) to 5 (very "
        f"good), one bar for each kind of assessor ({data_label}). "
        + "; ".join(parts)
        + f". {role_sentence(table)}"
    )
    return with_text_alternative(fig, alt)
