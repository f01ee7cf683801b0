"""The evaluation notebook under papermill: runs on the example, stops cleanly on a bad file."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from evaluation_files import csv_text, example_rows, write
from notebook_runner import run_notebook
from papermill.exceptions import PapermillExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "evaluate-your-intervention.ipynb"
PLOTLY = "application/vnd.plotly.v1+json"


def run(tmp_path: Path, **parameters) -> nbformat.NotebookNode:
    return run_notebook(NOTEBOOK, tmp_path / "out.ipynb", **parameters)


def outputs(notebook: nbformat.NotebookNode) -> list[dict]:
    return [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def test_it_has_a_papermill_parameters_cell():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    source = tagged[0].source
    assert "input_csv = None" in source and 'disclosure_mode = "safe"' in source


def test_runs_top_to_bottom_on_the_synthetic_example(kernel, tmp_path):
    notebook = run(tmp_path)
    found = outputs(notebook)
    assert not [o for o in found if o.output_type == "error"]
    text = "\n".join(
        str(o.get("data", {}).get("text/markdown", ""))
        + str(o.get("data", {}).get("text/html", ""))
        for o in found
    )
    assert "Output mode: safe." in text
    assert "the SYNTHETIC example" in text
    assert "safe to share: small numbers suppressed and counts rounded" in text
    charts = [o["data"][PLOTLY] for o in found if PLOTLY in o.get("data", {})]
    assert len(charts) == 7
    assert all(chart["layout"]["meta"]["alt"] for chart in charts)


def test_internal_mode_and_saving_the_report(kernel, tmp_path):
    report = tmp_path / "report.html"
    notebook = run(tmp_path, disclosure_mode="internal", report_path=str(report))
    text = "\n".join(str(o.get("data", {})) for o in outputs(notebook))
    assert "INTERNAL USE ONLY" in text
    assert report.is_file() and "INTERNAL USE ONLY" in report.read_text(encoding="utf-8")


def test_a_bad_file_stops_with_the_problem_list_and_no_traceback(kernel, tmp_path):
    rows = example_rows()
    rows[0].update(swemwbs_6="6", weight_kg="-70")
    bad = write(tmp_path, "bad.csv", csv_text(rows))
    before = bad.read_bytes()
    with pytest.raises(PapermillExecutionError) as caught:
        run(tmp_path, input_csv=str(bad))
    error = caught.value
    assert error.ename == "DataValidationError"
    shown = "\n".join(error.traceback)
    assert shown.startswith("The data needs fixing before this notebook can go on.")
    assert "bad.csv, row 2, column 'swemwbs_6': expected a value from 1 to 5 (found '6')" in shown
    assert "bad.csv, row 2, column 'weight_kg': expected a value from 20 to 350 (found '-70')" in (
        shown
    )
    assert "Traceback" not in shown and 'File "' not in shown
    assert bad.read_bytes() == before
