"""The environment assessment in plain English: what the file holds, lowest and highest areas."""

from __future__ import annotations

import pandas as pd

from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    safe_count,
)
from coproduce.present.words import and_list


def overview(assessment: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> str:
    """One sentence on what the file holds: ratings (as they may be shown), questions, areas."""
    rated = int(assessment["rating"].notna().sum())
    return (
        f"{safe_count(rated, mode)} ratings of {assessment['question'].nunique()} questions in "
        f"{assessment['area'].nunique()} areas."
    )


def _numeric(value: object) -> float | None:
    if value is None or value == SUPPRESSED:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def area_sentence(summary: pd.DataFrame) -> str:
    """What the area chart shows: lowest and highest areas (ties named together), hidden ones.

    Built from the figures shown, so every comparison in it is true of the real averages: a
    lower shown average (to one decimal place) is a lower real one.
    """
    column = "Average rating (1 to 5)"
    values = summary[column].map(_numeric)
    shown = values.dropna()
    hidden = summary[summary[column] == SUPPRESSED].index.tolist()
    if shown.empty:
        sentence = "Every area's average is hidden or missing, so there is nothing safe to show."
    elif len(shown) == 1:
        only = shown.index[0]
        sentence = f"{only} had an average rating of {summary.loc[only, column]} out of 5."
    elif shown.min() == shown.max():
        sentence = (
            f"Every area shown had the same average rating to one decimal place "
            f"({summary.loc[shown.index[0], column]} out of 5)."
        )
    else:
        low = [a for a, v in shown.items() if v == shown.min()]
        high = [a for a, v in shown.items() if v == shown.max()]
        sentence = (
            f"{and_list(low)} had the lowest average rating "
            f"({summary.loc[low[0], column]} out of 5) "
            f"and {and_list(high)} the highest ({summary.loc[high[0], column]} out of 5)."
        )
    if hidden:
        sentence += (
            " Hidden to protect small numbers (fewer than 8 people, or a figure that would "
            "give one away): " + ", ".join(hidden) + "."
        )
    return sentence


def role_sentence(table: pd.DataFrame) -> str:
    """Where service users and staff disagree most, in words."""
    if "Service user" not in table.columns or "Staff" not in table.columns:
        return "The file does not have ratings from both service users and staff to compare."
    gaps = {}
    for area, row in table.iterrows():
        mine, theirs = _numeric(row["Service user"]), _numeric(row["Staff"])
        if mine is not None and theirs is not None:
            gaps[area] = round(mine - theirs, 1)
    if not gaps:
        return "No area has averages from both service users and staff that are safe to show."
    widest = max(gaps, key=lambda a: abs(gaps[a]))
    gap = gaps[widest]
    if gap == 0:
        return (
            "Service users and staff gave the same average ratings, to one decimal place, in "
            "every area shown."
        )
    lower = sum(g < 0 for g in gaps.values())
    direction = "lower" if gap < 0 else "higher"
    return (
        f"Service users rated {lower} of {len(gaps)} areas lower than staff did. The biggest "
        f"difference is in {widest}: service users' average was {abs(gap)} points {direction} "
        "than staff's."
    )
