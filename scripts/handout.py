"""Print the single-page HTML build of the guide to an A4 PDF with headless Chromium.

Usage: python scripts/handout.py _build/singlehtml/book/index.html _build/guide-handout.pdf

Uses the DevTools ``Page.printToPDF`` command (through ChromeDriver) so the page size is A4, the
print stylesheet applies, backgrounds print, and every page gets a numbered footer naming the
edition (from ``CITATION.cff``). It waits for every chart to be drawn before printing.
"""

from __future__ import annotations

import base64
import html
import shutil
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from coproduce.edition import read_edition

ROOT = Path(__file__).resolve().parents[1]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DRAWN = "return document.querySelectorAll('div.coproduce-plotly-chart.js-plotly-plot').length"


def footer(edition_label: str) -> str:
    """The footer on every PDF page: title, edition and date, page number."""
    return (
        '<div style="font-size:8px;width:100%;text-align:center;color:#555;">'
        "Co-producing physical health with people who live with serious mental illness &#8212; "
        f"{html.escape(edition_label)} &#8212; "
        'page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
    )


def print_pdf(page: Path, target: Path) -> int:
    """Print ``page`` to ``target``; return the number of charts drawn in it."""
    profile = tempfile.mkdtemp(prefix="handout-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    try:
        driver.get(page.resolve().as_uri())
        expected = driver.execute_script(
            "return document.querySelectorAll('div.coproduce-plotly-chart').length"
        )
        deadline = time.monotonic() + 60
        drawn = 0
        while time.monotonic() < deadline:
            drawn = driver.execute_script(DRAWN)
            if drawn >= expected:
                break
            time.sleep(0.25)
        pdf = driver.execute_cdp_cmd(
            "Page.printToPDF",
            {
                "paperWidth": 8.27,
                "paperHeight": 11.69,
                "preferCSSPageSize": True,
                "printBackground": True,
                "displayHeaderFooter": True,
                "headerTemplate": "<span></span>",
                "footerTemplate": footer(read_edition(ROOT / "CITATION.cff").label),
            },
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(pdf["data"]))
        return drawn
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    source, output = Path(sys.argv[1]), Path(sys.argv[2])
    charts = print_pdf(source, output)
    print(f"Printed {source} to {output} ({charts} charts drawn).")
