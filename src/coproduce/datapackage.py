"""Load the guide's tables from ``data/`` and check them against ``datapackage.json``.

Every figure in the guide comes from a CSV in ``data/``, described by a Frictionless Data Package.
Loading goes through this module so that a notebook never sees a table that breaks its contract:
each table is validated with the Frictionless validator first, then read into a DataFrame whose
column types follow the table schema (integers stay integers, missing values stay missing).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from coproduce.problems import DataProblem, DataValidationError

if TYPE_CHECKING:
    from frictionless import Package

#: Environment variable that points at a folder holding ``datapackage.json``.
DATA_DIR_ENV = "COPRODUCE_DATA_DIR"

# Frictionless field type -> pandas dtype. Nullable dtypes keep blanks as <NA>, not NaN or "".
_PANDAS_DTYPES = {
    "integer": "Int64",
    "year": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "string": "string",
}


def data_dir() -> Path:
    """Return the folder holding the guide's ``datapackage.json``.

    Looked for, in order: ``COPRODUCE_DATA_DIR``; the ``data/`` folder of the checkout this
    package was installed from (``pip install -e .``, as ``requirements.txt`` does); then a
    ``data/`` folder in the working directory or any folder above it (notebooks run from
    ``notebooks/``); last, the copy of ``data/`` that ``pip install .`` puts inside the package
    (``coproduce._data``), so the commands work from any folder.
    """
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        candidates = [Path(configured)]
    else:
        here = Path.cwd().resolve()
        candidates = [Path(__file__).resolve().parents[2] / "data"]
        candidates += [folder / "data" for folder in (here, *here.parents)]
        candidates.append(Path(__file__).resolve().parent / "_data")
    for candidate in candidates:
        if (candidate / "datapackage.json").is_file():
            return candidate
    raise FileNotFoundError(
        f"No datapackage.json in {candidates[0]}. Run this from the guide's folder after "
        f"'pip install -r requirements.txt', or set {DATA_DIR_ENV} to the folder that holds "
        "datapackage.json."
    )


@dataclass(frozen=True)
class TableInfo:
    """What the data package says about one table: where it is and how its columns are typed."""

    name: str
    path: Path
    dtypes: dict[str, str]
    date_fields: tuple[str, ...]


def package(directory: Path | None = None) -> Package:
    """Return the Frictionless package for ``directory`` (default: :func:`data_dir`).

    Frictionless is imported here, when a table is first validated, rather than with the
    module: the tools that only read a user's file (through :mod:`coproduce.reader`) then
    start faster and in less memory.
    """
    from frictionless import Package

    return Package(str((directory or data_dir()) / "datapackage.json"))


def table_names(directory: Path | None = None) -> list[str]:
    """Names of every table in the package, in the order the descriptor lists them."""
    return [resource.name for resource in package(directory).resources]


def table_info(name: str, directory: Path | None = None) -> TableInfo:
    """Describe table ``name``: its CSV path and the pandas dtype of each column."""
    folder = (directory or data_dir()).resolve()
    descriptor = folder / "datapackage.json"
    return _table_info(name, str(folder), _digest(descriptor))


def _digest(path: Path) -> str:
    """A fingerprint of a file's bytes (empty if it is missing), to know when it has changed."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


@lru_cache(maxsize=128)
def _table_info(name: str, folder: str, descriptor_digest: str) -> TableInfo:
    """:func:`table_info` for one version of the descriptor (parsing it takes a quarter second)."""
    directory = Path(folder)
    pkg = package(directory)
    if not pkg.has_resource(name):
        raise KeyError(f"No table called {name!r}. Tables: {', '.join(table_names(directory))}.")
    resource = pkg.get_resource(name)
    dtypes: dict[str, str] = {}
    dates: list[str] = []
    for field in resource.schema.fields:
        if field.type in ("date", "datetime"):
            dates.append(field.name)
            dtypes[field.name] = "string"
        else:
            dtypes[field.name] = _PANDAS_DTYPES.get(field.type, "string")
    return TableInfo(name, Path(pkg.basepath) / resource.path, dtypes, tuple(dates))


def resource_descriptors(folder: Path) -> list[dict]:
    """The resources of ``folder``'s ``datapackage.json``, as written (read as JSON).

    For what needs only the descriptor (a user file's schema, a fingerprint): Frictionless is
    not loaded, so a tool that reads one user file starts quickly and in less memory. The
    package itself is validated with Frictionless (:func:`validate_package`).
    """
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return list(descriptor.get("resources", []))


def _package_fingerprint(folder: Path) -> tuple[str, ...]:
    """Fingerprints of the descriptor and of every file it lists.

    A table is valid or not depending on the other tables too (foreign keys), so a loaded table
    is reused only while none of the package's files has changed.
    """
    descriptor = folder / "datapackage.json"
    prints = [_digest(descriptor)]
    try:
        resources = resource_descriptors(folder)
    except (OSError, ValueError):
        return (*prints, "unreadable")
    for resource in resources:
        path = resource.get("path")
        if isinstance(path, str):
            prints.append(_digest(folder / path))
    return tuple(prints)


def _problems_from_report(report, label_for) -> list[DataProblem]:
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problems.append(
                DataProblem(
                    file=label_for(task),
                    row=getattr(error, "row_number", None),
                    column=getattr(error, "field_name", None),
                    value=getattr(error, "cell", None),
                    message=error.note or error.message,
                    kind=error.type,
                )
            )
    return problems


def validate_package(directory: Path | None = None) -> list[DataProblem]:
    """Validate every table, including primary and foreign keys, with Frictionless.

    Returns the problems found (an empty list means the whole package is valid).
    """
    report = package(directory).validate()
    problems = _problems_from_report(report, lambda task: task.place or task.name)
    problems += [
        DataProblem(file="datapackage.json", message=error.message, kind=error.type)
        for error in report.errors
    ]
    return problems


def validate_table(name: str, directory: Path | None = None) -> list[DataProblem]:
    """Validate one table against its schema: types, constraints, primary and foreign keys."""
    info = table_info(name, directory)
    report = package(directory).get_resource(name).validate()
    return _problems_from_report(report, lambda task: info.path.name)


def load_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Load table ``name`` from the data package as a typed DataFrame.

    The table is validated first; if it breaks its schema a :class:`DataValidationError` lists
    every problem with its file, row and column, and nothing is loaded. A table already loaded
    and checked is reused (as a fresh copy) until a file of the package changes, so a tool that
    reads its reference tables on every run does not validate them again each time.
    """
    folder = (directory or data_dir()).resolve()
    key = (name, str(folder), _package_fingerprint(folder))
    cached = _LOADED.get(key)
    if cached is None:
        cached = _load_checked_table(name, folder)
        if len(_LOADED) >= _LOADED_LIMIT:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = cached
    return cached.copy()


#: Tables loaded and checked, keyed by name, folder and the package's fingerprints.
_LOADED: dict[tuple, pd.DataFrame] = {}
_LOADED_LIMIT = 64


def _load_checked_table(name: str, directory: Path) -> pd.DataFrame:
    """Validate table ``name`` with Frictionless, then read it with the schema's types."""
    problems = validate_table(name, directory)
    if problems:
        raise DataValidationError(problems)
    info = table_info(name, directory)
    frame = pd.read_csv(
        info.path,
        dtype=info.dtypes,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )
    for column in info.date_fields:
        frame[column] = pd.to_datetime(frame[column])
    return frame
