"""``python -m coproduce review``: list the chapters whose review date has passed.

A report for the editors, not a check that fails: it prints every chapter past its
"next review due" date (from the chapter's front matter) and exits 0. Run it from the
repository, or give ``--root``; ``--today`` sets the date to compare with.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from coproduce.edition import format_date, overdue_chapters

HELP = "list the chapters whose review date has passed"
DESCRIPTION = __doc__


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``_toc.yml``."""
    for folder in (start, *start.parents):
        if (folder / "_toc.yml").is_file():
            return folder
    raise FileNotFoundError(f"No _toc.yml in {start} or any folder above it; use --root.")


def report(root: Path, today: dt.date) -> str:
    """The report as text: one line per overdue chapter, or a line saying none is."""
    overdue = overdue_chapters(root, today)
    if not overdue:
        return f"No chapter is past its review date on {format_date(today)}."
    lines = [f"{len(overdue)} chapter(s) past their review date on {format_date(today)}:"]
    for dates in overdue:
        days = (today - dates.next_review_due).days
        lines.append(
            f"- {dates.path.relative_to(root)}: {dates.title} (last reviewed "
            f"{format_date(dates.last_reviewed)}; review was due "
            f"{format_date(dates.next_review_due)}, {days} day(s) ago)"
        )
    return "\n".join(lines)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments."""
    parser.add_argument("--root", type=Path, help="the guide's folder (default: found from here)")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="compare with this date, YYYY-MM-DD (default: today)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the report; always succeeds when the chapters' dates can be read."""
    root = args.root or find_root(Path.cwd())
    print(report(root, args.today or dt.date.today()))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``python -m coproduce.review``."""
    parser = argparse.ArgumentParser(prog="python -m coproduce.review", description=HELP)
    configure(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
