"""The dashboard's numbers: rates per 1,000 bed days, quarters, "All units" and protection.

Pure data in, frames out; disclosure control comes from :mod:`coproduce.disclosure`.
Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from coproduce.dashboard.inputs import Measure, measures
from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    is_small,
    protect_parts,
    safe_count,
    safe_statistic,
)

#: What the regional picture (every unit together) is called in tables and charts.
REGION = "All units"


PER = 1000


PERIODS = ("month", "quarter")


def rate_per_1000(count: float | None, bed_days: float | None) -> float | None:
    """Events per 1,000 occupied bed days; ``None`` when there is no count or no bed days."""
    if _missing(count) or _missing(bed_days) or float(bed_days) <= 0:
        return None
    return float(count) / float(bed_days) * PER


def safe_rate(
    count: float | None, bed_days: float | None, mode: Mode | str = Mode.SAFE, digits: int = 1
) -> float | str | None:
    """A rate per 1,000 bed days as it may be shown.

    Safe mode: ``[c]`` when the count is from 1 to 7; otherwise the rate of the count rounded
    to the nearest 5, so the exact count cannot be worked back from the rate.
    """
    if _missing(count):
        return None
    shown = safe_count(count, mode)
    if shown == SUPPRESSED:
        return SUPPRESSED
    rate = rate_per_1000(shown, bed_days)
    return None if rate is None else round(rate, digits)


def weighted_average(values: Iterable[float], weights: Iterable[float]) -> float | None:
    """Average of ``values`` weighted by ``weights`` (blank values are left out)."""
    pairs = [
        (float(v), float(w))
        for v, w in zip(values, weights, strict=True)
        if not _missing(v) and not _missing(w)
    ]
    total = sum(w for _, w in pairs)
    if not pairs or total <= 0:
        return None
    return sum(v * w for v, w in pairs) / total


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _period_start(months: pd.Series, period: str) -> pd.Series:
    starts = pd.to_datetime(months.astype(str) + "-01", format="%Y-%m-%d")
    if period == "quarter":
        return starts.dt.to_period("Q").dt.start_time
    return starts


def month_starts(frame: pd.DataFrame) -> pd.Series:
    """The first day of each row's month, as dates."""
    return _period_start(frame["month"], "month")


def period_label(start: pd.Timestamp, period: str = "month") -> str:
    """'Mar 2024' for a month; 'Jan to Mar 2024' for a quarter."""
    if period == "quarter":
        end = start + pd.DateOffset(months=2)
        return f"{start:%b} to {end:%b %Y}"
    return f"{start:%b %Y}"


