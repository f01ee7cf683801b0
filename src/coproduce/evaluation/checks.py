"""Rules that span columns or rows of an evaluation file, each reported with row and column.

:func:`coproduce.reader.read_table` checks each column on its own (types, ranges, allowed
values, the participant and time point key). The rules here need several columns or several rows
of the same person: systolic above diastolic, a reason wherever a measure is blank, a withdrawal
reason on the row where someone left, nobody "assessed" after they withdrew, and so on. They run
only once every column is readable, and every one is vectorised (no loop over rows), so a file
of a million rows is checked in about a second.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from coproduce.evaluation.columns import is_value
from coproduce.evaluation.people import PersonIndex
from coproduce.evaluation.schema import (
    ASSESSED,
    COLLECTED_MEASURES,
    IPAQ_ACTIVITIES,
    MEASUREMENT_COLUMNS,
    TIME_POINTS,
    WITHDRAWN,
    CollectedMeasure,
)
from coproduce.problems import DataProblem
from coproduce.reader import MAX_ROWS_PER_PROBLEM

Check = Callable[[pd.DataFrame, str], list[DataProblem]]


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_problem(
    label: str,
    frame: pd.DataFrame,
    mask: pd.Series | np.ndarray,
    column: str | None,
    message: str | Callable[[pd.Series], str],
    value_column: str | None = None,
) -> list[DataProblem]:
    """One problem for each row where ``mask`` is true (up to a limit, then a summary line).

    ``message`` may be a function of the row, for messages that name the row's own values.
    Row numbers count the heading as row 1, like a spreadsheet.
    """
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return []
    positions = np.flatnonzero(mask)
    shown = frame.iloc[positions[:MAX_ROWS_PER_PROBLEM]]
    value_column = value_column or column
    problems = []
    for index, row in shown.iterrows():
        text = message(row) if callable(message) else message
        value = _text(row[value_column]) if value_column in frame.columns else None
        problems.append(
            DataProblem(label, text, row=int(index) + 2, column=column, value=value or None)
        )
    rest = len(positions) - MAX_ROWS_PER_PROBLEM
    if rest > 0:
        summary = message(shown.iloc[0]) if callable(message) else message
        problems.append(
            DataProblem(
                label,
                f"... and {rest:,} more rows with the same problem ({summary})",
                column=column,
            )
        )
    return problems


def _context(frame: pd.DataFrame, people: PersonIndex | None) -> tuple[PersonIndex, np.ndarray]:
    people = people or PersonIndex.of(frame)
    return people, people.order


def first_withdrawal(frame: pd.DataFrame, people: PersonIndex, order: np.ndarray) -> np.ndarray:
    """For each row: the time index at which its person first withdrew (NaN if never)."""
    withdrawn = is_value(frame, "status", WITHDRAWN)
    return people.per_row(people.min(order, withdrawn))


def check_baseline_row(
    frame: pd.DataFrame, label: str, people: PersonIndex | None = None
) -> list[DataProblem]:
    """Every person needs a baseline row: that is where recruitment is counted."""
    people, order = _context(frame, people)
    has_baseline = people.per_row(people.any(order == 0))
    return rows_problem(
        label,
        frame,
        people.is_first_row() & ~has_baseline,
        "time_point",
        lambda row: (
            f"participant {row['participant_id']} has no 'baseline' row; every person needs "
            "one (use status 'withdrawn' if they left before the baseline assessment)"
        ),
        value_column="participant_id",
    )


def check_same_site_and_background(
    frame: pd.DataFrame, label: str, people: PersonIndex | None = None
) -> list[DataProblem]:
    """A person's site and family background must be the same on each of their rows."""
    people = people or PersonIndex.of(frame)
    problems: list[DataProblem] = []
    for column, what in [("site", "site"), ("family_background", "family background")]:
        differs, first_value = people.differs_from_first(frame[column])
        problems += rows_problem(
            label,
            frame,
            differs,
            column,
            lambda row, what=what, first_value=first_value: (
                f"participant {row['participant_id']} has a different {what} here from their "
                f"first row ({first_value[frame.index.get_loc(row.name)]}); a person's {what} "
                "must be the same on every row"
            ),
        )
    return problems


