"""Reading the 4Pi statements, the ladder and a team's answers.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from coproduce.datapackage import load_table
from coproduce.disclosure import (
    Mode,
)
from coproduce.problems import DataProblem, DataValidationError
from coproduce.resources import resource

RATING_MIN, RATING_MAX = 1, 5


#: Roles a team's answers file may use, in the order summaries show them.
ROLES = ("service user", "carer", "staff")


#: Column-name stem for each role in team summaries.
ROLE_KEYS = {"service user": "service_user", "carer": "carer", "staff": "staff"}


#: Label of the row or column that combines the five standards.
OVERALL = "Overall"


RESPONSES_RESOURCE = "fourpi_responses_example"


def load_statements(directory: Path | None = None) -> pd.DataFrame:
    """The statement bank with each standard's order and question, in standard order."""
    standards = load_table("fourpi_standards", directory)[["order", "standard", "asks"]]
    statements = load_table("fourpi_statements", directory)
    table = statements.merge(standards, on="standard", how="left", validate="many_to_one")
    table = table.sort_values(["order", "statement_id"], kind="stable").reset_index(drop=True)
    return table[["statement_id", "standard", "order", "asks", "statement"]]


def standards_in_order(statements: pd.DataFrame) -> list[str]:
    """The five standard names in the 4Pi order (Principles first)."""
    return list(dict.fromkeys(statements.sort_values("order", kind="stable")["standard"]))


def load_ladder(directory: Path | None = None) -> pd.DataFrame:
    """The seven rungs of the ladder of co-production."""
    return load_table("coproduction_ladder", directory)[["rung", "step", "grouping", "meaning"]]


def responses_schema(directory: Path | None = None) -> dict[str, Any]:
    """The table schema a team's answers file must follow (from ``datapackage.json``)."""
    return resource(RESPONSES_RESOURCE, directory).schema


def example_responses_path(directory: Path | None = None) -> Path:
    """Where the SYNTHETIC example answers file is."""
    return resource(RESPONSES_RESOURCE, directory).example


def _answered_something(
    statement_ids: list[str],
) -> Callable[[pd.DataFrame, str], list[DataProblem]]:
    def check(frame: pd.DataFrame, label: str) -> list[DataProblem]:
        empty = frame[statement_ids].isna().all(axis=1)
        return [
            DataProblem(
                label,
                "this person has no rating for any statement; rate at least one or remove the row",
                row=int(i) + 2,
                column="respondent",
                value=frame.at[i, "respondent"],
            )
            for i in frame.index[empty]
        ]

    return check


def read_responses(
    path: str | Path | None = None, directory: Path | None = None, sheet: str | None = None
) -> pd.DataFrame:
    """Read a team's answers (``None``: the SYNTHETIC example) and check them.

    The file needs the columns ``respondent``, ``role`` and one per statement id, with ratings
    from 1 to 5 (blank when skipped). Every problem, such as a missing column, an unknown role,
    a rating outside 1 to 5 or an empty file, is reported at once with its row and column in a
    :class:`~coproduce.problems.DataValidationError`. The file is never changed.
    """
    from coproduce.userfile import read_checked_csv

    source = example_responses_path(directory) if path is None else Path(path)
    statement_ids = load_table("fourpi_statements", directory)["statement_id"].tolist()
    return read_checked_csv(
        source,
        responses_schema(directory),
        extra_checks=[_answered_something(statement_ids)],
        sheet=sheet,
    )


def parse_mode(value: object) -> Mode:
    """The disclosure mode a notebook setting names, or a clear message saying what is allowed."""
    try:
        return Mode(str(value).strip().lower())
    except ValueError:
        allowed = " or ".join(f"'{m.value}'" for m in Mode)
        raise DataValidationError(
            [DataProblem("notebook settings", f"disclosure_mode must be {allowed}", value=value)]
        ) from None


def example_person(role: str = "service user", directory: Path | None = None) -> tuple[str, dict]:
    """The first made-up person in the SYNTHETIC example with ``role``: their code and ratings."""
    example = read_responses(None, directory)
    row = example[example["role"] == role].iloc[0]
    ids = load_table("fourpi_statements", directory)["statement_id"]
    ratings = {s: (None if pd.isna(row[s]) else int(row[s])) for s in ids}
    return str(row["respondent"]), ratings
