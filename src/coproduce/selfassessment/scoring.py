"""Scoring: each person's standard scores, the ladder, and team summaries made safe to share.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    is_small,
    protect_parts,
    safe_count,
    safe_statistic,
)
from coproduce.selfassessment.inputs import (
    OVERALL,
    RATING_MAX,
    RATING_MIN,
    ROLE_KEYS,
    ROLES,
    standards_in_order,
)

RUNGS = 7


def _check_rating(statement_id: str, value: object) -> float:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    number = float(value)
    if not (RATING_MIN <= number <= RATING_MAX) or not number.is_integer():
        raise ValueError(
            f"Statement {statement_id}: a rating must be a whole number from {RATING_MIN} to "
            f"{RATING_MAX} (got {value!r})."
        )
    return number


def standard_scores(ratings: Mapping[str, object], statements: pd.DataFrame) -> pd.Series:
    """One person's score for each standard: the mean of the statements they answered.

    ``ratings`` maps statement ids to 1-5 or ``None`` (skipped). A standard with no answers
    scores ``NaN``. Statement ids the bank does not know raise ``ValueError``.
    """
    unknown = sorted(set(ratings) - set(statements["statement_id"]))
    if unknown:
        raise ValueError("Unknown statement id(s): " + ", ".join(unknown))
    values = statements.assign(
        rating=[_check_rating(s, ratings.get(s)) for s in statements["statement_id"]]
    )
    means = values.groupby("standard", sort=False)["rating"].mean()
    return means.reindex(standards_in_order(statements)).astype(float)


def overall_score(scores: pd.Series) -> float:
    """Mean of the standard scores that exist (each standard weighs the same); NaN if none."""
    present = scores.dropna()
    return float(present.mean()) if len(present) else math.nan


def ladder_rung(score: float) -> int:
    """Rung of the ladder (1 to 7) for an overall score from 1 to 5.

    The guide's rule of thumb: the range 1 to 5 is cut into seven equal bands of 4/7 (about
    0.57) points, so ``rung = 1 + floor((score - 1) * 7 / 4)``, with a score of exactly 5 on
    rung 7. Not a validated scale.
    """
    if score is None or (isinstance(score, float) and math.isnan(score)):
        raise ValueError("There is no score to place on the ladder (no statements answered).")
    if not (RATING_MIN <= score <= RATING_MAX):
        raise ValueError(f"A score must be from {RATING_MIN} to {RATING_MAX} (got {score}).")
    # Round first so that a mean landing exactly on a boundary is not pushed down by float error.
    band = math.floor(round((score - RATING_MIN) * RUNGS / (RATING_MAX - RATING_MIN), 9))
    return min(band + 1, RUNGS)


def ladder_bands(ladder: pd.DataFrame) -> pd.DataFrame:
    """Each rung with the overall scores that land on it (``from`` included, ``below`` not)."""
    width = (RATING_MAX - RATING_MIN) / RUNGS
    table = ladder[["rung", "step", "grouping"]].copy()
    table["score_from"] = [round(RATING_MIN + (r - 1) * width, 2) for r in table["rung"]]
    table["score_below"] = [round(RATING_MIN + r * width, 2) for r in table["rung"]]
    table["score_range"] = [
        f"{lo:.2f} to {'5.00 (included)' if r == RUNGS else f'under {hi:.2f}'}"
        for r, lo, hi in zip(table["rung"], table["score_from"], table["score_below"], strict=True)
    ]
    return table


def ladder_position(score: float, ladder: pd.DataFrame) -> dict[str, Any]:
    """The rung for ``score`` with its step name, grouping and meaning."""
    rung = ladder_rung(score)
    row = ladder[ladder["rung"] == rung].iloc[0]
    return {
        "score": round(float(score), 2),
        "rung": rung,
        "step": str(row["step"]),
        "grouping": str(row["grouping"]),
        "meaning": str(row["meaning"]),
    }


def individual_summary(ratings: Mapping[str, object], statements: pd.DataFrame) -> pd.DataFrame:
    """One person's result as a table: each standard, how many statements answered, the score.

    The last row, ``Overall``, is :func:`overall_score` of the five.
    """
    scores = standard_scores(ratings, statements)
    answered = (
        statements.assign(
            answered=[
                not math.isnan(_check_rating(s, ratings.get(s))) for s in statements["statement_id"]
            ]
        )
        .groupby("standard", sort=False)["answered"]
        .sum()
    )
    table = pd.DataFrame(
        {
            "standard": scores.index,
            "statements_answered": [int(answered[s]) for s in scores.index],
            "score": scores.round(2).to_numpy(),
        }
    )
    overall = {
        "standard": OVERALL,
        "statements_answered": int(answered.sum()),
        "score": round(overall_score(scores), 2),
    }
    return pd.concat([table, pd.DataFrame([overall])], ignore_index=True)


def person_scores(responses: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Each person's five standard scores and overall score (unrounded)."""
    standards = standards_in_order(statements)
    long = responses.melt(
        id_vars=["respondent", "role"],
        value_vars=statements["statement_id"].tolist(),
        var_name="statement_id",
        value_name="rating",
    )
    long["rating"] = pd.to_numeric(long["rating"]).astype(float)
    long = long.merge(statements[["statement_id", "standard"]], on="statement_id")
    wide = long.pivot_table(
        index="respondent", columns="standard", values="rating", aggfunc="mean", dropna=False
    ).reindex(columns=standards)
    wide[OVERALL] = wide[standards].mean(axis=1, skipna=True)
    table = responses[["respondent", "role"]].merge(wide.reset_index(), on="respondent", how="left")
    table.columns.name = None
    table["respondent"] = table["respondent"].astype("string")
    table["role"] = table["role"].astype("string")
    return table


