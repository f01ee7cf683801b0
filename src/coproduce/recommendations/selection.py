"""Choosing recommendations: by area and by who acts, and counting them.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from coproduce.recommendations.inputs import ACTORS, ALL_ACTORS


def _check_choice(value: object, allowed: Iterable[object], what: str) -> None:
    allowed = list(allowed)
    if value not in allowed:
        options = ", ".join(str(a) for a in allowed)
        raise ValueError(f"Unknown {what} {value!r}; choose one of: {options}.")


def with_actors(recommendations: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Add an ``actors`` column: everyone who acts on each recommendation, in :data:`ACTORS` order.

    A recommendation nobody acts on (possible in a team's own reading) gets an empty string.
    """
    order = {actor: i for i, actor in enumerate(ACTORS)}
    joined = (
        actors.assign(_order=actors["actor"].map(order))
        .sort_values(["number", "_order"])
        .groupby("number", sort=False)["actor"]
        .agg("; ".join)
    )
    table = recommendations.copy()
    table["actors"] = table["number"].map(joined).fillna("").astype("string")
    return table


def filter_recommendations(
    recommendations: pd.DataFrame,
    actors: pd.DataFrame,
    area: int | None = None,
    actor: str | None = None,
) -> pd.DataFrame:
    """Recommendations in ``area`` (1 to 9) that ``actor`` acts on; ``None`` means any.

    Returns the rows with an ``actors`` column, in published order.
    """
    table = with_actors(recommendations, actors)
    if area is not None:
        _check_choice(area, sorted(recommendations["area"].unique()), "area")
        table = table[table["area"] == area]
    if actor is not None and actor != ALL_ACTORS:
        _check_choice(actor, ACTORS, "actor")
        numbers = set(actors.loc[actors["actor"] == actor, "number"])
        table = table[table["number"].isin(numbers)]
    return table.reset_index(drop=True)


def _areas(recommendations: pd.DataFrame) -> pd.DataFrame:
    return (
        recommendations[["area", "area_name"]]
        .drop_duplicates()
        .sort_values("area")
        .reset_index(drop=True)
    )


def counts_by_area(
    recommendations: pd.DataFrame, actors: pd.DataFrame, actor: str | None = None
) -> pd.DataFrame:
    """Number of recommendations in each area (every area listed, zeros included)."""
    chosen = filter_recommendations(recommendations, actors, actor=actor)
    counts = chosen.groupby("area").size()
    table = _areas(recommendations)
    table["recommendations"] = table["area"].map(counts).fillna(0).astype(int)
    return table


def counts_table(recommendations: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The chart's data: recommendations per area, for everyone and for each group who acts."""
    table = _areas(recommendations)
    for actor in (ALL_ACTORS, *ACTORS):
        counts = counts_by_area(recommendations, actors, None if actor == ALL_ACTORS else actor)
        table[actor] = counts["recommendations"].to_numpy()
    total = {"area": pd.NA, "area_name": "All nine areas"}
    total |= {actor: int(table[actor].sum()) for actor in (ALL_ACTORS, *ACTORS)}
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    table["area"] = table["area"].astype("Int64")
    return table
