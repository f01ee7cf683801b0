"""Reading a user's evaluation file: every problem named with row, column and value; file untouched.

The bad files are made from the SYNTHETIC example by changing one thing each, so each test
says exactly what a user did wrong and what they must be told.
"""

from __future__ import annotations

import pandas as pd
import pytest
from evaluation_files import csv_text, example_rows, person, write
from pandas.testing import assert_frame_equal

from coproduce import DataValidationError
from coproduce.evaluation import evaluate, read_evaluation_csv
from coproduce.evaluation.schema import (
    MEASUREMENT_COLUMNS,
    example_path,
    field_names,
)
from coproduce.reader import TEXT


def problems_for(path) -> list[str]:
    """The problems reported for ``path``; also checks the file is unchanged, no traceback."""
    before = path.read_bytes()
    with pytest.raises(DataValidationError) as caught:
        evaluate(path)
    assert path.read_bytes() == before, "the user's file must never change"
    report = caught.value.report()
    assert "Traceback" not in report
    return [str(problem) for problem in caught.value.problems]


def changed(**cells_by_row: dict[str, str]):
    """The example with cells changed: ``changed(r2={"swemwbs_6": "6"})`` edits file row 2."""
    rows = example_rows()
    for key, cells in cells_by_row.items():
        rows[int(key[1:]) - 2].update(cells)
    return rows


def measures_of(file_row: int) -> dict[str, str]:
    """The measurement cells of one row of the example (to copy onto another row)."""
    row = example_rows()[file_row - 2]
    return {column: row[column] for column in MEASUREMENT_COLUMNS}


def without_rows(*file_rows: int):
    rows = example_rows()
    return [row for index, row in enumerate(rows, start=2) if index not in file_rows]


