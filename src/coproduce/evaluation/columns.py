"""Quick looks at the evaluation's text columns, by code rather than by string.

The reader gives the evaluation its text columns as categories (see
:func:`coproduce.reader.read_table`'s ``text_as_categories``): each row holds a small code. These
helpers compare, code and pick values without turning a million codes back into a million
strings; they give the same answers for plain text columns, as tests and notebooks may build.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def is_value(frame: pd.DataFrame, column: str, value: str) -> np.ndarray:
    """True on each row whose ``column`` holds ``value`` (false where it is blank)."""
    return frame[column].eq(value).to_numpy(dtype=bool, na_value=False)


def codes(values: pd.Series) -> np.ndarray:
    """A code per row, equal for equal values, in order of first appearance; -1 where blank."""
    return np.asarray(pd.factorize(values.array)[0], dtype=np.int64)


def values_at(frame: pd.DataFrame, column: str, rows: np.ndarray) -> np.ndarray:
    """The values of ``column`` on ``rows`` (positions, or a true/false mask), as objects.

    A blank is ``pandas.NA``, as in ``frame[column].to_numpy(dtype=object)``.
    """
    return frame[column].array[rows].to_numpy(dtype=object)
