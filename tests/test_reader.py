"""The one reader: the same file however it was saved, Excel workbooks, and spreadsheet exports.

Every file here is made from a SYNTHETIC example in ``data/`` and its schema in
``data/datapackage.json``, so the tests follow the data rather than restating it.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from pandas.testing import assert_frame_equal

from coproduce import DataValidationError
from coproduce.reader import read_table
from coproduce.resources import resource, spreadsheet_template, user_resources, write_templates

EVALUATION = resource("evaluation_example")


def example_cells(item=EVALUATION) -> tuple[list[str], list[list[str]]]:
    """The SYNTHETIC example of ``item`` as its heading row and rows of text cells."""
    with item.example.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def csv_bytes(
    header: list[str], rows: list[list[str]], *, quoting=csv.QUOTE_MINIMAL, ending="\n"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=quoting, lineterminator=ending)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def workbook_bytes(header: list[str], rows: list[list[object]], title: str = "Sheet1") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def typed_cells(header: list[str], rows: list[list[str]], item=EVALUATION) -> list[list[object]]:
    """Rows as a spreadsheet holds them: numbers as numbers, blanks as empty cells."""
    kinds = {spec["name"]: spec.get("type", "string") for spec in item.fields}
    out = []
    for row in rows:
        cells: list[object] = []
        for name, value in zip(header, row, strict=True):
            if value == "":
                cells.append(None)
            elif kinds[name] in ("integer", "number"):
                cells.append(float(value) if "." in value else int(value))
            else:
                cells.append(value)
        out.append(cells)
    return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problems(path: Path, schema=None, **kwargs) -> list[str]:
    """Every problem reported for ``path``; the file must be byte for byte unchanged."""
    before = digest(path)
    with pytest.raises(DataValidationError) as caught:
        read_table(path, schema or EVALUATION.schema, **kwargs)
    assert digest(path) == before, "the user's file must never change"
    assert "Traceback" not in caught.value.report()
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture(scope="module")
def canonical() -> pd.DataFrame:
    return read_table(EVALUATION.example, EVALUATION.schema)


def _two_point_zero(header: list[str], rows: list[list[str]]) -> bytes:
    integers = {s["name"] for s in EVALUATION.fields if s.get("type") == "integer"}
    changed = [
        [v + ".0" if name in integers and v else v for name, v in zip(header, row, strict=True)]
        for row in rows
    ]
    return csv_bytes(header, changed)


def _reordered(header: list[str], rows: list[list[str]]) -> bytes:
    return csv_bytes(header[::-1], [row[::-1] for row in rows])


SAVED_AS = {
    "byte order mark": lambda h, r: b"\xef\xbb\xbf" + csv_bytes(h, r),
    "CRLF line ends": lambda h, r: csv_bytes(h, r, ending="\r\n"),
    "every value quoted": lambda h, r: csv_bytes(h, r, quoting=csv.QUOTE_ALL),
    "reordered columns": _reordered,
    "integers written as 2.0": _two_point_zero,
    "trailing empty rows": lambda h, r: csv_bytes(h, r) + b"," * (len(h) - 1) + b"\n\n\n",
    "trailing empty columns": lambda h, r: csv_bytes([*h, "", ""], [[*row, "", ""] for row in r]),
    "Excel's CSV UTF-8": lambda h, r: b"\xef\xbb\xbf" + csv_bytes(h, r, ending="\r\n"),
}


@pytest.mark.parametrize("saved_as", list(SAVED_AS))
def test_the_same_rows_read_the_same_however_the_file_was_saved(
    tmp_path, canonical, saved_as, reading
):
    header, rows = example_cells()
    path = tmp_path / "saved.csv"
    path.write_bytes(SAVED_AS[saved_as](header, rows))
    assert_frame_equal(read_table(path, EVALUATION.schema), canonical)


def test_an_empty_row_in_the_middle_is_left_out_and_row_numbers_stay_true(tmp_path, reading):
    header, rows = example_cells()
    path = tmp_path / "gap.csv"
    path.write_bytes(csv_bytes(header, [rows[0], [""] * len(header), *rows[1:]]))
    frame = read_table(path, EVALUATION.schema)
    assert len(frame) == len(rows)
    # The row after the gap is file row 4: its index says so (index + 2 = row number).
    assert frame.index[1] == 2
    rows[2][header.index("swemwbs_1")] = "9"
    path.write_bytes(csv_bytes(header, [rows[0], [""] * len(header), *rows[1:]]))
    assert any("row 5, column 'swemwbs_1'" in p for p in problems(path))


def test_a_workbook_reads_the_same_as_the_csv(tmp_path, canonical):
    header, rows = example_cells()
    path = tmp_path / "mine.xlsx"
    path.write_bytes(workbook_bytes(header, typed_cells(header, rows)))
    before = digest(path)
    assert_frame_equal(read_table(path, EVALUATION.schema), canonical)
    assert digest(path) == before


def test_a_long_sheet_is_read_in_batches_and_keeps_its_row_numbers(
    tmp_path, canonical, monkeypatch
):
    """A sheet is coded a batch of rows at a time (here 7), never held whole as strings."""
    from coproduce import reader

    monkeypatch.setattr(reader, "_SHEET_BATCH", 7)
    header, rows = example_cells()
    cells = typed_cells(header, rows)
    path = tmp_path / "long.xlsx"
    path.write_bytes(workbook_bytes(header, cells))
    assert_frame_equal(read_table(path, EVALUATION.schema), canonical)
    # Far down the sheet: a value in a column with no heading, and a value out of range.
    at = len(rows) - 2
    cells[at] = [*cells[at], "stray"]
    whole = _integer_field()
    cells[at - 10][header.index(whole["name"])] = whole["constraints"]["maximum"] + 1
    path.write_bytes(workbook_bytes(header, cells))
    found = problems(path)
    assert any(f"row {at + 2}:" in p and "has values but no heading" in p for p in found), found
    assert any(f"row {at - 8}, column '{whole['name']}'" in p for p in found), found


def test_a_named_sheet_is_read_and_a_missing_one_is_named(tmp_path, canonical):
    header, rows = example_cells()
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["These notes are not data"])
    data = book.create_sheet("Evaluation")
    data.append(header)
    for row in typed_cells(header, rows):
        data.append(row)
    path = tmp_path / "two sheets.xlsx"
    book.save(path)
    assert_frame_equal(read_table(path, EVALUATION.schema, sheet="Evaluation"), canonical)
    found = problems(path, sheet="Results")
    assert found == [
        "two sheets.xlsx: the workbook has no sheet called 'Results'; its sheets are 'Notes', "
        "'Evaluation'"
    ]


def test_a_workbook_saved_with_a_csv_name_is_still_read(tmp_path, canonical):
    header, rows = example_cells()
    path = tmp_path / "really a workbook.csv"
    path.write_bytes(workbook_bytes(header, typed_cells(header, rows)))
    assert_frame_equal(read_table(path, EVALUATION.schema), canonical)


def _bounds(bits: int) -> tuple[int, int]:
    return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1


def test_whole_numbers_come_back_in_the_smallest_type_their_range_allows(canonical):
    """A 1-to-5 rating takes 1 byte a row, not 8; a count with no maximum stays 64-bit."""
    for spec in EVALUATION.fields:
        if spec.get("type") != "integer":
            continue
        dtype = canonical[spec["name"]].dtype
        bits = dtype.itemsize * 8
        assert str(dtype) == f"Int{bits}", spec["name"]
        constraints = spec.get("constraints", {})
        low, high = constraints.get("minimum"), constraints.get("maximum")
        if low is None or high is None:
            assert bits == 64, spec["name"]
            continue
        smallest, largest = _bounds(bits)
        assert smallest <= low and high <= largest, spec["name"]
        if bits > 8:
            smaller_low, smaller_high = _bounds(bits // 2)
            assert low < smaller_low or high > smaller_high, f"{spec['name']} could be smaller"


def test_text_as_categories_holds_the_same_values_with_only_the_values_rows_use(tmp_path):
    """A large file's text as 1-byte codes: same values, sorted categories, none left over."""
    header, rows = example_cells()
    texts = [s["name"] for s in EVALUATION.fields if s.get("type", "string") == "string"]
    plain = read_table(EVALUATION.example, EVALUATION.schema)
    coded = read_table(EVALUATION.example, EVALUATION.schema, text_as_categories=True)
    for name in texts:
        dtype = coded[name].dtype
        assert isinstance(dtype, pd.CategoricalDtype), name
        assert list(dtype.categories) == sorted(set(plain[name].dropna())), name
        assert coded[name].astype(plain[name].dtype).equals(plain[name]), name
    # A value written with spaces around it is the same category as the value without.
    column = header.index("site")
    rows[0][column] = f"  {rows[0][column]} "
    path = tmp_path / "spaces.csv"
    path.write_bytes(csv_bytes(header, rows))
    spaced = read_table(path, EVALUATION.schema, text_as_categories=True)
    assert list(spaced["site"].cat.categories) == list(coded["site"].cat.categories)
    assert spaced["site"].cat.codes.dtype.itemsize == 1


