"""The guide's one disclosure policy: what a safe-to-share output may show about people.

Every tool, and every output form (HTML report, notebook table, chart data, chart text
alternative, CSV and spreadsheet export), takes its numbers through this module. The rules
follow NHS Digital's and the ONS's disclosure control for published counts, and the output
checking used by UK trusted research environments (SACRO's ``acro``): the page "How the guide
protects small numbers" explains them in plain English.

In safe mode (the default):

1. **Counts.** 0 stays 0; a count from 1 to 7 is shown as ``[c]``; any other count is rounded to
   the nearest 5 (:func:`safe_count`).
2. **Statistics** (means, rates of people, averages) from fewer than 8 people are ``[c]``
   (:func:`safe_statistic`). Standard deviations and effect sizes are not published beside a
   confidence interval, because together with it they give away the exact number of people.
3. **Totals and complements.** When some parts of a total are hidden, the hidden parts
   together must describe at least 8 people, or one more part (and, if need be, the total) is
   hidden too, so no hidden part can be worked out by subtraction (:func:`protect_parts`).
4. **Overlapping groups.** Two statistics of the same quantity are never both published over
   groups of people that differ by 1 to 7 people, because the difference would describe
   those few people (:func:`separate_groups`).
5. **Percentages** are true: worked out from the exact counts and rounded to the nearest 5,
   and hidden when the part, the whole or what is left over is 1 to 7, or when with the
   rounded counts beside it the percentage would pin an exact count (:func:`safe_percents`).
   A change between two counts (:func:`safe_change`) follows the same rule.
6. **Free text** is never published: comments go to an internal list marked "review before
   sharing" (:data:`FREE_TEXT_NOTE`).

Internal mode switches rules 1 to 6 off, and every output made in it says at the top that it
is not for sharing (:func:`mode_note`). A :class:`Release` collects what was hidden in one run,
and why, for the report's "What was hidden" section.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import pandas as pd

#: What a suppressed cell shows.
SUPPRESSED = "[c]"
#: Smallest number of people a count or statistic may rest on before it can be shown.
MINIMUM_PEOPLE = 8
#: Counts are rounded to a multiple of this.
ROUND_TO = 5
#: Percentages are rounded to a multiple of this.
PERCENT_STEP = 5

#: Shown where a tool would otherwise print people's own words.
FREE_TEXT_NOTE = (
    "Comments are not shown in outputs that are safe to share: people's own words can name or "
    "identify someone. They are listed separately for the team, marked 'review before sharing'."
)
#: Shown beside safe-mode tables that have percentages.
PERCENT_NOTE = (
    "Percentages are worked out from the exact numbers and rounded to the nearest 5. A "
    "percentage is [c] when it rests on 1 to 7 people, or when, read beside the rounded "
    "counts, it would give away an exact number."
)
#: Shown beside safe-mode tables of change with a confidence interval.
SPREAD_NOTE = (
    "The standard deviation and the effect size are left out of outputs that are safe to "
    "share: read with the confidence interval, they would give away the exact number of people."
)


class Mode(StrEnum):
    """Whether outputs are safe to share (the default) or for internal use only."""

    SAFE = "safe"
    INTERNAL = "internal"


def is_safe(mode: Mode | str) -> bool:
    """True when ``mode`` is safe mode (the default)."""
    return Mode(mode) is Mode.SAFE


def mode_note(mode: Mode | str = Mode.SAFE) -> str:
    """Plain-English note saying which disclosure rule produced an output."""
    if is_safe(mode):
        return (
            "Safe to share: counts from 1 to 7 are shown as [c], other counts are rounded to "
            "the nearest 5, figures based on fewer than 8 people are shown as [c], figures "
            "that would give away a hidden one by subtraction are hidden too, and comments "
            "are left out."
        )
    return (
        "INTERNAL USE ONLY: small numbers are not suppressed or rounded and comments are "
        "shown, so people could be identified. Do not share this output outside the team."
    )


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def is_small(count: float | int | None) -> bool:
    """True for a number of people from 1 to 7: too few to show or to leave derivable."""
    return not _missing(count) and 0 < float(count) < MINIMUM_PEOPLE


def round_to_5(count: int) -> int:
    """Round a whole count to the nearest multiple of 5 (counts never fall halfway)."""
    return int(ROUND_TO * math.floor(count / ROUND_TO + 0.5))


def safe_count(count: int | float | None, mode: Mode | str = Mode.SAFE) -> int | str | None:
    """Return ``count`` as it may be shown: 0, ``[c]`` for 1 to 7, else rounded to 5."""
    if _missing(count):
        return None
    count = int(count)
    if count < 0:
        raise ValueError(f"A count cannot be negative (got {count}).")
    if not is_safe(mode) or count == 0:
        return count
    if count < MINIMUM_PEOPLE:
        return SUPPRESSED
    return round_to_5(count)


def safe_statistic(
    value: float | None, people: int, mode: Mode | str = Mode.SAFE, digits: int = 1
) -> float | str | None:
    """A statistic (mean, change, average) from ``people`` people, as it may be shown.

    Safe mode: ``[c]`` from 1 to 7 people, even when the statistic could not be worked out
    (a spread from one person), because a blank would say that only one person was measured.
    Nothing from nobody is ``None``.
    """
    people = 0 if _missing(people) else int(people)
    if is_safe(mode) and 0 < people < MINIMUM_PEOPLE:
        return SUPPRESSED
    if _missing(value):
        return None
    return round(float(value), digits)


def safe_counts(
    frame: pd.DataFrame, columns: list[str], mode: Mode | str = Mode.SAFE
) -> pd.DataFrame:
    """Copy of ``frame`` with each count column made safe; the input is not changed."""
    result = frame.copy()
    for column in columns:
        result[column] = result[column].map(lambda c: safe_count(c, mode)).astype(object)
    return result


# --- Totals and complements ---------------------------------------------------------------------


def protect_parts(
    parts: Sequence[float], total_hidden: bool = False, sizes: Sequence[float] | None = None
) -> tuple[list[bool], bool]:
    """Secondary suppression for parts that add up to a published total.

    ``parts`` are the parts' counts of people (or, with ``sizes``, their values and
    ``sizes`` the people each rests on). A part resting on 1 to 7 people is hidden. If any
    part is hidden, the hidden parts together must rest on at least 8 people and be at least
    two, or the total minus the shown parts would describe them: the smallest shown part with
    people in it is hidden too, until that holds. If no part is left to hide, the total is
    hidden. Returns (hidden flag per part, whether the total must be hidden).
    """
    people = [0.0 if _missing(s) else float(s) for s in (sizes if sizes is not None else parts)]
    hidden = [is_small(p) for p in people]
    if total_hidden:
        return hidden, True
    while any(hidden):
        hidden_people = sum(p for p, h in zip(people, hidden, strict=True) if h)
        if hidden_people >= MINIMUM_PEOPLE and sum(hidden) >= 2:
            return hidden, False
        candidates = [i for i, (p, h) in enumerate(zip(people, hidden, strict=True)) if not h and p]
        if not candidates:
            return hidden, True
        hidden[min(candidates, key=lambda i: people[i])] = True
    return hidden, False


def separate_groups(
    groups: Mapping[Hashable, np.ndarray], order: Iterable[Hashable] | None = None
) -> set[Hashable]:
    """Which statistics to hide so that no two shown groups differ by 1 to 7 people.

    ``groups`` maps a key (one published statistic of a quantity, such as "mean weight at
    baseline of the people measured again after the intervention") to a boolean flag per
    person saying who it rests on. The same quantity over two groups that differ by a few
    people gives those people away: (sum over one) minus (sum over the other). Groups of 1 to
    7 people are hidden; then, in ``order`` (default: largest group first), a group is kept
    only if it differs from every group already kept by 0 or at least 8 people.
    """
    keys = list(order) if order is not None else sorted(groups, key=lambda k: -groups[k].sum())
    kept: list[np.ndarray] = []
    hidden: set[Hashable] = set()
    for key in keys:
        members = np.asarray(groups[key], dtype=bool)
        if is_small(members.sum()):
            hidden.add(key)
            continue
        if any(is_small(np.count_nonzero(members ^ other)) for other in kept):
            hidden.add(key)
            continue
        if members.any():
            kept.append(members)
    return hidden


# --- Percentages --------------------------------------------------------------------------------


def _rounded_range(count: int) -> range:
    """Counts that round to the same shown value as ``count`` (and are not small)."""
    shown = round_to_5(count)
    low = max(MINIMUM_PEOPLE, shown - ROUND_TO // 2)
    return range(low, shown + ROUND_TO // 2 + 1)


def _percent(part: float, whole: float) -> int:
    return int(PERCENT_STEP * math.floor(100 * part / whole / PERCENT_STEP + 0.5))


def safe_percents(
    parts: Sequence[int], whole: int, mode: Mode | str = Mode.SAFE
) -> list[float | int | str]:
    """Each part as a percentage of ``whole``, as it may be shown beside the counts.

    Internal mode: exact, to 1 decimal. Safe mode: the exact percentage rounded to the nearest
    5 (so it is true of the real figures), with each percentage checked against the attack a
    reader could make: every pair of counts that would be shown as the same rounded counts
    and give the same percentages. A percentage is ``[c]`` when its part, the whole or what is
    left over is 1 to 7, or when the shown figures would pin the exact part, whole or
    remainder. Percentages that share a whole are checked together, because a reader would
    read them together. An empty whole gives NaN.
    """
    parts = [int(p) for p in parts]
    whole = int(whole)
    for part in parts:
        if part < 0 or whole < 0 or part > whole:
            raise ValueError(f"A part ({part}) must be between 0 and its whole ({whole}).")
    if whole == 0:
        return [math.nan for _ in parts]
    if not is_safe(mode):
        return [round(100 * p / whole, 1) for p in parts]
    shown: list[float | int | str] = []
    for part in parts:
        if is_small(whole):
            shown.append(SUPPRESSED)
        elif part == 0:
            shown.append(0)
        elif part == whole:
            shown.append(100)
        elif is_small(part) or is_small(whole - part):
            shown.append(SUPPRESSED)
        else:
            shown.append(min(max(_percent(part, whole), PERCENT_STEP), 100 - PERCENT_STEP))
    while True:
        pinned = _pinned_percents(parts, whole, shown)
        if not pinned:
            return shown
        for index in pinned:
            shown[index] = SUPPRESSED


def _pinned_percents(
    parts: Sequence[int], whole: int, shown: Sequence[float | int | str]
) -> list[int]:
    """Indices of shown percentages that, with the rounded counts, pin an exact count."""
    checked = [i for i, s in enumerate(shown) if isinstance(s, int) and 0 < s < 100]
    if not checked:
        return []
    wholes = [w for w in _rounded_range(whole) if w >= 2 * MINIMUM_PEOPLE]

    def fits(index: int, candidate_whole: int) -> list[int]:
        return [
            p
            for p in _rounded_range(parts[index])
            if p <= candidate_whole - MINIMUM_PEOPLE
            and min(max(_percent(p, candidate_whole), PERCENT_STEP), 100 - PERCENT_STEP)
            == shown[index]
        ]

    feasible = {w: {i: fits(i, w) for i in checked} for w in wholes}
    feasible = {w: f for w, f in feasible.items() if all(f.values())}
    if len(feasible) < 2:
        return checked
    pinned = []
    for index in checked:
        candidate_parts = {p for f in feasible.values() for p in f[index]}
        remainders = {w - p for w, f in feasible.items() for p in f[index]}
        if len(candidate_parts) < 2 or len(remainders) < 2:
            pinned.append(index)
    return pinned


def safe_percent(part: int, whole: int, mode: Mode | str = Mode.SAFE) -> float | int | str:
    """One percentage as it may be shown (see :func:`safe_percents`)."""
    return safe_percents([part], whole, mode)[0]


# --- Counts that are parts of a total, and changes between two counts ----------------------


def protected_parts(
    counts: list[int],
    mode: Mode | str,
    release: Release | None = None,
    where: tuple[str, list[str], str] | None = None,
) -> list[int | str]:
    """Counts that are parts of a published total, as they may be shown.

    Safe mode: each is rounded (``[c]`` for 1 to 7), and :func:`protect_parts` hides more
    parts when the total minus the shown ones would give a hidden one away. With ``release``
    and ``where`` (table, row names, column), each hidden count is recorded with its rule.
    """
    shown = [safe_count(c, mode) for c in counts]
    if not is_safe(mode):
        return shown
    hidden, _ = protect_parts(counts)
    if release is not None and where is not None:
        table, rows, column = where
        for row, count, hide in zip(rows, counts, hidden, strict=True):
            if hide:
                release.record(table, row, column, "small" if is_small(count) else "complement")
    return [SUPPRESSED if h else v for h, v in zip(hidden, shown, strict=True)]


def _window(count: int) -> range:
    """Counts a reader could think lie behind ``count`` once it is shown rounded."""
    if count == 0:
        return range(0, 1)
    shown = round_to_5(count)
    return range(max(MINIMUM_PEOPLE, shown - ROUND_TO // 2), shown + ROUND_TO // 2 + 1)


def _change_step(before: int, after: int) -> int:
    """The percentage change rounded to the nearest 5."""
    change = (after - before) / before * 100
    return int(PERCENT_STEP * math.floor(change / PERCENT_STEP + 0.5))


def safe_change(before: int, after: int, mode: Mode | str = Mode.SAFE) -> float | str | None:
    """The percentage change from ``before`` to ``after`` people, as it may be shown.

    Internal: exact, to 1 decimal. Safe: the exact change rounded to the nearest 5 (true of
    the real figures), or ``[c]`` when either count is from 1 to 7 or when, with the rounded
    counts shown beside it, it would pin the exact before or after count. ``None`` when
    ``before`` is 0.
    """
    if before == 0:
        return None
    if not is_safe(mode):
        return round((after - before) / before * 100, 1)
    if is_small(before) or is_small(after):
        return SUPPRESSED
    shown = _change_step(before, after)
    feasible = [
        (b, a) for b in _window(before) for a in _window(after) if _change_step(b, a) == shown
    ]
    if len({b for b, _ in feasible}) < 2 or len({a for _, a in feasible}) < 2:
        return SUPPRESSED
    return float(shown)


# --- What one run hid, and why ------------------------------------------------------------------


@dataclass(frozen=True)
class Hidden:
    """One figure hidden in a safe output: where it was and which rule hid it."""

    table: str
    row: str
    column: str
    rule: str


#: The rules, as the release report names them.
RULES = {
    "small": "rests on 1 to 7 people",
    "complement": "would let a hidden figure be worked out by subtraction from a total",
    "overlap": "describes a group that differs by 1 to 7 people from a group shown elsewhere",
    "pinned": "would give away an exact number read beside the rounded counts",
    "free text": "is people's own words, which can identify someone",
    "too few to rank": "is an item rated by fewer than 8 people, so it is not ranked",
    "misleading": "would, once rounded, show a comparison the other way round from the real one",
}


@dataclass
class Release:
    """Everything one run of a tool hid in safe mode, for the report's "What was hidden"."""

    mode: Mode = Mode.SAFE
    hidden: list[Hidden] = field(default_factory=list)

    def record(self, table: str, row: str, column: str, rule: str) -> None:
        """Note that a figure was hidden, and by which rule (a key of :data:`RULES`)."""
        if rule not in RULES:
            raise ValueError(f"Unknown disclosure rule {rule!r}.")
        if is_safe(self.mode):
            self.hidden.append(Hidden(table, row, column, rule))

    def summary(self) -> pd.DataFrame:
        """How many figures each rule hid in each table."""
        frame = pd.DataFrame(
            [(h.table, RULES[h.rule]) for h in self.hidden], columns=["Table", "Hidden because it"]
        )
        if frame.empty:
            return frame.assign(Figures=pd.Series(dtype=int))
        return frame.value_counts(sort=False).rename("Figures").reset_index()
