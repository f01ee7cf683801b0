"""Disclosure control: small counts never shown, others rounded to 5, modes always stated."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from coproduce.disclosure import (
    SUPPRESSED,
    Mode,
    mode_note,
    round_to_5,
    safe_count,
    safe_counts,
    safe_statistic,
)


def test_worked_examples():
    assert [safe_count(n) for n in [0, 1, 7, 8, 12, 13, 162]] == [
        0,
        SUPPRESSED,
        SUPPRESSED,
        10,
        10,
        15,
        160,
    ]
    assert safe_count(None) is None
    assert safe_statistic(4.25, people=7) == SUPPRESSED
    assert safe_statistic(4.25, people=8) == 4.2


def test_internal_mode_shows_everything_and_says_so():
    assert safe_count(3, Mode.INTERNAL) == 3
    assert safe_statistic(4.25, people=2, mode="internal") == 4.2
    assert "INTERNAL USE ONLY" in mode_note("internal")
    assert "Safe to share" in mode_note()


@given(st.integers(min_value=0, max_value=10_000_000))
def test_a_safe_count_is_never_1_to_7_and_always_a_multiple_of_5(count):
    shown = safe_count(count)
    if shown == SUPPRESSED:
        assert 1 <= count <= 7
    else:
        assert shown % 5 == 0
        assert shown not in range(1, 8)
        assert abs(shown - count) <= 2


@given(st.integers(min_value=0, max_value=10_000_000))
def test_rounding_is_to_the_nearest_multiple_of_5(count):
    rounded = round_to_5(count)
    assert rounded % 5 == 0 and abs(rounded - count) <= 2


def test_safe_counts_leaves_the_input_alone():
    frame = pd.DataFrame({"site": ["A", "B"], "n": [3, 26]})
    safe = safe_counts(frame, ["n"])
    assert safe["n"].tolist() == [SUPPRESSED, 25]
    assert frame["n"].tolist() == [3, 26]
