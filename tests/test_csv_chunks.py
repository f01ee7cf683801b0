"""A large CSV file is cut into pieces parsed on two threads: nothing lost, moved or misread.

The ``reading`` fixture (see ``conftest.py``) makes the pieces tiny, so that the small files
here are cut many times, as a file of a million rows is.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from coproduce import DataValidationError, csv_chunks
from coproduce.reader import read_table
from coproduce.resources import resource

EVALUATION = resource("evaluation_example")
#: A small schema with a free-text column, whose values may hold line breaks.
NOTES = {
    "fields": [
        {"name": "visit", "type": "integer", "constraints": {"required": True}},
        {"name": "note", "type": "string"},
    ]
}
OPTIONS = {"header": None, "skiprows": 1, "dtype": str, "keep_default_na": False}


def _rows() -> tuple[list[str], list[list[str]]]:
    with EVALUATION.example.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]], ending: str = "\n") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=ending)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def test_the_pieces_hold_every_row_once_in_the_files_order(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_chunks, "PIECE_BYTES", 1024)
    monkeypatch.setattr(csv_chunks, "usable_cores", lambda: 2)
    header, rows = _rows()
    path = _write(tmp_path / "crlf.csv", header, rows, ending="\r\n")
    options = {**OPTIONS, "encoding": "utf-8-sig"}
    pieces = list(csv_chunks.chunks(path, options))
    assert len(pieces) > 2, "the file should have been cut into several pieces"
    whole = pd.read_csv(path, **options)
    assert_frame_equal(pd.concat(pieces, ignore_index=True), whole)
    assert whole.values.tolist() == rows


def test_a_line_break_inside_quotes_where_a_piece_is_cut_is_read_right(tmp_path, monkeypatch):
    """A note of several lines is cut between pieces: the file is read again in one go."""
    notes = [[str(i), "\n".join(f"line {n} of note {i}" for n in range(8))] for i in range(60)]
    path = _write(tmp_path / "notes.csv", ["visit", "note"], notes)
    one_run = read_table(path, NOTES)

    monkeypatch.setattr(csv_chunks, "PIECE_BYTES", 1024)
    monkeypatch.setattr(csv_chunks, "usable_cores", lambda: 2)
    with pytest.raises(pd.errors.ParserError):
        list(csv_chunks.chunks(path, {**OPTIONS, "encoding": "utf-8-sig"}))
    in_pieces = read_table(path, NOTES)
    assert_frame_equal(in_pieces, one_run)
    assert in_pieces["note"].tolist() == [note for _, note in notes]


def _problems(path: Path) -> list[str]:
    before = path.read_bytes()
    with pytest.raises(DataValidationError) as caught:
        read_table(path, EVALUATION.schema)
    assert path.read_bytes() == before, "the user's file must never change"
    return [str(problem) for problem in caught.value.problems]


def test_a_bad_cell_in_a_late_piece_is_named_with_its_own_row(tmp_path, reading):
    header, rows = _rows()
    column = "swemwbs_1"
    at = max(i for i, row in enumerate(rows) if row[header.index(column)])
    rows[at][header.index(column)] = "N/A"
    found = _problems(_write(tmp_path / "late.csv", header, rows))
    mine = [p for p in found if f"row {at + 2}, column '{column}'" in p]
    assert mine and "leave the cell empty" in mine[0], found


def test_a_stray_value_in_a_late_piece_is_named_with_its_own_row(tmp_path, reading):
    header, rows = _rows()
    rows[-3].append("stray")
    found = _problems(_write(tmp_path / "ragged.csv", header, rows))
    assert found and all(f"row {len(rows) - 3 + 2}" in p for p in found), found
    assert "stray comma" in found[0]
