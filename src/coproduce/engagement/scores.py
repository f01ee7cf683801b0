"""The engagement score: its parts, their weights and each unit's score from 0 to 100.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from coproduce.disclosure import (
    Mode,
    is_safe,
    is_small,
    round_to_5,
)

#: Kinds of event where service users have a say in decisions (see the weights' reasons).
DECISION_EVENTS = ("reference group meeting", "governance or board meeting", "co-design workshop")


@dataclass(frozen=True)
class Component:
    """One part of the engagement score: its plain name, what it counts and the default weight."""

    key: str
    name: str
    counts: str
    default_weight: int
    reason: str
    about_people: bool


COMPONENTS: tuple[Component, ...] = (
    Component(
        "decision_making",
        "Taking part where decisions are made",
        "Times service users took part in reference group meetings, governance or board "
        "meetings and co-design workshops.",
        3,
        "Having a say where decisions are made is the deepest kind of involvement, so it "
        "counts most to start with.",
        True,
    ),
    Component(
        "attendance",
        "Service users taking part",
        "Times service users took part in any event.",
        2,
        "More people taking part means more voices heard. Big units have more people, so "
        "lower this weight if your units differ a lot in size.",
        True,
    ),
    Component(
        "months_active",
        "Months with involvement",
        "Months in which at least one service user from the unit took part in something.",
        2,
        "Steady involvement, month after month, matters more than one big event.",
        False,
    ),
    Component(
        "variety",
        "Different kinds of event",
        "Kinds of event (meetings, roadshows, training and so on) the unit's service users "
        "took part in.",
        1,
        "Different ways to take part suit different people, but variety matters less than "
        "people actually taking part.",
        False,
    ),
    Component(
        "events",
        "Events held or joined",
        "Events logged for the unit, whether or not anyone came.",
        1,
        "Holding events makes chances to take part, but an event nobody comes to counts for "
        "little, so this weight is low.",
        False,
    ),
)


#: The starting weights, before anyone changes them.
DEFAULT_WEIGHTS: dict[str, float] = {c.key: c.default_weight for c in COMPONENTS}


def _score_count(count: float, mode: Mode | str) -> float:
    """The count a score uses: exact (internal), or rounded with 1 to 7 counted as 5 (safe)."""
    if not is_safe(mode) or count == 0:
        return float(count)
    return 5.0 if is_small(count) else float(round_to_5(int(count)))


def unit_components(events: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> pd.DataFrame:
    """The raw value of each part of the score, per unit (one row per unit).

    In safe mode the counts about people are rounded as they would be shown, with counts
    from 1 to 7 counted as 5 (see the module notes).
    """
    took_part = events[events["attendance"] > 0]
    units = sorted(events["unit"].unique())
    decision = events[events["event_type"].isin(DECISION_EVENTS)]
    table = pd.DataFrame(
        {
            "decision_making": decision.groupby("unit")["attendance"].sum(),
            "attendance": events.groupby("unit")["attendance"].sum(),
            "months_active": took_part.groupby("unit")["date"].apply(
                lambda d: d.dt.to_period("M").nunique()
            ),
            "variety": took_part.groupby("unit")["event_type"].nunique(),
            "events": events.groupby("unit").size(),
        },
        index=pd.Index(units, name="unit"),
    )
    table = table.fillna(0).astype(float)
    for component in COMPONENTS:
        if component.about_people:
            table[component.key] = [_score_count(c, mode) for c in table[component.key]]
    return table


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Return the weights as floats, or raise ValueError saying plainly what is wrong."""
    keys = [c.key for c in COMPONENTS]
    unknown = sorted(set(weights) - set(keys))
    missing = [k for k in keys if k not in weights]
    if unknown or missing:
        raise ValueError(
            "The weights must name each part of the score exactly once: "
            + ", ".join(keys)
            + (f". Unknown: {', '.join(unknown)}" if unknown else "")
            + (f". Missing: {', '.join(missing)}" if missing else "")
            + "."
        )
    checked = {k: float(weights[k]) for k in keys}
    if any(v < 0 or math.isnan(v) for v in checked.values()):
        raise ValueError("A weight cannot be below 0.")
    if sum(checked.values()) == 0:
        raise ValueError("At least one weight must be above 0, or there is nothing to score.")
    return checked


def engagement_scores(
    components: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS
) -> pd.DataFrame:
    """Score each unit from 0 to 100 with the given weights, highest first.

    Each part is scaled so the best unit scores 100 on it (a part where every unit has 0
    scores 0 for all). The score is sum(weight x part) / sum(weights). Units with the same
    score share a rank.
    """
    checked = check_weights(weights)
    keys = list(checked)
    best = components[keys].max()
    parts = components[keys].div(best.where(best > 0)).fillna(0) * 100
    weight = pd.Series(checked)
    score = parts.mul(weight, axis=1).sum(axis=1) / weight.sum()
    table = parts.copy()
    table["score"] = score
    table["rank"] = score.rank(method="min", ascending=False).astype(int)
    table = table.reset_index().sort_values(["rank", "unit"], kind="stable")
    return table.reset_index(drop=True)
