"""4Pi results in plain English: scores as people read them and the place on the ladder."""

from __future__ import annotations

import math

import pandas as pd

from coproduce.selfassessment.scoring import ladder_position


def ladder_sentence(score: float, ladder: pd.DataFrame, who: str = "These answers") -> str:
    """One plain sentence saying where ``score`` sits on the ladder (or that there is none)."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return f"{who} have no score yet: rate at least one statement."
    place = ladder_position(score, ladder)
    return (
        f"{who} give an overall score of {_fmt(place['score'])} out of 5, which the guide's rule "
        f"of thumb places on rung {place['rung']} of 7, {place['step']} ({place['grouping']}): "
        f"{place['meaning']}"
    )


def _fmt(value: float) -> str:
    """A score as people read it: up to 2 decimal places, no trailing zeros (3.25, 3.5, 4)."""
    return f"{round(float(value), 2):g}"
