"""Engagement tracker: who takes part in involvement events, how that changes, and who leads.

The IMPACT provider collaborative reported that a roadshow by its service user reference group
raised service user participation by 162%, that 87.5% of the entries to its talent showcase came
from one pathway, and it started a "most engaged unit" award. This module works out the same
kinds of figures from a log of involvement events (one row per unit per event), so a service can
track its own.

The calculations, so anyone can check them by hand:

* **Percentage increase** = (after - before) / before x 100. From 50 to 131 is
  (131 - 50) / 50 x 100 = 162%. It cannot be worked out when "before" is 0.
* **Share** of a pathway = its count / the total x 100. 7 of 8 submissions is 87.5%.
* **Engagement score** of a unit: each part of the score (see :data:`COMPONENTS`) is first put
  on a scale from 0 to 100, where 100 is the unit that did best on that part (a unit with half
  the best unit's attendance gets 50). The score is the weighted average of the parts:
  sum(weight x part) / sum(weights). The weights are an argument, shown in a table and
  changeable, so service users and staff can decide together what counts most.

Disclosure control follows the guide's one policy (:mod:`coproduce.disclosure`). In the default
safe mode attendance and submissions are counts about people, so:

* counts from 1 to 7 show as ``[c]`` and others are rounded to the nearest 5;
* parts of a published total (months, units in a quarter, pathways) are protected with
  :func:`~coproduce.disclosure.protect_parts`: when a part is hidden, another part (or the
  total) is hidden too, so no hidden count can be worked out by subtraction;
* percentages (shares and changes) are true: worked out from the exact counts and rounded to
  the nearest 5, and hidden when they rest on 1 to 7 or would, read beside the rounded counts,
  pin an exact count (:func:`~coproduce.disclosure.safe_percents`, :func:`safe_change`);
* rows are put in order by what is shown, never by exact counts that are hidden or rounded;
* scores use the rounded counts (a count from 1 to 7 counts as 5), so no score gives away an
  exact count.

Computing is kept apart from presenting, as in :mod:`coproduce.evaluation`:
:mod:`~coproduce.engagement.inputs`, :mod:`~coproduce.engagement.counts`,
:mod:`~coproduce.engagement.periods`, :mod:`~coproduce.engagement.scores` read and compute (data
in, frames and dataclasses out); :mod:`~coproduce.engagement.words`,
:mod:`~coproduce.engagement.charts` and :mod:`~coproduce.engagement.report` turn the results
into sentences, charts with text alternatives, tables and the report, through
:mod:`coproduce.present`. The command and the notebook call the same functions, all re-exported
here.
"""

from coproduce.engagement.charts import (
    describe_participation,
    participation_chart,
    ranking_chart,
)
from coproduce.engagement.counts import (
    PEOPLE_VALUES,
    VALUES,
    participation_by_month,
    participation_by_unit,
    pathway_share,
    percent_text,
    percentage_increase,
    share_percent,
    total,
)
from coproduce.engagement.inputs import (
    RESOURCE,
    load_events,
)
from coproduce.engagement.periods import (
    Comparison,
    Period,
    choose_periods,
    compare_periods,
    default_periods,
    periods_around,
)
from coproduce.engagement.report import (
    TITLE,
    report_sections,
    score_widget,
    scores_for_display,
    scores_html,
    weights_table,
)
from coproduce.engagement.scores import (
    COMPONENTS,
    DECISION_EVENTS,
    DEFAULT_WEIGHTS,
    Component,
    check_weights,
    engagement_scores,
    unit_components,
)
from coproduce.engagement.words import (
    ranking_sentence,
    share_sentence,
)

__all__ = [
    "TITLE",
    "report_sections",
    "COMPONENTS",
    "Comparison",
    "Component",
    "DECISION_EVENTS",
    "DEFAULT_WEIGHTS",
    "PEOPLE_VALUES",
    "Period",
    "RESOURCE",
    "VALUES",
    "check_weights",
    "choose_periods",
    "compare_periods",
    "default_periods",
    "describe_participation",
    "engagement_scores",
    "load_events",
    "participation_by_month",
    "participation_by_unit",
    "participation_chart",
    "pathway_share",
    "percent_text",
    "percentage_increase",
    "periods_around",
    "ranking_chart",
    "ranking_sentence",
    "score_widget",
    "scores_for_display",
    "scores_html",
    "share_percent",
    "share_sentence",
    "total",
    "unit_components",
    "weights_table",
]