#: name -> (file content, exact fragments the user must see)
BAD_FILES = {
    "missing column": (
        csv_text(example_rows(), [c for c in field_names() if c != "swemwbs_7"]),
        ["missing.csv, row 1: column 'swemwbs_7' is missing"],
    ),
    "misspelt column": (
        csv_text(example_rows()).replace("systolic_bp,", "systolc_bp,", 1),
        [
            "row 1, column 'systolc_bp': column 'systolic_bp' is missing; is 'systolc_bp' a "
            "misspelling of it?"
        ],
    ),
    "unknown time point": (
        csv_text(changed(r3={"time_point": "3 months"})),
        [
            "row 3, column 'time_point': expected one of: baseline, post-intervention, "
            "follow-up (found '3 months')"
        ],
    ),
    "duplicate person and time point": (
        csv_text(changed(r3={"time_point": "baseline"})),
        [
            "row 2, column 'participant_id + time_point': participant_id SYN-01, time_point "
            "baseline appears on more than one row (rows 2, 3); each may appear once"
        ],
    ),
    "SWEMWBS item 6 out of range": (
        csv_text(changed(r2={"swemwbs_6": "6"})),
        ["row 2, column 'swemwbs_6': expected a value from 1 to 5 (found '6')"],
    ),
    "blood pressure 400/20": (
        csv_text(changed(r2={"systolic_bp": "400", "diastolic_bp": "20"})),
        [
            "row 2, column 'systolic_bp': expected a value from 60 to 300 (found '400')",
            "row 2, column 'diastolic_bp': expected a value from 30 to 200 (found '20')",
        ],
    ),
    "negative weight": (
        csv_text(changed(r5={"weight_kg": "-86.8"})),
        ["row 5, column 'weight_kg': expected a value from 20 to 350 (found '-86.8')"],
    ),
    "text in number columns": (
        csv_text(changed(r5={"weight_kg": "86.8kg"}, r8={"confidence": "high"})),
        [
            "row 5, column 'weight_kg': expected a number (found '86.8kg')",
            "row 8, column 'confidence': expected a whole number (found 'high')",
        ],
    ),
    "empty file": (b"", ["The file is empty"]),
    "heading only": (csv_text([]), ["The file has a heading row but no data rows."]),
    "Excel workbook": (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, ["This is an Excel workbook"]),
    "not UTF-8": (
        csv_text(changed(r2={"bp_not_collected_reason": "caf\u00e9"})).encode("latin-1"),
        ["not saved as UTF-8", "Windows-1252", "Save it again as UTF-8", "row 2"],
    ),
    "semicolons": (
        csv_text(example_rows()).replace(",", ";"),
        ["the columns are separated by semicolons"],
    ),
    "systolic not above diastolic": (
        csv_text(changed(r2={"systolic_bp": "80", "diastolic_bp": "90"})),
        [
            "row 2, column 'systolic_bp': systolic blood pressure (80) must be higher than "
            "diastolic (90); are the two readings swapped? (found '80')"
        ],
    ),
    "only one blood pressure reading": (
        csv_text(changed(r2={"diastolic_bp": ""})),
        ["row 2, column 'diastolic_bp': give both blood pressure readings"],
    ),
    "blank measure without a reason": (
        csv_text(changed(r2={"systolic_bp": "", "diastolic_bp": ""})),
        [
            "row 2, column 'bp_not_collected_reason': Blood pressure was not fully collected "
            "(systolic_bp, diastolic_bp blank): say why in bp_not_collected_reason"
        ],
    ),
    "no height for BMI": (
        csv_text(changed(r2={"height_cm": ""})),
        [
            "row 2, column 'weight_not_collected_reason': there is no height for this person "
            "on this row or an earlier one, so BMI cannot be worked out"
        ],
    ),
    "withdrawal without a reason": (
        csv_text(changed(r6={"withdrawal_reason": ""})),
        [
            "row 6, column 'withdrawal_reason': this is the row where the person withdrew: say "
            "why in withdrawal_reason"
        ],
    ),
    "withdrawal reason on an assessed row": (
        csv_text(changed(r2={"withdrawal_reason": "Moved"})),
        [
            "row 2, column 'withdrawal_reason': a withdrawal reason is given but the status is "
            "'assessed'"
        ],
    ),
    "assessed after withdrawing": (
        csv_text(changed(r7={"status": "assessed", **measures_of(5)})),
        ["row 7, column 'status': participant SYN-02 withdrew at an earlier time point"],
    ),
    "measures on a withdrawn row": (
        csv_text(changed(r6={"systolic_bp": "120", "diastolic_bp": "80"})),
        [
            "row 6, column 'status': the status is 'withdrawn' but measures are recorded here "
            "(systolic_bp, diastolic_bp)"
        ],
    ),
    "no baseline row": (
        csv_text(without_rows(2)),
        ["column 'time_point': participant SYN-01 has no 'baseline' row"],
    ),
    "a time point left out": (
        csv_text(without_rows(3)),
        ["participant SYN-01 has no row for post-intervention"],
    ),
    "site changes": (
        csv_text(changed(r3={"site": "Synthetic site B"})),
        [
            "row 3, column 'site': participant SYN-01 has a different site here from their "
            "first row (Synthetic site A)"
        ],
    ),
    "IPAQ minutes with 0 days": (
        csv_text(changed(r2={"ipaq_moderate_minutes": "30"})),
        [
            "row 2, column 'ipaq_moderate_minutes': moderate minutes are given but moderate "
            "days are 0"
        ],
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_gets_a_clear_message_and_is_left_unchanged(tmp_path, case):
    content, expected = BAD_FILES[case]
    name = "missing.csv" if case == "missing column" else "input.csv"
    found = problems_for(write(tmp_path, name, content))
    for fragment in expected:
        assert any(fragment in problem for problem in found), (fragment, found)
    assert all(problem.startswith(name) for problem in found), found


def test_every_problem_is_reported_at_once(tmp_path):
    rows = changed(
        r2={"swemwbs_6": "6", "systolic_bp": "400", "diastolic_bp": "20"},
        r5={"weight_kg": "-5", "confidence": "lots"},
        r3={"time_point": "week 6"},
    )
    found = problems_for(write(tmp_path, "input.csv", csv_text(rows)))
    assert len(found) == 6
    for where in [
        "row 2, column 'swemwbs_6'",
        "row 2, column 'systolic_bp'",
        "row 2, column 'diastolic_bp'",
        "row 5, column 'weight_kg'",
        "row 5, column 'confidence'",
        "row 3, column 'time_point'",
    ]:
        assert any(where in problem for problem in found), where


def test_cross_column_problems_are_all_listed_together(tmp_path):
    rows = changed(
        r2={"systolic_bp": "80", "diastolic_bp": "90"},
        r6={"withdrawal_reason": ""},
        r11={"weight_not_collected_reason": ""},
    )
    found = problems_for(write(tmp_path, "input.csv", csv_text(rows)))
    assert len(found) == 3, found
    assert any("row 2, column 'systolic_bp'" in p for p in found)
    assert any("row 6, column 'withdrawal_reason'" in p for p in found)
    assert any("row 11, column 'weight_not_collected_reason'" in p for p in found)


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path):
    with pytest.raises(DataValidationError) as caught:
        evaluate(tmp_path / "nowhere.csv")
    assert "nowhere.csv: No file found" in str(caught.value)


def test_rows_after_withdrawal_may_be_left_out_and_missing_follow_up_is_fine(tmp_path):
    rows = person("P1") + person("P2", withdraw_at=1)[:2] + person("P3", missed=(1,))
    path = write(tmp_path, "ok.csv", csv_text(rows))
    assert len(read_evaluation_csv(path)) == 8
    # A file written before anyone reached follow-up.
    early = [row for row in rows if row["time_point"] != "follow-up"]
    assert len(read_evaluation_csv(write(tmp_path, "early.csv", csv_text(early)))) == 6


def test_a_measure_nobody_collected_needs_no_reasons(tmp_path):
    blank = {"confidence": "", "social_contacts": ""}
    rows = person("P1", values=blank) + person("P2", values=blank)
    assert len(read_evaluation_csv(write(tmp_path, "ok.csv", csv_text(rows)))) == 6


def test_the_synthetic_example_reads_typed():
    frame = read_evaluation_csv(example_path())
    assert list(frame.columns) == field_names()
    # Whole numbers in a pandas nullable integer type (its size follows the schema's range).
    assert str(frame["systolic_bp"].dtype).startswith("Int")
    assert str(frame["weight_kg"].dtype) == "Float64"
    # Text as codes into its distinct values, held once each as strings and sorted, so that
    # a file of a million rows takes a byte or so a row for each text column.
    site = frame["site"].dtype
    assert isinstance(site, pd.CategoricalDtype)
    assert site.categories.dtype == TEXT
    assert list(site.categories) == sorted(set(frame["site"].dropna()))
    assert frame["participant_id"].nunique() == 33


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its categorical text columns as plain strings, to compare values."""
    return frame.astype(
        {c: TEXT for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)}
    )


@pytest.mark.parametrize(
    "edit",
    [
        {"site": " Synthetic site A"},
        {"systolic_bp": " 138 "},
        {"systolic_bp": "138.0"},
        {"bp_not_collected_reason": "Declined, felt unwell"},
    ],
    ids=["spaces in text", "spaces in number", "138.0", "comma in text"],
)
def test_how_a_cell_is_written_does_not_change_what_is_read(tmp_path, edit):
    plain = read_evaluation_csv(write(tmp_path, "plain.csv", csv_text(example_rows())))
    frame = read_evaluation_csv(write(tmp_path, "input.csv", csv_text(changed(r2=edit))))
    column, value = next(iter(edit.items()))
    expected = _as_text(plain)
    if column == "bp_not_collected_reason":
        expected.loc[0, column] = value
    elif column == "systolic_bp":
        expected.loc[0, column] = int(float(value))
    assert_frame_equal(_as_text(frame), expected)


def test_true_in_a_number_column_of_only_ones_is_refused(tmp_path):
    rows = person("P1", values={"ipaq_vigorous_days": "1"}) + person("P2")
    rows[0]["ipaq_vigorous_days"] = "True"
    for row in rows[1:]:
        if row["status"] == "assessed":
            row["ipaq_vigorous_days"] = "1"
    path = write(tmp_path, "input.csv", csv_text(rows))
    found = problems_for(path)
    assert any("column 'ipaq_vigorous_days': expected a whole number" in p for p in found)
