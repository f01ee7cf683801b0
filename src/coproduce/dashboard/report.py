"""The dashboard as a report and as a notebook picker: sections and one unit's HTML."""

from __future__ import annotations

import html

import pandas as pd

from coproduce.dashboard.calculations import dashboard_tables
from coproduce.dashboard.charts import trend_chart, unit_table, wide_table
from coproduce.dashboard.inputs import Measure, measures
from coproduce.dashboard.words import unit_summary, what_this_shows
from coproduce.disclosure import Mode, Release
from coproduce.present.report import Section
from coproduce.present.tables import html_table


def unit_html(tables: dict[str, pd.DataFrame], measure_list: list[Measure], unit: str) -> str:
    """The sentences and the table for one unit, as HTML (used by the unit picker)."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in unit_summary(tables, measure_list, unit))
    wide = unit_table(tables, measure_list, unit)
    flat = wide.set_axis([f"{measure}: {who}" for measure, who in wide.columns], axis=1)
    table = html_table(
        flat.reset_index(names="Period"),
        f"{unit} beside all units, period by period",
        row_headers=True,
        table_class="dataframe",
    )
    return f"<p><strong>{html.escape(unit)}</strong></p><ul>{items}</ul>{table}"


#: The report's title.
TITLE = "Service-user data dashboard"


def report_sections(
    monthly: pd.DataFrame,
    mode: Mode | str,
    release: Release | None,
    data_label: str,
    period: str = "month",
) -> list[Section]:
    """The report's sections: for each measure, what it shows, its chart and its table."""
    tables = dashboard_tables(monthly, mode, period, release)
    sections = []
    for measure in measures(monthly):
        table = tables[measure.column]
        column = "rate" if measure.is_count else "shown"
        wide = wide_table(table, measure, column).reset_index(names="Period")
        sections.append(
            Section(
                measure.label,
                [f"What this shows: {what_this_shows(table, measure)}"],
                [trend_chart(table, measure, data_label, period=period)],
                [(measure.short_label, wide)],
            )
        )
    return sections
