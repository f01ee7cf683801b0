"""Tables for reports and notebooks: every cell escaped, headers tied to their cells.

Whatever a user's file holds (a site called ``<img src=x onerror=...>``, say) is shown as text,
never run: the HTML comes from a Jinja2 template with autoescaping on, and notebook tables are
rendered by the same template. Header cells carry ``scope`` so screen readers (and
HTML_CodeSniffer) can tie each value to its column.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from coproduce.disclosure import Mode, is_safe
from coproduce.present.numbers import cell_text


@cache
def environment() -> Environment:
    """The Jinja2 environment for the package's templates (autoescaping every value)."""
    return Environment(
        loader=PackageLoader("coproduce.present", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def mode_label(mode: Mode | str) -> str:
    """A short label for captions and chart subtitles."""
    if is_safe(mode):
        return "safe to share: small numbers suppressed and counts rounded"
    return "INTERNAL USE ONLY: exact small numbers, do not share"


def html_table(
    frame: pd.DataFrame,
    caption: str,
    mode: Mode | str | None = None,
    row_headers: bool = False,
    table_class: str = "",
) -> Markup:
    """An accessible, escaped HTML table; the caption names the disclosure mode if given."""
    if mode is not None:
        caption = f"{caption} ({mode_label(mode)})"
    if frame.empty:
        return Markup("<p><em>{}: nothing to show.</em></p>").format(caption)
    rows = [[cell_text(value) for value in row] for row in frame.itertuples(index=False)]
    return Markup(
        environment()
        .get_template("table.html.j2")
        .render(
            caption=caption,
            headings=[str(c) for c in frame.columns],
            rows=rows,
            row_headers=row_headers,
            table_class=table_class,
        )
    )


@dataclass
class Table:
    """A table for a notebook or report: shown through :func:`html_table`, so it is escaped.

    ``data`` is the frame behind it (already made safe for its mode by the tool).
    """

    data: pd.DataFrame
    caption: str
    mode: Mode | str | None = None
    #: Show the first column as row headers (``<th scope="row">``).
    row_headers: bool = False

    def to_html(self) -> str:
        """The escaped HTML table."""
        return str(html_table(self.data, self.caption, self.mode, row_headers=self.row_headers))

    def _repr_html_(self) -> str:
        return self.to_html()


def styled(frame: pd.DataFrame, caption: str, mode: Mode | str) -> Table:
    """``frame`` ready to show in a notebook: escaped, caption naming the mode, no index."""
    return Table(frame, caption, mode)
