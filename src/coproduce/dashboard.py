"""Service-user data dashboard: unit figures month by month, beside the whole region.

The IMPACT provider collaborative co-designed a dashboard with service users so that they can
see information such as length of stay and restraint incidents. This module turns a simple
monthly file (one row per unit per month) into the same kind of dashboard, written for service
users to read.

How the numbers are worked out, so anyone can check them by hand:

* **Rate per 1,000 occupied bed days** = count / occupied bed days x 1,000. One bed with
  someone staying in it for one day is one occupied bed day, so a rate lets a big unit and a
  small unit be compared fairly. 9 incidents in 450 bed days is 20.0 per 1,000.
* **All units** (the regional picture) adds up the counts and the bed days of every unit that
  recorded the measure that month, then works out the rate from those totals. Averages (such
  as length of stay) are combined weighted by the number of people on each unit.
* **Quarters** add up the months' counts and bed days; an average for a quarter is the
  months' averages weighted by the number of people each month.

Disclosure control (:mod:`coproduce.disclosure`) in the default safe mode:

* a count from 1 to 7 is shown as ``[c]``; other counts are rounded to the nearest 5;
* a rate whose count is from 1 to 7 is shown as ``[c]``, and every other rate is worked out
  from the *rounded* count, so a rate can never be used to get back the exact count;
* an average about people (such as length of stay) is shown only when at least 8 people were
  on the unit (for a quarter, at least 8 in its busiest month);
* "All units" is the total of the units, so when a unit's figure is hidden, enough other
  units (or "All units" itself) are hidden too that no hidden figure can be worked out by
  subtraction (:func:`coproduce.disclosure.protect_parts`);
* a rate that, once rounded, would sit on the other side of the "All units" rate from where
  the real figures put it is hidden, so the chart never shows a false comparison.

Any column after ``occupied_bed_days`` is an extra measure a unit has added. Its kind comes
from the data dictionary (``data/datapackage.json``), never from its values: a field listed
there says its kind in ``measureKind``; a column a unit adds must end in ``_count`` (events,
protected and shown per 1,000 bed days like restraint) or ``_average`` (an average about the
people on the unit).
"""

from __future__ import annotations

import calendar
import functools
import html
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from coproduce.charts import PALETTE, with_text_alternative
from coproduce.datapackage import package
from coproduce.disclosure import (
    MINIMUM_PEOPLE,
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    is_small,
    protect_parts,
    safe_count,
    safe_statistic,
)
from coproduce.problems import DataProblem
from coproduce.toolinput import chart_layout, read_tool_csv

RESOURCE = "unit_monthly_example"
#: Columns every file has; any other column is an extra measure.
CORE_COLUMNS = (
    "unit",
    "month",
    "people",
    "length_of_stay_days",
    "restraint_incidents",
    "occupied_bed_days",
)
#: What the regional picture (every unit together) is called in tables and charts.
REGION = "All units"
PER = 1000
PERIODS = ("month", "quarter")
_MAX_LISTED = 10


@dataclass(frozen=True)
class Measure:
    """One thing the dashboard shows.

    ``kind`` is ``"count"`` (events added up, shown per 1,000 bed days) or ``"average"``
    (an average about the people on the unit, shown as it is).
    """

    column: str
    label: str
    kind: str
    noun: str
    decimals: int = 1
    #: For averages: how a sentence names it ("the average length of stay so far").
    phrase: str = ""

    @property
    def is_count(self) -> bool:
        """True for counts of events, which get a rate per 1,000 occupied bed days."""
        return self.kind == "count"

    @property
    def short_label(self) -> str:
        """A short name for chart titles and table headings."""
        if self.is_count:
            return f"{self.label} per 1,000 bed days"
        return self.label

    @property
    def chart_label(self) -> str:
        """What the chart's vertical axis shows."""
        if self.is_count:
            return f"{self.label} per 1,000 occupied bed days"
        return self.label


RESTRAINT = Measure("restraint_incidents", "Restraint incidents", "count", "restraint incidents")
LENGTH_OF_STAY = Measure(
    "length_of_stay_days",
    "Average length of stay so far (days)",
    "average",
    "days",
    0,
    "the average length of stay so far",
)


