"""Every tool as a command, without Jupyter: a report that opens offline, and clear refusals."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coproduce.__main__ import COMMANDS
from coproduce.resources import resource

TOOLS = ["dashboard", "engagement", "environment", "selfassess", "plan"]


def coproduce(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coproduce", *args], capture_output=True, text=True, cwd=cwd
    )


def test_every_tool_has_a_command():
    assert set(TOOLS) | {"evaluate", "examples"} <= set(COMMANDS)


@pytest.mark.parametrize("name", TOOLS)
def test_each_command_writes_a_report_that_opens_offline(tmp_path, browser, name):
    report = tmp_path / f"{name}.html"
    proc = coproduce(name, "--out", str(report))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    html = report.read_text(encoding="utf-8")
    body = html[html.index("<body>") :]
    assert body.index("Disclosure mode: safe") < body.index("<h1>")
    assert "SYNTHETIC example data" in body
    browser.get("about:blank")
    browser.get_log("performance")
    browser.get(report.as_uri())
    time.sleep(0.5)
    requests = [
        json.loads(e["message"])["message"]["params"]["request"]["url"]
        for e in browser.get_log("performance")
        if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"
    ]
    leaving = [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
    assert leaving == [], leaving
    drawn = browser.execute_script(
        "return document.querySelectorAll('.js-plotly-plot svg.main-svg').length"
    )
    assert drawn or "<figure" not in html, "charts in the report were not drawn"
    assert browser.execute_script("return document.querySelectorAll('figcaption').length") == (
        html.count("<figcaption")
    )


def test_internal_mode_says_so_at_the_top(tmp_path):
    report = tmp_path / "internal.html"
    proc = coproduce("environment", "--internal", "--out", str(report))
    assert proc.returncode == 0, proc.stderr
    body = report.read_text(encoding="utf-8").split("<body>")[1]
    assert body.index("INTERNAL USE ONLY") < body.index("<h1>")


def test_out_is_never_overwritten_without_force(tmp_path):
    report = tmp_path / "dashboard.html"
    report.write_text("mine", encoding="utf-8")
    proc = coproduce("dashboard", "--out", str(report))
    assert proc.returncode == 2
    assert "exists already" in proc.stderr and "--force" in proc.stderr
    assert report.read_text(encoding="utf-8") == "mine"
    assert coproduce("dashboard", "--out", str(report), "--force").returncode == 0
    assert report.read_text(encoding="utf-8") != "mine"


def test_a_report_is_not_written_to_a_csv_name(tmp_path):
    proc = coproduce("engagement", "--out", str(tmp_path / "report.csv"))
    assert proc.returncode == 2
    assert "would not open as a report" in proc.stderr
    assert not (tmp_path / "report.csv").exists()


def test_the_input_file_is_never_the_output(tmp_path):
    source = tmp_path / "units.html"
    source.write_text("unit,month\n", encoding="utf-8")
    proc = coproduce("dashboard", str(source), "--out", str(source), "--force")
    assert proc.returncode == 2 and "is the input file" in proc.stderr
    assert source.read_text(encoding="utf-8") == "unit,month\n"


def test_a_bad_file_gets_every_problem_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,month\nWard 1,2024-13\n", encoding="utf-8")
    before = bad.read_bytes()
    proc = coproduce("dashboard", str(bad), "--out", str(tmp_path / "r.html"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "bad.csv" in proc.stderr and "Nothing was written" in proc.stderr
    assert bad.read_bytes() == before
    assert not (tmp_path / "r.html").exists()


def test_tables_export_is_formula_safe_csv(tmp_path):
    proc = coproduce(
        "plan", "--out", str(tmp_path / "plan.html"), "--tables", str(tmp_path / "plan.csv")
    )
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in tmp_path.glob("plan-*.csv"))
    assert "plan-action-plan.csv" in written


def test_examples_are_what_the_seeds_make(tmp_path):
    proc = coproduce("examples", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    data = Path(__file__).resolve().parents[1] / "data"
    for made in (tmp_path / "examples").iterdir():
        assert made.read_bytes() == (data / "examples" / made.name).read_bytes(), made.name
    again = coproduce("examples", "--out", str(tmp_path))
    assert again.returncode == 2 and "--force" in again.stderr


@pytest.mark.parametrize(
    ("name", "resource"),
    [
        ("dashboard", "unit_monthly_example"),
        ("engagement", "engagement_events_example"),
        ("environment", "environment_assessment_example"),
        ("selfassess", "fourpi_responses_example"),
        ("evaluate", "evaluation_example"),
    ],
)
def test_each_command_reads_a_spreadsheet_sheet(tmp_path, name, resource):
    import pandas as pd

    from coproduce.resources import resource as find

    example = find(resource).example
    book = tmp_path / "export.xlsx"
    with pd.ExcelWriter(book, engine="openpyxl") as writer:
        pd.DataFrame({"note": ["a sheet the tool must skip"]}).to_excel(
            writer, sheet_name="Notes", index=False
        )
        pd.read_csv(example, dtype=str, keep_default_na=False).to_excel(
            writer, sheet_name="Data", index=False
        )
    report = tmp_path / f"{name}.html"
    proc = coproduce(name, str(book), "--sheet", "Data", "--out", str(report))
    assert proc.returncode == 0, proc.stderr
    assert "data from export.xlsx" in report.read_text(encoding="utf-8") or name == "evaluate"
    wrong = coproduce(name, str(book), "--out", str(tmp_path / "wrong.html"))
    assert wrong.returncode == 2, "the first sheet holds no data and must be refused"
    assert "Traceback" not in wrong.stderr


@pytest.mark.parametrize("name", ["evaluate", "dashboard", "engagement", "environment"])
def test_a_command_reads_a_users_file_without_loading_frictionless(tmp_path, name):
    """The data dictionary is read as JSON: a command starts faster and in less memory.

    Frictionless validates the guide's own data package (in the tests and the build, and when a
    tool loads one of the guide's reference tables); a user's file goes through the one reader.
    """
    example = [str(resource("evaluation_example").example)] if name == "evaluate" else []
    args = [name, *example, "--out", str(tmp_path / "report.html")]
    script = (
        "import sys\n"
        "from coproduce.__main__ import main\n"
        f"code = main({args!r})\n"
        "print(code, 'frictionless' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[-2:] == ["0", "False"], proc.stdout
