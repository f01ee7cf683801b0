"""TODO report."""

from __future__ import annotations

import html

import pandas as pd

from coproduce.dashboard.charts import unit_table
from coproduce.dashboard.inputs import Measure
from coproduce.dashboard.words import unit_summary


def unit_html(tables: dict[str, pd.DataFrame], measure_list: list[Measure], unit: str) -> str:
    """The sentences and the table for one unit, as HTML (used by the unit picker)."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in unit_summary(tables, measure_list, unit))
    table = unit_table(tables, measure_list, unit).to_html(border=0, classes="dataframe")
    return f"<p><strong>{html.escape(unit)}</strong></p><ul>{items}</ul>{table}"
