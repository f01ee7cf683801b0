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
    from coproduce.disclosure import FREE_TEXT_NOTE, is_safe
    from coproduce.present.report import Section
    from coproduce.toolinput import data_label

    if args.actions < 1:
        raise CommandError(f"--actions must be a whole number of 1 or more (got {args.actions}).")
    assessment = env.load_assessment(args.input, args.sheet)
    label = data_label(args.input)
    areas = env.area_summary(assessment, mode, release)
    roles = env.role_summary(assessment, mode, release)
    sections = [
        Section(
            "Who took part",
            [env.overview(assessment, mode)],
            [],
            [("Assessors by role", env.role_counts(assessment, mode))],
        ),
        Section(
            "Ratings by area",
            [env.area_sentence(areas)],
            [env.area_chart(areas, label)],
            [("Ratings by area", areas.reset_index())],
        ),
        Section(
            "Ratings by who rated",
            [env.role_sentence(roles)],
            [env.role_chart(roles, label)],
            [("Ratings by role", roles.reset_index())],
        ),
        Section(
            "Questions to act on first",
            [],
            [],
            [("Lowest-rated questions", env.action_list(assessment, args.actions, mode))],
        ),
    ]
    if is_safe(mode):
        sections.append(Section("Comments", [FREE_TEXT_NOTE]))
    else:
        review = env.comments_for_review(assessment)
        sections.append(
            Section("Comments", [review.attrs.get("note", "")], [], [("Comments", review)])
        )
    return "Patient-led environmental assessment", sections


def run(args: argparse.Namespace) -> int:
    """Write the assessment report."""
    return run_tool(args, build)
