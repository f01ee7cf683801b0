"""Service-user data dashboard: rates, the regional picture and small numbers, by worked example.

Every expected number below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coproduce import DataValidationError
from coproduce import dashboard as dash
from coproduce.disclosure import SUPPRESSED, safe_count
from coproduce.present.charts import text_alternative
from coproduce.toolinput import SYNTHETIC_LABEL, column_names, example_path, template_path

HEADER = "unit,month,people,length_of_stay_days,restraint_incidents,occupied_bed_days"
# Two invented wards over two months (January 2024 has 31 days, February 2024 has 29).
WORKED = (
    HEADER + ",activity_sessions_count,steps_per_day_average\n"
    "Ward 1,2024-01,12,400,13,372,20,5000.5\n"
    "Ward 2,2024-01,6,700,3,186,9,3000\n"
    "Ward 1,2024-02,12,430,9,348,4,5200\n"
    "Ward 2,2024-02,9,620,0,261,12,4100.5\n"
)


def write(tmp_path: Path, text: str, name: str = "wards.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def worked(tmp_path: Path) -> pd.DataFrame:
    return dash.load_unit_monthly(write(tmp_path, WORKED))


def row(table: pd.DataFrame, unit: str, period: str) -> pd.Series:
    found = table[(table["unit"] == unit) & (table["period"] == period)]
    assert len(found) == 1, (unit, period)
    return found.iloc[0]


# --- The basic sums ----------------------------------------------------------------------------


def test_rate_per_1000_bed_days():
    assert dash.rate_per_1000(9, 450) == pytest.approx(20.0)  # 9 / 450 x 1,000
    assert dash.rate_per_1000(13, 372) == pytest.approx(34.946, abs=1e-3)
    assert dash.rate_per_1000(5, 0) is None  # no bed days: no rate
    assert dash.rate_per_1000(None, 100) is None


def test_safe_rate_hides_small_counts_and_uses_the_rounded_count():
    assert dash.safe_rate(7, 450) == SUPPRESSED
    assert dash.safe_rate(1, 450) == SUPPRESSED
    assert dash.safe_rate(0, 450) == 0.0
    assert dash.safe_rate(13, 450) == 33.3  # 13 rounds to 15; 15 / 450 x 1,000 = 33.33
    assert dash.safe_rate(13, 450, "internal") == 28.9  # 13 / 450 x 1,000 = 28.89
    assert dash.safe_rate(8, 400) == 25.0  # 8 rounds to 10; 10 / 400 x 1,000 = 25.0


@given(
    count=st.integers(min_value=0, max_value=5_000),
    bed_days=st.integers(min_value=1, max_value=50_000),
)
def test_a_safe_rate_never_reveals_a_count_the_table_hides(count, bed_days):
    shown = dash.safe_rate(count, bed_days)
    if 1 <= count <= 7:
        assert shown == SUPPRESSED
    else:
        # Working back from the rate gives the rounded count, never the exact one.
        back = dash.rate_per_1000(safe_count(count), bed_days)
        assert shown == round(back, 1)


def test_weighted_average():
    assert dash.weighted_average([400, 600], [10, 30]) == 550  # (4,000 + 18,000) / 40
    assert dash.weighted_average([400, None], [10, 30]) == 400  # blanks are left out
    assert dash.weighted_average([], []) is None


# --- Reading the file --------------------------------------------------------------------------


def test_the_worked_file_loads_with_extra_measures(worked):
    assert dash.extra_columns(worked) == ["activity_sessions_count", "steps_per_day_average"]
    found = {m.column: m.kind for m in dash.measures(worked)}
    assert found == {
        "restraint_incidents": "count",
        "length_of_stay_days": "average",
        "activity_sessions_count": "count",  # declared by its name
        "steps_per_day_average": "average",  # declared by its name
    }


def test_the_synthetic_example_loads_and_is_labelled():
    frame = dash.load_unit_monthly()
    assert sorted(frame["unit"].unique()) == ["Unit A", "Unit B", "Unit C", "Unit D"]
    assert frame["month"].nunique() == 12
    assert "physical_activity_sessions" in dash.extra_columns(frame)
    tables = dash.dashboard_tables(frame)
    fig = dash.trend_chart(tables["restraint_incidents"], dash.RESTRAINT, SYNTHETIC_LABEL)
    assert "SYNTHETIC" in fig.layout.title.subtitle.text
    assert "SYNTHETIC" in text_alternative(fig)


def problems_for(path: Path) -> list[str]:
    before = path.read_bytes()
    with pytest.raises(DataValidationError) as caught:
        dash.load_unit_monthly(path)
    assert path.read_bytes() == before, "the user's file must never change"
    assert "Traceback" not in str(caught.value)
    return [str(p) for p in caught.value.problems]


def test_bad_cells_are_reported_with_row_column_value_and_what_was_expected(tmp_path):
    path = write(
        tmp_path,
        HEADER + "\nWard 1,2024-13,10,300,x,280\nWard 1,March 2024,10,300,2,-5\n",
        "bad.csv",
    )
    found = problems_for(path)
    assert found[0] == (
        "bad.csv, row 2, column 'month': expected a value written like '2024-03' (found '2024-13')"
    )
    assert any(
        "row 2, column 'restraint_incidents': expected a whole number (found 'x')" in p
        for p in found
    )
    assert any("row 3, column 'month'" in p and "'March 2024'" in p for p in found)
    assert any(
        "row 3, column 'occupied_bed_days': expected a value of at least 0 (found '-5')" in p
        for p in found
    )


def test_missing_columns_and_repeated_unit_months(tmp_path):
    missing = write(tmp_path, "unit,month,people,restraint\nWard 1,2024-01,3,1\n", "cols.csv")
    found = problems_for(missing)
    assert any("column 'occupied_bed_days' is missing" in p for p in found)
    assert any("column 'restraint_incidents' is missing; is 'restraint'" in p for p in found)
    twice = write(
        tmp_path,
        HEADER + "\nWard 1,2024-01,10,300,2,280\nWard 1,2024-01,10,300,2,280\n",
        "twice.csv",
    )
    assert any("appears on more than one row (rows 2, 3)" in p for p in problems_for(twice))


def test_extra_columns_must_hold_numbers(tmp_path):
    path = write(
        tmp_path, HEADER + ",sessions_count\nWard 1,2024-01,10,300,2,280,lots\n", "extra.csv"
    )
    assert problems_for(path) == [
        "extra.csv, row 2, column 'sessions_count': expected a number of at least 0 (every "
        "column after occupied_bed_days is an extra measure, so it may hold only numbers or "
        "blanks; a _count column holds whole numbers) (found 'lots')"
    ]


def test_an_extra_measure_declares_its_kind_by_name_never_by_its_values(tmp_path):
    # A whole-number average age must not be treated as a count per 1,000 bed days.
    path = write(tmp_path, HEADER + ",age\nWard 1,2024-01,10,300,2,280,41\n", "age.csv")
    assert any(
        "column 'age': an extra measure's name must say what kind of number it is: end it in _count"
        in p
        and "_average" in p
        for p in problems_for(path)
    )
    renamed = write(tmp_path, HEADER + ",age_average\nWard 1,2024-01,10,300,2,280,41\n")
    kinds = {m.column: m for m in dash.measures(dash.load_unit_monthly(renamed))}
    assert kinds["age_average"].kind == "average"
    assert "per 1,000" not in kinds["age_average"].chart_label


def test_bed_days_must_fit_the_people_and_the_month(tmp_path):
    # 5 people in January (31 days) can fill at most 5 x 31 = 155 bed days.
    path = write(tmp_path, HEADER + "\nWard 1,2024-01,5,300,2,160\n", "beds.csv")
    assert problems_for(path) == [
        "beds.csv, row 2, column 'occupied_bed_days': 5 people in a 31-day month can fill at "
        "most 155 occupied bed days; check the people and occupied_bed_days columns "
        "(found '160')"
    ]
    zero = write(tmp_path, HEADER + "\nWard 1,2024-01,5,300,2,0\n", "zero.csv")
    assert any("restraint incidents but 0 occupied bed days" in p for p in problems_for(zero))


# --- The dashboard tables ----------------------------------------------------------------------


def test_restraint_rates_by_unit_and_for_all_units_safe(worked):
    table = dash.dashboard_tables(worked)["restraint_incidents"]
    ward2 = row(table, "Ward 2", "Jan 2024")
    assert (ward2["shown"], ward2["rate"]) == (SUPPRESSED, SUPPRESSED)  # 3 is from 1 to 7
    # All units minus Ward 1 would give Ward 2's 3 back, so Ward 1 is hidden too.
    ward1 = row(table, "Ward 1", "Jan 2024")
    assert (ward1["shown"], ward1["rate"]) == (SUPPRESSED, SUPPRESSED)
    # 9 -> 10; 10 / 348 x 1,000 = 28.74
    assert row(table, "Ward 1", "Feb 2024")["rate"] == 28.7
    region = row(table, dash.REGION, "Jan 2024")
    # 13 + 3 = 16 -> 15; bed days 372 + 186 = 558; 15 / 558 x 1,000 = 26.88
    assert (region["value"], region["bed_days"]) == (16, 558)
    assert (region["shown"], region["rate"]) == (15, 26.9)
    feb = row(table, dash.REGION, "Feb 2024")
    # 9 + 0 = 9 -> 10; bed days 348 + 261 = 609; 10 / 609 x 1,000 = 16.42
    assert (feb["shown"], feb["rate"]) == (10, 16.4)
    assert row(table, "Ward 2", "Feb 2024")["rate"] == 0.0  # 0 stays 0


def test_restraint_rates_internal_mode_are_exact(worked):
    table = dash.dashboard_tables(worked, "internal")["restraint_incidents"]
    assert row(table, "Ward 1", "Jan 2024")["rate"] == 34.9  # 13 / 372 x 1,000 = 34.95
    assert row(table, "Ward 2", "Jan 2024")["rate"] == 16.1  # 3 / 186 x 1,000 = 16.13
    assert row(table, dash.REGION, "Jan 2024")["rate"] == 28.7  # 16 / 558 x 1,000 = 28.67


def test_length_of_stay_needs_8_people_and_all_units_is_weighted_by_people(worked):
    table = dash.dashboard_tables(worked)["length_of_stay_days"]
    assert row(table, "Ward 2", "Jan 2024")["shown"] == SUPPRESSED  # only 6 people
    # With All units shown, Ward 1's 400 would give Ward 2's average back: hidden too.
    assert row(table, "Ward 1", "Jan 2024")["shown"] == SUPPRESSED
    assert row(table, "Ward 1", "Feb 2024")["shown"] == 430
    # (400 x 12 + 700 x 6) / 18 = 9,000 / 18 = 500, from 18 people
    assert row(table, dash.REGION, "Jan 2024")["shown"] == 500
    # (430 x 12 + 620 x 9) / 21 = 10,740 / 21 = 511.4
    assert row(table, dash.REGION, "Feb 2024")["shown"] == 511


def test_a_blank_length_of_stay_is_left_out(tmp_path):
    text = WORKED.replace("Ward 1,2024-02,12,430,", "Ward 1,2024-02,12,,")
    table = dash.dashboard_tables(dash.load_unit_monthly(write(tmp_path, text)))
    stay = table["length_of_stay_days"]
    assert pd.isna(row(stay, "Ward 1", "Feb 2024")["value"])
    assert row(stay, dash.REGION, "Feb 2024")["shown"] == 620  # only Ward 2 (9 people)
    assert dash.wide_table(stay, dash.LENGTH_OF_STAY).loc["Feb 2024", "Ward 1"] == "no data"


def test_extra_measures_count_and_average(worked):
    tables = dash.dashboard_tables(worked)
    sessions = tables["activity_sessions_count"]
    assert row(sessions, "Ward 1", "Feb 2024")["shown"] == SUPPRESSED  # 4
    # 20 -> 20; 20 / 372 x 1,000 = 53.76
    assert row(sessions, "Ward 1", "Jan 2024")["rate"] == 53.8
    steps = tables["steps_per_day_average"]
    assert row(steps, "Ward 2", "Feb 2024")["shown"] == 4100.5  # 9 people: shown
    assert row(steps, "Ward 2", "Jan 2024")["shown"] == SUPPRESSED  # 6 people: hidden
    # (5,000.5 x 12 + 3,000 x 6) / 18 = 78,006 / 18 = 4,333.67
    assert row(steps, dash.REGION, "Jan 2024")["shown"] == 4333.7


def test_quarters_add_months_together(worked):
    tables = dash.dashboard_tables(worked, period="quarter")
    restraint = tables["restraint_incidents"]
    quarter = "Jan to Mar 2024"
    assert row(restraint, "Ward 2", quarter)["shown"] == SUPPRESSED  # 3 + 0 = 3
    assert row(restraint, "Ward 1", quarter)["shown"] == SUPPRESSED  # All units minus it
    internal = dash.dashboard_tables(worked, "internal", period="quarter")
    # Ward 1: 13 + 9 = 22; bed days 372 + 348 = 720; 22 / 720 x 1,000 = 30.56
    assert row(internal["restraint_incidents"], "Ward 1", quarter)["rate"] == 30.6
    # All units: 25 -> 25; bed days 1,167; 25 / 1,167 x 1,000 = 21.42
    assert row(restraint, dash.REGION, quarter)["rate"] == 21.4
    stay = tables["length_of_stay_days"]
    assert row(stay, "Ward 1", quarter)["shown"] == 415  # (400 x 12 + 430 x 12) / 24
    # Ward 2: (700 x 6 + 620 x 9) / 15 = 652; its busiest month had 9 people, so it is shown
    assert row(stay, "Ward 2", quarter)["shown"] == 652


def test_wide_table_is_the_data_behind_the_chart(worked):
    table = dash.dashboard_tables(worked)["restraint_incidents"]
    rates = dash.wide_table(table, dash.RESTRAINT, "rate")
    assert list(rates.columns) == ["Ward 1", "Ward 2", dash.REGION]
    assert list(rates.index) == ["Jan 2024", "Feb 2024"]
    assert rates.loc["Jan 2024"].tolist() == [SUPPRESSED, SUPPRESSED, "26.9"]
    counts = dash.wide_table(table, dash.RESTRAINT, "shown")
    assert counts.loc["Feb 2024"].tolist() == ["10", "0", "10"]


# --- Words and charts --------------------------------------------------------------------------


def test_what_this_shows_is_made_from_the_numbers(worked):
    table = dash.dashboard_tables(worked)["restraint_incidents"]
    assert dash.what_this_shows(table, dash.RESTRAINT) == (
        "In Feb 2024, across all units there were 16.4 restraint incidents for every 1,000 "
        "occupied bed days, down from 26.9 in Jan 2024. That month Ward 1 had the highest "
        "figure (28.7) and Ward 2 the lowest (0.0)."
    )
    stay = dash.dashboard_tables(worked)["length_of_stay_days"]
    assert dash.what_this_shows(stay, dash.LENGTH_OF_STAY).startswith(
        "In Feb 2024, the average length of stay so far across all units was 511 days, up "
        "from 500 in Jan 2024."
    )


def test_hidden_figures_are_explained_in_words(worked):
    table = dash.dashboard_tables(worked)["restraint_incidents"]
    jan_only = table[table["period"] == "Jan 2024"]
    sentence = dash.what_this_shows(jan_only, dash.RESTRAINT)
    assert sentence.endswith(
        "The figures for Ward 1 and Ward 2 that month are hidden because the count was from 1 "
        "to 7, or showing it would give away a hidden figure or a false comparison."
    )


def test_chart_has_titles_axes_gaps_and_a_text_alternative(worked):
    table = dash.dashboard_tables(worked)["restraint_incidents"]
    fig = dash.trend_chart(table, dash.RESTRAINT, "data from wards.csv")
    assert fig.layout.title.text == "Restraint incidents per 1,000 bed days"
    assert fig.layout.xaxis.title.text == "Month"
    assert fig.layout.yaxis.title.text == "Per 1,000 occupied bed days"
    lines = {trace.name: list(trace.y) for trace in fig.data}
    assert lines == {"Ward 1": [None, 28.7], "Ward 2": [None, 0.0], dash.REGION: [26.9, 16.4]}
    alt = text_alternative(fig)
    assert alt.startswith(
        "Line chart of restraint incidents per 1,000 occupied bed days, from Jan 2024 to "
        "Feb 2024, for 2 units and all units together (data from wards.csv)."
    )
    assert "Ward 1: 28.7 in Feb 2024; 1 period hidden because the count was from 1 to 7" in alt
    assert "Ward 2: 0.0 in Feb 2024; 1 period hidden because the count was from 1 to 7" in alt
    assert "All units: 26.9 in Jan 2024 and 16.4 in Feb 2024." in alt


def test_one_unit_beside_all_units(worked):
    tables = dash.dashboard_tables(worked)
    measures = dash.measures(worked)
    sentences = dash.unit_summary(tables, measures, "Ward 2")
    assert sentences[0] == (
        "Restraint incidents, Feb 2024: Ward 2 0, which is 0.0 for every 1,000 occupied bed "
        "days. All units together: 10, which is 16.4 for every 1,000 occupied bed days. "
        "Ward 2 was lower than all units together."
    )
    assert sentences[1].startswith("Average length of stay so far (days), Feb 2024: Ward 2 620")
    fig = dash.trend_chart(
        tables["restraint_incidents"], dash.RESTRAINT, "x", units=["Ward 2", dash.REGION]
    )
    assert fig.layout.title.text == "Ward 2 beside all units"
    assert [t.name for t in fig.data] == ["Ward 2", dash.REGION]
    side = dash.unit_table(tables, measures, "Ward 2")
    assert side.loc["Feb 2024", ("Restraint incidents per 1,000 bed days", "Ward 2")] == "0.0"
    assert "Ward 2 was lower than all units together" in dash.unit_html(tables, measures, "Ward 2")


def test_no_shown_count_is_ever_from_1_to_7_on_the_synthetic_example():
    tables = dash.dashboard_tables(dash.load_unit_monthly())
    for measure in dash.measures(dash.load_unit_monthly()):
        table = tables[measure.column]
        if measure.is_count:
            shown = [v for v in table["shown"] if v != SUPPRESSED and v is not None]
            assert all(v == 0 or (v >= 8 and v % 5 == 0) for v in shown), measure.column


def test_template_is_the_heading_row_of_the_schema():
    template = template_path(dash.RESOURCE).read_text(encoding="utf-8")
    assert template.splitlines() == [",".join(column_names(dash.RESOURCE))]
    example = example_path(dash.RESOURCE).read_text(encoding="utf-8")
    assert example.splitlines()[0] == template.strip()
    assert set(dash.CORE_COLUMNS) <= set(column_names(dash.RESOURCE))
