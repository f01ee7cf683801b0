"""The 4Pi charts: each group's profile and the gap between service users and staff."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    mode_note,
)
from coproduce.present.charts import PALETTE, base_layout, new_figure, with_text_alternative
from coproduce.selfassessment.inputs import OVERALL, RATING_MAX
from coproduce.selfassessment.words import _fmt

#: How a radar chart's axes are labelled (under the chart, where it cannot hide the ticks).
RADAR_AXES_LABEL = (
    "One spoke per 4Pi standard. Distance from the centre is the score: 1 (low) to 5 (high)."
)


def radar_chart(profiles: Mapping[str, pd.Series], title: str) -> go.Figure:
    """Radar (Scatterpolar) chart: one closed line per profile over the five standards.

    ``profiles`` maps a name (for example "Your answers" or "Staff") to a Series of standard
    scores indexed by standard name. Standards with no score are left out of that line.
    """
    fig = new_figure()
    sentences = []
    for colour, (name, scores) in zip(PALETTE, profiles.items(), strict=False):
        present = scores.dropna()
        if present.empty:
            continue
        labels = [*present.index, present.index[0]]
        values = [*present.round(2).tolist(), round(float(present.iloc[0]), 2)]
        fig.add_scatterpolar(
            r=values,
            theta=labels,
            name=name,
            mode="lines+markers",
            fill="toself",
            opacity=0.75,
            line={"color": colour, "width": 3},
            hovertemplate=name + "<br>%{theta}: %{r}<extra></extra>",
        )
        parts = ", ".join(f"{s} {_fmt(v)}" for s, v in present.items())
        sentences.append(f"{name}: {parts}.")
    layout = base_layout(title, "", "")
    del layout["xaxis"], layout["yaxis"]
    layout["legend"] = {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0}
    fig.update_layout(
        **layout,
        height=560,
        showlegend=True,
        polar={
            "radialaxis": {
                "range": [0, RATING_MAX],
                "tickvals": list(range(1, RATING_MAX + 1)),
                "angle": 54,
                "tickangle": 54,
                "tickfont": {"size": 12},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        annotations=[
            {
                "text": RADAR_AXES_LABEL,
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.05,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": 13},
            }
        ],
    )
    described = " ".join(sentences) if sentences else "No scores to show."
    alt = (
        "Radar chart of scores from 1 (low) to 5 (high) on the five 4Pi standards: "
        "Principles, Purpose, Presence, Process and Impact. " + described
    )
    return with_text_alternative(fig, alt)


def gap_chart(summary: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> go.Figure:
    """Bar chart of the gap (service users minus staff) for each standard in a safe summary.

    Suppressed gaps have no bar and are named in the text alternative.
    """
    rows = summary[summary["standard"] != OVERALL]
    shown = rows[rows["gap"].map(lambda g: g is not None and g != SUPPRESSED)]
    hidden = rows.loc[~rows.index.isin(shown.index), "standard"].tolist()
    gaps = [float(g) for g in shown["gap"]]
    fig = new_figure()
    fig.add_bar(
        x=shown["standard"].tolist(),
        y=gaps,
        text=[f"{g:+.1f}" for g in gaps],
        textposition="outside",
        marker_color=[PALETTE[5] if g < 0 else PALETTE[2] for g in gaps],
        hovertemplate="%{x}: %{y:+.1f}<extra></extra>",
        name="Gap",
    )
    fig.update_layout(
        **base_layout(
            "How service users and staff see co-production differently",
            "4Pi standard",
            "Service users' mean minus staff mean",
        ),
        showlegend=False,
    )
    top = max([abs(g) for g in gaps] + [1.0]) + 0.5
    fig.update_yaxes(range=[-top, top], zeroline=True, zerolinewidth=2, zerolinecolor="#444")
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=rows["standard"].tolist(),
        range=[-0.5, len(rows) - 0.5],
    )
    parts = [f"{s} {g:+.1f}" for s, g in zip(shown["standard"], gaps, strict=True)]
    text = (
        "Bar chart of the gap between service users' and staff members' mean scores for each "
        "4Pi standard (service users minus staff; below zero means staff rate it higher). "
    )
    text += ("Gaps: " + ", ".join(parts) + ". ") if parts else "No gap can be shown. "
    if hidden:
        text += (
            "Not shown, because too few people answered or a group is missing: "
            + ", ".join(hidden)
            + ". "
        )
    text += mode_note(mode)
    return with_text_alternative(fig, text)
