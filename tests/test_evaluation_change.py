"""Change from baseline agrees with the same sums done another way, straight from the data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coproduce.evaluation import evaluate
from coproduce.evaluation.outcomes import change_statistics
from coproduce.evaluation.schema import ASSESSED, TIME_POINTS


@pytest.fixture(scope="module")
def scored() -> pd.DataFrame:
    """The SYNTHETIC example, scored."""
    return evaluate(None, "internal").scored


def _by_pandas(scored: pd.DataFrame, column: str, point: str) -> pd.Series:
    """Each person's change in ``column`` from baseline to ``point``, by a pandas pivot."""
    assessed = scored[scored["status"] == ASSESSED]
    wide = assessed.pivot(index="participant_id", columns="time_point", values=column)
    wide = wide.astype("float64")
    if point not in wide or TIME_POINTS[0] not in wide:
        return pd.Series(dtype="float64")
    return (wide[point] - wide[TIME_POINTS[0]]).dropna()


def test_every_row_matches_a_pivot_of_the_data(scored: pd.DataFrame) -> None:
    exact, groups = change_statistics(scored)
    assert len(exact), "the example has outcomes measured at baseline and later"
    # Rows come time point by time point, each with the outcomes in the same order.
    points = [p for p in TIME_POINTS[1:] if p in set(exact["time_point"])]
    assert list(dict.fromkeys(exact["time_point"])) == points
    per_point = exact.groupby("time_point", sort=False)["column"].agg(list)
    assert len({tuple(columns) for columns in per_point}) == 1
    for _, row in exact.iterrows():
        change = _by_pandas(scored, row["column"], row["time_point"])
        assert row["n"] == len(change), (row["column"], row["time_point"])
        assert groups[(row["column"], row["time_point"])].sum() == len(change)
        if len(change):
            assert row["mean_change"] == pytest.approx(change.mean())
        if len(change) > 1:
            assert row["sd_change"] == pytest.approx(change.std(ddof=1))
            assert row["ci_lower"] < row["mean_change"] < row["ci_upper"] or np.isclose(
                row["sd_change"], 0
            )


def test_rows_in_another_order_give_the_same_statistics(scored: pd.DataFrame) -> None:
    exact, _ = change_statistics(scored)
    shuffled = scored.sample(frac=1, random_state=7)
    again, _ = change_statistics(shuffled)
    pd.testing.assert_frame_equal(exact, again, check_exact=False)
