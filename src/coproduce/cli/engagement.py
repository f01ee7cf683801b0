"""``coproduce engagement [INPUT] --out engagement.html``: the engagement tracker."""

from __future__ import annotations

import argparse

from coproduce.cli._tool import Built, configure_tool, run_tool
from coproduce.disclosure import Mode, Release

HELP = "the engagement tracker: who took part in involvement events, and how often"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``engagement`` arguments to ``parser``."""
    configure_tool(
        parser, "a log of involvement events, one row per unit per event", "engagement.html"
    )
    parser.add_argument(
        "--split-date", help="compare before and after this day (YYYY-MM-DD); default: halves"
    )


def build(args: argparse.Namespace, mode: Mode, release: Release) -> Built:
    """The tracker's sections, from the same functions the notebook calls."""
    from coproduce import engagement as eng
    from coproduce.toolinput import data_label

    events = eng.load_events(args.input, args.sheet)
    return eng.TITLE, eng.report_sections(
        events, mode, release, data_label(args.input), args.split_date
    )


def run(args: argparse.Namespace) -> int:
    """Write the engagement report."""
    return run_tool(args, build)
