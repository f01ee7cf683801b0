"""4Pi self-assessment: score a bank of statements, place the result on the ladder, compare roles.

People rate statements about their service's co-production (``data/fourpi_statements.csv``,
written for the guide, four for each of the five 4Pi standards) from 1 (strongly disagree) to 5
(strongly agree). Scores are plain averages, so anyone can check them by hand:

* a **standard score** is the mean of the statements a person answered for that standard;
* the **overall score** is the mean of a person's standard scores (each standard counts the same);
* a **team score** for a role is the mean of the scores of the people in that role;
* the **gap** for a standard is the service users' team score minus the staff team score. A
  negative gap means staff see the service more positively than the people who use it.

Where the overall score sits on the ladder of co-production (``data/coproduction_ladder.csv``)
is the guide's own rule of thumb, not a validated scale: the range from 1 to 5 is cut into seven
equal bands, one per rung (:func:`ladder_rung`, :func:`ladder_bands`). It is there to start a
conversation, not to grade a service.

Team summaries go through :mod:`coproduce.disclosure`, the guide's one disclosure policy: in the
default safe mode, counts of people from 1 to 7 are suppressed (others rounded to the nearest 5),
any mean or gap resting on fewer than 8 people is suppressed, and the numbers of people in each
role are protected against the total so no hidden one follows by subtraction. Roles are separate
groups and no mean over everyone is published, so no two published means of one standard rest
on groups of people that overlap. The answers file has no free text beyond a respondent code,
which no team output shows. Every CSV written neutralises formula cells.

Computing is kept apart from presenting, as in :mod:`coproduce.evaluation`:
:mod:`~coproduce.selfassessment.inputs`, :mod:`~coproduce.selfassessment.scoring` read and
compute (data in, frames and dataclasses out); :mod:`~coproduce.selfassessment.words`,
:mod:`~coproduce.selfassessment.charts` and :mod:`~coproduce.selfassessment.report` turn the
results into sentences, charts with text alternatives, tables and the report, through
:mod:`coproduce.present`. The command and the notebook call the same functions, all re-exported
here.
"""

from coproduce.selfassessment.charts import (
    RADAR_AXES_LABEL,
    gap_chart,
    radar_chart,
)
from coproduce.selfassessment.inputs import (
    OVERALL,
    RATING_MAX,
    RATING_MIN,
    RESPONSES_RESOURCE,
    ROLE_KEYS,
    ROLES,
    example_person,
    example_responses_path,
    load_ladder,
    load_statements,
    parse_mode,
    read_responses,
    responses_schema,
    standards_in_order,
)
from coproduce.selfassessment.report import (
    TITLE,
    export_summary,
    readable_summary,
    report_sections,
    save_individual_result,
)
from coproduce.selfassessment.scoring import (
    RUNGS,
    individual_summary,
    ladder_bands,
    ladder_position,
    ladder_rung,
    overall_score,
    person_scores,
    respondent_counts,
    safe_team_summary,
    standard_scores,
    team_ladder,
    team_profiles,
    team_scores,
)
from coproduce.selfassessment.words import (
    ladder_sentence,
)

__all__ = [
    "TITLE",
    "report_sections",
    "OVERALL",
    "RADAR_AXES_LABEL",
    "RATING_MAX",
    "RATING_MIN",
    "RESPONSES_RESOURCE",
    "ROLES",
    "ROLE_KEYS",
    "RUNGS",
    "example_person",
    "example_responses_path",
    "export_summary",
    "gap_chart",
    "individual_summary",
    "ladder_bands",
    "ladder_position",
    "ladder_rung",
    "ladder_sentence",
    "load_ladder",
    "load_statements",
    "overall_score",
    "parse_mode",
    "person_scores",
    "radar_chart",
    "read_responses",
    "readable_summary",
    "respondent_counts",
    "responses_schema",
    "safe_team_summary",
    "save_individual_result",
    "standard_scores",
    "standards_in_order",
    "team_ladder",
    "team_profiles",
    "team_scores",
]