def check_time_points_in_order(
    frame: pd.DataFrame, label: str, people: PersonIndex | None = None
) -> list[DataProblem]:
    """Rows up to a person's withdrawal (or all rows if they stayed) must all be there.

    Only time points that appear somewhere in the file are required, so a file written before
    follow-up has happened for anyone is fine.
    """
    people, order = _context(frame, people)
    present = np.flatnonzero(np.bincount(order[order >= 0], minlength=len(TIME_POINTS)))
    limit = first_withdrawal(frame, people, order)
    limit = np.where(np.isnan(limit), present.max(), limit)
    # How many of the file's time points fall at or before each person's limit...
    needed = np.searchsorted(present, limit, side="right")
    # ...and how many rows the person has at or before it.
    have = people.per_row(people.sum(order <= limit))
    short = (have < needed) & people.is_first_row()

    def message(row: pd.Series) -> str:
        position = frame.index.get_loc(row.name)
        mine = set(frame["time_point"].to_numpy()[people.codes == people.codes[position]])
        wanted = [TIME_POINTS[i] for i in present if i <= limit[position]]
        missing = [t for t in wanted if t not in mine]
        return (
            f"participant {row['participant_id']} has no row for {', '.join(missing)}; add one "
            "with status 'missed' (not assessed this time) or 'withdrawn' (had left)"
        )

    return rows_problem(label, frame, short, "time_point", message, value_column="participant_id")


def check_withdrawal(
    frame: pd.DataFrame, label: str, people: PersonIndex | None = None
) -> list[DataProblem]:
    """Withdrawal is for good: a reason on the row where it happens, nobody assessed after."""
    people, order = _context(frame, people)
    first = first_withdrawal(frame, people, order)
    withdrawn = is_value(frame, "status", WITHDRAWN)
    reason_blank = frame["withdrawal_reason"].isna().to_numpy()
    problems = rows_problem(
        label,
        frame,
        ~withdrawn & (order > first),
        "status",
        lambda row: (
            f"participant {row['participant_id']} withdrew at an earlier time point, so this "
            f"row cannot be '{row['status']}'; once someone withdraws, their later rows say "
            "'withdrawn' or are left out"
        ),
    )
    problems += rows_problem(
        label,
        frame,
        withdrawn & (order == first) & reason_blank,
        "withdrawal_reason",
        "this is the row where the person withdrew: say why in withdrawal_reason (in general "
        "words, or 'not known')",
    )
    problems += rows_problem(
        label,
        frame,
        ~withdrawn & ~reason_blank,
        "withdrawal_reason",
        lambda row: (
            f"a withdrawal reason is given but the status is '{row['status']}'; a reason belongs "
            "only on the row where the person withdrew"
        ),
    )
    return problems


def check_measures_only_when_assessed(
    frame: pd.DataFrame, label: str, people: PersonIndex | None = None
) -> list[DataProblem]:
    """Measurements belong only on rows where the person was assessed."""
    recorded = frame[list(MEASUREMENT_COLUMNS)].notna().to_numpy()
    stray = recorded.any(axis=1) & ~is_value(frame, "status", ASSESSED)

    def message(row: pd.Series) -> str:
        columns = [c for c in MEASUREMENT_COLUMNS if pd.notna(row[c])]
        return (
            f"the status is '{row['status']}' but measures are recorded here "
            f"({', '.join(columns)}); measures belong only on 'assessed' rows, so either the "
            "status or the values are wrong"
        )

    return rows_problem(label, frame, stray, "status", message)


def check_blood_pressure(
    frame: pd.DataFrame, label: str, people: PersonIndex | None = None
) -> list[DataProblem]:
    """Systolic and diastolic come as a pair, and systolic is the higher number."""
    systolic, diastolic = frame["systolic_bp"], frame["diastolic_bp"]
    problems = rows_problem(
        label,
        frame,
        (systolic.isna() != diastolic.isna()).to_numpy(),
        "diastolic_bp",
        lambda row: (
            "give both blood pressure readings (systolic and diastolic) or neither; found "
            f"systolic {_text(row['systolic_bp']) or 'blank'} and diastolic "
            f"{_text(row['diastolic_bp']) or 'blank'}"
        ),
    )
    problems += rows_problem(
        label,
        frame,
        (systolic <= diastolic).fillna(False).to_numpy(),
        "systolic_bp",
        lambda row: (
            f"systolic blood pressure ({_text(row['systolic_bp'])}) must be higher than "
            f"diastolic ({_text(row['diastolic_bp'])}); are the two readings swapped?"
        ),
    )
    return problems


