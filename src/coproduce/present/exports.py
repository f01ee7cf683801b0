"""Exports that are safe to open: CSV and spreadsheet files with formula cells neutralised.

A spreadsheet program treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula,
and may run it when the file is opened (``=HYPERLINK(...)`` sends data elsewhere,
``+cmd|' /C calc'!A0`` starts a program). A tab or carriage return at the start can hide such a
formula behind white space. Following OWASP's advice on CSV injection, every text cell that
starts with one of these characters gets a leading apostrophe, which makes the spreadsheet show
the text as it is. Numbers stay numbers: a ``-2`` in a number column is a number, not text, so
it is left alone.

Every tool of the guide writes its CSV and spreadsheet files through :func:`write_table`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """``value`` with a leading apostrophe if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and text headings) cannot run as formulas.

    Only text is changed: numbers, dates and missing values are kept as they are, so a negative
    number in a number column is still a number.
    """
    result = frame.copy()
    for position in range(result.shape[1]):
        column = result.iloc[:, position]
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column):
            continue
        result.isetitem(position, column.map(neutralise_cell, na_action="ignore"))
    result.columns = pd.Index([neutralise_cell(c) for c in result.columns])
    if not isinstance(result.index, pd.MultiIndex):
        result.index = pd.Index(
            [neutralise_cell(i) for i in result.index], name=neutralise_cell(result.index.name)
        )
    return result


def write_table(frame: pd.DataFrame, path: str | Path, index: bool = False) -> Path:
    """Write ``frame`` to ``path`` with formula cells neutralised; returns the path.

    ``.csv`` (UTF-8 with a byte-order mark, so Excel reads accents) or ``.xlsx`` (needs the
    ``openpyxl`` package). The folder is created if needed.
    """
    path = Path(path)
    safe = neutralise_formulas(frame)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(
            f"A table can be saved as .csv or .xlsx, not {path.suffix or path.name!r}."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        # RFC 4180 line ends: a carriage return inside a cell is then quoted, not a new row.
        safe.to_csv(path, index=index, encoding="utf-8-sig", lineterminator="\r\n")
        return path
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise RuntimeError(
            "Saving a spreadsheet (.xlsx) needs the openpyxl package: "
            "pip install openpyxl, or save as .csv instead."
        ) from None
    safe.to_excel(path, index=index, engine="openpyxl")
    return path


def write_tables(tables: dict[str, pd.DataFrame], path: str | Path) -> list[Path]:
    """Write several tables: one sheet each in an ``.xlsx`` file, or one CSV file each.

    For ``tables.csv`` each table goes to ``tables-<name>.csv`` beside it. Formula cells are
    neutralised in every one (see :func:`write_table`). Returns the paths written.
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        path.parent.mkdir(parents=True, exist_ok=True)
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, frame in tables.items():
                sheet = "".join(c for c in name if c not in "[]:*?/\\")[:31] or "Table"
                neutralise_formulas(frame).to_excel(writer, sheet_name=sheet, index=False)
        return [path]
    if path.suffix.lower() != ".csv":
        raise ValueError(f"Tables can be saved as .csv or .xlsx, not {path.suffix or path.name!r}.")
    written = []
    for name, frame in tables.items():
        slug = "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())
        written.append(write_table(frame, path.with_name(f"{path.stem}-{slug}.csv")))
    return written
