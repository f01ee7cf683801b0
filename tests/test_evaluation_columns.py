"""The evaluation's looks at text columns give the same answers by code as by string."""

from __future__ import annotations

import numpy as np
import pandas as pd

from coproduce.evaluation.columns import codes, is_value, values_at
from coproduce.evaluation.schema import ASSESSED, example_path, input_schema
from coproduce.reader import read_table


def test_categories_and_plain_text_give_the_same_answers():
    coded = read_table(example_path(), input_schema(), text_as_categories=True)
    plain = read_table(example_path(), input_schema())
    assert isinstance(coded["status"].dtype, pd.CategoricalDtype)
    assert not isinstance(plain["status"].dtype, pd.CategoricalDtype)
    assessed = is_value(coded, "status", ASSESSED)
    assert assessed.any() and not assessed.all()
    assert np.array_equal(assessed, is_value(plain, "status", ASSESSED))
    assert np.array_equal(assessed, (plain["status"] == ASSESSED).fillna(False).to_numpy())
    for column in ("participant_id", "withdrawal_reason"):
        assert np.array_equal(codes(coded[column]), codes(plain[column]))
        # Blank cells have code -1; equal values share a code, first seen first.
        assert np.array_equal(codes(plain[column]) < 0, plain[column].isna().to_numpy())
        rows = np.flatnonzero(codes(plain[column]) >= 0)[:5]
        assert list(values_at(coded, column, rows)) == list(plain[column].iloc[rows])
    blank = plain["withdrawal_reason"].isna().to_numpy()
    assert all(v is pd.NA for v in values_at(coded, "withdrawal_reason", blank))