# --- Reading the file --------------------------------------------------------------------------


def extra_columns(frame: pd.DataFrame) -> list[str]:
    """Columns a unit added after the core ones, in file order."""
    return [c for c in frame.columns if c not in CORE_COLUMNS]


_KIND_WORDS = {
    "count": "events added up, such as incidents",
    "average": "an average about the people on the unit",
}


@functools.cache
def _declared_kinds() -> tuple[dict[str, str], dict[str, str]]:
    """Kinds of the fields the data dictionary lists, and the suffixes for added columns."""
    schema = package().get_resource(RESOURCE).schema.to_descriptor()
    kinds = {f["name"]: f["measureKind"] for f in schema["fields"] if "measureKind" in f}
    return kinds, dict(schema.get("extraMeasureSuffixes", {}))


def measure_kind(column: str) -> str | None:
    """``"count"`` or ``"average"`` as the data dictionary declares it (None: undeclared)."""
    kinds, suffixes = _declared_kinds()
    if column in kinds:
        return kinds[column]
    return next((kind for end, kind in suffixes.items() if column.endswith(end)), None)


def _check_extra_columns(frame: pd.DataFrame, label: str) -> list[DataProblem]:
    """An extra column must declare its kind by name, and hold numbers of at least 0."""
    problems: list[DataProblem] = []
    suffixes = _declared_kinds()[1]
    for column in extra_columns(frame):
        if measure_kind(column) is None:
            problems.append(
                DataProblem(
                    label,
                    "an extra measure's name must say what kind of number it is: end it in "
                    + " or ".join(f"{end} ({_KIND_WORDS[kind]})" for end, kind in suffixes.items()),
                    row=1,
                    column=column,
                    value=column,
                )
            )
        text = frame[column].astype("string").str.strip()
        present = text.notna() & text.ne("")
        numbers = pd.to_numeric(text.where(present), errors="coerce")
        bad = present & (numbers.isna() | (numbers < 0))
        if measure_kind(column) == "count":
            bad |= present & numbers.notna() & (numbers % 1 != 0)
        for index in frame.index[bad.to_numpy()][:_MAX_LISTED]:
            problems.append(
                DataProblem(
                    label,
                    "expected a number of at least 0 (every column after occupied_bed_days is "
                    "an extra measure, so it may hold only numbers or blanks; a _count column "
                    "holds whole numbers)",
                    row=int(index) + 2,
                    column=column,
                    value=frame.at[index, column],
                )
            )
    return problems


def _check_bed_days(frame: pd.DataFrame, label: str) -> list[DataProblem]:
    """Bed days must fit the people and the month, and counts need bed days to make a rate."""
    problems: list[DataProblem] = []
    days = frame["month"].map(lambda m: calendar.monthrange(int(m[:4]), int(m[5:7]))[1])
    most = frame["people"].astype("Int64") * days
    too_many = (frame["occupied_bed_days"] > most).fillna(False).to_numpy(dtype=bool)
    for index in frame.index[too_many][:_MAX_LISTED]:
        problems.append(
            DataProblem(
                label,
                f"{int(frame.at[index, 'people'])} people in a {days[index]}-day month can fill at "
                f"most {int(most[index])} occupied bed days; check the people and "
                "occupied_bed_days columns",
                row=int(index) + 2,
                column="occupied_bed_days",
                value=str(frame.at[index, "occupied_bed_days"]),
            )
        )
    no_beds = (frame["occupied_bed_days"] == 0) & (frame["restraint_incidents"] > 0)
    for index in frame.index[no_beds.fillna(False).to_numpy(dtype=bool)][:_MAX_LISTED]:
        problems.append(
            DataProblem(
                label,
                "there are restraint incidents but 0 occupied bed days, so no rate can be "
                "worked out; check the occupied bed days",
                row=int(index) + 2,
                column="occupied_bed_days",
                value="0",
            )
        )
    return problems


