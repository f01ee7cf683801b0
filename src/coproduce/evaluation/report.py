"""A self-contained HTML report of an evaluation, that opens offline in any browser.

The report holds every shareable table and chart, the disclosure mode note at the very top, and
a plain-English account of how each figure was worked out. It is made by the same template as
every tool's report (:mod:`coproduce.present.report`), which copies plotly.js in and escapes
everything from the user's file, so the report makes no request to any other host: it can be
emailed, put on a shared drive or opened on a ward computer without internet access. Only
tables made for the chosen mode go in; the person-level data never does.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coproduce.disclosure import FREE_TEXT_NOTE, PERCENT_NOTE, SPREAD_NOTE, SUPPRESSED, Mode
from coproduce.evaluation.charts import all_charts
from coproduce.evaluation.outcomes import EFFECT_SIZE_NOTE
from coproduce.evaluation.pipeline import Evaluation
from coproduce.evaluation.schema import SWEMWBS_LICENCE
from coproduce.present import report
from coproduce.present.numbers import cell_text
from coproduce.present.report import Section

TITLE = "Evaluation report: recruitment, retention and outcomes"


def _key_numbers(evaluation: Evaluation) -> pd.DataFrame:
    rows = []
    for key, value in evaluation.headline.items():
        text = cell_text(value)
        if "%" in key and text not in ("", SUPPRESSED):
            text += "%"
        rows.append((key, text))
    return pd.DataFrame(rows, columns=["Key number (all sites)", "Value"])


def _methods(evaluation: Evaluation) -> list[str]:
    points = [
        "Physical activity uses the IPAQ short form. MET-minutes a week = 3.3 x walking "
        "minutes x days + 4.0 x moderate minutes x days + 8.0 x vigorous minutes x days, after "
        "capping each activity at 180 minutes a day. Activity level is High, Moderate or Low "
        "by the IPAQ rules (for Moderate, days of moderate activity and days of walking that "
        "reach 30 minutes are added together).",
        "Wellbeing uses SWEMWBS: the seven answers (1 to 5) add up to a raw score of 7 to 35, "
        "converted to a metric score with the published conversion table. " + SWEMWBS_LICENCE,
        "Body mass index is weight (kg) divided by height (m) squared, to 1 decimal place, "
        "with NICE's categories. For people whose recorded family background is South Asian, "
        "Chinese, other Asian, Middle Eastern, Black African or African-Caribbean, NICE's lower "
        "thresholds are used (overweight from 23, obesity from 27.5). A blank height uses the "
        "person's most recent earlier height.",
        "Blood pressure categories follow NICE NG136 for clinic readings: stage 1 hypertension "
        "from 140/90, stage 2 from 160/100, severe from a systolic of 180 or a diastolic of "
        "120. A category describes a reading; it is not a diagnosis.",
        "Change from baseline uses only people measured at both time points. The 95% "
        "confidence interval uses the t distribution. "
        + (EFFECT_SIZE_NOTE if evaluation.mode is Mode.INTERNAL else SPREAD_NOTE),
        "Recruited means everyone in the file. Completed the intervention means not withdrawn "
        "by the post-intervention time point (including anyone who missed that assessment). "
        "Still taking part at follow-up means not withdrawn by follow-up.",
    ]
    if evaluation.mode is Mode.SAFE:
        points += [
            "Counts from 1 to 7 are shown as [c] and other counts are rounded to the nearest "
            "5, so rounded numbers may not add up exactly; figures based on fewer than 8 "
            "people are shown as [c]. Where one hidden figure could be worked out from a "
            "total, another figure is hidden too. " + PERCENT_NOTE,
            SPREAD_NOTE,
            "Reasons are named only when at least 8 people gave the same reason; the others "
            "are counted together. " + FREE_TEXT_NOTE,
        ]
    else:
        points.append(
            "Reasons are shown as they were written in the file (tidied for spacing and "
            "capitals). This report is for the team only: reasons can identify a person."
        )
    return points


def evaluation_tables(evaluation: Evaluation) -> dict[str, pd.DataFrame]:
    """Every table of the report, by name, for a spreadsheet or CSV export (same mode)."""
    tables = {
        "Recruitment and retention": evaluation.funnel,
        "Why people left": evaluation.withdrawal_reasons,
        "Measures collected": evaluation.completeness,
        "Why not collected": evaluation.not_collected_reasons,
        "Change from baseline": evaluation.change,
        "Categories": evaluation.categories,
    }
    if evaluation.mode is Mode.SAFE:
        tables["What was hidden"] = evaluation.release.summary()
    return tables


def _change_note(evaluation: Evaluation) -> str:
    note = EFFECT_SIZE_NOTE if evaluation.mode is Mode.INTERNAL else SPREAD_NOTE
    return f"{note} {SWEMWBS_LICENCE}"


def report_sections(evaluation: Evaluation) -> list[Section]:
    """The report's sections: the same tables and charts as the notebook, in its mode."""
    charts = all_charts(evaluation)
    notes = []
    if evaluation.scored["swemwbs_raw"].notna().any():
        notes.append(SWEMWBS_LICENCE)
    if evaluation.synthetic:
        notes.append("The SYNTHETIC example is not the IMPACT study's results.")
    categories = [fig for name, fig in charts.items() if name.startswith("categories: ")]
    return [
        Section("Key numbers", notes, [], [("Key numbers", _key_numbers(evaluation))]),
        Section(
            "Recruitment and retention",
            [],
            [charts["funnel"]],
            [("Recruitment and retention, by site", evaluation.funnel)],
        ),
        Section(
            "Why people left",
            [],
            [charts["withdrawal"]],
            [("Reasons for withdrawal", evaluation.withdrawal_reasons)],
        ),
        Section(
            "Which measures were collected",
            [],
            [charts["completeness"]],
            [
                ("Data completeness by measure and time point", evaluation.completeness),
                ("Reasons measures were not collected", evaluation.not_collected_reasons),
            ],
        ),
        Section(
            "Change from baseline",
            [_change_note(evaluation)],
            [charts["change"]] if "change" in charts else [],
            [("Change from baseline, people measured at both points", evaluation.change)],
        ),
        Section(
            "Categories at each time point",
            [],
            categories,
            [("People in each category at each time point", evaluation.categories)],
        ),
        Section("How the figures were worked out", _methods(evaluation)),
    ]


def build_report_html(evaluation: Evaluation) -> str:
    """The whole report as one HTML document (plotly.js included inline)."""
    return report.render_report(
        TITLE,
        report_sections(evaluation),
        evaluation.mode,
        evaluation.file_label,
        evaluation.synthetic,
        evaluation.release,
    )


def write_report(evaluation: Evaluation, path: str | Path) -> Path:
    """Write the report to ``path`` (UTF-8) and return the path."""
    return report.write_report(build_report_html(evaluation), path)
