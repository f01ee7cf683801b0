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
    from coproduce.present.report import Section
    from coproduce.toolinput import data_label

    events = eng.load_events(args.input, args.sheet)
    label = data_label(args.input)
    by_month = eng.participation_by_month(events, mode, release)
    before, after = eng.choose_periods(events, args.split_date)
    comparison = eng.compare_periods(events, before, after, "attendance", mode)
    share = eng.pathway_share(events, "attendance", mode=mode)
    scores = eng.engagement_scores(eng.unit_components(events, mode), eng.DEFAULT_WEIGHTS)
    by_unit = eng.participation_by_unit(events, mode, release).reset_index()
    return "Engagement tracker", [
        Section(
            "Participation over time",
            [comparison.sentence()],
            [eng.participation_chart(by_month, label)],
            [
                (
                    "Events and times service users took part, by month",
                    by_month.drop(columns="attendance").rename(
                        columns={"events": "Events", "attendance_shown": "Times taking part"}
                    ),
                ),
                ("Times service users took part, by unit and quarter", by_unit),
            ],
        ),
        Section(
            "Share by pathway",
            [eng.share_sentence(share, "attendance")],
            [],
            [("Share of participation by pathway", share)],
        ),
        Section(
            "Engagement scores",
            [eng.ranking_sentence(scores)],
            [eng.ranking_chart(scores, label)],
            [("Engagement scores by unit", eng.scores_for_display(scores))],
        ),
    ]


def run(args: argparse.Namespace) -> int:
    """Write the engagement report."""
    return run_tool(args, build)
