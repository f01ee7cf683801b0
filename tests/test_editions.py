"""Editions: one version and date everywhere, review dates on every chapter, the review report."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, toc_docnames

from coproduce.edition import (
    EDITION_PATTERN,
    chapter_files,
    format_date,
    overdue_chapters,
    read_edition,
    review_dates,
)
from coproduce.review import report

EDITION = read_edition(ROOT / "CITATION.cff")
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_citation_names_a_dated_edition_and_its_release_date():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert EDITION_PATTERN.match(str(citation["version"]))
    assert dt.date.fromisoformat(str(citation["date-released"])) == EDITION.date


def test_changelog_newest_entry_is_the_cited_edition():
    headings = re.findall(r"^## (\S+) \(([^)]+)\)$", CHANGELOG, flags=re.MULTILINE)
    assert headings, "CHANGELOG.md has no '## 2026.1 (3 December 2026)' style entries"
    version, date = headings[0]
    assert version == EDITION.version, "CITATION.cff and CHANGELOG.md name different editions"
    assert date == format_date(EDITION.date), "CITATION.cff and CHANGELOG.md give different dates"


def test_package_version_is_the_edition():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == EDITION.version


def test_readme_says_how_to_cite_an_edition():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How to cite an edition", 1)
    assert len(section) == 2, "README.md has no 'How to cite an edition' section"
    assert "CITATION.cff" in section[1].split("\n## ")[0]


def test_every_page_footer_names_the_edition(site):
    for name in toc_docnames():
        html = (site / f"{name}.html").read_text(encoding="utf-8")
        assert f"Edition {EDITION.version}, {format_date(EDITION.date)}" in html, name


def test_every_chapter_has_review_dates_and_shows_them(site):
    chapters = chapter_files(ROOT)
    assert len(chapters) >= 10
    for path in chapters:
        dates = review_dates(path)
        html = (site / path.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
        shown = (
            f"Last reviewed {format_date(dates.last_reviewed)}. "
            f"Next review due {format_date(dates.next_review_due)}."
        )
        assert shown in html, path


def _guide_copy(tmp_path: Path, due: dict[str, str]) -> Path:
    """A copy of the guide's table of contents and chapters with some review dates changed."""
    shutil.copy(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copytree(ROOT / "book", tmp_path / "book")
    for name, date in due.items():
        path = tmp_path / "book" / f"{name}.md"
        text = re.sub(
            r'^next-review-due: "[^"]*"$',
            f'next-review-due: "{date}"',
            path.read_text(encoding="utf-8"),
            count=1,
            flags=re.MULTILINE,
        )
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_review_report_lists_only_chapters_past_their_date(tmp_path):
    root = _guide_copy(tmp_path, {"glossary": "2030-01-10", "secure-care": "2030-03-01"})
    # Every other chapter is due before 2030, so pick a day between the two changed dates.
    others = [
        review_dates(p).next_review_due
        for p in chapter_files(root)
        if p.stem not in {"glossary", "secure-care"}
    ]
    today = dt.date(2030, 2, 1)
    overdue = [d.path.stem for d in overdue_chapters(root, today)]
    assert "glossary" in overdue and "secure-care" not in overdue
    assert len(overdue) == 1 + sum(due < today for due in others)
    text = report(root, today)
    assert "book/glossary.md: Glossary" in text and "secure-care" not in text
    assert "review was due 10 January 2030, 22 day(s) ago" in text


def test_review_report_says_when_nothing_is_overdue(tmp_path):
    root = _guide_copy(tmp_path, {})
    earliest = min(review_dates(p).last_reviewed for p in chapter_files(root))
    assert overdue_chapters(root, earliest) == []
    assert "No chapter is past its review date" in report(root, earliest)


def test_review_command_reports_and_succeeds(tmp_path):
    root = _guide_copy(tmp_path, {"glossary": "2026-12-01"})
    proc = subprocess.run(
        [sys.executable, "-m", "coproduce", "review", "--root", str(root), "--today", "2026-12-02"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "book/glossary.md" in proc.stdout


def test_a_chapter_without_review_dates_is_named(tmp_path):
    root = _guide_copy(tmp_path, {})
    path = root / "book" / "glossary.md"
    path.write_text(re.sub(r"^next-review-due: .*\n", "", path.read_text(), flags=re.M))
    with pytest.raises(ValueError, match="glossary.md: the front matter has no 'next-review-due'"):
        overdue_chapters(root, dt.date(2030, 1, 1))
