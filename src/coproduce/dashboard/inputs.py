"""Reading the dashboard's monthly file: the core columns, extra measures and their kinds.

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from coproduce.problems import DataProblem
from coproduce.resources import resource
from coproduce.toolinput import read_tool_csv

RESOURCE = "unit_monthly_example"


#: Columns every file has; any other column is an extra measure.
CORE_COLUMNS = (
    "unit",
    "month",
    "people",
    "length_of_stay_days",
    "restraint_incidents",
    "occupied_bed_days",
)


_MAX_LISTED = 10


@dataclass(frozen=True)
class Measure:
    """One thing the dashboard shows.

    ``kind`` is ``"count"`` (events added up, shown per 1,000 bed days) or ``"average"``
    (an average about the people on the unit, shown as it is).
    """

    column: str
    label: str
    kind: str
    noun: str
    decimals: int = 1
    #: For averages: how a sentence names it ("the average length of stay so far").
    phrase: str = ""

    @property
    def is_count(self) -> bool:
        """True for counts of events, which get a rate per 1,000 occupied bed days."""
        return self.kind == "count"

    @property
    def short_label(self) -> str:
        """A short name for chart titles and table headings."""
        if self.is_count:
            return f"{self.label} per 1,000 bed days"
        return self.label

    @property
    def chart_label(self) -> str:
        """What the chart's vertical axis shows."""
        if self.is_count:
            return f"{self.label} per 1,000 occupied bed days"
        return self.label


RESTRAINT = Measure("restraint_incidents", "Restraint incidents", "count", "restraint incidents")


LENGTH_OF_STAY = Measure(
    "length_of_stay_days",
    "Average length of stay so far (days)",
    "average",
    "days",
    0,
    "the average length of stay so far",
)


def extra_columns(frame: pd.DataFrame) -> list[str]:
    """Columns a unit added after the core ones, in file order."""
    return [c for c in frame.columns if c not in CORE_COLUMNS]


_KIND_WORDS = {
    "count": "events added up, such as incidents",
    "average": "an average about the people on the unit",
}


@functools.cache
def _declared_kinds() -> tuple[dict[str, str], dict[str, str]]:
    """Kinds of the fields the data dictionary lists, and the suffixes for added columns."""
    schema = resource(RESOURCE).schema
    kinds = {f["name"]: f["measureKind"] for f in schema["fields"] if "measureKind" in f}
    return kinds, dict(schema.get("extraMeasureSuffixes", {}))


def measure_kind(column: str) -> str | None:
    """``"count"`` or ``"average"`` as the data dictionary declares it (None: undeclared)."""
    kinds, suffixes = _declared_kinds()
    if column in kinds:
        return kinds[column]
    return next((kind for end, kind in suffixes.items() if column.endswith(end)), None)


def _check_extra_columns(frame: pd.DataFrame, label: str) -> list[DataProblem]:
    """An extra column must declare its kind by name, and hold numbers of at least 0."""
    problems: list[DataProblem] = []
    suffixes = _declared_kinds()[1]
    for column in extra_columns(frame):
        if measure_kind(column) is None:
            problems.append(
                DataProblem(
                    label,
                    "an extra measure's name must say what kind of number it is: end it in "
                    + " or ".join(f"{end} ({_KIND_WORDS[kind]})" for end, kind in suffixes.items()),
                    row=1,
                    column=column,
                    value=column,
                )
            )
        text = frame[column].astype("string").str.strip()
        present = text.notna() & text.ne("")
        numbers = pd.to_numeric(text.where(present), errors="coerce")
        bad = present & (numbers.isna() | (numbers < 0))
        if measure_kind(column) == "count":
            bad |= present & numbers.notna() & (numbers % 1 != 0)
        for index in frame.index[bad.to_numpy()][:_MAX_LISTED]:
            problems.append(
                DataProblem(
                    label,
                    "expected a number of at least 0 (every column after occupied_bed_days is "
                    "an extra measure, so it may hold only numbers or blanks; a _count column "
                    "holds whole numbers)",
                    row=int(index) + 2,
                    column=column,
                    value=frame.at[index, column],
                )
            )
    return problems


def _check_bed_days(frame: pd.DataFrame, label: str) -> list[DataProblem]:
    """Bed days must fit the people and the month, and counts need bed days to make a rate."""
    problems: list[DataProblem] = []
    days = frame["month"].map(lambda m: calendar.monthrange(int(m[:4]), int(m[5:7]))[1])
    most = frame["people"].astype("Int64") * days
    too_many = (frame["occupied_bed_days"] > most).fillna(False).to_numpy(dtype=bool)
    for index in frame.index[too_many][:_MAX_LISTED]:
        problems.append(
            DataProblem(
                label,
                f"{int(frame.at[index, 'people'])} people in a {days[index]}-day month can fill at "
                f"most {int(most[index])} occupied bed days; check the people and "
                "occupied_bed_days columns",
                row=int(index) + 2,
                column="occupied_bed_days",
                value=str(frame.at[index, "occupied_bed_days"]),
            )
        )
    no_beds = (frame["occupied_bed_days"] == 0) & (frame["restraint_incidents"] > 0)
    for index in frame.index[no_beds.fillna(False).to_numpy(dtype=bool)][:_MAX_LISTED]:
        problems.append(
            DataProblem(
                label,
                "there are restraint incidents but 0 occupied bed days, so no rate can be "
                "worked out; check the occupied bed days",
                row=int(index) + 2,
                column="occupied_bed_days",
                value="0",
            )
        )
    return problems


def load_unit_monthly(
    input_csv: str | Path | None = None, sheet: str | None = None
) -> pd.DataFrame:
    """Read monthly unit data (``None``: the SYNTHETIC example) and check it.

    Stops with a :class:`~coproduce.problems.DataValidationError` that lists every problem with
    its row, column and value. Extra columns come back as numbers. The file is never changed.
    """
    frame = read_tool_csv(
        RESOURCE,
        input_csv,
        allow_extra_columns=True,
        extra_checks=[_check_extra_columns, _check_bed_days],
        only_fields=CORE_COLUMNS,
        sheet=sheet,
    )
    for column in extra_columns(frame):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Float64")
    return frame.sort_values(["unit", "month"], kind="stable").reset_index(drop=True)


def measures(frame: pd.DataFrame) -> list[Measure]:
    """Restraint, length of stay and every extra measure that has at least one value.

    Each extra measure's kind is the one the data dictionary declares for it.
    """
    found = [RESTRAINT, LENGTH_OF_STAY]
    for column in extra_columns(frame):
        values = pd.to_numeric(frame[column], errors="coerce").dropna()
        if values.empty:
            continue
        name = column
        for end in _declared_kinds()[1]:
            name = name.removesuffix(end)
        label = name.replace("_", " ").strip().capitalize()
        if measure_kind(column) == "count":
            found.append(Measure(column, label, "count", label.lower()))
        else:
            found.append(
                Measure(
                    column, f"{label} (average)", "average", "", 1, f"the average {label.lower()}"
                )
            )
    return found
