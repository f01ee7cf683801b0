"""Patient-led environmental assessment: summaries and the action list, by worked example.

Every expected number below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from coproduce import DataValidationError, load_table
from coproduce import environment as env
from coproduce.disclosure import SUPPRESSED
from coproduce.present.charts import text_alternative
from coproduce.toolinput import column_names, data_dir, template_path

NIGHT = "Do you feel safe on the unit at night?"
SLEEP = "Is it quiet enough to sleep at night?"
# Ratings by 10 service users and 8 staff (hand sums in the tests).
RATINGS = {
    ("Safety", NIGHT, "Service user"): [1, 1, 2, 2, 3, 3, 3, 4, 4, 5],  # 28 / 10 = 2.8
    ("Safety", NIGHT, "Staff"): [3, 3, 3, 4, 4, 4, 5, 5],  # 31 / 8 = 3.875
    ("Comfort", SLEEP, "Service user"): [2, 3, 3, 3, 4, 4, 4, 4, 5, 5],  # 37 / 10 = 3.7
    ("Comfort", SLEEP, "Staff"): [4, 4, 4, 4, 4, 5, 5, 5],  # 35 / 8 = 4.375
}
COMMENTS = {
    ("Safety", NIGHT, "Service user", 0): "Night checks wake me up.",
    ("Safety", NIGHT, "Service user", 1): "Night checks wake me up.",
    ("Safety", NIGHT, "Service user", 2): "Doors bang.",
    ("Comfort", SLEEP, "Service user", 0): "Noisy corridor.",
    ("Comfort", SLEEP, "Staff", 7): "Fine.",
}


def assessment_csv(extra_rows: str = "") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(column_names(env.RESOURCE))
    for (area, question, role), ratings in RATINGS.items():
        for index, rating in enumerate(ratings):
            comment = COMMENTS.get((area, question, role, index), "")
            writer.writerow([area, question, rating, comment, role])
    return out.getvalue() + extra_rows


def write(tmp_path: Path, text: str, name: str = "assessment.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def assessment(tmp_path: Path) -> pd.DataFrame:
    return env.load_assessment(write(tmp_path, assessment_csv()))


# --- The question bank, templates and example -------------------------------------------------


def test_question_bank_covers_the_four_areas_in_plain_questions():
    bank = env.load_questions()
    counts = bank["area"].value_counts().to_dict()
    assert set(counts) == {"Accessibility", "Safety", "Comfort", "Physical activity spaces"}
    assert min(counts.values()) >= 5
    assert bank["question"].str.endswith("?").all()
    assert set(bank["source_id"]) <= set(load_table("sources")["id"])


def test_templates_match_the_schema_and_the_form_holds_every_question():
    assert template_path(env.RESOURCE).read_text(encoding="utf-8") == (
        ",".join(column_names(env.RESOURCE)) + "\n"
    )
    form = pd.read_csv(data_dir() / "templates" / "environment_assessment_form.csv", dtype=str)
    bank = env.load_questions()
    assert form["question"].tolist() == bank["question"].tolist()
    assert form[["rating", "comment", "assessor_role"]].isna().all().all()


def test_the_synthetic_example_loads_and_summarises():
    example = env.load_assessment()
    assert set(example["assessor_role"]) == {"Service user", "Staff"}
    summary = env.area_summary(example)
    assert list(summary.index) == list(env.AREAS[:4])
    assert all(isinstance(v, float) for v in summary["Average rating (1 to 5)"])


# --- Reading -----------------------------------------------------------------------------------


def test_bad_rows_are_reported_clearly(tmp_path):
    path = write(
        tmp_path,
        "area,question,rating,comment,assessor_role\n"
        "Saftey,Is it safe?,6,,Service user\n"
        "Comfort,,four,,\n",
        "bad.csv",
    )
    before = path.read_bytes()
    with pytest.raises(DataValidationError) as caught:
        env.load_assessment(path)
    assert path.read_bytes() == before
    found = [str(p) for p in caught.value.problems]
    assert (
        "bad.csv, row 2, column 'area': expected one of: Accessibility, Safety, Comfort, "
        "Physical activity spaces, Other (found 'Saftey')"
    ) in found
    assert "bad.csv, row 2, column 'rating': expected a value from 1 to 5 (found '6')" in found
    assert "bad.csv, row 3, column 'rating': expected a whole number (found 'four')" in found
    assert "bad.csv, row 3, column 'question': a value is required here" in found
    assert "bad.csv, row 3, column 'assessor_role': a value is required here" in found


# --- Summaries ---------------------------------------------------------------------------------


def test_rating_summary_needs_8_people_in_safe_mode():
    rows = pd.DataFrame(
        {
            "area": ["Safety"] * 10,
            "question": [NIGHT] * 10,
            "rating": pd.array([1, 1, 2, 2, 3, 3, 3, 4, 4, 5], dtype="Int64"),
        }
    )
    # 28 / 10 = 2.8; poor (1 or 2): 4 of 10, and 4 is from 1 to 7, so the share is hidden
    assert env.rating_summary(rows) == {"ratings": 10, "average": 2.8, "poor": SUPPRESSED}
    # 8 poor of 20 = 40%, a true percentage (the 12 others are not small either)
    twenty = pd.DataFrame(
        {
            "area": ["Safety"] * 20,
            "question": [NIGHT] * 20,
            "rating": pd.array([1] * 8 + [4] * 12, dtype="Int64"),
        }
    )
    assert env.rating_summary(twenty)["poor"] == 40
    few = rows.head(7)
    assert env.rating_summary(few) == {
        "ratings": SUPPRESSED,
        "average": SUPPRESSED,
        "poor": SUPPRESSED,
    }
    # 1+1+2+2+3+3+3 = 15 / 7 = 2.14; poor 4 of 7 = 57.1%
    assert env.rating_summary(few, "internal") == {"ratings": 7, "average": 2.1, "poor": 57.1}


def test_people_behind_a_summary_is_the_most_ratings_on_one_question():
    rows = pd.DataFrame(
        {
            "area": ["Safety"] * 14,
            "question": ["Q1"] * 8 + ["Q2"] * 6,
            "rating": pd.array([3] * 13 + [None], dtype="Int64"),
        }
    )
    assert env.people_behind(rows) == 8


def test_area_summary(assessment):
    summary = env.area_summary(assessment)
    # Safety: (28 + 31) / 18 = 3.28; poor 4 of 18 (4 is from 1 to 7: hidden); 18 -> 20
    assert summary.loc["Safety"].tolist() == [20, 3.3, SUPPRESSED]
    # Comfort: (37 + 35) / 18 = 4.0; poor 1 of 18 (hidden)
    assert summary.loc["Comfort"].tolist() == [20, 4.0, SUPPRESSED]
    # Internal mode: 4 of 18 = 22.2%, 1 of 18 = 5.6%
    internal = env.area_summary(assessment, "internal")
    assert internal["Rated poor or very poor (%)"].tolist() == [22.2, 5.6]
    assert env.area_sentence(summary) == (
        "Safety had the lowest average rating (3.3 out of 5) and Comfort the highest "
        "(4.0 out of 5)."
    )


def test_role_summary_and_the_gap_between_service_users_and_staff(assessment):
    roles = env.role_summary(assessment)
    assert roles.loc["Safety"].tolist() == [2.8, 3.9]  # 28 / 10 and 31 / 8 = 3.875
    assert roles.loc["Comfort"].tolist() == [3.7, 4.4]  # 37 / 10 and 35 / 8 = 4.375
    assert env.role_sentence(roles) == (
        "Service users rated 2 of 2 areas lower than staff did. The biggest difference is in "
        "Safety: service users' average was 1.1 points lower than staff's."
    )
    counts = env.role_counts(assessment)
    assert counts["People who took part (at least)"].to_dict() == {
        "Service user": 10,
        "Staff": 10,  # 8 rounds to 10
    }


def test_a_small_group_is_hidden_in_safe_mode(tmp_path):
    carers = "".join(f"Safety,{NIGHT},2,,Carer or family\n" for _ in range(3))
    assessment = env.load_assessment(write(tmp_path, assessment_csv(carers)))
    roles = env.role_summary(assessment)
    assert roles.loc["Safety", "Carer or family"] == SUPPRESSED
    assert roles.loc["Comfort", "Carer or family"] == "no ratings"
    assert env.role_counts(assessment).loc["Carer or family"].tolist() == [SUPPRESSED]
    assert env.role_summary(assessment, "internal").loc["Safety", "Carer or family"] == 2.0


def test_blank_ratings_are_left_out(tmp_path):
    blank = f"Safety,{NIGHT},,Did not answer,Service user\n"
    assessment = env.load_assessment(write(tmp_path, assessment_csv(blank)))
    items = env.question_summary(assessment, "internal").set_index("question")
    assert items.loc[NIGHT, "ratings"] == 18
    assert items.loc[NIGHT, "average"] == pytest.approx(59 / 18)
    assert "Did not answer" in items.loc[NIGHT, "comments"]


# --- Action list -------------------------------------------------------------------------------


def test_action_list_puts_the_lowest_first_with_comments_in_internal_mode(assessment):
    safe = env.action_list(assessment, 2)
    assert safe["Question"].tolist() == [NIGHT, SLEEP]
    assert safe["Average rating (1 to 5)"].tolist() == [3.3, 4.0]
    assert "What people said" not in safe.columns
    actions = env.action_list(assessment, 2, "internal")
    assert actions["Average rating (1 to 5)"].tolist() == [3.3, 4.0]
    # Different comments only, from the lowest rating up.
    assert actions.loc[1, "What people said"] == "Night checks wake me up. / Doors bang."
    assert actions.loc[2, "What people said"] == "Noisy corridor. / Fine."
    assert list(actions.columns) == [
        "Area",
        "Question",
        "Average rating (1 to 5)",
        "Ratings given",
        "What people said",
    ]
    planned = env.action_list(assessment, 1, "internal", plan_columns=True)
    assert list(planned.columns)[-3:] == ["Action agreed", "Who", "By when"]
    assert len(planned) == 1
    with pytest.raises(ValueError):
        env.action_list(assessment, 0)


def test_action_list_breaks_ties_by_the_number_of_poor_ratings():
    rows = pd.DataFrame(
        {
            "area": ["Safety"] * 4 + ["Comfort"] * 4,
            "question": ["A"] * 4 + ["B"] * 4,
            "rating": pd.array([3, 3, 3, 3, 1, 5, 1, 5], dtype="Int64"),
            "comment": pd.array([None] * 8, dtype="string"),
            "assessor_role": ["Staff"] * 8,
        }
    )
    # Both average 3.0; B has two poor ratings, A none, so B comes first.
    assert env.action_list(rows, 2, "internal")["Question"].tolist() == ["B", "A"]


# --- Charts ------------------------------------------------------------------------------------


def test_area_chart_has_titles_and_describes_every_bar(assessment):
    fig = env.area_chart(env.area_summary(assessment), "data from assessment.csv")
    assert fig.layout.title.text == "Average rating of each area"
    assert fig.layout.yaxis.title.text == "Average rating (1 to 5)"
    assert list(fig.data[0].y) == [3.3, 4.0]
    alt = text_alternative(fig)
    assert "Safety: 3.3; Comfort: 4.0." in alt
    assert "(data from assessment.csv)" in alt


def test_role_chart_has_a_bar_per_role_and_describes_them(assessment):
    fig = env.role_chart(env.role_summary(assessment), "x")
    assert [trace.name for trace in fig.data] == ["Service user", "Staff"]
    assert fig.layout.barmode == "group"
    alt = text_alternative(fig)
    assert "Safety: Service user 2.8, Staff 3.9; Comfort: Service user 3.7, Staff 4.4." in alt


def test_area_detail_lists_every_question_of_the_area(assessment):
    detail = env.area_detail_html(assessment, "Safety")
    assert NIGHT in detail and SLEEP not in detail
    assert "Night checks wake me up." not in detail
    assert "What people said" not in detail
    internal = env.area_detail_html(assessment, "Safety", "internal")
    assert "Night checks wake me up." in internal
    assert "REVIEW BEFORE SHARING" in internal
