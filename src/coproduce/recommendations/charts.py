"""The recommendations chart, with a menu that works without a kernel, and its text alternative."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from coproduce.present.charts import PALETTE, base_layout, new_figure, with_text_alternative
from coproduce.recommendations.inputs import ACTORS, ALL_ACTORS
from coproduce.recommendations.selection import counts_table


def _label(area: int, name: str) -> str:
    return f"{area}. {name}"


def describe_areas_chart(table: pd.DataFrame) -> str:
    """Text alternative for :func:`areas_chart`, from :func:`counts_table`'s output."""
    areas = table[table["area"].notna()]
    bars = "; ".join(
        f"area {row.area}, {row.area_name}: {row[ALL_ACTORS]}" for _, row in areas.iterrows()
    )
    per_actor = "; ".join(f"{actor.lower()} act on {int(areas[actor].sum())}" for actor in ACTORS)
    return (
        f"Horizontal bar chart of how many of NSUN's {int(areas[ALL_ACTORS].sum())} Healthy "
        f"Lives recommendations fall in each of the {len(areas)} areas: {bars}. A menu on the "
        "chart shows only the recommendations one group acts on, in the guide's own reading: "
        f"{per_actor}. The table of counts by area and group holds every number."
    )


def areas_chart(recommendations: pd.DataFrame, actors: pd.DataFrame) -> go.Figure:
    """Bar chart of recommendations per area, with a menu (no kernel needed) to filter by actor.

    The menu is plotly's own ``updatemenus`` dropdown: each option swaps the bar lengths and the
    title, so it works on the static website as well as in a running notebook.
    """
    table = counts_table(recommendations, actors)
    areas = table[table["area"].notna()]
    labels = [_label(int(a), n) for a, n in zip(areas["area"], areas["area_name"], strict=True)]
    title = "Healthy Lives recommendations in each area"
    fig = new_figure()
    counts = areas[ALL_ACTORS].astype(int).tolist()
    fig.add_bar(
        name="Recommendations",
        x=counts,
        y=labels,
        orientation="h",
        text=counts,
        textposition="outside",
        marker_color=PALETTE[0],
        hovertemplate="%{y}: %{x} recommendation(s)<extra></extra>",
    )
    buttons = []
    for actor in (ALL_ACTORS, *ACTORS):
        values = areas[actor].astype(int).tolist()
        heading = title if actor == ALL_ACTORS else f"Recommendations {actor.lower()} act on"
        buttons.append(
            {
                "label": actor,
                "method": "update",
                "args": [{"x": [values], "text": [values]}, {"title.text": heading}],
            }
        )
    layout = base_layout(title, "Number of recommendations", "Area")
    layout["title"] |= {"x": 0.01, "xanchor": "left", "xref": "container"}
    layout["margin"] = {"t": 120, "b": 40, "l": 10, "r": 20}
    fig.update_layout(
        **layout,
        showlegend=False,
        height=540,
        updatemenus=[
            {
                "type": "dropdown",
                "buttons": buttons,
                "active": 0,
                "direction": "down",
                "showactive": True,
                "x": 0,
                "xanchor": "left",
                "y": 1.03,
                "yanchor": "bottom",
                "pad": {"r": 0, "t": 0},
                "font": {"size": 14},
            }
        ],
        annotations=[
            {
                "text": "Who acts (the guide's reading):",
                "showarrow": False,
                "x": 0,
                "xref": "paper",
                "xshift": -8,
                "y": 1.03,
                "yref": "paper",
                "yshift": 6,
                "xanchor": "right",
                "yanchor": "bottom",
                "font": {"size": 14},
            }
        ],
    )
    top = max(counts) + 1
    fig.update_xaxes(range=[0, top], dtick=1)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return with_text_alternative(fig, describe_areas_chart(table))
