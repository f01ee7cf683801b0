"""``coproduce examples``: write the SYNTHETIC examples and blank templates, from fixed seeds.

Useful to try every tool before using real data, and to check that the committed examples are
what the seeds make. Everything written is invented and labelled SYNTHETIC.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from coproduce.commands import EXIT_OK, CommandError, add_output, run_safely

HELP = "write the SYNTHETIC example files and blank templates (invented data, fixed seeds)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``examples`` arguments to ``parser``."""
    add_output(parser, "coproduce-examples", kind="folder")


def run(args: argparse.Namespace) -> int:
    """Write every example under ``args.out`` (a folder)."""

    def work() -> int:
        from coproduce.synthetic import write_examples

        with tempfile.TemporaryDirectory() as scratch:
            planned = [p.relative_to(scratch) for p in write_examples(Path(scratch))]
        clashes = [args.out / p for p in planned if (args.out / p).exists()]
        if clashes and not args.force:
            raise CommandError(
                f"{clashes[0]} exists already ({len(clashes)} files would be replaced). "
                "Choose another --out folder, or add --force to replace them."
            )
        for path in write_examples(args.out):
            print(f"Wrote {path}")
        print("These files are SYNTHETIC: invented data that describes no real person.")
        return EXIT_OK

    return run_safely(work)
