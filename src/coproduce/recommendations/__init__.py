"""NSUN's Healthy Lives recommendations: filter, count and chart them, and plan local action.

The 24 recommendations and their nine areas come from ``data/`` (restated in the guide's words).
NSUN's report does not say who should act on each one, so ``data/nsun_recommendation_actors.csv``
holds the guide's own reading: one row per recommendation and group that would act on it. A team
can load its own reading instead with :func:`read_actors`, which checks the file and reports every
problem in words.

The chart carries its own plotly menu, so on the static website a reader can filter the bars by
who acts without a running notebook. The action plan functions turn picked recommendations into a
small table (action, owner, due date, status) that can be saved as CSV and as Markdown.

Computing is kept apart from presenting, as in :mod:`coproduce.evaluation`:
:mod:`~coproduce.recommendations.inputs`, :mod:`~coproduce.recommendations.selection`,
:mod:`~coproduce.recommendations.plan` read and compute (data in, frames and dataclasses out);
:mod:`~coproduce.recommendations.words`, :mod:`~coproduce.recommendations.charts` and
:mod:`~coproduce.recommendations.report` turn the results into sentences, charts with text
alternatives, tables and the report, through :mod:`coproduce.present`. The command and the
notebook call the same functions, all re-exported here.
"""

from coproduce.recommendations.charts import (
    areas_chart,
    describe_areas_chart,
)
from coproduce.recommendations.inputs import (
    ACTORS,
    ACTORS_RESOURCE,
    ALL_ACTORS,
    TEAM_COLUMNS,
    actors_schema,
    load_recommendations,
    read_actors,
)
from coproduce.recommendations.plan import (
    PLAN_COLUMNS,
    STATUSES,
    add_to_plan,
    empty_action_plan,
    remove_from_plan,
)
from coproduce.recommendations.report import (
    TITLE,
    action_plan_markdown,
    report_sections,
    save_action_plan,
    table_html,
)
from coproduce.recommendations.selection import (
    counts_by_area,
    counts_table,
    filter_recommendations,
    with_actors,
)

__all__ = [
    "TITLE",
    "report_sections",
    "ACTORS",
    "ACTORS_RESOURCE",
    "ALL_ACTORS",
    "PLAN_COLUMNS",
    "STATUSES",
    "TEAM_COLUMNS",
    "action_plan_markdown",
    "actors_schema",
    "add_to_plan",
    "areas_chart",
    "counts_by_area",
    "counts_table",
    "describe_areas_chart",
    "empty_action_plan",
    "filter_recommendations",
    "load_recommendations",
    "read_actors",
    "remove_from_plan",
    "save_action_plan",
    "table_html",
    "with_actors",
]
