"""Reading a completed environment assessment and the question bank.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coproduce.datapackage import load_table
from coproduce.toolinput import read_tool_csv

RESOURCE = "environment_assessment_example"


#: Areas in the order summaries show them.
AREAS = ("Accessibility", "Safety", "Comfort", "Physical activity spaces", "Other")


#: Assessor roles in the order summaries show them.
ROLES = ("Service user", "Staff", "Carer or family", "Other")


RATING_WORDS = {1: "very poor", 2: "poor", 3: "okay", 4: "good", 5: "very good"}


def load_questions(directory: Path | None = None) -> pd.DataFrame:
    """The question bank, checked against its contract in ``data/datapackage.json``."""
    return load_table("environment_questions", directory)


def load_assessment(input_csv: str | Path | None = None, sheet: str | None = None) -> pd.DataFrame:
    """Read a completed assessment (``None``: the SYNTHETIC example) and check it.

    Stops with a :class:`~coproduce.problems.DataValidationError` that lists every problem with
    its row, column and value. The file is never changed.
    """
    return read_tool_csv(RESOURCE, input_csv, sheet=sheet)
