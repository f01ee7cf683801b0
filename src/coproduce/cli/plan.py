"""``coproduce plan [ACTORS] --out plan.html``: the Healthy Lives recommendations, who acts.

The report lists every recommendation with who acts on it (the guide's reading, or the
team's own file of ``number,actor`` rows), and ``--tables plan.xlsx`` adds a blank action plan
to fill in, with formula cells neutralised.
"""

from __future__ import annotations

import argparse

from coproduce.cli._tool import Built, configure_tool, run_tool
from coproduce.disclosure import Mode, Release

HELP = "the Healthy Lives recommendations with who acts, and a blank action plan"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``plan`` arguments to ``parser``."""
    configure_tool(parser, "your team's reading of who acts (columns number, actor)", "plan.html")


def build(args: argparse.Namespace, mode: Mode, release: Release) -> Built:
    """The recommendations and a blank plan, from the same functions the notebook calls."""
    from coproduce import recommendations as rec
    from coproduce.present.report import Section

    recommendations = rec.load_recommendations()
    actors = rec.read_actors(args.input, sheet=args.sheet)
    listed = rec.with_actors(recommendations, actors)
    return "Healthy Lives recommendations: who acts, and your action plan", [
        Section(
            "Recommendations by area",
            [rec.describe_areas_chart(rec.counts_table(recommendations, actors))],
            [rec.areas_chart(recommendations, actors)],
            [("Recommendations by area and who acts", rec.counts_table(recommendations, actors))],
        ),
        Section("Every recommendation", [], [], [("Recommendations", listed)]),
        Section(
            "Action plan",
            ["Fill in one row for each recommendation your team takes on."],
            [],
            [("Action plan", rec.empty_action_plan())],
        ),
    ]


def run(args: argparse.Namespace) -> int:
    """Write the recommendations report."""
    return run_tool(args, build)
