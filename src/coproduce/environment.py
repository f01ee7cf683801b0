"""Patient-led environmental assessment: service users rate their surroundings; the team acts.

The IMPACT provider collaborative piloted patient-led environmental assessments on its women's
pathway: service users assessed their physical environment and gave feedback, which led to
services that were more accessible and safer, with better care overall. This module supports
the same kind of
assessment with a structured form:

* a question bank (``data/environment_questions.csv``, written for this guide) covering
  accessibility, safety, comfort and spaces for physical activity;
* a form to fill in: one row per assessor per question with ``area``, ``question``,
  ``rating`` (1 = very poor to 5 = very good, blank if not answered), ``comment`` and
  ``assessor_role`` (templates in ``data/templates/``);
* summaries by area and by assessor role, an action list of the lowest-rated questions, and
  (for the team only) a list of what people said, marked "review before sharing".

How the numbers are worked out: an **average rating** is the mean of the ratings given (blanks
are left out); **rated poor** is the share of ratings that were 1 or 2. Each person rates a
question once, so the number of people behind a summary is at least the largest number of
ratings any one question in it received.

In the default safe mode (:mod:`coproduce.disclosure`, the guide's one disclosure policy):

* an average or share resting on fewer than 8 people is ``[c]``; counts of ratings from 1 to
  7 are ``[c]`` and others are rounded to the nearest 5; shares are true percentages rounded
  to the nearest 5;
* an area's average is the total of its questions and of its roles, so when a question or a
  role is hidden, another one (or the area's average) is hidden too, so that no hidden
  average can be worked out by subtraction;
* a question rated by fewer than 8 people (or hidden to protect one) is not ranked, so the
  action list places no bound on a hidden average;
* comments are never shown: they can name someone. :func:`comments_for_review` lists them
  for the team, marked "review before sharing".
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from coproduce.charts import PALETTE, with_text_alternative
from coproduce.datapackage import load_table
from coproduce.disclosure import (
    FREE_TEXT_NOTE,
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    is_small,
    mode_note,
    protect_parts,
    safe_count,
    safe_percent,
    safe_statistic,
)
from coproduce.present.exports import write_table
from coproduce.toolinput import chart_layout, read_tool_csv

RESOURCE = "environment_assessment_example"
#: Areas in the order summaries show them.
AREAS = ("Accessibility", "Safety", "Comfort", "Physical activity spaces", "Other")
#: Assessor roles in the order summaries show them.
ROLES = ("Service user", "Staff", "Carer or family", "Other")
RATING_WORDS = {1: "very poor", 2: "poor", 3: "okay", 4: "good", 5: "very good"}
#: Ratings at or below this count as "poor" for the action list.
POOR = 2
#: What a summary shows where nobody gave a rating.
NO_RATINGS = "no ratings"


# --- Reading -----------------------------------------------------------------------------------


def load_questions(directory: Path | None = None) -> pd.DataFrame:
    """The question bank, checked against its contract in ``data/datapackage.json``."""
    return load_table("environment_questions", directory)


def load_assessment(input_csv: str | Path | None = None, sheet: str | None = None) -> pd.DataFrame:
    """Read a completed assessment (``None``: the SYNTHETIC example) and check it.

    Stops with a :class:`~coproduce.problems.DataValidationError` that lists every problem with
    its row, column and value. The file is never changed.
    """
    return read_tool_csv(RESOURCE, input_csv, sheet=sheet)


# --- Calculations ------------------------------------------------------------------------------


#: The heading of the internal list of comments.
REVIEW_NOTE = (
    "REVIEW BEFORE SHARING. INTERNAL USE ONLY: these are people's own words, which can name or "
    "identify someone (a member of staff, another service user). Read every comment and take "
    "out anything that could identify anyone before any of it leaves the team."
)


def people_behind(rows: pd.DataFrame) -> int:
    """The fewest people who can have given these ratings: the most ratings any question got."""
    rated = rows[rows["rating"].notna()]
    if rated.empty:
        return 0
    return int(rated.groupby(["area", "question"]).size().max())


def _is_shown(value: object) -> bool:
    """True for a figure that is published (not hidden, not missing)."""
    return value is not None and value not in (SUPPRESSED, NO_RATINGS)


def _area_rows(assessment: pd.DataFrame, area: str) -> pd.DataFrame:
    return assessment[assessment["area"] == area]


def _items(rows: pd.DataFrame) -> list[tuple[str, str]]:
    return list(rows[["area", "question"]].drop_duplicates().itertuples(index=False, name=None))


def _protection(assessment: pd.DataFrame, mode: Mode | str) -> dict[str, object]:
    """Which figures safe mode hides beyond the small ones, so none can be worked out.

    Each area's average is a total of its questions' averages and of its roles' averages. A
    question or role resting on 1 to 7 people is hidden; if the area's average and the rest
    were shown, the hidden one would follow by subtraction, so :func:`protect_parts` hides
    more questions (or roles), or the area's average itself. Returns the hidden questions
    (``(area, question)`` pairs, with the rule), the hidden role cells (``(area, role)``) and
    the areas whose average is hidden by this rule.
    """
    items: dict[tuple[str, str], str] = {}
    roles: dict[tuple[str, str], str] = {}
    areas: set[str] = set()
    if not is_safe(mode):
        return {"items": items, "roles": roles, "areas": areas}
    for area in _ordered(assessment["area"], AREAS):
        rows = _area_rows(assessment, area)
        keys = _items(rows)
        sizes = [int(rows.loc[rows["question"] == q, "rating"].notna().sum()) for _, q in keys]
        hidden, total_hidden = protect_parts(sizes, sizes=sizes)
        for key, size, hide in zip(keys, sizes, hidden, strict=True):
            if hide:
                items[key] = "small" if is_small(size) else "complement"
        if total_hidden:
            areas.add(area)
        role_names = _ordered(assessment["assessor_role"], ROLES)
        people = [people_behind(rows[rows["assessor_role"] == r]) for r in role_names]
        hidden, total_hidden = protect_parts(people, sizes=people)
        for role, size, hide in zip(role_names, people, hidden, strict=True):
            if hide:
                roles[(area, role)] = "small" if is_small(size) else "complement"
        if total_hidden:
            areas.add(area)
    return {"items": items, "roles": roles, "areas": areas}


def rating_summary(rows: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> dict[str, object]:
    """Ratings given, average rating and the share rated poor (1 or 2), as they may be shown.

    The share is a true percentage of the ratings, rounded to 5 in safe mode
    (:func:`~coproduce.disclosure.safe_percent`), and hidden with the average.
    """
    ratings = rows["rating"].dropna().astype(float)
    people = people_behind(rows)
    if ratings.empty:
        return {"ratings": 0, "average": NO_RATINGS, "poor": NO_RATINGS}
    average = safe_statistic(ratings.mean(), people, mode, 1)
    poor = int((ratings <= POOR).sum())
    share = safe_percent(poor, len(ratings), mode) if average != SUPPRESSED else SUPPRESSED
    return {
        "ratings": safe_count(len(ratings), mode),
        "average": average,
        "poor": _whole(share),
    }


def _whole(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _ordered(values: pd.Series, order: tuple[str, ...]) -> list[str]:
    present = list(dict.fromkeys(values.astype(str)))
    return [v for v in order if v in present] + [v for v in present if v not in order]


def area_summary(
    assessment: pd.DataFrame, mode: Mode | str = Mode.SAFE, release: Release | None = None
) -> pd.DataFrame:
    """One row per area: ratings given, average rating (1 to 5), and % rated poor.

    In safe mode an area's average and share are hidden when they rest on fewer than 8
    people, or when, read with the questions or roles shown, they would give away a hidden
    one (see :func:`_protection`). The numbers of ratings are protected against the total
    number of ratings in the same way.
    """
    protected = _protection(assessment, mode)
    names = _ordered(assessment["area"], AREAS)
    counts = [int(_area_rows(assessment, a)["rating"].notna().sum()) for a in names]
    hidden_counts, _ = protect_parts(counts) if is_safe(mode) else ([False] * len(names), False)
    rows = []
    for area, count_hidden in zip(names, hidden_counts, strict=True):
        summary = rating_summary(_area_rows(assessment, area), mode)
        if area in protected["areas"] and _is_shown(summary["average"]):
            summary["average"] = summary["poor"] = SUPPRESSED
            _record(release, "Each area", area, "Average rating (1 to 5)", "complement")
        elif summary["average"] == SUPPRESSED:
            _record(release, "Each area", area, "Average rating (1 to 5)", "small")
        if count_hidden and summary["ratings"] != SUPPRESSED:
            summary["ratings"] = SUPPRESSED
            _record(release, "Each area", area, "Ratings given", "complement")
        rows.append(
            {
                "Area": area,
                "Ratings given": summary["ratings"],
                "Average rating (1 to 5)": summary["average"],
                "Rated poor or very poor (%)": summary["poor"],
            }
        )
    return pd.DataFrame(rows, dtype=object).set_index("Area")


def _record(release: Release | None, table: str, row: str, column: str, rule: str) -> None:
    if release is not None:
        release.record(table, row, column, rule)


def role_summary(
    assessment: pd.DataFrame, mode: Mode | str = Mode.SAFE, release: Release | None = None
) -> pd.DataFrame:
    """Average rating for each area (rows) by each assessor role (columns).

    A role that rated nothing in an area shows 'no ratings'. In safe mode a role's average
    from fewer than 8 people is hidden, and so is one more role's in that area when the
    area's average would otherwise give the hidden one away.
    """
    protected = _protection(assessment, mode)
    roles = _ordered(assessment["assessor_role"], ROLES)
    areas = _ordered(assessment["area"], AREAS)
    table = {}
    for role in roles:
        mine = assessment[assessment["assessor_role"] == role]
        column = []
        for area in areas:
            average = rating_summary(mine[mine["area"] == area], mode)["average"]
            rule = protected["roles"].get((area, role))
            if rule is not None and average != NO_RATINGS:
                average = SUPPRESSED
                _record(release, "By who gave the ratings", area, role, rule)
            column.append(average)
        table[role] = column
    frame = pd.DataFrame(table, index=areas, dtype=object)
    frame.index.name = "Area"
    return frame


def role_counts(assessment: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> pd.DataFrame:
    """How many people of each role took part (at least), as it may be shown."""
    roles = _ordered(assessment["assessor_role"], ROLES)
    table = pd.DataFrame(
        {
            "Assessor role": roles,
            "People who took part (at least)": [
                safe_count(people_behind(assessment[assessment["assessor_role"] == r]), mode)
                for r in roles
            ],
        }
    )
    return table.set_index("Assessor role").astype(object)


def overview(assessment: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> str:
    """One sentence on what the file holds: ratings (as they may be shown), questions, areas."""
    rated = int(assessment["rating"].notna().sum())
    return (
        f"{safe_count(rated, mode)} ratings of {assessment['question'].nunique()} questions in "
        f"{assessment['area'].nunique()} areas."
    )


def question_summary(assessment: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> pd.DataFrame:
    """One row per question, in form order, with exact and shown figures.

    Columns: ``area``, ``question``, ``ratings``, ``average`` (exact), ``poor`` (ratings of 1
    or 2), ``average_shown``, ``ratings_shown``, ``rankable`` (whether the question may be
    placed in a ranking: in safe mode only when its average is shown) and ``comments``
    (different comments, from the lowest rating up; always empty in safe mode, see
    :func:`comments_for_review`). Not itself safe to share: it holds the exact figures.
    """
    protected = _protection(assessment, mode)
    rows = []
    for area, question in _items(assessment):
        mine = assessment[(assessment["area"] == area) & (assessment["question"] == question)]
        ratings = mine["rating"].dropna().astype(float)
        average = ratings.mean() if len(ratings) else None
        shown = safe_statistic(average, len(ratings), mode, 1)
        if (area, question) in protected["items"] and shown is not None:
            shown = SUPPRESSED
        rows.append(
            {
                "area": area,
                "question": question,
                "ratings": len(ratings),
                "average": average,
                "poor": int((ratings <= POOR).sum()),
                "average_shown": shown,
                "ratings_shown": safe_count(len(ratings), mode),
                "rankable": _is_shown(shown),
                "comments": [] if is_safe(mode) else _comments(mine),
            }
        )
    return pd.DataFrame(rows)


def _comments(rows: pd.DataFrame) -> list[str]:
    said = rows[rows["comment"].notna() & rows["comment"].astype(str).str.strip().ne("")]
    said = said.sort_values("rating", kind="stable", na_position="last")
    return list(dict.fromkeys(str(c).strip() for c in said["comment"]))


def comments_for_review(assessment: pd.DataFrame) -> pd.DataFrame:
    """Every comment, for the team only: REVIEW BEFORE SHARING (see :data:`REVIEW_NOTE`).

    One row per different comment on each question, in form order, with no rating, role or
    count beside it. Never part of a safe output; the table's ``attrs["note"]`` says so.
    """
    rows = []
    for area, question in _items(assessment):
        mine = assessment[(assessment["area"] == area) & (assessment["question"] == question)]
        rows += [
            {"Area": area, "Question": question, "Comment (review before sharing)": c}
            for c in _comments(mine)
        ]
    table = pd.DataFrame(rows, columns=["Area", "Question", "Comment (review before sharing)"])
    table.attrs["note"] = REVIEW_NOTE
    return table


def action_list(
    assessment: pd.DataFrame,
    n: int = 5,
    mode: Mode | str = Mode.SAFE,
    plan_columns: bool = False,
) -> pd.DataFrame:
    """The ``n`` lowest-rated questions, lowest first, with what people said (internal mode).

    Ties are broken by the number of poor ratings (more first). In safe mode only questions
    whose average is shown (rated by at least 8 people, and not hidden to protect another)
    are ranked, so the list bounds no hidden average, and it has no comments column: see
    :func:`comments_for_review`. With ``plan_columns``, blank columns for the action agreed,
    who will do it and by when are added, for the team and service users to fill in together
    (for saving with :func:`save_action_list`).
    """
    if n < 1:
        raise ValueError("The action list needs at least one item (n must be 1 or more).")
    items = question_summary(assessment, mode)
    items = items[(items["ratings"] > 0) & items["rankable"]]
    items = items.sort_values(["average", "poor"], ascending=[True, False], kind="stable").head(n)
    columns = {
        "Priority": range(1, len(items) + 1),
        "Area": items["area"].tolist(),
        "Question": items["question"].tolist(),
        "Average rating (1 to 5)": items["average_shown"].tolist(),
        "Ratings given": items["ratings_shown"].tolist(),
    }
    if not is_safe(mode):
        columns["What people said"] = [
            " / ".join(c) if c else "(no comments)" for c in items["comments"]
        ]
    table = pd.DataFrame(columns).set_index("Priority")
    if plan_columns:
        for column in ("Action agreed", "Who", "By when"):
            table[column] = ""
    return table.astype(object)


def save_action_list(
    assessment: pd.DataFrame, path: str | Path, n: int = 5, mode: Mode | str = Mode.SAFE
) -> Path:
    """Save the action list with blank planning columns (CSV or .xlsx, formulas neutralised).

    The first row of the file says which disclosure rule made it.
    """
    table = action_list(assessment, n, mode, plan_columns=True).reset_index()
    table.insert(0, "Disclosure", [mode_note(mode)] + [""] * (len(table) - 1))
    return write_table(table, path)


# --- Words and charts --------------------------------------------------------------------------


def _numeric(value: object) -> float | None:
    if value is None or value == SUPPRESSED:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def area_sentence(summary: pd.DataFrame) -> str:
    """What the area chart shows: lowest and highest areas (ties named together), hidden ones.

    Built from the figures shown, so every comparison in it is true of the real averages: a
    lower shown average (to one decimal place) is a lower real one.
    """
    column = "Average rating (1 to 5)"
    values = summary[column].map(_numeric)
    shown = values.dropna()
    hidden = summary[summary[column] == SUPPRESSED].index.tolist()
    if shown.empty:
        sentence = "Every area's average is hidden or missing, so there is nothing safe to show."
    elif len(shown) == 1:
        only = shown.index[0]
        sentence = f"{only} had an average rating of {summary.loc[only, column]} out of 5."
    elif shown.min() == shown.max():
        sentence = (
            f"Every area shown had the same average rating to one decimal place "
            f"({summary.loc[shown.index[0], column]} out of 5)."
        )
    else:
        low = [a for a, v in shown.items() if v == shown.min()]
        high = [a for a, v in shown.items() if v == shown.max()]
        sentence = (
            f"{_and(low)} had the lowest average rating ({summary.loc[low[0], column]} out of 5) "
            f"and {_and(high)} the highest ({summary.loc[high[0], column]} out of 5)."
        )
    if hidden:
        sentence += (
            " Hidden to protect small numbers (fewer than 8 people, or a figure that would "
            "give one away): " + ", ".join(hidden) + "."
        )
    return sentence


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def role_sentence(table: pd.DataFrame) -> str:
    """Where service users and staff disagree most, in words."""
    if "Service user" not in table.columns or "Staff" not in table.columns:
        return "The file does not have ratings from both service users and staff to compare."
    gaps = {}
    for area, row in table.iterrows():
        mine, theirs = _numeric(row["Service user"]), _numeric(row["Staff"])
        if mine is not None and theirs is not None:
            gaps[area] = round(mine - theirs, 1)
    if not gaps:
        return "No area has averages from both service users and staff that are safe to show."
    widest = max(gaps, key=lambda a: abs(gaps[a]))
    gap = gaps[widest]
    if gap == 0:
        return (
            "Service users and staff gave the same average ratings, to one decimal place, in "
            "every area shown."
        )
    lower = sum(g < 0 for g in gaps.values())
    direction = "lower" if gap < 0 else "higher"
    return (
        f"Service users rated {lower} of {len(gaps)} areas lower than staff did. The biggest "
        f"difference is in {widest}: service users' average was {abs(gap)} points {direction} "
        "than staff's."
    )


def area_chart(summary: pd.DataFrame, data_label: str) -> go.Figure:
    """Bar chart of the average rating (1 to 5) of each area; hidden areas are labelled [c]."""
    column = "Average rating (1 to 5)"
    values = [_numeric(v) for v in summary[column]]
    fig = go.Figure()
    fig.add_bar(
        x=summary.index.tolist(),
        y=values,
        text=[str(v) for v in summary[column]],
        textposition="outside",
        marker_color=PALETTE[0],
        hovertemplate="%{x}: %{text}<extra></extra>",
        name="Average rating",
    )
    fig.update_layout(
        **chart_layout(
            "Average rating of each area",
            f"1 = very poor, 5 = very good ({data_label})",
            "Area",
            "Average rating (1 to 5)",
        ),
        showlegend=False,
    )
    fig.update_yaxes(range=[0, 5.5], tickvals=[1, 2, 3, 4, 5])
    listed = "; ".join(f"{a}: {v}" for a, v in summary[column].items())
    alt = (
        f"Bar chart of the average rating of each area, on a scale from 1 (very poor) to 5 "
        f"(very good) ({data_label}). {listed}. {area_sentence(summary)}"
    )
    return with_text_alternative(fig, alt)


def role_chart(table: pd.DataFrame, data_label: str) -> go.Figure:
    """Grouped bar chart: each area's average rating, one bar per assessor role."""
    fig = go.Figure()
    for colour, role in zip(PALETTE, table.columns, strict=False):
        fig.add_bar(
            name=role,
            x=list(table.index),
            y=[_numeric(v) for v in table[role]],
            text=[str(v) for v in table[role]],
            textposition="outside",
            marker_color=colour,
            hovertemplate=f"{role}<br>%{{x}}: %{{text}}<extra></extra>",
        )
    fig.update_layout(
        **chart_layout(
            "Ratings by who gave them",
            f"Average rating of each area, 1 = very poor, 5 = very good ({data_label})",
            "Area",
            "Average rating (1 to 5)",
        ),
        barmode="group",
    )
    fig.update_yaxes(range=[0, 5.5], tickvals=[1, 2, 3, 4, 5])
    parts = []
    for area, row in table.iterrows():
        parts.append(f"{area}: " + ", ".join(f"{role} {row[role]}" for role in table.columns))
    alt = (
        f"Grouped bar chart of the average rating of each area from 1 (very poor) to 5 (very "
        f"good), one bar for each kind of assessor ({data_label}). "
        + "; ".join(parts)
        + f". {role_sentence(table)}"
    )
    return with_text_alternative(fig, alt)


