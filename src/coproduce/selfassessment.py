"""4Pi self-assessment: score a bank of statements, place the result on the ladder, compare roles.

People rate statements about their service's co-production (``data/fourpi_statements.csv``,
written for the guide, four for each of the five 4Pi standards) from 1 (strongly disagree) to 5
(strongly agree). Scores are plain averages, so anyone can check them by hand:

* a **standard score** is the mean of the statements a person answered for that standard;
* the **overall score** is the mean of a person's standard scores (each standard counts the same);
* a **team score** for a role is the mean of the scores of the people in that role;
* the **gap** for a standard is the service users' team score minus the staff team score. A
  negative gap means staff see the service more positively than the people who use it.

Where the overall score sits on the ladder of co-production (``data/coproduction_ladder.csv``)
is the guide's own rule of thumb, not a validated scale: the range from 1 to 5 is cut into seven
equal bands, one per rung (:func:`ladder_rung`, :func:`ladder_bands`). It is there to start a
conversation, not to grade a service.

Team summaries go through :mod:`coproduce.disclosure`, the guide's one disclosure policy: in the
default safe mode, counts of people from 1 to 7 are suppressed (others rounded to the nearest 5),
any mean or gap resting on fewer than 8 people is suppressed, and the numbers of people in each
role are protected against the total so no hidden one follows by subtraction. Roles are separate
groups and no mean over everyone is published, so no two published means of one standard rest
on groups of people that overlap. The answers file has no free text beyond a respondent code,
which no team output shows. Every CSV written neutralises formula cells.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from coproduce.charts import PALETTE, base_layout, with_text_alternative
from coproduce.datapackage import load_table, package
from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    is_small,
    mode_note,
    protect_parts,
    safe_count,
    safe_statistic,
)
from coproduce.present.exports import write_table
from coproduce.problems import DataProblem, DataValidationError

RATING_MIN, RATING_MAX = 1, 5
#: Roles a team's answers file may use, in the order summaries show them.
ROLES = ("service user", "carer", "staff")
#: Column-name stem for each role in team summaries.
ROLE_KEYS = {"service user": "service_user", "carer": "carer", "staff": "staff"}
#: Label of the row or column that combines the five standards.
OVERALL = "Overall"
RESPONSES_RESOURCE = "fourpi_responses_example"
RUNGS = 7
#: How a radar chart's axes are labelled (under the chart, where it cannot hide the ticks).
RADAR_AXES_LABEL = (
    "One spoke per 4Pi standard. Distance from the centre is the score: 1 (low) to 5 (high)."
)


# --- Reference data ----------------------------------------------------------------------------


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


# --- Scoring one person ------------------------------------------------------------------------


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


# --- The ladder (the guide's own heuristic) ----------------------------------------------------


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


def ladder_sentence(score: float, ladder: pd.DataFrame, who: str = "These answers") -> str:
    """One plain sentence saying where ``score`` sits on the ladder (or that there is none)."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return f"{who} have no score yet: rate at least one statement."
    place = ladder_position(score, ladder)
    return (
        f"{who} give an overall score of {_fmt(place['score'])} out of 5, which the guide's rule "
        f"of thumb places on rung {place['rung']} of 7, {place['step']} ({place['grouping']}): "
        f"{place['meaning']}"
    )


def save_individual_result(
    ratings: Mapping[str, object],
    statements: pd.DataFrame,
    ladder: pd.DataFrame,
    path: str | Path,
) -> Path:
    """Write one person's scores, with the ladder rung on the ``Overall`` row, to CSV."""
    table = individual_summary(ratings, statements)
    table["ladder_rung"] = pd.Series([pd.NA] * len(table), dtype="Int64")
    table["ladder_step"] = pd.Series([pd.NA] * len(table), dtype="string")
    overall = table.index[table["standard"] == OVERALL][0]
    if not math.isnan(table.at[overall, "score"]):
        place = ladder_position(table.at[overall, "score"], ladder)
        table.loc[overall, "ladder_rung"] = place["rung"]
        table.loc[overall, "ladder_step"] = place["step"]
    return write_table(table, path)


# --- A team's answers --------------------------------------------------------------------------


def responses_schema(directory: Path | None = None) -> dict[str, Any]:
    """The table schema a team's answers file must follow (from ``datapackage.json``)."""
    return package(directory).get_resource(RESPONSES_RESOURCE).schema.to_descriptor()


def example_responses_path(directory: Path | None = None) -> Path:
    """Where the SYNTHETIC example answers file is."""
    pkg = package(directory)
    return Path(pkg.basepath) / pkg.get_resource(RESPONSES_RESOURCE).path


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


