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
    from coproduce.present.report import Section

    statements, ladder = sa.load_statements(), sa.load_ladder()
    responses = sa.read_responses(args.input, sheet=args.sheet)
    team = sa.team_scores(sa.person_scores(responses, statements))
    summary = sa.safe_team_summary(team, mode, release)
    return "4Pi team self-assessment", [
        Section(
            "Who answered",
            [],
            [],
            [("People who answered, by role", sa.respondent_counts(responses, mode, release))],
        ),
        Section(
            "Scores by standard",
            [],
            [
                sa.radar_chart(sa.team_profiles(summary), "How each group rates the 4Pi standards"),
                sa.gap_chart(summary, mode),
            ],
            [("Average score by standard and group", sa.readable_summary(summary))],
        ),
        Section(
            "Where the team sits on the ladder",
            [],
            [],
            [("Place on the ladder of co-production", sa.team_ladder(team, ladder, mode))],
        ),
    ]


def run(args: argparse.Namespace) -> int:
    """Write the team report."""
    return run_tool(args, build)
