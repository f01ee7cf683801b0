"""Reading the engagement tracker's log of involvement events.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coproduce.toolinput import read_tool_csv

RESOURCE = "engagement_events_example"


def load_events(input_csv: str | Path | None = None, sheet: str | None = None) -> pd.DataFrame:
    """Read an involvement event log (``None``: the SYNTHETIC example), sorted by date.

    Stops with a :class:`~coproduce.problems.DataValidationError` that lists every problem with
    its row, column and value. The file is never changed.
    """
    events = read_tool_csv(RESOURCE, input_csv, sheet=sheet)
    return events.sort_values(["date", "unit"], kind="stable").reset_index(drop=True)
