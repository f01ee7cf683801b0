"""Change between two periods: the halves of the log, or before and after a chosen day.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    is_safe,
    safe_change,
)
from coproduce.engagement.counts import PEOPLE_VALUES, _shown, percent_text, total
from coproduce.toolinput import parameter_error

#: How a sentence says "{n}" of each value.
_PHRASES = {
    "attendance": "service users took part {n} times",
    "submissions": "{n} submissions were sent in",
    "events": "{n} events were held",
}


@dataclass(frozen=True)
class Period:
    """A span of days, first and last included."""

    first: pd.Timestamp
    last: pd.Timestamp

    @property
    def label(self) -> str:
        """'Jan to Jun 2024', or '3 Jan 2024 to 20 Jun 2024' when not whole months."""
        whole = self.first.day == 1 and self.last.is_month_end
        if whole:
            if self.first.to_period("M") == self.last.to_period("M"):
                return f"{self.first:%b %Y}"
            if self.first.year == self.last.year:
                return f"{self.first:%b} to {self.last:%b %Y}"
            return f"{self.first:%b %Y} to {self.last:%b %Y}"
        return f"{self.first.day} {self.first:%b %Y} to {self.last.day} {self.last:%b %Y}"

    def select(self, events: pd.DataFrame) -> pd.DataFrame:
        """Events whose date falls in this period."""
        return events[(events["date"] >= self.first) & (events["date"] <= self.last)]


def default_periods(events: pd.DataFrame) -> tuple[Period, Period]:
    """Split the log's months into a first half and a second half of equal length.

    With an odd number of months the middle month is left out, so both halves are the same
    length and the comparison is fair.
    """
    months = pd.period_range(
        events["date"].min().to_period("M"), events["date"].max().to_period("M"), freq="M"
    )
    if len(months) < 2:
        raise ValueError("The log needs events in at least two months to compare two periods.")
    half = len(months) // 2
    before = Period(months[0].start_time, months[half - 1].end_time.normalize())
    after = Period(months[-half].start_time, months[-1].end_time.normalize())
    return before, after


def periods_around(events: pd.DataFrame, split_date: str) -> tuple[Period, Period]:
    """'Before' is every day of the log before ``split_date``; 'after' is from it to the end."""
    split = pd.Timestamp(split_date)
    first, last = events["date"].min(), events["date"].max()
    if not first < split <= last:
        raise ValueError(
            f"split_date {split:%Y-%m-%d} must fall after the first event ({first:%Y-%m-%d}) "
            f"and no later than the last ({last:%Y-%m-%d})."
        )
    return Period(first, split - pd.Timedelta(days=1)), Period(split, last)


def choose_periods(events: pd.DataFrame, split_date: str | None = None) -> tuple[Period, Period]:
    """The notebook's choice: halves of the log, or before and after ``split_date``.

    A bad ``split_date`` stops with a plain message (no traceback).
    """
    try:
        if split_date is None:
            return default_periods(events)
        return periods_around(events, split_date)
    except ValueError as error:
        raise parameter_error("split_date", str(error), split_date) from None


@dataclass(frozen=True)
class Comparison:
    """Totals in two periods and the percentage increase between them, as they may be shown.

    ``exact`` says whether the counts and the change are the real figures (internal mode, or
    events, which are not people); otherwise the counts are rounded and the change is the
    real change rounded to the nearest 5.
    """

    value: str
    before: Period
    after: Period
    before_count: int | str
    after_count: int | str
    change: float | str | None
    exact: bool = True

    def sentence(self) -> str:
        """The comparison in plain English, with the sum written out when it is exact."""
        phrase = _PHRASES[self.value]
        counts = (
            f"From {self.before.label}, {phrase.format(n=self.before_count)}. From "
            f"{self.after.label}, {phrase.format(n=self.after_count)}."
        )
        if self.change == SUPPRESSED:
            return counts + (
                " The percentage change is hidden because it rests on a count from 1 to 7 or "
                "would give away an exact count."
            )
        if self.change is None:
            return counts + " A percentage change cannot be worked out from 0."
        word = "an increase" if self.change >= 0 else "a fall"
        if not self.exact:
            if self.change == 0:
                return counts + (
                    " The change is less than 2.5% either way (worked out from the exact numbers)."
                )
            return counts + (
                f" That is {word} of about {percent_text(abs(self.change))}: worked out from the "
                "exact numbers and rounded to the nearest 5%, so it is true of the real figures "
                "and gives none of them away."
            )
        return (
            counts + f" That is {word} of {percent_text(abs(self.change))}: "
            f"({self.after_count} - {self.before_count}) / {self.before_count} x 100 = "
            f"{percent_text(self.change)}."
        )


def compare_periods(
    events: pd.DataFrame,
    before: Period,
    after: Period,
    value: str = "attendance",
    mode: Mode | str = Mode.SAFE,
) -> Comparison:
    """Compare two periods the way the 162% increase is stated: (after - before) / before x 100.

    In safe mode the counts of people are rounded (``[c]`` for 1 to 7) and the change is the
    real change rounded to the nearest 5 (:func:`safe_change`).
    """
    exact_before = total(before.select(events), value)
    exact_after = total(after.select(events), value)
    before_count = _shown(exact_before, value, mode)
    after_count = _shown(exact_after, value, mode)
    if value not in PEOPLE_VALUES:
        change = safe_change(exact_before, exact_after, Mode.INTERNAL)
        return Comparison(value, before, after, before_count, after_count, change)
    change = safe_change(exact_before, exact_after, mode)
    return Comparison(
        value, before, after, before_count, after_count, change, exact=not is_safe(mode)
    )
