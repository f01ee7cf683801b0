"""The one reader for a user's file: CSV or Excel in, a typed table or every problem out.

Professionals point the guide's tools at their own service's files, exported from Excel or from
a patient record system. :func:`read_table` reads such a file against a Frictionless table
schema (from ``data/datapackage.json``; see :mod:`coproduce.resources`) and either returns a
typed :class:`pandas.DataFrame` or raises one :class:`~coproduce.problems.DataValidationError`
that lists every problem, each naming the file, row, column, the value found and what was
expected. It only ever reads the file.

The same file is accepted however it was saved: with or without a byte order mark, with Windows
(CRLF) line ends, with quoted values, with its columns in another order, with whole numbers
written as ``2.0``, and with the empty rows and empty columns spreadsheets add at the end. An
``.xlsx`` workbook is read with openpyxl (the first sheet, or the one named by ``sheet``) and
checked the same way; row numbers are then the sheet's own.

Every check is written once and runs on whole columns: number columns are parsed by pandas' C
parser straight into numbers, text columns are checked on their distinct values. A valid file of
a million rows is therefore checked in little more than the time pandas takes to read it. When a
number column holds text (``N/A``, ``72,5``), that column is read again as text so that each
offending cell can be named; the checks themselves are the same.

Rules that span columns or rows belong to a tool, not to the reader: a tool passes them in as
``extra_checks``, callables ``(frame, label) -> problems``. They run whenever every column is
present, even if some cells were wrong (those cells are then blank in the frame they see, and
their problems on rows already reported are left out), so a user fixes more in one round.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import math
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coproduce import csv_chunks
from coproduce.problems import DataProblem, DataValidationError

#: How many rows to list for one kind of problem in one column before summarising the rest.
MAX_ROWS_PER_PROBLEM = 10

#: A cross-row or cross-column check a tool passes in: ``(frame, label) -> problems``.
ExtraCheck = Callable[[pd.DataFrame, str], Iterable[DataProblem]]

#: The type of every text column: pandas strings held as Python strings, whichever storage
#: pandas would choose by default. Each distinct value is then held once, however many rows
#: repeat it, and comparing or grouping a million rows stays fast.
TEXT = pd.StringDtype(storage="python")

#: File name endings read as Excel workbooks.
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_ZIP = b"PK\x03\x04"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
_NUMERIC = ("integer", "number", "year")
_TYPE_WORDS = {
    "integer": "a whole number",
    "year": "a year such as 2024",
    "number": "a number",
    "date": "a date written as YYYY-MM-DD",
    "datetime": "a date written as YYYY-MM-DD",
    "boolean": "yes or no",
    "string": "text",
}
#: What spreadsheets and exports put in a cell that has no value.
_NOT_A_VALUE = {"n/a", "na", "-", "--", "---", "null", "none", "nan", "missing", ".", "?", "#n/a"}
_DECIMAL_COMMA = re.compile(r"\s*[-+]?\d+(,\d+)+\s*")
_SAVE_UTF8 = (
    "In Excel choose File > Save As and the type 'CSV UTF-8 (Comma delimited) (*.csv)'; in "
    "LibreOffice tick 'Edit filter settings' when saving and choose the character set "
    "'Unicode (UTF-8)'."
)


# --------------------------------------------------------------------------------------------
# Schema


def schema_dict(schema: Any) -> dict[str, Any]:
    """A table schema as a dictionary (accepts a Frictionless ``Schema`` or a mapping)."""
    if isinstance(schema, Mapping):
        return dict(schema)
    if hasattr(schema, "to_descriptor"):
        return schema.to_descriptor()
    raise TypeError("schema must be a Frictionless Schema or a table schema dictionary")


def _key(descriptor: dict[str, Any]) -> list[str]:
    key = descriptor.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


# --------------------------------------------------------------------------------------------
# Problems


def _show(value: Any) -> str:
    """A value as a person would write it in a cell (``2`` not ``2.0``, dates as YYYY-MM-DD)."""
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float | np.floating):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return str(value)


@dataclass
class _Collector:
    """Problems found so far, and every row that has a problem in one of its cells."""

    label: str
    index: pd.Index
    problems: list[DataProblem] = field(default_factory=list)
    bad_rows: np.ndarray | None = None

    def rows(
        self,
        mask: np.ndarray,
        column: str,
        message: str | Callable[[str], str],
        value_at: Callable[[np.ndarray], list[str]],
    ) -> None:
        """One problem per row where ``mask`` holds (up to a limit, then one summary line).

        ``value_at`` gives the values, as text, at some positions; ``message`` may depend on
        the value (to explain a decimal comma, say).
        """
        positions = np.flatnonzero(mask)
        if not len(positions):
            return
        if self.bad_rows is None:
            self.bad_rows = np.zeros(len(self.index), dtype=bool)
        self.bad_rows |= mask
        shown = positions[:MAX_ROWS_PER_PROBLEM]
        for position, value in zip(shown, value_at(shown), strict=True):
            text = message(value) if callable(message) else message
            row = int(self.index[position]) + 2
            self.problems.append(DataProblem(self.label, text, row=row, column=column, value=value))
        rest = len(positions) - len(shown)
        if rest > 0:
            text = message(value_at(shown[:1])[0]) if callable(message) else message
            summary = f"... and {rest:,} more rows with the same problem ({text})"
            self.problems.append(DataProblem(self.label, summary, column=column))


def _fail(label: str, message: str, **where: Any) -> DataValidationError:
    return DataValidationError([DataProblem(label, message, **where)])


# --------------------------------------------------------------------------------------------
# Getting the cells out of a file


@dataclass
class _Source:
    """A file's heading row and how to get its cells, before any check."""

    label: str
    header: list[str]
    #: A workbook's cells, read already: each column's text as ``(codes, distinct)`` (see
    #: :class:`_Cells`), and how many data rows there are.
    coded: dict[int, tuple[np.ndarray, np.ndarray]] | None = None
    rows: int = 0
    #: CSV only: the file, and how to read it again.
    path: Path | None = None
    csv_options: dict[str, Any] = field(default_factory=dict)