@pytest.mark.parametrize("value", ["300", "-129", "100000", "2.5"])
def test_a_whole_number_its_small_type_cannot_hold_is_named_not_cut_short(tmp_path, value, reading):
    """A value outside a small column type is reported against the schema, never wrapped."""
    spec = next(
        s
        for s in EVALUATION.fields
        if s.get("type") == "integer" and s.get("constraints", {}).get("maximum", 999) < 127
    )
    header, rows = example_cells()
    # The last row with a value: when the file is read in pieces, it is in the last piece.
    at = len(rows) - 1 - _assessed_row(header, rows[::-1], spec["name"])
    rows[at][header.index(spec["name"])] = value
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes(header, rows))
    mine = [p for p in problems(path) if f"row {at + 2}, column '{spec['name']}'" in p]
    assert len(mine) == 1, mine
    assert f"(found {value!r})" in mine[0]
    expected = "expected a whole number" if value == "2.5" else "expected a value from"
    assert expected in mine[0], mine[0]


def _number_field(item=EVALUATION) -> dict:
    """A number (not whole number) field of the schema with a minimum and a maximum."""
    return next(
        s
        for s in item.fields
        if s.get("type") == "number" and {"minimum", "maximum"} <= set(s.get("constraints", {}))
    )


def _integer_field(item=EVALUATION) -> dict:
    return next(
        s
        for s in item.fields
        if s.get("type") == "integer" and {"minimum", "maximum"} <= set(s.get("constraints", {}))
    )


