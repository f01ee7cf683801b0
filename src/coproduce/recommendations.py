"""NSUN's Healthy Lives recommendations: filter, count and chart them, and plan local action.

The 24 recommendations and their nine areas come from ``data/`` (restated in the guide's words).
NSUN's report does not say who should act on each one, so ``data/nsun_recommendation_actors.csv``
holds the guide's own reading: one row per recommendation and group that would act on it. A team
can load its own reading instead with :func:`read_actors`, which checks the file and reports every
problem in words.

The chart carries its own plotly menu, so on the static website a reader can filter the bars by
who acts without a running notebook. The action plan functions turn picked recommendations into a
small table (action, owner, due date, status) that can be saved as CSV and as Markdown.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from coproduce.charts import PALETTE, base_layout, with_text_alternative
from coproduce.datapackage import load_table, package
from coproduce.present.exports import write_table
from coproduce.problems import DataProblem, DataValidationError

#: The groups who act on recommendations, in the order the guide lists them.
ACTORS = (
    "Commissioners",
    "Service providers",
    "Professionals",
    "People with lived experience and carers",
)
#: Label for "no filter" in menus and tables.
ALL_ACTORS = "All actors"
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
ACTORS_RESOURCE = "nsun_recommendation_actors"


def load_recommendations(directory: Path | None = None) -> pd.DataFrame:
    """All 24 recommendations with their area number and area name, in published order."""
    areas = load_table("nsun_areas", directory)[["area", "name"]].rename(
        columns={"name": "area_name"}
    )
    recs = load_table("nsun_recommendations", directory)
    table = recs.merge(areas, on="area", how="left", validate="many_to_one")
    return table[["number", "area", "area_name", "recommendation"]].reset_index(drop=True)


#: The columns a team's own file of who acts on what needs.
TEAM_COLUMNS = ("number", "actor")


def actors_schema(directory: Path | None = None) -> dict[str, Any]:
    """The table schema a team's file of who acts on what must follow.

    It is the ``number`` and ``actor`` part of the guide's own table in ``datapackage.json``
    (that table also names its source in ``source_id``, which a team's file does not need).
    """
    descriptor = package(directory).get_resource(ACTORS_RESOURCE).schema.to_descriptor()
    descriptor["fields"] = [f for f in descriptor["fields"] if f["name"] in TEAM_COLUMNS]
    descriptor.pop("foreignKeys", None)
    return descriptor


def _known_numbers(numbers: Iterable[str]) -> Callable[[pd.DataFrame, str], list[DataProblem]]:
    """An extra check for :func:`read_checked_csv`: every number is one of the 24."""
    known = list(numbers)

    def check(frame: pd.DataFrame, label: str) -> list[DataProblem]:
        bad = frame.index[~frame["number"].isin(known)]
        return [
            DataProblem(
                label,
                "there is no Healthy Lives recommendation with this number; the numbers are "
                + ", ".join(known),
                row=int(i) + 2,
                column="number",
                value=frame.at[i, "number"],
            )
            for i in bad
        ]

    return check


def read_actors(
    path: str | Path | None = None, directory: Path | None = None, sheet: str | None = None
) -> pd.DataFrame:
    """Who acts on each recommendation: the guide's reading, or a team's own CSV at ``path``.

    A team's file needs the columns ``number`` and ``actor`` (one row per recommendation and
    group). Every problem (missing column, unknown group, unknown number, repeated row) is
    reported at once as a :class:`DataValidationError`; the file is never changed.
    """
    if path is None:
        table = load_table(ACTORS_RESOURCE, directory)
    else:
        from coproduce.userfile import read_checked_csv

        numbers = load_recommendations(directory)["number"].tolist()
        table = read_checked_csv(
            path, actors_schema(directory), extra_checks=[_known_numbers(numbers)], sheet=sheet
        )
    return table[["number", "actor"]].astype("string").reset_index(drop=True)


def _check_choice(value: object, allowed: Iterable[object], what: str) -> None:
    allowed = list(allowed)
    if value not in allowed:
        options = ", ".join(str(a) for a in allowed)
        raise ValueError(f"Unknown {what} {value!r}; choose one of: {options}.")


def with_actors(recommendations: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Add an ``actors`` column: everyone who acts on each recommendation, in :data:`ACTORS` order.

    A recommendation nobody acts on (possible in a team's own reading) gets an empty string.
    """
    order = {actor: i for i, actor in enumerate(ACTORS)}
    joined = (
        actors.assign(_order=actors["actor"].map(order))
        .sort_values(["number", "_order"])
        .groupby("number", sort=False)["actor"]
        .agg("; ".join)
    )
    table = recommendations.copy()
    table["actors"] = table["number"].map(joined).fillna("").astype("string")
    return table


