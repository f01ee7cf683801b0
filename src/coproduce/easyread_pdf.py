"""Print each Easy Read page and paper form of the built site to its own A4 PDF.

Every Easy Read page links to ``<page>.pdf`` beside it (see :mod:`coproduce.easyread`); this
module makes those files with headless Chromium's ``--print-to-pdf``, so the print stylesheet
applies (A4, text at least 14pt, no navigation). ``scripts/build.sh`` runs it after the build,
so the site it builds has no dead link, and ``scripts/offline_bundle.sh`` zips the PDFs with the
rest of the site.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from coproduce.easyread import EASYREAD_FOLDER, PAGE_CLASS

#: Flags the project uses for headless Chromium everywhere (see DEVELOPERS.md).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium() -> str:
    """The Chromium command; stops with a clear message when it is not installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit(
            "Chromium is needed to print the Easy Read PDFs: "
            "run 'bash scripts/install-chromium.sh'."
        )
    return found


def easyread_pages(site: Path) -> list[Path]:
    """The built Easy Read pages and forms (pages that carry the Easy Read header)."""
    folder = site / EASYREAD_FOLDER
    return sorted(
        page
        for page in folder.glob("*.html")
        if f'class="{PAGE_CLASS}' in page.read_text(encoding="utf-8")
    )


def pdf_path(page: Path) -> Path:
    """Where a page's PDF goes: beside it, with the name its link uses."""
    return page.with_suffix(".pdf")


def print_pdf(page: Path, target: Path, timeout: float = 120) -> Path:
    """Print one built page to ``target`` as an A4 PDF (page size from the print stylesheet)."""
    profile = tempfile.mkdtemp(prefix="easyread-pdf-profile-")
    try:
        proc = subprocess.run(
            [
                chromium(),
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if proc.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        raise RuntimeError(f"Chromium could not print {page}:\n{proc.stderr[-2000:]}")
    return target


def print_all(site: Path) -> list[Path]:
    """Print every Easy Read page of the built ``site``; return the PDFs written."""
    pages = easyread_pages(site)
    if not pages:
        raise SystemExit(f"No Easy Read pages in {site / EASYREAD_FOLDER}: build the site first.")
    return [print_pdf(page, pdf_path(page)) for page in pages]
