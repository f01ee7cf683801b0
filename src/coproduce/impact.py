"""The IMPACT study in numbers: who took part in each phase, read from ``data/``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from coproduce.datapackage import load_table
from coproduce.present.charts import PALETTE, base_layout, new_figure, with_text_alternative


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
    fig = new_figure()
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


def participants_by_group(table: pd.DataFrame) -> pd.DataFrame:
    """Who took part, one row per phase and one column per group (blank: not reported apart).

    Phases 2 and 3 published one combined count for service users, hospital staff and other key
    stakeholders, so they fill only the combined column.
    """
    wide = table.pivot_table(
        index=["phase", "title"], columns="group", values="participants", aggfunc="sum"
    )
    groups = list(dict.fromkeys(table["group"]))
    wide = wide.reindex(columns=groups).astype("Int64").reset_index()
    wide.columns.name = None
    wide["total"] = wide[groups].sum(axis=1, skipna=True).astype("Int64")
    return wide


def retention_flow(directory: Path | None = None) -> pd.DataFrame:
    """Phase 4 service users at each stage, from recruitment to follow-up.

    Adds ``percent_of_recruited`` (whole percent) and checks the published numbers add up: each
    stage holds the previous stage's people minus those who withdrew in between.
    """
    table = load_table("impact_retention", directory).sort_values("step").reset_index(drop=True)
    expected = table["participants"].shift(1) - table["left_before_this_stage"]
    mismatched = table.index[1:][table["participants"].iloc[1:] != expected.iloc[1:]]
    if len(mismatched):
        stages = ", ".join(table.loc[mismatched, "stage"])
        raise ValueError(f"impact_retention.csv does not add up at: {stages}")
    recruited = int(table["participants"].iloc[0])
    table["percent_of_recruited"] = (100 * table["participants"] / recruited).round().astype(int)
    return table[
        ["step", "stage", "participants", "left_before_this_stage", "percent_of_recruited"]
    ]


def withdrawals(flow: pd.DataFrame) -> pd.DataFrame:
    """When people withdrew: one row per step between stages, with the number who left."""
    rows = []
    for before, after in zip(flow.itertuples(), flow.iloc[1:].itertuples(), strict=False):
        rows.append(
            {
                "from_stage": before.stage,
                "to_stage": after.stage,
                "withdrew": int(after.left_before_this_stage),
            }
        )
    return pd.DataFrame(rows)


def describe_retention(flow: pd.DataFrame) -> str:
    """A plain-English text alternative for :func:`retention_chart`."""
    first = flow.iloc[0]
    steps = [f"{first.participants} service users were recruited"]
    for row in flow.iloc[1:].itertuples():
        steps.append(
            f"{row.left_before_this_stage} withdrew, leaving {row.participants} "
            f"({row.percent_of_recruited}% of those recruited) at the stage '{row.stage.lower()}'"
        )
    return (
        "Bar chart of the service users in Phase 4 of the IMPACT study, from recruitment "
        "through the intervention to the 3-month follow-up. Each bar is a stage and is split "
        "into those still taking part and those who had withdrawn by then: "
        + "; then ".join(steps)
        + "."
    )


def retention_chart(flow: pd.DataFrame) -> go.Figure:
    """Stacked bars: Phase 4 service users still taking part, and withdrawn so far, per stage."""
    recruited = int(flow["participants"].iloc[0])
    withdrawn = (recruited - flow["participants"]).astype(int).tolist()
    fig = new_figure()
    fig.add_bar(
        name="Still taking part",
        y=flow["stage"].tolist(),
        x=flow["participants"].tolist(),
        orientation="h",
        text=[
            f"{n} ({p}%)"
            for n, p in zip(flow["participants"], flow["percent_of_recruited"], strict=True)
        ],
        textposition="inside",
        marker_color=PALETTE[0],
        hovertemplate="%{y}: %{x} service users still taking part<extra></extra>",
    )
    fig.add_bar(
        name="Withdrawn by this stage",
        y=flow["stage"].tolist(),
        x=withdrawn,
        orientation="h",
        text=[str(n) if n else "" for n in withdrawn],
        textposition="inside",
        marker_color=PALETTE[1],
        hovertemplate="%{y}: %{x} withdrawn so far<extra></extra>",
    )
    fig.update_layout(
        **base_layout(
            "IMPACT Phase 4: from recruitment to follow-up",
            "Number of service users",
            "Stage",
        ),
        barmode="stack",
        height=420,
        legend_traceorder="normal",
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(range=[0, recruited + 1])
    return with_text_alternative(fig, describe_retention(flow))
