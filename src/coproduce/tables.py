"""Data tables that a screen reader can read: now :mod:`coproduce.present.table_headers`.

Kept so that ``from coproduce.tables import accessible_tables`` still works; new code imports
from :mod:`coproduce.present.table_headers`, part of the one presentation layer.
"""

from coproduce.present.table_headers import accessible_tables, label_table

__all__ = ["accessible_tables", "label_table"]
