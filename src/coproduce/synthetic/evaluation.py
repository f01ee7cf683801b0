"""Make the SYNTHETIC example file for the "Evaluate your own intervention" tool.

Nobody real is described here and these are NOT the IMPACT study's results: every value is
drawn at random with a fixed seed, so running this script again gives the same file byte for
byte. The made-up programme is shaped like IMPACT Phase 4: 33 people at two sites, 7 withdraw
during the intervention and 3 more before follow-up. One person still in the programme misses
the post-intervention assessment, and some blood pressure, weight and other readings are not
collected, each with a reason, so every part of the report has something to show.

Usage (from the repository root)::

    .venv/bin/python scripts/make_evaluation_example.py           # rewrites the committed files
    .venv/bin/python scripts/make_evaluation_example.py out.csv   # writes the example elsewhere

Without an argument it also rewrites the blank template (heading row only) in data/templates/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from coproduce.datapackage import data_dir
from coproduce.evaluation.schema import example_path, field_names, input_schema, template_path

SEED = 20251558
SITES = {"Synthetic site A": 17, "Synthetic site B": 16}
TIME_POINTS = ["baseline", "post-intervention", "follow-up"]
#: How many people withdraw before each time point (IMPACT Phase 4: 7, then 3 more).
WITHDRAW_BEFORE = {"post-intervention": 7, "follow-up": 3}
WITHDRAWAL_REASONS = [
    "Mental health",
    "Transferred to another hospital",
    "Discharged from hospital",
    "Chose to stop",
]
BACKGROUNDS = [
    "White",
    "Black African",
    "African-Caribbean",
    "South Asian",
    "Mixed or multiple",
    "Other",
]
BACKGROUND_SHARE = [0.55, 0.1, 0.12, 0.08, 0.1, 0.05]
#: Share of assessments at which a measure was not collected, and the reasons given.
NOT_COLLECTED = {
    "bp": (0.16, ["Declined", "Unwell on the day", "Equipment not available"]),
    "weight": (0.14, ["Declined to be weighed", "Unwell on the day", "Scales not available"]),
    "ipaq": (0.03, ["Did not want to answer"]),
    "swemwbs": (0.03, ["Did not want to answer"]),
    "confidence": (0.03, ["Did not want to answer"]),
    "social_contacts": (0.03, ["Did not want to answer"]),
}
#: How much each made-up person's measures drift at post-intervention and at follow-up.
IMPROVEMENT = {"post-intervention": 1.0, "follow-up": 0.8}


def _people(rng: np.random.Generator) -> pd.DataFrame:
    """One row per made-up person: code, site, background and when (if ever) they withdrew."""
    sites = [site for site, count in SITES.items() for _ in range(count)]
    total = len(sites)
    people = pd.DataFrame({"participant_id": [f"SYN-{n:02d}" for n in range(1, total + 1)]})
    people["site"] = sites
    background = rng.choice(BACKGROUNDS, size=total, p=BACKGROUND_SHARE).astype(object)
    background[rng.random(total) < 0.1] = ""
    people["family_background"] = background
    order = rng.permutation(total)
    people["withdraws_at"] = ""
    people["withdrawal_reason"] = ""
    start = 0
    for time_point, count in WITHDRAW_BEFORE.items():
        chosen = order[start : start + count]
        people.loc[chosen, "withdraws_at"] = time_point
        people.loc[chosen, "withdrawal_reason"] = rng.choice(WITHDRAWAL_REASONS, size=count)
        start += count
    people["misses_post"] = False
    people.loc[order[start], "misses_post"] = True
    return people


def _ipaq(rng: np.random.Generator, lift: float) -> dict[str, object]:
    """IPAQ short-form answers; ``lift`` > 0 makes the person more active."""
    answers: dict[str, object] = {}
    for activity, days_mean, minutes_mean in [
        ("vigorous", 0.6, 25),
        ("moderate", 1.5, 30),
        ("walking", 3.5, 30),
    ]:
        days = int(np.clip(rng.poisson(days_mean + 1.2 * lift), 0, 7))
        minutes = int(np.clip(rng.normal(minutes_mean + 12 * lift, 12), 10, 240)) if days else None
        answers[f"ipaq_{activity}_days"] = days
        answers[f"ipaq_{activity}_minutes"] = minutes
    sitting = int(np.clip(rng.normal(540 - 40 * lift, 90), 120, 900) // 10 * 10)
    answers["ipaq_sitting_minutes"] = sitting if rng.random() > 0.15 else None
    return answers


def _measures(rng: np.random.Generator, person: dict[str, float], lift: float) -> dict:
    """One assessment's measures for a made-up person with stable traits ``person``."""
    row: dict[str, object] = _ipaq(rng, lift)
    level = person["wellbeing"] + 0.35 * lift
    for item in range(1, 8):
        row[f"swemwbs_{item}"] = int(np.clip(np.rint(level + rng.normal(0, 0.7)), 1, 5))
    systolic = int(np.rint(person["systolic"] - 4 * lift + rng.normal(0, 6)))
    diastolic = int(np.rint(person["diastolic"] - 2 * lift + rng.normal(0, 4)))
    row["systolic_bp"] = systolic
    row["diastolic_bp"] = min(diastolic, systolic - 20)
    row["weight_kg"] = round(person["weight"] - 1.6 * lift + rng.normal(0, 1.0), 1)
    row["confidence"] = int(
        np.clip(np.rint(person["confidence"] + 1.8 * lift + rng.normal(0, 1)), 0, 10)
    )
    row["social_contacts"] = int(
        np.clip(np.rint(person["social"] + 1.2 * lift + rng.normal(0, 1)), 0, 7)
    )
    return row


