"""``python -m coproduce evaluate``: end to end, as a user runs it, and the report in Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from evaluation_files import csv_text, example_rows, write

from coproduce.disclosure import mode_note
from coproduce.evaluation.schema import example_path

#: Charts in the report made from the synthetic example: funnel, reasons, completeness,
#: change, and the IPAQ, BMI and blood pressure categories.
EXPECTED_CHARTS = 7


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coproduce", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def safe_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    result = run_cli("evaluate", example_path(), "--out", folder / "report.html", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Wrote" in result.stdout and "Safe to share" in result.stdout
    return folder / "report.html"


def test_the_report_is_written_with_the_mode_note_at_the_top(safe_report):
    html = safe_report.read_text(encoding="utf-8")
    body = html.split("<main>", 1)[1]
    assert body.index(mode_note("safe")) < body.index("<h1>")
    for heading in [
        "Recruitment and retention",
        "Why people left",
        "Which measures were collected",
        "Change from baseline",
        "Categories at each time point",
        "How the figures were worked out",
    ]:
        assert f"<h2>{heading}</h2>" in body
    assert "<table>" in body and "Text description:" in body


def test_internal_mode_shows_exact_numbers_and_says_so(tmp_path):
    out = tmp_path / "internal.html"
    result = run_cli("evaluate", example_path(), "--out", out, "--internal", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "INTERNAL USE ONLY" in result.stdout
    body = out.read_text(encoding="utf-8").split("<main>", 1)[1]
    assert body.index(mode_note("internal")) < body.index("<h1>")
    assert "<td>26</td>" in body  # completed the intervention, exactly


def test_a_bad_file_exits_2_with_every_problem_and_writes_nothing(tmp_path):
    rows = example_rows()
    rows[0].update(swemwbs_6="6", systolic_bp="400", diastolic_bp="20")
    bad = write(tmp_path, "bad.csv", csv_text(rows))
    before = bad.read_bytes()
    out = tmp_path / "report.html"
    result = run_cli("evaluate", bad, "--out", out, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "Found 3 problems" in result.stderr
    assert "bad.csv, row 2, column 'swemwbs_6': expected a value from 1 to 5 (found '6')" in (
        result.stderr
    )
    assert "column 'systolic_bp': expected a value from 60 to 300 (found '400')" in result.stderr
    assert "column 'diastolic_bp': expected a value from 30 to 200 (found '20')" in result.stderr
    assert not out.exists()
    assert bad.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"PK\x03\x04" + b"\x00" * 30, "Excel workbook"),
        (b"participant_id,site\n\xe9,x\n", "not saved as UTF-8"),
    ],
    ids=["empty", "excel", "latin-1"],
)
def test_unreadable_files_exit_2_without_a_traceback(tmp_path, content, message):
    bad = write(tmp_path, "input.csv", content)
    result = run_cli("evaluate", bad, "--out", tmp_path / "r.html", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_bytes() == content


def test_the_report_never_overwrites_the_input(tmp_path):
    copy = write(tmp_path, "mine.csv", example_path().read_bytes())
    result = run_cli("evaluate", copy, "--out", copy, cwd=tmp_path)
    assert result.returncode == 2
    assert "is the input file" in result.stderr
    assert copy.read_bytes() == example_path().read_bytes()


def test_help_lists_the_evaluate_command(tmp_path):
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "evaluate" in result.stdout


_COUNT_DRAWN = (
    "return Array.from(document.querySelectorAll('div.js-plotly-plot'))"
    ".filter(d => d.querySelector('svg.main-svg g.trace')).length"
)


def test_the_report_opens_offline_in_chromium_with_every_chart_drawn(browser, safe_report):
    browser.get("about:blank")
    browser.get_log("performance")
    browser.get_log("browser")
    browser.get(safe_report.as_uri())
    deadline = time.monotonic() + 30
    drawn = 0
    while time.monotonic() < deadline:
        drawn = browser.execute_script(_COUNT_DRAWN)
        if (
            drawn >= EXPECTED_CHARTS
            and browser.execute_script("return document.readyState") == "complete"
        ):
            break
        time.sleep(0.25)
    time.sleep(0.5)
    assert drawn == EXPECTED_CHARTS
    requests = [
        json.loads(entry["message"])["message"]["params"]["request"]["url"]
        for entry in browser.get_log("performance")
        if json.loads(entry["message"])["message"]["method"] == "Network.requestWillBeSent"
    ]
    assert requests, "the browser recorded no requests at all"
    leaving = [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert leaving == [], f"the report asked other hosts for: {leaving}"
    assert [url for url in requests if url.startswith("file:")] == [safe_report.as_uri()]
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    text = browser.execute_script("return document.body.innerText")
    assert text.strip().startswith("Disclosure mode: safe.")


def _example_workbook(path: Path, sheet: str, change: dict[str, str] | None = None) -> Path:
    """The SYNTHETIC example as an Excel workbook, numbers as numbers, on sheet ``sheet``."""
    from openpyxl import Workbook

    from coproduce.evaluation.schema import input_schema

    kinds = {spec["name"]: spec["type"] for spec in input_schema()["fields"]}
    rows = example_rows()
    rows[0].update(change or {})
    book = Workbook()
    book.active.title = "Read me"
    data = book.create_sheet(sheet)
    data.append(list(rows[0]))
    for row in rows:
        cells: list[object] = []
        for name, value in row.items():
            if value and kinds[name] in ("integer", "number") and value.replace(".", "").isdigit():
                cells.append(float(value))
            else:
                cells.append(value or None)
        data.append(cells)
    book.save(path)
    return path


def test_an_excel_workbook_gives_the_same_report_as_the_csv(tmp_path, safe_report):
    workbook = _example_workbook(tmp_path / "mine.xlsx", "Evaluation")
    before = workbook.read_bytes()
    out = tmp_path / "report.html"
    result = run_cli("evaluate", workbook, "--sheet", "Evaluation", "--out", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert workbook.read_bytes() == before
    csv_report = safe_report.read_text(encoding="utf-8")
    xlsx_report = out.read_text(encoding="utf-8")
    # The same tables: only the file's name (and the SYNTHETIC note for the example) differ.
    assert xlsx_report.count("<table") == csv_report.count("<table") > 0


def test_a_bad_cell_in_a_workbook_is_named_with_the_sheet_row(tmp_path):
    workbook = _example_workbook(tmp_path / "mine.xlsx", "Evaluation", {"swemwbs_1": "N/A"})
    before = workbook.read_bytes()
    result = run_cli(
        "evaluate", workbook, "--sheet", "Evaluation", "--out", tmp_path / "r.html", cwd=tmp_path
    )
    assert result.returncode == 2
    assert "mine.xlsx (sheet 'Evaluation'), row 2, column 'swemwbs_1'" in result.stderr
    assert "leave the cell empty" in result.stderr
    assert "Traceback" not in result.stderr
    assert workbook.read_bytes() == before
    assert not (tmp_path / "r.html").exists()
