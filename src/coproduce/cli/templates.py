"""``coproduce templates --out FOLDER``: the blank templates, as CSV and as spreadsheets.

Made from ``data/datapackage.json``: a heading per column, drop-down lists for every column with
allowed values, number ranges as data validation, and an "About this form" sheet.
"""

from __future__ import annotations

import argparse

from coproduce.commands import EXIT_OK, CommandError, add_output, run_safely

HELP = "write the blank templates (CSV and .xlsx with drop-down lists) for every tool"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``templates`` arguments to ``parser``."""
    add_output(parser, "coproduce-templates", kind="folder")


def run(args: argparse.Namespace) -> int:
    """Write every template into ``args.out``."""

    def work() -> int:
        from coproduce.resources import user_resources

        names = [r.template.name for r in user_resources() if r.template is not None]
        names += [name.rsplit(".", 1)[0] + ".xlsx" for name in names]
        clashes = [args.out / name for name in names if (args.out / name).exists()]
        if clashes and not args.force:
            raise CommandError(
                f"{clashes[0]} exists already. Choose another --out folder, or add --force."
            )
        from coproduce.resources import write_templates

        for path in write_templates(args.out):
            print(f"Wrote {path}")
        return EXIT_OK

    return run_safely(work)
