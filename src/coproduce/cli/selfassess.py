"""``coproduce selfassess [INPUT] --out 4pi-team.html``: a team's 4Pi self-assessment."""

from __future__ import annotations

import argparse

from coproduce.cli._tool import Built, configure_tool, run_tool
from coproduce.disclosure import Mode, Release

HELP = "a team's 4Pi self-assessment: how each group rates the five standards"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``selfassess`` arguments to ``parser``."""
    configure_tool(parser, "the team's answers, one row per person", "4pi-team.html")


def build(args: argparse.Namespace, mode: Mode, release: Release) -> Built:
    """The team summary's sections, from the same functions the notebook calls."""
    from coproduce import selfassessment as sa

    responses = sa.read_responses(args.input, sheet=args.sheet)
    return sa.TITLE, sa.report_sections(
        responses, sa.load_statements(), sa.load_ladder(), mode, release
    )


def run(args: argparse.Namespace) -> int:
    """Write the team report."""
    return run_tool(args, build)
