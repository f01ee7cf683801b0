"""Make the teaching packs: a session plan and a learner handout (A4 PDFs) per teaching chapter.

Usage: python scripts/teaching_packs.py [site]   (site defaults to _build/html; build it first)

Reads each teaching chapter's built page (see ``coproduce.packs``), writes the two printable
pages to ``_build/packs-html/`` and prints them to ``<site>/packs/<chapter>-session-plan.pdf``
and ``<site>/packs/<chapter>-handout.pdf`` with headless Chromium, offline (the pages load
nothing from anywhere). Every page of both PDFs has a footer: the chapter, the kind of
document and the edition (from ``CITATION.cff``) on the left, "Page N of M" on the right.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from coproduce.easyread_pdf import CHROMIUM_FLAGS
from coproduce.edition import read_edition
from coproduce.packs import handout_html, session_plan_html, teaching_chapters

ROOT = Path(__file__).resolve().parents[1]
#: The project's headless Chromium flags (one list, in coproduce.easyread_pdf).
FLAGS = [*CHROMIUM_FLAGS, "--no-pdf-header-footer"]


def print_pdf(page: Path, target: Path) -> None:
    """Print ``page`` to the A4 PDF ``target`` with headless Chromium (the page sets A4)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("Chromium is not installed: run 'bash scripts/install-chromium.sh'.")
    with tempfile.TemporaryDirectory(prefix="packs-profile-") as profile:
        subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={target}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    if not target.is_file():
        sys.exit(f"Chromium did not write {target}")


def main(site: Path) -> None:
    """Make both PDFs for every teaching chapter of the site built in ``site``."""
    book = site / "book"
    read = lambda name: (book / name).read_text(encoding="utf-8")  # noqa: E731
    pages = ROOT / "_build" / "packs-html"
    pages.mkdir(parents=True, exist_ok=True)
    (site / "packs").mkdir(exist_ok=True)
    edition = read_edition(ROOT / "CITATION.cff").label
    for chapter in teaching_chapters(ROOT / "book"):
        built = read(f"{chapter.stem}.html")
        made = {
            "session-plan": session_plan_html(built, read("teaching-packs.html"), edition),
            "handout": handout_html(built, read("glossary.html"), read("references.html"), edition),
        }
        for kind, html in made.items():
            page = pages / f"{chapter.stem}-{kind}.html"
            page.write_text(html, encoding="utf-8")
            print_pdf(page, site / "packs" / f"{chapter.stem}-{kind}.pdf")
        print(f"Teaching pack for {chapter.stem} written to {site / 'packs'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html")
