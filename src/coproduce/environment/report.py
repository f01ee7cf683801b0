"""TODO report."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from coproduce.disclosure import (
    FREE_TEXT_NOTE,
    Mode,
    is_safe,
    mode_note,
)
from coproduce.environment.ratings import REVIEW_NOTE, action_list, question_summary
from coproduce.present.exports import write_table


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
