"""Time "Evaluate your own intervention" on a million-row file, beside a plain pandas read.

A script, not a test. It makes (or reuses) a valid 1,000,000-row evaluation file in /tmp, then
times, each in a fresh Python process so one does not warm up the other:

1. ``pandas.read_csv`` reading the file and nothing else (the yardstick);
2. the whole evaluation: reading and checking the file, scoring every measure, and every table
   (funnel, withdrawal reasons, completeness, reasons not collected, change from baseline,
   categories) in safe mode;
3. writing the HTML report from that evaluation.

It prints each time, the evaluation's time as a multiple of the plain read, and each process's
peak memory (maximum resident set size, from ``resource.getrusage``). The target is an
evaluation in at most 3 times the plain read.

Usage (from the repository root)::

    .venv/bin/python benchmarks/evaluation_benchmark.py            # 1,000,000 rows
    .venv/bin/python benchmarks/evaluation_benchmark.py --rows 300000
"""

from __future__ import annotations

import argparse
import json
import resource
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


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase(name: str, path: Path, repeat: int) -> dict[str, float]:
    """Run one measured phase ``repeat`` times in this process; best wall and CPU seconds.

    CPU time (``time.process_time``) is reported beside wall-clock time because it is far less
    disturbed by other programs running on the same machine.
    """
    from coproduce.evaluation import evaluate
    from coproduce.evaluation.report import write_report

    best_wall = best_cpu = float("inf")
    evaluation = evaluate(path, mode="safe") if name == "report" else None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        if name == "read":
            assert len(pd.read_csv(path))
        elif name == "evaluate":
            assert len(evaluate(path, mode="safe").funnel)
        elif name == "report":
            with tempfile.TemporaryDirectory() as folder:
                write_report(evaluation, Path(folder) / "report.html")
        else:
            raise ValueError(name)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return {"seconds": best_wall, "cpu_seconds": best_cpu, "peak_mb": _peak_mb()}


def run_phase(name: str, path: Path, repeat: int) -> dict[str, float]:
    """Run ``phase`` in a fresh Python process so timings and peak memory are independent."""
    output = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--file", str(path), "--repeat", str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    """Make or reuse the big file, time each phase and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per phase; best is kept")
    parser.add_argument("--phase", choices=["read", "evaluate", "report"])
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.file, args.repeat)))
        return

    path = Path(tempfile.gettempdir()) / f"coproduce-evaluation-{args.rows}-v{LAYOUT_VERSION}.csv"
    if path.exists():
        print(f"Reusing {path}")
    else:
        print(f"Making {path} ({args.rows:,} rows)...")
        start = time.perf_counter()
        make_big_file(args.rows, path)
        print(f"  made in {time.perf_counter() - start:.1f} s")
    size_mb = path.stat().st_size / 1e6
    print(f"File: {args.rows:,} rows, {size_mb:.0f} MB; best of {args.repeat} runs per phase")

    read = run_phase("read", path, args.repeat)
    evaluation = run_phase("evaluate", path, args.repeat)
    report = run_phase("report", path, args.repeat)
    print(f"{'':28s}{'wall':>9s}{'CPU':>9s}{'peak memory':>14s}")
    for label, result in [
        ("pandas.read_csv only", read),
        ("whole evaluation", evaluation),
        ("writing the HTML report", report),
    ]:
        print(
            f"{label:28s}{result['seconds']:8.2f}s{result['cpu_seconds']:8.2f}s"
            f"{result['peak_mb']:11.0f} MB"
        )
    wall_ratio = evaluation["seconds"] / read["seconds"]
    cpu_ratio = evaluation["cpu_seconds"] / read["cpu_seconds"]
    print(
        f"Evaluation / read: {wall_ratio:.2f} x (wall clock), {cpu_ratio:.2f} x (CPU); "
        "target: at most 3 x."
    )
    print("(The report's peak memory includes evaluating the file first.)")


if __name__ == "__main__":
    main()