def load_unit_monthly(
    input_csv: str | Path | None = None, sheet: str | None = None
) -> pd.DataFrame:
    """Read monthly unit data (``None``: the SYNTHETIC example) and check it.

    Stops with a :class:`~coproduce.problems.DataValidationError` that lists every problem with
    its row, column and value. Extra columns come back as numbers. The file is never changed.
    """
    frame = read_tool_csv(
        RESOURCE,
        input_csv,
        allow_extra_columns=True,
        extra_checks=[_check_extra_columns, _check_bed_days],
        only_fields=CORE_COLUMNS,
        sheet=sheet,
    )
    for column in extra_columns(frame):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Float64")
    return frame.sort_values(["unit", "month"], kind="stable").reset_index(drop=True)


def measures(frame: pd.DataFrame) -> list[Measure]:
    """Restraint, length of stay and every extra measure that has at least one value.

    Each extra measure's kind is the one the data dictionary declares for it.
    """
    found = [RESTRAINT, LENGTH_OF_STAY]
    for column in extra_columns(frame):
        values = pd.to_numeric(frame[column], errors="coerce").dropna()
        if values.empty:
            continue
        name = column
        for end in _declared_kinds()[1]:
            name = name.removesuffix(end)
        label = name.replace("_", " ").strip().capitalize()
        if measure_kind(column) == "count":
            found.append(Measure(column, label, "count", label.lower()))
        else:
            found.append(
                Measure(
                    column, f"{label} (average)", "average", "", 1, f"the average {label.lower()}"
                )
            )
    return found


# --- Calculations ------------------------------------------------------------------------------


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


def wide_table(table: pd.DataFrame, measure: Measure, column: str = "shown") -> pd.DataFrame:
    """One row per period, one column per unit then 'All units': the data behind a chart.

    ``column`` is ``"shown"`` (counts or averages) or ``"rate"`` (per 1,000 bed days, one
    decimal place). A cell with no data says 'no data'; a hidden one ``[c]``.
    """
    digits = 1 if column == "rate" else (0 if measure.is_count else measure.decimals)
    pivot = table.pivot(index="start", columns="unit", values=column)
    pivot = pivot.reindex(columns=unit_order(table)).sort_index()
    labels = table.drop_duplicates("start").set_index("start")["period"]
    pivot.index = [labels[s] for s in pivot.index]
    pivot.index.name = None
    pivot.columns.name = "Period"
    return pivot.map(lambda value: _cell(value, digits)).astype(object)


def _cell(value: object, digits: int) -> str:
    if _missing(value):
        return "no data"
    if isinstance(value, int | float):
        return f"{value:,.{digits}f}"
    return str(value)


# --- Words -------------------------------------------------------------------------------------


def _number(value: float, measure: Measure, rate: bool) -> str:
    digits = 1 if rate else measure.decimals
    return f"{value:,.{digits}f}"


def _hidden_reason(measure: Measure) -> str:
    if measure.is_count:
        few = "the count was from 1 to 7"
    else:
        few = f"fewer than {MINIMUM_PEOPLE} people were on the unit"
    return f"{few}, or showing it would give away a hidden figure or a false comparison"


def describe_line(table: pd.DataFrame, unit: str, measure: Measure) -> str:
    """One line of a chart in words: first and last values, lowest, highest, hidden periods."""
    rows = table[table["unit"] == unit].sort_values("start")
    rate = measure.is_count
    shown = rows[rows["plotted"].notna()]
    hidden = rows[rows["shown"].astype(str) == SUPPRESSED]
    if shown.empty:
        if len(hidden):
            return f"{unit}: every period hidden because {_hidden_reason(measure)}."
        return f"{unit}: no data."
    first, last = shown.iloc[0], shown.iloc[-1]
    low = shown.loc[shown["plotted"].idxmin()]
    high = shown.loc[shown["plotted"].idxmax()]
    text = f"{unit}: {_number(first.plotted, measure, rate)} in {first.period}" + (
        f" and {_number(last.plotted, measure, rate)} in {last.period}" if len(shown) > 1 else ""
    )
    if len(shown) > 2 and low.plotted == high.plotted:
        text += " (the same in every period shown)"
    elif len(shown) > 2:
        text += (
            f" (lowest {_number(low.plotted, measure, rate)} in {low.period}, highest "
            f"{_number(high.plotted, measure, rate)} in {high.period})"
        )
    if len(hidden):
        noun = "period" if len(hidden) == 1 else "periods"
        text += f"; {len(hidden)} {noun} hidden because {_hidden_reason(measure)}"
    return text + "."


