"""The engagement tracker in plain English: shares by pathway and the ranking."""

from __future__ import annotations

import pandas as pd

from coproduce.disclosure import (
    SUPPRESSED,
)
from coproduce.engagement.counts import VALUES
from coproduce.present.words import and_list


def share_sentence(table: pd.DataFrame, value: str, event_type: str | None = None) -> str:
    """'The Learning disability and autism pathway had 75% of submissions (15 of 20).'."""
    label = VALUES[value].capitalize()
    rows = table[table.index != "Total"]
    scope = f" at {event_type} events" if event_type else ""
    if rows.empty:
        return f"No {VALUES[value]}{scope} are recorded."
    top = rows.iloc[0]
    grand = table.loc["Total", label]
    if top["Share of the total"] in (SUPPRESSED, "not available"):
        return (
            f"Shares of {VALUES[value]}{scope} are hidden because they rest on counts from 1 to "
            "7 or would give one away."
        )
    return (
        f"The {top.name} pathway had {top['Share of the total']} of {VALUES[value]}"
        f"{scope} ({top[label]} of {grand})."
    )


def ranking_sentence(scores: pd.DataFrame) -> str:
    """Who is the most engaged unit with these weights, in words (ties named together)."""
    top = scores[scores["rank"] == 1]
    best = round(float(top["score"].iloc[0]))
    if len(top) > 1:
        sentence = (
            f"With these weights, {and_list(top['unit'].tolist())} share first place "
            f"(score {best} out of 100)."
        )
    else:
        sentence = (
            f"With these weights, {top['unit'].iloc[0]} is the most engaged unit "
            f"(score {best} out of 100)."
        )
    rest = scores[scores["rank"] > 1].head(2)
    if len(rest):
        others = ", ".join(f"{r.unit} ({round(r.score)})" for r in rest.itertuples())
        sentence += f" Next: {others}."
    return sentence
