"""Feasibility: who joined, who stayed, why people left, and which measures were collected.

These are the questions a feasibility study like IMPACT answers before asking whether an
intervention works: could people be recruited, did they stay, what made them leave, and could
the measures be taken (and if not, why not). Every table here comes in the mode the caller
asks for: safe to share (the default) or internal. Counting is done with pandas group-bys on
whole columns, never row by row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coproduce.disclosure import (
    MINIMUM_PEOPLE,
    SUPPRESSED,
    Mode,
    Release,
    is_safe,
    protect_parts,
    safe_count,
    safe_percents,
)
from coproduce.evaluation.checks import collected, measures_in_use
from coproduce.evaluation.columns import is_value, values_at
from coproduce.evaluation.people import PersonIndex, time_index
from coproduce.evaluation.schema import (
    ASSESSED,
    COLLECTED_MEASURES,
    TIME_LABELS,
    TIME_POINTS,
    WITHDRAWN,
)

ALL_SITES = "All sites"
#: In safe mode, reasons given by fewer than 8 people are counted under this name; the
#: reasons themselves are people's own words and are listed for the team only.
OTHER_REASONS = "Another reason (listed for the team only)"
FUNNEL_TABLE = "Recruitment and retention"
REASONS_TABLE = "Why people left"
COMPLETENESS_TABLE = "Which measures were collected"
NOT_COLLECTED_TABLE = "Why measures were not collected"
#: What being still in the programme at each time point means, as a funnel stage.
STAGES = {
    "baseline": "Recruited",
    "post-intervention": "Completed the intervention",
    "follow-up": "Still taking part at follow-up",
}
#: When someone left, named by the first time point at which they were 'withdrawn'.
LEFT_WHEN = {
    "baseline": "Before the baseline assessment",
    "post-intervention": "During the intervention",
    "follow-up": "After the intervention, before follow-up",
}


def time_points_present(scored: pd.DataFrame) -> list[str]:
    """The file's time points, in the order they happen."""
    order = time_index(scored)
    present = set(np.flatnonzero(np.bincount(order[order >= 0], minlength=len(TIME_POINTS))))
    return [t for i, t in enumerate(TIME_POINTS) if i in present]


def participants(scored: pd.DataFrame, people: PersonIndex | None = None) -> pd.DataFrame:
    """One row per person: site, the time index at which they withdrew (NaN if never), reason.

    The reason comes from the first row on which they are 'withdrawn'.
    """
    people = people or PersonIndex.of(scored)
    order = people.order
    withdrawn = is_value(scored, "status", WITHDRAWN)
    withdrew_at = people.min(order, withdrawn)
    left_row = people.first_row(withdrawn & (order == people.per_row(withdrew_at)))
    reasons = values_at(scored, "withdrawal_reason", np.maximum(left_row, 0))
    return pd.DataFrame(
        {
            "participant_id": people.ids,
            "site": values_at(scored, "site", people.first_row()),
            "withdrew_at": withdrew_at,
            "reason": np.where(left_row >= 0, reasons, None),
        }
    )


