"""Engagement tracker: percentage increase, pathway shares and the engagement score, by hand.

Every expected number below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from coproduce import DataValidationError
from coproduce import engagement as eng
from coproduce.disclosure import SUPPRESSED
from coproduce.present.charts import text_alternative

HEADER = "date,unit,pathway,event_type,attendance,submissions\n"
# January: 20 + 10 + 20 = 50 times. February: 60 + 40 + 31 + 0 = 131 times.
LOG = HEADER + (
    "2024-01-10,Ward 1,Women's,reference group meeting,20,\n"
    "2024-01-15,Ward 2,Learning disability and autism,training,20,\n"
    "2024-01-20,Ward 1,Women's,roadshow,10,\n"
    "2024-02-10,Ward 1,Women's,reference group meeting,60,\n"
    "2024-02-12,Ward 2,Learning disability and autism,co-design workshop,40,\n"
    "2024-02-20,Ward 2,Learning disability and autism,talent showcase,31,7\n"
    "2024-02-20,Ward 1,Women's,talent showcase,0,1\n"
)


def write(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def events(tmp_path: Path) -> pd.DataFrame:
    return eng.load_events(write(tmp_path, LOG))


# --- The two reported figures, worked by hand ----------------------------------------------------


def test_percentage_increase_is_after_minus_before_over_before_times_100():
    assert eng.percentage_increase(50, 131) == pytest.approx(162.0)  # (131 - 50) / 50 x 100
    assert eng.percent_text(eng.percentage_increase(50, 131)) == "162%"
    assert eng.percentage_increase(40, 30) == pytest.approx(-25.0)  # a fall is negative
    assert eng.percentage_increase(8, 8) == 0
    with pytest.raises(ValueError, match="cannot be worked out from 0"):
        eng.percentage_increase(0, 5)


def test_share_is_part_over_total_times_100():
    assert eng.share_percent(7, 8) == 87.5
    assert eng.percent_text(eng.share_percent(7, 8)) == "87.5%"
    assert eng.percent_text(eng.share_percent(1, 3)) == "33.3%"
    with pytest.raises(ValueError):
        eng.share_percent(1, 0)
    with pytest.raises(ValueError):
        eng.share_percent(9, 8)


# --- Reading the log ---------------------------------------------------------------------------


def test_the_log_loads_typed_and_sorted(events):
    assert str(events["date"].dtype).startswith("datetime64")
    assert events["date"].is_monotonic_increasing
    assert eng.total(events) == 181  # 50 + 131
    assert eng.total(events, "submissions") == 8
    assert eng.total(events, "events") == 7


def test_the_synthetic_example_loads():
    events = eng.load_events()
    assert set(events["unit"]) == {"Unit A", "Unit B", "Unit C", "Unit D", "Unit E"}
    assert "talent showcase" in set(events["event_type"])


def test_bad_rows_are_reported_clearly(tmp_path):
    path = write(
        tmp_path,
        HEADER + "14/03/2024,Ward 1,Women's,workshop,six,\n2024-03-15,,Women's,roadshow,3,-1\n",
        "bad.csv",
    )
    before = path.read_bytes()
    with pytest.raises(DataValidationError) as caught:
        eng.load_events(path)
    assert path.read_bytes() == before
    found = [str(p) for p in caught.value.problems]
    assert (
        "bad.csv, row 2, column 'date': expected a date written as YYYY-MM-DD (found '14/03/2024')"
    ) in found
    assert any(
        "row 2, column 'event_type': expected one of: reference group meeting, roadshow, "
        "co-design workshop, training, governance or board meeting, talent showcase, other "
        "(found 'workshop')" in p
        for p in found
    )
    assert any(
        "row 2, column 'attendance': expected a whole number (found 'six')" in p for p in found
    )
    assert "bad.csv, row 3, column 'unit': a value is required here" in found
    assert any("row 3, column 'submissions': expected a value of at least 0" in p for p in found)


# --- Participation over time -------------------------------------------------------------------


def test_participation_by_month(events):
    table = eng.participation_by_month(events, "internal")
    assert table["attendance"].to_dict() == {"Jan 2024": 50, "Feb 2024": 131}
    assert table["events"].to_dict() == {"Jan 2024": 3, "Feb 2024": 4}
    safe = eng.participation_by_month(events)
    assert safe["attendance_shown"].tolist() == [50, 130]  # 131 rounds to 130


def test_a_month_with_no_events_shows_zero(tmp_path):
    log = HEADER + "2024-01-10,Ward 1,Women's,roadshow,9,\n2024-03-10,Ward 1,Women's,roadshow,3,\n"
    table = eng.participation_by_month(eng.load_events(write(tmp_path, log)))
    # March (3) is from 1 to 7; January (9) is hidden too, or the total (12, shown as 10 in
    # the pathway table) minus January would give March away.
    assert table["attendance_shown"].to_dict() == {
        "Jan 2024": SUPPRESSED,
        "Feb 2024": 0,
        "Mar 2024": SUPPRESSED,
    }
    fig = eng.participation_chart(table, "data from log.csv")
    assert list(fig.data[0].y) == [None, 0, None]
    alt = text_alternative(fig)
    assert "Jan 2024: [c]; Feb 2024: 0; Mar 2024: [c]." in alt
    assert "2 month(s) show [c] because the number was from 1 to 7" in alt
    assert fig.layout.xaxis.title.text == "Month"
    assert fig.layout.yaxis.title.text == "Times service users took part"


def test_participation_by_unit_and_quarter(events):
    table = eng.participation_by_unit(events, "internal")
    assert table.loc["Jan to Mar 2024"].to_dict() == {"Ward 1": 90, "Ward 2": 91}
    assert eng.participation_by_unit(events).loc["Jan to Mar 2024"].to_dict() == {
        "Ward 1": 90,
        "Ward 2": 90,
    }


# --- Comparing two periods ---------------------------------------------------------------------


def test_default_periods_are_equal_halves():
    dates = pd.to_datetime(["2024-01-05", "2024-03-10", "2024-05-20"])
    before, after = eng.default_periods(pd.DataFrame({"date": dates}))
    # Five months: January and February against April and May; March is left out.
    assert (before.label, after.label) == ("Jan to Feb 2024", "Apr to May 2024")


def test_compare_periods_the_way_the_162_percent_is_stated(events):
    before, after = eng.default_periods(events)
    assert (before.label, after.label) == ("Jan 2024", "Feb 2024")
    internal = eng.compare_periods(events, before, after, "attendance", "internal")
    assert (internal.before_count, internal.after_count, internal.change) == (50, 131, 162.0)
    assert internal.sentence() == (
        "From Jan 2024, service users took part 50 times. From Feb 2024, service users took "
        "part 131 times. That is an increase of 162%: (131 - 50) / 50 x 100 = 162%."
    )
    safe = eng.compare_periods(events, before, after, "attendance", "safe")
    # Safe mode works from the rounded counts shown: (130 - 50) / 50 x 100 = 160%.
    assert (safe.before_count, safe.after_count, safe.change) == (50, 130, 160.0)


def test_a_small_or_zero_before_count(events):
    before, after = eng.default_periods(events)
    zero = eng.compare_periods(events, before, after, "submissions", "safe")
    assert (zero.before_count, zero.after_count, zero.change) == (0, 10, None)  # 8 -> 10
    assert zero.sentence().endswith("A percentage change cannot be worked out from 0.")
    events_only = eng.compare_periods(events, before, after, "events", "safe")
    # Events are not people: 3 and 4 are shown as they are. (4 - 3) / 3 x 100 = 33.3%.
    assert (events_only.before_count, events_only.after_count) == (3, 4)
    assert events_only.change == 33.3


def test_a_change_built_on_a_small_count_is_hidden(tmp_path):
    log = HEADER + "2024-01-10,Ward 1,P,roadshow,3,\n2024-02-10,Ward 1,P,roadshow,20,\n"
    events = eng.load_events(write(tmp_path, log))
    safe = eng.compare_periods(events, *eng.default_periods(events))
    assert (safe.before_count, safe.after_count, safe.change) == (SUPPRESSED, 20, SUPPRESSED)
    assert "hidden because it rests on a count from 1 to 7" in safe.sentence()
    internal = eng.compare_periods(events, *eng.default_periods(events), mode="internal")
    assert internal.change == pytest.approx(566.7)  # (20 - 3) / 3 x 100 = 566.67


def test_split_date_and_its_plain_error(events):
    before, after = eng.choose_periods(events, "2024-02-01")
    assert before.label == "10 Jan 2024 to 31 Jan 2024"
    assert after.label == "1 Feb 2024 to 20 Feb 2024"
    with pytest.raises(DataValidationError) as caught:
        eng.choose_periods(events, "2025-01-01")
    assert "column 'split_date': split_date 2025-01-01 must fall after the first event" in str(
        caught.value
    )


# --- Pathway shares ----------------------------------------------------------------------------


def test_pathway_share_of_submissions_internal_is_the_87_5_percent_sum(events):
    table = eng.pathway_share(events, "submissions", "talent showcase", "internal")
    assert table["Submissions"].to_dict() == {
        "Learning disability and autism": 7,
        "Women's": 1,
        "Total": 8,
    }
    assert table["Share of the total"].tolist() == ["87.5%", "12.5%", "100%"]
    assert eng.share_sentence(table, "submissions", "talent showcase") == (
        "The Learning disability and autism pathway had 87.5% of submissions at talent "
        "showcase events (7 of 8)."
    )


def test_pathway_share_in_safe_mode_hides_small_counts(events):
    table = eng.pathway_share(events, "submissions", "talent showcase", "safe")
    assert table["Submissions"].tolist() == [SUPPRESSED, SUPPRESSED, 10]
    assert table["Share of the total"].tolist()[:2] == [SUPPRESSED, SUPPRESSED]
    assert "hidden" in eng.share_sentence(table, "submissions")


def test_pathway_share_in_safe_mode_uses_rounded_counts(tmp_path):
    log = HEADER + (
        "2024-01-10,Ward 1,Pathway X,talent showcase,0,14\n"
        "2024-01-10,Ward 2,Pathway Y,talent showcase,0,9\n"
        "2024-01-10,Ward 3,Pathway Z,talent showcase,0,2\n"
    )
    table = eng.pathway_share(eng.load_events(write(tmp_path, log)), "submissions")
    # 14 -> 15, 2 -> [c], and 9 is hidden too (the total 25 minus 15 and 10 would leave the
    # 2); 14 / 25 = 56%, the true share rounded to the nearest 5: 55%.
    assert table["Submissions"].tolist() == [15, SUPPRESSED, SUPPRESSED, 25]
    assert table["Share of the total"].tolist() == ["55%", SUPPRESSED, SUPPRESSED, "100%"]


def test_pathway_share_of_attendance(events):
    table = eng.pathway_share(events, "attendance", mode="internal")
    # Learning disability and autism: 20 + 40 + 31 = 91 of 181 = 50.3%; Women's: 90 = 49.7%
    assert table["Times service users took part"].tolist() == [91, 90, 181]
    assert table["Share of the total"].tolist() == ["50.3%", "49.7%", "100%"]


# --- The engagement score ----------------------------------------------------------------------

WORKED_PARTS = pd.DataFrame(
    {
        "decision_making": [10.0, 5.0],
        "attendance": [20.0, 40.0],
        "months_active": [4.0, 2.0],
        "variety": [2.0, 4.0],
        "events": [5.0, 10.0],
    },
    index=pd.Index(["Ward X", "Ward Y"], name="unit"),
)


def test_engagement_score_worked_example_with_the_starting_weights():
    scores = eng.engagement_scores(WORKED_PARTS, eng.DEFAULT_WEIGHTS).set_index("unit")
    # Scaled so the best unit is 100. X: 100, 50, 100, 50, 50. Y: 50, 100, 50, 100, 100.
    assert scores.loc["Ward X", "attendance"] == 50
    assert scores.loc["Ward Y", "decision_making"] == 50
    # Weights 3, 2, 2, 1, 1 (sum 9).
    # X: (3 x 100 + 2 x 50 + 2 x 100 + 1 x 50 + 1 x 50) / 9 = 700 / 9 = 77.78
    # Y: (3 x 50 + 2 x 100 + 2 x 50 + 1 x 100 + 1 x 100) / 9 = 650 / 9 = 72.22
    assert scores.loc["Ward X", "score"] == pytest.approx(700 / 9)
    assert scores.loc["Ward Y", "score"] == pytest.approx(650 / 9)
    assert scores["rank"].to_dict() == {"Ward X": 1, "Ward Y": 2}


def test_engagement_score_follows_the_weights_it_is_given():
    only_attendance = {k: 0 for k in eng.DEFAULT_WEIGHTS} | {"attendance": 1}
    scores = eng.engagement_scores(WORKED_PARTS, only_attendance).set_index("unit")
    assert scores["score"].to_dict() == {"Ward Y": 100.0, "Ward X": 50.0}
    assert scores.index[0] == "Ward Y"
    # Decisions 1 and variety 1: X (100 + 50) / 2 = 75, Y (50 + 100) / 2 = 75: a tie.
    tie = {k: 0 for k in eng.DEFAULT_WEIGHTS} | {"decision_making": 1, "variety": 1}
    tied = eng.engagement_scores(WORKED_PARTS, tie)
    assert tied["rank"].tolist() == [1, 1]
    assert eng.ranking_sentence(tied) == (
        "With these weights, Ward X and Ward Y share first place (score 75 out of 100)."
    )


def test_bad_weights_are_refused_in_plain_words():
    with pytest.raises(ValueError, match="At least one weight must be above 0"):
        eng.engagement_scores(WORKED_PARTS, {k: 0 for k in eng.DEFAULT_WEIGHTS})
    with pytest.raises(ValueError, match="cannot be below 0"):
        eng.engagement_scores(WORKED_PARTS, eng.DEFAULT_WEIGHTS | {"events": -1})
    with pytest.raises(ValueError, match="Missing: variety"):
        eng.engagement_scores(
            WORKED_PARTS, {k: v for k, v in eng.DEFAULT_WEIGHTS.items() if k != "variety"}
        )


def test_a_part_where_every_unit_has_nothing_scores_zero():
    parts = WORKED_PARTS.assign(variety=0.0)
    scores = eng.engagement_scores(parts).set_index("unit")
    assert scores["variety"].tolist() == [0.0, 0.0]


def test_unit_components_from_the_log(events):
    parts = eng.unit_components(events, "internal")
    assert parts.loc["Ward 1"].to_dict() == {
        "decision_making": 80.0,  # reference group meetings: 20 + 60
        "attendance": 90.0,  # 20 + 10 + 60 + 0
        "months_active": 2.0,  # January and February
        "variety": 2.0,  # reference group meeting, roadshow (nobody came to the showcase)
        "events": 4.0,
    }
    assert parts.loc["Ward 2"].to_dict() == {
        "decision_making": 40.0,  # co-design workshop
        "attendance": 91.0,
        "months_active": 2.0,
        "variety": 3.0,
        "events": 3.0,
    }
    safe = eng.unit_components(events, "safe")
    assert safe.loc["Ward 2", "attendance"] == 90.0  # rounded to 5, as it would be shown


def test_safe_scores_count_small_numbers_as_5(tmp_path):
    log = HEADER + ("2024-01-10,Ward 1,P,roadshow,3,\n2024-01-10,Ward 2,P,roadshow,12,\n")
    parts = eng.unit_components(eng.load_events(write(tmp_path, log)), "safe")
    assert parts["attendance"].to_dict() == {"Ward 1": 5.0, "Ward 2": 10.0}


def test_weights_table_shows_every_weight_its_share_and_reason():
    table = eng.weights_table()
    assert table["Weight"].tolist() == [3, 2, 2, 1, 1]
    assert table["Share of the score"].tolist() == ["33.3%", "22.2%", "22.2%", "11.1%", "11.1%"]
    assert table["Why the starting weight is what it is"].str.len().min() > 40
    changed = eng.weights_table(eng.DEFAULT_WEIGHTS | {"events": 4})
    assert changed["Share of the score"].iloc[-1] == "33.3%"  # 4 of 12


def test_ranking_chart_and_display(events):
    scores = eng.engagement_scores(eng.unit_components(events))
    fig = eng.ranking_chart(scores, "data from log.csv")
    assert fig.layout.title.text == "Engagement score by unit"
    assert fig.layout.xaxis.title.text == "Score (0 to 100)"
    alt = text_alternative(fig)
    assert "Ward 1: 96; Ward 2: 81." in alt  # 864.5 / 9 = 96.1 and 725 / 9 = 80.6
    shown = eng.scores_for_display(scores)
    assert shown["Unit"].tolist() == ["Ward 1", "Ward 2"]
    assert shown["Score (0 to 100)"].tolist() == [96, 81]


def test_the_sliders_change_the_ranking():
    box = eng.score_widget(WORKED_PARTS, "internal")
    assert "Ward X is the most engaged unit (score 78 out of 100)" in box.result.value
    for key, slider in box.sliders.items():
        slider.value = 1 if key == "attendance" else 0
    assert "Ward Y is the most engaged unit (score 100 out of 100)" in box.result.value
    box.sliders["attendance"].value = 0
    assert "At least one weight must be above 0" in box.result.value