def check_ipaq_days_and_minutes(
    frame: pd.DataFrame, label: str, people: PersonIndex | None = None
) -> list[DataProblem]:
    """IPAQ days and minutes must agree: minutes only on days that had the activity."""
    problems: list[DataProblem] = []
    for activity in IPAQ_ACTIVITIES:
        days, minutes = frame[f"ipaq_{activity}_days"], frame[f"ipaq_{activity}_minutes"]
        column = f"ipaq_{activity}_minutes"
        problems += rows_problem(
            label,
            frame,
            (days.eq(0) & minutes.gt(0)).fillna(False).to_numpy(),
            column,
            f"{activity} minutes are given but {activity} days are 0; set the days, or leave "
            "the minutes blank",
        )
        problems += rows_problem(
            label,
            frame,
            (days.gt(0) & minutes.eq(0)).fillna(False).to_numpy(),
            column,
            f"{activity} days are more than 0 but the minutes per day are 0; give the usual "
            "minutes on one of those days, or set the days to 0",
        )
    return problems


def carried_height(frame: pd.DataFrame, people: PersonIndex | None = None) -> pd.Series:
    """Each row's height, or else the person's most recent earlier height (never a later one)."""
    people, order = _context(frame, people)
    heights = frame["height_cm"].to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series(people.forward_fill(heights, order), index=frame.index)


def collected(
    frame: pd.DataFrame, measure: CollectedMeasure, people: PersonIndex | None = None
) -> pd.Series:
    """True on each row where ``measure`` was fully collected.

    IPAQ counts as collected when all three 'days' answers are given and there are minutes for
    every activity done on at least one day. BMI needs a weight and a height on this row or an
    earlier one.
    """
    if measure.key == "ipaq":
        complete = frame[[f"ipaq_{a}_days" for a in IPAQ_ACTIVITIES]].notna().all(axis=1)
        for activity in IPAQ_ACTIVITIES:
            days, minutes = frame[f"ipaq_{activity}_days"], frame[f"ipaq_{activity}_minutes"]
            complete &= (days.eq(0) | minutes.notna()).fillna(False)
        return complete
    if measure.key == "bmi":
        height = frame["height_used"] if "height_used" in frame else carried_height(frame, people)
        return frame["weight_kg"].notna() & height.notna()
    return frame[list(measure.columns)].notna().all(axis=1)


def measures_in_use(frame: pd.DataFrame) -> list[CollectedMeasure]:
    """Measures with at least one value in the file; a measure blank everywhere is not used."""
    return [m for m in COLLECTED_MEASURES if frame[list(m.columns)].notna().any().any()]


def check_reasons_for_blanks(
    frame: pd.DataFrame, label: str, people: PersonIndex | None = None
) -> list[DataProblem]:
    """Wherever a measure in use was not collected from an assessed person, say why."""
    problems: list[DataProblem] = []
    assessed = pd.Series(is_value(frame, "status", ASSESSED), index=frame.index)
    for measure in measures_in_use(frame):
        if measure.reason is None:
            continue
        done = collected(frame, measure, people)
        needs = assessed & ~done & frame[measure.reason].isna()
        if measure.key == "bmi":
            # A blank weight is already reported under "Weight"; here only a missing height.
            needs &= frame["weight_kg"].notna()

            def message(row: pd.Series) -> str:
                return (
                    "there is no height for this person on this row or an earlier one, so BMI "
                    "cannot be worked out; give height_cm, or say why in "
                    "weight_not_collected_reason"
                )

        else:

            def message(row: pd.Series, measure: CollectedMeasure = measure) -> str:
                blank = [c for c in measure.columns if pd.isna(row[c])]
                if measure.key == "ipaq":
                    blank = [
                        c
                        for c in blank
                        if c.endswith("_days") or _text(row[c.replace("_minutes", "_days")]) != "0"
                    ]
                return (
                    f"{measure.label} was not fully collected ({', '.join(blank)} blank): say "
                    f"why in {measure.reason}, or fill in the missing values"
                )

        problems += rows_problem(label, frame, needs.to_numpy(), measure.reason, message)
    return problems


#: Every cross-column check, in the order their problems are listed.
CHECKS = (
    check_baseline_row,
    check_same_site_and_background,
    check_time_points_in_order,
    check_withdrawal,
    check_measures_only_when_assessed,
    check_blood_pressure,
    check_ipaq_days_and_minutes,
    check_reasons_for_blanks,
)


def run_checks(
    frame: pd.DataFrame, label: str, people: PersonIndex | None = None
) -> list[DataProblem]:
    """Run every cross-column check on a typed evaluation frame; return all the problems."""
    people = people or PersonIndex.of(frame)
    problems: list[DataProblem] = []
    for check in CHECKS:
        problems += check(frame, label, people)
    return problems


#: What :func:`coproduce.reader.read_table` takes as ``extra_checks``.
CROSS_CHECKS: tuple[Check, ...] = (run_checks,)