def chart_text_alternative(
    table: pd.DataFrame, measure: Measure, units: list[str], data_label: str
) -> str:
    """The text alternative of a trend chart, made from its numbers."""
    periods = table.drop_duplicates("start").sort_values("start")["period"].tolist()
    others = [u for u in units if u != REGION]
    who = f"{len(others)} unit{'s' if len(others) != 1 else ''}"
    if REGION in units:
        who += " and all units together"
    intro = (
        f"Line chart of {measure.chart_label.lower()}, from {periods[0]} to {periods[-1]}, "
        f"for {who} ({data_label})."
    )
    lines = [describe_line(table, u, measure) for u in units]
    return " ".join([intro, *lines, "The table under the chart gives every value."])


def what_this_shows(table: pd.DataFrame, measure: Measure) -> str:
    """A short plain-English sentence or two saying what the chart shows, from its numbers."""
    region = table[(table["unit"] == REGION) & table["plotted"].notna()].sort_values("start")
    what = f"{measure.noun} for every 1,000 occupied bed days" if measure.is_count else measure.noun
    rate = measure.is_count
    if region.empty:
        return (
            f"Every figure for {measure.label.lower()} is hidden or missing, so there is "
            "nothing safe to show."
        )
    last = region.iloc[-1]
    if measure.is_count:
        value = _number(last.plotted, measure, rate)
        sentence = f"In {last.period}, across all units there were {value} {what}"
    else:
        sentence = (
            f"In {last.period}, {measure.phrase} across all units was "
            f"{_number(last.plotted, measure, rate)} {what}".rstrip()
        )
    if len(region) > 1:
        first = region.iloc[0]
        shown = np.sign(last.plotted - first.plotted)
        truth = np.sign(_exact(last, measure) - _exact(first, measure))
        direction = (
            {1: "up from", -1: "down from", 0: "the same as"}[int(shown)]
            if shown == truth
            else "close to"
        )
        sentence += f", {direction} {_number(first.plotted, measure, rate)} in {first.period}"
    sentence += "."
    month_rows = table[(table["start"] == last.start) & (table["unit"] != REGION)]
    visible = month_rows[month_rows["plotted"].notna()]
    hidden = month_rows[month_rows["shown"].astype(str) == SUPPRESSED]["unit"].tolist()
    truth = visible.apply(lambda row: _exact(row, measure), axis=1) if len(visible) else None
    if (
        len(visible) >= 2
        and visible["plotted"].idxmax() == truth.idxmax()
        and visible["plotted"].idxmin() == truth.idxmin()
        and (visible["plotted"] == visible["plotted"].max()).sum() == 1
        and (visible["plotted"] == visible["plotted"].min()).sum() == 1
    ):
        high = visible.loc[visible["plotted"].idxmax()]
        low = visible.loc[visible["plotted"].idxmin()]
        sentence += (
            f" That month {high.unit} had the highest figure "
            f"({_number(high.plotted, measure, rate)}) and {low.unit} the lowest "
            f"({_number(low.plotted, measure, rate)})."
        )
    if hidden:
        figure, verb = ("figure", "is") if len(hidden) == 1 else ("figures", "are")
        sentence += (
            f" The {figure} for {_and_list(hidden)} that month {verb} hidden because "
            f"{_hidden_reason(measure)}."
        )
    return sentence


def _and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _shown_words(row: pd.Series, measure: Measure) -> str:
    if row is None or _missing(row["value"]):
        return "no data"
    if str(row["shown"]) == SUPPRESSED:
        return f"hidden ([c]) because {_hidden_reason(measure)}"
    if measure.is_count:
        if _missing(row["rate"]):
            return f"{row['shown']} (no bed days, so no rate)"
        return f"{row['shown']}, which is {row['rate']:,.1f} for every 1,000 occupied bed days"
    return f"{_number(float(row['shown']), measure, False)} {measure.noun}".rstrip()


