"""TODO report."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from coproduce.disclosure import (
    Mode,
    mode_note,
)
from coproduce.engagement.counts import percent_text
from coproduce.engagement.scores import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    check_weights,
    engagement_scores,
)
from coproduce.engagement.words import ranking_sentence


def scores_for_display(scores: pd.DataFrame) -> pd.DataFrame:
    """The ranking with plain column names and whole-number scores."""
    names = {c.key: c.name for c in COMPONENTS}
    table = scores.rename(columns={"unit": "Unit", "rank": "Rank", "score": "Score (0 to 100)"})
    table = table.rename(columns=names)
    ordered = ["Rank", "Unit", "Score (0 to 100)", *names.values()]
    table = table[ordered].copy()
    for column in ordered[2:]:
        table[column] = table[column].round(0).astype(int)
    return table.set_index("Rank")


def weights_table(weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Each part of the score: what it counts, its weight, its share of the score, and why."""
    checked = check_weights(weights)
    whole = sum(checked.values())
    return pd.DataFrame(
        {
            "Part of the score": [c.name for c in COMPONENTS],
            "What it counts": [c.counts for c in COMPONENTS],
            "Weight": [_plain(checked[c.key]) for c in COMPONENTS],
            "Share of the score": [percent_text(checked[c.key] / whole * 100) for c in COMPONENTS],
            "Why the starting weight is what it is": [
                f"Starting weight {c.default_weight}. {c.reason}" for c in COMPONENTS
            ],
        }
    ).set_index("Part of the score")


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def scores_html(scores: pd.DataFrame, weights: Mapping[str, float]) -> str:
    """The ranking and the weights' shares as an HTML snippet (used by the sliders)."""
    checked = check_weights(weights)
    whole = sum(checked.values())
    shares = ", ".join(
        f"{c.name}: {percent_text(checked[c.key] / whole * 100)}" for c in COMPONENTS
    )
    body = scores_for_display(scores).to_html(index=False, border=0, classes="dataframe")
    return (
        f"<p><strong>{html.escape(ranking_sentence(scores))}</strong></p>"
        f"<p>How much each part counts: {html.escape(shares)}.</p>{body}"
    )


def score_widget(components: pd.DataFrame, mode: Mode | str = Mode.SAFE):
    """Sliders (0 to 5) for each weight, and the ranking they give, updated as they move.

    Returns an ``ipywidgets.VBox``; its ``sliders`` attribute maps each part's key to its
    slider and ``result`` is the HTML the ranking is written to.
    """
    import ipywidgets as widgets

    sliders = {
        c.key: widgets.IntSlider(
            value=c.default_weight,
            min=0,
            max=5,
            step=1,
            description=c.name,
            style={"description_width": "17em"},
            layout=widgets.Layout(width="34em"),
        )
        for c in COMPONENTS
    }
    result = widgets.HTML()

    def update(change: object = None) -> None:
        weights = {key: slider.value for key, slider in sliders.items()}
        try:
            scores = engagement_scores(components, weights)
        except ValueError as error:
            result.value = f"<p><strong>{html.escape(str(error))}</strong></p>"
            return
        result.value = (
            scores_html(scores, weights) + f"<p><em>{html.escape(mode_note(mode))}</em></p>"
        )

    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    box = widgets.VBox([*sliders.values(), result])
    box.sliders = sliders
    box.result = result
    return box
