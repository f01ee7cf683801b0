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
from bs4 import BeautifulSoup
from conftest import BUILD_DIR, ROOT, host_of, page_data, toc_docnames
from openpyxl import load_workbook
from pypdf import PdfReader

from coproduce.easyread import PAGE_CLASS as EASYREAD_PAGE
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
    edition = read_edition(ROOT / "CITATION.cff")
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        footer = " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
        assert f"{edition.label} — page {number} of {total}" in footer, (
            f"page {number} does not name the edition and its number of {total}"
        )
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


def page_title(site: Path, docname: str) -> str:
    """The title of a built page, as its heading shows it."""
    html = (site / f"{docname}.html").read_text(encoding="utf-8")
    heading = BeautifulSoup(html, "html.parser").find("article").find("h1")
    for link in heading.find_all("a"):
        link.decompose()
    return heading.get_text(" ", strip=True)


def is_easy_read(site: Path, docname: str) -> bool:
    """Whether a built page is an Easy Read page or form (it has its own PDF)."""
    return EASYREAD_PAGE in (site / f"{docname}.html").read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


#: The size of the whole-guide PDF when issue 13 asked for a reader's edition.
FIRST_EDITION_PAGES = 227


def test_readers_edition_has_every_chapter_in_order_and_is_shorter(site, handout):
    """Every page of _toc.yml is in it, in order, except the Easy Read pages, which are listed
    with a note saying where their own PDFs are; and it is shorter than the first edition."""
    reader = PdfReader(handout)
    assert len(reader.pages) < FIRST_EDITION_PAGES
    text = squeeze(" ".join(page.extract_text() for page in reader.pages))
    names = toc_docnames()[1:]  # the front page opens the PDF, under the guide's title
    easy_read = [name for name in names if is_easy_read(site, name)]
    assert easy_read, "no Easy Read pages found in _toc.yml"
    # The contents come first; the body starts after the contents' last entry.
    position = text.index(squeeze(page_title(site, names[-1]))) + 1
    for name in names:
        title = squeeze(page_title(site, name))
        found = text.find(title, position)
        assert found >= 0, f"{name} ('{page_title(site, name)}') is missing or out of order"
        position = found + len(title)
    note = text.index(squeeze("the Easy Read pages and forms are left out here"))
    for name in easy_read:
        title = squeeze(page_title(site, name))
        assert text.find(title, note) >= 0, f"the note does not list {name}"
    # An Easy Read page's own words are not printed: its first point, say.
    for name in easy_read:
        html = (site / f"{name}.html").read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").find("article")
        words = [p.get_text(" ", strip=True) for p in article.find_all("p")]
        point = squeeze(max(words, key=len))
        assert point not in text, f"the Easy Read page {name} is printed in the reader's edition"


#: The arrows plotly draws on a chart's own controls (dropdowns, sliders).
CONTROL_ARROWS = "\u25bc\u25b2\u25c4\u25ba"


def control_labels(site: Path) -> dict[str, int]:
    """Labels of the notebooks' controls (sliders, lists, buttons), each with how many times
    the printable pages (neither code nor controls, and no Easy Read page) use its words.

    Labels that a chart on the same page also shows (an axis title, say) are left out: a chart's
    words are drawn from its data, so the page's text cannot count them."""
    labels: set[str] = set()
    prose = []
    for name in toc_docnames():
        soup = BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        charts, states = page_data(site, name)
        if states:
            words = squeeze(" ".join(json.dumps(c, ensure_ascii=False) for c in charts.values()))
            for state in states:
                for model in state["state"].values():
                    label = squeeze(model["state"].get("description") or "")
                    if len(label) >= 6 and label not in words:
                        labels.add(label)
        if is_easy_read(site, name):
            continue
        for element in soup.find_all("script") + soup.select("div.cell_input"):
            element.decompose()
        prose.append(squeeze(soup.find("article").get_text(" ")))
    return {label: sum(text.count(label) for text in prose) for label in labels}


def test_readers_edition_prints_no_interactive_controls(site, handout):
    """A control would print its label once more than the guide's own text uses it."""
    labels = control_labels(site)
    assert len(labels) >= 5, "the notebooks' control labels were not read"
    text = squeeze(" ".join(page.extract_text() for page in PdfReader(handout).pages))
    printed = {label: text.count(label) for label in labels if text.count(label) > labels[label]}
    assert printed == {}, f"the reader's edition prints controls: {printed}"
    arrows = [arrow for arrow in CONTROL_ARROWS if arrow in text]
    assert arrows == [], "a chart's dropdown or slider is printed as a control"


def test_the_readme_build_command_makes_the_handout_and_the_bundle_the_site_links():
    """A site built with scripts/build.sh alone must not link a file it did not make."""
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    build = (scripts / "build.sh").read_text(encoding="utf-8")
    after_build = build.split("jupyter-book build", 1)[1]
    assert after_build.index("scripts/handout.sh") < after_build.index("scripts/offline_bundle.sh")
    bundle = (scripts / "offline_bundle.sh").read_text(encoding="utf-8")
    assert "scripts/teaching_packs.py" in bundle, "the bundle script makes the teaching packs"


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
