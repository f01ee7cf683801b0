"""Old name of the one reader, kept so existing imports keep working.

:func:`read_checked_csv` is :func:`coproduce.reader.read_table`: it reads CSV and ``.xlsx``
files alike. New code imports from :mod:`coproduce.reader` (or reads a data-package resource
with :func:`coproduce.resources.read`).
"""

from __future__ import annotations

from coproduce.reader import MAX_ROWS_PER_PROBLEM, ExtraCheck, read_table

#: The one reader under the name the notebooks and tools first used.
read_checked_csv = read_table

__all__ = ["MAX_ROWS_PER_PROBLEM", "ExtraCheck", "read_checked_csv"]
