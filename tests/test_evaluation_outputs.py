"""The evaluation's tables, charts and report: right numbers, safe to share, mode always stated."""

from __future__ import annotations

import re

import pandas as pd
import plotly.io as pio
import pytest
from evaluation_files import csv_text, person, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce.disclosure import (
    MINIMUM_PEOPLE,
    PERCENT_STEP,
    SUPPRESSED,
    Mode,
    mode_note,
    safe_count,
    safe_percent,
)
from coproduce.evaluation import evaluate
from coproduce.evaluation.charts import all_charts
from coproduce.evaluation.feasibility import OTHER_REASONS
from coproduce.evaluation.report import build_report_html
from coproduce.evaluation.schema import SWEMWBS_LICENCE
from coproduce.present.charts import TEMPLATE, text_alternative

COUNT_COLUMNS = {
    "funnel": ["People", "Left before this stage", "Assessed at this time point"],
    "withdrawal_reasons": ["People"],
    "completeness": ["People assessed", "Measure collected", "Not collected"],
    "not_collected_reasons": ["People"],
    "change": ["People measured at both"],
    "categories": ["People"],
}
PERCENT_COLUMNS = {
    "funnel": ("People", "% of those recruited"),
    "completeness": ("Measure collected", "% collected"),
    "categories": ("People", "% of those measured"),
}
STATISTIC_COLUMNS = [
    "Mean at baseline",
    "Mean at this time point",
    "Mean change",
    "95% CI lower",
    "95% CI upper",
]
SPREAD_COLUMNS = ["SD of change", "Cohen's d_z"]


@pytest.fixture(scope="module")
def internal():
    return evaluate(None, "internal")


@pytest.fixture(scope="module")
def safe():
    return evaluate(None, "safe")


def stage(funnel: pd.DataFrame, site: str, name: str) -> pd.Series:
    return funnel[(funnel["Site"] == site) & (funnel["Stage"] == name)].iloc[0]


def test_synthetic_example_has_the_impact_phase_4_shape(internal):
    funnel = internal.funnel
    recruited = stage(funnel, "All sites", "Recruited")
    completed = stage(funnel, "All sites", "Completed the intervention")
    followed = stage(funnel, "All sites", "Still taking part at follow-up")
    assert (recruited["People"], completed["People"], followed["People"]) == (33, 26, 23)
    assert (completed["Left before this stage"], followed["Left before this stage"]) == (7, 3)
    assert completed["% of those recruited"] == 78.8  # 26 / 33
    assert followed["% of those recruited"] == 69.7  # 23 / 33
    sites = funnel[funnel["Site"] != "All sites"]
    assert sorted(sites["Site"].unique()) == ["Synthetic site A", "Synthetic site B"]
    by_stage = sites.groupby("Stage", sort=False)["People"].sum()
    assert by_stage.tolist() == [33, 26, 23]
    assert internal.headline["Completed the intervention"] == 26
    reasons = internal.withdrawal_reasons
    assert reasons["People"].sum() == 10
    during = reasons[reasons["When they left"] == "During the intervention"]["People"].sum()
    assert during == 7


def test_safe_mode_rounds_and_suppresses_the_same_figures(internal, safe):
    funnel = safe.funnel
    exact = stage(internal.funnel, "All sites", "Completed the intervention")
    completed = stage(funnel, "All sites", "Completed the intervention")
    recruited = stage(internal.funnel, "All sites", "Recruited")["People"]
    assert stage(funnel, "All sites", "Recruited")["People"] == safe_count(recruited)
    assert completed["People"] == safe_count(exact["People"])
    assert completed["Left before this stage"] == safe_count(exact["Left before this stage"])
    # The few who left are hidden, so the completion rate is hidden too: beside the rounded
    # counts it would say how many left (and "100%" would say nobody did).
    if completed["Left before this stage"] == SUPPRESSED:
        assert completed["% of those recruited"] == SUPPRESSED
    # Reasons are named only when at least 8 people gave them.
    given = internal.withdrawal_reasons.groupby("Reason")["People"].sum()
    for reason in safe.withdrawal_reasons["Reason"]:
        assert reason == OTHER_REASONS or given.get(reason, 0) >= MINIMUM_PEOPLE
    rare = [reason for reason, people in given.items() if people < MINIMUM_PEOPLE]
    assert rare and not set(rare) & set(safe.withdrawal_reasons["Reason"])


