"""``python -m coproduce evaluate INPUT.csv --out report.html``: the evaluation as a command.

It reads and checks the file, and either writes the HTML report (exit code 0) or prints every
problem found in the file (exit code 2), never a Python traceback. The file is only read. By
default the report is safe to share; ``--internal`` turns small-number suppression off for use
inside the team, and the report then says so at the top.
"""

from __future__ import annotations

import argparse

from coproduce.commands import (
    EXIT_OK,
    add_input,
    add_mode,
    add_output,
    check_output,
    mode_of,
    run_safely,
)

#: One line for ``python -m coproduce --help``.
HELP = "evaluate your own intervention: an IMPACT-style feasibility and outcomes report"

DESCRIPTION = """\
Read INPUT.csv (one row per person per time point; the columns are described in
data/datapackage.json, resource evaluation_example, and a blank template is in
data/templates/evaluation-template.csv), check it, and write a self-contained HTML report of
recruitment, retention, reasons for leaving, data completeness and change from baseline.
The report opens offline. By default it is safe to share: counts from 1 to 7 are shown as [c],
other counts are rounded to the nearest 5, and figures from fewer than 8 people are [c].
"""


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``evaluate`` arguments to ``parser``."""
    add_input(parser, "your evaluation file")
    add_output(parser, "evaluation-report.html")
    add_mode(parser)


def run(args: argparse.Namespace) -> int:
    """Evaluate ``args.input`` and write ``args.out``; return the exit code."""

    def work() -> int:
        from coproduce.evaluation.pipeline import evaluate
        from coproduce.evaluation.report import evaluation_tables, write_report
        from coproduce.evaluation.schema import template_path
        from coproduce.present.exports import write_tables
        from coproduce.problems import DataValidationError

        target = check_output(args.out, "report", args.force, (args.input,))
        if args.tables is not None:
            check_output(args.tables, "table", args.force, (args.input,))
        try:
            evaluation = evaluate(args.input, mode_of(args), sheet=args.sheet)
        except DataValidationError as error:
            if any(problem.row == 1 for problem in error.problems):
                error.hint = (
                    f"The blank template {template_path()} has every column the file needs, "
                    "in order; the data dictionary in data/datapackage.json (resource "
                    "evaluation_example) says what goes in each."
                )
            raise
        write_report(evaluation, target)
        print(f"Wrote {target}")
        if args.tables is not None:
            for path in write_tables(evaluation_tables(evaluation), args.tables):
                print(f"Wrote {path}")
        print(evaluation.note)
        return EXIT_OK

    return run_safely(work)
