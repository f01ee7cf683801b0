"""Make the evaluation's tables safe to share: counts, percentages and statistics.

Counts and statistics follow :mod:`coproduce.disclosure` (counts 1 to 7 shown as ``[c]``, other
counts rounded to the nearest 5, statistics from fewer than 8 people shown as ``[c]``).

Percentages need one more rule, because an exact percentage can give away the exact counts
behind it: 26 out of 33 is 78.8%, and no other count out of 31 to 35 people gives 78.8%, so
the rounded "25 out of 35" would be undone and the 7 who left (a suppressed count) revealed.
So in safe mode a percentage is worked out from the rounded counts shown beside it (25 out of
35 is 71%), to whole numbers, and it is ``[c]`` whenever its numerator or denominator is a
suppressed count (1 to 7). It then tells a reader nothing the shown counts do not.
"""

from __future__ import annotations

import math

from coproduce.disclosure import MINIMUM_PEOPLE, SUPPRESSED, Mode, safe_count, safe_statistic

#: Plain-English statement of the percentage rule, shown beside safe-mode tables.
PERCENT_NOTE = (
    "In safe mode each percentage is worked out from the rounded counts shown beside it, so "
    "it cannot be used to recover an exact or suppressed number; it is [c] when either count "
    "is [c]."
)

__all__ = [
    "PERCENT_NOTE",
    "SUPPRESSED",
    "Mode",
    "shown_count",
    "shown_percent",
    "shown_statistic",
]


def shown_count(count: int, mode: Mode | str = Mode.SAFE) -> int | str:
    """A count as it may be shown (see :func:`coproduce.disclosure.safe_count`)."""
    shown = safe_count(int(count), mode)
    return 0 if shown is None else shown


def shown_percent(
    numerator: int, denominator: int, mode: Mode | str = Mode.SAFE
) -> float | int | str:
    """``numerator`` as a percentage of ``denominator``, safe to show beside both counts.

    Internal mode: the exact percentage to 1 decimal. Safe mode: ``[c]`` if either count is
    1 to 7, else the percentage of the rounded counts, to a whole number. An empty denominator
    gives NaN (nothing to divide by). The result is never above 100 when the numerator is
    part of the denominator.
    """
    numerator, denominator = int(numerator), int(denominator)
    if numerator < 0 or denominator < 0 or numerator > denominator:
        raise ValueError(f"A part ({numerator}) must be between 0 and its whole ({denominator}).")
    if denominator == 0:
        return math.nan
    if Mode(mode) is Mode.INTERNAL:
        return round(100 * numerator / denominator, 1)
    top, bottom = shown_count(numerator, mode), shown_count(denominator, mode)
    if SUPPRESSED in (top, bottom):
        return SUPPRESSED
    return int(round(100 * int(top) / int(bottom)))


def shown_statistic(
    value: float, people: int, mode: Mode | str = Mode.SAFE, digits: int = 1
) -> float | str:
    """A statistic from ``people`` people as it may be shown (``[c]`` from 1 to 7 people).

    In safe mode a statistic from 1 to 7 people is ``[c]`` even when it could not be worked
    out (a standard deviation from one person), because a blank would give away that only one
    person was measured. Nothing from nobody is blank.
    """
    people = int(people)
    if Mode(mode) is Mode.SAFE and 0 < people < MINIMUM_PEOPLE:
        return SUPPRESSED
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    shown = safe_statistic(float(value), people, mode, digits)
    return math.nan if shown is None else shown
