"""4Pi results as a report and as files: one person's result, a team summary."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from coproduce.disclosure import (
    Mode,
    Release,
    mode_note,
)
from coproduce.present.exports import write_table
from coproduce.present.report import Section
from coproduce.selfassessment.charts import gap_chart, radar_chart
from coproduce.selfassessment.inputs import OVERALL, ROLE_KEYS
from coproduce.selfassessment.scoring import (
    individual_summary,
    ladder_position,
    person_scores,
    respondent_counts,
    safe_team_summary,
    team_ladder,
    team_profiles,
    team_scores,
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


def readable_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """A team summary with column headings in words, for showing on screen."""
    names = {"standard": "Standard", "gap": "Gap (service users minus staff)"}
    for role, label in (("service user", "Service users"), ("carer", "Carers"), ("staff", "Staff")):
        names[f"{ROLE_KEYS[role]}_n"] = f"{label}: people"
        names[f"{ROLE_KEYS[role]}_mean"] = f"{label}: average"
    return summary.rename(columns=names)


def export_summary(summary: pd.DataFrame, path: str | Path, mode: Mode | str = Mode.SAFE) -> Path:
    """Write a summary table with a ``disclosure`` column stating the rule that made it.

    CSV or ``.xlsx``, with formula cells neutralised
    (:func:`~coproduce.present.exports.write_table`).
    """
    return write_table(summary.assign(disclosure=mode_note(mode)), path)


#: The report's title.
TITLE = "4Pi team self-assessment"


def report_sections(
    responses: pd.DataFrame,
    statements: pd.DataFrame,
    ladder: pd.DataFrame,
    mode: Mode | str,
    release: Release | None,
) -> list[Section]:
    """The report's sections: who answered, scores by standard, the team's place on the ladder."""
    team = team_scores(person_scores(responses, statements))
    summary = safe_team_summary(team, mode, release)
    return [
        Section(
            "Who answered",
            [],
            [],
            [("People who answered, by role", respondent_counts(responses, mode, release))],
        ),
        Section(
            "Scores by standard",
            [],
            [
                radar_chart(team_profiles(summary), "How each group rates the 4Pi standards"),
                gap_chart(summary, mode),
            ],
            [("Average score by standard and group", readable_summary(summary))],
        ),
        Section(
            "Where the team sits on the ladder",
            [],
            [],
            [("Place on the ladder of co-production", team_ladder(team, ladder, mode))],
        ),
    ]
