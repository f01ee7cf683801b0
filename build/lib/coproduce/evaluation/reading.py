"""Read and check a user's evaluation file, reporting every problem at once.

The file is checked against the data dictionary in ``data/datapackage.json`` (column names,
types, ranges, allowed values, one row per person per time point) and then against the rules
that span columns and rows in :mod:`coproduce.evaluation.checks`. A clean file takes a fast
path (:mod:`coproduce.evaluation.quickread`); any file with a problem goes through
:func:`coproduce.userfile.read_checked_csv`, which names the file, row, column and value of
each problem. Either way the file is only read, never changed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coproduce.evaluation.checks import CROSS_CHECKS, run_checks
from coproduce.evaluation.people import PersonIndex
from coproduce.evaluation.quickread import quick_read
from coproduce.evaluation.schema import example_path, input_schema
from coproduce.problems import DataValidationError
from coproduce.userfile import read_checked_csv


def resolve_input(input_csv: str | Path | None) -> tuple[Path, bool]:
    """The file to read and whether it is the SYNTHETIC example (``None`` means the example)."""
    if input_csv is None or str(input_csv).strip() == "":
        return example_path(), True
    path = Path(input_csv).expanduser()
    synthetic = path.exists() and path.resolve() == example_path().resolve()
    return path, synthetic


def read_and_index(path: str | Path) -> tuple[pd.DataFrame, PersonIndex | None]:
    """:func:`read_evaluation_csv`, also returning the person index the checks built.

    Scoring needs the same index, so :func:`coproduce.evaluation.pipeline.evaluate` reuses it
    rather than working it out again (``None`` when the careful reader was used).
    """
    path = Path(path)
    schema = input_schema()
    frame = quick_read(path, schema)
    if frame is None:
        return read_checked_csv(path, schema, extra_checks=CROSS_CHECKS), None
    people = PersonIndex.of(frame)
    problems = run_checks(frame, path.name, people)
    if problems:
        raise DataValidationError(problems)
    return frame, people


def read_evaluation_csv(path: str | Path) -> pd.DataFrame:
    """Read ``path`` as an evaluation file and return it typed, or raise with every problem.

    Raises :class:`coproduce.problems.DataValidationError`; its ``report()`` is a numbered
    list of problems, each naming the file, row, column, the value found and what was expected.
    """
    return read_and_index(path)[0]
