"""A fast first pass for files that are already clean; anything doubtful goes the careful way.

:func:`coproduce.userfile.read_checked_csv` reads every cell as text, trims it and converts it
in pandas, so that it can name the row, column and value of every problem. On a million-row
file that careful pass takes about ten times as long as pandas reading the file with types.

Most files a service runs twice are clean, so :func:`quick_read` first lets pandas' C parser
read the numbers directly and checks the table schema's constraints on whole columns (on the
distinct values for text columns). If the file passes every check, it returns the same typed
DataFrame :func:`read_checked_csv` would (a test compares the two). If anything is unusual
(a parse error, an unexpected heading, a value out of range, spaces around text, a schema
feature this pass does not know), it returns ``None`` and the caller uses
:func:`read_checked_csv`, which then finds and explains every problem. It never reports a
problem itself, and it never changes the file.
"""

from __future__ import annotations

import csv
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

_EXCEL_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_NUMERIC = {"integer": "Int64", "number": "Float64"}
_SUPPORTED_CONSTRAINTS = {
    "required",
    "enum",
    "minimum",
    "maximum",
    "pattern",
    "maxLength",
    "unique",
}
# pandas' C parser reads a number column whose every value is one of these words as 1 and 0;
# the careful pass refuses them.
_BOOLEAN_WORDS = {"true", "false"}


def _header(path: Path) -> list[str] | None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), None)


def _supported(descriptor: dict[str, Any]) -> bool:
    if set(descriptor.get("missingValues", [""])) != {""}:
        return False
    for field in descriptor.get("fields", []):
        kind = field.get("type", "string")
        constraints = field.get("constraints", {})
        if kind not in ("integer", "number", "string"):
            return False
        if not set(constraints) <= _SUPPORTED_CONSTRAINTS:
            return False
        if kind != "string" and ("enum" in constraints or "pattern" in constraints):
            return False
    return True


def _has_boolean_words(path: Path, columns: list[str]) -> bool:
    """True if any of ``columns`` (number columns holding only 0 and 1) has a true/false word."""
    text = pd.read_csv(path, usecols=columns, dtype=object, keep_default_na=False)
    return any(text[c].str.strip().str.lower().isin(_BOOLEAN_WORDS).any() for c in columns)


def _numbers_ok(values: np.ndarray, field: dict[str, Any]) -> tuple[bool, bool]:
    """Whether a number column meets its field, and whether all its values are 0 or 1."""
    constraints = field.get("constraints", {})
    # fmin and fmax skip NaN (blanks); both are NaN only when every value is blank.
    low, high = np.fmin.reduce(values), np.fmax.reduce(values)
    if np.isnan(low):
        return not constraints.get("required"), False
    if constraints.get("required") and np.isnan(values).any():
        return False, False
    if not (np.isfinite(low) and np.isfinite(high)):
        return False, False
    if constraints.get("minimum") is not None and low < constraints["minimum"]:
        return False, False
    if constraints.get("maximum") is not None and high > constraints["maximum"]:
        return False, False
    # NaN % 1 is NaN, and NaN > 0 is false, so blanks pass this test.
    if field.get("type") == "integer" and (values % 1 > 0).any():
        return False, False
    if constraints.get("unique") and pd.Series(values).dropna().duplicated().any():
        return False, False
    zero_one = low >= 0 and high <= 1
    if zero_one and field.get("type") != "integer":
        zero_one = bool(np.isin(values[~np.isnan(values)], [0, 1]).all())
    return True, zero_one


def _no_outer_spaces(distinct: np.ndarray) -> bool:
    """True if no value starts or ends with whitespace (what ``str.strip`` would remove)."""
    joined = "\x00".join(distinct)
    if joined.count("\x00") != len(distinct) - 1:
        return False  # a value holds the separator itself: be careful instead
    if re.search(r"\s", joined) is None:
        return True  # no whitespace anywhere (codes, numbers): the quick answer
    return re.search(r"(?:^|\x00)\s|\s(?:\x00|$)", joined) is None


def _all_match(pattern: str, distinct: np.ndarray) -> bool:
    """True if every value matches ``pattern`` in full (as ``re.fullmatch``).

    Fast way: join the values with newlines and count the lines the pattern matches from start
    to end in one pass. ``^`` only matches at a line start and matches cannot overlap, so a
    match running over into the next line would leave fewer matches than values: the count
    equals the number of values only if every value matched on its own. Otherwise (a value
    that does not match, a value holding a newline, a pattern that cannot be wrapped) the
    values are checked the slow way, one at a time.
    """
    joined = "\n".join(distinct)
    try:
        lines = re.compile(f"^(?:{pattern})$", re.MULTILINE)
    except re.error:
        lines = None
    if lines is not None and joined.count("\n") == len(distinct) - 1:
        if len(lines.findall(joined)) == len(distinct):
            return True
    match = re.compile(pattern).fullmatch
    return all(match(value) for value in distinct)


