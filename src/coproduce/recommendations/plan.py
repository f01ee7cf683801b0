"""A local action plan: add, update and remove picked recommendations.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from coproduce.problems import DataProblem, DataValidationError

#: Where an action stands.
STATUSES = ("Not started", "In progress", "Done")


#: Columns of an action plan, in order.
PLAN_COLUMNS = [
    "number",
    "area",
    "area_name",
    "recommendation",
    "action",
    "owner",
    "due_date",
    "status",
]


def empty_action_plan() -> pd.DataFrame:
    """An action plan with no rows yet."""
    return pd.DataFrame({column: pd.Series(dtype="string") for column in PLAN_COLUMNS}).astype(
        {"area": "Int64"}
    )


def _plan_problem(message: str, value: object = None) -> DataValidationError:
    return DataValidationError([DataProblem("action plan", message, value=value)])


def _due_date(value: object) -> str:
    """A due date as ``YYYY-MM-DD`` text ('' for none); refuses anything else."""
    if value is None or value == "" or value is pd.NaT:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise _plan_problem(
            "a due date must be a real date written as YYYY-MM-DD, such as 2026-09-30", value
        ) from None


def add_to_plan(
    plan: pd.DataFrame,
    recommendations: pd.DataFrame,
    numbers: Iterable[str],
    *,
    action: str | None = None,
    owner: str | None = None,
    due_date: object = None,
    status: str | None = None,
) -> pd.DataFrame:
    """Return a copy of ``plan`` with ``numbers`` added (or updated if already there).

    ``action``, ``owner``, ``due_date`` and ``status`` apply to every number given; ``None``
    leaves a field as it was (new rows start empty and "Not started"). Rows stay in the
    published order of the recommendations. Unknown numbers, statuses or dates raise a
    :class:`DataValidationError` that says what to fix.
    """
    numbers = [str(n).strip() for n in numbers]
    known = recommendations["number"].tolist()
    unknown = [n for n in numbers if n not in known]
    if unknown:
        raise _plan_problem(
            "no Healthy Lives recommendation has the number(s) "
            + ", ".join(unknown)
            + "; the numbers are "
            + ", ".join(known)
        )
    if status is not None and status not in STATUSES:
        raise _plan_problem("a status must be one of: " + ", ".join(STATUSES), status)
    due = None if due_date is None else _due_date(due_date)
    result = plan.copy()
    new = [n for n in dict.fromkeys(numbers) if n not in set(result["number"])]
    if new:
        rows = recommendations[recommendations["number"].isin(new)].copy()
        rows["action"] = ""
        rows["owner"] = ""
        rows["due_date"] = ""
        rows["status"] = STATUSES[0]
        result = pd.concat([result, rows[PLAN_COLUMNS]], ignore_index=True)
    chosen = result["number"].isin(numbers)
    for column, value in (("action", action), ("owner", owner), ("due_date", due)):
        if value is not None:
            result.loc[chosen, column] = " ".join(str(value).split())
    if status is not None:
        result.loc[chosen, "status"] = status
    order = {n: i for i, n in enumerate(known)}
    result = result.sort_values("number", key=lambda s: s.map(order)).reset_index(drop=True)
    return result.astype({c: "string" for c in PLAN_COLUMNS if c != "area"}).astype(
        {"area": "Int64"}
    )


def remove_from_plan(plan: pd.DataFrame, numbers: Iterable[str]) -> pd.DataFrame:
    """Return a copy of ``plan`` without the rows for ``numbers``."""
    drop = {str(n).strip() for n in numbers}
    return plan[~plan["number"].isin(drop)].reset_index(drop=True)
