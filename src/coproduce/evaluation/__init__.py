"""Evaluate your own intervention: an IMPACT-style feasibility and outcomes toolkit.

A service that runs a physical activity programme can check what the IMPACT study checked, on
its own data: recruitment and retention, why people left, which measures could be collected
(and why not), and how physical activity, wellbeing and physical health changed. Input is one
CSV row per person per time point, described in ``data/datapackage.json`` (resource
``evaluation_example``). Modules:

- :mod:`~coproduce.evaluation.schema`: the columns, time points and measures;
- :mod:`~coproduce.evaluation.reading` and :mod:`~coproduce.evaluation.checks`: read a file
  (CSV or ``.xlsx``, with the one reader :mod:`coproduce.reader`) and report every problem;
- :mod:`~coproduce.evaluation.scoring`: IPAQ, SWEMWBS, BMI and blood pressure scoring;
- :mod:`~coproduce.evaluation.feasibility` and :mod:`~coproduce.evaluation.outcomes`: tables;
- disclosure control comes from :mod:`coproduce.disclosure` (one policy for every tool);
- :mod:`~coproduce.evaluation.charts`: accessible plotly charts;
- :mod:`~coproduce.evaluation.report`: a self-contained HTML report;
- :mod:`~coproduce.evaluation.cli`: ``python -m coproduce evaluate INPUT.csv --out report.html``.
"""

from coproduce.evaluation.pipeline import Evaluation, evaluate, evaluate_frame
from coproduce.evaluation.reading import read_evaluation_csv, resolve_input
from coproduce.evaluation.scoring import score

__all__ = [
    "Evaluation",
    "evaluate",
    "evaluate_frame",
    "read_evaluation_csv",
    "resolve_input",
    "score",
]
