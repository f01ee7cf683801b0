"""``python -m coproduce evaluate INPUT --out report.html``: the evaluation as a command.

INPUT is a CSV file or an ``.xlsx`` workbook (the first sheet, or the one named by ``--sheet``).

It reads and checks the file, and either writes the HTML report (exit code 0) or prints every
problem found in the file (exit code 2), never a Python traceback. The file is only read. By
default the report is safe to share; ``--internal`` turns small-number suppression off for use
inside the team, and the report then says so at the top.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: One line for ``python -m coproduce --help``.
HELP = "evaluate your own intervention: an IMPACT-style feasibility and outcomes report"

DESCRIPTION = """\
Read INPUT, a CSV file or an Excel .xlsx workbook (one row per person per time point; the
columns are described in data/datapackage.json, resource evaluation_example, and blank
templates are data/templates/evaluation-template.csv and .xlsx), check it, and write a
self-contained HTML report of recruitment, retention, reasons for leaving, data completeness
and change from baseline. The report opens offline. By default it is safe to share: counts
from 1 to 7 are shown as [c], other counts are rounded to the nearest 5, and figures from
fewer than 8 people are [c].
"""

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``evaluate`` arguments to ``parser``."""
    parser.add_argument(
        "input", metavar="INPUT", type=Path, help="your evaluation file (.csv or .xlsx)"
    )
    parser.add_argument(
        "--sheet", help="the sheet to read from an .xlsx workbook (default: the first sheet)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("evaluation-report.html"),
        help="where to write the HTML report (default: evaluation-report.html)",
    )
    parser.add_argument(
        "--internal",
        action="store_true",
        help="do NOT suppress or round small numbers (for use inside the team only; the "
        "report says so at the top)",
    )


def run(args: argparse.Namespace) -> int:
    """Evaluate ``args.input`` and write ``args.out``; return the exit code."""
    from coproduce.disclosure import Mode
    from coproduce.evaluation.pipeline import evaluate
    from coproduce.evaluation.report import write_report
    from coproduce.evaluation.schema import template_path
    from coproduce.problems import DataValidationError

    source, target = args.input, args.out
    if source.exists() and target.exists() and target.resolve() == source.resolve():
        print(
            f"The report would overwrite the input file {source}; choose another --out.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    mode = Mode.INTERNAL if args.internal else Mode.SAFE
    try:
        evaluation = evaluate(source, mode, sheet=args.sheet)
    except DataValidationError as error:
        print(error.report(), file=sys.stderr)
        if any(problem.row == 1 for problem in error.problems):
            print(
                f"\nThe blank templates {template_path()} and "
                f"{template_path().with_suffix('.xlsx').name} have every column the file "
                "needs, in order; the data dictionary in data/datapackage.json (resource "
                "evaluation_example) says what goes in each.",
                file=sys.stderr,
            )
        print("\nNothing was written. Fix the file and run the command again.", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        write_report(evaluation, target)
    except OSError as error:
        print(f"Could not write the report to {target}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Wrote {target}")
    print(evaluation.note)
    return EXIT_OK
