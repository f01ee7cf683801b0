"""``coproduce environment [INPUT] --out environment.html``: patient-led environment assessment."""

from __future__ import annotations

import argparse

from coproduce.cli._tool import Built, configure_tool, run_tool
from coproduce.disclosure import Mode, Release

HELP = "the patient-led environmental assessment: ratings by area and by who rated"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``environment`` arguments to ``parser``."""
    configure_tool(
        parser, "a completed assessment, one row per assessor per question", "environment.html"
    )
    parser.add_argument(
        "--actions", type=int, default=5, help="how many lowest-rated questions to list"
    )


def build(args: argparse.Namespace, mode: Mode, release: Release) -> Built:
    """The assessment's sections, from the same functions the notebook calls."""
    from coproduce import environment as env
    from coproduce.commands import CommandError
    from coproduce.toolinput import data_label

    if args.actions < 1:
        raise CommandError(f"--actions must be a whole number of 1 or more (got {args.actions}).")
    assessment = env.load_assessment(args.input, args.sheet)
    return env.TITLE, env.report_sections(
        assessment, mode, release, data_label(args.input), args.actions
    )


def run(args: argparse.Namespace) -> int:
    """Write the assessment report."""
    return run_tool(args, build)
