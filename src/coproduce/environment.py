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
* summaries by area and by assessor role, and an action list of the lowest-rated questions
  with what people said about them.

How the numbers are worked out: an **average rating** is the mean of the ratings given (blanks
are left out); **rated poor** is the share of ratings that were 1 or 2. Each person rates a
question once, so the number of people behind a summary is at least the largest number of
ratings any one question in it received. In the default safe mode
(:mod:`coproduce.disclosure`) an average or share resting on fewer than 8 people is shown as
``[c]`` and counts of ratings from 1 to 7 are ``[c]`` (others rounded to the nearest 5).
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from coproduce.charts import PALETTE, with_text_alternative
from coproduce.datapackage import load_table
from coproduce.disclosure import MINIMUM_PEOPLE, SUPPRESSED, Mode, safe_count, safe_statistic
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


def load_assessment(input_csv: str | Path | None = None) -> pd.DataFrame:
    """Read a completed assessment (``None``: the SYNTHETIC example) and check it.

    Stops with a :class:`~coproduce.problems.DataValidationError` that lists every problem with
    its row, column and value. The file is never changed.
    """
    return read_tool_csv(RESOURCE, input_csv)


# --- Calculations ------------------------------------------------------------------------------


def people_behind(rows: pd.DataFrame) -> int:
    """The fewest people who can have given these ratings: the most ratings any question got."""
    rated = rows[rows["rating"].notna()]
    if rated.empty:
        return 0
    return int(rated.groupby(["area", "question"]).size().max())


