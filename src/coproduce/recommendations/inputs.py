"""Reading NSUN's recommendations and who acts on them (the guide's reading or a team's own).

Computing only: no charts, HTML or notebook display here (a unit test checks that).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from coproduce.datapackage import load_table, package
from coproduce.problems import DataProblem

#: The groups who act on recommendations, in the order the guide lists them.
ACTORS = (
    "Commissioners",
    "Service providers",
    "Professionals",
    "People with lived experience and carers",
)


#: Label for "no filter" in menus and tables.
ALL_ACTORS = "All actors"


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
