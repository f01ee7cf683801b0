"""Engagement tracker: who takes part in involvement events, how that changes, and who leads.

The IMPACT provider collaborative reported that a roadshow by its service user reference group
raised service user participation by 162%, that 87.5% of the entries to its talent showcase came
from one pathway, and it started a "most engaged unit" award. This module works out the same
kinds of figures from a log of involvement events (one row per unit per event), so a service can
track its own.

The calculations, so anyone can check them by hand:

* **Percentage increase** = (after - before) / before x 100. From 50 to 131 is
  (131 - 50) / 50 x 100 = 162%. It cannot be worked out when "before" is 0.
* **Share** of a pathway = its count / the total x 100. 7 of 8 submissions is 87.5%.
* **Engagement score** of a unit: each part of the score (see :data:`COMPONENTS`) is first put
  on a scale from 0 to 100, where 100 is the unit that did best on that part (a unit with half
  the best unit's attendance gets 50). The score is the weighted average of the parts:
  sum(weight x part) / sum(weights). The weights are an argument, shown in a table and
  changeable, so service users and staff can decide together what counts most.

Disclosure control follows the guide's one policy (:mod:`coproduce.disclosure`). In the default
safe mode attendance and submissions are counts about people, so:

* counts from 1 to 7 show as ``[c]`` and others are rounded to the nearest 5;
* parts of a published total (months, units in a quarter, pathways) are protected with
  :func:`~coproduce.disclosure.protect_parts`: when a part is hidden, another part (or the
  total) is hidden too, so no hidden count can be worked out by subtraction;
* percentages (shares and changes) are true: worked out from the exact counts and rounded to
  the nearest 5, and hidden when they rest on 1 to 7 or would, read beside the rounded counts,
  pin an exact count (:func:`~coproduce.disclosure.safe_percents`, :func:`safe_change`);
* rows are put in order by what is shown, never by exact counts that are hidden or rounded;
* scores use the rounded counts (a count from 1 to 7 counts as 5), so no score gives away an
  exact count.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from coproduce.charts import PALETTE, with_text_alternative
from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    is_small,
    mode_note,
    protect_parts,
    protected_parts,
    round_to_5,
    safe_change,
    safe_count,
    safe_percents,
)
from coproduce.toolinput import chart_layout, parameter_error, read_tool_csv

RESOURCE = "engagement_events_example"
#: Kinds of event where service users have a say in decisions (see the weights' reasons).
DECISION_EVENTS = ("reference group meeting", "governance or board meeting", "co-design workshop")
#: What can be added up and compared: people taking part, entries sent in, or events held.
VALUES = {
    "attendance": "times service users took part",
    "submissions": "submissions",
    "events": "events",
}
#: How a sentence says "{n}" of each value.
_PHRASES = {
    "attendance": "service users took part {n} times",
    "submissions": "{n} submissions were sent in",
    "events": "{n} events were held",
}
#: Values that count people, so disclosure control applies to them.
PEOPLE_VALUES = ("attendance", "submissions")


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


# --- Reading the file --------------------------------------------------------------------------


def load_events(input_csv: str | Path | None = None, sheet: str | None = None) -> pd.DataFrame:
    """Read an involvement event log (``None``: the SYNTHETIC example), sorted by date.

    Stops with a :class:`~coproduce.problems.DataValidationError` that lists every problem with
    its row, column and value. The file is never changed.
    """
    events = read_tool_csv(RESOURCE, input_csv, sheet=sheet)
    return events.sort_values(["date", "unit"], kind="stable").reset_index(drop=True)


# --- Plain calculations ------------------------------------------------------------------------


def percentage_increase(before: float, after: float) -> float:
    """(after - before) / before x 100: from 50 to 131 is 162.0 (a fall gives a negative)."""
    if before is None or after is None or _missing(before) or _missing(after):
        raise ValueError("Both numbers are needed to work out a percentage increase.")
    if before < 0 or after < 0:
        raise ValueError("Counts cannot be negative.")
    if before == 0:
        raise ValueError(
            "A percentage increase cannot be worked out from 0 (it would be infinite)."
        )
    return (after - before) / before * 100


def share_percent(part: float, whole: float) -> float:
    """Share as a percentage, part / whole x 100: 7 of 8 is 87.5."""
    if whole <= 0:
        raise ValueError("A share of nothing cannot be worked out: the total is 0.")
    if part < 0 or part > whole:
        raise ValueError(f"A part ({part}) must be between 0 and the total ({whole}).")
    return part / whole * 100


def percent_text(value: float | str | None) -> str:
    """87.5 as '87.5%', 162.0 as '162%', and [c] or a missing value as they are."""
    if value is None or value == SUPPRESSED:
        return SUPPRESSED if value == SUPPRESSED else "not available"
    rounded = round(float(value), 1)
    return f"{rounded:,.0f}%" if rounded.is_integer() else f"{rounded:,.1f}%"


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _shown(count: float, value: str, mode: Mode | str) -> int | str:
    """A count as it may be shown: people counts go through disclosure control."""
    if value in PEOPLE_VALUES:
        return safe_count(count, mode)
    return int(count)


def total(events: pd.DataFrame, value: str = "attendance") -> int:
    """Total attendance or submissions, or the number of events, in ``events``."""
    if value not in VALUES:
        raise ValueError(f"value must be one of {', '.join(VALUES)} (got {value!r}).")
    if value == "events":
        return len(events)
    return int(events[value].fillna(0).sum())


# --- Participation over time -------------------------------------------------------------------


def participation_by_month(
    events: pd.DataFrame, mode: Mode | str = Mode.SAFE, release: Release | None = None
) -> pd.DataFrame:
    """Events and attendance in each month of the log (months with no events show 0).

    ``release`` (safe mode) collects what was hidden and why.
    """
    months = events["date"].dt.to_period("M")
    every = pd.period_range(months.min(), months.max(), freq="M")
    grouped = events.groupby(months)
    table = pd.DataFrame(
        {
            "events": grouped.size().reindex(every, fill_value=0),
            "attendance": grouped["attendance"].sum().reindex(every, fill_value=0),
        }
    )
    table.index = [f"{p.start_time:%b %Y}" for p in every]
    table.index.name = "Month"
    table["attendance"] = table["attendance"].astype(int)
    table["attendance_shown"] = protected_parts(
        table["attendance"].tolist(),
        mode,
        release,
        ("Participation by month", list(table.index), "Times service users took part"),
    )
    return table


def participation_by_unit(
    events: pd.DataFrame, mode: Mode | str = Mode.SAFE, release: Release | None = None
) -> pd.DataFrame:
    """Attendance per unit per quarter, safe to share in safe mode (rows: quarters).

    ``release`` (safe mode) collects what was hidden and why.
    """
    quarters = events["date"].dt.to_period("Q")
    table = events.groupby([quarters, "unit"])["attendance"].sum().unstack(fill_value=0)
    every = pd.period_range(quarters.min(), quarters.max(), freq="Q")
    table = table.reindex(every, fill_value=0)
    table.index = [f"{p.start_time:%b} to {p.end_time:%b %Y}" for p in every]
    table.index.name = "Quarter"
    table.columns.name = None
    names = [f"{q}, {u}" for q in table.index for u in table.columns]
    cells = protected_parts(
        [int(c) for c in table.to_numpy().ravel()],
        mode,
        release,
        ("Participation by unit and quarter", names, "Times service users took part"),
    )
    shown = pd.DataFrame(
        [cells[i : i + table.shape[1]] for i in range(0, len(cells), table.shape[1])],
        index=table.index,
        columns=table.columns,
        dtype=object,
    )
    return shown


def participation_chart(table: pd.DataFrame, data_label: str) -> go.Figure:
    """Bar chart of attendance per month (as shown: rounded, [c] where hidden)."""
    shown = table["attendance_shown"]
    heights = [None if v == SUPPRESSED else v for v in shown]
    fig = go.Figure()
    fig.add_bar(
        x=list(table.index),
        y=heights,
        text=[str(v) for v in shown],
        textposition="outside",
        marker_color=PALETTE[0],
        hovertemplate="%{x}: %{text}<extra></extra>",
        name="Times service users took part",
    )
    fig.update_layout(
        **chart_layout(
            "Service users taking part",
            f"Times service users took part in involvement events, month by month ({data_label})",
            "Month",
            "Times service users took part",
        ),
        showlegend=False,
    )
    fig.update_yaxes(rangemode="tozero")
    return with_text_alternative(fig, describe_participation(table, data_label))


def describe_participation(table: pd.DataFrame, data_label: str) -> str:
    """Text alternative for :func:`participation_chart`, listing every bar."""
    parts = [f"{month}: {value}" for month, value in table["attendance_shown"].items()]
    hidden = sum(v == SUPPRESSED for v in table["attendance_shown"])
    text = (
        f"Bar chart of how many times service users took part in involvement events each "
        f"month, from {table.index[0]} to {table.index[-1]} ({data_label}). "
        + "; ".join(parts)
        + "."
    )
    if hidden:
        text += (
            f" {hidden} month(s) show [c] because the number was from 1 to 7, or would give "
            "one away by subtraction from the total."
        )
    return text


# --- Change between two periods ----------------------------------------------------------------


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


# --- Shares by pathway -------------------------------------------------------------------------


def pathway_share(
    events: pd.DataFrame,
    value: str = "attendance",
    event_type: str | None = None,
    mode: Mode | str = Mode.SAFE,
    release: Release | None = None,
) -> pd.DataFrame:
    """Each pathway's count and share of the total, largest first, with a 'Total' row.

    ``event_type`` keeps one kind of event (e.g. ``"talent showcase"``). In safe mode counts
    are protected against the total (:func:`protect_parts`), shares are true percentages
    rounded to the nearest 5 (:func:`~coproduce.disclosure.safe_percents`), and the rows are
    in order of the counts shown (then by name), so the order says nothing a hidden or
    rounded count does not. ``release`` (safe mode) collects what was hidden and why.
    """
    rows = events if event_type is None else events[events["event_type"] == event_type]
    if value == "events":
        counts = rows.groupby("pathway").size()
    else:
        counts = rows.groupby("pathway")[value].sum(min_count=1).fillna(0).astype(int)
    grand = int(counts.sum())
    people = value in PEOPLE_VALUES and is_safe(mode)
    exact = [int(c) for c in counts]
    label = VALUES[value].capitalize()
    if people:
        scope = f"Share of {VALUES[value]}" + (f" ({event_type})" if event_type else "")
        shown = protected_parts(exact, mode, release, (scope, list(counts.index), label))
        hidden, total_hidden = protect_parts(exact)
        if total_hidden and release is not None:
            release.record(scope, "Total", label, "complement")
        shown_total: int | str = SUPPRESSED if total_hidden else safe_count(grand, mode)
        percents = safe_percents(exact, grand, mode) if grand else [math.nan] * len(exact)
        if release is not None:
            for name, h, p in zip(counts.index, hidden, percents, strict=True):
                if p == SUPPRESSED and not h and shown_total != SUPPRESSED:
                    release.record(scope, str(name), "Share of the total", "pinned")
        shares = [
            SUPPRESSED
            if h or shown_total == SUPPRESSED
            else percent_text(p)
            if not (isinstance(p, float) and math.isnan(p))
            else "not available"
            for h, p in zip(hidden, percents, strict=True)
        ]
    else:
        shown = exact
        shown_total = grand
        shares = [
            percent_text(share_percent(c, grand)) if grand else "not available" for c in exact
        ]
    table = pd.DataFrame(
        {"Pathway": list(counts.index), label: shown, "Share of the total": shares}
    )
    table["_key"] = [-1 if v == SUPPRESSED else v for v in shown] if people else exact
    table = table.sort_values(["_key", "Pathway"], ascending=[False, True], kind="stable")
    table = table.drop(columns="_key")
    total_row = {
        "Pathway": "Total",
        label: shown_total,
        "Share of the total": "100%" if shown_total not in (0, SUPPRESSED) else "",
    }
    table = pd.concat([table, pd.DataFrame([total_row])], ignore_index=True)
    return table.set_index("Pathway").astype(object)


def share_sentence(table: pd.DataFrame, value: str, event_type: str | None = None) -> str:
    """'The Learning disability and autism pathway had 75% of submissions (15 of 20).'."""
    label = VALUES[value].capitalize()
    rows = table[table.index != "Total"]
    scope = f" at {event_type} events" if event_type else ""
    if rows.empty:
        return f"No {VALUES[value]}{scope} are recorded."
    top = rows.iloc[0]
    grand = table.loc["Total", label]
    if top["Share of the total"] in (SUPPRESSED, "not available"):
        return (
            f"Shares of {VALUES[value]}{scope} are hidden because they rest on counts from 1 to "
            "7 or would give one away."
        )
    return (
        f"The {top.name} pathway had {top['Share of the total']} of {VALUES[value]}"
        f"{scope} ({top[label]} of {grand})."
    )


# --- Engagement score --------------------------------------------------------------------------


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


def scores_for_display(scores: pd.DataFrame) -> pd.DataFrame:
    """The ranking with plain column names and whole-number scores."""
    names = {c.key: c.name for c in COMPONENTS}
    table = scores.rename(columns={"unit": "Unit", "rank": "Rank", "score": "Score (0 to 100)"})
    table = table.rename(columns=names)
    ordered = ["Rank", "Unit", "Score (0 to 100)", *names.values()]
    table = table[ordered].copy()
    for column in ordered[2:]:
        table[column] = table[column].round(0).astype(int)
    return table.set_index("Rank")


def weights_table(weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Each part of the score: what it counts, its weight, its share of the score, and why."""
    checked = check_weights(weights)
    whole = sum(checked.values())
    return pd.DataFrame(
        {
            "Part of the score": [c.name for c in COMPONENTS],
            "What it counts": [c.counts for c in COMPONENTS],
            "Weight": [_plain(checked[c.key]) for c in COMPONENTS],
            "Share of the score": [percent_text(checked[c.key] / whole * 100) for c in COMPONENTS],
            "Why the starting weight is what it is": [
                f"Starting weight {c.default_weight}. {c.reason}" for c in COMPONENTS
            ],
        }
    ).set_index("Part of the score")


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def ranking_sentence(scores: pd.DataFrame) -> str:
    """Who is the most engaged unit with these weights, in words (ties named together)."""
    top = scores[scores["rank"] == 1]
    best = round(float(top["score"].iloc[0]))
    if len(top) > 1:
        sentence = (
            f"With these weights, {_and_list(top['unit'].tolist())} share first place "
            f"(score {best} out of 100)."
        )
    else:
        sentence = (
            f"With these weights, {top['unit'].iloc[0]} is the most engaged unit "
            f"(score {best} out of 100)."
        )
    rest = scores[scores["rank"] > 1].head(2)
    if len(rest):
        others = ", ".join(f"{r.unit} ({round(r.score)})" for r in rest.itertuples())
        sentence += f" Next: {others}."
    return sentence


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def ranking_chart(scores: pd.DataFrame, data_label: str) -> go.Figure:
    """Horizontal bar chart of the scores, highest at the top."""
    ordered = scores.iloc[::-1]
    values = [round(float(s)) for s in ordered["score"]]
    fig = go.Figure()
    fig.add_bar(
        x=values,
        y=ordered["unit"].tolist(),
        orientation="h",
        text=values,
        textposition="outside",
        marker_color=PALETTE[2],
        hovertemplate="%{y}: %{x}<extra></extra>",
        name="Engagement score",
    )
    fig.update_layout(
        **chart_layout(
            "Engagement score by unit",
            f"With the starting weights ({data_label})",
            "Score (0 to 100)",
            "Unit",
        ),
        showlegend=False,
    )
    fig.update_xaxes(range=[0, 110])
    listed = "; ".join(
        f"{r.unit}: {round(r.score)}" for r in scores.sort_values("rank").itertuples()
    )
    alt = (
        f"Horizontal bar chart of each unit's engagement score from 0 to 100 with the starting "
        f"weights ({data_label}), highest first. {listed}. {ranking_sentence(scores)}"
    )
    return with_text_alternative(fig, alt)


