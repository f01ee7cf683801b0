"""Attacks on the dashboard's safe outputs: "All units" minus the units, and false comparisons.

Each attack works on the internal output (so it is real) and fails on the safe one.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce import dashboard as dash
from coproduce.disclosure import MINIMUM_PEOPLE, SUPPRESSED, Release

HEADER = "unit,month,people,length_of_stay_days,restraint_incidents,occupied_bed_days\n"


def load(tmp_path: Path, rows: list[str]) -> pd.DataFrame:
    path = tmp_path / "units.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return dash.load_unit_monthly(path)


def cell(table: pd.DataFrame, unit: str, column: str = "shown") -> object:
    return table[table["unit"] == unit].iloc[0][column]


def test_a_hidden_unit_average_cannot_be_got_from_all_units(tmp_path):
    # North: 20 people, average 100 days. South: 5 people, average 300. All: 140.
    frame = load(tmp_path, ["North,2024-01,20,100,10,600", "South,2024-01,5,300,0,150"])
    internal = dash.dashboard_tables(frame, "internal")["length_of_stay_days"]
    north, everyone = cell(internal, "North"), cell(internal, dash.REGION)
    assert (everyone * 25 - north * 20) / 5 == 300  # the attack, on internal figures
    safe = dash.dashboard_tables(frame)["length_of_stay_days"]
    assert cell(safe, "South") == SUPPRESSED
    # The attack needs North's figure beside All units: one of them is hidden.
    assert SUPPRESSED in (cell(safe, "North"), cell(safe, dash.REGION))


def test_a_hidden_unit_count_cannot_be_got_from_all_units(tmp_path):
    frame = load(tmp_path, ["North,2024-01,20,100,23,600", "South,2024-01,9,300,3,250"])
    release = Release()
    safe = dash.dashboard_tables(frame, release=release)["restraint_incidents"]
    assert cell(safe, "South") == SUPPRESSED
    assert SUPPRESSED in (cell(safe, "North"), cell(safe, dash.REGION))
    assert {h.rule for h in release.hidden} >= {"small", "complement"}


def test_a_unit_is_never_shown_on_the_wrong_side_of_all_units(tmp_path):
    # Unit A: 12 incidents in 300 bed days = 40.0 per 1,000; rounded to 10 it would be 33.3.
    # Unit B: 38 in 1,000 = 38.0. All units: 50 in 1,300 = 38.5. A is really above All units.
    frame = load(tmp_path, ["Unit A,2024-01,12,50,12,300", "Unit B,2024-01,40,50,38,1000"])
    internal = dash.dashboard_tables(frame, "internal")["restraint_incidents"]
    assert cell(internal, "Unit A", "rate") > cell(internal, dash.REGION, "rate")
    safe = dash.dashboard_tables(frame)["restraint_incidents"]
    a, region = cell(safe, "Unit A", "rate"), cell(safe, dash.REGION, "rate")
    assert a == SUPPRESSED or a >= region
    summary = " ".join(dash.unit_summary({"restraint_incidents": safe}, [dash.RESTRAINT], "Unit A"))
    assert "Unit A was lower than all units together" not in summary


units = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 25), st.floats(10, 900).map(round)),
    min_size=2,
    max_size=4,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(units=units)
def test_no_unit_figure_about_1_to_7_people_or_events_can_be_recovered(tmp_path, units):
    rows = [
        f"Unit {chr(65 + i)},2024-01,{max(people, 1)},{stay},{count},{max(people, 1) * 28}"
        for i, (people, count, stay) in enumerate(units)
    ]
    frame = load(tmp_path, rows)
    safe = dash.dashboard_tables(frame)
    exact = dash.dashboard_tables(frame, "internal")
    for measure in dash.measures(frame):
        table, truth = safe[measure.column], exact[measure.column]
        parts = table[table["unit"] != dash.REGION]
        sizes = truth[truth["unit"] != dash.REGION]["value" if measure.is_count else "people"]
        hidden = [s for s, shown in zip(sizes, parts["shown"], strict=True) if shown == SUPPRESSED]
        # Every figure about 1 to 7 is hidden ...
        assert all(
            shown == SUPPRESSED
            for s, shown in zip(sizes, parts["shown"], strict=True)
            if 0 < s < MINIMUM_PEOPLE
        )
        # ... and All units minus the shown units gives back at least two units, 8 or more.
        small = any(0 < s < MINIMUM_PEOPLE for s in hidden)
        if small and cell(table, dash.REGION) != SUPPRESSED:
            assert len(hidden) >= 2 and sum(hidden) >= MINIMUM_PEOPLE
