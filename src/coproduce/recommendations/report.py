"""The recommendations as a report, a widget table and a saved plan (CSV and Markdown)."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from coproduce.present.exports import write_table
from coproduce.present.report import Section
from coproduce.present.tables import html_table
from coproduce.recommendations.charts import areas_chart, describe_areas_chart
from coproduce.recommendations.plan import PLAN_COLUMNS, empty_action_plan
from coproduce.recommendations.selection import counts_table, with_actors


def table_html(frame: pd.DataFrame, empty: str = "Nothing to show.", caption: str = "") -> str:
    """A table as HTML for a widget (text escaped), or ``empty`` in a paragraph if no rows.

    Made by :func:`coproduce.present.tables.html_table`, like every other table of the guide.
    """
    if frame.empty:
        return f"<p>{html.escape(empty)}</p>"
    return str(html_table(frame, caption, table_class="coproduce-table"))


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


#: The report's title.
TITLE = "Healthy Lives recommendations: who acts, and your action plan"


def report_sections(recommendations: pd.DataFrame, actors: pd.DataFrame) -> list[Section]:
    """The report's sections: recommendations by area, every recommendation, a blank plan."""
    counts = counts_table(recommendations, actors)
    return [
        Section(
            "Recommendations by area",
            [describe_areas_chart(counts)],
            [areas_chart(recommendations, actors)],
            [("Recommendations by area and who acts", counts)],
        ),
        Section(
            "Every recommendation",
            [],
            [],
            [("Recommendations", with_actors(recommendations, actors))],
        ),
        Section(
            "Action plan",
            ["Fill in one row for each recommendation your team takes on."],
            [],
            [("Action plan", empty_action_plan())],
        ),
    ]