def funnel_counts(
    scored: pd.DataFrame, people: PersonIndex | None = None, person: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Exact (unsuppressed) funnel: people still taking part at each stage, per site and overall.

    Columns: ``site``, ``time_point``, ``stage``, ``people`` (still in the programme: not
    withdrawn by this time point), ``assessed`` (assessed at this time point; people still
    taking part may have missed an assessment), ``left`` (withdrew since the previous stage)
    and ``recruited``. ``person`` (from :func:`participants`) saves working it out again.
    """
    people = people or PersonIndex.of(scored)
    person = participants(scored, people) if person is None else person
    site_codes, site_names = pd.factorize(person["site"].to_numpy(dtype=object))
    width = len(site_names)
    row_site = people.per_row(site_codes)
    assessed_rows = is_value(scored, "status", ASSESSED)
    withdrew_at = person["withdrew_at"].to_numpy()
    by_name = sorted(range(width), key=lambda code: str(site_names[code]))
    rows = []
    for position, point in enumerate(TIME_POINTS):
        here = people.order == position
        if not here.any():
            continue
        still = np.ones(people.count, dtype=bool)
        if position > 0:
            still = np.isnan(withdrew_at) | (withdrew_at > position)
        in_stage = np.bincount(site_codes[still], minlength=width)
        assessed = np.bincount(row_site[assessed_rows & here], minlength=width)
        counts = [(ALL_SITES, in_stage.sum(), assessed.sum())]
        counts += [(site_names[c], in_stage[c], assessed[c]) for c in by_name]
        for site, number, measured in counts:
            rows.append(
                {
                    "site": str(site),
                    "time_point": point,
                    "stage": STAGES[point],
                    "people": int(number),
                    "assessed": int(measured),
                }
            )
    table = pd.DataFrame(rows)
    recruited = table[table["time_point"] == "baseline"].set_index("site")["people"]
    table["recruited"] = table["site"].map(recruited).astype(int)
    previous = table.groupby("site", sort=False)["people"].shift(1)
    table["left"] = (previous - table["people"]).fillna(0).astype(int)
    sites = list(dict.fromkeys(table["site"]))
    table["site_order"] = table["site"].map(sites.index)
    table = table.sort_values(["site_order", "time_point"], key=_time_order, kind="stable")
    return table.drop(columns="site_order").reset_index(drop=True)


def _time_order(column: pd.Series) -> pd.Series:
    return column.map(TIME_POINTS.index) if column.name == "time_point" else column


def _protected(
    parts: list[int], mode: Mode | str, total_hidden: bool = False
) -> tuple[list[bool], bool]:
    """Which parts (and whether the total) to hide; nothing is hidden in internal mode."""
    if not is_safe(mode):
        return [False] * len(parts), False
    return protect_parts(parts, total_hidden)


def _record(release: Release | None, table: str, row: str, column: str, count: int) -> None:
    if release is not None:
        release.record(table, row, column, "small" if 0 < count < MINIMUM_PEOPLE else "complement")


def recruitment_funnel(
    scored: pd.DataFrame,
    mode: Mode | str = Mode.SAFE,
    counts: pd.DataFrame | None = None,
    release: Release | None = None,
) -> pd.DataFrame:
    """Recruitment and retention per site and for all sites, as it may be shown in ``mode``.

    The percentage of those recruited at the "Completed the intervention" stage is the
    completion rate; at follow-up it is retention to follow-up. ``counts`` (from
    :func:`funnel_counts`) saves working them out again. In safe mode the sites are parts of
    "All sites" at each stage: a hidden site figure is protected from subtraction, and a
    percentage is hidden with its count.
    """
    counts = funnel_counts(scored) if counts is None else counts
    shown = {column: [safe_count(n, mode) for n in counts[column]] for column in COUNTED}
    for column, label in COUNTED.items():
        for _, stage in counts.groupby("time_point", sort=False):
            sites = stage.index[stage["site"] != ALL_SITES]
            total = stage.index[stage["site"] == ALL_SITES]
            hidden, total_hidden = _protected(counts.loc[sites, column].tolist(), mode)
            for index, hide in zip(sites, hidden, strict=True):
                if hide:
                    shown[column][index] = SUPPRESSED
                    _record(
                        release,
                        FUNNEL_TABLE,
                        _where(counts, index),
                        label,
                        counts.at[index, column],
                    )
            if total_hidden:
                for index in total:
                    shown[column][index] = SUPPRESSED
                    _record(
                        release,
                        FUNNEL_TABLE,
                        _where(counts, index),
                        label,
                        counts.at[index, column],
                    )
    percent: list[object] = [None] * len(counts)
    for _, site in counts.groupby("site", sort=False):
        values = safe_percents(site["people"].tolist(), int(site["recruited"].iloc[0]), mode)
        for index, value in zip(site.index, values, strict=True):
            percent[index] = SUPPRESSED if shown["people"][index] == SUPPRESSED else value
    table = pd.DataFrame({"Site": counts["site"], "Stage": counts["stage"]})
    for column, label in COUNTED.items():
        table[label] = shown[column]
    table["% of those recruited"] = percent
    return table.astype(object)


#: The funnel's count columns and their headings.
COUNTED = {
    "people": "People",
    "left": "Left before this stage",
    "assessed": "Assessed at this time point",
}


def _where(counts: pd.DataFrame, index: int) -> str:
    return f"{counts.at[index, 'site']}, {counts.at[index, 'stage']}"


def headline(
    scored: pd.DataFrame,
    mode: Mode | str = Mode.SAFE,
    counts: pd.DataFrame | None = None,
    funnel: pd.DataFrame | None = None,
) -> dict[str, object]:
    """The key feasibility numbers for all sites, exactly as the funnel table shows them."""
    counts = funnel_counts(scored) if counts is None else counts
    funnel = recruitment_funnel(scored, mode, counts) if funnel is None else funnel
    overall = funnel[funnel["Site"] == ALL_SITES].set_index("Stage")
    recruited = STAGES["baseline"]
    result: dict[str, object] = {"Recruited": overall.loc[recruited, "People"]}
    for point in ("post-intervention", "follow-up"):
        words = STAGES[point]
        if words in overall.index:
            result[words] = overall.loc[words, "People"]
            result[f"{words} (% of those recruited)"] = overall.loc[words, "% of those recruited"]
    return result


def _tidy(text: str) -> str:
    words = " ".join(str(text).split())
    return words[:1].upper() + words[1:] if words else "Not given"


def tidy_reasons(reasons: pd.Series | np.ndarray) -> np.ndarray:
    """Group reasons written slightly differently: trimmed, single spaces, capital first.

    Only the distinct reasons are tidied, so this is quick however many rows there are.
    Blank reasons become "Not given".
    """
    codes, distinct = pd.factorize(np.asarray(reasons, dtype=object))
    lookup = np.array([_tidy(text) for text in distinct] + ["Not given"], dtype=object)
    return lookup[codes]


def _common_reasons(reasons: np.ndarray, mode: Mode | str) -> np.ndarray:
    """In safe mode, name only reasons that at least 8 people gave; group the rest.

    A reason typed by one person is their own words and can identify them (or someone else),
    so it is never published in safe mode; a reason many people gave is a category.
    """
    if not is_safe(mode) or not len(reasons):
        return reasons
    codes, _ = pd.factorize(reasons)
    common = np.bincount(codes) >= MINIMUM_PEOPLE
    return np.where(common[codes], reasons, OTHER_REASONS)


def _counted_table(
    counts: pd.DataFrame,
    group_by: str,
    mode: Mode | str,
    release: Release | None,
    table_name: str,
    hidden_totals: set[object] = frozenset(),
) -> list[object]:
    """Shown counts of ``counts['n']``, each group of rows protected as parts of its total."""
    shown: list[object] = [safe_count(n, mode) for n in counts["n"]]
    for key, group in counts.groupby(group_by, sort=False):
        hidden, _ = _protected(group["n"].tolist(), mode, key in hidden_totals)
        for position, (index, hide) in enumerate(zip(group.index, hidden, strict=True)):
            if hide:
                shown[counts.index.get_loc(index)] = SUPPRESSED
                label = " / ".join(str(group.iloc[position][c]) for c in group.columns[:3])
                _record(release, table_name, label, "People", int(group["n"].iloc[position]))
    return shown


def withdrawal_reasons(
    scored: pd.DataFrame,
    mode: Mode | str = Mode.SAFE,
    people: PersonIndex | None = None,
    person: pd.DataFrame | None = None,
    release: Release | None = None,
) -> pd.DataFrame:
    """How many people left for each reason, and when they left, as it may be shown.

    Safe mode names only reasons at least 8 people gave (see :func:`internal_reasons` for
    the rest), and protects the reasons of each funnel stage as parts of the number who left
    before it (people who left before baseline or during the intervention are both counted
    as leaving before "Completed the intervention").
    """
    people = participants(scored, people) if person is None else person
    left = people[people["withdrew_at"].notna()].copy()
    columns = ["When they left", "Reason", "People"]
    if left.empty:
        return pd.DataFrame(columns=columns).astype(object)
    left["when"] = left["withdrew_at"].astype(int).map(dict(enumerate(TIME_POINTS)))
    left["reason"] = _common_reasons(tidy_reasons(left["reason"]), mode)
    counts = left.groupby(["when", "reason"]).size().reset_index(name="n")
    counts["order"] = counts["when"].map(TIME_POINTS.index)
    counts["other"] = counts["reason"] == OTHER_REASONS
    counts = counts.sort_values(
        ["order", "other", "n", "reason"], ascending=[True, True, False, True]
    ).reset_index(drop=True)
    counts["stage"] = counts["order"].clip(lower=1)
    counts.insert(0, "When they left", counts["when"].map(LEFT_WHEN))
    shown = _counted_table(
        counts[["When they left", "reason", "stage", "n"]], "stage", mode, release, REASONS_TABLE
    )
    table = pd.DataFrame(
        {
            "When they left": counts["When they left"].to_numpy(),
            "Reason": counts["reason"].to_numpy(),
            "People": shown,
        }
    )
    return table.astype(object)


def internal_reasons(scored: pd.DataFrame) -> pd.DataFrame:
    """Every reason written in the file, word for word, for the team: REVIEW BEFORE SHARING.

    Why people left and why measures were not collected, with how many people gave each
    reason (exact). This is never part of a safe output.
    """
    person = participants(scored)
    left = person[person["withdrew_at"].notna()]
    parts = [pd.DataFrame({"About": "Why people left", "Reason": tidy_reasons(left["reason"])})]
    done = collected_masks(scored)
    assessed = is_value(scored, "status", ASSESSED)
    for measure in (m for m in COLLECTED_MEASURES if m.key in done and m.reason):
        missing = assessed & ~done[measure.key]
        reasons = values_at(scored, measure.reason, missing)
        parts.append(
            pd.DataFrame(
                {"About": f"{measure.label} not collected", "Reason": tidy_reasons(reasons)}
            )
        )
    reasons = pd.concat(parts, ignore_index=True)
    return reasons.value_counts(sort=False).rename("People").reset_index()


def collected_masks(scored: pd.DataFrame) -> dict[str, np.ndarray]:
    """For each measure used in the file: a flag per row, true where it was collected."""
    return {
        measure.key: collected(scored, measure).to_numpy(dtype=bool)
        for measure in measures_in_use(scored)
    }


def completeness(
    scored: pd.DataFrame,
    mode: Mode | str = Mode.SAFE,
    done: dict[str, np.ndarray] | None = None,
    release: Release | None = None,
) -> pd.DataFrame:
    """For each measure and time point: people assessed, how many gave the measure, and %.

    Only measures used in the file appear (a measure blank on every row is not used).
    ``done`` (from :func:`collected_masks`) saves working the flags out again. In safe mode
    "collected" and "not collected" are the two parts of "people assessed": when one is
    hidden, so is the other (and the percentage).
    """
    done = collected_masks(scored) if done is None else done
    order = time_index(scored)
    assessed = is_value(scored, "status", ASSESSED)
    rows = []
    for measure in (m for m in COLLECTED_MEASURES if m.key in done):
        for position, point in enumerate(TIME_POINTS):
            here = assessed & (order == position)
            if not here.any():
                continue
            total, got = int(here.sum()), int((here & done[measure.key]).sum())
            hidden, total_hidden = _protected([got, total - got], mode)
            where = f"{measure.label}, {TIME_LABELS[point]}"
            for hide, column, count in zip(
                hidden, ["Measure collected", "Not collected"], [got, total - got], strict=True
            ):
                if hide:
                    _record(release, COMPLETENESS_TABLE, where, column, count)
            rows.append(
                {
                    "Measure": measure.label,
                    "Time point": TIME_LABELS[point],
                    "People assessed": SUPPRESSED if total_hidden else safe_count(total, mode),
                    "Measure collected": SUPPRESSED if hidden[0] else safe_count(got, mode),
                    "Not collected": SUPPRESSED if hidden[1] else safe_count(total - got, mode),
                    "% collected": SUPPRESSED
                    if any(hidden)
                    else safe_percents([got], total, mode)[0],
                }
            )
    columns = [
        "Measure",
        "Time point",
        "People assessed",
        "Measure collected",
        "Not collected",
        "% collected",
    ]
    return pd.DataFrame(rows, columns=columns).astype(object)


def not_collected_reasons(
    scored: pd.DataFrame,
    mode: Mode | str = Mode.SAFE,
    done: dict[str, np.ndarray] | None = None,
    release: Release | None = None,
) -> pd.DataFrame:
    """Why measures were not collected: people per measure, time point and reason.

    Safe mode names only reasons at least 8 people gave, and protects the reasons for one
    measure at one time point as parts of its "not collected" total.
    """
    done = collected_masks(scored) if done is None else done
    order = time_index(scored)
    assessed = is_value(scored, "status", ASSESSED)
    used = [m for m in COLLECTED_MEASURES if m.key in done]
    parts = []
    for measure in used:
        if measure.reason is None:
            continue
        missing = assessed & ~done[measure.key]
        if not missing.any():
            continue
        reasons = tidy_reasons(values_at(scored, measure.reason, missing))
        parts.append(
            pd.DataFrame(
                {
                    "measure": measure.label,
                    "order": order[missing],
                    "reason": _common_reasons(reasons, mode),
                }
            )
        )
    columns = ["Measure", "Time point", "Reason", "People"]
    if not parts:
        return pd.DataFrame(columns=columns).astype(object)
    long = pd.concat(parts, ignore_index=True)
    counts = long.groupby(["measure", "order", "reason"], sort=False).size().reset_index(name="n")
    labels = [m.label for m in used]
    counts["measure_order"] = counts["measure"].map(labels.index)
    counts["other"] = counts["reason"] == OTHER_REASONS
    counts = counts.sort_values(
        ["measure_order", "order", "other", "n", "reason"],
        ascending=[True, True, True, False, True],
    ).reset_index(drop=True)
    counts["time"] = counts["order"].map(lambda i: TIME_LABELS[TIME_POINTS[i]])
    counts["group"] = counts["measure"] + " / " + counts["time"]
    shown = _counted_table(
        counts[["measure", "time", "reason", "group", "n"]],
        "group",
        mode,
        release,
        NOT_COLLECTED_TABLE,
    )
    table = pd.DataFrame(
        {
            "Measure": counts["measure"].to_numpy(),
            "Time point": counts["time"].to_numpy(),
            "Reason": counts["reason"].to_numpy(),
            "People": shown,
        }
    )
    return table.astype(object)
