"""Scoring rules (references.md), each checked against an example worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from coproduce.evaluation.outcomes import paired_change
from coproduce.evaluation.scoring import (
    SWEMWBS_METRIC,
    bmi,
    bmi_category,
    bp_category,
    ipaq_scores,
    swemwbs_metric,
    swemwbs_raw,
)

IPAQ_COLUMNS = [
    "ipaq_vigorous_days",
    "ipaq_vigorous_minutes",
    "ipaq_moderate_days",
    "ipaq_moderate_minutes",
    "ipaq_walking_days",
    "ipaq_walking_minutes",
]

# (vigorous days, minutes, moderate days, minutes, walking days, minutes) -> MET-min/week, level
IPAQ_WORKED = {
    # 8.0 x 30 x 3 = 720; 4.0 x 40 x 2 = 320; 3.3 x 30 x 5 = 495; total 1,535.
    # Vigorous on 3 days and at least 1,500 in total: High.
    "vigorous 3 days, 1,535 in total": ((3, 30, 2, 40, 5, 30), 1535.0, "High"),
    # Walking 240 min/day is capped at 180: 3.3 x 180 x 7 = 4,158 (not 3.3 x 240 x 7 = 5,544).
    # 7 days in all and at least 3,000: High.
    "walking capped at 180 minutes": ((0, None, 0, None, 7, 240), 4158.0, "High"),
    # 3.3 x 130 x 7 = 3,003: 7 days and at least 3,000: High.
    "7 days reaching 3,003": ((0, None, 0, None, 7, 130), 3003.0, "High"),
    # 8.0 x 62 x 3 = 1,488: under 1,500 and only 3 days in all, so not High; vigorous on 3 days
    # for at least 20 minutes: Moderate.
    "vigorous 1,488 is not High": ((3, 62, 0, None, 0, None), 1488.0, "Moderate"),
    # 8.0 x 20 x 3 = 480: vigorous on 3 days for 20 minutes: Moderate.
    "vigorous 3 days of 20 minutes": ((3, 20, 0, None, 0, None), 480.0, "Moderate"),
    # 8.0 x 19 x 3 = 456: 19 minutes is under 20, and under 600 in total: Low.
    "vigorous 3 days of 19 minutes": ((3, 19, 0, None, 0, None), 456.0, "Low"),
    # 4.0 x 30 x 5 = 600: 5 days of moderate activity of 30 minutes: Moderate.
    "moderate 5 days of 30 minutes": ((0, None, 5, 30, 0, None), 600.0, "Moderate"),
    # 4.0 x 30 x 2 = 240 plus 3.3 x 30 x 3 = 297 is 537 (under 600), but moderate activity or
    # walking of 30 minutes on 2 + 3 = 5 days: Moderate.
    "moderate and walking days add up to 5": ((0, None, 2, 30, 3, 30), 537.0, "Moderate"),
    # 3.3 x 60 x 4 = 792: at least 600, but on only 4 days: Low.
    "792 on 4 days": ((0, None, 0, None, 4, 60), 792.0, "Low"),
    # 8.0 x 10 x 2 = 160; 4.0 x 20 x 2 = 160; 3.3 x 45 x 2 = 297: 617 on 6 days: Moderate.
    "any combination, 617 on 6 days": ((2, 10, 2, 20, 2, 45), 617.0, "Moderate"),
    # No activity at all (minutes left blank when the days are 0): 0, Low.
    "no activity": ((0, None, 0, None, 0, None), 0.0, "Low"),
}


def ipaq_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=IPAQ_COLUMNS, dtype="Float64")


@pytest.mark.parametrize("case", list(IPAQ_WORKED), ids=list(IPAQ_WORKED))
def test_ipaq_met_minutes_and_category_worked_by_hand(case):
    answers, met, level = IPAQ_WORKED[case]
    scores = ipaq_scores(ipaq_frame([answers]))
    assert scores["met_min_week"].iloc[0] == pytest.approx(met)
    assert scores["ipaq_category"].iloc[0] == level


def test_ipaq_scores_whole_columns_at_once():
    frame = ipaq_frame([answers for answers, _, _ in IPAQ_WORKED.values()])
    scores = ipaq_scores(frame)
    assert scores["met_min_week"].tolist() == pytest.approx([m for _, m, _ in IPAQ_WORKED.values()])
    assert scores["ipaq_category"].tolist() == [c for _, _, c in IPAQ_WORKED.values()]
    # Walking part of the first case: 3.3 x 30 x 5 = 495.
    assert scores["met_walking"].iloc[0] == pytest.approx(495)


def test_ipaq_with_a_missing_answer_is_not_scored():
    # Days given but minutes blank: the minutes cannot be guessed.
    scores = ipaq_scores(ipaq_frame([(2, None, 0, None, 0, None), (None, None, 0, None, 1, 30)]))
    assert scores["met_min_week"].isna().all()
    assert scores["ipaq_category"].isna().all()


def test_swemwbs_conversion_table_is_the_published_one():
    assert len(SWEMWBS_METRIC) == 29
    assert SWEMWBS_METRIC[7] == 7.00
    assert SWEMWBS_METRIC[21] == 19.25
    assert SWEMWBS_METRIC[28] == 25.03
    assert SWEMWBS_METRIC[35] == 35.00
    values = [SWEMWBS_METRIC[raw] for raw in range(7, 36)]
    assert values == sorted(values), "the metric score rises with the raw score"


def test_swemwbs_raw_and_metric_worked_by_hand():
    items = pd.DataFrame(
        [
            [3, 3, 3, 3, 3, 3, 3],  # 7 x 3 = 21 -> 19.25
            [1, 2, 3, 4, 5, 1, 2],  # 1+2+3+4+5+1+2 = 18 -> 17.43
            [5, 5, 5, 5, 5, 5, 5],  # 35 -> 35.00
            [1, 1, 1, 1, 1, 1, 1],  # 7 -> 7.00
            [3, 3, 3, 3, 3, 3, None],  # an item blank: no score
        ],
        columns=[f"swemwbs_{i}" for i in range(1, 8)],
        dtype="Int64",
    )
    raw = swemwbs_raw(items)
    assert raw.iloc[:4].tolist() == [21, 18, 35, 7]
    assert math.isnan(raw.iloc[4])
    metric = swemwbs_metric(raw)
    assert metric[:4].tolist() == [19.25, 17.43, 35.00, 7.00]
    assert math.isnan(metric[4])


BMI_WORKED = [
    # weight, height, standard category, category with NICE's lower thresholds
    (70, 175, 22.9, "Healthy weight", "Healthy weight"),  # 70 / 1.75^2 = 22.857 -> 22.9
    (72, 175, 23.5, "Healthy weight", "Overweight"),  # 72 / 3.0625 = 23.51 -> 23.5
    (76.44, 175, 25.0, "Overweight", "Overweight"),  # 24.96 rounds to 25.0, shown and classed
    (85, 175, 27.8, "Overweight", "Obesity (lower thresholds)"),  # 85 / 3.0625 = 27.755
    (98, 175, 32.0, "Obesity class 1", "Obesity (lower thresholds)"),  # 98 / 3.0625 = 32.0
    (110, 175, 35.9, "Obesity class 2", "Obesity (lower thresholds)"),  # 35.918 -> 35.9
    (125, 175, 40.8, "Obesity class 3", "Obesity (lower thresholds)"),  # 40.816 -> 40.8
    (55, 175, 18.0, "Below 18.5", "Below 18.5"),  # 55 / 3.0625 = 17.96 -> 18.0
]


def test_bmi_and_nice_categories_worked_by_hand():
    weights = pd.Series([w for w, *_ in BMI_WORKED], dtype="Float64")
    heights = pd.Series([h for _, h, *_ in BMI_WORKED], dtype="Float64")
    values = pd.Series(bmi(weights, heights))
    assert values.tolist() == [b for _, _, b, _, _ in BMI_WORKED]
    standard = bmi_category(values, np.zeros(len(values), dtype=bool))
    lower = bmi_category(values, np.ones(len(values), dtype=bool))
    assert standard.tolist() == [s for *_, s, _ in BMI_WORKED]
    assert lower.tolist() == [low for *_, low in BMI_WORKED]


def test_bmi_without_a_height_is_blank():
    value = bmi(pd.Series([80.0]), pd.Series([np.nan]))
    assert math.isnan(value[0])
    assert pd.isna(bmi_category(value, np.array([False])).iloc[0])


BP_WORKED = [
    (138, 88, "Below 140/90"),
    (140, 85, "Stage 1 hypertension (140/90 to 159/99)"),  # systolic reaches 140
    (135, 90, "Stage 1 hypertension (140/90 to 159/99)"),  # diastolic reaches 90
    (159, 99, "Stage 1 hypertension (140/90 to 159/99)"),
    (160, 95, "Stage 2 hypertension (160/100 or more)"),
    (150, 100, "Stage 2 hypertension (160/100 or more)"),
    (179, 119, "Stage 2 hypertension (160/100 or more)"),
    (180, 90, "Severe hypertension (systolic 180 or diastolic 120 or more)"),
    (150, 120, "Severe hypertension (systolic 180 or diastolic 120 or more)"),
]


def test_blood_pressure_categories_nice_ng136():
    systolic = pd.Series([s for s, _, _ in BP_WORKED], dtype="Int64")
    diastolic = pd.Series([d for _, d, _ in BP_WORKED], dtype="Int64")
    assert bp_category(systolic, diastolic).tolist() == [c for *_, c in BP_WORKED]


def test_paired_change_worked_by_hand():
    before = np.array([10.0, 12.0, 14.0, 16.0, np.nan])
    after = np.array([12.0, 13.0, 17.0, 18.0, 20.0])  # the last person has no baseline
    result = {key: value[0] for key, value in paired_change(before, after).items()}
    # Changes 2, 1, 3, 2 (4 people): mean 2. Deviations 0, -1, 1, 0: SD = sqrt(2 / 3) = 0.8165.
    sd = math.sqrt(2 / 3)
    # t(0.975, 3 df) = 3.1824; half-width = 3.1824 x 0.8165 / sqrt(4) = 1.2992.
    half = stats.t.ppf(0.975, 3) * sd / 2
    assert stats.t.ppf(0.975, 3) == pytest.approx(3.182446, abs=1e-6)
    assert result["n"] == 4
    assert result["mean_before"] == pytest.approx(13.0)  # (10 + 12 + 14 + 16) / 4
    assert result["mean_after"] == pytest.approx(15.0)  # (12 + 13 + 17 + 18) / 4
    assert result["mean_change"] == pytest.approx(2.0)
    assert result["sd_change"] == pytest.approx(sd)
    assert result["ci_lower"] == pytest.approx(2 - half)
    assert result["ci_upper"] == pytest.approx(2 + half)
    assert result["ci_lower"] == pytest.approx(0.7008, abs=1e-4)
    assert result["d_z"] == pytest.approx(2 / sd)  # Cohen's d_z = 2 / 0.8165 = 2.449


def test_paired_change_needs_two_people_for_an_interval():
    result = paired_change(np.array([5.0]), np.array([7.0]))
    assert result["n"][0] == 1 and result["mean_change"][0] == 2
    assert math.isnan(result["ci_lower"][0]) and math.isnan(result["d_z"][0])