def _enum_field(item=EVALUATION) -> dict:
    return next(s for s in item.fields if "enum" in s.get("constraints", {}))


def _assessed_row(header: list[str], rows: list[list[str]], name: str) -> int:
    """Index of the first row with a value in column ``name``."""
    return next(i for i, row in enumerate(rows) if row[header.index(name)])


def _bad_exports() -> dict[str, tuple]:
    """Spreadsheet-export mistakes: (what to change, what the message must say)."""
    number, whole, enum = _number_field(), _integer_field(), _enum_field()
    low = number["constraints"]["minimum"]
    return {
        "N/A in a number column": (whole["name"], "N/A", ["leave the cell empty"]),
        "dash in a number column": (number["name"], "-", ["leave the cell empty"]),
        "decimal comma": (
            number["name"],
            f"{low + 1},5",
            ["decimals with a point", "not a comma"],
        ),
        "value below the range": (
            number["name"],
            str(low - 1),
            [f"expected a value from {low}"],
        ),
        "not an allowed value": (enum["name"], "something else", ["expected one of: "]),
    }


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("case", list(_bad_exports()))
def test_a_bad_cell_is_named_with_row_column_value_and_what_to_do(tmp_path, case, kind):
    column, value, expected = _bad_exports()[case]
    header, rows = example_cells()
    at = _assessed_row(header, rows, column)
    if kind == "csv":
        rows[at][header.index(column)] = value
        path = tmp_path / "export.csv"
        path.write_bytes(csv_bytes(header, rows))
        file_label = "export.csv"
    else:
        cells = typed_cells(header, rows)
        cells[at][header.index(column)] = value
        path = tmp_path / "export.xlsx"
        path.write_bytes(workbook_bytes(header, cells, title="My data"))
        file_label = "export.xlsx (sheet 'My data')"
    found = problems(path)
    mine = [p for p in found if f"row {at + 2}, column '{column}'" in p]
    assert mine, found
    assert mine[0].startswith(file_label)
    assert f"(found {value!r})" in mine[0]
    for fragment in expected:
        assert fragment in mine[0], mine[0]


def test_cross_column_checks_still_run_when_a_cell_is_wrong(tmp_path):
    """A bad cell on one row and a tool's rule broken on another: both in one round."""
    header, rows = example_cells()
    whole = _integer_field()
    rows[0][header.index(whole["name"])] = "N/A"
    at = _assessed_row(header, rows[5:], "systolic_bp") + 5
    rows[at][header.index("systolic_bp")] = "80"
    rows[at][header.index("diastolic_bp")] = "90"
    path = tmp_path / "two rounds in one.csv"
    path.write_bytes(csv_bytes(header, rows))
    from coproduce.evaluation import read_evaluation_csv

    with pytest.raises(DataValidationError) as caught:
        read_evaluation_csv(path)
    found = [str(p) for p in caught.value.problems]
    assert any(f"row 2, column '{whole['name']}'" in p for p in found), found
    assert any(f"row {at + 2}, column 'systolic_bp'" in p and "swapped" in p for p in found)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_duplicate_headings_are_named_as_such(tmp_path, kind):
    header, rows = example_cells()
    header = [*header, header[1]]
    rows = [[*row, row[1]] for row in rows]
    path = tmp_path / f"copied column.{kind}"
    if kind == "csv":
        path.write_bytes(csv_bytes(header, rows))
    else:
        path.write_bytes(workbook_bytes(header, typed_cells(header, rows)))
    found = problems(path)
    assert any(
        f"row 1, column '{header[1]}': the heading '{header[1]}' appears 2 times" in p
        for p in found
    ), found