def _or(value: object, missing: str) -> str:
    return missing if value is None else str(value)


def area_detail_html(assessment: pd.DataFrame, area: str, mode: Mode | str = Mode.SAFE) -> str:
    """Every question in one area with its average, as HTML (used by the picker).

    Every piece of text from the file is escaped. Internal mode adds what people said; safe
    mode never shows comments (it says where they are instead).
    """
    items = question_summary(assessment, mode)
    items = items[items["area"] == area]
    internal = not is_safe(mode)
    rows = "".join(
        "<tr>"
        f"<td>{html.escape(str(r.question))}</td>"
        f"<td>{html.escape(_or(r.average_shown, 'no ratings'))}</td>"
        f"<td>{html.escape(str(r.ratings_shown))}</td>"
        + (f"<td>{html.escape(' / '.join(r.comments) or '(no comments)')}</td>" if internal else "")
        + "</tr>"
        for r in items.itertuples()
    )
    note = (
        f"<p><strong>{html.escape(REVIEW_NOTE)}</strong></p>"
        if internal
        else f"<p><em>{html.escape(FREE_TEXT_NOTE)}</em></p>"
    )
    said = "<th>What people said</th>" if internal else ""
    return (
        f"<p><strong>{html.escape(area)}</strong></p>{note}"
        '<table class="dataframe"><thead><tr><th>Question</th><th>Average rating (1 to 5)</th>'
        f"<th>Ratings given</th>{said}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
