"""Read a user's CSV file against a Frictionless table schema, reporting every problem at once.

Professionals point the guide's notebooks at their own service's files. Those files arrive
saved from Excel, with misspelt headings, stray text in number columns, or in the wrong
encoding. :func:`read_checked_csv` turns each of those into a :class:`DataProblem` that names
the file, row and column, the value found and what was expected, and raises one
:class:`DataValidationError` holding them all. It only ever reads the file.

The checks are vectorised with pandas (not row by row) so a file of a million rows is checked in
about the time it takes to read it. The schema is an ordinary Frictionless Table Schema, so the
same descriptor documents the file in ``data/datapackage.json``.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from coproduce.problems import DataProblem, DataValidationError

#: How many rows to list for one kind of problem in one column before summarising the rest.
MAX_ROWS_PER_PROBLEM = 10

_EXCEL_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "date": "a date written as YYYY-MM-DD",
    "boolean": "yes or no",
    "string": "text",
    "year": "a year such as 2024",
}


def _schema_dict(schema: Any) -> dict[str, Any]:
    if isinstance(schema, Mapping):
        return dict(schema)
    if hasattr(schema, "to_descriptor"):
        return schema.to_descriptor()
    raise TypeError("schema must be a Frictionless Schema or a table schema dictionary")


def _decode(path: Path, raw: bytes, label: str) -> str:
    if not raw.strip():
        raise DataValidationError(
            [DataProblem(label, "The file is empty: it has no heading row and no data.")]
        )
    if raw.startswith(_EXCEL_SIGNATURES):
        raise DataValidationError(
            [
                DataProblem(
                    label,
                    "This is an Excel workbook, not a CSV file. In Excel choose File > Save As "
                    "and the type 'CSV UTF-8 (Comma delimited)', then use the .csv file.",
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start : error.start + 1]
        raise DataValidationError(
            [
                DataProblem(
                    label,
                    f"The file is not saved as UTF-8 text: byte {bad!r} on row {line} cannot be "
                    "read. Save it again as 'CSV UTF-8' (in Excel: File > Save As).",
                    row=line,
                )
            ]
        ) from None


def _ragged_rows(text: str, label: str) -> list[DataProblem]:
    """Rows whose number of values differs from the heading row (slow path, errors only)."""
    rows = csv.reader(io.StringIO(text))
    width = len(next(rows, []))
    problems = []
    for number, row in enumerate(rows, start=2):
        if row and len(row) != width:
            message = (
                f"this row has {len(row)} values but the heading row has {width}: check for a "
                "stray comma, or put text that contains commas in double quotes"
            )
            problems.append(DataProblem(label, message, row=number))
    return problems[:MAX_ROWS_PER_PROBLEM]


def _read_text(text: str, label: str) -> pd.DataFrame:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, index_col=False)
    except pd.errors.ParserWarning:
        raise DataValidationError(_ragged_rows(text, label)) from None
    except pd.errors.ParserError as error:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
        if match:
            expected, line, saw = match.groups()
            message = (
                f"this row has {saw} values but the heading row has {expected}: check for a "
                "stray comma, or put text that contains commas in double quotes"
            )
            raise DataValidationError([DataProblem(label, message, row=int(line))]) from None
        raise DataValidationError(
            [DataProblem(label, f"The file cannot be read as CSV: {error}")]
        ) from None
    except pd.errors.EmptyDataError:
        raise DataValidationError(
            [DataProblem(label, "The file is empty: it has no heading row and no data.")]
        ) from None


def _check_headers(
    frame: pd.DataFrame, fields: list[dict[str, Any]], label: str, allow_extra: bool
) -> list[DataProblem]:
    problems: list[DataProblem] = []
    names = [f["name"] for f in fields]
    headers = [str(c) for c in frame.columns]
    if len(headers) == 1 and len(names) > 1 and (";" in headers[0] or "\t" in headers[0]):
        sep = "semicolons" if ";" in headers[0] else "tabs"
        message = f"the columns are separated by {sep}; save the file as comma-separated CSV"
        return [DataProblem(label, message, row=1)]
    duplicated = sorted({h for h in headers if headers.count(h) > 1})
    for header in duplicated:
        problems.append(
            DataProblem(label, "this column heading appears more than once", row=1, column=header)
        )
    unknown = [h for h in headers if h not in names]
    for field in fields:
        if field["name"] in headers:
            continue
        guess = difflib.get_close_matches(field["name"], unknown, n=1, cutoff=0.6)
        if guess:
            message = f"column '{field['name']}' is missing; is '{guess[0]}' a misspelling of it?"
            problems.append(DataProblem(label, message, row=1, column=guess[0]))
            unknown.remove(guess[0])
        elif field.get("constraints", {}).get("required") or not allow_extra:
            problems.append(DataProblem(label, f"column '{field['name']}' is missing", row=1))
    if not allow_extra:
        for header in unknown:
            expected = ", ".join(names)
            problems.append(
                DataProblem(
                    label,
                    f"unexpected column; the columns this file needs are: {expected}",
                    row=1,
                    column=header,
                )
            )
    return problems


def _rows_problem(
    label: str,
    column: str,
    rows: pd.Index,
    values: pd.Series,
    message: str,
) -> list[DataProblem]:
    """One problem per offending row, up to a limit, then one line summarising the rest."""
    problems = [
        DataProblem(label, message, row=int(row) + 2, column=column, value=values.loc[row])
        for row in rows[:MAX_ROWS_PER_PROBLEM]
    ]
    rest = len(rows) - MAX_ROWS_PER_PROBLEM
    if rest > 0:
        problems.append(
            DataProblem(
                label,
                f"... and {rest:,} more rows with the same problem ({message})",
                column=column,
            )
        )
    return problems


def _convert(
    column: pd.Series, field: dict[str, Any], missing: pd.Series, label: str
) -> tuple[pd.Series, list[DataProblem]]:
    name, kind = field["name"], field.get("type", "string")
    present = ~missing
    if kind in ("integer", "year"):
        numbers = pd.to_numeric(column.where(present), errors="coerce")
        bad = present & (numbers.isna() | (numbers % 1 != 0))
        typed = numbers.where(~bad).astype("Float64").round().astype("Int64")
    elif kind == "number":
        numbers = pd.to_numeric(column.where(present), errors="coerce")
        bad = present & numbers.isna()
        typed = numbers.astype("Float64")
    elif kind in ("date", "datetime"):
        dates = pd.to_datetime(column.where(present), format="%Y-%m-%d", errors="coerce")
        bad = present & dates.isna()
        typed = dates
    elif kind == "boolean":
        lowered = column.str.strip().str.lower()
        bad = present & ~lowered.isin(_TRUE | _FALSE)
        typed = lowered.map(
            lambda v: True if v in _TRUE else (False if v in _FALSE else pd.NA)
        ).astype("boolean")
    else:
        bad = pd.Series(False, index=column.index)
        typed = column.where(present).astype("string")
    problems = []
    if bad.any():
        word = _TYPE_WORDS.get(kind, kind)
        problems = _rows_problem(label, name, column.index[bad], column, f"expected {word}")
    return typed, problems


def _check_constraints(
    typed: pd.Series, raw: pd.Series, field: dict[str, Any], missing: pd.Series, label: str
) -> list[DataProblem]:
    name = field["name"]
    constraints = field.get("constraints", {})
    problems: list[DataProblem] = []
    if constraints.get("required") and missing.any():
        problems += _rows_problem(label, name, raw.index[missing], raw, "a value is required here")
    valid = typed.notna()
    if "enum" in constraints:
        allowed = [str(v) for v in constraints["enum"]]
        bad = valid & ~typed.astype("string").isin(allowed)
        if bad.any():
            problems += _rows_problem(
                label, name, raw.index[bad], raw, "expected one of: " + ", ".join(allowed)
            )
    if "minimum" in constraints or "maximum" in constraints:
        low, high = constraints.get("minimum"), constraints.get("maximum")
        if field.get("type") in ("date", "datetime"):
            low = pd.Timestamp(low) if low is not None else None
            high = pd.Timestamp(high) if high is not None else None
        too_low = valid & (typed < low) if low is not None else pd.Series(False, index=typed.index)
        too_high = (
            valid & (typed > high) if high is not None else pd.Series(False, index=typed.index)
        )
        bad = (too_low | too_high).fillna(False).astype(bool)
        if bad.any():
            if low is not None and high is not None:
                expected = f"a value from {_show(low)} to {_show(high)}"
            elif low is not None:
                expected = f"a value of at least {_show(low)}"
            else:
                expected = f"a value of at most {_show(high)}"
            problems += _rows_problem(label, name, raw.index[bad], raw, f"expected {expected}")
    if "pattern" in constraints:
        text = typed.astype("string")
        bad = valid & ~text.str.fullmatch(constraints["pattern"]).fillna(False).astype(bool)
        if bad.any():
            problems += _rows_problem(
                label, name, raw.index[bad], raw, "this value is not in the expected form"
            )
    if "maxLength" in constraints:
        bad = valid & (typed.astype("string").str.len() > constraints["maxLength"])
        if bad.any():
            problems += _rows_problem(
                label,
                name,
                raw.index[bad],
                raw,
                f"expected at most {constraints['maxLength']} characters",
            )
    if constraints.get("unique"):
        dup = valid & typed.duplicated(keep=False)
        if dup.any():
            problems += _rows_problem(
                label, name, raw.index[dup], raw, "this value must not repeat, but it does"
            )
    return problems


def _show(value: Any) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_primary_key(frame: pd.DataFrame, key: list[str], label: str) -> list[DataProblem]:
    if not key or any(k not in frame.columns for k in key):
        return []
    duplicated = frame.duplicated(subset=key, keep=False) & frame[key].notna().all(axis=1)
    if not duplicated.any():
        return []
    problems = []
    by = key[0] if len(key) == 1 else key
    groups = frame[duplicated].groupby(by, sort=False, dropna=True).groups
    for values, index in list(groups.items())[:MAX_ROWS_PER_PROBLEM]:
        values = values if isinstance(values, tuple) else (values,)
        described = ", ".join(f"{k} {_show(v)}" for k, v in zip(key, values, strict=True))
        rows = ", ".join(str(int(i) + 2) for i in index)
        problems.append(
            DataProblem(
                label,
                f"{described} appears on more than one row (rows {rows}); each may appear once",
                row=int(index[0]) + 2,
                column=" + ".join(key),
            )
        )
    extra = len(groups) - MAX_ROWS_PER_PROBLEM
    if extra > 0:
        problems.append(
            DataProblem(label, f"... and {extra:,} more repeated combinations of {' + '.join(key)}")
        )
    return problems


def read_checked_csv(
    path: str | Path,
    schema: Any,
    *,
    allow_extra_columns: bool = False,
    extra_checks: Iterable[Any] = (),
) -> pd.DataFrame:
    """Read ``path`` as CSV, check it against a table ``schema`` and return a typed DataFrame.

    ``schema`` is a Frictionless Table Schema (object or dictionary): field names, types,
    ``constraints`` (required, enum, minimum, maximum, pattern, maxLength, unique) and an optional
    ``primaryKey``. Columns the schema does not name are refused unless ``allow_extra_columns``;
    then they are kept as text. ``extra_checks`` are callables ``(frame, label) -> problems`` for
    rules that span columns (for example systolic above diastolic blood pressure); they run only
    when every column is readable.

    Raises :class:`DataValidationError` listing every problem; the file is only read.
    """
    path = Path(path)
    label = path.name
    if not path.is_file():
        raise DataValidationError([DataProblem(label, f"No file found at {path}.")])
    descriptor = _schema_dict(schema)
    fields: list[dict[str, Any]] = descriptor.get("fields", [])
    missing_values = set(descriptor.get("missingValues", [""]))

    frame = _read_text(_decode(path, path.read_bytes(), label), label)
    frame.columns = [str(c).strip() for c in frame.columns]
    problems = _check_headers(frame, fields, label, allow_extra_columns)
    if frame.empty and not problems:
        problems.append(DataProblem(label, "The file has a heading row but no data rows."))
    if problems and any(p.row == 1 for p in problems):
        raise DataValidationError(problems)

    typed: dict[str, pd.Series] = {}
    for field in fields:
        name = field["name"]
        if name not in frame.columns:
            continue
        raw = frame[name]
        stripped = raw.str.strip()
        missing = stripped.isin(missing_values) | stripped.eq("")
        values, convert_problems = _convert(stripped, field, missing, label)
        problems += convert_problems
        problems += _check_constraints(values, raw, field, missing, label)
        typed[name] = values
    result = pd.DataFrame(typed, index=frame.index)
    for extra in frame.columns:
        if extra not in result.columns:
            result[extra] = frame[extra].astype("string")
    key = descriptor.get("primaryKey") or []
    problems += _check_primary_key(result, [key] if isinstance(key, str) else list(key), label)
    if not problems:
        for check in extra_checks:
            problems += list(check(result, label))
    if problems:
        raise DataValidationError(problems)
    return result
