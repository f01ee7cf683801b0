"""A model of the attacker for the tools' attack tests.

The attacker reads a safe output and works out every set of true figures consistent with what
is published: a count shown as ``[c]`` is 1 or more (1 to 7, or hidden to protect another), a
rounded count ``n`` is ``n - 2`` to ``n + 2`` (and at least 8), 0 is 0, and a percentage
rounded to 5 is within 2.5 of the truth. An
attack succeeds only if it narrows a hidden figure (or a figure about fewer than 8 people) to
one value; the tests assert it never does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from coproduce.disclosure import MINIMUM_PEOPLE, ROUND_TO, SUPPRESSED

#: The largest count the attacker considers behind a ``[c]`` (any count can be hidden).
HIDDEN_UP_TO = 10_000
#: What the attacker gets back when a figure the attack needs is not published.
NOT_PUBLISHED = None


def count_window(shown: object, exact: bool = False) -> range:
    """Every true count consistent with a count as shown in a safe output.

    ``exact``: the count is shown as it is (an internal output), the control case that shows
    an attack really works when nothing is protected.
    """
    if exact and shown != SUPPRESSED:
        return range(int(shown), int(shown) + 1)
    if shown == SUPPRESSED:
        # Hidden: 1 to 7, or a larger count hidden to protect another (the reader cannot tell).
        return range(1, HIDDEN_UP_TO)
    value = int(shown)
    if value == 0:
        return range(0, 1)
    assert value % ROUND_TO == 0, f"a safe count must be a multiple of 5, not {shown!r}"
    return range(max(MINIMUM_PEOPLE, value - ROUND_TO // 2), value + ROUND_TO // 2 + 1)


def subtract_from_total(
    total: object, parts: Sequence[object], target: int, exact: bool = False
) -> set[int] | None:
    """Every value of ``parts[target]`` consistent with the shown parts and the shown total.

    The attack of issue 10: total minus the parts shown. Returns ``None`` when the total is
    not published (the attack cannot start).
    """
    if total == SUPPRESSED or total is None:
        return NOT_PUBLISHED
    windows = [count_window(p, exact) for p in parts]
    others_low = sum(w.start for i, w in enumerate(windows) if i != target)
    others_high = sum(w.stop - 1 for i, w in enumerate(windows) if i != target)
    total_window = count_window(total, exact)
    low = total_window.start - others_high
    high = total_window.stop - 1 - others_low
    return {v for v in windows[target] if low <= v <= high}


def percent_window(shown: object) -> tuple[float, float]:
    """The true percentages consistent with a percentage rounded to 5."""
    value = float(str(shown).rstrip("%"))
    return value - 2.5, value + 2.5


def parts_from_percent(part_shown: object, whole_shown: object, percent: object) -> set[int]:
    """Every true part consistent with a rounded part, a rounded whole and a rounded percentage."""
    low, high = percent_window(percent)
    return {
        p
        for w in count_window(whole_shown)
        for p in count_window(part_shown)
        if p <= w and w and low <= 100 * p / w <= high
    }


def means_window(mean: float, people: Iterable[int], digits: int = 1) -> set[tuple[int, int]]:
    """Pairs (people, sum of whole-number scores) consistent with a mean shown to ``digits``."""
    pairs = set()
    for n in people:
        for total in range(
            math.floor((mean - 0.5 * 10**-digits) * n),
            math.ceil((mean + 0.5 * 10**-digits) * n) + 1,
        ):
            if round(total / n, digits) == round(mean, digits):
                pairs.add((n, total))
    return pairs


def hidden_mean_by_subtraction(
    whole: tuple[object, object],
    shown: Sequence[tuple[object, object]],
    hidden_people: Iterable[int],
    exact: bool = False,
) -> set[float] | None:
    """The means of a hidden group consistent with a published overall mean and the others'.

    ``whole`` and each of ``shown`` are (mean as shown, count of people as shown). Returns
    ``None`` when a figure the attack needs is hidden.
    """
    figures = [whole, *shown]
    if any(m in (SUPPRESSED, None) or n in (SUPPRESSED, None) for m, n in figures):
        return NOT_PUBLISHED
    whole_pairs = means_window(float(whole[0]), count_window(whole[1], exact))
    part_pairs = [means_window(float(m), count_window(n, exact)) for m, n in shown]
    sums = {(0, 0)}
    for pairs in part_pairs:
        sums = {(n + a, s + b) for n, s in sums for a, b in pairs}
    hidden = set(hidden_people)
    return {
        round((ws - ps) / (wn - pn), 6)
        for wn, ws in whole_pairs
        for pn, ps in sums
        if wn - pn in hidden and 1 <= (ws - ps) / (wn - pn) <= 5
    }


def live_tags(text: str) -> list[str]:
    """HTML tags that would run or load something if ``text`` were shown as HTML."""
    import re

    return re.findall(r"<\s*(?:script|img|svg|iframe|object|embed)\b[^>]*>", text, flags=re.I)