def test_semicolons_and_decimal_commas_are_explained(tmp_path):
    header, rows = example_cells()
    path = tmp_path / "european.csv"
    path.write_bytes(csv_bytes(header, rows).replace(b",", b";"))
    (found,) = problems(path)
    assert "european.csv, row 1: the columns are separated by semicolons" in found
    assert "decimal" in found and "72.5" in found


def test_windows_1252_is_explained_with_how_to_save_as_utf8(tmp_path):
    header, rows = example_cells()
    column = header.index("site")
    rows[3][column] = "Caf\u00e9 site \u2019B\u2019"
    path = tmp_path / "ansi.csv"
    path.write_bytes(csv_bytes(header, rows).decode("utf-8").encode("cp1252"))
    (found,) = problems(path)
    assert found.startswith("ansi.csv, row 5: the file is not saved as UTF-8")
    assert "Windows-1252" in found and "CSV UTF-8" in found
    assert "Café" in found


def test_a_column_with_values_but_no_heading_is_named(tmp_path):
    header, rows = example_cells()
    path = tmp_path / "notes.csv"
    path.write_bytes(csv_bytes([*header, ""], [[*row, "a note"] for row in rows]))
    found = problems(path)
    assert found == [
        f"notes.csv, row 2: column {len(header) + 1} has values but no heading; give it a "
        "heading, or delete the column (found 'a note')"
    ]


# --------------------------------------------------------------------------------------------
# Spreadsheet templates


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("templates")
    write_templates(folder)
    return folder


def _validations(sheet) -> dict[str, list]:
    """Data validations of ``sheet`` by the column letter they cover."""
    found: dict[str, list] = {}
    for rule in sheet.data_validations.dataValidation:
        for cells in str(rule.sqref).split():
            found.setdefault("".join(c for c in cells.split(":")[0] if c.isalpha()), []).append(
                rule
            )
    return found


def _list_values(book, formula: str) -> list[str]:
    sheet_name, cells = formula.split("!")
    first, last = cells.replace("$", "").split(":")
    sheet = book[sheet_name]
    return [str(row[0].value) for row in sheet[f"{first}:{last}"]]


@pytest.mark.parametrize("item", user_resources(), ids=lambda item: item.name)
def test_each_spreadsheet_template_follows_the_schema(written, item):
    from openpyxl.utils import get_column_letter

    book = load_workbook(written / item.spreadsheet_template.name)
    data = book.worksheets[0]
    assert [cell.value for cell in data[1]] == item.field_names
    rules = _validations(data)
    for number, spec in enumerate(item.fields, start=1):
        constraints = spec.get("constraints", {})
        column = get_column_letter(number)
        mine = rules.get(column, [])
        if "enum" in constraints:
            (rule,) = [r for r in mine if r.type == "list"]
            assert _list_values(book, rule.formula1) == [str(v) for v in constraints["enum"]]
        elif spec.get("type") in ("integer", "number") and "minimum" in constraints:
            (rule,) = mine
            assert rule.type == ("whole" if spec["type"] == "integer" else "decimal")
            assert float(rule.formula1) == constraints["minimum"]
            if "maximum" in constraints:
                assert float(rule.formula2) == constraints["maximum"]
        for rule in mine:
            assert rule.showErrorMessage, f"{spec['name']}: Excel must refuse other values"
    about = book["About this form"]
    listed = [row[0] for row in about.iter_rows(min_row=6, values_only=True)]
    assert listed == item.field_names
    assert about["A1"].value == item.title


@pytest.mark.parametrize("item", user_resources(), ids=lambda item: item.name)
def test_committed_templates_are_the_ones_the_schema_makes(item):
    assert item.template.read_text(encoding="utf-8") == ",".join(item.field_names) + "\n"
    assert item.spreadsheet_template.read_bytes() == spreadsheet_template(item), (
        f"{item.spreadsheet_template.name} is out of date: run 'python -m coproduce.resources'"
    )


@pytest.mark.parametrize("item", user_resources(), ids=lambda item: item.name)
def test_a_filled_in_spreadsheet_template_reads_like_the_example(tmp_path, item):
    header, rows = example_cells(item)
    book = load_workbook(item.spreadsheet_template)
    sheet = book.worksheets[0]
    order = [header.index(name) for name in item.field_names]
    for row in typed_cells(header, rows, item):
        sheet.append([row[i] for i in order])
    path = tmp_path / "filled.xlsx"
    book.save(path)
    expected = read_table(item.example, item.schema, allow_extra_columns=True)
    frame = read_table(path, item.schema, allow_extra_columns=True)
    assert_frame_equal(frame, expected[frame.columns])
