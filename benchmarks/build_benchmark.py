"""Measure how fast the guide builds and how heavy its pages are (a script, not a test).

Run from the repository root after ``bash scripts/test.sh`` has set up ``.venv``:

    .venv/bin/python benchmarks/build_benchmark.py

It works on a throw-away copy of the repository and reports:

* the cold build time (nothing cached) and the rebuild time with nothing changed;
* the rebuild time after a one-line prose edit, and how many notebooks it re-executed
  (expected 0: jupyter-cache re-runs a notebook only when its code changes);
* the HTML size of each page, raw and gzip-compressed (what a web server usually sends), the
  size of each page's data script (its figures' JSON and widget state, kept out of the HTML),
  and the bytes the first chart page loads with an empty browser cache, raw and compressed,
  with its largest files (aim: at most 1.5 MB compressed; no page's HTML over 100 kB);
* how many times plotly.js is downloaded while visiting every page in one browser session
  (expected once: every chart page shares the same file);
* the print editions: the page count of the whole-guide reader's edition (scripts/handout.py),
  measured from the PDF, and of each teaching pack (scripts/teaching_packs.py), and the seconds
  each took.

The figures are printed and written to ``benchmarks/results/latest.json``. To measure only the
print editions (one build, then the PDFs) and update just their figures in that file:

    .venv/bin/python benchmarks/build_benchmark.py --print-editions
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM_FLAGS, site_pages  # noqa: E402

JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
IGNORE = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__", ".*cache")


def build(source: Path) -> tuple[float, str]:
    """Build ``source`` strictly; return the seconds taken and the build log."""
    start = time.perf_counter()
    proc = subprocess.run(
        [JUPYTER_BOOK, "build", str(source), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"Build failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return seconds, proc.stdout + proc.stderr


def executed_notebooks(log: str) -> int:
    """How many notebooks the build executed (myst-nb logs one line per executed notebook)."""
    return log.count("Executing notebook")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def gzip_size(data: bytes) -> int:
    """Bytes after gzip at level 6, as web servers commonly compress text."""
    return len(gzip.compress(data, compresslevel=6))


def served_file(site: Path, url: str) -> Path | None:
    """The file in the built site that a local URL names, if any."""
    path = unquote(urlparse(url).path).lstrip("/")
    candidate = site / path
    return candidate if path and candidate.is_file() else None


def browse(site: Path) -> dict[str, object]:
    """Visit every page in one Chromium session and measure bytes and plotly.js downloads."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    profile = tempfile.mkdtemp()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    plotly_downloads = 0
    chart_pages: list[tuple[str, int]] = []
    try:
        for page in site_pages():
            driver.get(f"{base}/{page}")
            time.sleep(1.5)
            page_bytes = 0
            plotly_ids: set[str] = set()
            finished: dict[str, int] = {}
            urls: dict[str, str] = {}
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                params = message["params"]
                if message["method"] == "Network.requestWillBeSent":
                    urls[params["requestId"]] = params["request"]["url"]
                    if "plotly.min.js" in params["request"]["url"]:
                        plotly_ids.add(params["requestId"])
                if message["method"] == "Network.loadingFinished":
                    finished[params["requestId"]] = int(params.get("encodedDataLength", 0))
            page_bytes = sum(finished.values())
            # A download moves the whole file (~1.2 MB); a cache hit or a 304 moves almost nothing.
            plotly_downloads += sum(1 for i in plotly_ids if finished.get(i, 0) > 1_000_000)
            if plotly_ids:
                files = {served_file(site, urls[i]) for i in finished if i in urls} - {None}
                sizes = {
                    f.relative_to(site).as_posix(): (f.stat().st_size, gzip_size(f.read_bytes()))
                    for f in files  # type: ignore[union-attr]
                }
                raw = sum(size for size, _ in sizes.values())
                packed = sum(size for _, size in sizes.values())
                chart_pages.append((page, page_bytes, raw, packed, sizes))
    finally:
        driver.quit()
        httpd.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    first = chart_pages[0] if chart_pages else ("", 0, 0, 0, {})
    later = [size for _, size, _, _, _ in chart_pages[1:]]
    largest = sorted(first[4].items(), key=lambda item: -item[1][1])[:8]
    return {
        "chart_pages_visited": len(chart_pages),
        "plotly_js_downloads": plotly_downloads,
        "first_chart_page": first[0],
        "first_chart_page_bytes_loaded": first[1],
        "first_chart_page_files_raw_bytes": first[2],
        "first_chart_page_files_gzip_bytes": first[3],
        "first_chart_page_largest_files_raw_and_gzip_bytes": dict(largest),
        "later_chart_pages_mean_bytes_loaded": round(sum(later) / len(later)) if later else 0,
    }


def page_data_sizes(site: Path) -> dict[str, list[int]]:
    """Raw and gzip bytes of each page's data script (``_static/coproduce/pages``)."""
    folder = site / "_static" / "coproduce" / "pages"
    return {
        path.relative_to(folder).with_suffix(".html").as_posix(): [
            path.stat().st_size,
            gzip_size(path.read_bytes()),
        ]
        for path in sorted(folder.rglob("*.js"))
    }


