"""The IMPACT study in numbers: who took part in each phase, read from ``data/``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from coproduce.charts import PALETTE, base_layout, with_text_alternative
from coproduce.datapackage import load_table


def participants_by_phase(directory: Path | None = None) -> pd.DataFrame:
    """One row per phase, group and method, with the phase title and the number who took part.

    Sorted by phase, then by the order groups are listed in the data.
    """
    phases = load_table("impact_phases", directory)[["phase", "title"]]
    people = load_table("impact_participants", directory)
    table = people.merge(phases, on="phase", how="left", validate="many_to_one")
    return table[["phase", "title", "group", "method", "participants"]].reset_index(drop=True)


def phase_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Total people taking part in each phase (all groups together)."""
    totals = table.groupby(["phase", "title"], as_index=False, sort=True)["participants"].sum()
    return totals.rename(columns={"participants": "total_participants"})


def describe_participants(table: pd.DataFrame) -> str:
    """A plain-English text alternative listing every bar of the participants chart."""
    sentences = []
    for phase, rows in table.groupby("phase", sort=True):
        parts = [
            f"{row.participants} {row.group.lower()} ({row.method.lower()})"
            for row in rows.itertuples()
        ]
        sentences.append(f"Phase {phase}: " + " and ".join(parts) + ".")
    return (
        "Bar chart of how many people took part in each of the four phases of the IMPACT "
        "study, coloured by who took part. " + " ".join(sentences)
    )


def participants_chart(table: pd.DataFrame) -> go.Figure:
    """Stacked bar chart: people taking part per phase, one colour per group."""
    fig = go.Figure()
    groups = list(dict.fromkeys(table["group"]))
    for colour, group in zip(PALETTE, groups, strict=False):
        rows = table[table["group"] == group]
        fig.add_bar(
            name=group,
            x=[f"Phase {phase}" for phase in rows["phase"]],
            y=rows["participants"].tolist(),
            text=rows["participants"].tolist(),
            textposition="inside",
            customdata=rows[["method"]].to_numpy(),
            hovertemplate="%{x}<br>" + group + " (%{customdata[0]}): %{y}<extra></extra>",
            marker_color=colour,
        )
    fig.update_layout(
        **base_layout(
            "Who took part in each phase of the IMPACT study",
            "Study phase",
            "Number of people",
        ),
        barmode="stack",
    )
    fig.update_xaxes(categoryorder="array", categoryarray=[f"Phase {p}" for p in range(1, 5)])
    return with_text_alternative(fig, describe_participants(table))