def filter_recommendations(
    recommendations: pd.DataFrame,
    actors: pd.DataFrame,
    area: int | None = None,
    actor: str | None = None,
) -> pd.DataFrame:
    """Recommendations in ``area`` (1 to 9) that ``actor`` acts on; ``None`` means any.

    Returns the rows with an ``actors`` column, in published order.
    """
    table = with_actors(recommendations, actors)
    if area is not None:
        _check_choice(area, sorted(recommendations["area"].unique()), "area")
        table = table[table["area"] == area]
    if actor is not None and actor != ALL_ACTORS:
        _check_choice(actor, ACTORS, "actor")
        numbers = set(actors.loc[actors["actor"] == actor, "number"])
        table = table[table["number"].isin(numbers)]
    return table.reset_index(drop=True)


def table_html(frame: pd.DataFrame, empty: str = "Nothing to show.") -> str:
    """A table as HTML for a widget (text escaped), or ``empty`` in a paragraph if no rows."""
    if frame.empty:
        return f"<p>{html.escape(empty)}</p>"
    return frame.to_html(
        index=False, escape=True, border=0, na_rep="", justify="left", classes="coproduce-table"
    )


def _areas(recommendations: pd.DataFrame) -> pd.DataFrame:
    return (
        recommendations[["area", "area_name"]]
        .drop_duplicates()
        .sort_values("area")
        .reset_index(drop=True)
    )


def counts_by_area(
    recommendations: pd.DataFrame, actors: pd.DataFrame, actor: str | None = None
) -> pd.DataFrame:
    """Number of recommendations in each area (every area listed, zeros included)."""
    chosen = filter_recommendations(recommendations, actors, actor=actor)
    counts = chosen.groupby("area").size()
    table = _areas(recommendations)
    table["recommendations"] = table["area"].map(counts).fillna(0).astype(int)
    return table