def _encoding_problem(path: Path, label: str) -> DataValidationError:
    """Explain in plain words why a file is not UTF-8, naming the first bad row."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        row = raw.count(b"\n", 0, error.start) + 1
        start = raw.rfind(b"\n", 0, error.start) + 1
        end = raw.find(b"\n", error.start)
        end = end if end >= 0 else len(raw)
        # The words around the first character that is not UTF-8.
        line = raw[max(start, error.start - 25) : min(end, error.start + 25)].rstrip(b"\r")
        try:
            shown = line.decode("cp1252")
            message = (
                "the file is not saved as UTF-8: it looks like Windows-1252 (what Excel saves "
                "as plain 'CSV (Comma delimited)', sometimes called ANSI), so letters such as "
                "é or £ and curly quotes cannot be read. Save it again as UTF-8 and use the "
                "new file. " + _SAVE_UTF8
            )
        except UnicodeDecodeError:
            shown = line.decode("utf-8", errors="replace")
            message = "the file is not saved as UTF-8 text, so it cannot be read. " + _SAVE_UTF8
        return _fail(label, message, row=row, value=shown)
    raise AssertionError("the file is valid UTF-8")  # pragma: no cover - callers checked


def _sniff_csv(path: Path, label: str) -> _Source:
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if not head.removeprefix(codecs.BOM_UTF8).strip():
        raise _fail(label, "The file is empty: it has no heading row and no data.")
    if head.startswith(_OLD_EXCEL):
        raise _fail(
            label,
            "This is an old-style Excel workbook (.xls). In Excel choose File > Save As and "
            "the type 'Excel Workbook (*.xlsx)' or 'CSV UTF-8 (Comma delimited)', then use "
            "the new file.",
        )
    first_line = head.split(b"\n", 1)[0]
    try:
        first = codecs.decode(first_line, "utf-8-sig") if len(head) else ""
    except UnicodeDecodeError:
        raise _encoding_problem(path, label) from None
    header = next(csv.reader([first.rstrip("\r")]), [])
    if '"' in first and first.count('"') % 2:
        # A quoted heading holding a line break: let the csv module read the whole record.
        text = head.decode("utf-8-sig", errors="replace")
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    options = {"encoding": "utf-8-sig", "skiprows": 1, "header": None}
    return _Source(label, [h.strip() for h in header], path=path, csv_options=options)


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%Y-%m-%d")
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return _show(value)
    return str(value)


def _read_workbook(path: Path, label: str, sheet: str | None) -> _Source:
    """The heading row and cells of one sheet, as coded text; the row numbers are the sheet's.

    The rows are coded a batch at a time (:func:`_code_batch`), so a long sheet is never held
    whole as Python strings.
    """
    from openpyxl import load_workbook

    handle = path.open("rb")
    try:
        # From an open file, so a workbook saved with a .csv name is read too.
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any failure means the workbook cannot be read
        handle.close()
        raise _fail(
            label,
            "This is an Excel workbook (or another zipped file) that cannot be opened "
            f"({type(error).__name__}). Open it in Excel and save it again as 'Excel Workbook "
            "(*.xlsx)' or 'CSV UTF-8 (Comma delimited)'.",
        ) from None
    try:
        names = workbook.sheetnames
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in names:
            worksheet = workbook[sheet]
        else:
            listed = ", ".join(repr(n) for n in names)
            message = f"the workbook has no sheet called {sheet!r}; its sheets are {listed}"
            raise _fail(label, message)
        header: list[str] | None = None
        columns: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {}
        rows, batch = 0, []
        for values in worksheet.iter_rows(values_only=True):
            cells = [_cell_text(v) for v in values]
            if header is None:
                header = cells
                continue
            batch.append(cells)
            if len(batch) == _SHEET_BATCH:
                rows = _code_batch(batch, columns, rows, len(header))
                batch = []
        if header is not None:
            rows = _code_batch(batch, columns, rows, len(header))
        title = worksheet.title
    finally:
        workbook.close()
        handle.close()
    label = f"{label} (sheet '{title}')"
    if header is None or not any(cell.strip() for cell in header):
        raise _fail(
            label,
            "the first row of the sheet is empty: put the column headings in row 1 and the "
            "data below them",
            row=1,
        )
    header += [""] * (len(columns) - len(header))
    coded = {p: _merge_codes(pieces) for p, pieces in columns.items()}
    return _Source(label, [h.strip() for h in header], coded=coded, rows=rows)


#: Rows of a sheet kept as Python strings at once: each batch is coded before the next is read.
_SHEET_BATCH = 20_000


def _code_batch(
    batch: list[list[str]],
    columns: dict[int, list[tuple[np.ndarray, np.ndarray]]],
    before: int,
    width: int,
) -> int:
    """Code a batch of a sheet's rows into ``columns``; the number of rows read so far.

    Sheets may give rows of different lengths: a missing cell is empty, and a column first seen
    in this batch is empty in the ``before`` rows above it.
    """
    width = max([width, len(columns), *(len(row) for row in batch)])
    for position in range(len(columns), width):
        columns[position] = [(np.zeros(before, dtype=np.int32), np.array([""], dtype=object))]
    if not batch:
        return before
    padded = [row + [""] * (width - len(row)) if len(row) < width else row for row in batch]
    table = np.array(padded, dtype=object).reshape(len(batch), width)
    for position in range(width):
        columns[position].append(_coded(table[:, position]))
    return before + len(batch)


def _ragged_problems(path: Path, label: str, width: int) -> list[DataProblem]:
    """Rows whose number of values differs from the heading row (only when there are some)."""
    problems = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        for number, row in enumerate(rows, start=2):
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                message = (
                    f"this row has {len(row)} values but the heading row has {width}: check "
                    "for a stray comma, or put text that contains commas in double quotes"
                )
                problems.append(DataProblem(label, message, row=number))
                if len(problems) == MAX_ROWS_PER_PROBLEM:
                    break
    return problems


@dataclass
class _Cells:
    """The columns of a file: numbers already parsed, or text as codes into distinct values.

    ``numbers[p]`` is a float array (NaN where blank). ``wholes[p]`` is ``(values, blank)``:
    whole numbers pandas parsed straight into the column's own integer type (see
    :func:`integer_dtype`), and which cells were blank. ``texts[p]`` is ``(codes, distinct)``:
    row ``i`` holds ``distinct[codes[i]]``, and code -1 means the row had no cell there (it was
    shorter than the heading row). Keeping text this way holds each distinct value once,
    however many rows repeat it.
    """

    index: pd.Index
    numbers: dict[int, np.ndarray] = field(default_factory=dict)
    texts: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    _stripped: dict[int, pd.Series] = field(default_factory=dict, repr=False)
    wholes: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def stripped(self, position: int) -> pd.Series:
        """The distinct values of text column ``position``, without outer spaces."""
        if position not in self._stripped:
            # A plain loop: three times quicker than pandas' ``.str.strip`` on 300,000 values.
            trimmed = [v.strip() if isinstance(v, str) else v for v in self.texts[position][1]]
            self._stripped[position] = pd.Series(trimmed, dtype=object)
        return self._stripped[position]

    def __len__(self) -> int:
        return len(self.index)

    def take(self, keep: np.ndarray) -> _Cells:
        """Only the rows where ``keep`` holds."""
        return _Cells(
            self.index[keep],
            {p: v[keep] for p, v in self.numbers.items()},
            {p: (c[keep], d) for p, (c, d) in self.texts.items()},
            self._stripped,
            {p: (v[keep], b[keep]) for p, (v, b) in self.wholes.items()},
        )

    def blank(self, position: int, rows: slice | None = None) -> np.ndarray:
        """True for each row whose cell in column ``position`` is empty."""
        if position in self.numbers:
            values = self.numbers[position]
            return np.isnan(values if rows is None else values[rows])
        if position in self.wholes:
            blank = self.wholes[position][1]
            return blank if rows is None else blank[rows]
        codes = self.texts[position][0]
        codes = codes if rows is None else codes[rows]
        empty = self.stripped(position).eq("").to_numpy(dtype=bool)
        return _spread(empty, codes, True)

    def raw(self, position: int) -> np.ndarray:
        """Column ``position`` as written (text), ``None`` where a row had no cell."""
        codes, distinct = self.texts[position]
        return np.append(distinct, None)[codes]


def _coded(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes, distinct = pd.factorize(values)
    # 32-bit codes: half the memory, and room for two thousand million rows.
    return codes.astype(np.int32, copy=False), np.asarray(distinct, dtype=object)


def _read_csv(
    source: _Source,
    positions: list[int],
    numeric: Mapping[int, np.dtype | None],
    missing: set[str],
    as_text: bool,
    whole: bool,
    threads: bool,
) -> _Cells:
    """Read columns ``positions`` of the CSV: numbers parsed by pandas, or all as text.

    The file is taken a run of rows at a time (:func:`coproduce.csv_chunks.chunks`, on two
    threads when ``threads`` and the file is large), and text is kept as codes into its
    distinct values, never a million strings.

    ``numeric`` maps each number column to its integer type (``None`` for decimals). With
    ``whole``, those columns come back in that type (``2.0`` is read as 2): a column of a type
    smaller than 64 bits is parsed as decimals, which hold its every value exactly, and kept as
    decimals if a value has a fraction or does not fit (so that the checks name each); a 64-bit
    one is parsed by pandas straight into whole numbers, keeping digits beyond 2**53, and
    ``2.5`` there raises ``TypeError``. Otherwise every number is read as a decimal. A row with
    more values than the heading row stops the read (a ``ParserWarning`` turned into an error)
    unless ``source.csv_options`` says those extra values are all empty.
    """
    assert source.path is not None
    # Every column is read (not ``usecols``), so that a row with a stray value is noticed.
    width = len(source.header)
    parse = {} if as_text else numeric
    wholes = {p: kind for p, kind in parse.items() if whole and kind is not None}
    dtype: dict[int, Any] = {p: object for p in range(width)}
    dtype.update({p: "float64" for p in parse})
    pandas_wholes = {p for p, kind in wholes.items() if kind.itemsize == 8}
    dtype.update({p: "Int64" for p in pandas_wholes})
    na = {p: sorted(missing | {""}) for p in parse}
    options = dict(source.csv_options)
    ragged_ok = options.pop("ragged_ok", False)
    numbers: dict[int, list[np.ndarray]] = {
        p: [] for p in positions if p in parse and p not in wholes
    }
    exact: dict[int, tuple[list[np.ndarray], list[np.ndarray]]] = {
        p: ([], []) for p in positions if p in wholes
    }
    coded: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {
        p: [] for p in positions if p not in parse
    }
    read_options = dict(
        dtype=dtype,
        keep_default_na=False,
        na_values=na,
        skip_blank_lines=False,
        index_col=False,
        names=list(range(width)),
        **options,
    )
    rows = 0
    with warnings.catch_warnings():
        # Python's warning filters apply to every thread, so the parsing threads raise too.
        warnings.simplefilter("ignore" if ragged_ok else "error", pd.errors.ParserWarning)
        # A value a 64-bit whole-number column cannot hold makes numpy warn before pandas
        # raises; the file is then read again with decimals, so the warning says nothing.
        warnings.simplefilter("ignore", RuntimeWarning)
        for chunk in csv_chunks.chunks(source.path, read_options, threads=threads):
            rows += len(chunk)
            for p, parts in numbers.items():
                parts.append(chunk[p].to_numpy(dtype="float64"))
            for p in list(exact):
                values, blanks = exact[p]
                if p in pandas_wholes:
                    array = chunk[p].array
                    values.append(array.to_numpy(dtype=wholes[p], na_value=0))
                    blanks.append(np.asarray(array.isna()))
                    continue
                column = chunk[p].to_numpy(dtype="float64")
                fitted = _fit_whole(column, wholes[p])
                if fitted is None:
                    # A fraction, or a value the type cannot hold: the column stays decimals.
                    earlier = zip(values, blanks, strict=True)
                    numbers[p] = [*(np.where(b, np.nan, v) for v, b in earlier), column]
                    del exact[p]
                else:
                    values.append(fitted[0])
                    blanks.append(fitted[1])
            for p, pieces in coded.items():
                pieces.append(_coded(chunk[p].to_numpy(dtype=object)))
            del chunk
    return _Cells(
        pd.RangeIndex(rows),
        # Each column's chunks are let go as soon as they are joined, to keep the peak low.
        {p: _join(numbers[p]) for p in list(numbers)},
        {p: _merge_codes(coded.pop(p)) for p in list(coded)},
        wholes={p: (_join(exact[p][0]), _join(exact[p][1])) for p in list(exact)},
    )


def _fit_whole(column: np.ndarray, kind: np.dtype) -> tuple[np.ndarray, np.ndarray] | None:
    """Decimals (NaN where blank) as whole numbers of type ``kind``, and which were blank.

    ``None`` if a value has a fraction or lies outside the type: converted, it would not equal
    itself.
    """
    blank = np.isnan(column)
    filled = np.where(blank, 0.0, column) if blank.any() else column
    with np.errstate(invalid="ignore"):
        fitted = filled.astype(kind)
    if not np.array_equal(fitted, filled):
        return None
    return fitted, blank


def _join(parts: list[np.ndarray]) -> np.ndarray:
    """One array from a column's chunks, emptying the list as it goes."""
    joined = np.concatenate(parts) if parts else np.empty(0)
    parts.clear()
    return joined


