"""Outcomes: how each measure changed from baseline, and how people fall into categories.

Change is worked out only for people measured at both baseline and the later time point
(paired data). For each measure and time point the table gives the mean change (later minus
baseline) with a 95% confidence interval from the t distribution, and an effect size: Cohen's
d_z, the mean change divided by the standard deviation of the changes, the usual standardised
effect for paired measurements. A small pilot is not designed to prove that an intervention
works; these figures describe what changed, with the uncertainty shown.

All arithmetic is done on whole columns with numpy (no loop over people), so it takes about the
same time for a million rows as for a hundred.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# scipy.special, not scipy.stats: the same t quantiles (stats.t.ppf calls stdtrit) for a
# fraction of the memory and import time.
from scipy import special

from coproduce.disclosure import (
    MINIMUM_PEOPLE,
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    protect_parts,
    safe_count,
    safe_percents,
    safe_statistic,
    separate_groups,
)
from coproduce.evaluation.columns import is_value
from coproduce.evaluation.people import PersonIndex, time_index
from coproduce.evaluation.schema import ASSESSED, TIME_LABELS, TIME_POINTS
from coproduce.evaluation.scoring import BMI_CATEGORIES, BP_CATEGORIES, IPAQ_CATEGORIES

EFFECT_SIZE = "Cohen's d_z"
EFFECT_SIZE_NOTE = (
    "Effect size is Cohen's d_z: the mean change divided by the standard deviation of the "
    "changes, for people measured at both time points. It puts measures on different scales "
    "on a common footing; it is not a test of whether the change is important to people."
)


@dataclass(frozen=True)
class Outcome:
    """A measure whose change from baseline is reported."""

    column: str
    label: str
    unit: str
    digits: int


OUTCOMES: tuple[Outcome, ...] = (
    Outcome("met_min_week", "Physical activity (IPAQ)", "MET-minutes a week", 0),
    Outcome("ipaq_sitting_minutes", "Sitting time (IPAQ)", "minutes a weekday", 0),
    Outcome("swemwbs_metric", "Wellbeing (SWEMWBS metric score)", "points, 7 to 35", 2),
    Outcome("systolic_bp", "Systolic blood pressure", "mmHg", 1),
    Outcome("diastolic_bp", "Diastolic blood pressure", "mmHg", 1),
    Outcome("weight_kg", "Weight", "kg", 1),
    Outcome("bmi", "Body mass index", "kg/m²", 1),
    Outcome("confidence", "Confidence to be active (user-led)", "points, 0 to 10", 1),
    Outcome("social_contacts", "Social contacts (user-led)", "days in the last 7", 1),
)

#: Category measures: the scored column, its label and its categories in order.
CATEGORY_MEASURES = {
    "ipaq_category": ("Physical activity level (IPAQ)", IPAQ_CATEGORIES),
    "bmi_category": ("BMI category (NICE)", BMI_CATEGORIES),
    "bp_category": ("Clinic blood pressure category (NICE NG136)", BP_CATEGORIES),
}

CHANGE_COLUMNS = [
    "Measure",
    "Unit",
    "Compared with baseline",
    "People measured at both",
    "Mean at baseline",
    "Mean at this time point",
    "Mean change",
    "95% CI lower",
    "95% CI upper",
    "SD of change",
    EFFECT_SIZE,
]
#: Safe mode leaves out the spread: with the interval it would pin the exact number of people.
SAFE_CHANGE_COLUMNS = [c for c in CHANGE_COLUMNS if c not in ("SD of change", EFFECT_SIZE)]
CHANGE_TABLE = "Change from baseline"
CATEGORY_TABLE = "Categories at each time point"


def outcomes_in_use(scored: pd.DataFrame) -> list[Outcome]:
    """Outcomes with at least one value in the file."""
    return [o for o in OUTCOMES if scored[o.column].notna().any()]


def paired_change(before: np.ndarray, after: np.ndarray) -> dict[str, np.ndarray]:
    """Column-wise paired statistics for matrices of people x measures (NaN where missing).

    Returns arrays (one value per measure) of ``n``, ``mean_before``, ``mean_after``,
    ``mean_change``, ``sd_change``, ``ci_lower``, ``ci_upper`` and ``d_z``. The interval is
    mean change +/- t(0.975, n - 1) x SD / sqrt(n); it needs at least 2 people, and d_z needs
    changes that are not all the same.
    """
    before = np.atleast_2d(np.asarray(before, dtype="float64").T).T
    after = np.atleast_2d(np.asarray(after, dtype="float64").T).T
    change = after - before
    paired = ~np.isnan(change)
    n = paired.sum(axis=0)
    safe_n = np.where(n > 0, n, 1)
    mean_before = np.where(n > 0, np.where(paired, before, 0).sum(axis=0) / safe_n, np.nan)
    mean_after = np.where(n > 0, np.where(paired, after, 0).sum(axis=0) / safe_n, np.nan)
    mean_change = np.where(n > 0, np.where(paired, change, 0).sum(axis=0) / safe_n, np.nan)
    squares = np.where(paired, (change - mean_change) ** 2, 0).sum(axis=0)
    sd = np.where(n > 1, np.sqrt(squares / np.where(n > 1, n - 1, 1)), np.nan)
    t = np.where(n > 1, special.stdtrit(np.where(n > 1, n - 1, 1), 0.975), np.nan)
    half_width = t * sd / np.sqrt(safe_n)
    with np.errstate(divide="ignore", invalid="ignore"):
        d_z = np.where(sd > 0, mean_change / sd, np.nan)
    return {
        "n": n,
        "mean_before": mean_before,
        "mean_after": mean_after,
        "mean_change": mean_change,
        "sd_change": sd,
        "ci_lower": mean_change - half_width,
        "ci_upper": mean_change + half_width,
        "d_z": d_z,
    }


def change_statistics(
    scored: pd.DataFrame, people: PersonIndex | None = None
) -> tuple[pd.DataFrame, dict[tuple[str, str], np.ndarray]]:
    """Exact (unsuppressed) change from baseline: one row per outcome and later time point.

    Also returns, for each (outcome column, time point), a flag per person saying who was
    measured at both (the group the row's statistics rest on), for the differencing check.
    """
    outcomes = outcomes_in_use(scored)
    people = people or PersonIndex.of(scored)
    order = people.order
    assessed = is_value(scored, "status", ASSESSED)
    at = [np.flatnonzero(assessed & (order == position)) for position in range(len(TIME_POINTS))]
    whose = [people.codes[positions] for positions in at]
    later_points = [
        (position, point)
        for position, point in enumerate(TIME_POINTS[1:], start=1)
        if len(at[position])
    ]
    # One outcome at a time, as one value per person at each time point: a matrix of every
    # row (or every person) by every outcome would need far more memory.
    found: dict[tuple[str, str], tuple[dict[str, object], np.ndarray]] = {}
    for outcome in outcomes:
        column = scored[outcome.column].to_numpy(dtype="float64", na_value=np.nan)

        def per_person(position: int, column: np.ndarray = column) -> np.ndarray:
            values = np.full(people.count, np.nan)
            values[whose[position]] = column[at[position]]
            return values

        baseline = per_person(0)
        for position, point in later_points:
            later = per_person(position)
            result = paired_change(baseline, later)
            row = {"column": outcome.column, "time_point": point}
            row.update({key: values[0] for key, values in result.items()})
            found[(outcome.column, point)] = (row, ~np.isnan(later - baseline))
        del column
    rows = []
    groups: dict[tuple[str, str], np.ndarray] = {}
    for _, point in later_points:
        for outcome in outcomes:
            row, paired = found[(outcome.column, point)]
            rows.append(row)
            groups[(outcome.column, point)] = paired
    return pd.DataFrame(rows), groups


def change_from_baseline(
    scored: pd.DataFrame,
    mode: Mode | str = Mode.SAFE,
    people: PersonIndex | None = None,
    release: Release | None = None,
) -> pd.DataFrame:
    """Paired change from baseline for each measure, as it may be shown in ``mode``.

    Safe mode rounds the number of people, shows every statistic from fewer than 8 people as
    ``[c]``, leaves out the SD and effect size (with the interval they pin the exact number of
    people), and hides a later row whose group differs by 1 to 7 people from an earlier row's
    group for the same measure (the two baseline means would give those people's values).
    """
    exact, groups = change_statistics(scored, people)
    safe = is_safe(mode)
    columns = SAFE_CHANGE_COLUMNS if safe else CHANGE_COLUMNS
    if exact.empty:
        return pd.DataFrame(columns=columns).astype(object)
    overlapping: set[tuple[str, str]] = set()
    if safe:
        for outcome in {row.column for row in exact.itertuples()}:
            keys = [k for k in groups if k[0] == outcome]
            overlapping |= separate_groups({k: groups[k] for k in keys}, order=keys)
    by_column = {o.column: o for o in OUTCOMES}
    rows = []
    for row in exact.itertuples():
        outcome = by_column[row.column]
        n = int(row.n)
        label = f"{outcome.label}, {TIME_LABELS[row.time_point]}"
        hide = (row.column, row.time_point) in overlapping and n >= MINIMUM_PEOPLE
        if release is not None and safe and 0 < n < MINIMUM_PEOPLE:
            release.record(CHANGE_TABLE, label, "statistics", "small")
        if release is not None and hide:
            release.record(CHANGE_TABLE, label, "statistics", "overlap")

        def stat(
            value: float, digits: int = outcome.digits, n: int = n, hide: bool = hide
        ) -> float | str:
            shown = SUPPRESSED if hide else safe_statistic(value, n, mode, digits)
            return np.nan if shown is None else shown

        cells = [
            outcome.label,
            outcome.unit,
            TIME_LABELS[row.time_point],
            safe_count(n, mode),
            stat(row.mean_before),
            stat(row.mean_after),
            stat(row.mean_change),
            stat(row.ci_lower),
            stat(row.ci_upper),
        ]
        if not safe:
            cells += [stat(row.sd_change), stat(row.d_z, 2)]
        rows.append(cells)
    return pd.DataFrame(rows, columns=columns).astype(object)


def category_counts(scored: pd.DataFrame) -> pd.DataFrame:
    """Exact counts of people in each category at each time point (assessed rows only)."""
    order = time_index(scored).astype(np.int64)
    assessed = is_value(scored, "status", ASSESSED)
    parts = []
    for column, (label, categories) in CATEGORY_MEASURES.items():
        codes = pd.Categorical(scored[column], categories=categories).codes.astype(np.int64)
        counted = assessed & (codes >= 0) & (order >= 0)
        if not counted.any():
            continue
        width = len(categories)
        table = np.bincount(
            order[counted] * width + codes[counted], minlength=len(TIME_POINTS) * width
        ).reshape(len(TIME_POINTS), width)
        for position, point in enumerate(TIME_POINTS):
            measured = int(table[position].sum())
            if measured == 0:
                continue
            for index, category in enumerate(categories):
                parts.append(
                    {
                        "column": column,
                        "measure": label,
                        "time_point": point,
                        "category": category,
                        "people": int(table[position, index]),
                        "measured": measured,
                    }
                )
    return pd.DataFrame(parts)


def category_distribution(
    scored: pd.DataFrame, mode: Mode | str = Mode.SAFE, release: Release | None = None
) -> pd.DataFrame:
    """People in each IPAQ, BMI and blood pressure category at each time point, and their %.

    Categories nobody fell into at any time point are left out to keep the table short. In
    safe mode the categories of one measure at one time point are parts of the people measured
    then: a hidden category is protected from subtraction by :func:`protect_parts`.
    """
    exact = category_counts(scored)
    columns = ["Measure", "Time point", "Category", "People", "% of those measured"]
    if exact.empty:
        return pd.DataFrame(columns=columns).astype(object)
    used = exact.groupby(["column", "category"], observed=True)["people"].transform("sum") > 0
    exact = exact[used]
    rows = []
    for (_, point), group in exact.groupby(["column", "time_point"], sort=False):
        counts = group["people"].astype(int).tolist()
        measured = int(group["measured"].iloc[0])
        hidden, _ = protect_parts(counts) if is_safe(mode) else ([False] * len(counts), False)
        percents = safe_percents(counts, measured, mode)
        for (_, item), hide, percent in zip(group.iterrows(), hidden, percents, strict=True):
            count = int(item["people"])
            if hide and release is not None:
                where = f"{item['measure']}, {TIME_LABELS[point]}, {item['category']}"
                release.record(
                    CATEGORY_TABLE,
                    where,
                    "People",
                    "small" if count < MINIMUM_PEOPLE else "complement",
                )
            rows.append(
                [
                    item["measure"],
                    TIME_LABELS[point],
                    item["category"],
                    SUPPRESSED if hide else safe_count(count, mode),
                    SUPPRESSED if hide else percent,
                ]
            )
    return pd.DataFrame(rows, columns=columns).astype(object)
