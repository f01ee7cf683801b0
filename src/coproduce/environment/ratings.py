"""Summing up the ratings: by area, by role and by question, protected against subtraction.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

import pandas as pd

from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    is_small,
    protect_parts,
    safe_count,
    safe_percent,
    safe_statistic,
)
from coproduce.environment.inputs import AREAS, ROLES

#: Ratings at or below this count as "poor" for the action list.
POOR = 2


#: What a summary shows where nobody gave a rating.
NO_RATINGS = "no ratings"


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
