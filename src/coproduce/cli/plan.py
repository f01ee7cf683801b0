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

    actors = rec.read_actors(args.input, sheet=args.sheet)
    return rec.TITLE, rec.report_sections(rec.load_recommendations(), actors)


def run(args: argparse.Namespace) -> int:
    """Write the recommendations report."""
    return run_tool(args, build)
