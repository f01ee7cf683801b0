"""Command line: ``python -m coproduce <command> ...``.

Each command lives in its own module, named in :data:`COMMANDS`. A command module provides
``HELP`` (one line), optionally ``DESCRIPTION``, ``configure(parser)`` to add its arguments and
``run(args) -> int`` returning the exit code. Adding a command is one line here; modules are
imported only to build the parser, and heavy imports belong inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: Command name -> module implementing it.
COMMANDS: dict[str, str] = {
    "evaluate": "coproduce.evaluation.cli",
    "dashboard": "coproduce.cli.dashboard",
    "engagement": "coproduce.cli.engagement",
    "environment": "coproduce.cli.environment",
    "selfassess": "coproduce.cli.selfassess",
    "plan": "coproduce.cli.plan",
    "templates": "coproduce.cli.templates",
    "examples": "coproduce.synthetic.cli",
    "review": "coproduce.review",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per entry in :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="coproduce",
        description="Tools from the guide to co-producing physical-health services.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        command = commands.add_parser(
            name,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.configure(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default: the command line), run the command, return its exit code."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