def counts_table(recommendations: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The chart's data: recommendations per area, for everyone and for each group who acts."""
    table = _areas(recommendations)
    for actor in (ALL_ACTORS, *ACTORS):
        counts = counts_by_area(recommendations, actors, None if actor == ALL_ACTORS else actor)
        table[actor] = counts["recommendations"].to_numpy()
    total = {"area": pd.NA, "area_name": "All nine areas"}
    total |= {actor: int(table[actor].sum()) for actor in (ALL_ACTORS, *ACTORS)}
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    table["area"] = table["area"].astype("Int64")
    return table


def _label(area: int, name: str) -> str:
    return f"{area}. {name}"


def describe_areas_chart(table: pd.DataFrame) -> str:
    """Text alternative for :func:`areas_chart`, from :func:`counts_table`'s output."""
    areas = table[table["area"].notna()]
    bars = "; ".join(
        f"area {row.area}, {row.area_name}: {row[ALL_ACTORS]}" for _, row in areas.iterrows()
    )
    per_actor = "; ".join(f"{actor.lower()} act on {int(areas[actor].sum())}" for actor in ACTORS)
    return (
        f"Horizontal bar chart of how many of NSUN's {int(areas[ALL_ACTORS].sum())} Healthy "
        f"Lives recommendations fall in each of the {len(areas)} areas: {bars}. A menu on the "
        "chart shows only the recommendations one group acts on, in the guide's own reading: "
        f"{per_actor}. The table of counts by area and group holds every number."
    )


def areas_chart(recommendations: pd.DataFrame, actors: pd.DataFrame) -> go.Figure:
    """Bar chart of recommendations per area, with a menu (no kernel needed) to filter by actor.

    The menu is plotly's own ``updatemenus`` dropdown: each option swaps the bar lengths and the
    title, so it works on the static website as well as in a running notebook.
    """
    table = counts_table(recommendations, actors)
    areas = table[table["area"].notna()]
    labels = [_label(int(a), n) for a, n in zip(areas["area"], areas["area_name"], strict=True)]
    title = "Healthy Lives recommendations in each area"
    fig = go.Figure()
    counts = areas[ALL_ACTORS].astype(int).tolist()
    fig.add_bar(
        name="Recommendations",
        x=counts,
        y=labels,
        orientation="h",
        text=counts,
        textposition="outside",
        marker_color=PALETTE[0],
        hovertemplate="%{y}: %{x} recommendation(s)<extra></extra>",
    )
    buttons = []
    for actor in (ALL_ACTORS, *ACTORS):
        values = areas[actor].astype(int).tolist()
        heading = title if actor == ALL_ACTORS else f"Recommendations {actor.lower()} act on"
        buttons.append(
            {
                "label": actor,
                "method": "update",
                "args": [{"x": [values], "text": [values]}, {"title.text": heading}],
            }
        )
    layout = base_layout(title, "Number of recommendations", "Area")
    layout["title"] |= {"x": 0.01, "xanchor": "left", "xref": "container"}
    layout["margin"] = {"t": 120, "b": 40, "l": 10, "r": 20}
    fig.update_layout(
        **layout,
        showlegend=False,
        height=540,
        updatemenus=[
            {
                "type": "dropdown",
                "buttons": buttons,
                "active": 0,
                "direction": "down",
                "showactive": True,
                "x": 0,
                "xanchor": "left",
                "y": 1.03,
                "yanchor": "bottom",
                "pad": {"r": 0, "t": 0},
                "font": {"size": 14},
            }
        ],
        annotations=[
            {
                "text": "Who acts (the guide's reading):",
                "showarrow": False,
                "x": 0,
                "xref": "paper",
                "xshift": -8,
                "y": 1.03,
                "yref": "paper",
                "yshift": 6,
                "xanchor": "right",
                "yanchor": "bottom",
                "font": {"size": 14},
            }
        ],
    )
    top = max(counts) + 1
    fig.update_xaxes(range=[0, top], dtick=1)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return with_text_alternative(fig, describe_areas_chart(table))


# --- Local action plan -------------------------------------------------------------------------


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


def _cell(value: object) -> str:
    """Text safe inside a Markdown table cell: one line, ``|`` escaped, HTML escaped.

    A Markdown viewer shows HTML as it is, so ``<`` and ``&`` become entities and a tag typed
    into the plan cannot run where the Markdown file is opened.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|")
    return html.escape(text, quote=False)


def action_plan_markdown(plan: pd.DataFrame, title: str = "Local action plan") -> str:
    """The plan as a Markdown document: a heading, a note on the source and one table row each."""
    lines = [
        f"# {_cell(title)}",
        "",
        "Recommendations from NSUN's Healthy Lives Project (2017), restated in the words of the "
        "guide to co-producing physical health services with people who live with serious "
        "mental illness.",
        "",
    ]
    if plan.empty:
        return "\n".join([*lines, "No recommendations have been picked yet.", ""])
    lines += [
        "| No. | Recommendation | Action | Owner | Due | Status |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in plan.itertuples():
        cells = [
            row.number,
            row.recommendation,
            row.action,
            row.owner,
            row.due_date,
            row.status,
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join([*lines, ""])


def save_action_plan(
    plan: pd.DataFrame, folder: str | Path, stem: str = "action-plan"
) -> tuple[Path, Path]:
    """Write ``plan`` to ``folder/stem.csv`` and ``folder/stem.md``; returns both paths.

    The folder is created if needed. The CSV opens in Excel (UTF-8 with a byte-order mark), and
    every cell a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return) gets a leading apostrophe
    (:func:`~coproduce.present.exports.write_table`).
    """
    folder = Path(folder)
    csv_path = write_table(plan[PLAN_COLUMNS], folder / f"{stem}.csv")
    md_path = folder / f"{stem}.md"
    md_path.write_text(action_plan_markdown(plan), encoding="utf-8")
    return csv_path, md_path