MEASURE_COLUMNS = {
    "ipaq": [
        f"ipaq_{a}_{p}" for a in ("vigorous", "moderate", "walking") for p in ("days", "minutes")
    ]
    + ["ipaq_sitting_minutes"],
    "swemwbs": [f"swemwbs_{i}" for i in range(1, 8)],
    "bp": ["systolic_bp", "diastolic_bp"],
    "weight": ["weight_kg"],
    "confidence": ["confidence"],
    "social_contacts": ["social_contacts"],
}


def make_example(seed: int = SEED) -> pd.DataFrame:
    """Return the SYNTHETIC long-format table: one row per made-up person per time point."""
    rng = np.random.default_rng(seed)
    people = _people(rng)
    rows = []
    for person in people.to_dict("records"):
        traits = {
            "wellbeing": rng.normal(2.9, 0.5),
            "systolic": rng.normal(132, 13),
            "diastolic": rng.normal(84, 8),
            "weight": rng.normal(96, 17),
            "height": float(np.rint(rng.normal(171, 9))),
            "confidence": rng.normal(4, 1.5),
            "social": rng.normal(2.2, 1.2),
        }
        withdrawn = False
        height_recorded = False
        for time_point in TIME_POINTS:
            row: dict[str, object] = {
                "participant_id": person["participant_id"],
                "site": person["site"],
                "time_point": time_point,
                "family_background": person["family_background"],
            }
            if person["withdraws_at"] == time_point:
                row["status"] = "withdrawn"
                row["withdrawal_reason"] = person["withdrawal_reason"]
                withdrawn = True
            elif withdrawn:
                row["status"] = "withdrawn"
            elif time_point == "post-intervention" and person["misses_post"]:
                row["status"] = "missed"
            else:
                row["status"] = "assessed"
                row.update(_measures(rng, traits, IMPROVEMENT.get(time_point, 0.0)))
                for measure, (share, reasons) in NOT_COLLECTED.items():
                    if rng.random() < share:
                        for column in MEASURE_COLUMNS[measure]:
                            row[column] = None
                        row[f"{measure}_not_collected_reason"] = str(rng.choice(reasons))
                if row.get("weight_kg") is not None and not height_recorded:
                    row["height_cm"] = traits["height"]
                    height_recorded = True
            rows.append(row)
    frame = pd.DataFrame(rows).reindex(columns=field_names())
    types = {field["name"]: field["type"] for field in input_schema()["fields"]}
    for column in frame.columns:
        if types[column] == "integer" or column == "height_cm":
            frame[column] = frame[column].astype("Float64").astype("Int64")
        elif types[column] == "number":
            frame[column] = frame[column].astype("Float64")
        else:
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def write_csv(frame: pd.DataFrame, target: Path) -> None:
    """Write ``frame`` as UTF-8 CSV with Unix line endings."""
    text = frame.to_csv(index=False, lineterminator="\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def write(folder: Path) -> list[Path]:
    """Write the example and the blank template under ``folder`` (a data folder)."""
    target = folder / example_path().relative_to(data_dir())
    write_csv(make_example(), target)
    template = folder / template_path().relative_to(data_dir())
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(",".join(field_names()) + "\n", encoding="utf-8")
    return [target, template]


def main(argv: list[str]) -> None:
    """Write the example to argv[0], or to data/ together with the blank template."""
    if argv:
        example = make_example()
        write_csv(example, Path(argv[0]))
        people = example["participant_id"].nunique()
        print(f"Wrote {len(example)} SYNTHETIC rows ({people} people) to {argv[0]}")
        return
    for path in write(data_dir()):
        print(f"Wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
