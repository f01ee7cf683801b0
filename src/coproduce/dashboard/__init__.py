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

Computing is kept apart from presenting, as in :mod:`coproduce.evaluation`:
:mod:`~coproduce.dashboard.inputs`, :mod:`~coproduce.dashboard.calculations` read and compute
(data in, frames and dataclasses out); :mod:`~coproduce.dashboard.words`,
:mod:`~coproduce.dashboard.charts` and :mod:`~coproduce.dashboard.report` turn the results into
sentences, charts with text alternatives, tables and the report, through
:mod:`coproduce.present`. The command and the notebook call the same functions, all re-exported
here.
"""

from coproduce.dashboard.calculations import (
    PER,
    PERIODS,
    REGION,
    dashboard_tables,
    measure_table,
    month_starts,
    period_label,
    rate_per_1000,
    safe_measure_table,
    safe_rate,
    unit_order,
    weighted_average,
)
from coproduce.dashboard.charts import (
    trend_chart,
    unit_table,
    wide_table,
)
from coproduce.dashboard.inputs import (
    CORE_COLUMNS,
    LENGTH_OF_STAY,
    RESOURCE,
    RESTRAINT,
    Measure,
    extra_columns,
    load_unit_monthly,
    measure_kind,
    measures,
)
from coproduce.dashboard.report import (
    TITLE,
    report_sections,
    unit_html,
)
from coproduce.dashboard.words import (
    chart_text_alternative,
    describe_line,
    unit_summary,
    what_this_shows,
)

__all__ = [
    "TITLE",
    "report_sections",
    "CORE_COLUMNS",
    "LENGTH_OF_STAY",
    "Measure",
    "PER",
    "PERIODS",
    "REGION",
    "RESOURCE",
    "RESTRAINT",
    "chart_text_alternative",
    "dashboard_tables",
    "describe_line",
    "extra_columns",
    "load_unit_monthly",
    "measure_kind",
    "measure_table",
    "measures",
    "month_starts",
    "period_label",
    "rate_per_1000",
    "safe_measure_table",
    "safe_rate",
    "trend_chart",
    "unit_html",
    "unit_order",
    "unit_summary",
    "unit_table",
    "weighted_average",
    "what_this_shows",
    "wide_table",
]
