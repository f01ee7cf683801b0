"""coproduce: the data, checks and charts behind the co-production guide.

Notebooks import from here so they stay short: loading and validating ``data/``
(:mod:`coproduce.datapackage`), readable problem reports (:mod:`coproduce.problems`),
accessible charts (:mod:`coproduce.present.charts`) and the IMPACT study figures
(:mod:`coproduce.impact`). :mod:`coproduce.plotly_mime` and :mod:`coproduce.sphinx_assets`
make charts work on the built, offline site.
"""

from coproduce.datapackage import load_table, table_names, validate_package
from coproduce.problems import DataProblem, DataValidationError

__all__ = [
    "DataProblem",
    "DataValidationError",
    "load_table",
    "table_names",
    "validate_package",
]
__version__ = "0.1.0"