def rating_summary(rows: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> dict[str, object]:
    """Ratings given, average rating and the share rated poor (1 or 2), as they may be shown."""
    ratings = rows["rating"].dropna().astype(float)
    people = people_behind(rows)
    if ratings.empty:
        return {"ratings": 0, "average": NO_RATINGS, "poor": NO_RATINGS}
    poor = (ratings <= POOR).mean() * 100
    return {
        "ratings": safe_count(len(ratings), mode),
        "average": safe_statistic(ratings.mean(), people, mode, 1),
        "poor": _whole(safe_statistic(poor, people, mode, 0)),
    }


def _whole(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _ordered(values: pd.Series, order: tuple[str, ...]) -> list[str]:
    present = list(dict.fromkeys(values.astype(str)))
    return [v for v in order if v in present] + [v for v in present if v not in order]


def area_summary(assessment: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> pd.DataFrame:
    """One row per area: ratings given, average rating (1 to 5), and % rated poor."""
    rows = []
    for area in _ordered(assessment["area"], AREAS):
        summary = rating_summary(assessment[assessment["area"] == area], mode)
        rows.append(
            {
                "Area": area,
                "Ratings given": summary["ratings"],
                "Average rating (1 to 5)": summary["average"],
                "Rated poor or very poor (%)": summary["poor"],
            }
        )
    return pd.DataFrame(rows, dtype=object).set_index("Area")


def role_summary(assessment: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> pd.DataFrame:
    """Average rating for each area (rows) by each assessor role (columns).

    A role that rated nothing in an area shows 'no ratings'.
    """
    roles = _ordered(assessment["assessor_role"], ROLES)
    table = {}
    for role in roles:
        mine = assessment[assessment["assessor_role"] == role]
        table[role] = [
            rating_summary(mine[mine["area"] == area], mode)["average"]
            for area in _ordered(assessment["area"], AREAS)
        ]
    frame = pd.DataFrame(table, index=_ordered(assessment["area"], AREAS), dtype=object)
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


def question_summary(assessment: pd.DataFrame, mode: Mode | str = Mode.SAFE) -> pd.DataFrame:
    """One row per question, in form order, with exact and shown figures and the comments.

    Columns: ``area``, ``question``, ``ratings``, ``average`` (exact), ``poor`` (ratings of 1
    or 2), ``average_shown``, ``ratings_shown`` and ``comments`` (different comments, from the
    lowest rating up).
    """
    rows = []
    order = assessment[["area", "question"]].drop_duplicates()
    for item in order.itertuples(index=False):
        mine = assessment[
            (assessment["area"] == item.area) & (assessment["question"] == item.question)
        ]
        ratings = mine["rating"].dropna().astype(float)
        said = mine[mine["comment"].notna() & mine["comment"].str.strip().ne("")]
        said = said.sort_values("rating", kind="stable", na_position="last")
        comments = list(dict.fromkeys(str(c).strip() for c in said["comment"]))
        average = ratings.mean() if len(ratings) else None
        rows.append(
            {
                "area": item.area,
                "question": item.question,
                "ratings": len(ratings),
                "average": average,
                "poor": int((ratings <= POOR).sum()),
                "average_shown": safe_statistic(average, len(ratings), mode, 1),
                "ratings_shown": safe_count(len(ratings), mode),
                "comments": comments,
            }
        )
    return pd.DataFrame(rows)


def action_list(
    assessment: pd.DataFrame,
    n: int = 5,
    mode: Mode | str = Mode.SAFE,
    plan_columns: bool = False,
) -> pd.DataFrame:
    """The ``n`` lowest-rated questions, lowest first, with what people said about them.

    Ties are broken by the number of poor ratings (more first). With ``plan_columns``, blank
    columns for the action agreed, who will do it and by when are added, for the team and
    service users to fill in together (for saving as a CSV file).
    """
    if n < 1:
        raise ValueError("The action list needs at least one item (n must be 1 or more).")
    items = question_summary(assessment, mode)
    items = items[items["ratings"] > 0]
    items = items.sort_values(["average", "poor"], ascending=[True, False], kind="stable").head(n)
    table = pd.DataFrame(
        {
            "Priority": range(1, len(items) + 1),
            "Area": items["area"].tolist(),
            "Question": items["question"].tolist(),
            "Average rating (1 to 5)": items["average_shown"].tolist(),
            "Ratings given": items["ratings_shown"].tolist(),
            "What people said": [
                " / ".join(c) if c else "(no comments)" for c in items["comments"]
            ],
        }
    ).set_index("Priority")
    if plan_columns:
        for column in ("Action agreed", "Who", "By when"):
            table[column] = ""
    return table.astype(object)


# --- Words and charts --------------------------------------------------------------------------


def _numeric(value: object) -> float | None:
    if value is None or value == SUPPRESSED:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def area_sentence(summary: pd.DataFrame) -> str:
    """What the area chart shows: lowest and highest areas, and any hidden ones."""
    column = "Average rating (1 to 5)"
    shown = summary[summary[column].map(_numeric).notna()]
    hidden = summary[summary[column] == SUPPRESSED].index.tolist()
    if shown.empty:
        sentence = "Every area's average is hidden or missing, so there is nothing safe to show."
    elif len(shown) == 1:
        row = shown.iloc[0]
        sentence = f"{row.name} had an average rating of {row[column]} out of 5."
    else:
        low = shown.loc[shown[column].map(float).idxmin()]
        high = shown.loc[shown[column].map(float).idxmax()]
        sentence = (
            f"{low.name} had the lowest average rating ({low[column]} out of 5) and "
            f"{high.name} the highest ({high[column]} out of 5)."
        )
    if hidden:
        sentence += (
            f" Hidden because fewer than {MINIMUM_PEOPLE} people rated them: "
            + ", ".join(hidden)
            + "."
        )
    return sentence


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
        return "Service users and staff gave the same average ratings in every area shown."
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
    """Every question in one area with its average and comments, as HTML (used by the picker)."""
    items = question_summary(assessment, mode)
    items = items[items["area"] == area]
    rows = "".join(
        "<tr>"
        f"<td>{html.escape(str(r.question))}</td>"
        f"<td>{html.escape(_or(r.average_shown, 'no ratings'))}</td>"
        f"<td>{html.escape(str(r.ratings_shown))}</td>"
        f"<td>{html.escape(' / '.join(r.comments) or '(no comments)')}</td>"
        "</tr>"
        for r in items.itertuples()
    )
    return (
        f"<p><strong>{html.escape(area)}</strong></p>"
        '<table class="dataframe"><thead><tr><th>Question</th><th>Average rating (1 to 5)</th>'
        "<th>Ratings given</th><th>What people said</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