def pdf_pages(path: Path) -> int:
    """Number of pages of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def print_editions(copy: Path) -> dict[str, object]:
    """Make the reader's edition and the teaching packs in ``copy``; count their pages."""
    start = time.perf_counter()
    subprocess.run(
        [JUPYTER_BOOK, "build", str(copy), "--builder", "singlehtml", "-W", "-n", "--keep-going"],
        capture_output=True,
        check=True,
    )
    single = copy / "_build" / "singlehtml"
    shutil.copy(single / "book" / "index.html", single / "handout.html")
    edition = copy / "_build" / "guide-handout.pdf"
    subprocess.run(
        [
            sys.executable,
            str(copy / "scripts" / "handout.py"),
            str(single / "handout.html"),
            str(edition),
        ],
        capture_output=True,
        check=True,
    )
    edition_seconds = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(copy / "scripts" / "teaching_packs.py"),
            str(copy / "_build" / "html"),
        ],
        capture_output=True,
        check=True,
        cwd=copy,
    )
    packs_seconds = time.perf_counter() - start
    packs = sorted((copy / "_build" / "html" / "packs").glob("*.pdf"))
    return {
        "reader_edition_pages": pdf_pages(edition),
        "reader_edition_seconds": round(edition_seconds, 1),
        "teaching_pack_pages": {pdf.name: pdf_pages(pdf) for pdf in packs},
        "teaching_packs_seconds": round(packs_seconds, 1),
    }


def print_editions_only() -> int:
    """Build a copy of the repository, make only the print editions, and update their figures."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "guide"
        shutil.copytree(ROOT, copy, ignore=IGNORE)
        build(copy)
        editions = print_editions(copy)
    out = ROOT / "benchmarks" / "results" / "latest.json"
    results = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    results.update(editions)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Reader's edition: {editions['reader_edition_pages']} A4 pages")
    for name, pages in editions["teaching_pack_pages"].items():
        print(f"  {name:<45} {pages:>3}")
    print(f"Written to {out.relative_to(ROOT)}")
    return 0


def main() -> int:
    """Run every measurement on a copy of the repository and report."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "guide"
        shutil.copytree(ROOT, copy, ignore=IGNORE)
        cold, cold_log = build(copy)
        warm, _ = build(copy)
        chapter = copy / "book" / "impact-study.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more line of prose.\n")
        edited, edit_log = build(copy)
        site = copy / "_build" / "html"
        sizes = {page: (site / page).stat().st_size for page in site_pages()}
        packed = {page: gzip_size((site / page).read_bytes()) for page in site_pages()}
        data_scripts = page_data_sizes(site)
        browsing = browse(site)
        editions = print_editions(copy)
    results = {
        "cold_build_seconds": round(cold, 1),
        "notebooks_executed_cold": executed_notebooks(cold_log),
        "rebuild_nothing_changed_seconds": round(warm, 1),
        "rebuild_after_prose_edit_seconds": round(edited, 1),
        "notebooks_reexecuted_after_prose_edit": executed_notebooks(edit_log),
        "html_bytes_per_page": sizes,
        "html_gzip_bytes_per_page": packed,
        "total_html_bytes": sum(sizes.values()),
        "total_html_gzip_bytes": sum(packed.values()),
        "largest_page": max(sizes, key=sizes.__getitem__),
        "largest_page_html_bytes": max(sizes.values()),
        "pages_over_100_kB": sorted(page for page, size in sizes.items() if size > 100_000),
        "page_data_script_raw_and_gzip_bytes": data_scripts,
        **browsing,
        **editions,
    }
    out = ROOT / "benchmarks" / "results" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    width = max(len(k) for k in results)
    for key, value in results.items():
        if key not in {
            "html_bytes_per_page",
            "html_gzip_bytes_per_page",
            "teaching_pack_pages",
            "page_data_script_raw_and_gzip_bytes",
            "first_chart_page_largest_files_raw_and_gzip_bytes",
        }:
            print(f"{key:<{width}}  {value}")
    print("\nHTML size per page (bytes, raw and gzip):")
    for page, size in sizes.items():
        print(f"  {page:<45} {size:>9,} {packed[page]:>9,}")
    print("\nPage data scripts (bytes, raw and gzip):")
    for page, (raw, gz) in data_scripts.items():
        print(f"  {page:<45} {raw:>9,} {gz:>9,}")
    print("\nFirst chart page, largest files (bytes, raw and gzip):")
    for name, (raw, gz) in browsing["first_chart_page_largest_files_raw_and_gzip_bytes"].items():
        print(f"  {name:<60} {raw:>9,} {gz:>9,}")
    print("\nTeaching pack pages:")
    for name, pages in editions["teaching_pack_pages"].items():
        print(f"  {name:<45} {pages:>3}")
    print(f"\nWritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(print_editions_only() if "--print-editions" in sys.argv[1:] else main())
