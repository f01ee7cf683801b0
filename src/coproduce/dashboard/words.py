"""The dashboard in plain English: what each chart shows and each unit's latest figures."""

from __future__ import annotations

import numpy as np
import pandas as pd

from coproduce.dashboard.calculations import REGION, _exact, _missing
from coproduce.dashboard.inputs import Measure
from coproduce.disclosure import (
    MINIMUM_PEOPLE,
    SUPPRESSED,
)
from coproduce.present.words import and_list


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
            f" The {figure} for {and_list(hidden)} that month {verb} hidden because "
            f"{_hidden_reason(measure)}."
        )
    return sentence


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
