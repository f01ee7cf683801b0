"""The handout PDF, the print stylesheet and the offline bundle, checked as a trainer uses them."""

from __future__ import annotations

import csv
import json
import subprocess
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import BUILD_DIR, ROOT, host_of, toc_docnames
from openpyxl import load_workbook
from pypdf import PdfReader

from coproduce.edition import read_edition

#: The checkout whose _build is under test (this one, unless COPRODUCE_BUILD_DIR says otherwise).
CHECKOUT = BUILD_DIR.parent


def run_script(name: str) -> None:
    """Run one of the repository's scripts as a trainer would; fail with its output if it fails."""
    proc = subprocess.run(
        ["bash", f"scripts/{name}"],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]


@pytest.fixture(scope="session")
def handout(site) -> Path:
    run_script("handout.sh")
    return CHECKOUT / "_build" / "guide-handout.pdf"


@pytest.fixture(scope="session")
def bundle(site, handout, tmp_path_factory) -> Path:
    run_script("offline_bundle.sh")
    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(CHECKOUT / "_build" / "guide-offline.zip") as archive:
        archive.extractall(target)
    return target / "coproduction-guide"


def test_handout_is_an_a4_pdf_of_the_whole_guide(handout):
    reader = PdfReader(handout)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595) < 3 and abs(height - 842) < 3, (width, height)
    assert len(reader.pages) >= 10
    raw = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(unicodedata.normalize("NFKC", raw).split())  # undo ligatures such as "ffl"
    for title in ["The IMPACT study", "References", "Using the guide offline and in print"]:
        assert title in text, title
    assert "page 1 of" in text
    edition = read_edition(ROOT / "CITATION.cff")
    assert f"{edition.label} — page 1 of" in text, "every PDF page names the edition and its date"
    assert "Ctrl+K" not in text.replace(" ", ""), "the search box should not be printed"


def test_handout_is_a_readers_edition_without_code_or_widgets(handout):
    """Code cells and widgets are left out; each notebook says once where to run it."""
    raw = " ".join(page.extract_text() for page in PdfReader(handout).pages)
    text = " ".join(unicodedata.normalize("NFKC", raw).split())
    squeezed = "".join(text.split())  # a long file name may wrap at any point
    notebooks = [n for n in toc_docnames() if n.startswith("notebooks/")]
    assert notebooks, "no notebooks in _toc.yml"
    for name in notebooks:
        note = f"To run them, open {name}.ipynb on Binder or your own computer."
        assert squeezed.count("".join(note.split())) == 1, f"no one-line note for {name}"
    for code in ("import ", "from coproduce", "display("):
        assert code not in text, f"the reader's edition prints code: {code!r}"


def test_the_site_links_to_the_handout_and_the_bundle(site, handout, bundle):
    page = (site / "book/offline-and-print.html").read_text(encoding="utf-8")
    assert 'href="../guide-handout.pdf"' in page and 'href="../guide-offline.zip"' in page
    assert (site / "guide-handout.pdf").is_file() and (site / "guide-offline.zip").is_file()


def test_print_layout_hides_navigation_and_keeps_figures_whole(browser, server):
    browser.get(f"{server}/notebooks/impact-phases.html")
    time.sleep(1)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        style = browser.execute_script(
            "const s = e => e ? getComputedStyle(e) : null;"
            "return {nav: s(document.querySelector('.bd-sidebar-primary')).display,"
            " header: s(document.querySelector('.bd-header-article')).display,"
            " figure: s(document.querySelector('figure.coproduce-plotly')).breakInside,"
            " table: s(document.querySelector('table')).breakInside};"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert style == {"nav": "none", "header": "none", "figure": "avoid", "table": "avoid"}


def _open_from_disk(browser, path: Path):
    browser.get("about:blank")
    browser.get_log("performance")
    browser.get_log("browser")
    browser.get(path.as_uri())
    time.sleep(3)
    requests = [
        json.loads(e["message"])["message"]["params"]["request"]["url"]
        for e in browser.get_log("performance")
        if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"
    ]
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    return requests, errors


def test_bundle_opens_from_disk_with_charts_widgets_and_no_network(browser, bundle):
    requests, errors = _open_from_disk(browser, bundle / "START-HERE.html")
    assert browser.current_url.endswith("book/index.html")
    assert errors == []
    requests, errors = _open_from_disk(browser, bundle / "notebooks" / "impact-phases.html")
    assert errors == []
    assert [url for url in requests if host_of(url)] == [], "no request may leave the disk"
    charts = browser.execute_script(
        "return document.querySelectorAll('div.js-plotly-plot svg.main-svg').length"
    )
    widgets = browser.execute_script(
        "return document.querySelectorAll('.widget-subarea > .jupyter-widgets').length"
    )
    assert charts >= 1 and widgets >= 1


def test_search_works_in_the_bundle(browser, bundle):
    browser.get((bundle / "search.html").as_uri() + "?q=retention")
    deadline = time.monotonic() + 20
    found = 0
    while time.monotonic() < deadline and not found:
        time.sleep(0.5)
        found = browser.execute_script(
            "return document.querySelectorAll('#search-results li').length"
        )
    assert found >= 1
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    assert (bundle / "README.txt").is_file()


def test_run_it_yourself_kit_has_templates_dictionary_notebooks_and_requirements(site, tmp_path):
    page = (site / "book/offline-and-print.html").read_text(encoding="utf-8")
    assert 'href="../run-it-yourself.zip"' in page
    with zipfile.ZipFile(site / "run-it-yourself.zip") as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    kit = tmp_path / "run-it-yourself"
    for template in (ROOT / "data" / "templates").glob("*.csv"):
        assert f"run-it-yourself/templates/{template.name}" in names, template.name
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        assert f"run-it-yourself/notebooks/{notebook.name}" in names, notebook.name
    assert (kit / "requirements.txt").read_text() == (ROOT / "requirements.txt").read_text()
    workbook = load_workbook(kit / "templates" / "blank-templates.xlsx", read_only=True)
    for template in (ROOT / "data" / "templates").glob("*.csv"):
        header = template.read_text(encoding="utf-8").splitlines()[0].split(",")
        sheet = workbook[template.stem[:31]]
        assert [c.value for c in next(sheet.iter_rows(max_row=1))] == header, template.name
    with (kit / "data-dictionary.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = sum(len(r["schema"]["fields"]) for r in package["resources"])
    assert len(rows) == fields
    # Everything the notebooks import is inside: the package installs from the kit alone.
    assert "-e ." in (kit / "requirements.txt").read_text()
    assert (kit / "pyproject.toml").is_file() and (kit / "src/coproduce/__init__.py").is_file()
