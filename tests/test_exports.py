"""CSV and spreadsheet exports neutralise formula cells (OWASP CSV injection)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from coproduce.present.exports import neutralise_formulas, write_table

ATTACKS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": [*ATTACKS, "plain words"],
            "number": [-5, 3, 0, -2, 7, 1, -1],
            "mixed": ["[c]", -10, "=1+1", 15, None, "ok", 2.5],
        }
    )


def _read_back(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_formula_start_gets_a_leading_apostrophe_and_nothing_else_changes():
    safe = neutralise_formulas(_frame())
    assert safe["text"].tolist() == ["'" + a for a in ATTACKS] + ["plain words"]
    assert safe["mixed"].tolist()[:4] == ["[c]", -10, "'=1+1", 15]


def test_a_negative_number_in_a_number_column_stays_a_number(tmp_path):
    path = write_table(_frame(), tmp_path / "out.csv")
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert pd.api.types.is_numeric_dtype(frame["number"])
    assert frame["number"].tolist() == _frame()["number"].tolist()


def test_the_csv_file_has_no_cell_a_spreadsheet_would_run(tmp_path):
    path = write_table(_frame(), tmp_path / "sub" / "out.csv")
    rows = _read_back(path)
    for row in rows:
        for column in ("text", "mixed"):
            cell = row[column]
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not (cell.startswith("-") and not _is_number(cell)), cell
    assert rows[0]["text"] == "'" + ATTACKS[0]


def test_headings_and_the_index_are_neutralised_too(tmp_path):
    frame = pd.DataFrame({"=evil()": [1]}, index=pd.Index(["@x"], name="+name"))
    path = write_table(frame, tmp_path / "out.csv", index=True)
    header = path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "'+name,'=evil()"


def test_other_file_kinds_are_refused_in_words(tmp_path):
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        write_table(_frame(), tmp_path / "out.txt")


def test_a_spreadsheet_is_neutralised_or_refused_with_the_package_to_install(tmp_path):
    path = tmp_path / "out.xlsx"
    try:
        import openpyxl
    except ImportError:
        with pytest.raises(RuntimeError, match="openpyxl"):
            write_table(_frame(), path)
        assert not path.exists()
        return
    write_table(_frame(), path)
    sheet = openpyxl.load_workbook(path).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert sheet["A2"].value == "'" + ATTACKS[0]
    assert sheet["B2"].value == -5


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
