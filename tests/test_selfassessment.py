"""4Pi self-assessment: scoring, the ladder rule, team gaps with disclosure, user files, notebook.

Expected numbers are worked out by hand in the comments, not by the code under test.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import ROOT
from nbclient import NotebookClient
from notebook_runner import outputs_text, run_notebook

from coproduce import DataValidationError
from coproduce.disclosure import SUPPRESSED
from coproduce.present.charts import text_alternative
from coproduce.selfassessment import (
    OVERALL,
    example_person,
    export_summary,
    gap_chart,
    individual_summary,
    ladder_bands,
    ladder_position,
    ladder_rung,
    ladder_sentence,
    load_ladder,
    load_statements,
    overall_score,
    parse_mode,
    person_scores,
    radar_chart,
    read_responses,
    readable_summary,
    respondent_counts,
    responses_schema,
    safe_team_summary,
    save_individual_result,
    standard_scores,
    team_ladder,
    team_profiles,
    team_scores,
)

NOTEBOOK = ROOT / "notebooks" / "4pi-self-assessment.ipynb"
STANDARDS = ["Principles", "Purpose", "Presence", "Process", "Impact"]
EXAMPLE = ROOT / "data" / "examples" / "4pi-responses-synthetic.csv"
TEMPLATE = ROOT / "data" / "templates" / "4pi-responses-template.csv"


@pytest.fixture(scope="module")
def statements() -> pd.DataFrame:
    return load_statements()


@pytest.fixture(scope="module")
def ladder() -> pd.DataFrame:
    return load_ladder()


def ids_for(standard: str) -> list[str]:
    return [f"{standard.lower()}_{i}" for i in range(1, 5)]


# --- The statement bank and its contract --------------------------------------------------------


def test_four_statements_for_each_standard_in_4pi_order(statements):
    assert statements["standard"].drop_duplicates().tolist() == STANDARDS
    assert statements.groupby("standard").size().to_dict() == dict.fromkeys(STANDARDS, 4)
    assert statements["statement_id"].tolist()[:4] == ids_for("Principles")


def test_the_answers_schema_has_one_rating_column_per_statement(statements):
    fields = responses_schema()["fields"]
    names = [f["name"] for f in fields]
    assert names == ["respondent", "role", *statements["statement_id"]]
    assert fields[1]["constraints"]["enum"] == ["service user", "carer", "staff"]
    for field in fields[2:]:
        assert field["type"] == "integer"
        assert field["constraints"] == {"minimum": 1, "maximum": 5}


def test_the_example_is_labelled_synthetic_and_the_template_is_a_heading_row():
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "fourpi_responses_example")
    assert resource["path"] == "examples/4pi-responses-synthetic.csv"
    assert "SYNTHETIC" in resource["title"] and "SYNTHETIC" in resource["description"]
    assert "scripts/make_4pi_example.py" in resource["sources"][0]["title"]
    header = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert TEMPLATE.read_text(encoding="utf-8") == header + "\n"


def test_rerunning_the_script_reproduces_the_committed_example(tmp_path):
    target = tmp_path / "again.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_4pi_example.py"), str(target)],
        check=True,
        capture_output=True,
    )
    assert target.read_bytes() == EXAMPLE.read_bytes()


def test_the_example_reads_cleanly_and_has_the_promised_team():
    responses = read_responses()
    assert responses["role"].value_counts().to_dict() == {
        "service user": 14,
        "staff": 12,
        "carer": 5,
    }


# --- Scoring one person (worked example) --------------------------------------------------------

#: Principles 5,4,4,3 -> 16/4 = 4.0; Purpose 2,2,3,skip -> 7/3 = 2.333...; Presence all skipped
#: -> no score; Process 1,1,1,1 -> 1.0; Impact 5,5,5,5 -> 5.0.
#: Overall = (4 + 7/3 + 1 + 5) / 4 = (37/3) / 4 = 37/12 = 3.0833...
#: Rung = 1 + floor((37/12 - 1) * 7/4) = 1 + floor(25/12 * 7/4 = 175/48 = 3.646) = 4.
WORKED = {
    "principles_1": 5,
    "principles_2": 4,
    "principles_3": 4,
    "principles_4": 3,
    "purpose_1": 2,
    "purpose_2": 2,
    "purpose_3": 3,
    "purpose_4": None,
    "presence_1": None,
    "process_1": 1,
    "process_2": 1,
    "process_3": 1,
    "process_4": 1,
    "impact_1": 5,
    "impact_2": 5,
    "impact_3": 5,
    "impact_4": 5,
}


def test_standard_scores_worked_example(statements):
    scores = standard_scores(WORKED, statements)
    assert scores.index.tolist() == STANDARDS
    assert scores["Principles"] == 4.0
    assert scores["Purpose"] == pytest.approx(7 / 3)
    assert math.isnan(scores["Presence"])
    assert (scores["Process"], scores["Impact"]) == (1.0, 5.0)
    assert overall_score(scores) == pytest.approx(37 / 12)
    assert math.isnan(overall_score(pd.Series([math.nan] * 5)))


def test_individual_summary_worked_example(statements):
    table = individual_summary(WORKED, statements)
    assert table["standard"].tolist() == [*STANDARDS, OVERALL]
    assert table["statements_answered"].tolist() == [4, 3, 0, 4, 4, 15]
    assert table["score"].tolist()[:2] == [4.0, 2.33]
    assert math.isnan(table["score"].tolist()[2])
    assert table["score"].tolist()[3:] == [1.0, 5.0, 3.08]


@pytest.mark.parametrize("bad", [0, 6, 2.5, "x"])
def test_a_rating_outside_1_to_5_is_refused(statements, bad):
    with pytest.raises((ValueError, TypeError)):
        standard_scores({"impact_1": bad}, statements)


def test_an_unknown_statement_is_refused(statements):
    with pytest.raises(ValueError, match="Unknown statement id"):
        standard_scores({"impact_9": 3}, statements)


# --- The ladder rule (the guide's heuristic) ----------------------------------------------------


@pytest.mark.parametrize(
    ("score", "rung"),
    [
        (1.0, 1),  # (0) * 7/4 = 0 -> 1
        (1.57, 1),  # 0.57 * 1.75 = 0.9975 -> 1
        (1 + 4 / 7, 2),  # exactly on the boundary -> the higher rung
        (2.0, 2),  # 1.75 -> 2
        (2.5, 3),  # 2.625 -> 3
        (3.0, 4),  # 3.5 -> 4
        (3.5, 5),  # 4.375 -> 5
        (4.0, 6),  # 5.25 -> 6
        (4.42, 6),  # 5.985 -> 6
        (4.43, 7),  # 6.0025 -> 7
        (5.0, 7),  # 7 -> capped at 7
    ],
)
def test_ladder_rung_worked_examples(score, rung):
    assert ladder_rung(score) == rung


@pytest.mark.parametrize("bad", [0.9, 5.1, math.nan])
def test_ladder_rung_refuses_scores_off_the_scale(bad):
    with pytest.raises(ValueError):
        ladder_rung(bad)


def test_ladder_bands_are_seven_equal_steps_with_the_ladder_names(ladder):
    bands = ladder_bands(ladder)
    assert bands["step"].tolist() == [
        "Coercion",
        "Educating",
        "Informing",
        "Consultation",
        "Engagement",
        "Co-design",
        "Co-production",
    ]
    assert bands["score_from"].tolist() == [1.0, 1.57, 2.14, 2.71, 3.29, 3.86, 4.43]
    assert bands["score_range"].iloc[-1] == "4.43 to 5.00 (included)"
    assert bands["score_range"].iloc[3] == "2.71 to under 3.29"


def test_ladder_position_and_sentence(ladder):
    place = ladder_position(37 / 12, ladder)
    assert (place["rung"], place["step"], place["grouping"]) == (4, "Consultation", "Doing for")
    sentence = ladder_sentence(37 / 12, ladder, who="Your answers")
    assert sentence.startswith("Your answers give an overall score of 3.08 out of 5")
    assert "rung 4 of 7, Consultation (Doing for)" in sentence
    assert "rate at least one statement" in ladder_sentence(math.nan, ladder)


# --- A team (worked example) ------------------------------------------------------------------


def answers_row(code: str, role: str, **by_standard: int | None) -> dict:
    """One person who gives the same rating to all four statements of each standard."""
    row: dict = {"respondent": code, "role": role}
    for standard in STANDARDS:
        value = by_standard.get(standard.lower())
        for statement in ids_for(standard):
            row[statement] = "" if value is None else value
    return row


def team_rows() -> list[dict]:
    """8 service users, 2 carers, 8 staff.

    Service users S1-S4: Principles 2, Purpose 3, Presence 1, Process 4, Impact 2 (overall 12/5
    = 2.4). S5-S7: 3, 3, 5, 4, 2 (overall 17/5 = 3.4). S8 as S5 but skipped Process (overall
    13/4 = 3.25). Carers C1: 5, 3, 3, 3, 3 (3.4); C2: 4, 3, 3, 3, 3 (3.2). Staff T1-T8: 4, 3, 2,
    4, 4 (overall 17/5 = 3.4).
    """
    rows = []
    for i in range(1, 5):
        rows.append(
            answers_row(
                f"S{i}", "service user", principles=2, purpose=3, presence=1, process=4, impact=2
            )
        )
    for i in range(5, 9):
        process = None if i == 8 else 4
        rows.append(
            answers_row(
                f"S{i}",
                "service user",
                principles=3,
                purpose=3,
                presence=5,
                process=process,
                impact=2,
            )
        )
    rows.append(
        answers_row("C1", "carer", principles=5, purpose=3, presence=3, process=3, impact=3)
    )
    rows.append(
        answers_row("C2", "carer", principles=4, purpose=3, presence=3, process=3, impact=3)
    )
    for i in range(1, 9):
        rows.append(
            answers_row(f"T{i}", "staff", principles=4, purpose=3, presence=2, process=4, impact=4)
        )
    return rows


@pytest.fixture
def team_file(tmp_path) -> Path:
    path = tmp_path / "team.csv"
    pd.DataFrame(team_rows()).to_csv(path, index=False)
    return path


@pytest.fixture
def team(team_file, statements) -> pd.DataFrame:
    return team_scores(person_scores(read_responses(team_file), statements))


def test_person_scores_worked_example(team_file, statements):
    people = person_scores(read_responses(team_file), statements).set_index("respondent")
    assert people.loc["S1", OVERALL] == pytest.approx(2.4)
    assert people.loc["S5", OVERALL] == pytest.approx(3.4)
    assert math.isnan(people.loc["S8", "Process"])
    assert people.loc["S8", OVERALL] == pytest.approx(3.25)
    assert people.loc["C2", OVERALL] == pytest.approx(3.2)


def test_a_skipped_statement_leaves_the_mean_of_the_rest(statements):
    frame = pd.DataFrame([answers_row("A", "staff", principles=3)])
    frame[["principles_1", "principles_2", "principles_3", "principles_4"]] = [5, 4, pd.NA, 3]
    people = person_scores(frame, statements)
    assert people.loc[0, "Principles"] == 4.0  # (5 + 4 + 3) / 3


def test_team_scores_and_gaps_worked_example(team):
    rows = team.set_index("standard")
    # Principles: service users (4 x 2 + 4 x 3) / 8 = 2.5; staff 4; gap 2.5 - 4 = -1.5.
    assert rows.loc["Principles", "service_user_mean"] == 2.5
    assert rows.loc["Principles", "staff_mean"] == 4.0
    assert rows.loc["Principles", "gap"] == -1.5
    assert rows.loc["Principles", "carer_mean"] == 4.5  # (5 + 4) / 2
    # Presence: (4 x 1 + 4 x 5) / 8 = 3; staff 2; gap +1.
    assert rows.loc["Presence", "gap"] == 1.0
    # Process: S8 skipped it, so 7 service users, all 4.
    assert rows.loc["Process", "service_user_n"] == 7
    assert rows.loc["Process", "gap"] == 0.0
    # Impact: 2 - 4 = -2.
    assert rows.loc["Impact", "gap"] == -2.0
    # Overall: service users (4 x 2.4 + 3 x 3.4 + 3.25) / 8 = 23.05 / 8 = 2.88125; staff 3.4.
    assert rows.loc[OVERALL, "service_user_mean"] == pytest.approx(2.88125)
    assert rows.loc[OVERALL, "gap"] == pytest.approx(2.88125 - 3.4)
    assert rows.loc[OVERALL, "carer_mean"] == pytest.approx(3.3)


def test_safe_summary_suppresses_small_groups_and_their_gaps(team):
    rows = safe_team_summary(team, "safe").set_index("standard")
    # 8 people is shown, rounded to the nearest 5 -> 10; 2 carers -> [c].
    assert rows.loc["Principles", "service_user_n"] == 10
    assert rows.loc["Principles", "carer_n"] == SUPPRESSED
    assert rows.loc["Principles", "carer_mean"] == SUPPRESSED
    assert (rows.loc["Principles", "service_user_mean"], rows.loc["Principles", "gap"]) == (
        2.5,
        -1.5,
    )
    # 7 service users answered Process: count, mean and gap all suppressed.
    assert rows.loc["Process", "service_user_n"] == SUPPRESSED
    assert rows.loc["Process", "service_user_mean"] == SUPPRESSED
    assert rows.loc["Process", "gap"] == SUPPRESSED
    # Overall: 2.88125 -> 2.9; gap -0.51875 -> -0.5.
    assert rows.loc[OVERALL, "service_user_mean"] == 2.9
    assert rows.loc[OVERALL, "gap"] == -0.5


def test_internal_summary_shows_everything(team):
    rows = safe_team_summary(team, "internal").set_index("standard")
    assert rows.loc["Principles", "carer_n"] == 2
    assert rows.loc["Principles", "carer_mean"] == 4.5
    assert rows.loc["Process", "service_user_n"] == 7
    assert rows.loc["Process", "gap"] == 0.0


def test_a_missing_role_gives_no_gap_rather_than_an_error(statements, tmp_path):
    path = tmp_path / "users-only.csv"
    pd.DataFrame([answers_row(f"S{i}", "service user", impact=3) for i in range(8)]).to_csv(
        path, index=False
    )
    team = team_scores(person_scores(read_responses(path), statements))
    rows = safe_team_summary(team, "safe").set_index("standard")
    assert rows.loc["Impact", "staff_n"] == 0
    assert rows.loc["Impact", "staff_mean"] is None
    assert rows.loc["Impact", "gap"] is None


def test_respondent_counts_are_disclosure_controlled(team_file):
    responses = read_responses(team_file)
    safe = respondent_counts(responses, "safe").set_index("role")["people"].to_dict()
    # 2 carers are hidden; 18 everyone minus 8 staff and 8 service users would give them away,
    # so the smaller shown role (service users, the first of the two with 8) is hidden too.
    assert safe == {
        "service user": SUPPRESSED,
        "carer": SUPPRESSED,
        "staff": 10,
        "everyone": 20,
    }
    internal = respondent_counts(responses, "internal").set_index("role")["people"].to_dict()
    assert internal == {"service user": 8, "carer": 2, "staff": 8, "everyone": 18}


def test_team_ladder_worked_example(team, ladder):
    safe = team_ladder(team, ladder, "safe").set_index("role")
    # Service users 2.88125: (1.88125 * 7/4 = 3.29) -> rung 4; staff 3.4: (2.4 * 7/4 = 4.2) -> 5.
    assert safe.loc["service user", ["rung", "step"]].tolist() == [4, "Consultation"]
    assert safe.loc["staff", ["rung", "step"]].tolist() == [5, "Engagement"]
    assert safe.loc["carer", "rung"] == SUPPRESSED
    internal = team_ladder(team, ladder, "internal").set_index("role")
    assert internal.loc["carer", ["overall_score", "rung"]].tolist() == [3.3, 5]


def test_export_summary_states_the_disclosure_rule(team, tmp_path):
    summary = safe_team_summary(team, "safe")
    path = export_summary(summary, tmp_path / "out" / "summary.csv", "safe")
    back = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    assert back.columns[-1] == "disclosure"
    assert back["disclosure"].str.startswith("Safe to share").all()
    assert back.set_index("standard").loc["Process", "gap"] == SUPPRESSED
    internal = export_summary(safe_team_summary(team, "internal"), tmp_path / "i.csv", "internal")
    assert "INTERNAL USE ONLY" in internal.read_text(encoding="utf-8-sig")


def test_readable_summary_names_columns_in_words(team):
    columns = readable_summary(safe_team_summary(team)).columns.tolist()
    assert columns[:3] == ["Standard", "Service users: people", "Service users: average"]
    assert columns[-1] == "Gap (service users minus staff)"


def test_parse_mode_accepts_safe_and_internal_only():
    assert parse_mode(" Safe ").value == "safe"
    assert parse_mode("internal").value == "internal"
    with pytest.raises(DataValidationError) as caught:
        parse_mode("public")
    assert "disclosure_mode must be 'safe' or 'internal'" in caught.value.report()


def test_save_individual_result_puts_the_rung_on_the_overall_row(statements, ladder, tmp_path):
    path = save_individual_result(WORKED, statements, ladder, tmp_path / "me.csv")
    back = pd.read_csv(path, encoding="utf-8-sig")
    overall = back.set_index("standard").loc[OVERALL]
    assert (overall["score"], overall["ladder_rung"], overall["ladder_step"]) == (
        3.08,
        4,
        "Consultation",
    )


def test_example_person_is_the_first_synthetic_service_user():
    code, ratings = example_person()
    assert code == "R03"
    assert ratings["principles_1"] is None  # skipped in the example
    assert ratings["principles_2"] == 4


# --- Charts -------------------------------------------------------------------------------------


def test_radar_chart_is_labelled_closed_and_described(statements):
    scores = standard_scores(WORKED, statements)
    fig = radar_chart({"Your answers": scores}, "Your 4Pi self-assessment")
    assert fig.layout.title.text == "Your 4Pi self-assessment"
    (trace,) = fig.data
    assert trace.type == "scatterpolar"
    # Presence has no score, so the line skips it; the first point repeats to close the shape.
    assert list(trace.theta) == ["Principles", "Purpose", "Process", "Impact", "Principles"]
    assert list(trace.r) == [4.0, 2.33, 1.0, 5.0, 4.0]
    assert list(fig.layout.polar.radialaxis.range) == [0, 5]
    assert list(fig.layout.polar.radialaxis.tickvals) == [1, 2, 3, 4, 5]
    assert "Distance from the centre is the score" in fig.layout.annotations[0].text
    alt = text_alternative(fig)
    assert "Your answers: Principles 4, Purpose 2.33, Process 1, Impact 5." in alt


def test_team_radar_leaves_out_suppressed_roles(team):
    profiles = team_profiles(safe_team_summary(team, "safe"))
    # Carers are suppressed everywhere; service users have a suppressed Process mean.
    assert list(profiles) == ["Staff"]
    internal = team_profiles(safe_team_summary(team, "internal"))
    assert list(internal) == ["Service users", "Carers", "Staff"]
    assert internal["Service users"].tolist() == [2.5, 3.0, 3.0, 4.0, 2.0]


def test_gap_chart_draws_shown_gaps_and_names_hidden_ones(team):
    fig = gap_chart(safe_team_summary(team, "safe"), "safe")
    assert fig.layout.xaxis.title.text == "4Pi standard"
    assert fig.layout.yaxis.title.text == "Service users' mean minus staff mean"
    (bars,) = fig.data
    assert list(bars.x) == ["Principles", "Purpose", "Presence", "Impact"]
    assert list(bars.y) == [-1.5, 0.0, 1.0, -2.0]
    alt = text_alternative(fig)
    assert "Principles -1.5" in alt and "Presence +1.0" in alt
    assert "Not shown, because too few people answered or a group is missing: Process" in alt
    assert "Safe to share" in alt


# --- Bad input files ----------------------------------------------------------------------------


def write_rows(tmp_path: Path, rows: list[dict], drop: str | None = None) -> Path:
    frame = pd.DataFrame(rows)
    if drop:
        frame = frame.drop(columns=[drop])
    path = tmp_path / "answers.csv"
    frame.to_csv(path, index=False)
    return path


def problems(path: Path) -> str:
    before = path.read_bytes()
    with pytest.raises(DataValidationError) as caught:
        read_responses(path)
    assert path.read_bytes() == before, "the user's file must never change"
    report = caught.value.report()
    assert "Traceback" not in report
    return report


def test_missing_column_is_named(tmp_path):
    path = write_rows(tmp_path, team_rows(), drop="impact_4")
    assert "answers.csv, row 1: column 'impact_4' is missing" in problems(path)


def test_unknown_role_is_named_with_row_and_column(tmp_path):
    rows = team_rows()
    rows[2]["role"] = "manager"
    report = problems(write_rows(tmp_path, rows))
    assert (
        "answers.csv, row 4, column 'role': expected one of: service user, carer, staff "
        "(found 'manager')" in report
    )


def test_ratings_outside_1_to_5_are_named_with_row_and_column(tmp_path):
    rows = team_rows()
    rows[0]["purpose_2"] = 6
    rows[5]["impact_1"] = 0
    rows[6]["presence_3"] = "four"
    report = problems(write_rows(tmp_path, rows))
    assert "row 2, column 'purpose_2': expected a value from 1 to 5 (found '6')" in report
    assert "row 7, column 'impact_1': expected a value from 1 to 5 (found '0')" in report
    assert "row 8, column 'presence_3': expected a whole number (found 'four')" in report


def test_empty_file_and_heading_only_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "The file is empty" in problems(empty)
    heading = tmp_path / "heading.csv"
    heading.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    assert "heading row but no data rows" in problems(heading)


def test_a_person_with_no_ratings_and_a_repeated_code_are_named(tmp_path):
    rows = team_rows()
    rows[3] = answers_row("S4", "service user")
    rows[4]["respondent"] = "S1"
    report = problems(write_rows(tmp_path, rows))
    assert "respondent S1 appears on more than one row (rows 2, 6)" in report
    rows = team_rows()
    rows[3] = answers_row("S4", "service user")
    report = problems(write_rows(tmp_path, rows))
    assert "row 5, column 'respondent': this person has no rating for any statement" in report


# --- The notebook, run as a user would run it --------------------------------------------------


def run(tmp_path: Path, **parameters) -> nbformat.NotebookNode:
    parameters = {"output_dir": str(tmp_path / "results"), **parameters}
    return run_notebook(NOTEBOOK, tmp_path / "out.ipynb", **parameters)


def test_notebook_parameters_cell():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert "input_csv = None" in cell.source
    assert 'disclosure_mode = "safe"' in cell.source


def test_notebook_runs_on_the_synthetic_example(kernel, tmp_path):
    nb = run(tmp_path)
    text = outputs_text(nb)
    assert "SYNTHETIC example" in text
    assert "Safe to share" in text
    figures = [
        o
        for c in nb.cells
        for o in c.get("outputs", [])
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    ]
    assert len(figures) == 3  # your radar, the team radar, the gap chart
    summary = pd.read_csv(
        tmp_path / "results" / "4pi-team-summary.csv", dtype=str, encoding="utf-8-sig"
    )
    assert summary["carer_n"].eq(SUPPRESSED).all()  # 5 carers in the example
    assert (tmp_path / "results" / "4pi-my-result.csv").is_file()


def test_notebook_runs_on_a_small_custom_file_and_suppresses_it(kernel, tmp_path):
    small = tmp_path / "small.csv"
    pd.DataFrame(team_rows()[:3] + team_rows()[-2:]).to_csv(small, index=False)
    nb = run(tmp_path, input_csv=str(small))
    assert f"Answers: {small}" in outputs_text(nb)
    summary = pd.read_csv(
        tmp_path / "results" / "4pi-team-summary.csv", dtype=str, encoding="utf-8-sig"
    )
    # 3 service users and 2 staff: every count, mean and gap is suppressed.
    assert summary["service_user_mean"].eq(SUPPRESSED).all()
    assert summary["gap"].eq(SUPPRESSED).all()


def test_notebook_internal_mode_shows_the_worked_example(kernel, tmp_path, team_file):
    run(tmp_path, input_csv=str(team_file), disclosure_mode="internal")
    summary = pd.read_csv(tmp_path / "results" / "4pi-team-summary.csv", encoding="utf-8-sig")
    rows = summary.set_index("standard")
    assert rows.loc["Principles", "gap"] == -1.5
    assert rows.loc["Principles", "carer_mean"] == 4.5
    assert summary["disclosure"].str.startswith("INTERNAL USE ONLY").all()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing-column", "row 1: column 'impact_4' is missing"),
        ("unknown-role", "row 4, column 'role': expected one of: service user, carer, staff"),
        ("rating-out-of-range", "row 2, column 'purpose_2': expected a value from 1 to 5"),
        ("empty", "The file is empty"),
    ],
)
def test_papermill_stops_on_a_bad_file_with_the_report_and_no_traceback(
    kernel, tmp_path, name, expected
):
    rows = team_rows()
    if name == "unknown-role":
        rows[2]["role"] = "manager"
    if name == "rating-out-of-range":
        rows[0]["purpose_2"] = 9
    path = write_rows(tmp_path, rows, drop="impact_4" if name == "missing-column" else None)
    if name == "empty":
        path.write_bytes(b"")
    out = tmp_path / "out.ipynb"
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "papermill"),
            str(NOTEBOOK),
            str(out),
            "-p",
            "input_csv",
            str(path),
            "-p",
            "output_dir",
            str(tmp_path / "results"),
            "--cwd",
            str(NOTEBOOK.parent),
            "--no-progress-bar",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode != 0, "a bad file must stop the notebook"
    nb = nbformat.read(out, as_version=4)
    (error,) = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    shown = "\n".join(error.traceback)
    assert shown.startswith("The data needs fixing before this notebook can go on.")
    assert expected in shown
    assert "Traceback" not in shown and 'File "' not in shown
    assert not (tmp_path / "results" / "4pi-team-summary.csv").exists()


def test_changing_an_answer_updates_the_scores_chart_and_ladder_live(kernel, tmp_path):
    """In JupyterLab or Binder the result under the form redraws when an answer changes."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "for buttons in rating_buttons.values():\n    buttons.value = 5\n"
            "rating_buttons['impact_4'].value = 0  # Skip"
        )
    )
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    (result,) = [c for c in nb.cells if c.get("id") == "fourpi-result"]
    table, chart, sentence = result.outputs
    assert "Overall                   19    5.0" in table["data"]["text/plain"]
    figure = chart["data"]["application/vnd.plotly.v1+json"]
    assert figure["data"][0]["r"] == [5, 5, 5, 5, 5, 5]
    assert "rung 7 of 7, Co-production" in sentence["data"]["text/markdown"]
