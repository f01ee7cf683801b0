"""Print the single-page HTML build of the guide to an A4 PDF with headless Chromium.

The PDF is the reader's edition: chapter text, charts and tables with their outputs. Code cells
and interactive controls (widgets) are left out, with a one-line note in each notebook saying
where to run it. The Easy Read pages and forms are left out too, with one note listing them:
each has its own A4 PDF in the Easy Read layout (large text, a picture beside each point),
which is what their readers need, and a form is printed one at a time to be filled in.

The print layout is set for paper (``READERS_CSS``): text at 10.5 point across the page's
width, and long tables, outputs and boxes run on over pages rather than jumping whole to the
next page. That, with the Easy Read pages left out, keeps it short (the site's own print
layout gave 394 pages); ``benchmarks/build_benchmark.py`` reports its page count.

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

from pypdf import PdfReader
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from coproduce.easyread_pdf import CHROMIUM_FLAGS
from coproduce.edition import read_edition

ROOT = Path(__file__).resolve().parents[1]

#: The project's headless Chromium flags (one list, in coproduce.easyread_pdf).
FLAGS = [*CHROMIUM_FLAGS]
DRAWN = "return document.querySelectorAll('div.coproduce-plotly-chart.js-plotly-plot').length"
#: Leaves out code cells and widget outputs; notes once in each document where to run them.
READERS_EDITION = """
const found = {cells: 0, widgets: 0, notes: 0};
const seen = new Set();
for (const cell of Array.from(document.querySelectorAll('div.cell'))) {
  const doc = document.evaluate("preceding::span[starts-with(@id, 'document-')][1]", cell,
    null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
  const name = doc ? doc.id.slice('document-'.length) : 'this page';
  if (!seen.has(name)) {
    seen.add(name);
    const note = document.createElement('p');
    note.className = 'readers-edition-note';
    const file = name.startsWith('notebooks/') ? name + '.ipynb' : name + '.md';
    note.textContent = "Reader's edition: the code and interactive controls are left out here. " +
      'To run them, open ' + file + ' on Binder or your own computer.';
    note.style.cssText = 'font-style: italic; border-left: 3px solid #777; padding-left: 6px;';
    cell.parentNode.insertBefore(note, cell);
    found.notes += 1;
  }
  cell.querySelectorAll('div.cell_input').forEach(e => e.remove());
  const outputs = cell.querySelector('div.cell_output');
  if (outputs) {
    for (const output of Array.from(outputs.children)) {
      const widget = 'script[type="application/vnd.jupyter.widget-view+json"], ' +
        '.jupyter-widgets, .lm-Widget, .widget-container';
      if (output.matches(widget) || output.querySelector(widget)) {
        output.remove();
        found.widgets += 1;
      }
    }
  }
  if (!outputs || outputs.children.length === 0) {
    cell.remove();
  }
  found.cells += 1;
}
// Easy Read pages and forms have their own A4 PDFs in the Easy Read layout (large text, a
// picture beside each point): leave them out here and say where they are.
const easy = [];
for (const span of Array.from(document.querySelectorAll("span[id^='document-']"))) {
  const section = span.nextElementSibling;
  if (section && section.querySelector('.easyread-page')) easy.push([span, section]);
}
if (easy.length) {
  const note = document.createElement('section');
  note.className = 'readers-edition-easyread';
  const heading = document.createElement('h3');
  heading.textContent = 'Easy Read pages';
  const text = document.createElement('p');
  text.className = 'readers-edition-note';
  text.textContent = "Reader's edition: the Easy Read pages and forms are left out here. " +
    'Each has its own A4 PDF in the Easy Read layout: use the Print this page link at the top ' +
    'of the page on the website, or open the folder book/easy-read in the offline copy.';
  const list = document.createElement('ul');
  for (const [span, section] of easy) {
    const item = document.createElement('li');
    item.textContent = section.querySelector('h1, h2, h3').childNodes[0].textContent.trim();
    list.appendChild(item);
  }
  note.append(heading, text, list);
  easy[0][0].parentNode.insertBefore(note, easy[0][0]);
  for (const [span, section] of easy) { span.remove(); section.remove(); }
}
// Links to a page left out: off the contents list, plain text elsewhere.
for (const link of Array.from(document.querySelectorAll("a[href^='#document-']"))) {
  if (document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)))) continue;
  const item = link.closest('li.toctree-l1');
  if (item) { item.remove(); } else { link.replaceWith(...link.childNodes); }
}
found.easyread = easy.length;
const style = document.createElement('style');
style.textContent = arguments[0];
document.head.appendChild(style);
return found;
"""
#: The reader's edition's type and page layout: print-sized text, and long tables and boxes
#: that run on over pages instead of jumping whole to the next page and leaving a gap.
READERS_CSS = """
@media print {
  html { font-size: 10.5pt !important; }
  body { line-height: 1.4 !important; }
  .bd-main .bd-content .bd-article-container .bd-article { padding: 0 !important; }
  .bd-main .bd-content { margin-left: 0 !important; }
  .bd-main .bd-content table, .cell_output, .admonition, .output, .widget-subarea {
    break-inside: auto !important; page-break-inside: auto !important; }
  tr, figure, .coproduce-plotly, img { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 0.85rem; width: 100% !important; max-width: 100% !important; }
  th, td { padding: 0.15rem 0.3rem !important; overflow-wrap: break-word; }
  .table-wrapper, .pst-scrollable-table-container, .output_html {
    overflow: visible !important; }
  h1, h2, h3, h4, h5 { margin-top: 0.9em !important; margin-bottom: 0.4em !important; }
  p, ul, ol, dl { margin-bottom: 0.5em !important; }
  /* A chart's dropdown prints as plain words naming the view shown: no arrow, no button. */
  .js-plotly-plot .updatemenu-header-arrow, .js-plotly-plot .updatemenu-item-rect,
  .js-plotly-plot .slider-container { display: none !important; }
}
"""


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
        left_out = driver.execute_script(READERS_EDITION, READERS_CSS)
        print(
            f"Reader's edition: left out {left_out['cells']} code cells and "
            f"{left_out['widgets']} widget outputs; {left_out['notes']} notes say where to run; "
            f"left out {left_out['easyread']} Easy Read pages, which have their own PDFs."
        )
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
    pages = len(PdfReader(output).pages)
    print(f"Printed {source} to {output} ({charts} charts drawn, {pages} A4 pages).")
