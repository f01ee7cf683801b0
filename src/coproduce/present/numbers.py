"""Numbers as people read them: "1,234", "12.5", "[c]" stays "[c]", blanks stay blank."""

from __future__ import annotations

import html
import math
import numbers

import pandas as pd

from coproduce.disclosure import SUPPRESSED


def cell_text(value: object) -> str:
    """Text for one table cell: numbers with thousands commas, whole numbers without ".0"."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str | bool):
        return str(value)
    if isinstance(value, numbers.Real):  # Python and numpy numbers alike
        number = float(value)
        return f"{number:,.0f}" if number.is_integer() else f"{number:,}"
    return str(value)


def whole_number(value: float) -> int | float:
    """Show 412.0 as 412 in tables and sentences; leave 412.5 alone."""
    return int(value) if float(value).is_integer() else value


def key_numbers_text(numbers: dict[str, object], lead: str) -> str:
    """Key numbers as one line of Markdown (percentages get a % sign), user text escaped."""
    parts = []
    for key, value in numbers.items():
        text = cell_text(value)
        if "%" in key and text not in ("", SUPPRESSED):
            text += "%"
        parts.append(f"{markdown_escape(key)}: **{markdown_escape(text)}**")
    return f"{lead}: " + "; ".join(parts) + "."


def markdown_escape(text: str) -> str:
    """``text`` safe inside Markdown: HTML escaped and Markdown punctuation made literal."""
    escaped = html.escape(str(text))
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in escaped)


#: Characters with a meaning in Markdown (``[c]`` still reads as [c] once escaped).
MARKDOWN_SPECIAL = set("\\`*_{}[]()#+!|<>")