def _merge_codes(pieces: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One ``(codes, distinct)`` for a column from those of its chunks."""
    if not pieces:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    if len(pieces) == 1:
        return pieces[0]
    # Code the chunks' distinct values together, then move each chunk's codes onto those.
    together, distinct = _coded(np.concatenate([d for _, d in pieces]))
    codes, start = [], 0
    for chunk_codes, chunk_distinct in pieces:
        mapping = np.append(together[start : start + len(chunk_distinct)], np.int32(-1))
        codes.append(mapping[chunk_codes])
        start += len(chunk_distinct)
    return np.concatenate(codes), distinct


def _load(
    source: _Source, positions: list[int], numeric: Mapping[int, np.dtype | None], missing: set[str]
) -> tuple[_Cells, bool]:
    """The cells of ``positions``; True if numbers are already parsed (a fast path).

    ``numeric`` maps each number column's position to its integer type (``None`` for a column
    of decimals).
    """
    if source.coded is not None:
        texts = {p: source.coded[p] for p in positions}
        return _Cells(pd.RangeIndex(source.rows), texts=texts), False
    assert source.path is not None
    label, width = source.label, len(source.header)
    as_text, whole, threads = not numeric, True, True
    while True:
        try:
            cells = _read_csv(source, positions, numeric, missing, as_text, whole, threads)
            return cells, not as_text
        except (TypeError, OverflowError) as error:
            # A 64-bit whole-number column holds 2.5, or a number too big for 64 bits: read
            # numbers as decimals, so that the checks name each one. (Smaller whole-number
            # columns are checked as they are read; see _read_csv.)
            if not whole:
                raise _fail(label, f"The file cannot be read as CSV: {error}") from None
            whole = False
        except UnicodeDecodeError:
            raise _encoding_problem(source.path, label) from None
        except pd.errors.ParserWarning:
            ragged = _ragged_problems(source.path, label, width)
            if ragged:
                raise DataValidationError(ragged) from None
            source.csv_options["ragged_ok"] = True
        except pd.errors.ParserError as error:
            if threads:
                # Perhaps a piece was cut inside a quoted value: read it again in one go.
                threads = False
                continue
            ragged = _ragged_problems(source.path, label, width)
            raise DataValidationError(
                ragged or [DataProblem(label, f"The file cannot be read as CSV: {error}")]
            ) from None
        except ValueError as error:
            # A number column holds text: read every column as text to name each cell.
            if as_text:
                raise _fail(label, f"The file cannot be read as CSV: {error}") from None
            as_text = True


# --------------------------------------------------------------------------------------------
# Headings


def _check_headers(
    source: _Source, fields: list[dict[str, Any]], allow_extra: bool
) -> tuple[list[DataProblem], dict[str, int], list[int]]:
    """Problems with the heading row; where each known column is; the unnamed columns."""
    label, headers = source.label, source.header
    names = [f["name"] for f in fields]
    if len(headers) == 1 and len(names) > 1 and (";" in headers[0] or "\t" in headers[0]):
        if ";" in headers[0]:
            message = (
                "the columns are separated by semicolons, as Excel does where a comma is the "
                "decimal mark. Save the file as comma-separated CSV: in Excel choose 'CSV UTF-8 "
                "(Comma delimited)', or change the list separator to a comma; write decimals "
                "with a point (72.5, not 72,5)"
            )
        else:
            message = "the columns are separated by tabs; save the file as comma-separated CSV"
        raise _fail(label, message, row=1, value=headers[0][:60])
    problems: list[DataProblem] = []
    where: dict[str, int] = {}
    counts: dict[str, int] = {}
    for header in headers:
        counts[header] = counts.get(header, 0) + 1
    for header, count in counts.items():
        if header and count > 1:
            problems.append(
                DataProblem(
                    label,
                    f"the heading '{header}' appears {count} times: each column needs its own "
                    "heading, so delete or rename the copies",
                    row=1,
                    column=header,
                )
            )
    for position, header in enumerate(headers):
        where.setdefault(header, position)
    unnamed = [p for p, h in enumerate(headers) if not h]
    unknown = [h for h in dict.fromkeys(headers) if h and h not in names]
    for spec in fields:
        if spec["name"] in where:
            continue
        guess = difflib.get_close_matches(spec["name"], unknown, n=1, cutoff=0.6)
        if guess:
            message = f"column '{spec['name']}' is missing; is '{guess[0]}' a misspelling of it?"
            problems.append(DataProblem(label, message, row=1, column=guess[0]))
            unknown.remove(guess[0])
        elif spec.get("constraints", {}).get("required") or not allow_extra:
            problems.append(DataProblem(label, f"column '{spec['name']}' is missing", row=1))
    if not allow_extra:
        expected = ", ".join(names)
        for header in unknown:
            problems.append(
                DataProblem(
                    label,
                    f"unexpected column; the columns this file needs are: {expected}",
                    row=1,
                    column=header,
                )
            )
    return problems, where, unnamed


# --------------------------------------------------------------------------------------------
# Columns


def _explain_not_a_number(kind: str) -> Callable[[str], str]:
    word = _TYPE_WORDS.get(kind, kind)

    def message(value: str) -> str:
        text = value.strip()
        if text.lower() in _NOT_A_VALUE:
            return f"expected {word}; when there is no value, leave the cell empty"
        if _DECIMAL_COMMA.fullmatch(text):
            return (
                f"expected {word}; write decimals with a point and no thousands separators "
                "(72.5, 1500), not a comma"
            )
        return f"expected {word}"

    return message


@dataclass
class _Column:
    """One column's typed values and what the later checks need to know about it."""

    values: Any
    #: Rows holding a usable value (not blank, no problem); ``None`` means every row.
    valid: np.ndarray | None
    text_at: Callable[[np.ndarray], list[str]]
    #: For keys and uniqueness: equal codes for equal values, -1 where there is no value.
    codes: np.ndarray
    numbers: np.ndarray | None = None

    def valid_mask(self) -> np.ndarray:
        """:attr:`valid` as an array, every row true when it is ``None``."""
        return np.ones(len(self.codes), dtype=bool) if self.valid is None else self.valid