def _text_ok(codes: np.ndarray, distinct: np.ndarray, field: dict[str, Any]) -> bool:
    """Whether a text column (as factorize ``codes`` and ``distinct`` values) meets its field."""
    constraints = field.get("constraints", {})
    if constraints.get("required") and (codes < 0).any():
        return False
    if constraints.get("unique") and len(distinct) != (codes >= 0).sum():
        return False
    if len(distinct) and not _no_outer_spaces(distinct):
        return False
    if "enum" in constraints:
        allowed = {str(v) for v in constraints["enum"]}
        if not all(value in allowed for value in distinct):
            return False
    if "pattern" in constraints and not _all_match(constraints["pattern"], distinct):
        return False
    if "maxLength" in constraints:
        longest = max((len(value) for value in distinct), default=0)
        if longest > constraints["maxLength"]:
            return False
    return True


def _key_unique(codes: list[np.ndarray], sizes: list[int]) -> bool:
    """Whether the combined key (each part as factorize codes, -1 blank) never repeats."""
    if not codes:
        return True
    combined = np.zeros(len(codes[0]), dtype=np.int64)
    complete = np.ones(len(codes[0]), dtype=bool)
    for part, size in zip(codes, sizes, strict=True):
        complete &= part >= 0
        combined = combined * (size + 1) + part + 1
    return not pd.Series(combined[complete]).duplicated().any()


def quick_read(path: str | Path, schema: dict[str, Any]) -> pd.DataFrame | None:
    """Return the typed table if ``path`` is a clean file for ``schema``, else ``None``.

    "Clean" means :func:`coproduce.userfile.read_checked_csv` would accept the file with no
    problem at all (before any cross-column checks); the frame returned is then identical to
    the one it returns. ``None`` means: use the careful reader.
    """
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0 or not _supported(schema):
        return None
    with path.open("rb") as handle:
        if handle.read(8).startswith(_EXCEL_SIGNATURES):
            return None
    fields = schema["fields"]
    names = [field["name"] for field in fields]
    try:
        header = _header(path)
    except (UnicodeDecodeError, csv.Error):
        return None
    if header is None or len(header) != len(names) or set(header) != set(names):
        return None
    dtypes = {f["name"]: "float64" if f.get("type") in _NUMERIC else object for f in fields}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            frame = pd.read_csv(
                path,
                dtype=dtypes,
                keep_default_na=False,
                na_values={name: [""] for name in names},
                index_col=False,
                # One pass over the whole file, so a column's type is decided on all its values.
                low_memory=False,
            )
    except (ValueError, UnicodeError, pd.errors.ParserError, Warning):
        # pandas reads UTF-8 strictly (a byte order mark is fine), so a file in another
        # encoding lands here too.
        return None
    if frame.empty:
        return None

    typed: dict[str, Any] = {}
    zero_one: list[str] = []
    key_codes: dict[str, tuple[np.ndarray, int]] = {}
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        if kind in _NUMERIC:
            values = frame[name].to_numpy(dtype="float64")
            ok, only_zero_one = _numbers_ok(values, field)
            if not ok:
                return None
            if only_zero_one:
                zero_one.append(name)
            blank = np.isnan(values)
            # The same typed arrays read_checked_csv makes (Float64 -> round -> Int64), built
            # directly from the parsed numbers.
            if kind == "integer":
                with np.errstate(invalid="ignore"):
                    whole = values.astype(np.int64)  # blanks are masked, their value unused
                typed[name] = pd.arrays.IntegerArray(whole, blank)
            else:
                typed[name] = pd.arrays.FloatingArray(values, blank)
        else:
            codes, distinct = pd.factorize(frame[name].to_numpy(dtype=object))
            if not _text_ok(codes, distinct, field):
                return None
            key_codes[name] = (codes, len(distinct))
            # Build the text column from its distinct values: blanks (code -1) become <NA>.
            typed[name] = pd.arrays.StringArray(np.asarray(distinct, dtype=object)).take(
                codes, allow_fill=True
            )
    key = schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else list(key)
    for name in key:
        if name not in key_codes:
            key_codes[name] = pd.factorize(pd.Series(typed[name]))[0], len(typed[name])
    if not _key_unique([key_codes[k][0] for k in key], [key_codes[k][1] for k in key]):
        return None
    if zero_one and _has_boolean_words(path, zero_one):
        return None
    return pd.DataFrame(typed, index=frame.index, copy=False)
