"""Time "Evaluate your own intervention" on a million-row file, beside a plain pandas read.

A script, not a test. It makes (or reuses) a VALID SYNTHETIC 1,000,000-row evaluation file in
/tmp, and the same rows saved the ways spreadsheets and exports save them:

- ``canonical``: as pandas writes it;
- ``2.0 integers``: every whole number written as ``2.0``;
- ``quoted text``: every value in double quotes;
- ``CRLF``: Windows line ends;
- ``reordered``: the columns in reverse order;
- ``xlsx``: an Excel workbook, at a smaller size (``--xlsx-rows``, default 50,000), because
  writing and reading a million-row workbook takes minutes in any Python library.

For each file, each run in a fresh Python process (so one run does not warm up the next, and
each process's peak memory is one run's, as when a user runs the command once), it times

1. pandas reading the file and nothing else (``pandas.read_csv``, or ``pandas.read_excel``
   for the workbook): the yardstick;
2. the whole evaluation command, ``python -m coproduce evaluate FILE --out report.html``, run
   in-process: reading and checking the file, scoring, every table and the HTML report. As
   pandas is imported before the read is timed, the modules the command uses are imported
   before it is timed; their memory still counts in its peak.

The read and the command take turns, five times each by default (``--repeat``). It prints
the best time of each, the command's time as a multiple of the read beside it (the median over
the five pairs, in wall-clock and in CPU time), each process's peak memory (maximum resident
set size, from ``resource.getrusage``) and the command's peak memory as a multiple of the
file's size, and writes them to ``benchmarks/results/evaluation.json``.
The aim: the command in at most 3 times the read for every valid variant, in at most 4 times
the file's size of memory.

Usage (from the repository root)::

    .venv/bin/python benchmarks/evaluation_benchmark.py            # 1,000,000 rows
    .venv/bin/python benchmarks/evaluation_benchmark.py --rows 300000 --variants canonical CRLF
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 7
#: Bump when the generated file's layout changes, so an old file in /tmp is not reused.
LAYOUT_VERSION = 2
#: The ways of saving the same rows, each a function of (canonical text frame, target path).
#: Where a full run (every variant, 1,000,000 rows) writes its figures.
RESULTS = Path(__file__).resolve().parent / "results" / "evaluation.json"
VARIANTS = ("canonical", "2.0 integers", "quoted text", "CRLF", "reordered", "xlsx")


def make_big_file(rows: int, target: Path) -> None:
    """Write a VALID SYNTHETIC evaluation file of about ``rows`` rows (vectorised, seeded)."""
    from coproduce.evaluation.schema import field_names

    rng = np.random.default_rng(SEED)
    people = -(-rows // 3)
    pid = np.repeat(np.char.add("P", np.char.zfill(np.arange(people).astype(str), 7)), 3)
    time_index = np.tile(np.arange(3), people)
    site = np.repeat(np.char.add("Site ", (rng.integers(0, 20, people)).astype(str)), 3)
    # When each person withdraws: 10% before post-intervention, 5% before follow-up.
    draw = rng.random(people)
    withdraws_at = np.where(draw < 0.10, 1, np.where(draw < 0.15, 2, 9))
    # The file stops after ``rows`` rows; the last person has 1 to 3 of them. With fewer than 3,
    # they withdraw at their last row (later rows may be left out after a withdrawal).
    remainder = rows - (people - 1) * 3
    if remainder < 3:
        withdraws_at[-1] = remainder - 1
    at = np.repeat(withdraws_at, 3)
    status = np.where(time_index >= at, "withdrawn", "assessed").astype(object)
    missed = (status == "assessed") & (time_index == 1) & (rng.random(people * 3) < 0.02)
    status[missed] = "missed"
    reasons = np.array(["Mental health", "Transferred", "Discharged", "Chose to stop"])
    withdrawal_reason = np.where(
        time_index == at, reasons[rng.integers(0, 4, people * 3)], ""
    ).astype(object)
    n = people * 3
    assessed = status == "assessed"
    backgrounds = np.array(["White", "Black African", "South Asian", "Chinese", "Other", ""])
    frame = pd.DataFrame(
        {
            "participant_id": pid,
            "site": site,
            "time_point": np.array(["baseline", "post-intervention", "follow-up"])[time_index],
            "status": status,
            "withdrawal_reason": withdrawal_reason,
            "family_background": np.repeat(backgrounds[rng.integers(0, 6, people)], 3),
        }
    )

    def measured(values: np.ndarray, keep: np.ndarray) -> pd.Series:
        return pd.Series(values).where(keep).astype("Float64").round().astype("Int64")

    for activity in ("vigorous", "moderate", "walking"):
        days = rng.integers(0, 8, n)
        frame[f"ipaq_{activity}_days"] = measured(days, assessed)
        frame[f"ipaq_{activity}_minutes"] = measured(
            rng.integers(10, 241, n), assessed & (days > 0)
        )
    frame["ipaq_sitting_minutes"] = measured(rng.integers(60, 900, n), assessed)
    frame["ipaq_not_collected_reason"] = ""
    for item in range(1, 8):
        frame[f"swemwbs_{item}"] = measured(rng.integers(1, 6, n), assessed)
    frame["swemwbs_not_collected_reason"] = ""
    bp_missing = assessed & (rng.random(n) < 0.10)
    systolic = rng.integers(100, 190, n)
    frame["systolic_bp"] = measured(systolic, assessed & ~bp_missing)
    frame["diastolic_bp"] = measured(systolic - rng.integers(25, 60, n), assessed & ~bp_missing)
    frame["bp_not_collected_reason"] = np.where(bp_missing, "Declined", "")
    weight_missing = assessed & (rng.random(n) < 0.08)
    frame["weight_kg"] = (
        pd.Series(rng.normal(90, 18, n).clip(40, 200).round(1))
        .where(assessed & ~weight_missing)
        .astype("Float64")
    )
    frame["height_cm"] = measured(rng.integers(150, 196, n), assessed & (time_index == 0))
    frame["weight_not_collected_reason"] = np.where(weight_missing, "Unwell on the day", "")
    frame["confidence"] = measured(rng.integers(0, 11, n), assessed)
    frame["confidence_not_collected_reason"] = ""
    frame["social_contacts"] = measured(rng.integers(0, 8, n), assessed)
    frame["social_contacts_not_collected_reason"] = ""
    frame = frame[field_names()].iloc[:rows]
    target.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(target, index=False, lineterminator="\n")


def make_variant(variant: str, canonical: Path, target: Path, xlsx_rows: int) -> None:
    """Save the rows of ``canonical`` the way ``variant`` says (see the module docstring)."""
    import csv

    from coproduce.evaluation.schema import input_schema

    text = pd.read_csv(canonical, dtype=str, keep_default_na=False)
    if variant == "2.0 integers":
        for spec in input_schema()["fields"]:
            if spec["type"] == "integer":
                column = text[spec["name"]]
                text[spec["name"]] = column.where(column == "", column + ".0")
        text.to_csv(target, index=False, lineterminator="\n")
    elif variant == "quoted text":
        text.to_csv(target, index=False, lineterminator="\n", quoting=csv.QUOTE_ALL)
    elif variant == "CRLF":
        text.to_csv(target, index=False, lineterminator="\r\n")
    elif variant == "reordered":
        text[text.columns[::-1]].to_csv(target, index=False, lineterminator="\n")
    elif variant == "xlsx":
        from openpyxl import Workbook

        # Whole people only (three rows each), so the smaller file is valid too.
        rows = xlsx_rows // 3 * 3
        typed = pd.read_csv(canonical, nrows=rows, keep_default_na=False, na_values=[""])
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Data")
        sheet.append(list(typed.columns))
        for row in typed.astype(object).where(typed.notna(), None).itertuples(index=False):
            sheet.append(list(row))
        book.save(target)
    else:
        raise ValueError(variant)


def variant_path(variant: str, rows: int, xlsx_rows: int) -> Path:
    """Where the file for ``variant`` is kept in the temporary folder."""
    slug = variant.replace(" ", "-").replace(".", "")
    size = xlsx_rows if variant == "xlsx" else rows
    suffix = ".xlsx" if variant == "xlsx" else ".csv"
    name = f"coproduce-evaluation-{size}-v{LAYOUT_VERSION}-{slug}{suffix}"
    return Path(tempfile.gettempdir()) / name


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase(name: str, path: Path) -> dict[str, float]:
    """Run one measured phase once in this process: wall and CPU seconds, and peak memory.

    CPU time (``time.process_time``) is reported beside wall-clock time because it is far less
    disturbed by other programs running on the same machine.
    """
    from coproduce.__main__ import main as command

    if name == "command":
        # What the command imports as it starts; pandas is likewise imported before the read.
        import coproduce.evaluation.pipeline  # noqa: F401
        import coproduce.evaluation.report  # noqa: F401
        import coproduce.present.exports  # noqa: F401
    with tempfile.TemporaryDirectory() as folder:
        wall, cpu = time.perf_counter(), time.process_time()
        if name == "read" and path.suffix == ".xlsx":
            assert len(pd.read_excel(path, engine="openpyxl"))
        elif name == "read":
            assert len(pd.read_csv(path))
        elif name == "command":
            out = Path(folder) / "report.html"
            assert command(["evaluate", str(path), "--out", str(out)]) == 0
        else:
            raise ValueError(name)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"seconds": wall, "cpu_seconds": cpu, "peak_mb": _peak_mb()}


def run_once(name: str, path: Path) -> dict[str, float]:
    """Run ``phase`` once in a fresh Python process."""
    output = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--file", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_pairs(path: Path, repeat: int) -> tuple[dict, dict, dict[str, float]]:
    """Time the read and the command ``repeat`` times each, taking turns.

    Taking turns means a slow spell on the machine (another program, a busy disk) slows a read
    and the command next to it alike, rather than all the reads or all the commands. Returned:
    the read's and the command's best times and top peak, and the median over the pairs of the
    command's time as a multiple of the read beside it (wall and CPU), which is the figure the
    aim is judged by: a best time on its own rewards whichever side had the luckiest run.
    """
    pairs = [(run_once("read", path), run_once("command", path)) for _ in range(repeat)]

    def best(runs: list[dict[str, float]]) -> dict[str, float]:
        return {
            "seconds": min(run["seconds"] for run in runs),
            "cpu_seconds": min(run["cpu_seconds"] for run in runs),
            "peak_mb": max(run["peak_mb"] for run in runs),
        }

    ratios = {
        "wall": statistics.median(c["seconds"] / r["seconds"] for r, c in pairs),
        "cpu": statistics.median(c["cpu_seconds"] / r["cpu_seconds"] for r, c in pairs),
    }
    return best([r for r, _ in pairs]), best([c for _, c in pairs]), ratios


def main() -> None:
    """Make or reuse the files, time each phase on each and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5, help="pairs of runs (read, command)")
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--phase", choices=["read", "command", "make"])
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    canonical = variant_path("canonical", args.rows, args.xlsx_rows)
    if args.phase == "make":
        # In its own process: Linux keeps a process's peak memory across exec, so files made
        # in this (parent) process would count in every measured child's peak.
        if args.file == canonical:
            make_big_file(args.rows, canonical)
        else:
            make_variant(args.variants[0], canonical, args.file, args.xlsx_rows)
        return
    if args.phase:
        print(json.dumps(phase(args.phase, args.file)))
        return

    def make(variant: str, path: Path) -> None:
        print(f"Making {path}...")
        options = ["--rows", str(args.rows), "--xlsx-rows", str(args.xlsx_rows)]
        options += ["--variants", variant, "--phase", "make", "--file", str(path)]
        subprocess.run([sys.executable, __file__, *options], check=True)

    if not canonical.exists():
        make("canonical", canonical)
    print(
        f"{args.rows:,} rows ({args.xlsx_rows:,} for xlsx); {args.repeat} runs of each, taking "
        "turns: best times, and the median of each command over the read beside it"
    )
    results: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d"),
        "rows": args.rows,
        "xlsx_rows": args.xlsx_rows,
        "runs_each": args.repeat,
        "ratios": "median over pairs of runs (read, then command) of command / read",
        "cores": os.cpu_count(),
        "aim": "command at most 3 x the read; peak memory at most 4 x the file",
        "variants": {},
    }
    print(
        f"{'file':14s}{'MB':>6s}{'read wall':>11s}{'CPU':>7s}{'command wall':>14s}{'CPU':>7s}"
        f"{'x read':>8s}{'x CPU':>7s}{'read peak':>11s}{'command peak':>14s}{'x file':>8s}"
    )
    for variant in args.variants:
        path = variant_path(variant, args.rows, args.xlsx_rows)
        if not path.exists():
            make(variant, path)
        size_mb = path.stat().st_size / 1e6
        read, command, ratio = run_pairs(path, args.repeat)
        print(
            f"{variant:14s}{size_mb:6.0f}{read['seconds']:10.2f}s{read['cpu_seconds']:6.2f}s"
            f"{command['seconds']:13.2f}s{command['cpu_seconds']:6.2f}s"
            f"{ratio['wall']:8.2f}{ratio['cpu']:7.2f}"
            f"{read['peak_mb']:8.0f} MB{command['peak_mb']:11.0f} MB"
            f"{command['peak_mb'] / size_mb:8.1f}"
        )
        results["variants"][variant] = {  # type: ignore[index]
            "file_mb": round(size_mb, 1),
            "read": {k: round(v, 2) for k, v in read.items()},
            "command": {k: round(v, 2) for k, v in command.items()},
            "times_read_wall": round(ratio["wall"], 2),
            "times_read_cpu": round(ratio["cpu"], 2),
            "best_times_read_wall": round(command["seconds"] / read["seconds"], 2),
            "peak_times_file": round(command["peak_mb"] / size_mb, 2),
        }
    if args.rows == 1_000_000 and set(args.variants) == set(VARIANTS):
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"Wrote {RESULTS}")
    print("Aim: the command in at most 3 x the read; peak memory at most 4 x the file.")


if __name__ == "__main__":
    main()