def _spread(flags: np.ndarray, codes: np.ndarray, where_missing: bool = False) -> np.ndarray:
    """Per-row flags from flags on the distinct values (``codes`` -1 take ``where_missing``)."""
    return np.take(np.append(flags, where_missing), codes)


def integer_dtype(spec: Mapping[str, Any]) -> np.dtype:
    """The smallest integer type that holds every whole number the field ``spec`` allows.

    A column of ratings from 1 to 5 then takes one byte a row, not eight: for a file of a
    million rows, 2 MB with its blank-cell mask instead of 9 MB. The range comes from the
    schema's ``minimum`` and ``maximum`` (or its allowed values); without both, the column is
    64-bit. Arithmetic on such columns belongs in a wider type: the evaluation's scoring, for
    one, turns them into floats first (:func:`coproduce.evaluation.scoring.ipaq_scores`).
    """
    constraints = spec.get("constraints", {})
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if constraints.get("enum"):
        allowed = [int(float(v)) for v in constraints["enum"]]
        low = min(allowed) if low is None else max(low, min(allowed))
        high = max(allowed) if high is None else min(high, max(allowed))
    if low is not None and high is not None:
        for kind in (np.int8, np.int16, np.int32):
            info = np.iinfo(kind)
            if info.min <= low and high <= info.max:
                return np.dtype(kind)
    return np.dtype(np.int64)


