"""The ``coproduce`` commands for the tools that do not need Jupyter, one module each.

Each module has ``HELP``, ``configure(parser)`` and ``run(args)``, calls the same functions as
its notebook, and writes one self-contained HTML report through
:func:`coproduce.present.report.render_report` (and, with ``--tables``, its tables as .xlsx or
.csv through :func:`coproduce.present.exports.write_tables`). Shared behaviour (input, output
names, errors) is in :mod:`coproduce.commands`.
"""
