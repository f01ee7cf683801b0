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

from coproduce.disclosure import Mode
from coproduce.evaluation.checks import collected, measures_in_use
from coproduce.evaluation.people import PersonIndex, time_index
from coproduce.evaluation.schema import (
    ASSESSED,
    COLLECTED_MEASURES,
    TIME_LABELS,
    TIME_POINTS,
    WITHDRAWN,
)
from coproduce.evaluation.suppression import shown_count, shown_percent

ALL_SITES = "All sites"
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
    withdrawn = scored["status"].to_numpy(dtype=object) == WITHDRAWN
    withdrew_at = people.min(order, withdrawn)
    left_row = people.first_row(withdrawn & (order == people.per_row(withdrew_at)))
    reasons = scored["withdrawal_reason"].to_numpy(dtype=object)[np.maximum(left_row, 0)]
    return pd.DataFrame(
        {
            "participant_id": people.ids,
            "site": scored["site"].to_numpy(dtype=object)[people.first_row()],
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
    assessed_rows = scored["status"].to_numpy(dtype=object) == ASSESSED
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


def recruitment_funnel(
    scored: pd.DataFrame, mode: Mode | str = Mode.SAFE, counts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Recruitment and retention per site and for all sites, as it may be shown in ``mode``.

    The percentage of those recruited at the "Completed the intervention" stage is the
    completion rate; at follow-up it is retention to follow-up. ``counts`` (from
    :func:`funnel_counts`) saves working them out again.
    """
    counts = funnel_counts(scored) if counts is None else counts
    table = pd.DataFrame(
        {
            "Site": counts["site"],
            "Stage": counts["stage"],
            "People": [shown_count(n, mode) for n in counts["people"]],
            "Left before this stage": [shown_count(n, mode) for n in counts["left"]],
            "Assessed at this time point": [shown_count(n, mode) for n in counts["assessed"]],
            "% of those recruited": [
                shown_percent(n, d, mode)
                for n, d in zip(counts["people"], counts["recruited"], strict=True)
            ],
        }
    )
    return table.astype(object)


def headline(
    scored: pd.DataFrame, mode: Mode | str = Mode.SAFE, counts: pd.DataFrame | None = None
) -> dict[str, object]:
    """The key feasibility numbers for all sites: recruited, completed, followed up, rates."""
    counts = funnel_counts(scored) if counts is None else counts
    overall = counts[counts["site"] == ALL_SITES].set_index("time_point")
    recruited = int(overall.loc["baseline", "people"])
    result: dict[str, object] = {"Recruited": shown_count(recruited, mode)}
    for point, words in [
        ("post-intervention", "Completed the intervention"),
        ("follow-up", "Still taking part at follow-up"),
    ]:
        if point in overall.index:
            people = int(overall.loc[point, "people"])
            result[words] = shown_count(people, mode)
            result[f"{words} (% of those recruited)"] = shown_percent(people, recruited, mode)
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


def withdrawal_reasons(
    scored: pd.DataFrame,
    mode: Mode | str = Mode.SAFE,
    people: PersonIndex | None = None,
    person: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How many people left for each reason, and when they left, as it may be shown."""
    people = participants(scored, people) if person is None else person
    left = people[people["withdrew_at"].notna()].copy()
    columns = ["When they left", "Reason", "People"]
    if left.empty:
        return pd.DataFrame(columns=columns).astype(object)
    left["when"] = left["withdrew_at"].astype(int).map(dict(enumerate(TIME_POINTS)))
    left["reason"] = tidy_reasons(left["reason"])
    counts = left.groupby(["when", "reason"]).size().reset_index(name="people")
    counts["order"] = counts["when"].map(TIME_POINTS.index)
    counts = counts.sort_values(["order", "people", "reason"], ascending=[True, False, True])
    table = pd.DataFrame(
        {
            "When they left": counts["when"].map(LEFT_WHEN).to_numpy(),
            "Reason": counts["reason"].to_numpy(),
            "People": [shown_count(n, mode) for n in counts["people"]],
        }
    )
    return table.astype(object)


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
) -> pd.DataFrame:
    """For each measure and time point: people assessed, how many gave the measure, and %.

    Only measures used in the file appear (a measure blank on every row is not used).
    ``done`` (from :func:`collected_masks`) saves working the flags out again.
    """
    done = collected_masks(scored) if done is None else done
    order = time_index(scored)
    assessed = scored["status"].to_numpy(dtype=object) == ASSESSED
    rows = []
    for measure in (m for m in COLLECTED_MEASURES if m.key in done):
        for position, point in enumerate(TIME_POINTS):
            here = assessed & (order == position)
            if not here.any():
                continue
            total, got = int(here.sum()), int((here & done[measure.key]).sum())
            rows.append(
                {
                    "Measure": measure.label,
                    "Time point": TIME_LABELS[point],
                    "People assessed": shown_count(total, mode),
                    "Measure collected": shown_count(got, mode),
                    "Not collected": shown_count(total - got, mode),
                    "% collected": shown_percent(got, total, mode),
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
) -> pd.DataFrame:
    """Why measures were not collected: people per measure, time point and reason."""
    done = collected_masks(scored) if done is None else done
    order = time_index(scored)
    assessed = scored["status"].to_numpy(dtype=object) == ASSESSED
    used = [m for m in COLLECTED_MEASURES if m.key in done]
    parts = []
    for measure in used:
        if measure.reason is None:
            continue
        missing = assessed & ~done[measure.key]
        if not missing.any():
            continue
        parts.append(
            pd.DataFrame(
                {
                    "measure": measure.label,
                    "order": order[missing],
                    "reason": tidy_reasons(scored[measure.reason].to_numpy(dtype=object)[missing]),
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
    counts = counts.sort_values(
        ["measure_order", "order", "n", "reason"], ascending=[True, True, False, True]
    )
    table = pd.DataFrame(
        {
            "Measure": counts["measure"].to_numpy(),
            "Time point": counts["order"].map(lambda i: TIME_LABELS[TIME_POINTS[i]]).to_numpy(),
            "Reason": counts["reason"].to_numpy(),
            "People": [shown_count(n, mode) for n in counts["n"]],
        }
    )
    return table.astype(object)
