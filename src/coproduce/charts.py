"""Accessible plotly charts: now :mod:`coproduce.present.charts`, the one presentation layer.

Kept so that ``from coproduce.charts import ...`` in older notebooks and scripts still works;
new code imports from :mod:`coproduce.present.charts`.
"""

from coproduce.present.charts import (
    PALETTE,
    base_layout,
    chart_layout,
    text_alternative,
    with_text_alternative,
)

__all__ = ["PALETTE", "base_layout", "chart_layout", "text_alternative", "with_text_alternative"]
