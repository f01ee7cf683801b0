"""A file with web code in every text field, through every tool: nothing it holds ever runs.

For each tool's resource in ``data/datapackage.json``, the SYNTHETIC example is rewritten so that
every free-text field holds HTML or script (fields with a fixed list of values or a pattern keep
their values, or the file would be refused). The notebooks run on it with papermill, are
exported to HTML with nbconvert as an analyst would share them, and are opened in real headless
Chromium; the command-line report is opened too. Any payload that runs sets ``window.__pwned``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, tool
from notebook_runner import run_notebook

from coproduce.datapackage import package

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
    '<svg onload="window.__pwned=1">',
    '"><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    "[click](javascript:window.__pwned=1)",
]

#: Each tool's notebook and the data-package resource it reads.
NOTEBOOKS = {
    "evaluate-your-intervention.ipynb": "evaluation_example",
    "service-user-dashboard.ipynb": "unit_monthly_example",
    "engagement-tracker.ipynb": "engagement_events_example",
    "environment-assessment.ipynb": "environment_assessment_example",
    "4pi-self-assessment.ipynb": "fourpi_responses_example",
}


def free_text_fields(resource: str) -> list[str]:
    """String fields whose value the user writes freely (no list of values, no pattern)."""
    schema = package().get_resource(resource).schema.to_descriptor()
    return [
        f["name"]
        for f in schema["fields"]
        if f.get("type", "string") == "string"
        and not {"enum", "pattern"} & set(f.get("constraints", {}))
    ]


def hostile_file(folder: Path, resource: str) -> Path:
    """The resource's example with every free-text value replaced by a payload.

    Distinct values stay distinct (so keys stay unique); blanks stay blank.
    """
    source = ROOT / "data" / package().get_resource(resource).path
    rows = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    for name in free_text_fields(resource):
        distinct = list(dict.fromkeys(r[name] for r in rows if r.get(name)))
        swap = {v: f"{PAYLOADS[i % len(PAYLOADS)]} {i}" for i, v in enumerate(distinct)}
        for row in rows:
            if row.get(name):
                row[name] = swap[row[name]]
    path = folder / f"hostile-{resource}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def assert_nothing_runs(browser, page: Path) -> str:
    """Open ``page`` from disk in Chromium; fail if any payload ran. Returns the page text."""
    browser.get("about:blank")
    browser.get(page.as_uri())
    browser.implicitly_wait(0)
    ran = browser.execute_script(
        "return window.__pwned || Array.from(document.querySelectorAll('iframe'))"
        ".some(f => { try { return f.contentWindow.__pwned; } catch (e) { return false; } })"
    )
    assert not ran, f"a payload from the user's file ran in {page.name}"
    return browser.execute_script("return document.body.innerText")


def test_every_tool_resource_has_free_text_to_attack():
    for resource in NOTEBOOKS.values():
        assert free_text_fields(resource), resource


@pytest.mark.parametrize(("notebook", "resource"), NOTEBOOKS.items())
def test_notebook_exported_to_html_runs_nothing_from_the_file(
    kernel, tmp_path, browser, notebook, resource
):
    hostile = hostile_file(tmp_path, resource)
    before = hostile.read_bytes()
    executed = tmp_path / notebook
    run_notebook(
        ROOT / "notebooks" / notebook,
        executed,
        input_csv=str(hostile),
        disclosure_mode="internal",  # internal mode shows the most of the user's own text
    )
    assert hostile.read_bytes() == before, "the user's file must never change"
    subprocess.run(
        [tool("jupyter-nbconvert"), "--to", "html", str(executed)],
        check=True,
        capture_output=True,
    )
    text = assert_nothing_runs(browser, executed.with_suffix(".html"))
    assert "INTERNAL USE ONLY" in text


@pytest.mark.parametrize("mode", ["safe", "internal"])
def test_command_line_report_runs_nothing_from_the_file(tmp_path, browser, mode):
    hostile = hostile_file(tmp_path, "evaluation_example")
    report = tmp_path / f"report-{mode}.html"
    args = [sys.executable, "-m", "coproduce", "evaluate", str(hostile), "--out", str(report)]
    proc = subprocess.run(
        [*args, *(["--internal"] if mode == "internal" else [])], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    text = assert_nothing_runs(browser, report)
    assert "onerror" in text  # the site names are shown as text, not run


def test_markdown_in_a_site_name_is_not_a_link(kernel, tmp_path):
    hostile = hostile_file(tmp_path, "evaluation_example")
    executed = run_notebook(
        ROOT / "notebooks" / "evaluate-your-intervention.ipynb",
        tmp_path / "out.ipynb",
        input_csv=str(hostile),
    )
    markdown = [
        o["data"]["text/markdown"]
        for c in executed.cells
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]
    assert not any("](javascript:" in m for m in markdown)
    assert json.dumps(markdown).count("<script>") == 0
