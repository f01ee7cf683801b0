"""Show the evaluation's tables in a notebook: readable numbers, a caption, the mode stated.

Every table shown says which disclosure mode made it, so a screenshot or a copied table still
carries that warning. Numbers are shown as they would be printed (no "78.800000"), ``[c]`` stays
``[c]``, and blanks stay blank.
"""

from __future__ import annotations

import math

import pandas as pd
from pandas.io.formats.style import Styler

from coproduce.disclosure import SUPPRESSED, Mode


def mode_label(mode: Mode | str) -> str:
    """A short label for captions and chart subtitles."""
    if Mode(mode) is Mode.SAFE:
        return "safe to share: small numbers suppressed and counts rounded"
    return "INTERNAL USE ONLY: exact small numbers, do not share"


def cell_text(value: object) -> tuple[str, bool]:
    """Text for one table cell, and whether it is a number (so it can be right-aligned)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "", False
    if isinstance(value, str):
        return value, value == SUPPRESSED
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, int | float):
        number = float(value)
        return (f"{number:,.0f}" if number.is_integer() else f"{number:,}"), True
    return str(value), False


def styled(frame: pd.DataFrame, caption: str, mode: Mode | str) -> Styler:
    """``frame`` ready to display: caption naming the mode, numbers formatted, no index."""
    styler = frame.style.format(lambda value: cell_text(value)[0])
    styler = styler.set_caption(f"{caption} ({mode_label(mode)})").hide(axis="index")
    return styler.set_table_styles(
        [
            {"selector": "caption", "props": "caption-side: top; font-weight: bold;"},
            {"selector": "td", "props": "text-align: left;"},
        ]
    )


def headline_text(headline: dict[str, object]) -> str:
    """The key numbers as one line of Markdown (percentages get a % sign)."""
    parts = []
    for key, value in headline.items():
        text = cell_text(value)[0]
        if "%" in key and text not in ("", SUPPRESSED):
            text += "%"
        parts.append(f"{key}: **{text}**")
    return "Key numbers (all sites): " + "; ".join(parts) + "."
