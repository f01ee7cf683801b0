"""What an evaluation file looks like: its columns, time points, statuses and measures.

The data dictionary itself lives in ``data/datapackage.json`` (resource ``evaluation_example``)
so the same descriptor documents the file, validates the SYNTHETIC example with Frictionless
and checks a user's own file with :func:`coproduce.reader.read_table`. This module reads
that schema and names the groups of columns the rest of :mod:`coproduce.evaluation` works with.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from coproduce.resources import resource

#: The data package resource whose schema is the input contract (its ``path`` is the
#: SYNTHETIC example, its ``template`` the blank template).
RESOURCE = "evaluation_example"

#: Time points in the order they happen.
TIME_POINTS: tuple[str, ...] = ("baseline", "post-intervention", "follow-up")
TIME_LABELS = {
    "baseline": "Baseline",
    "post-intervention": "Post-intervention",
    "follow-up": "Follow-up",
}
ASSESSED, MISSED, WITHDRAWN = "assessed", "missed", "withdrawn"

#: Family backgrounds for which NICE uses the lower BMI thresholds (references.md).
LOWER_BMI_BACKGROUNDS = frozenset(
    {
        "South Asian",
        "Chinese",
        "Other Asian",
        "Middle Eastern",
        "Black African",
        "African-Caribbean",
    }
)

IPAQ_ACTIVITIES = ("vigorous", "moderate", "walking")
IPAQ_DAYS = tuple(f"ipaq_{a}_days" for a in IPAQ_ACTIVITIES)
IPAQ_MINUTES = tuple(f"ipaq_{a}_minutes" for a in IPAQ_ACTIVITIES)
SWEMWBS_ITEMS = tuple(f"swemwbs_{i}" for i in range(1, 8))

#: Said wherever SWEMWBS is used (the scale's terms of use).
SWEMWBS_LICENCE = (
    "SWEMWBS (the Short Warwick-Edinburgh Mental Wellbeing Scale) is free for non-commercial "
    "use after registering with its owners; register before you use it in your service."
)


@dataclass(frozen=True)
class CollectedMeasure:
    """A measure whose collection is tracked: its input columns and where its reason goes.

    ``reason`` is ``None`` for an optional item (IPAQ sitting time), which needs no reason
    when it is blank.
    """

    key: str
    label: str
    columns: tuple[str, ...]
    reason: str | None


#: Measures in the order the report lists them.
COLLECTED_MEASURES: tuple[CollectedMeasure, ...] = (
    CollectedMeasure(
        "ipaq",
        "Physical activity (IPAQ)",
        IPAQ_DAYS + IPAQ_MINUTES,
        "ipaq_not_collected_reason",
    ),
    CollectedMeasure(
        "sitting",
        "Sitting time (IPAQ, optional)",
        ("ipaq_sitting_minutes",),
        None,
    ),
    CollectedMeasure(
        "swemwbs",
        "Wellbeing (SWEMWBS)",
        SWEMWBS_ITEMS,
        "swemwbs_not_collected_reason",
    ),
    CollectedMeasure(
        "bp",
        "Blood pressure",
        ("systolic_bp", "diastolic_bp"),
        "bp_not_collected_reason",
    ),
    CollectedMeasure("weight", "Weight", ("weight_kg",), "weight_not_collected_reason"),
    CollectedMeasure(
        "bmi",
        "Body mass index (weight and height)",
        ("weight_kg", "height_cm"),
        "weight_not_collected_reason",
    ),
    CollectedMeasure(
        "confidence",
        "Confidence to be active (user-led)",
        ("confidence",),
        "confidence_not_collected_reason",
    ),
    CollectedMeasure(
        "social_contacts",
        "Social contacts (user-led)",
        ("social_contacts",),
        "social_contacts_not_collected_reason",
    ),
)

#: Every column that holds a measurement (these belong only on 'assessed' rows).
MEASUREMENT_COLUMNS: tuple[str, ...] = (
    *IPAQ_DAYS,
    *IPAQ_MINUTES,
    "ipaq_sitting_minutes",
    *SWEMWBS_ITEMS,
    "systolic_bp",
    "diastolic_bp",
    "weight_kg",
    "height_cm",
    "confidence",
    "social_contacts",
)


def _schema_descriptor() -> dict[str, Any]:
    return resource(RESOURCE).schema


def input_schema() -> dict[str, Any]:
    """The table schema (a dictionary) every evaluation file must meet, from the data package."""
    return copy.deepcopy(_schema_descriptor())


def field_names() -> list[str]:
    """The columns of an evaluation file, in the order of the template."""
    return [field["name"] for field in _schema_descriptor()["fields"]]


def field_descriptions() -> dict[str, str]:
    """Each column's description from the data dictionary (used for the notebook's table)."""
    return {field["name"]: field.get("description", "") for field in _schema_descriptor()["fields"]}


def example_path() -> Path:
    """Where the SYNTHETIC example file is (the resource's ``path`` in the data package)."""
    return resource(RESOURCE).example


def template_path() -> Path:
    """Where the blank CSV template is (the resource's ``template``; ``.xlsx`` beside it)."""
    template = resource(RESOURCE).template
    assert template is not None, "the evaluation resource names its template"
    return template


def data_dictionary() -> pd.DataFrame:
    """The data dictionary as a table: column, type, allowed values or range, description."""
    rows = []
    for field in _schema_descriptor()["fields"]:
        constraints = field.get("constraints", {})
        if "enum" in constraints:
            allowed = ", ".join(str(v) for v in constraints["enum"])
        elif "minimum" in constraints or "maximum" in constraints:
            allowed = f"{constraints.get('minimum', '')} to {constraints.get('maximum', '')}"
        else:
            allowed = ""
        rows.append(
            {
                "Column": field["name"],
                "Type": field.get("type", "string"),
                "Required": "yes" if constraints.get("required") else "",
                "Allowed values": allowed,
                "What it holds": field.get("description", ""),
            }
        )
    return pd.DataFrame(rows)