def test_completeness_counts_reasons_for_measures_not_collected(internal):
    table = internal.completeness.set_index(["Measure", "Time point"])
    bp = table.loc[("Blood pressure", "Baseline")]
    assert bp["People assessed"] == 33
    assert bp["Measure collected"] + bp["Not collected"] == 33
    reasons = internal.not_collected_reasons
    at_baseline = reasons[
        (reasons["Measure"] == "Blood pressure") & (reasons["Time point"] == "Baseline")
    ]
    assert at_baseline["People"].sum() == bp["Not collected"]
    allowed = {"Declined", "Unwell on the day", "Equipment not available"}
    assert set(at_baseline["Reason"]) <= allowed


def test_change_is_paired_and_states_the_effect_size(internal, safe):
    change = internal.change
    assert "Cohen's d_z" in change.columns
    # With the interval, the SD would pin the exact number of people: not in safe outputs.
    assert not set(SPREAD_COLUMNS) & set(safe.change.columns)
    row = change[
        (change["Measure"] == "Physical activity (IPAQ)")
        & (change["Compared with baseline"] == "Post-intervention")
    ].iloc[0]
    assert row["95% CI lower"] < row["Mean change"] < row["95% CI upper"]
    assert row["Mean at this time point"] - row["Mean at baseline"] == pytest.approx(
        row["Mean change"], abs=1
    )
    measured = internal.completeness.set_index(["Measure", "Time point"])
    # Paired people cannot outnumber those measured at the later point.
    assert (
        row["People measured at both"]
        <= measured.loc[("Physical activity (IPAQ)", "Post-intervention"), "Measure collected"]
    )


@pytest.mark.parametrize(
    ("numerator", "denominator", "safe", "internal"),
    [
        (26, 33, SUPPRESSED, 78.8),  # 7 left: what is left over is 1 to 7
        (23, 43, 55, 53.5),  # true, rounded to the nearest 5
        (5, 33, SUPPRESSED, 15.2),  # a suppressed numerator
        (3, 5, SUPPRESSED, 60.0),  # a suppressed denominator
        (0, 33, 0, 0.0),
        (33, 33, 100, 100.0),
    ],
)
def test_percentages_are_true_or_hidden(numerator, denominator, safe, internal):
    assert safe_percent(numerator, denominator, Mode.SAFE) == safe
    assert safe_percent(numerator, denominator, Mode.INTERNAL) == internal


def test_a_part_bigger_than_its_whole_is_refused():
    with pytest.raises(ValueError):
        safe_percent(9, 8)


# Random programmes: each person has a site, maybe a time point at which they withdraw, maybe a
# missed assessment, and maybe blood pressure not collected (with a reason).
people_strategy = st.lists(
    st.tuples(
        st.sampled_from(["Site A", "Site B", "Site C"]),
        st.sampled_from([None, None, 0, 1, 2]),
        st.booleans(),
        st.booleans(),
        st.integers(min_value=100, max_value=190),
    ),
    min_size=1,
    max_size=45,
)


def programme_file(folder, people) -> object:
    rows = []
    for number, (site, withdraw_at, misses, no_bp, systolic) in enumerate(people):
        missed = (1,) if misses and withdraw_at not in (0, 1) else ()
        values = {"systolic_bp": str(systolic), "diastolic_bp": str(systolic - 40)}
        if no_bp:
            values = {"systolic_bp": "", "diastolic_bp": "", "bp_not_collected_reason": "Declined"}
        rows += person(f"P{number}", site, withdraw_at, missed, values=values)
    return write(folder, "programme.csv", csv_text(rows))


