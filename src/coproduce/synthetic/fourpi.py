"""Make the SYNTHETIC example answers for the 4Pi self-assessment notebook's team mode.

Nobody real answered these questions: every rating is drawn at random with a fixed seed, so
running this script again gives the same file byte for byte. The made-up team has 14 service
users, 5 carers and 12 staff. Staff are set to rate most standards higher than service users do,
so the example shows the kind of gap the notebook looks for; carers are fewer than 8 so the
example also shows small-number suppression.

Usage (from the repository root)::

    .venv/bin/python scripts/make_4pi_example.py            # rewrites the committed files
    .venv/bin/python scripts/make_4pi_example.py out.csv    # writes the example somewhere else

Without an argument it also rewrites the blank template (heading row only) in data/templates/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from coproduce.datapackage import data_dir, load_table

SEED = 20240404
EXAMPLE = "examples/4pi-responses-synthetic.csv"
TEMPLATE = "templates/4pi-responses-template.csv"

#: How many made-up people of each role answer.
TEAM = {"service user": 14, "carer": 5, "staff": 12}
#: Typical rating each role gives each standard, before person-to-person and item noise.
TYPICAL = {
    "service user": {
        "Principles": 3.2,
        "Purpose": 2.6,
        "Presence": 2.9,
        "Process": 3.3,
        "Impact": 2.3,
    },
    "carer": {"Principles": 3.0, "Purpose": 2.8, "Presence": 2.4, "Process": 3.0, "Impact": 2.6},
    "staff": {"Principles": 4.1, "Purpose": 3.9, "Presence": 3.5, "Process": 3.6, "Impact": 3.8},
}
#: Share of ratings left blank (a person skipped the statement).
SKIPPED = 0.04


def make_example(seed: int = SEED) -> pd.DataFrame:
    """Return the synthetic answers: one row per made-up person, one column per statement."""
    rng = np.random.default_rng(seed)
    statements = load_table("fourpi_statements")
    roles = [role for role, count in TEAM.items() for _ in range(count)]
    roles = [roles[i] for i in rng.permutation(len(roles))]
    rows = []
    for number, role in enumerate(roles, start=1):
        person = rng.normal(0, 0.4)
        row: dict[str, object] = {"respondent": f"R{number:02d}", "role": role}
        for item in statements.itertuples():
            value = TYPICAL[role][item.standard] + person + rng.normal(0, 0.7)
            rating = int(np.clip(np.rint(value), 1, 5))
            row[item.statement_id] = pd.NA if rng.random() < SKIPPED else rating
        rows.append(row)
    frame = pd.DataFrame(rows)
    for column in statements["statement_id"]:
        frame[column] = frame[column].astype("Int64")
    return frame


def write(folder: Path, target: Path | None = None) -> list[Path]:
    """Write the example (to ``target``, or under ``folder`` with the blank template)."""
    example = make_example()
    path = target or folder / EXAMPLE
    path.parent.mkdir(parents=True, exist_ok=True)
    example.to_csv(path, index=False, lineterminator="\n")
    if target is not None:
        return [path]
    template = folder / TEMPLATE
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(",".join(example.columns) + "\n", encoding="utf-8")
    return [path, template]


def main(argv: list[str]) -> None:
    """Write the example to argv[0], or to data/ together with the blank template."""
    for path in write(data_dir(), Path(argv[0]) if argv else None):
        print(f"Wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
