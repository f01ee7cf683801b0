"""Per-person arithmetic on a long table (one row per person per time point), without loops.

Grouping a million rows by a text column is slow when it is done again and again: pandas has to
hash and sort the text each time. :class:`PersonIndex` turns each row's ``participant_id`` into
a whole-number code once, and then answers the per-person questions the checks, scores and
tables ask (does this person have a baseline row? when did they first withdraw? what is their
latest earlier height?) with numpy, in a few milliseconds each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from coproduce.evaluation import columns
from coproduce.evaluation.schema import TIME_POINTS


def time_index(frame: pd.DataFrame) -> np.ndarray:
    """Position of each row's time point in :data:`TIME_POINTS` (0 = baseline, -1 unknown).

    A scored table carries it already as the column ``time_index``.
    """
    if "time_index" in frame.columns:
        return frame["time_index"].to_numpy(dtype=np.int8)
    return pd.Categorical(frame["time_point"], categories=TIME_POINTS).codes.astype(np.int8)


def _sorted(codes: np.ndarray, order: np.ndarray) -> bool:
    """True if rows already come person by person, each person's rows in time order."""
    if len(codes) < 2:
        return True
    step = np.diff(codes)
    return bool(((step > 0) | ((step == 0) & (np.diff(order) > 0))).all())


@dataclass(frozen=True)
class PersonIndex:
    """Each row's person as a code ``0 .. count - 1`` (in order of first appearance).

    ``order`` is each row's time index (see :func:`time_index`), kept here so that it is
    worked out once.
    """

    codes: np.ndarray
    ids: np.ndarray
    count: int
    order: np.ndarray

    @classmethod
    def of(cls, frame: pd.DataFrame) -> PersonIndex:
        """Build the index from ``participant_id`` (or a scored table's ``person_code``)."""
        if "person_code" in frame.columns:
            # Renumber, in case the scored table was filtered (say, to one site).
            codes, _ = pd.factorize(frame["person_code"].to_numpy())
        else:
            codes = columns.codes(frame["participant_id"])
        codes = codes.astype(np.int64, copy=False)
        count = int(codes.max()) + 1 if len(codes) else 0
        first = np.full(count, -1, dtype=np.int64)
        positions = np.arange(len(codes))
        first[codes[::-1]] = positions[::-1]
        ids = columns.values_at(frame, "participant_id", first)
        return cls(codes, ids, count, time_index(frame))

    def per_row(self, per_person: np.ndarray) -> np.ndarray:
        """Spread one value per person back onto each of that person's rows."""
        return np.asarray(per_person)[self.codes]

    def any(self, mask: np.ndarray) -> np.ndarray:
        """Per person: whether ``mask`` is true on any of their rows."""
        return (
            np.bincount(self.codes, weights=np.asarray(mask, dtype=bool), minlength=self.count) > 0
        )

    def sum(self, values: np.ndarray) -> np.ndarray:
        """Per person: the sum of ``values`` over their rows."""
        return np.bincount(
            self.codes, weights=np.asarray(values, dtype=float), minlength=self.count
        )

    def min(self, values: np.ndarray, where: np.ndarray) -> np.ndarray:
        """Per person: the smallest of ``values`` on rows where ``where`` is true (NaN if none)."""
        result = np.full(self.count, np.inf)
        where = np.asarray(where, dtype=bool)
        np.minimum.at(result, self.codes[where], np.asarray(values, dtype=float)[where])
        return np.where(np.isinf(result), np.nan, result)

    def first_row(self, where: np.ndarray | None = None) -> np.ndarray:
        """Per person: position of their first row (in file order) where ``where`` is true.

        -1 for a person with no such row.
        """
        positions = np.arange(len(self.codes))
        if where is not None:
            where = np.asarray(where, dtype=bool)
            positions = positions[where]
        result = np.full(self.count, -1, dtype=np.int64)
        # Assigning in reverse order leaves each person's earliest position in place.
        result[self.codes[positions][::-1]] = positions[::-1]
        return result

    def is_first_row(self) -> np.ndarray:
        """True on each person's first row in the file."""
        flags = np.zeros(len(self.codes), dtype=bool)
        flags[self.first_row()] = True
        return flags

    def differs_from_first(self, values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
        """Rows whose non-blank value differs from the person's first non-blank value.

        Returns ``(differs, first_value)``: a flag per row, and per row the person's first
        non-blank value (``None`` if they have none).
        """
        value_codes = columns.codes(values)
        present = value_codes >= 0
        first = self.first_row(present)
        first_code = np.where(first >= 0, value_codes[np.maximum(first, 0)], -1)
        differs = present & (value_codes != self.per_row(first_code))
        firsts = values.array[np.maximum(first, 0)].to_numpy(dtype=object)
        first_value = np.where(first >= 0, firsts, None)
        return differs, self.per_row(first_value)

    def forward_fill(self, values: np.ndarray, order: np.ndarray) -> np.ndarray:
        """Each row's value, or else the same person's value at the latest earlier time point.

        ``order`` is each row's time index. Values never move backwards in time or between
        people. NaN marks a blank.
        """
        values = np.asarray(values, dtype=float)
        if _sorted(self.codes, order):
            sort = np.arange(len(values))  # the usual layout: each person's rows in time order
        else:
            sort = np.lexsort((order, self.codes))
        sorted_values = values[sort]
        sorted_codes = self.codes[sort]
        starts = np.ones(len(sort), dtype=bool)
        starts[1:] = sorted_codes[1:] != sorted_codes[:-1]
        positions = np.arange(len(sort))
        keep = ~np.isnan(sorted_values) | starts
        last = np.maximum.accumulate(np.where(keep, positions, 0))
        filled = np.empty_like(values)
        filled[sort] = sorted_values[last]
        return filled

    def matrix(self, values: np.ndarray, where: np.ndarray) -> np.ndarray:
        """People x columns matrix of ``values`` (rows x columns) taken from rows ``where``.

        Each person has at most one row per time point, so choosing the rows of one time point
        gives each person one row of the matrix; people without such a row get NaN.
        """
        where = np.asarray(where, dtype=bool)
        values = np.asarray(values, dtype=float)
        result = np.full((self.count, values.shape[1]), np.nan)
        result[self.codes[where]] = values[where]
        return result
