"""The environment assessment as a report, a saved action list and the notebook's area picker."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from coproduce.disclosure import (
    FREE_TEXT_NOTE,
    Mode,
    Release,
    is_safe,
    mode_note,
)
from coproduce.environment.charts import area_chart, role_chart
from coproduce.environment.ratings import (
    NO_RATINGS,
    REVIEW_NOTE,
    action_list,
    area_summary,
    comments_for_review,
    question_summary,
    role_counts,
    role_summary,
)
from coproduce.environment.words import area_sentence, overview, role_sentence
from coproduce.present.exports import write_table
from coproduce.present.report import Section
from coproduce.present.tables import html_table


def save_action_list(
    assessment: pd.DataFrame, path: str | Path, n: int = 5, mode: Mode | str = Mode.SAFE
) -> Path:
    """Save the action list with blank planning columns (CSV or .xlsx, formulas neutralised).

    The first row of the file says which disclosure rule made it.
    """
    table = action_list(assessment, n, mode, plan_columns=True).reset_index()
    table.insert(0, "Disclosure", [mode_note(mode)] + [""] * (len(table) - 1))
    return write_table(table, path)


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
    table = pd.DataFrame(
        {
            "Question": [str(q) for q in items["question"]],
            "Average rating (1 to 5)": [_or(v, NO_RATINGS) for v in items["average_shown"]],
            "Ratings given": [str(v) for v in items["ratings_shown"]],
        }
    )
    if internal:
        table["What people said"] = [" / ".join(c) or "(no comments)" for c in items["comments"]]
    note = (
        f"<p><strong>{html.escape(REVIEW_NOTE)}</strong></p>"
        if internal
        else f"<p><em>{html.escape(FREE_TEXT_NOTE)}</em></p>"
    )
    body = html_table(table, f"Questions about {area}", table_class="dataframe")
    return f"<p><strong>{html.escape(area)}</strong></p>{note}{body}"


#: The report's title.
TITLE = "Patient-led environmental assessment"


def report_sections(
    assessment: pd.DataFrame,
    mode: Mode | str,
    release: Release | None,
    data_label: str,
    actions: int = 5,
) -> list[Section]:
    """The report's sections: who took part, ratings by area and by role, what to act on first.

    Comments are listed only in internal mode, under "review before sharing"; safe mode says
    why they are left out.
    """
    areas = area_summary(assessment, mode, release)
    roles = role_summary(assessment, mode, release)
    sections = [
        Section(
            "Who took part",
            [overview(assessment, mode)],
            [],
            [("Assessors by role", role_counts(assessment, mode))],
        ),
        Section(
            "Ratings by area",
            [area_sentence(areas)],
            [area_chart(areas, data_label)],
            [("Ratings by area", areas.reset_index())],
        ),
        Section(
            "Ratings by who rated",
            [role_sentence(roles)],
            [role_chart(roles, data_label)],
            [("Ratings by role", roles.reset_index())],
        ),
        Section(
            "Questions to act on first",
            [],
            [],
            [("Lowest-rated questions", action_list(assessment, actions, mode))],
        ),
    ]
    if is_safe(mode):
        sections.append(Section("Comments", [FREE_TEXT_NOTE]))
    else:
        review = comments_for_review(assessment)
        sections.append(
            Section("Comments", [review.attrs.get("note", "")], [], [("Comments", review)])
        )
    return sections
