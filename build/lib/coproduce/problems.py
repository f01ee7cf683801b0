"""Readable reports of bad data.

People run the guide's tools on their own files. When a file is wrong they need to know exactly
where and why, in words, without a Python traceback. Every checker in ``coproduce`` reports
:class:`DataProblem` objects and raises :class:`DataValidationError` holding all of them at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DataProblem:
    """One thing wrong with an input file, located as precisely as the check allows."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: object | None = None
    kind: str = "problem"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + ": " + self.message
        if self.value not in (None, ""):
            text += f" (found {self.value!r})"
        return text


class DataValidationError(ValueError):
    """Raised when input data breaks its contract; carries every problem found.

    Notebooks catch it and show :meth:`report`, so a user sees a list of fixes, not a traceback.
    """

    def __init__(self, problems: Iterable[DataProblem]):
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """All problems as a numbered, plain-English list."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"Found {count} {noun} in the data (row numbers count the header as row 1):"]
        lines += [f"  {i}. {problem}" for i, problem in enumerate(self.problems, start=1)]
        return "\n".join(lines)

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback when a notebook cell raises this error."""
        return [
            "The data needs fixing before this notebook can go on.",
            *self.report().splitlines(),
        ]

    def _repr_markdown_(self) -> str:
        items = "\n".join(f"1. {problem}" for problem in self.problems)
        return f"**The data has {len(self.problems)} problem(s).** Please fix:\n\n{items}\n"
