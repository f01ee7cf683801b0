"""What every ``coproduce`` command shares: its input, where it writes, and how it fails.

A tool's command module only says what is special about it (its arguments, which compute
function and which report it calls). This module gives each one the same behaviour:

- ``--out`` never overwrites an existing file unless ``--force`` is given, never overwrites
  the input file, and refuses to write a report to a name that says it is something else
  (an HTML report to ``report.csv``, say);
- a file with problems gets the list of every problem, each with its file, row, column and
  value, and exit code 2; never a Python traceback, and the file is never changed;
- ``--internal`` turns small-number protection off, and the output says so at the top.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

#: What each output kind may be called.
SUFFIXES = {
    "report": (".html", ".htm"),
    "table": (".csv", ".xlsx"),
    "folder": ("",),
}


class CommandError(Exception):
    """A problem with what the user asked for, said in plain words (exit code 2)."""


def add_input(parser: argparse.ArgumentParser, what: str, optional: bool = False) -> None:
    """The input file argument (CSV or .xlsx) and ``--sheet``."""
    parser.add_argument(
        "input",
        metavar="INPUT",
        type=Path,
        nargs="?" if optional else None,
        help=f"{what} (.csv, or .xlsx from a spreadsheet)"
        + ("; leave it out to use the SYNTHETIC example" if optional else ""),
    )
    parser.add_argument(
        "--sheet", help="for an .xlsx file: the sheet to read (default: the first sheet)"
    )


def add_output(parser: argparse.ArgumentParser, default: str, kind: str = "report") -> None:
    """``--out``, ``--force`` and (for reports) ``--table`` for the tables as .csv/.xlsx."""
    parser.add_argument(
        "--out", type=Path, default=Path(default), help=f"where to write (default: {default})"
    )
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists already")
    if kind == "report":
        parser.add_argument(
            "--tables",
            type=Path,
            metavar="TABLES.xlsx|TABLES.csv",
            help="also write the report's tables: one sheet each in an .xlsx file, or one CSV "
            "file each named after TABLES.csv",
        )


def add_mode(parser: argparse.ArgumentParser) -> None:
    """``--internal``: exact small numbers, for the team only."""
    parser.add_argument(
        "--internal",
        action="store_true",
        help="do NOT protect small numbers (for use inside the team only; the output says "
        "so at the top)",
    )


def mode_of(args: argparse.Namespace):  # noqa: ANN201 (Mode, imported late to keep start-up fast)
    """The disclosure mode the arguments ask for."""
    from coproduce.disclosure import Mode

    return Mode.INTERNAL if getattr(args, "internal", False) else Mode.SAFE


def check_output(
    target: Path, kind: str, force: bool = False, inputs: tuple[Path | None, ...] = ()
) -> Path:
    """``target`` if it may be written as ``kind``; otherwise :class:`CommandError`."""
    for source in inputs:
        if source is not None and source.exists() and target.exists():
            if target.resolve() == source.resolve():
                raise CommandError(
                    f"--out {target} is the input file; the input is never changed. Choose "
                    "another --out."
                )
    allowed = SUFFIXES[kind]
    suffix = target.suffix.lower()
    if kind != "folder" and suffix not in allowed:
        raise CommandError(
            f"{target} does not end in {' or '.join(allowed)}, so it would not open as a "
            f"{kind}; choose another --out (for example {target.with_suffix(allowed[0]).name})."
        )
    if kind != "folder" and target.exists() and not force:
        raise CommandError(
            f"{target} exists already. Choose another --out, or add --force to replace it."
        )
    if kind != "folder" and not target.parent.exists():
        raise CommandError(f"The folder {target.parent} does not exist; create it first.")
    return target


def run_safely(action: Callable[[], int]) -> int:
    """Run a command's work, turning the user's mistakes into messages and exit codes."""
    from coproduce.problems import DataValidationError

    try:
        return action()
    except CommandError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except DataValidationError as error:
        print(error.report(), file=sys.stderr)
        if getattr(error, "hint", None):
            print(f"\n{error.hint}", file=sys.stderr)
        print("\nNothing was written. Fix the file and run the command again.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        print(f"Could not read or write{where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
