"""``coproduce dashboard [INPUT] --out dashboard.html``: the service-user data dashboard."""

from __future__ import annotations

import argparse

from coproduce.cli._tool import Built, configure_tool, run_tool
from coproduce.disclosure import Mode, Release

HELP = "the service-user data dashboard: unit figures month by month beside all units"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``dashboard`` arguments to ``parser``."""
    configure_tool(parser, "monthly unit data, one row per unit per month", "dashboard.html")
    parser.add_argument("--period", choices=["month", "quarter"], default="month")


def build(args: argparse.Namespace, mode: Mode, release: Release) -> Built:
    """The dashboard's sections, from the same functions the notebook calls."""
    from coproduce import dashboard as dash
    from coproduce.toolinput import data_label

    monthly = dash.load_unit_monthly(args.input, args.sheet)
    return dash.TITLE, dash.report_sections(
        monthly, mode, release, data_label(args.input), args.period
    )


def run(args: argparse.Namespace) -> int:
    """Write the dashboard report."""
    return run_tool(args, build)
