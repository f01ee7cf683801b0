"""Patient-led environmental assessment: service users rate their surroundings; the team acts.

The IMPACT provider collaborative piloted patient-led environmental assessments on its women's
pathway: service users assessed their physical environment and gave feedback, which led to
services that were more accessible and safer, with better care overall. This module supports
the same kind of
assessment with a structured form:

* a question bank (``data/environment_questions.csv``, written for this guide) covering
  accessibility, safety, comfort and spaces for physical activity;
* a form to fill in: one row per assessor per question with ``area``, ``question``,
  ``rating`` (1 = very poor to 5 = very good, blank if not answered), ``comment`` and
  ``assessor_role`` (templates in ``data/templates/``);
* summaries by area and by assessor role, an action list of the lowest-rated questions, and
  (for the team only) a list of what people said, marked "review before sharing".

How the numbers are worked out: an **average rating** is the mean of the ratings given (blanks
are left out); **rated poor** is the share of ratings that were 1 or 2. Each person rates a
question once, so the number of people behind a summary is at least the largest number of
ratings any one question in it received.

In the default safe mode (:mod:`coproduce.disclosure`, the guide's one disclosure policy):

* an average or share resting on fewer than 8 people is ``[c]``; counts of ratings from 1 to
  7 are ``[c]`` and others are rounded to the nearest 5; shares are true percentages rounded
  to the nearest 5;
* an area's average is the total of its questions and of its roles, so when a question or a
  role is hidden, another one (or the area's average) is hidden too, so that no hidden
  average can be worked out by subtraction;
* a question rated by fewer than 8 people (or hidden to protect one) is not ranked, so the
  action list places no bound on a hidden average;
* comments are never shown: they can name someone. :func:`comments_for_review` lists them
  for the team, marked "review before sharing".

Computing is kept apart from presenting, as in :mod:`coproduce.evaluation`:
:mod:`~coproduce.environment.inputs`, :mod:`~coproduce.environment.ratings` read and compute
(data in, frames and dataclasses out); :mod:`~coproduce.environment.words`,
:mod:`~coproduce.environment.charts` and :mod:`~coproduce.environment.report` turn the results
into sentences, charts with text alternatives, tables and the report, through
:mod:`coproduce.present`. The command and the notebook call the same functions, all re-exported
here.
"""

from coproduce.environment.charts import (
    area_chart,
    role_chart,
)
from coproduce.environment.inputs import (
    AREAS,
    RATING_WORDS,
    RESOURCE,
    ROLES,
    load_assessment,
    load_questions,
)
from coproduce.environment.ratings import (
    NO_RATINGS,
    POOR,
    REVIEW_NOTE,
    action_list,
    area_summary,
    comments_for_review,
    people_behind,
    question_summary,
    rating_summary,
    role_counts,
    role_summary,
)
from coproduce.environment.report import (
    TITLE,
    area_detail_html,
    report_sections,
    save_action_list,
)
from coproduce.environment.words import (
    area_sentence,
    overview,
    role_sentence,
)

__all__ = [
    "TITLE",
    "report_sections",
    "AREAS",
    "NO_RATINGS",
    "POOR",
    "RATING_WORDS",
    "RESOURCE",
    "REVIEW_NOTE",
    "ROLES",
    "action_list",
    "area_chart",
    "area_detail_html",
    "area_sentence",
    "area_summary",
    "comments_for_review",
    "load_assessment",
    "load_questions",
    "overview",
    "people_behind",
    "question_summary",
    "rating_summary",
    "role_chart",
    "role_counts",
    "role_sentence",
    "role_summary",
    "save_action_list",
]
