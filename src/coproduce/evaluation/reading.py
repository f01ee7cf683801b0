"""Read and check a user's evaluation file (CSV or ``.xlsx``), reporting every problem at once.

The file goes through the one reader, :func:`coproduce.reader.read_table`, against the data
dictionary in ``data/datapackage.json`` (column names, types, ranges, allowed values, one row per
person per time point), and then through the rules that span columns and rows in
:mod:`coproduce.evaluation.checks`, which the evaluation passes in as ``extra_checks``. Every
problem names the file, row, column and value. The file is only read, never changed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coproduce.evaluation.checks import run_checks
from coproduce.evaluation.people import PersonIndex
from coproduce.evaluation.schema import example_path, input_schema
from coproduce.problems import DataProblem
from coproduce.reader import read_table


def resolve_input(input_csv: str | Path | None) -> tuple[Path, bool]:
    """The file to read and whether it is the SYNTHETIC example (``None`` means the example)."""
    if input_csv is None or str(input_csv).strip() == "":
        return example_path(), True
    path = Path(input_csv).expanduser()
    synthetic = path.exists() and path.resolve() == example_path().resolve()
    return path, synthetic


def read_and_index(
    path: str | Path, sheet: str | None = None
) -> tuple[pd.DataFrame, PersonIndex | None]:
    """:func:`read_evaluation_csv`, also returning the person index the checks built.

    Scoring needs the same index, so :func:`coproduce.evaluation.pipeline.evaluate` reuses it
    rather than working it out again.
    """
    built: list[tuple[pd.DataFrame, PersonIndex]] = []

    def cross_checks(frame: pd.DataFrame, label: str) -> list[DataProblem]:
        people = PersonIndex.of(frame)
        built.append((frame, people))
        return run_checks(frame, label, people)

    frame = read_table(
        path, input_schema(), extra_checks=[cross_checks], sheet=sheet, text_as_categories=True
    )
    people = next((index for checked, index in built if checked is frame), None)
    return frame, people


def read_evaluation_csv(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """Read ``path`` as an evaluation file and return it typed, or raise with every problem.

    ``path`` may be a CSV file or an ``.xlsx`` workbook (its first sheet, or ``sheet``).
    Raises :class:`coproduce.problems.DataValidationError`; its ``report()`` is a numbered
    list of problems, each naming the file, row, column, the value found and what was expected.
    """
    return read_and_index(path, sheet)[0]
