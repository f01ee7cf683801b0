"""Read a tool's input: the guide's SYNTHETIC example, or the user's own CSV, checked the same way.

The secure-care tools (:mod:`coproduce.dashboard`, :mod:`coproduce.engagement`,
:mod:`coproduce.environment`) each read one kind of file. Its columns are described once, as a
resource in ``data/datapackage.json`` whose ``path`` is the SYNTHETIC example file. Reading the
schema from there means the documentation, the example and the checks on a user's own file can
never drift apart.

The schema, example and template of each resource are described once, in
:mod:`coproduce.resources`, and a user's file (CSV or ``.xlsx``) goes through the one reader,
:func:`coproduce.reader.read_table`, which lists every problem (file, row, column, value, what
was expected) and never changes the file. The names here are kept for the tools and notebooks
that use them; the module also checks the notebooks' ``disclosure_mode`` parameter, stopping
with a plain message instead of a traceback.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from coproduce import resources
from coproduce.datapackage import data_dir
from coproduce.disclosure import Mode
from coproduce.problems import DataProblem, DataValidationError
from coproduce.reader import ExtraCheck

#: What a chart or table made from the guide's example file says about its data.
SYNTHETIC_LABEL = "SYNTHETIC example data"

__all__ = ["ExtraCheck", "data_dir", "read_tool_csv"]


def resource_schema(resource: str) -> dict[str, Any]:
    """The table schema of ``resource`` in ``data/datapackage.json``, as a dictionary."""
    return copy.deepcopy(resources.resource(resource).schema)


def example_path(resource: str) -> Path:
    """Where the SYNTHETIC example file of ``resource`` is (its ``path`` in the package)."""
    return resources.resource(resource).example


def template_path(resource: str) -> Path:
    """The blank CSV template (heading row only) for ``resource``: its ``template``."""
    template = resources.resource(resource).template
    if template is None:
        raise KeyError(f"data/datapackage.json gives resource {resource!r} no template.")
    return template


def column_names(resource: str) -> list[str]:
    """The columns ``resource`` expects, in order."""
    return resources.resource(resource).field_names


def data_label(input_csv: str | Path | None) -> str:
    """How charts and tables name their data: SYNTHETIC for the example, else the file's name."""
    return SYNTHETIC_LABEL if input_csv is None else f"data from {Path(input_csv).name}"


def read_tool_csv(
    resource: str,
    input_csv: str | Path | None = None,
    *,
    allow_extra_columns: bool = False,
    extra_checks: Iterable[ExtraCheck] = (),
    only_fields: Iterable[str] | None = None,
    sheet: str | None = None,
) -> pd.DataFrame:
    """Read ``input_csv`` (CSV or ``.xlsx``; ``None``: the SYNTHETIC example) as ``resource``.

    The same as :meth:`coproduce.resources.Resource.read`, kept under its first name.
    ``only_fields`` checks just those columns of the schema, so that optional columns the
    schema shows as examples (such as an extra measure) are treated like any other extra
    column. Raises :class:`DataValidationError` listing every problem, each with its row,
    column, the value found and what was expected. The file is only read, never changed.
    """
    return resources.resource(resource).read(
        input_csv,
        sheet=sheet,
        allow_extra_columns=allow_extra_columns,
        extra_checks=extra_checks,
        only_fields=only_fields,
    )


def parameter_error(name: str, message: str, value: object) -> DataValidationError:
    """A clean error about a notebook parameter (shown without a traceback)."""
    return DataValidationError(
        [DataProblem("notebook parameters", message, column=name, value=value)]
    )


def check_choice(name: str, value: object, choices: Iterable[object]) -> object:
    """Return ``value`` if it is one of ``choices``, else stop with a plain message."""
    allowed = list(choices)
    if value not in allowed:
        listed = ", ".join(repr(c) for c in allowed)
        raise parameter_error(name, f"{name} must be one of: {listed}", value)
    return value


def check_mode(mode: Mode | str) -> Mode:
    """Return ``mode`` as a :class:`Mode`, or stop with a plain message if it is misspelt."""
    try:
        return Mode(str(mode).strip().lower())
    except ValueError:
        raise parameter_error(
            "disclosure_mode",
            "disclosure_mode must be 'safe' (small numbers hidden, safe to share) or "
            "'internal' (every number shown, for the team only)",
            mode,
        ) from None
