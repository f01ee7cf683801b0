"""The guide's edition (version and release date) and each chapter's review dates.

Organisations approve a fixed edition of the guide, so every page, PDF and release names the
same one. ``CITATION.cff`` holds it (``version`` and ``date-released``); the site's footer, the
handout PDF, the release workflow and the changelog all follow it.

Editions are numbered by year: ``2026.1`` is the first edition of 2026, ``2026.2`` the second,
and a third number (``2026.1.1``) marks corrections only (typos, broken links) that change no
advice. A dated number tells a reader or a governance panel at a glance how old their copy is;
semantic versioning's promise about breaking an interface means nothing for prose.

Each chapter carries two dates in its front matter::

    ---
    last-reviewed: "2026-11-22"
    next-review-due: "2027-11-22"
    ---

and :func:`overdue_chapters` lists those whose review date has passed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

#: Front-matter keys for the review dates.
LAST_REVIEWED = "last-reviewed"
NEXT_REVIEW_DUE = "next-review-due"

#: A dated edition number: year, edition within the year, optional correction number.
EDITION_PATTERN = re.compile(r"^(20\d\d)\.([1-9]\d*)(\.[1-9]\d*)?$")

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


@dataclass(frozen=True)
class Edition:
    """One published edition of the guide."""

    version: str
    date: dt.date

    @property
    def label(self) -> str:
        """How pages and PDFs name the edition, e.g. ``Edition 2026.1, 3 December 2026``."""
        return f"Edition {self.version}, {format_date(self.date)}"


def format_date(day: dt.date) -> str:
    """A date as UK readers write it: ``3 December 2026``."""
    return f"{day.day} {day:%B %Y}"


def _as_date(value: object, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise ValueError(f"{what} must be a date written YYYY-MM-DD, not {value!r}") from error


def read_edition(citation: Path) -> Edition:
    """Read the edition from ``CITATION.cff``; raise ``ValueError`` if it is malformed."""
    data = yaml.safe_load(citation.read_text(encoding="utf-8")) or {}
    version = str(data.get("version", "")).strip()
    if not EDITION_PATTERN.match(version):
        raise ValueError(
            f"{citation}: version {version!r} is not a dated edition such as 2026.1 or 2026.1.1"
        )
    return Edition(version, _as_date(data.get("date-released"), f"{citation}: date-released"))


def front_matter(markdown: str) -> dict:
    """The YAML front matter at the top of a MyST Markdown file (empty if it has none)."""
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return {}
    data = yaml.safe_load(match.group(1)) or {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class ReviewDates:
    """When a chapter was last reviewed and when its next review is due."""

    path: Path
    title: str
    last_reviewed: dt.date
    next_review_due: dt.date

    def is_overdue(self, today: dt.date) -> bool:
        """True once ``today`` is after the date the next review was due."""
        return today > self.next_review_due


def _title(markdown: str, fallback: str) -> str:
    for line in _FRONT_MATTER.sub("", markdown).splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def review_dates(path: Path) -> ReviewDates:
    """Read a chapter's review dates; ``ValueError`` names the file if either is missing."""
    text = path.read_text(encoding="utf-8")
    meta = front_matter(text)
    for key in (LAST_REVIEWED, NEXT_REVIEW_DUE):
        if key not in meta:
            raise ValueError(f"{path}: the front matter has no '{key}' date")
    last = _as_date(meta[LAST_REVIEWED], f"{path}: {LAST_REVIEWED}")
    due = _as_date(meta[NEXT_REVIEW_DUE], f"{path}: {NEXT_REVIEW_DUE}")
    if due < last:
        raise ValueError(f"{path}: {NEXT_REVIEW_DUE} ({due}) is before {LAST_REVIEWED} ({last})")
    return ReviewDates(path, _title(text, path.stem), last, due)


def chapter_files(root: Path) -> list[Path]:
    """The Markdown chapters named in ``_toc.yml``, in reading order.

    Easy Read pages (``book/easy-read/``) are left out: each is reviewed with its chapter, and
    a date line would put numbers on the page that do not come from ``data/``.
    """
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections", []))
            walk(entry.get("chapters", []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    paths = [root / f"{Path(name).with_suffix('')}.md" for name in names]
    return [path for path in paths if path.is_file() and "easy-read" not in path.parts]


def overdue_chapters(root: Path, today: dt.date) -> list[ReviewDates]:
    """Chapters whose next review date is before ``today``, most overdue first."""
    overdue = [dates for dates in map(review_dates, chapter_files(root)) if dates.is_overdue(today)]
    return sorted(overdue, key=lambda dates: dates.next_review_due)
