"""The engagement tracker as a report and as notebook tables: scores, weights, sliders."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from coproduce.disclosure import (
    Mode,
    Release,
    mode_note,
)
from coproduce.engagement.charts import participation_chart, ranking_chart
from coproduce.engagement.counts import (
    participation_by_month,
    participation_by_unit,
    pathway_share,
    percent_text,
)
from coproduce.engagement.periods import choose_periods, compare_periods
from coproduce.engagement.scores import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    check_weights,
    engagement_scores,
    unit_components,
)
from coproduce.engagement.words import ranking_sentence, share_sentence
from coproduce.present.numbers import whole_number
from coproduce.present.report import Section
from coproduce.present.tables import html_table


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
            "Weight": [whole_number(checked[c.key]) for c in COMPONENTS],
            "Share of the score": [percent_text(checked[c.key] / whole * 100) for c in COMPONENTS],
            "Why the starting weight is what it is": [
                f"Starting weight {c.default_weight}. {c.reason}" for c in COMPONENTS
            ],
        }
    ).set_index("Part of the score")


def scores_html(scores: pd.DataFrame, weights: Mapping[str, float]) -> str:
    """The ranking and the weights' shares as an HTML snippet (used by the sliders)."""
    checked = check_weights(weights)
    whole = sum(checked.values())
    shares = ", ".join(
        f"{c.name}: {percent_text(checked[c.key] / whole * 100)}" for c in COMPONENTS
    )
    body = html_table(
        scores_for_display(scores), "Engagement scores by unit", table_class="dataframe"
    )
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


#: The report's title.
TITLE = "Engagement tracker"


def report_sections(
    events: pd.DataFrame,
    mode: Mode | str,
    release: Release | None,
    data_label: str,
    split_date: str | None = None,
) -> list[Section]:
    """The report's sections: participation over time, share by pathway, engagement scores."""
    by_month = participation_by_month(events, mode, release)
    before, after = choose_periods(events, split_date)
    comparison = compare_periods(events, before, after, "attendance", mode)
    share = pathway_share(events, "attendance", mode=mode)
    scores = engagement_scores(unit_components(events, mode), DEFAULT_WEIGHTS)
    by_unit = participation_by_unit(events, mode, release).reset_index()
    return [
        Section(
            "Participation over time",
            [comparison.sentence()],
            [participation_chart(by_month, data_label)],
            [
                (
                    "Events and times service users took part, by month",
                    by_month.drop(columns="attendance").rename(
                        columns={"events": "Events", "attendance_shown": "Times taking part"}
                    ),
                ),
                ("Times service users took part, by unit and quarter", by_unit),
            ],
        ),
        Section(
            "Share by pathway",
            [share_sentence(share, "attendance")],
            [],
            [("Share of participation by pathway", share)],
        ),
        Section(
            "Engagement scores",
            [ranking_sentence(scores)],
            [ranking_chart(scores, data_label)],
            [("Engagement scores by unit", scores_for_display(scores))],
        ),
    ]