def _number_column(
    cells: _Cells, position: int, spec: dict[str, Any], missing_values: set[str], out: _Collector
) -> _Column:
    name, kind = spec["name"], spec.get("type", "string")
    word = f"expected {_TYPE_WORDS.get(kind, kind)}"
    whole_type = integer_dtype(spec) if kind in ("integer", "year") else None
    bad: np.ndarray | None = None
    if position in cells.wholes:
        # Parsed exactly into the column's own type: nothing is too big or has a fraction.
        numbers, blank = cells.wholes[position]
        filled = numbers[~blank] if blank.any() else numbers
        low, high = (filled.min(), filled.max()) if len(filled) else (np.nan, np.nan)
        missing = blank

        def text_at(positions: np.ndarray) -> list[str]:
            return [str(int(v)) for v in numbers[positions]]

    else:
        numbers, blank, text_at = _decimals(cells, position, spec, missing_values, out)
        # NaN-skipping extremes: one look tells whether the slower per-row tests are needed.
        low, high = np.fmin.reduce(numbers), np.fmax.reduce(numbers)
        if not (np.isnan(low) or (abs(low) < 1e15 and abs(high) < 1e15)):
            # Too big to be a count, or infinite: pandas would store it wrongly.
            with np.errstate(invalid="ignore"):
                huge = ~blank & ~(np.abs(numbers) < 1e15)
            out.rows(huge, name, word, text_at)
            bad = huge
        if whole_type is not None and not np.isnan(low):
            with np.errstate(invalid="ignore"):
                fraction = np.abs(numbers - np.trunc(numbers)) > 0
            if fraction.any():
                out.rows(fraction, name, word, text_at)
                bad = fraction if bad is None else bad | fraction
        missing = ~np.isfinite(numbers)
        if bad is not None:
            missing = missing | bad
    _required(blank, spec, out, text_at)
    # Values outside the allowed range are left blank too, like every cell with a problem, so
    # a tool's own checks do not trip over them and every value fits the column's type.
    wrong = _number_constraints(numbers, ~missing, spec, out, text_at, low, high)
    if wrong is not None:
        missing = missing | wrong
    valid = None if not missing.any() else ~missing
    if whole_type is None:
        values: Any = pd.arrays.FloatingArray(np.where(missing, np.nan, numbers), missing)
    else:
        whole = numbers
        if whole.dtype != whole_type:
            with np.errstate(invalid="ignore"):
                whole = np.where(missing, 0, numbers).astype(whole_type)
        values = pd.arrays.IntegerArray(whole, missing)
    return _Column(values, valid, text_at, np.empty(0, dtype=np.int64), numbers)


def _decimals(
    cells: _Cells, position: int, spec: dict[str, Any], missing_values: set[str], out: _Collector
) -> tuple[np.ndarray, np.ndarray, Callable[[np.ndarray], list[str]]]:
    """A number column as floats (NaN where blank or not a number), its blanks, its text.

    Cells that hold text rather than a number are reported here, each with its own advice.
    """
    if position in cells.numbers:
        numbers = cells.numbers[position]

        def shown_number(positions: np.ndarray) -> list[str]:
            return [_show(v) for v in numbers[positions]]

        return numbers, np.isnan(numbers), shown_number
    codes, distinct = cells.texts[position]
    shown = np.append(distinct, "")
    stripped = cells.stripped(position)
    blank_distinct = (stripped.isin(missing_values) | stripped.eq("")).to_numpy()
    converted = pd.to_numeric(stripped.where(~blank_distinct), errors="coerce")
    distinct_numbers = converted.to_numpy(dtype="float64", na_value=np.nan)

    def text_at(positions: np.ndarray) -> list[str]:
        return [str(v) for v in shown[codes[positions]]]

    not_numbers = ~blank_distinct & np.isnan(distinct_numbers)
    if not_numbers.any():
        message = _explain_not_a_number(spec.get("type", "number"))
        out.rows(_spread(not_numbers, codes), spec["name"], message, text_at)
    numbers = np.take(np.append(distinct_numbers, np.nan), codes)
    return numbers, _spread(blank_distinct, codes, True), text_at


