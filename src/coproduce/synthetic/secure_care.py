"""Make the SYNTHETIC example files and blank templates for the secure-care tools.

Everything this script writes is INVENTED. The units ("Unit A" to "Unit E", "Ward 1") and
every number, date and comment are made up with a fixed random seed, so the files are the same
every time and can be checked (tests/test_secure_care_notebooks.py re-runs this script and
compares). They exist to show the tools working; they say nothing about any real service.

Writes, under the data folder (default: the guide's data/; --out puts them somewhere else):

- examples/unit_monthly_example.csv           service-user data dashboard
- examples/engagement_events_example.csv      engagement tracker
- examples/environment_assessment_example.csv patient-led environmental assessment
- templates/<name>_template.csv               blank templates (heading row only)
- templates/environment_assessment_form.csv   the assessment form with every question in it

Run:  python scripts/make_secure_care_examples.py [--out FOLDER]
"""

from __future__ import annotations

import argparse
import calendar
import csv
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd

from coproduce.datapackage import data_dir, load_table
from coproduce.toolinput import column_names

SEED = 20250611
MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]
RESOURCES = [
    "unit_monthly_example",
    "engagement_events_example",
    "environment_assessment_example",
]

# Invented units. Unit D is small on purpose, so the example shows small numbers being hidden.
DASHBOARD_UNITS = {
    # unit: (beds, restraint incidents per 1,000 bed days at the start, length of stay at start)
    "Unit A": (15, 26.0, 430.0),
    "Unit B": (12, 16.0, 610.0),
    "Unit C": (10, 34.0, 300.0),
    "Unit D": (6, 12.0, 520.0),
}
ENGAGEMENT_UNITS = {
    # unit: (pathway, how keen its service users are to take part: an invented multiplier)
    "Unit A": ("Mental illness", 1.0),
    "Unit B": ("Women's", 0.6),
    "Unit C": ("Learning disability and autism", 1.4),
    "Unit D": ("Personality disorder", 0.8),
    "Unit E": ("Mental illness", 1.1),
}
ROADSHOW_MONTH = 7

# Invented comments an assessor might write next to a low rating, by question.
LOW_COMMENTS = {
    "ACC-01": "The garden door is often locked when I want to go out.",
    "ACC-02": "Some signs are too small to read.",
    "ACC-03": "The corridor by the lounge is too narrow for a wheelchair.",
    "ACC-04": "I did not know where to find the activity timetable.",
    "ACC-05": "The phone is in the corridor so calls are not private.",
    "SAF-01": "The lounge can get tense in the evening.",
    "SAF-02": "Night checks wake me up and I feel on edge.",
    "SAF-03": "Staff are busy in the office and hard to find.",
    "SAF-04": "A floor tile near the kitchen is loose.",
    "SAF-05": "There is nowhere quiet to go when the lounge is busy.",
    "COM-01": "My room is too hot in the afternoon.",
    "COM-02": "Doors banging at night keep me awake.",
    "COM-03": "Two of the lounge chairs are broken.",
    "COM-04": "The windows in the dining room do not open.",
    "COM-05": "The shower lock does not work properly.",
    "COM-06": "I would like to put up my own pictures.",
    "PAS-01": "The activity room is used for storage.",
    "PAS-02": "We only get outside when there are enough staff.",
    "PAS-03": "The exercise bike has been broken for weeks.",
    "PAS-04": "Sessions get cancelled when the ward is short of staff.",
    "PAS-05": "The gym is only open in the morning.",
}
HIGH_COMMENTS = [
    "This has got better recently.",
    "No problems with this.",
    "Staff sorted this out quickly when I asked.",
]