def measure_table(frame: pd.DataFrame, measure: Measure, period: str = "month") -> pd.DataFrame:
    """Exact figures for one measure: one row per unit per period, then the region's rows.

    Columns: ``unit``, ``start`` (first day of the period), ``period`` (its label), ``value``
    (count or average), ``bed_days`` (bed days of the rows where the measure was recorded),
    ``people`` (the people an average rests on). Nothing here is safe to share yet: see
    :func:`safe_measure_table`.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)} (got {period!r}).")
    rows = pd.DataFrame(
        {
            "unit": frame["unit"].astype(str),
            "start": _period_start(frame["month"], period),
            "value": pd.to_numeric(frame[measure.column], errors="coerce").astype(float),
            "bed_days": frame["occupied_bed_days"].astype(float),
            "people": frame["people"].astype(float),
        }
    )
    recorded = rows["value"].notna()
    rows["bed_days"] = rows["bed_days"].where(recorded, 0.0)
    rows["people"] = rows["people"].where(recorded, np.nan)

    def combine(group: pd.DataFrame, *, people_add_up: bool) -> pd.Series:
        values = group["value"]
        if measure.is_count:
            value = values.sum(min_count=1)
        else:
            value = weighted_average(values, group["people"])
        people = group["people"].sum(min_count=1) if people_add_up else group["people"].max()
        return pd.Series(
            {"value": value, "bed_days": group["bed_days"].sum(), "people": people}, dtype=float
        )

    units = (
        rows.groupby(["unit", "start"], sort=True)[["value", "bed_days", "people"]]
        .apply(combine, people_add_up=False)
        .reset_index()
    )
    region = (
        units.groupby("start", sort=True)[["value", "bed_days", "people"]]
        .apply(combine, people_add_up=True)
        .reset_index()
    )
    region.insert(0, "unit", REGION)
    table = pd.concat([units, region], ignore_index=True)
    table.insert(2, "period", table["start"].map(lambda s: period_label(s, period)))
    return table


def safe_measure_table(
    table: pd.DataFrame, measure: Measure, mode: Mode | str, release: Release | None = None
) -> pd.DataFrame:
    """Add what may be shown to a :func:`measure_table`.

    ``shown``: the count (safe: ``[c]`` for 1 to 7, else rounded to 5) or the average (safe:
    ``[c]`` when fewer than 8 people). ``rate``: per 1,000 bed days, counts only (see
    :func:`safe_rate`). ``plotted``: the number the chart draws, or NaN where hidden. In safe
    mode the units of each period are protected as parts of "All units", and a unit's
    figure that would sit on the wrong side of "All units" once rounded is hidden.
    """
    result = table.copy()
    if measure.is_count:
        result["shown"] = [safe_count(v, mode) for v in result["value"]]
        result["rate"] = [
            safe_rate(v, b, mode) for v, b in zip(result["value"], result["bed_days"], strict=True)
        ]
    else:
        result["shown"] = [
            None if _missing(v) else safe_statistic(v, int(p), mode, measure.decimals)
            for v, p in zip(result["value"], result["people"].fillna(0), strict=True)
        ]
        result["rate"] = None
    result["shown"] = result["shown"].astype(object)
    result["rate"] = result["rate"].astype(object)
    if is_safe(mode):
        _protect_units(result, measure, release)
        _hide_false_comparisons(result, measure, release)
    plotted = result["rate"] if measure.is_count else result["shown"]
    result["plotted"] = pd.to_numeric(plotted, errors="coerce").astype(float)
    return result


def _hide(result: pd.DataFrame, index: int, measure: Measure) -> None:
    result.at[index, "shown"] = SUPPRESSED
    if measure.is_count:
        result.at[index, "rate"] = SUPPRESSED


def _protect_units(result: pd.DataFrame, measure: Measure, release: Release | None) -> None:
    """Secondary suppression: the units of a period are the parts of "All units"."""
    for _, period in result.groupby("start", sort=False):
        recorded = period[period["value"].notna()]
        units = recorded[recorded["unit"] != REGION]
        region = recorded.index[recorded["unit"] == REGION]
        sizes = units["value"] if measure.is_count else units["people"].fillna(0)
        hidden, total_hidden = protect_parts(units["value"].tolist(), sizes=sizes.tolist())
        for index, hide in zip(units.index, hidden, strict=True):
            if hide:
                small = is_small(sizes[index])
                _hide(result, index, measure)
                if release is not None:
                    rule = "small" if small else "complement"
                    where = f"{result.at[index, 'unit']}, {result.at[index, 'period']}"
                    release.record(measure.label, where, "value", rule)
        if total_hidden:
            for index in region:
                _hide(result, index, measure)
                if release is not None:
                    where = f"{REGION}, {result.at[index, 'period']}"
                    release.record(measure.label, where, "value", "complement")


def _exact(row: pd.Series, measure: Measure) -> float:
    if measure.is_count:
        rate = rate_per_1000(row["value"], row["bed_days"])
        return math.nan if rate is None else rate
    return float(row["value"])


def _hide_false_comparisons(
    result: pd.DataFrame, measure: Measure, release: Release | None
) -> None:
    """Hide a unit's figure that, rounded, sits on the other side of "All units" from the truth."""
    column = "rate" if measure.is_count else "shown"
    for _, period in result.groupby("start", sort=False):
        region = period[period["unit"] == REGION]
        if region.empty or not isinstance(region[column].iloc[0], int | float):
            continue
        truth_region, shown_region = _exact(region.iloc[0], measure), float(region[column].iloc[0])
        for index, row in period[period["unit"] != REGION].iterrows():
            if not isinstance(row[column], int | float) or _missing(row[column]):
                continue
            truth = np.sign(_exact(row, measure) - truth_region)
            shown = np.sign(float(row[column]) - shown_region)
            if shown != 0 and shown != truth:
                _hide(result, index, measure)
                if release is not None:
                    where = f"{row['unit']}, {row['period']}"
                    release.record(measure.label, where, "value", "misleading")


def dashboard_tables(
    frame: pd.DataFrame,
    mode: Mode | str = Mode.SAFE,
    period: str = "month",
    release: Release | None = None,
) -> dict[str, pd.DataFrame]:
    """Every measure's safe table, keyed by column name, in the order of :func:`measures`."""
    return {
        m.column: safe_measure_table(measure_table(frame, m, period), m, mode, release)
        for m in measures(frame)
    }


def unit_order(table: pd.DataFrame) -> list[str]:
    """Units in alphabetical order, then the region."""
    units = sorted(u for u in table["unit"].unique() if u != REGION)
    return [*units, REGION]