def _required(blank: np.ndarray, spec: dict[str, Any], out: _Collector, text_at: Callable) -> None:
    if spec.get("constraints", {}).get("required") and blank.any():
        out.rows(blank, spec["name"], "a value is required here", text_at)


def _convert_distinct(kind: str, distinct: pd.Series) -> tuple[Any, np.ndarray]:
    """Typed versions of a text column's distinct (stripped, non-blank) values; which are bad."""
    if kind in ("date", "datetime"):
        dates = pd.to_datetime(distinct, format="%Y-%m-%d", errors="coerce")
        return dates, dates.isna().to_numpy()
    if kind == "boolean":
        lowered = distinct.str.lower()
        known = lowered.isin(_TRUE | _FALSE).to_numpy()
        return lowered.isin(_TRUE).to_numpy(), ~known
    return distinct, np.zeros(len(distinct), dtype=bool)


def _all_match(pattern: str, values: list[str]) -> bool:
    """True if every value matches ``pattern`` in full, tested in one pass where possible.

    The values are joined with newlines and the lines the pattern matches from start to end
    are counted; ``^`` only matches at a line start and matches cannot overlap, so the count
    equals the number of values only if every value matched on its own.
    """
    joined = "\n".join(values)
    if joined.count("\n") != len(values) - 1:
        return False
    try:
        lines = re.compile(f"^(?:{pattern})$", re.MULTILINE)
    except re.error:
        return False
    return len(lines.findall(joined)) == len(values)


def _text_column(
    cells: _Cells,
    position: int,
    spec: dict[str, Any],
    missing_values: set[str],
    out: _Collector,
    categories: bool = False,
) -> _Column:
    name, kind = spec["name"], spec.get("type", "string")
    codes, distinct = cells.texts[position]
    shown = np.append(distinct, "")
    stripped = cells.stripped(position)
    blank_distinct = (stripped.isin(missing_values) | stripped.eq("")).to_numpy()
    typed, bad_distinct = _convert_distinct(kind, stripped)
    bad_distinct = bad_distinct & ~blank_distinct

    def text_at(positions: np.ndarray) -> list[str]:
        return [str(v) for v in shown[codes[positions]]]

    def report(flags: np.ndarray, message: str) -> None:
        if flags.any():
            out.rows(_spread(flags, codes), name, message, text_at)

    report(bad_distinct, f"expected {_TYPE_WORDS.get(kind, kind)}")
    ok_distinct = ~blank_distinct & ~bad_distinct
    failed = bad_distinct.copy()
    constraints = spec.get("constraints", {})
    if "enum" in constraints:
        allowed = [str(v) for v in constraints["enum"]]
        wrong = ok_distinct & ~stripped.isin(allowed).to_numpy()
        failed |= wrong
        report(wrong, "expected one of: " + ", ".join(allowed))
    if "pattern" in constraints:
        candidates = stripped[ok_distinct]
        if not _all_match(constraints["pattern"], candidates.tolist()):
            matches = stripped.where(ok_distinct, "").str.fullmatch(constraints["pattern"])
            wrong = ok_distinct & ~matches.fillna(False).to_numpy(dtype=bool)
            failed |= wrong
            example = spec.get("example")
            message = (
                f"expected a value written like {example!r}"
                if example
                else "this value is not in the expected form"
            )
            report(wrong, message)
    if "maxLength" in constraints or "minLength" in constraints:
        lengths = stripped.str.len().to_numpy()
        if "maxLength" in constraints:
            wrong = ok_distinct & (lengths > constraints["maxLength"])
            failed |= wrong
            report(wrong, f"expected at most {constraints['maxLength']} characters")
        if "minLength" in constraints:
            wrong = ok_distinct & (lengths < constraints["minLength"])
            failed |= wrong
            report(wrong, f"expected at least {constraints['minLength']} characters")
    if kind in ("date", "datetime") and ("minimum" in constraints or "maximum" in constraints):
        low, high = constraints.get("minimum"), constraints.get("maximum")
        dates = pd.Series(typed)
        wrong = np.zeros(len(dates), dtype=bool)
        if low is not None:
            wrong |= (dates < pd.Timestamp(low)).to_numpy()
        if high is not None:
            wrong |= (dates > pd.Timestamp(high)).to_numpy()
        wrong &= ok_distinct
        failed |= wrong
        report(wrong, _range_words(low, high))
    if spec.get("constraints", {}).get("required"):
        if blank_distinct.any() or (len(codes) and codes.min() < 0):
            out.rows(
                _spread(blank_distinct, codes, True), name, "a value is required here", text_at
            )
    # Cells with a problem are left blank, so a tool's own checks do not trip over them.
    usable = ok_distinct & ~failed
    if usable.all() and (not len(codes) or codes.min() >= 0):
        keep, valid = codes, None
    else:
        valid = _spread(usable, codes)
        keep = np.where(valid, codes, -1)
    # Equal codes for values equal once trimmed (for keys and uniqueness). For categories they
    # follow the values' sorted order, so that grouping orders rows as it would for strings.
    plain = kind in ("date", "datetime", "boolean") or not categories
    if not len(stripped):
        same, trimmed = np.empty(0, dtype=np.int64), stripped.to_numpy()
    elif plain:
        same, trimmed = pd.factorize(stripped)
    else:
        same, trimmed = _sorted_codes(stripped)
    key_codes = None
    if kind in ("date", "datetime"):
        values: Any = pd.DatetimeIndex(typed).take(keep, allow_fill=True, fill_value=pd.NaT)
        values = values.array
    elif kind == "boolean":
        values = pd.array(typed, dtype="boolean").take(keep, allow_fill=True)
    elif categories:
        # Codes into the distinct values, in the smallest type that holds them; only values
        # some row uses are kept. They serve keys too: equal codes for equal values.
        small = _code_type(len(trimmed))
        rows = np.take(np.append(same, -1).astype(small), keep)
        used = np.bincount(rows[rows >= 0], minlength=len(trimmed)) > 0
        if not used.all():
            rows = np.take(np.append(np.cumsum(used) - 1, -1).astype(small), rows)
            trimmed = trimmed[used]
        values = pd.Categorical.from_codes(rows, categories=pd.Index(trimmed, dtype=TEXT))
        key_codes = rows
    else:
        values = pd.array(stripped.to_numpy(dtype=object), dtype=TEXT).take(keep, allow_fill=True)
    if key_codes is None:
        # 32-bit codes, like the reader's own: half the memory, room for two thousand million.
        key_codes = np.take(np.append(same, -1).astype(np.int32), keep)
    return _Column(values, valid, text_at, key_codes)