def _csv_text(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def unit_monthly(rng: np.random.Generator) -> pd.DataFrame:
    """Invented monthly data for four units: people, stay, restraint, bed days, sessions."""
    rows = []
    for unit, (beds, restraint_rate, stay) in DASHBOARD_UNITS.items():
        for index, month in enumerate(MONTHS):
            days = calendar.monthrange(2024, index + 1)[1]
            occupancy = rng.uniform(0.85, 1.0)
            bed_days = int(round(beds * occupancy * days))
            people = math.ceil(beds * occupancy) + int(rng.integers(0, 3))
            # Restraint falls a little over the year (an invented story, not a finding).
            expected = restraint_rate * (1 - 0.03 * index) * bed_days / 1000
            restraint = int(rng.poisson(expected))
            stay_now = stay + 12 * index + rng.normal(0, 25)
            sessions = int(rng.poisson(beds * 1.4 + 0.6 * index))
            length = f"{stay_now:.1f}"
            if unit == "Unit C" and month == "2024-05":
                length = ""  # not recorded: shows how the dashboard treats a gap
            rows.append(
                {
                    "unit": unit,
                    "month": month,
                    "people": people,
                    "length_of_stay_days": length,
                    "restraint_incidents": restraint,
                    "occupied_bed_days": bed_days,
                    "physical_activity_sessions": sessions,
                }
            )
    return pd.DataFrame(rows)


def _day(rng: np.random.Generator, month: int) -> str:
    return f"2024-{month:02d}-{int(rng.integers(1, 29)):02d}"


def engagement_events(rng: np.random.Generator) -> pd.DataFrame:
    """Invented involvement events for five units over 2024, with a roadshow in July."""
    rows = []

    def add(date: str, unit: str, kind: str, attendance: int, submissions: int | None = None):
        rows.append(
            {
                "date": date,
                "unit": unit,
                "pathway": ENGAGEMENT_UNITS[unit][0],
                "event_type": kind,
                "attendance": attendance,
                "submissions": "" if submissions is None else submissions,
            }
        )

    for month in range(1, 13):
        after_roadshow = month >= ROADSHOW_MONTH
        meeting_day = f"2024-{month:02d}-{int(rng.integers(8, 15)):02d}"
        for unit, (_pathway, keen) in ENGAGEMENT_UNITS.items():
            # The regional reference group meets monthly; more people come after the roadshow.
            expected = (4.5 if after_roadshow else 2.0) * keen
            add(meeting_day, unit, "reference group meeting", int(rng.poisson(expected)))
            if rng.random() < 0.35 * keen:
                add(_day(rng, month), unit, "co-design workshop", int(rng.poisson(5 * keen)))
            if month % 3 == 0 and rng.random() < 0.5 + 0.3 * keen:
                add(_day(rng, month), unit, "training", int(rng.poisson(4 * keen)))
        if month % 3 == 0:
            for unit in rng.choice(list(ENGAGEMENT_UNITS), size=2, replace=False):
                add(
                    _day(rng, month),
                    str(unit),
                    "governance or board meeting",
                    int(rng.integers(1, 3)),
                )
        if month == ROADSHOW_MONTH:
            for unit, (_, keen) in ENGAGEMENT_UNITS.items():
                add(_day(rng, month), unit, "roadshow", int(rng.poisson(9 * keen)))
        if month == 10:
            showcase_day = f"2024-10-{int(rng.integers(15, 25)):02d}"
            for unit, (pathway, _) in ENGAGEMENT_UNITS.items():
                keen_on_showcase = pathway == "Learning disability and autism"
                entries = int(rng.poisson(16 if keen_on_showcase else 1.5))
                add(showcase_day, unit, "talent showcase", int(rng.poisson(6)), entries)
    frame = pd.DataFrame(rows)
    return frame.sort_values(["date", "unit", "event_type"], kind="stable").reset_index(drop=True)


def environment_assessment(rng: np.random.Generator, questions: pd.DataFrame) -> pd.DataFrame:
    """Invented ratings from 10 service users and 8 staff on every question of the bank."""
    quality = {qid: rng.uniform(1.8, 4.4) for qid in questions["question_id"]}
    assessors = ["Service user"] * 10 + ["Staff"] * 8
    rows = []
    for role in assessors:
        lift = 0.4 if role == "Staff" else 0.0  # staff rate a little higher (invented)
        for question in questions.itertuples():
            rating: int | str = int(
                np.clip(round(rng.normal(quality[question.question_id] + lift, 0.8)), 1, 5)
            )
            comment = ""
            if rng.random() < 0.04:
                rating = ""  # not answered
            elif rating <= 2 and rng.random() < 0.5:
                comment = LOW_COMMENTS[question.question_id]
            elif rating == 5 and rng.random() < 0.15:
                comment = str(rng.choice(HIGH_COMMENTS))
            rows.append(
                {
                    "area": question.area,
                    "question": question.question,
                    "rating": rating,
                    "comment": comment,
                    "assessor_role": role,
                }
            )
    return pd.DataFrame(rows)


def assessment_form(questions: pd.DataFrame) -> pd.DataFrame:
    """The assessment form: every question of the bank, with rating, comment and role blank."""
    form = questions[["area", "question"]].copy()
    for column in ["rating", "comment", "assessor_role"]:
        form[column] = ""
    return form


def files(questions: pd.DataFrame) -> dict[str, str]:
    """Every file this script writes, as relative path -> text."""
    rng = np.random.default_rng(SEED)
    out = {
        "examples/unit_monthly_example.csv": _csv_text(unit_monthly(rng)),
        "examples/engagement_events_example.csv": _csv_text(engagement_events(rng)),
        "examples/environment_assessment_example.csv": _csv_text(
            environment_assessment(rng, questions)
        ),
        "templates/environment_assessment_form.csv": _csv_text(assessment_form(questions)),
    }
    for resource in RESOURCES:
        name = resource.removesuffix("_example") + "_template.csv"
        out[f"templates/{name}"] = ",".join(column_names(resource)) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    """Write every example and template this module makes under ``folder``."""
    written = []
    for relative, text in files(load_table("environment_questions")).items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    """Write into the guide's data folder, or into ``--out FOLDER``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=data_dir(), help="folder to write into")
    args = parser.parse_args(argv)
    for target in write(args.out):
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
