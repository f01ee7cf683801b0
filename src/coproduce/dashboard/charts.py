"""The dashboard's trend charts, with their text alternatives and the tables behind them."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from coproduce.dashboard.calculations import REGION, _missing, unit_order
from coproduce.dashboard.inputs import Measure
from coproduce.dashboard.words import chart_text_alternative
from coproduce.present.charts import PALETTE, chart_layout, new_figure, with_text_alternative


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
    fig = new_figure()
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
