"""Shared fixtures: the repository, one strict build per session, a local server and Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
#: Set COPRODUCE_BUILD_DIR to check a site already built elsewhere (e.g. a private copy's
#: _build) instead of building this checkout; the build tests then use that build's output.
BUILD_DIR = Path(os.environ.get("COPRODUCE_BUILD_DIR", ROOT / "_build"))
HTML = BUILD_DIR / "html"
JUPYTER_CACHE = BUILD_DIR / ".jupyter_cache"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"

#: Flags DEVELOPERS.md requires for headless Chromium.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1024",
]

# Sphinx prints warnings as "path:line: WARNING: message" or "WARNING: message".
SPHINX_WARNING = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL): ", re.MULTILINE)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def tool(name: str) -> str:
    """Path of a command installed next to this Python (the project's .venv)."""
    candidate = Path(sys.executable).parent / name
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed; run 'bash scripts/test.sh' to set everything up.")
    return found


@dataclass
class BuildResult:
    """What one ``jupyter-book build`` run produced."""

    returncode: int
    output: str

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if SPHINX_WARNING.search(line)]


def run_build(source: Path, *extra: str, strict: bool = True) -> BuildResult:
    """Build the book in ``source`` with jupyter-book, strictly unless told otherwise."""
    args = [tool("jupyter-book"), "build", str(source)]
    if strict:
        args += ["-W", "-n", "--keep-going"]
    proc = subprocess.run(
        [*args, *extra],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    return BuildResult(proc.returncode, ANSI.sub("", proc.stdout + proc.stderr))


#: Which tier a test is in, from the fixtures it uses. A test that uses none is a unit test:
#: no kernel, no build, no browser, so the unit tier runs in about two minutes
#: (``pytest -m unit``; see CONTRIBUTING.md). CI runs every tier.
TIER_FIXTURES: dict[str, frozenset[str]] = {
    "browser": frozenset({"browser", "visit"}),
    "site": frozenset({"site", "strict_build", "server", "book_copy"}),
    "notebook": frozenset({"kernel", "fresh_python", "empty_venv"}),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with its tier (unit, notebook, site, browser) from the fixtures it uses.

    ``site`` tests are also marked ``build`` (the name the first site tests used).
    """
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        tiers = [tier for tier, names in TIER_FIXTURES.items() if used & names]
        if item.get_closest_marker("build"):
            tiers.append("site")
        for tier in dict.fromkeys(tiers):
            item.add_marker(getattr(pytest.mark, tier))
        if "site" in tiers and not item.get_closest_marker("build"):
            item.add_marker(pytest.mark.build)
        if not tiers and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.unit)


@pytest.fixture
def empty_venv(tmp_path: Path) -> Path:
    """A new, empty virtual environment; its ``bin/python``'s folder is returned.

    Installing into it takes about a minute, so asking for it puts the test in the ``notebook``
    tier, out of the fast lane.
    """
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    return venv / "bin"


@pytest.fixture(scope="session")
def kernel() -> str:
    """The Jupyter kernel notebooks run on; a test that runs a notebook asks for it.

    Asking for it puts the test in the ``notebook`` tier.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    if "python3" not in KernelSpecManager().find_kernel_specs():
        pytest.fail("No 'python3' Jupyter kernel; run 'bash scripts/test.sh' to set one up.")
    return "python3"


@pytest.fixture(scope="session")
def strict_build() -> BuildResult:
    """The strict build of this repository, run once per test session.

    ``--all`` re-reads every page so warnings from unchanged pages are reported again; the
    jupyter-cache in ``_build/.jupyter_cache`` still spares re-running unchanged notebooks.
    """
    if "COPRODUCE_BUILD_DIR" in os.environ:
        return BuildResult(0, "")
    return run_build(ROOT, "--all")


@pytest.fixture(scope="session")
def site(strict_build: BuildResult) -> Path:
    """The built site; fails every test that needs it when the build failed."""
    if strict_build.returncode != 0:
        pytest.fail(
            "The strict build failed, so the site cannot be checked:\n"
            + strict_build.output[-4000:]
        )
    return HTML


def toc_docnames() -> list[str]:
    """Every document named in ``_toc.yml``, in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                names.append(str(Path(entry["file"]).with_suffix("")))
            walk(entry.get("sections", []))
            walk(entry.get("chapters", []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return names


def site_pages() -> list[str]:
    """Paths (relative to the site root) of every page a reader can reach."""
    return [f"{name}.html" for name in toc_docnames()] + ["genindex.html", "search.html"]


def page_data(site: Path, docname: str) -> tuple[dict[str, dict], list[dict]]:
    """The figures (by spec id) and widget states a built page draws.

    Read from the page's data script (``coproduce.sphinx_assets.page_data_script``: one line per
    figure and per widget state) and from any still inline in the page.
    """
    from coproduce.sphinx_assets import page_data_path

    html = (site / f"{docname}.html").read_text(encoding="utf-8")
    inline = r'<script type="application/json" id="(plotly-[^"]+-spec)">(.*?)</script>'
    charts = {key: json.loads(text) for key, text in re.findall(inline, html, flags=re.DOTALL)}
    states = [
        json.loads(text)
        for text in re.findall(
            r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>',
            html,
            flags=re.DOTALL,
        )
    ]
    script = site / "_static" / page_data_path(docname)
    if script.is_file():
        text = script.read_text(encoding="utf-8")
        for key, figure in re.findall(r'^"(plotly-[^"]+-spec)": (\{.*\}),?$', text, re.MULTILINE):
            charts[key] = json.loads(figure)
        block = re.search(
            r"COPRODUCE_WIDGET_STATES \|\| \[\]\)\.concat\(\[\n(.*?)\n\]\);", text, re.S
        )
        if block:
            states += [json.loads(line.rstrip(",")) for line in block.group(1).splitlines()]
    return charts, states


@functools.cache
def source_output_counts(docname: str) -> tuple[int, int]:
    """Numbers of plotly figures and widget views in a page's source, as executed by the build.

    The outputs come from the build's jupyter-cache, independently of the rendered HTML.
    """
    import nbformat
    from jupyter_cache import get_cache

    source = ROOT / f"{docname}.ipynb"
    if not source.exists():
        return 0, 0
    notebook = nbformat.read(source, as_version=4)
    _, executed = get_cache(JUPYTER_CACHE).merge_match_into_notebook(notebook)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    figures = sum(PLOTLY_MIME in o.get("data", {}) for o in outputs)
    widgets = sum(WIDGET_VIEW_MIME in o.get("data", {}) for o in outputs)
    return figures, widgets


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@dataclass
class PageVisit:
    """What a real browser saw and did while loading one page."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    charts_drawn: int = 0
    widgets_drawn: int = 0
    widget_text: str = ""


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Real headless Chromium driven by ChromeDriver, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.fail(
            "Chromium and ChromeDriver are needed for the browser tests; "
            "install them with 'bash scripts/install-chromium.sh'."
        )
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


_COUNT_CHARTS = (
    "return Array.from(document.querySelectorAll('div.coproduce-plotly-chart.js-plotly-plot'))"
    ".filter(d => d.querySelector('svg.main-svg g.trace')).length"
)
_COUNT_WIDGETS = "return document.querySelectorAll('.widget-subarea > .jupyter-widgets').length"


def _visit(driver, base_url: str, page: str) -> PageVisit:
    driver.get("about:blank")
    driver.get_log("performance")  # drop anything recorded before this page
    driver.get_log("browser")
    url = f"{base_url}/{page}"
    driver.get(url)
    docname = page.removesuffix(".html")
    figures, widgets = source_output_counts(docname)
    deadline = time.monotonic() + 30
    visit = PageVisit(url)
    while True:
        visit.charts_drawn = driver.execute_script(_COUNT_CHARTS)
        visit.widgets_drawn = driver.execute_script(_COUNT_WIDGETS)
        ready = driver.execute_script("return document.readyState") == "complete"
        done = visit.charts_drawn >= figures and visit.widgets_drawn >= widgets
        if (ready and done) or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    time.sleep(0.5)  # let late requests (fonts, icons) show up in the log
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            visit.requests.append(message["params"]["request"]["url"])
    visit.widget_text = driver.execute_script(
        "return Array.from(document.querySelectorAll('.widget-subarea'), e => e.innerText)"
        ".join('\\n')"
    )
    visit.console_errors = [
        e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"
    ]
    return visit


@pytest.fixture(scope="session")
def visit(browser, server: str):
    """Load a page once in Chromium and remember what happened (shared by several tests)."""
    cache: dict[str, PageVisit] = {}

    def load(page: str) -> PageVisit:
        if page not in cache:
            cache[page] = _visit(browser, server, page)
        return cache[page]

    return load


def host_of(url: str) -> str:
    """Host and port of a URL; empty for data: and blob: URLs, which stay on the page."""
    parsed = urlparse(url)
    return parsed.netloc if parsed.scheme in {"http", "https", "ws", "wss", "ftp"} else ""


@pytest.fixture(params=["in one run", "in pieces on two threads"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Read CSV files as a small file is read, or cut into small pieces parsed on two threads.

    A file of tens of megabytes is cut into pieces of :data:`coproduce.csv_chunks.PIECE_BYTES`
    and parsed on two threads; here the pieces are made tiny (and two cores assumed), so that
    the small files of the tests take the same path.
    """
    if request.param == "in pieces on two threads":
        from coproduce import csv_chunks

        monkeypatch.setattr(csv_chunks, "PIECE_BYTES", 1024)
        monkeypatch.setattr(csv_chunks, "usable_cores", lambda: 2)
    return request.param
