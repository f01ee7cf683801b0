"""The steps every tool command takes: check names, compute sections, write the outputs."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from coproduce.commands import (
    EXIT_OK,
    add_input,
    add_mode,
    add_output,
    check_output,
    mode_of,
    run_safely,
)
from coproduce.disclosure import Mode, Release
from coproduce.present.report import Section, render_report, write_report

#: What a tool's ``build`` returns: report title, sections, and the tables to export.
Built = tuple[str, list[Section]]


def configure_tool(parser: argparse.ArgumentParser, what: str, default_out: str) -> None:
    """The arguments every tool command takes."""
    add_input(parser, what, optional=True)
    add_output(parser, default_out)
    add_mode(parser)


def run_tool(
    args: argparse.Namespace, build: Callable[[argparse.Namespace, Mode, Release], Built]
) -> int:
    """Check the output names, build the report in the chosen mode and write it (and tables)."""

    def work() -> int:
        from coproduce.present.exports import write_tables
        from coproduce.toolinput import data_label

        target = check_output(args.out, "report", args.force, (args.input,))
        if args.tables is not None:
            check_output(args.tables, "table", args.force, (args.input,))
        mode = mode_of(args)
        release = Release(mode)
        title, sections = build(args, mode, release)
        html = render_report(
            title, sections, mode, data_label(args.input), args.input is None, release
        )
        write_report(html, target)
        print(f"Wrote {target}")
        if args.tables is not None:
            tables = {caption: frame for s in sections for caption, frame in s.tables}
            if release.hidden:
                tables["What was hidden"] = release.summary()
            for path in write_tables(tables, args.tables):
                print(f"Wrote {path}")
        print(f"Mode: {mode.value}.")
        return EXIT_OK

    return run_safely(work)
