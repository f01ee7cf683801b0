"""Counting participation: totals, shares, months, units and pathways, made safe to share.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

import math

import pandas as pd

from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    protect_parts,
    protected_parts,
    safe_count,
    safe_percents,
)

#: What can be added up and compared: people taking part, entries sent in, or events held.
VALUES = {
    "attendance": "times service users took part",
    "submissions": "submissions",
    "events": "events",
}


#: Values that count people, so disclosure control applies to them.
PEOPLE_VALUES = ("attendance", "submissions")


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