def team_scores(people: pd.DataFrame) -> pd.DataFrame:
    """Per standard (and overall): people with a score and their mean, per role, and the gap.

    Raw numbers, not safe to share: use :func:`safe_team_summary` for anything shown. Columns
    ``<role>_n`` and ``<role>_mean`` for each role, then ``gap`` = service user mean minus staff
    mean (NaN when either is missing).
    """
    measures = [c for c in people.columns if c not in ("respondent", "role")]
    rows = []
    for measure in measures:
        row: dict[str, Any] = {"standard": measure}
        for role in ROLES:
            values = people.loc[people["role"] == role, measure].dropna()
            key = ROLE_KEYS[role]
            row[f"{key}_n"] = len(values)
            row[f"{key}_mean"] = float(values.mean()) if len(values) else math.nan
        row["gap"] = row["service_user_mean"] - row["staff_mean"]
        rows.append(row)
    return pd.DataFrame(rows)


def safe_team_summary(
    team: pd.DataFrame, mode: Mode | str = Mode.SAFE, release: Release | None = None
) -> pd.DataFrame:
    """:func:`team_scores` made safe to share: counts and means controlled, gaps follow means.

    In safe mode a count from 1 to 7 shows ``[c]`` and others are rounded to the nearest 5; a
    mean from fewer than 8 people shows ``[c]``; a gap shows ``[c]`` when either of its means
    does. Means and gaps are rounded to 1 decimal place. ``None`` marks a mean nobody gave.
    ``release`` (safe mode) collects each hidden mean and why.
    """
    mode = Mode(mode)
    result = pd.DataFrame({"standard": team["standard"]})
    for role in ROLES:
        key = ROLE_KEYS[role]
        result[f"{key}_n"] = [safe_count(n, mode) for n in team[f"{key}_n"]]
        result[f"{key}_mean"] = [
            safe_statistic(m, int(n), mode)
            for m, n in zip(team[f"{key}_mean"], team[f"{key}_n"], strict=True)
        ]
        if release is not None:
            for standard, n in zip(team["standard"], team[f"{key}_n"], strict=True):
                if is_small(n):
                    release.record("Scores by role", str(standard), f"{role} average", "small")
    gaps = []
    for users, staff, gap in zip(
        result["service_user_mean"], result["staff_mean"], team["gap"], strict=True
    ):
        if SUPPRESSED in (users, staff):
            gaps.append(SUPPRESSED)
        elif users is None or staff is None:
            gaps.append(None)
        else:
            gaps.append(round(float(gap), 1))
    result["gap"] = gaps
    return result.astype(object)


def respondent_counts(
    responses: pd.DataFrame, mode: Mode | str = Mode.SAFE, release: Release | None = None
) -> pd.DataFrame:
    """How many people answered, per role and in all, made safe to share.

    The roles are parts of "everyone": in safe mode, when a role is hidden (1 to 7 people),
    :func:`~coproduce.disclosure.protect_parts` hides another role, or the total, so the
    hidden one cannot be worked out by subtraction.
    """
    counts = responses["role"].value_counts()
    exact = [int(counts.get(role, 0)) for role in ROLES]
    shown = [safe_count(n, mode) for n in exact]
    total = safe_count(len(responses), mode)
    if is_safe(mode):
        hidden, total_hidden = protect_parts(exact)
        shown = [SUPPRESSED if h else v for h, v in zip(hidden, shown, strict=True)]
        total = SUPPRESSED if total_hidden else total
        if release is not None:
            for role, n, hide in zip(ROLES, exact, hidden, strict=True):
                if hide:
                    rule = "small" if is_small(n) else "complement"
                    release.record("People who answered", role, "people", rule)
            if total_hidden:
                release.record("People who answered", "everyone", "people", "complement")
    rows = [{"role": role, "people": n} for role, n in zip(ROLES, shown, strict=True)]
    rows.append({"role": "everyone", "people": total})
    return pd.DataFrame(rows).astype(object)


def team_ladder(
    team: pd.DataFrame, ladder: pd.DataFrame, mode: Mode | str = Mode.SAFE
) -> pd.DataFrame:
    """Where each role's overall team score places the service on the ladder.

    Uses the ``Overall`` row of :func:`team_scores`; a role whose overall mean is suppressed (or
    missing) shows ``[c]`` (or blanks) instead of a rung.
    """
    overall = team[team["standard"] == OVERALL].iloc[0]
    rows = []
    for role in ROLES:
        key = ROLE_KEYS[role]
        shown = safe_statistic(overall[f"{key}_mean"], int(overall[f"{key}_n"]), mode, digits=2)
        if shown is None or shown == SUPPRESSED:
            rows.append({"role": role, "overall_score": shown, "rung": shown, "step": shown})
            continue
        place = ladder_position(float(overall[f"{key}_mean"]), ladder)
        rows.append(
            {"role": role, "overall_score": shown, "rung": place["rung"], "step": place["step"]}
        )
    return pd.DataFrame(rows).astype(object)


def team_profiles(summary: pd.DataFrame) -> dict[str, pd.Series]:
    """Each role's mean standard scores from a safe summary, for :func:`radar_chart`.

    A role is left out when any of its five means is suppressed or missing, so a chart never
    shows a figure the table hides.
    """
    rows = summary[summary["standard"] != OVERALL].set_index("standard")
    profiles = {}
    for role in ROLES:
        means = rows[f"{ROLE_KEYS[role]}_mean"]
        if any(m is None or m == SUPPRESSED for m in means):
            continue
        label = {"service user": "Service users", "carer": "Carers", "staff": "Staff"}[role]
        profiles[label] = means.astype(float)
    return profiles