def _code_type(count: int) -> np.dtype:
    """The smallest integer type pandas keeps codes into ``count`` categories in (-1 too)."""
    for kind in (np.int8, np.int16):
        if count < np.iinfo(kind).max:
            return np.dtype(kind)
    return np.dtype(np.int32)


def _sorted_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(values, sort=True)``, far quicker when the values come mostly in order.

    numpy's stable sort of Python strings is timsort, which takes a run already in order in one
    pass: the distinct participant codes of a file sorted by person sort in a third of the time.
    """
    codes, distinct = pd.factorize(values)
    order = np.argsort(distinct.to_numpy(), kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[codes], distinct[order]


def _range_words(low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return f"expected a value from {_show(low)} to {_show(high)}"
    if low is not None:
        return f"expected a value of at least {_show(low)}"
    return f"expected a value of at most {_show(high)}"


def _number_constraints(
    numbers: np.ndarray,
    usable: np.ndarray,
    spec: dict[str, Any],
    out: _Collector,
    text_at: Callable[[np.ndarray], list[str]],
    lowest: float,
    highest: float,
) -> np.ndarray | None:
    """Report usable values outside the field's range or allowed values; which rows those are.

    ``lowest`` and ``highest`` are the column's extremes: when they are inside the range, no
    row needs testing.
    """
    constraints = spec.get("constraints", {})
    low, high = constraints.get("minimum"), constraints.get("maximum")
    found: np.ndarray | None = None
    outside = (low is not None and lowest < low) or (high is not None and highest > high)
    if outside:
        with np.errstate(invalid="ignore"):
            wrong = np.zeros(len(numbers), dtype=bool)
            if low is not None:
                wrong |= numbers < low
            if high is not None:
                wrong |= numbers > high
        wrong &= usable
        out.rows(wrong, spec["name"], _range_words(low, high), text_at)
        found = wrong
    if "enum" in constraints:
        allowed = [float(v) for v in constraints["enum"]]
        wrong = usable & ~np.isin(numbers, allowed)
        listed = ", ".join(_show(v) for v in constraints["enum"])
        out.rows(wrong, spec["name"], f"expected one of: {listed}", text_at)
        found = wrong if found is None else found | wrong
    return found


def _codes(column: _Column) -> np.ndarray:
    """Codes for a column's values (-1 where there is none); numbers are coded on demand."""
    if column.numbers is None:
        return column.codes
    codes = pd.factorize(column.numbers)[0]
    if column.valid is not None:
        codes = np.where(column.valid, codes, -1)
    return codes


def _unique(column: _Column, spec: dict[str, Any], out: _Collector) -> None:
    if not spec.get("constraints", {}).get("unique"):
        return
    codes = _codes(column)
    repeated = pd.Series(codes).duplicated(keep=False).to_numpy() & (codes >= 0)
    out.rows(repeated, spec["name"], "this value must not repeat, but it does", column.text_at)


def _check_key(
    frame: pd.DataFrame, key: list[str], columns: dict[str, _Column], out: _Collector
) -> None:
    if not key or any(k not in columns for k in key):
        return
    codes = [_codes(columns[k]) for k in key]
    complete = np.logical_and.reduce([c >= 0 for c in codes])
    # One code per combination: each column's code (0 for none) in a place of its own size.
    sizes = [int(c.max()) + 2 if len(c) else 1 for c in codes]
    combined = np.zeros(len(frame), dtype=np.int64)
    for part, size in zip(codes, sizes, strict=True):
        combined = combined * size + part + 1
    span = math.prod(sizes)
    if span <= 4 * len(frame) + 1024:
        # Few enough combinations to count each directly: quicker than hashing every row.
        repeated = (np.bincount(combined, minlength=span)[combined] > 1) & complete
    else:
        repeated = pd.Series(combined).duplicated(keep=False).to_numpy() & complete
    if not repeated.any():
        return
    groups = pd.Series(np.flatnonzero(repeated)).groupby(combined[repeated], sort=False).agg(list)
    for positions in groups.iloc[:MAX_ROWS_PER_PROBLEM]:
        first = frame.iloc[positions[0]]
        described = ", ".join(f"{k} {_show(first[k])}" for k in key)
        rows = ", ".join(str(int(frame.index[p]) + 2) for p in positions)
        out.problems.append(
            DataProblem(
                out.label,
                f"{described} appears on more than one row (rows {rows}); each may appear once",
                row=int(frame.index[positions[0]]) + 2,
                column=" + ".join(key),
            )
        )
    extra = len(groups) - MAX_ROWS_PER_PROBLEM
    if extra > 0:
        out.problems.append(
            DataProblem(
                out.label, f"... and {extra:,} more repeated combinations of {' + '.join(key)}"
            )
        )


# --------------------------------------------------------------------------------------------
# Rows spreadsheets add