def unit_summary(
    tables: dict[str, pd.DataFrame], measure_list: list[Measure], unit: str
) -> list[str]:
    """Sentences about one unit in its latest period, each beside the same figure for all units."""
    sentences = []
    for measure in measure_list:
        table = tables[measure.column]
        latest = table["start"].max()
        rows = table[table["start"] == latest].set_index("unit")
        period = rows["period"].iloc[0]
        mine = rows.loc[unit] if unit in rows.index else None
        region = rows.loc[REGION]
        text = (
            f"{measure.label}, {period}: {unit} {_shown_words(mine, measure)}. "
            f"All units together: {_shown_words(region, measure)}."
        )
        if mine is not None and not _missing(mine["plotted"]) and not _missing(region["plotted"]):
            shown = np.sign(mine["plotted"] - region["plotted"])
            truth = np.sign(_exact(mine, measure) - _exact(region, measure))
            if shown != truth:
                text += f" {unit} was close to all units together."
            elif shown > 0:
                text += f" {unit} was higher than all units together."
            elif shown < 0:
                text += f" {unit} was lower than all units together."
            else:
                text += f" {unit} was the same as all units together."
        sentences.append(text)
    return sentences


def unit_table(
    tables: dict[str, pd.DataFrame], measure_list: list[Measure], unit: str
) -> pd.DataFrame:
    """One unit beside all units, period by period, for every measure (rates for counts)."""
    columns: dict[tuple[str, str], pd.Series] = {}
    for measure in measure_list:
        table = tables[measure.column]
        column = "rate" if measure.is_count else "shown"
        wide = wide_table(table, measure, column)
        name = measure.short_label
        columns[(name, unit)] = wide[unit] if unit in wide.columns else "no data"
        columns[(name, REGION)] = wide[REGION]
    result = pd.DataFrame(columns)
    result.columns.names = ["Measure", "Period"]
    return result


def unit_html(tables: dict[str, pd.DataFrame], measure_list: list[Measure], unit: str) -> str:
    """The sentences and the table for one unit, as HTML (used by the unit picker)."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in unit_summary(tables, measure_list, unit))
    table = unit_table(tables, measure_list, unit).to_html(border=0, classes="dataframe")
    return f"<p><strong>{html.escape(unit)}</strong></p><ul>{items}</ul>{table}"


# --- Charts ------------------------------------------------------------------------------------


def trend_chart(
    table: pd.DataFrame,
    measure: Measure,
    data_label: str,
    units: list[str] | None = None,
    period: str = "month",
) -> go.Figure:
    """Line chart: one line per unit and a thick dashed line for all units together.

    Hidden ([c]) periods are gaps in a line. The text alternative is made from the numbers.
    """
    units = units or unit_order(table)
    periods = table.drop_duplicates("start").sort_values("start")
    fig = go.Figure()
    colours = iter(PALETTE * 3)
    for unit in units:
        rows = table[table["unit"] == unit].sort_values("start")
        is_region = unit == REGION
        fig.add_scatter(
            x=rows["period"].tolist(),
            y=[None if math.isnan(v) else v for v in rows["plotted"]],
            name=unit,
            mode="lines+markers",
            connectgaps=False,
            line={
                "color": "#222222" if is_region else next(colours),
                "width": 4 if is_region else 2,
                "dash": "dash" if is_region else "solid",
            },
            hovertemplate=f"{unit}<br>%{{x}}: %{{y}}<extra></extra>",
        )
    if len(units) > 2:
        title, subtitle = measure.short_label, f"{period.capitalize()} by {period} ({data_label})"
    else:
        title = f"{units[0]} beside all units"
        subtitle = f"{measure.short_label}, {period} by {period} ({data_label})"
    y_title = "Per 1,000 occupied bed days" if measure.is_count else measure.label
    fig.update_layout(**chart_layout(title, subtitle, period.capitalize(), y_title))
    fig.update_xaxes(categoryorder="array", categoryarray=periods["period"].tolist())
    fig.update_yaxes(rangemode="tozero")
    alt = chart_text_alternative(table, measure, units, data_label)
    return with_text_alternative(fig, alt)
