"""Disclosure control: make counts and statistics from person-level data safe to share.

The rule follows NHS Digital's disclosure control for published sub-national counts (see the
guide's references): a count of 0 stays 0, counts from 1 to 7 are suppressed, every other count
is rounded to the nearest 5, and a statistic (such as a mean) based on fewer than 8 people is
suppressed. Outputs made for internal use can switch this off, but must then say so: every
shareable output carries :func:`mode_note`.
"""

from __future__ import annotations

import math
from enum import StrEnum

import pandas as pd

#: What a suppressed cell shows.
SUPPRESSED = "[c]"
#: Smallest number of people a count or statistic may rest on before it can be shown.
MINIMUM_PEOPLE = 8
ROUND_TO = 5


class Mode(StrEnum):
    """Whether outputs are safe to share (the default) or for internal use only."""

    SAFE = "safe"
    INTERNAL = "internal"


def mode_note(mode: Mode | str = Mode.SAFE) -> str:
    """Plain-English note saying which disclosure rule produced an output."""
    if Mode(mode) is Mode.SAFE:
        return (
            "Safe to share: counts from 1 to 7 are shown as [c], other counts are rounded to "
            "the nearest 5, and figures based on fewer than 8 people are shown as [c]."
        )
    return (
        "INTERNAL USE ONLY: small numbers are not suppressed or rounded, so people could be "
        "identified. Do not share this output outside the team."
    )


def round_to_5(count: int) -> int:
    """Round a whole count to the nearest multiple of 5 (counts never fall halfway)."""
    return int(ROUND_TO * math.floor(count / ROUND_TO + 0.5))


def safe_count(count: int | float | None, mode: Mode | str = Mode.SAFE) -> int | str | None:
    """Return ``count`` as it may be shown: 0, ``[c]`` for 1 to 7, else rounded to 5."""
    if count is None or (isinstance(count, float) and math.isnan(count)) or count is pd.NA:
        return None
    count = int(count)
    if count < 0:
        raise ValueError(f"A count cannot be negative (got {count}).")
    if Mode(mode) is Mode.INTERNAL or count == 0:
        return count
    if count < MINIMUM_PEOPLE:
        return SUPPRESSED
    return round_to_5(count)


def safe_statistic(
    value: float | None, people: int, mode: Mode | str = Mode.SAFE, digits: int = 1
) -> float | str | None:
    """Return a statistic (mean, change, percentage) or ``[c]`` when fewer than 8 people."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if Mode(mode) is Mode.SAFE and people < MINIMUM_PEOPLE:
        return SUPPRESSED
    return round(float(value), digits)


def safe_counts(
    frame: pd.DataFrame, columns: list[str], mode: Mode | str = Mode.SAFE
) -> pd.DataFrame:
    """Copy of ``frame`` with each count column made safe; the input is not changed."""
    result = frame.copy()
    for column in columns:
        result[column] = result[column].map(lambda c: safe_count(c, mode)).astype(object)
    return result