def scores_html(scores: pd.DataFrame, weights: Mapping[str, float]) -> str:
    """The ranking and the weights' shares as an HTML snippet (used by the sliders)."""
    checked = check_weights(weights)
    whole = sum(checked.values())
    shares = ", ".join(
        f"{c.name}: {percent_text(checked[c.key] / whole * 100)}" for c in COMPONENTS
    )
    body = scores_for_display(scores).to_html(index=False, border=0, classes="dataframe")
    return (
        f"<p><strong>{html.escape(ranking_sentence(scores))}</strong></p>"
        f"<p>How much each part counts: {html.escape(shares)}.</p>{body}"
    )


def score_widget(components: pd.DataFrame, mode: Mode | str = Mode.SAFE):
    """Sliders (0 to 5) for each weight, and the ranking they give, updated as they move.

    Returns an ``ipywidgets.VBox``; its ``sliders`` attribute maps each part's key to its
    slider and ``result`` is the HTML the ranking is written to.
    """
    import ipywidgets as widgets

    sliders = {
        c.key: widgets.IntSlider(
            value=c.default_weight,
            min=0,
            max=5,
            step=1,
            description=c.name,
            style={"description_width": "17em"},
            layout=widgets.Layout(width="34em"),
        )
        for c in COMPONENTS
    }
    result = widgets.HTML()

    def update(change: object = None) -> None:
        weights = {key: slider.value for key, slider in sliders.items()}
        try:
            scores = engagement_scores(components, weights)
        except ValueError as error:
            result.value = f"<p><strong>{html.escape(str(error))}</strong></p>"
            return
        result.value = (
            scores_html(scores, weights) + f"<p><em>{html.escape(mode_note(mode))}</em></p>"
        )

    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    box = widgets.VBox([*sliders.values(), result])
    box.sliders = sliders
    box.result = result
    return box