def numbers_in(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=people_strategy)
def test_properties_of_every_shareable_table(tmp_path_factory, people):
    path = programme_file(tmp_path_factory.mktemp("programme"), people)
    exact = evaluate(path, "internal")
    shared = evaluate(path, "safe")

    # Retention never goes above 100%, and nobody comes back once they have left.
    for evaluation in (exact, shared):
        percents = evaluation.funnel["% of those recruited"]
        assert all(p == SUPPRESSED or 0 <= p <= 100 for p in percents)
    for _, rows in exact.funnel.groupby("Site"):
        assert rows["People"].is_monotonic_decreasing
    assert stage(exact.funnel, "All sites", "Recruited")["People"] == len(people)

    # Safe outputs never show a count from 1 to 7; every count shown is rounded to 5.
    for name, columns in COUNT_COLUMNS.items():
        table = getattr(shared, name)
        for column in columns:
            for value in table[column]:
                assert value == SUPPRESSED or (value % 5 == 0 and value not in range(1, 8)), (
                    name,
                    column,
                    value,
                )

    # A percentage is [c] with its count, and otherwise true of the exact figures.
    for name, (count_column, percent_column) in PERCENT_COLUMNS.items():
        table, truth = getattr(shared, name), getattr(exact, name)
        for count, percent, exact_percent in zip(
            table[count_column], table[percent_column], truth[percent_column], strict=True
        ):
            if count == SUPPRESSED:
                assert percent == SUPPRESSED
            elif percent != SUPPRESSED and not pd.isna(percent):
                assert abs(percent - exact_percent) <= PERCENT_STEP, (name, percent, exact_percent)

    # Statistics from fewer than 8 people are [c], in every column.
    change_exact, change_shared = exact.change, shared.change
    for (_, row_exact), (_, row_shared) in zip(
        change_exact.iterrows(), change_shared.iterrows(), strict=True
    ):
        people = row_exact["People measured at both"]
        if 0 < people < 8:
            assert all(row_shared[c] == SUPPRESSED for c in STATISTIC_COLUMNS)
        elif people == 0:  # nothing to work out, and nothing to give away
            assert all(pd.isna(row_shared[c]) for c in STATISTIC_COLUMNS)
        assert not set(SPREAD_COLUMNS) & set(change_shared.columns)

    # No shareable table holds anyone's code.
    for name in COUNT_COLUMNS:
        text = getattr(shared, name).to_string()
        assert not re.search(r"\bP\d+\b", text), name


@given(st.integers(min_value=0, max_value=1_000_000))
def test_shown_counts_are_0_c_or_a_multiple_of_5(count):
    shown = safe_count(count)
    if 1 <= count <= 7:
        assert shown == SUPPRESSED
    else:
        assert shown % 5 == 0 and abs(shown - count) <= 2


@given(
    st.integers(min_value=0, max_value=5000).flatmap(
        lambda whole: st.tuples(st.integers(min_value=0, max_value=whole), st.just(whole))
    )
)
def test_safe_percentages_are_true_or_hidden(pair):
    part, whole = pair
    shown = safe_percent(part, whole, Mode.SAFE)
    if whole == 0:
        assert shown != shown  # NaN: nothing to divide by
    elif any(0 < n < MINIMUM_PEOPLE for n in (part, whole, whole - part)):
        assert shown == SUPPRESSED
    elif shown != SUPPRESSED:
        assert shown % PERCENT_STEP == 0
        assert abs(shown - 100 * part / whole) <= PERCENT_STEP
        assert (shown in (0, 100)) == (part in (0, whole))


def test_every_chart_has_a_title_axes_and_a_full_text_alternative(internal, safe):
    charts = all_charts(internal)
    assert set(charts) >= {"funnel", "withdrawal", "completeness", "change"}
    assert sum(name.startswith("categories: ") for name in charts) == 3
    for name, figure in charts.items():
        assert figure.layout.title.text, name
        assert figure.layout.template == pio.templates[TEMPLATE], f"{name}: not the guide's look"
        assert "INTERNAL USE ONLY" in figure.layout.title.text, name
        assert "internal mode" in text_alternative(figure), name
    funnel_alt = text_alternative(charts["funnel"])
    assert "All sites: Recruited 33 (100% of those recruited)" in funnel_alt
    assert "Completed the intervention 26 (78.8% of those recruited)" in funnel_alt
    assert charts["funnel"].layout.yaxis.title.text == "Number of people"
    safe_alt = text_alternative(all_charts(safe)["withdrawal"])
    assert "[c] marks a number from 1 to 7" in safe_alt
    assert f"{OTHER_REASONS} [c]" in safe_alt
    assert "Chose to stop" not in safe_alt  # a reason fewer than 8 people gave


def test_report_states_the_mode_first_and_holds_no_person_level_data(internal, safe):
    for evaluation in (safe, internal):
        html = build_report_html(evaluation)
        body = html[html.index("<body>") :]
        note = mode_note(evaluation.mode)
        assert body.index(note) < body.index("<h1>")
        assert "SYNTHETIC example data" in body
        assert SWEMWBS_LICENCE in body
        assert not re.search(r"SYN-\d\d", body)
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html)
        assert "Plotly.newPlot" in body
    internal_body = build_report_html(internal).split("<main>")[1]
    assert internal_body.index("INTERNAL USE ONLY") < internal_body.index("<h1>")
