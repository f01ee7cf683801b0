"""Reading a user's CSV: every problem reported with file, row, column and value; file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from coproduce import DataValidationError
from coproduce.userfile import MAX_ROWS_PER_PROBLEM, read_checked_csv

SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "score", "type": "integer", "constraints": {"minimum": 1, "maximum": 5}},
        {"name": "when", "type": "date", "constraints": {"required": True}},
        {"name": "role", "type": "string", "constraints": {"enum": ["staff", "service user"]}},
        {"name": "weight", "type": "number", "constraints": {"minimum": 20}},
        {"name": "attended", "type": "boolean"},
    ],
    "primaryKey": ["id"],
}
HEADER = "id,score,when,role,weight,attended\n"


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def problems_for(path: Path, **kwargs) -> list[str]:
    before = path.read_bytes()
    with pytest.raises(DataValidationError) as caught:
        read_checked_csv(path, SCHEMA, **kwargs)
    assert path.read_bytes() == before, "the user's file must never change"
    assert "Traceback" not in str(caught.value)
    return [str(p) for p in caught.value.problems]


def test_a_good_file_loads_typed(tmp_path):
    path = write(
        tmp_path,
        "good.csv",
        HEADER + "1,3,2024-01-02,staff,70.5,yes\n2,,2024-02-03,service user,,no\n",
    )
    frame = read_checked_csv(path, SCHEMA)
    types = [str(t) for t in frame.dtypes]
    assert types[2].startswith("datetime64")
    # An id with no maximum is 64-bit; a score from 1 to 5 fits in one byte.
    assert types[:2] + types[3:] == ["Int64", "Int8", "string", "Float64", "boolean"]
    assert frame["score"].isna().tolist() == [False, True]
    assert frame["attended"].tolist() == [True, False]


def test_every_cell_problem_is_reported_at_once(tmp_path):
    path = write(
        tmp_path, "bad.csv", HEADER + "1,6,2024-01-02,staff,70,yes\n2,x,2024-13-01,boss,-3,maybe\n"
    )
    found = problems_for(path)
    assert "bad.csv, row 2, column 'score': expected a value from 1 to 5 (found '6')" in found
    assert "bad.csv, row 3, column 'score': expected a whole number (found 'x')" in found
    assert (
        "bad.csv, row 3, column 'when': expected a date written as YYYY-MM-DD (found '2024-13-01')"
        in found
    )
    assert (
        "bad.csv, row 3, column 'role': expected one of: staff, service user (found 'boss')"
        in found
    )
    assert "bad.csv, row 3, column 'weight': expected a value of at least 20 (found '-3')" in found
    assert "bad.csv, row 3, column 'attended': expected yes or no (found 'maybe')" in found


def test_missing_and_misspelt_columns(tmp_path):
    path = write(tmp_path, "cols.csv", "id,scor,when,role,weight\n1,3,2024-01-02,staff,70\n")
    found = problems_for(path)
    assert any("column 'score' is missing; is 'scor' a misspelling of it?" in p for p in found)
    assert any("column 'attended' is missing" in p for p in found)


def test_unexpected_columns_are_refused_unless_allowed(tmp_path):
    path = write(tmp_path, "extra.csv", HEADER.strip() + ",notes\n1,3,2024-01-02,staff,70,yes,hi\n")
    assert any("unexpected column" in p for p in problems_for(path))
    frame = read_checked_csv(path, SCHEMA, allow_extra_columns=True)
    assert frame["notes"].tolist() == ["hi"]


def test_duplicate_keys_name_every_row(tmp_path):
    path = write(
        tmp_path, "dup.csv", HEADER + "1,3,2024-01-02,staff,70,yes\n1,4,2024-01-03,staff,71,no\n"
    )
    expected = "id 1 appears on more than one row (rows 2, 3); each may appear once"
    assert problems_for(path) == [f"dup.csv, row 2, column 'id': {expected}"]


def test_required_values(tmp_path):
    path = write(tmp_path, "req.csv", HEADER + "1,3,,staff,70,yes\n")
    assert problems_for(path) == ["req.csv, row 2, column 'when': a value is required here"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "The file is empty"),
        (b"   \n\n", "The file is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "Excel workbook"),
        (
            HEADER.encode() + "1,3,2024-01-02,caf\xe9,70,yes\n".encode("latin-1"),
            "not saved as UTF-8",
        ),
        (
            b"id;score;when;role;weight;attended\n1;3;2024-01-02;staff;70;yes\n",
            "separated by semicolons",
        ),
        (HEADER.encode(), "no data rows"),
        (HEADER.encode() + b"1,3,2024-01-02,staff,70,yes,extra,more\n", "stray comma"),
        (
            HEADER.encode() + b"1,3,2024-01-02,staff,70,yes\n2,3,2024-01-02,staff,70,yes,x\n",
            "stray comma",
        ),
    ],
    ids=[
        "empty",
        "blank",
        "xlsx",
        "xls",
        "latin-1",
        "semicolons",
        "header-only",
        "ragged",
        "ragged-later",
    ],
)
def test_unreadable_files_get_one_clear_message(tmp_path, content, expected):
    path = write(tmp_path, "input.csv", content)
    found = problems_for(path)
    assert any(expected in p for p in found), found
    assert all(p.startswith("input.csv") for p in found)


def test_a_byte_order_mark_from_excel_is_fine(tmp_path):
    path = write(tmp_path, "bom.csv", "\ufeff" + HEADER + "1,3,2024-01-02,staff,70,yes\n")
    assert read_checked_csv(path, SCHEMA)["id"].tolist() == [1]


def test_long_runs_of_one_problem_are_summarised(tmp_path):
    rows = "".join(f"{i},9,2024-01-02,staff,70,yes\n" for i in range(1, 101))
    found = problems_for(write(tmp_path, "many.csv", HEADER + rows))
    assert len(found) == MAX_ROWS_PER_PROBLEM + 1
    assert "and 90 more rows with the same problem" in found[-1]


def test_cross_column_checks_run_on_clean_data(tmp_path):
    path = write(tmp_path, "x.csv", HEADER + "1,3,2024-01-02,staff,70,yes\n")

    def no_staff(frame, label):
        from coproduce import DataProblem

        return (
            [DataProblem(label, "no staff please", row=2, column="role")]
            if (frame["role"] == "staff").any()
            else []
        )

    with pytest.raises(DataValidationError, match="no staff please"):
        read_checked_csv(path, SCHEMA, extra_checks=[no_staff])


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(DataValidationError, match="No file found"):
        read_checked_csv(tmp_path / "nope.csv", SCHEMA)
