"""Score the measures: IPAQ physical activity, SWEMWBS wellbeing, BMI and blood pressure.

Every rule follows the guide's scoring notes (``/work/shared/sources/references.md``, restated in
the notebook) exactly, and each function works on whole columns at once, so scoring a million
rows takes well under a second:

- IPAQ short form: MET-minutes a week = 3.3 x walking + 4.0 x moderate + 8.0 x vigorous
  (minutes a day x days), after capping each activity at 180 minutes a day; categories High,
  Moderate and Low.
- SWEMWBS: the seven items (1 to 5) add up to a raw score of 7 to 35, converted to a metric
  score with the published table. SWEMWBS is free for non-commercial use after registering with
  its owners.
- BMI (NICE CG189): the usual categories, with NICE's lower thresholds (overweight from 23,
  obesity from 27.5) for people of South Asian, Chinese, other Asian, Middle Eastern, Black
  African or African-Caribbean family background.
- Clinic blood pressure (NICE NG136): stage 1 hypertension from 140/90, stage 2 from 160/100,
  severe from a systolic of 180 or a diastolic of 120.

A blank input gives a blank score: nothing is guessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coproduce.evaluation.people import PersonIndex
from coproduce.evaluation.schema import IPAQ_ACTIVITIES, LOWER_BMI_BACKGROUNDS, SWEMWBS_ITEMS

#: MET value of each IPAQ activity.
MET_VALUES = {"walking": 3.3, "moderate": 4.0, "vigorous": 8.0}
#: IPAQ cleaning rule: minutes of one activity in a day count up to this many.
IPAQ_MINUTES_CAP = 180
IPAQ_CATEGORIES = ["Low", "Moderate", "High"]

#: SWEMWBS raw score (7 to 35) -> metric score, from the published conversion table.
SWEMWBS_METRIC = dict(
    zip(
        range(7, 36),
        [
            7.00,
            9.51,
            11.25,
            12.40,
            13.33,
            14.08,
            14.75,
            15.32,
            15.84,
            16.36,
            16.88,
            17.43,
            17.98,
            18.59,
            19.25,
            19.98,
            20.73,
            21.54,
            22.35,
            23.21,
            24.11,
            25.03,
            26.02,
            27.03,
            28.13,
            29.31,
            30.70,
            32.55,
            35.00,
        ],  # fmt: skip
        strict=True,
    )
)

BMI_CATEGORIES = [
    "Below 18.5",
    "Healthy weight",
    "Overweight",
    "Obesity class 1",
    "Obesity class 2",
    "Obesity class 3",
    "Obesity (lower thresholds)",
]
#: Lower limits of each category on the standard scale, and on NICE's lower scale.
_BMI_STANDARD = [(40.0, 5), (35.0, 4), (30.0, 3), (25.0, 2), (18.5, 1)]
_BMI_LOWER = [(27.5, 6), (23.0, 2), (18.5, 1)]

BP_CATEGORIES = [
    "Below 140/90",
    "Stage 1 hypertension (140/90 to 159/99)",
    "Stage 2 hypertension (160/100 or more)",
    "Severe hypertension (systolic 180 or diastolic 120 or more)",
]


def _floats(values: pd.Series | np.ndarray | list) -> np.ndarray:
    """Numbers as float64 with NaN for blanks (nullable pandas types included)."""
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype="float64", na_value=np.nan)
    return np.asarray(values, dtype="float64")


def _categorical(codes: np.ndarray, categories: list[str], index: pd.Index) -> pd.Series:
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=categories, ordered=True), index=index
    )


def ipaq_minutes(days: np.ndarray, minutes: np.ndarray) -> np.ndarray:
    """Minutes a day that count: capped at 180, and 0 on a person's days without the activity.

    A blank 'minutes' answer is fine when the days are 0 (the form skips that question);
    otherwise a blank gives NaN.
    """
    capped = np.minimum(minutes, IPAQ_MINUTES_CAP)
    return np.where(days == 0, 0.0, capped)


def ipaq_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """IPAQ short-form MET-minutes a week (by activity and in total) and activity category.

    ``frame`` has the columns ``ipaq_<activity>_days`` and ``ipaq_<activity>_minutes`` for
    vigorous, moderate and walking. The category rules (references.md):

    - **High**: vigorous activity on at least 3 days with a total of at least 1,500
      MET-minutes a week; or 7 or more days of any combination (the three activities' days
      added together) with a total of at least 3,000.
    - **Moderate**: vigorous activity on 3 or more days for at least 20 minutes a day; or 5 or
      more days of moderate activity or walking of at least 30 minutes a day (the days of each
      of the two that reach 30 minutes are added together); or 5 or more days of any
      combination with a total of at least 600.
    - **Low**: everyone else who answered.

    The 180-minute cap applies before anything is added up.
    """
    # One activity at a time, keeping only what the rules need, so that a million rows need
    # a few columns of working memory rather than a dozen.
    met: dict[str, np.ndarray] = {}
    all_days = np.zeros(len(frame))
    moderate_walking_days = np.zeros(len(frame))
    for activity in IPAQ_ACTIVITIES:
        days = _floats(frame[f"ipaq_{activity}_days"])
        minutes = ipaq_minutes(days, _floats(frame[f"ipaq_{activity}_minutes"]))
        met[activity] = MET_VALUES[activity] * minutes * days
        all_days += days
        if activity == "vigorous":
            # A day counts towards a threshold only if minutes were done on it.
            vigorous_days = np.where(minutes > 0, days, 0)
            vigorous_20 = minutes >= 20
        else:
            moderate_walking_days += np.where(minutes >= 30, days, 0)
        del days, minutes
    total = met["vigorous"] + met["moderate"] + met["walking"]
    high = ((vigorous_days >= 3) & (total >= 1500)) | ((all_days >= 7) & (total >= 3000))
    moderate = (
        ((vigorous_days >= 3) & vigorous_20)
        | (moderate_walking_days >= 5)
        | ((all_days >= 5) & (total >= 600))
    )
    codes = np.select([high, moderate], [2, 1], default=0)
    codes = np.where(np.isnan(total), -1, codes)
    return pd.DataFrame(
        {
            "met_walking": met["walking"],
            "met_moderate": met["moderate"],
            "met_vigorous": met["vigorous"],
            "met_min_week": total,
            "ipaq_category": pd.Categorical.from_codes(
                codes, categories=IPAQ_CATEGORIES, ordered=True
            ),
        },
        index=frame.index,
        copy=False,
    )


def swemwbs_raw(frame: pd.DataFrame) -> pd.Series:
    """Raw SWEMWBS score: the sum of items 1 to 7 (7 to 35); blank if any item is blank."""
    total = np.zeros(len(frame))
    for item in SWEMWBS_ITEMS:
        total += _floats(frame[item])  # NaN if any item is blank
    return pd.Series(total, index=frame.index)


def swemwbs_metric(raw: pd.Series | np.ndarray | list) -> np.ndarray:
    """Convert raw SWEMWBS scores (7 to 35) to metric scores with the conversion table."""
    values = _floats(raw)
    table = np.full(36, np.nan)
    table[7:] = [SWEMWBS_METRIC[score] for score in range(7, 36)]
    valid = ~np.isnan(values) & (values >= 7) & (values <= 35) & (values % 1 == 0)
    positions = np.where(valid, values, 0).astype(np.int64)
    return np.where(valid, table[positions], np.nan)


def bmi(weight_kg: pd.Series | np.ndarray, height_cm: pd.Series | np.ndarray) -> np.ndarray:
    """Body mass index: weight in kg divided by the square of height in metres (1 decimal)."""
    metres = _floats(height_cm) / 100
    return np.round(_floats(weight_kg) / (metres * metres), 1)


def bmi_category(values: pd.Series | np.ndarray, lower_thresholds: np.ndarray) -> pd.Series:
    """NICE BMI category of each BMI (already rounded to 1 decimal, as it is shown).

    Standard: below 18.5; healthy 18.5 to 24.9; overweight 25 to 29.9; obesity class 1 30 to
    34.9, class 2 35 to 39.9, class 3 40 or more. Where ``lower_thresholds`` is true:
    overweight from 23 and obesity from 27.5. The guide's sources give no class split on the
    lower scale, so that obesity category is reported as one.
    """
    numbers = _floats(values)
    lower = np.asarray(lower_thresholds, dtype=bool)
    standard = np.select(
        [numbers >= cut for cut, _ in _BMI_STANDARD], [c for _, c in _BMI_STANDARD], 0
    )
    reduced = np.select([numbers >= cut for cut, _ in _BMI_LOWER], [c for _, c in _BMI_LOWER], 0)
    codes = np.where(lower, reduced, standard)
    codes = np.where(np.isnan(numbers), -1, codes)
    index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(numbers))
    return _categorical(codes, BMI_CATEGORIES, index)


def bp_category(systolic: pd.Series | np.ndarray, diastolic: pd.Series | np.ndarray) -> pd.Series:
    """NICE NG136 category of a clinic blood pressure reading: the higher of the two numbers.

    Severe from systolic 180 or diastolic 120; stage 2 from 160/100; stage 1 from 140/90
    (up to 159/99); otherwise below 140/90. A category describes a reading: it is not a
    diagnosis.
    """
    high, low = _floats(systolic), _floats(diastolic)
    codes = np.select(
        [(high >= 180) | (low >= 120), (high >= 160) | (low >= 100), (high >= 140) | (low >= 90)],
        [3, 2, 1],
        0,
    )
    codes = np.where(np.isnan(high) | np.isnan(low), -1, codes)
    index = systolic.index if isinstance(systolic, pd.Series) else pd.RangeIndex(len(high))
    return _categorical(codes, BP_CATEGORIES, index)


def score(frame: pd.DataFrame, people: PersonIndex | None = None) -> pd.DataFrame:
    """Copy of a checked evaluation table with every score added as new columns.

    Adds ``met_walking``, ``met_moderate``, ``met_vigorous``, ``met_min_week``,
    ``ipaq_category``, ``swemwbs_raw``, ``swemwbs_metric``, ``height_used`` (this row's height or
    the person's latest earlier one), ``bmi``, ``bmi_thresholds`` ("lower" or "standard"),
    ``bmi_category`` and ``bp_category``, and two helper columns, ``time_index`` (0 for baseline,
    1 post-intervention, 2 follow-up) and ``person_code`` (a number for each person, in order of
    first appearance). The input is not changed.
    """
    from coproduce.evaluation.checks import carried_height

    people = people or PersonIndex.of(frame)
    scored = frame.copy(deep=False)  # new columns go on the copy, never on ``frame``
    for column, values in ipaq_scores(frame).items():
        scored[column] = values
    scored["swemwbs_raw"] = swemwbs_raw(frame)
    scored["swemwbs_metric"] = swemwbs_metric(scored["swemwbs_raw"])
    scored["height_used"] = carried_height(frame, people).to_numpy()
    scored["bmi"] = bmi(frame["weight_kg"], scored["height_used"])
    background = frame["family_background"]
    first = people.first_row(background.notna().to_numpy())
    recorded = background.to_numpy(dtype=object, na_value="")[np.maximum(first, 0)]
    lower_person = np.isin(recorded, sorted(LOWER_BMI_BACKGROUNDS)) & (first >= 0)
    lower = people.per_row(lower_person)
    scored["bmi_thresholds"] = pd.Categorical.from_codes(
        lower.astype(np.int8), categories=["standard", "lower"]
    )
    scored["bmi_category"] = bmi_category(scored["bmi"], lower)
    scored["bp_category"] = bp_category(frame["systolic_bp"], frame["diastolic_bp"])
    # Kept so that the tables need not work these out again from the text columns.
    scored["time_index"] = people.order
    scored["person_code"] = people.codes
    return scored