def readable_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """A team summary with column headings in words, for showing on screen."""
    names = {"standard": "Standard", "gap": "Gap (service users minus staff)"}
    for role, label in (("service user", "Service users"), ("carer", "Carers"), ("staff", "Staff")):
        names[f"{ROLE_KEYS[role]}_n"] = f"{label}: people"
        names[f"{ROLE_KEYS[role]}_mean"] = f"{label}: average"
    return summary.rename(columns=names)


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


def export_summary(summary: pd.DataFrame, path: str | Path, mode: Mode | str = Mode.SAFE) -> Path:
    """Write a summary table with a ``disclosure`` column stating the rule that made it.

    CSV or ``.xlsx``, with formula cells neutralised
    (:func:`~coproduce.present.exports.write_table`).
    """
    return write_table(summary.assign(disclosure=mode_note(mode)), path)


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


# --- Charts ------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    """A score as people read it: up to 2 decimal places, no trailing zeros (3.25, 3.5, 4)."""
    return f"{round(float(value), 2):g}"


def radar_chart(profiles: Mapping[str, pd.Series], title: str) -> go.Figure:
    """Radar (Scatterpolar) chart: one closed line per profile over the five standards.

    ``profiles`` maps a name (for example "Your answers" or "Staff") to a Series of standard
    scores indexed by standard name. Standards with no score are left out of that line.
    """
    fig = go.Figure()
    sentences = []
    for colour, (name, scores) in zip(PALETTE, profiles.items(), strict=False):
        present = scores.dropna()
        if present.empty:
            continue
        labels = [*present.index, present.index[0]]
        values = [*present.round(2).tolist(), round(float(present.iloc[0]), 2)]
        fig.add_scatterpolar(
            r=values,
            theta=labels,
            name=name,
            mode="lines+markers",
            fill="toself",
            opacity=0.75,
            line={"color": colour, "width": 3},
            hovertemplate=name + "<br>%{theta}: %{r}<extra></extra>",
        )
        parts = ", ".join(f"{s} {_fmt(v)}" for s, v in present.items())
        sentences.append(f"{name}: {parts}.")
    layout = base_layout(title, "", "")
    del layout["xaxis"], layout["yaxis"]
    layout["legend"] = {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0}
    fig.update_layout(
        **layout,
        height=560,
        showlegend=True,
        polar={
            "radialaxis": {
                "range": [0, RATING_MAX],
                "tickvals": list(range(1, RATING_MAX + 1)),
                "angle": 54,
                "tickangle": 54,
                "tickfont": {"size": 12},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        annotations=[
            {
                "text": RADAR_AXES_LABEL,
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.05,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": 13},
            }
        ],
    )
    described = " ".join(sentences) if sentences else "No scores to show."
    alt = (
        "Radar chart of scores from 1 (low) to 5 (high) on the five 4Pi standards: "
        "Principles, Purpose, Presence, Process and Impact. " + described
    )
    return with_text_alternative(fig, alt)


def gap_chart(summary: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> go.Figure:
    """Bar chart of the gap (service users minus staff) for each standard in a safe summary.

    Suppressed gaps have no bar and are named in the text alternative.
    """
    rows = summary[summary["standard"] != OVERALL]
    shown = rows[rows["gap"].map(lambda g: g is not None and g != SUPPRESSED)]
    hidden = rows.loc[~rows.index.isin(shown.index), "standard"].tolist()
    gaps = [float(g) for g in shown["gap"]]
    fig = go.Figure()
    fig.add_bar(
        x=shown["standard"].tolist(),
        y=gaps,
        text=[f"{g:+.1f}" for g in gaps],
        textposition="outside",
        marker_color=[PALETTE[5] if g < 0 else PALETTE[2] for g in gaps],
        hovertemplate="%{x}: %{y:+.1f}<extra></extra>",
        name="Gap",
    )
    fig.update_layout(
        **base_layout(
            "How service users and staff see co-production differently",
            "4Pi standard",
            "Service users' mean minus staff mean",
        ),
        showlegend=False,
    )
    top = max([abs(g) for g in gaps] + [1.0]) + 0.5
    fig.update_yaxes(range=[-top, top], zeroline=True, zerolinewidth=2, zerolinecolor="#444")
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=rows["standard"].tolist(),
        range=[-0.5, len(rows) - 0.5],
    )
    parts = [f"{s} {g:+.1f}" for s, g in zip(shown["standard"], gaps, strict=True)]
    text = (
        "Bar chart of the gap between service users' and staff members' mean scores for each "
        "4Pi standard (service users minus staff; below zero means staff rate it higher). "
    )
    text += ("Gaps: " + ", ".join(parts) + ". ") if parts else "No gap can be shown. "
    if hidden:
        text += (
            "Not shown, because too few people answered or a group is missing: "
            + ", ".join(hidden)
            + ". "
        )
    text += mode_note(mode)
    return with_text_alternative(fig, text)
