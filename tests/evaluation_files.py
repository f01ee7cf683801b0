"""Helpers for the evaluation tests: the SYNTHETIC example as rows, and files made from it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coproduce.evaluation.schema import example_path, field_names

Rows = list[dict[str, str]]


def example_rows() -> Rows:
    """The committed SYNTHETIC example, one dict of text cells per row (file row = index + 2)."""
    with example_path().open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_text(rows: Rows, columns: list[str] | None = None) -> str:
    """Rows as CSV text with the given columns (default: the template's)."""
    columns = columns or field_names()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to ``folder/name`` and return the path."""
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def person(
    pid: str,
    site: str = "Site A",
    withdraw_at: int | None = None,
    missed: tuple[int, ...] = (),
    background: str = "",
    values: dict[str, str] | None = None,
    time_points: int = 3,
) -> Rows:
    """Rows for one made-up person: assessed at each time point until ``withdraw_at``.

    Every measure is filled in with ordinary values (``values`` overrides them), so the rows
    pass every check.
    """
    names = ["baseline", "post-intervention", "follow-up"][:time_points]
    filled = {
        "ipaq_vigorous_days": "1",
        "ipaq_vigorous_minutes": "20",
        "ipaq_moderate_days": "2",
        "ipaq_moderate_minutes": "30",
        "ipaq_walking_days": "5",
        "ipaq_walking_minutes": "30",
        "ipaq_sitting_minutes": "480",
        **{f"swemwbs_{i}": "3" for i in range(1, 8)},
        "systolic_bp": "130",
        "diastolic_bp": "85",
        "weight_kg": "80",
        "height_cm": "175",
        "confidence": "5",
        "social_contacts": "3",
        **(values or {}),
    }
    rows = []
    for index, point in enumerate(names):
        row = {name: "" for name in field_names()}
        row.update(participant_id=pid, site=site, time_point=point, family_background=background)
        if withdraw_at is not None and index >= withdraw_at:
            row["status"] = "withdrawn"
            if index == withdraw_at:
                row["withdrawal_reason"] = "Chose to stop"
        elif index in missed:
            row["status"] = "missed"
        else:
            row["status"] = "assessed"
            row.update(filled)
        rows.append(row)
    return rows