def _empty_rows(cells: _Cells, positions: list[int]) -> np.ndarray | None:
    """True for rows with no value in any cell (empty lines, or ``,,,`` rows from Excel).

    ``None`` when a quick look (the last row, the first column) shows there are none.
    """
    if not len(cells):
        return None
    last = slice(len(cells) - 1, len(cells))
    if not all(cells.blank(p, last)[0] for p in positions) and not cells.blank(positions[0]).any():
        return None
    empty = np.ones(len(cells), dtype=bool)
    for position in positions:
        empty &= cells.blank(position)
        if not empty.any():
            return None
    return empty


# --------------------------------------------------------------------------------------------
# The reader


def read_table(
    path: str | Path,
    schema: Any,
    *,
    allow_extra_columns: bool = False,
    extra_checks: Iterable[ExtraCheck] = (),
    sheet: str | None = None,
    text_as_categories: bool = False,
) -> pd.DataFrame:
    """Read ``path`` (CSV or ``.xlsx``), check it against ``schema``, return a typed frame.

    ``schema`` is a Frictionless Table Schema (object or dictionary): field names, types,
    ``constraints`` (required, enum, minimum, maximum, pattern, minLength, maxLength, unique),
    ``missingValues`` and an optional ``primaryKey``. Columns come back in the schema's order,
    typed (``Int64``, ``Float64``, ``string``, ``boolean``, ``datetime64``); columns the
    schema does not name are refused unless ``allow_extra_columns``, when they are kept as text
    after the others. The frame's index is each row's position in the file counting from the
    first data row, so ``index + 2`` is its row number in the file or sheet (empty rows are
    dropped but keep the numbers of the rows after them).

    ``extra_checks`` are a tool's own rules across columns or rows (see the module docstring).
    ``sheet`` names the workbook sheet to read (default: the first).

    With ``text_as_categories``, text columns (not dates or yes/no) come back as pandas
    categoricals of strings instead of ``string``: each row holds a code of 1 to 4 bytes into
    the column's distinct values, sorted, rather than 8 bytes pointing to a string. A tool
    that reads files of a million rows saves about 7 bytes a row in each text column, and
    grouping and comparing by codes is quicker. Such a tool must treat the columns as
    categories: ``value_counts`` on a subset lists categories with no rows, and new values
    cannot be written into a column without adding them as categories first.

    Raises :class:`DataValidationError` listing every problem; the file is only read.
    """
    path = Path(path)
    label = path.name
    if not path.is_file():
        raise _fail(label, f"No file found at {path}.")
    descriptor = schema_dict(schema)
    fields: list[dict[str, Any]] = list(descriptor.get("fields", []))
    missing_values = set(descriptor.get("missingValues", [""]))
    with path.open("rb") as handle:
        signature = handle.read(4)
    if path.suffix.lower() in EXCEL_SUFFIXES or signature == _ZIP:
        source = _read_workbook(path, label, sheet)
    else:
        source = _sniff_csv(path, label)
    label = source.label

    problems, where, unnamed = _check_headers(source, fields, allow_extra_columns)
    present = [f for f in fields if f["name"] in where]
    extras = (
        [h for h in where if h and h not in {f["name"] for f in fields}]
        if allow_extra_columns
        else []
    )
    positions = sorted(
        {where[f["name"]] for f in present} | {where[h] for h in extras} | set(unnamed)
    )
    numeric = {
        where[f["name"]]: (integer_dtype(f) if f.get("type") != "number" else None)
        for f in present
        if f.get("type") in _NUMERIC
    }
    if not positions:
        raise DataValidationError(problems)
    cells, _ = _load(source, positions, numeric, missing_values)

    # Empty rows and unnamed empty columns are what spreadsheets add: leave them out quietly.
    empty = _empty_rows(cells, positions)
    if empty is not None:
        cells = cells.take(~empty)
    for position in unnamed:
        filled = ~cells.blank(position)
        if filled.any():
            first = int(np.flatnonzero(filled)[0])
            problems.append(
                DataProblem(
                    label,
                    f"column {position + 1} has values but no heading; give it a heading, or "
                    "delete the column",
                    row=int(cells.index[first]) + 2,
                    value=str(cells.raw(position)[first]),
                )
            )
    if not len(cells):
        problems.append(DataProblem(label, "The file has a heading row but no data rows."))
        raise DataValidationError(problems)

    out = _Collector(label, cells.index)
    key = _key(descriptor)
    typed: dict[str, Any] = {}
    columns: dict[str, _Column] = {}
    for spec in present:
        position = where[spec["name"]]
        if spec.get("type") in _NUMERIC:
            column = _number_column(cells, position, spec, missing_values, out)
        else:
            column = _text_column(cells, position, spec, missing_values, out, text_as_categories)
        _unique(column, spec, out)
        typed[spec["name"]] = column.values
        if spec["name"] in key:
            columns[spec["name"]] = column
        # The typed column is made: let the parsed cells go, to keep the peak low.
        cells.numbers.pop(position, None)
        cells.wholes.pop(position, None)
        cells.texts.pop(position, None)
    for header in extras:
        typed[header] = pd.array(cells.raw(where[header]), dtype=TEXT)
    frame = pd.DataFrame(typed, index=cells.index, copy=False)
    _check_key(frame, key, columns, out)
    # The key's codes are not needed again: let them go before a tool's own checks run.
    columns.clear()
    del typed, cells
    problems += out.problems

    if len(present) == len(fields) and not any(p.row == 1 for p in problems):
        problems += _run_extra_checks(frame, label, extra_checks, out)
    if problems:
        raise DataValidationError(problems)
    return frame


def _run_extra_checks(
    frame: pd.DataFrame, label: str, checks: Iterable[ExtraCheck], out: _Collector
) -> list[DataProblem]:
    """A tool's own checks; when cells were already wrong, only what is new on other rows."""
    found: list[DataProblem] = []
    if out.bad_rows is None:
        for check in checks:
            found += list(check(frame, label))
        return found
    bad = {int(i) + 2 for i in frame.index[out.bad_rows]}
    for check in checks:
        try:
            more = list(check(frame, label))
        except Exception:  # noqa: BLE001 - a tool's rule may need the cells fixed first
            continue
        found += [p for p in more if p.row is None or p.row not in bad]
    return found
