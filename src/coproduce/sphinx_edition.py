"""Sphinx extension: name the edition on every page and show each chapter's review dates.

* Reads the edition from ``CITATION.cff`` at the book's root (see :mod:`coproduce.edition`),
  sets Sphinx's ``version`` and ``release`` from it and offers it to templates as ``edition``;
  the guide's ``extra-footer.html`` prints it in every page's footer.
* Offers MyST substitutions ``{{ edition }}``, ``{{ edition_date }}`` and ``{{ edition_year }}``
  so a chapter (the citation advice in "About") can name the edition without repeating it.
* On each chapter with ``last-reviewed`` and ``next-review-due`` in its front matter, adds a
  line under the title: "Last reviewed 22 November 2026. Next review due 22 November 2027."
* Warns (and so fails the strict build) when ``CITATION.cff`` has no valid edition or a
  chapter's review dates cannot be read.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from coproduce.edition import (
    LAST_REVIEWED,
    NEXT_REVIEW_DUE,
    Edition,
    _as_date,
    format_date,
    read_edition,
)

logger = logging.getLogger(__name__)

_FIRST_H1_END = re.compile(r"</h1>", re.IGNORECASE)


def set_edition(app: Sphinx, config: Any) -> None:
    """Read ``CITATION.cff`` and make the edition the build's version and release."""
    citation = Path(app.srcdir) / "CITATION.cff"
    try:
        edition = read_edition(citation)
    except (OSError, ValueError) as error:
        logger.warning("no edition for the footer: %s", error, type="coproduce", subtype="edition")
        return
    config.version = edition.version
    config.release = edition.version
    app.env_edition = edition  # type: ignore[attr-defined]
    context = dict(config.html_context or {})
    context["edition"] = edition
    context["edition_label"] = edition.label
    config.html_context = context
    substitutions = dict(getattr(config, "myst_substitutions", None) or {})
    substitutions.update(
        edition=edition.version,
        edition_date=format_date(edition.date),
        edition_year=str(edition.date.year),
    )
    config.myst_substitutions = substitutions


def review_line(meta: dict[str, Any], docname: str) -> str | None:
    """The HTML line giving a page's review dates, or None when it has none."""
    if LAST_REVIEWED not in meta and NEXT_REVIEW_DUE not in meta:
        return None
    try:
        last = _as_date(meta.get(LAST_REVIEWED), f"{docname}: {LAST_REVIEWED}")
        due = _as_date(meta.get(NEXT_REVIEW_DUE), f"{docname}: {NEXT_REVIEW_DUE}")
    except ValueError as error:
        logger.warning("%s", error, location=docname, type="coproduce", subtype="review")
        return None
    return (
        '<p class="coproduce-review-dates">'
        f"Last reviewed {html.escape(format_date(last))}. "
        f"Next review due {html.escape(format_date(due))}.</p>"
    )


def add_review_dates(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the review dates under the page's title."""
    body = context.get("body")
    meta = context.get("meta") or {}
    if not body or doctree is None:
        return
    line = review_line(meta, pagename)
    if line is None:
        return
    match = _FIRST_H1_END.search(body)
    if match is None:
        context["body"] = line + body
    else:
        context["body"] = body[: match.end()] + "\n" + line + body[match.end() :]


def edition_of(app: Sphinx) -> Edition | None:
    """The edition this build names, if ``CITATION.cff`` gave one."""
    return getattr(app, "env_edition", None)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.connect("config-inited", set_edition)
    app.connect("html-page-context", add_review_dates)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
