"""The secure-care notebooks as people use them: papermill on the example, on their own file, on
a broken file; the SYNTHETIC data script; and the pages on the built site.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, tool

NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
SCRIPT = ROOT / "scripts" / "make_secure_care_examples.py"
PLOTLY_MIME = "application/vnd.plotly.v1+json"

DASHBOARD = "service-user-dashboard.ipynb"
ENGAGEMENT = "engagement-tracker.ipynb"
ENVIRONMENT = "environment-assessment.ipynb"
ALL = [DASHBOARD, ENGAGEMENT, ENVIRONMENT]

# Small files a professional might bring: two invented wards.
CUSTOM = {
    DASHBOARD: (
        "unit,month,people,length_of_stay_days,restraint_incidents,occupied_bed_days,"
        "seclusion_episodes_count\n"
        "Ward 1,2024-01,12,400,13,372,2\n"
        "Ward 2,2024-01,9,700,3,279,0\n"
        "Ward 1,2024-02,12,430,9,348,9\n"
        "Ward 2,2024-02,9,620,0,261,1\n"
    ),
    ENGAGEMENT: (
        "date,unit,pathway,event_type,attendance,submissions\n"
        "2024-01-10,Ward 1,Women's,reference group meeting,20,\n"
        "2024-01-15,Ward 2,Learning disability and autism,training,30,\n"
        "2024-02-10,Ward 1,Women's,reference group meeting,60,\n"
        "2024-02-20,Ward 2,Learning disability and autism,talent showcase,71,7\n"
        "2024-02-20,Ward 1,Women's,talent showcase,0,1\n"
    ),
    ENVIRONMENT: "area,question,rating,comment,assessor_role\n"
    + "".join(
        f"Safety,Do you feel safe at night?,{r},{'Too noisy' if r == 1 else ''},Service user\n"
        for r in [1, 2, 3, 3, 4, 4, 5, 5]
    )
    + "Comfort,Is your room warm enough?,2,Cold at night,Staff\n",
}
# A broken version of each: what the notebook must say, row and column included.
BROKEN = {
    DASHBOARD: (
        "unit,month,people,length_of_stay_days,restraint_incidents,occupied_bed_days\n"
        "Ward 1,2024-13,10,300,x,280\n",
        [
            "row 2, column 'month': expected a value written like '2024-03' (found '2024-13')",
            "row 2, column 'restraint_incidents': expected a whole number (found 'x')",
        ],
    ),
    ENGAGEMENT: (
        "date,unit,pathway,event_type,attendance,submissions\n"
        "14/03/2024,Ward 1,Women's,workshop,3,\n",
        [
            "row 2, column 'date': expected a date written as YYYY-MM-DD (found '14/03/2024')",
            "row 2, column 'event_type': expected one of: reference group meeting",
        ],
    ),
    ENVIRONMENT: (
        "area,question,rating,comment,assesor_role\nSafety,Safe?,7,,Staff\n",
        ["column 'assessor_role' is missing; is 'assesor_role' a misspelling of it?"],
    ),
}


# --- Committed as they should be ----------------------------------------------------------------


def test_the_script_reproduces_the_committed_synthetic_files(tmp_path):
    result = subprocess.run(
        [tool("python"), str(SCRIPT), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.csv"))
    assert written == [
        "examples/engagement_events_example.csv",
        "examples/environment_assessment_example.csv",
        "examples/unit_monthly_example.csv",
        "templates/engagement_events_template.csv",
        "templates/environment_assessment_form.csv",
        "templates/environment_assessment_template.csv",
        "templates/unit_monthly_template.csv",
    ]
    for relative in written:
        assert (tmp_path / relative).read_bytes() == (DATA / relative).read_bytes(), (
            f"data/{relative} differs from what the script makes: re-run "
            "python scripts/make_secure_care_examples.py"
        )


def test_the_examples_are_labelled_synthetic_and_use_invented_names():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    for name in ["unit_monthly_example", "engagement_events_example"]:
        resource = resources[name]
        assert resource["path"].startswith("examples/")
        assert "SYNTHETIC" in resource["title"] and "SYNTHETIC" in resource["description"]
        assert "make_secure_care_examples.py" in resource["sources"][0]["title"]
        text = (DATA / resource["path"]).read_text(encoding="utf-8")
        units = {
            line.split(",")[1 if name.startswith("engagement") else 0]
            for line in text.splitlines()[1:]
        }
        assert all(re.fullmatch(r"Unit [A-E]", u) for u in units), units
    assert "SYNTHETIC" in resources["environment_assessment_example"]["title"]


@pytest.mark.parametrize("name", ALL)
def test_parameters_cell_and_page_structure(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "input_csv = None" in tagged[0].source
    assert 'disclosure_mode = "safe"' in tagged[0].source
    assert "[Co-production in secure care](../book/secure-care.md)" in nb.cells[0].source
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "SYNTHETIC" in markdown
    assert "needs a running notebook" in markdown


# --- Run with papermill, as a professional would -------------------------------------------------


def papermill(tmp_path: Path, name: str, *params: str) -> tuple[int, nbformat.NotebookNode, str]:
    out = tmp_path / f"out-{name}"
    args = [tool("papermill"), str(NOTEBOOKS / name), str(out), "-k", "python3"]
    args += ["--cwd", str(NOTEBOOKS)]
    for pair in zip(params[::2], params[1::2], strict=True):
        args += ["-p", *pair]
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    return result.returncode, nbformat.read(out, as_version=4), result.stderr


def shown_text(nb: nbformat.NotebookNode) -> str:
    """Everything a reader sees in the outputs, including charts' text alternatives."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append(output["text"])
            data = output.get("data", {})
            for mime in ("text/markdown", "text/html", "text/plain"):
                if mime in data:
                    parts.append(data[mime])
            if PLOTLY_MIME in data:
                parts.append(data[PLOTLY_MIME]["layout"]["meta"]["alt"])
    return "\n".join(parts)


def figures(nb: nbformat.NotebookNode) -> list[dict]:
    return [
        o["data"][PLOTLY_MIME]
        for c in nb.cells
        for o in c.get("outputs", [])
        if PLOTLY_MIME in o.get("data", {})
    ]


def errors(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == "error"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (DASHBOARD, ["Unit A", "restraint incidents for every 1,000 occupied bed days", "[c]"]),
        (ENGAGEMENT, ["(131 - 50) / 50 x 100 = **162%**", "7 / 8 x 100 = **87.5%**", "Unit E"]),
        (ENVIRONMENT, ["Physical activity spaces", "had the lowest average rating"]),
    ],
)
def test_runs_on_the_synthetic_example(kernel, tmp_path, name, expected):
    code, nb, stderr = papermill(tmp_path, name)
    assert code == 0, stderr[-3000:]
    assert errors(nb) == []
    text = shown_text(nb)
    for fragment in [*expected, "SYNTHETIC example data", "Safe to share"]:
        assert fragment in text, fragment
    charts = figures(nb)
    assert charts, "no charts"
    for chart in charts:
        assert chart["layout"]["meta"]["alt"].strip()
        assert "SYNTHETIC" in chart["layout"]["title"]["subtitle"]["text"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (DASHBOARD, ["Ward 1", "Seclusion episodes per 1,000 bed days", "34.9"]),
        (
            ENGAGEMENT,
            ["Ward 2", "From Jan 2024, service users took part 50 times", "162%", "87.5%"],
        ),
        (ENVIRONMENT, ["Cold at night", "Too noisy", "3.4"]),
    ],
)
def test_runs_on_a_custom_csv_passed_with_p_input_csv(kernel, tmp_path, name, expected):
    path = tmp_path / f"my-{name}.csv"
    path.write_text(CUSTOM[name], encoding="utf-8")
    before = path.read_bytes()
    code, nb, stderr = papermill(
        tmp_path, name, "input_csv", str(path), "disclosure_mode", "internal"
    )
    assert code == 0, stderr[-3000:]
    assert path.read_bytes() == before, "the user's file must never change"
    text = shown_text(nb)
    assert f"data from {path.name}" in text
    assert "INTERNAL USE ONLY" in text
    assert "SYNTHETIC" not in text
    for fragment in expected:
        assert fragment in text, fragment


@pytest.mark.parametrize("name", ALL)
def test_a_bad_csv_stops_with_the_clean_message(kernel, tmp_path, name):
    content, messages = BROKEN[name]
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    code, nb, _ = papermill(tmp_path, name, "input_csv", str(path))
    assert code != 0
    found = errors(nb)
    assert len(found) == 1
    shown = "\n".join(found[0]["traceback"])
    assert shown.startswith("The data needs fixing before this notebook can go on.")
    assert "Traceback" not in shown and 'File "' not in shown
    for message in messages:
        assert f"broken.csv, {message}" in shown or message in shown, message


def test_a_misspelt_parameter_stops_with_a_clean_message(kernel, tmp_path):
    code, nb, _ = papermill(tmp_path, DASHBOARD, "disclosure_mode", "sfae")
    assert code != 0
    shown = "\n".join(errors(nb)[0]["traceback"])
    assert "notebook parameters, column 'disclosure_mode': disclosure_mode must be 'safe'" in shown
    assert "Traceback" not in shown


# --- The static site ----------------------------------------------------------------------------

PAGES = {
    "notebooks/service-user-dashboard.html": ["Unit B was", "All units together"],
    "notebooks/engagement-tracker.html": ["Taking part where decisions are made", "Unit A"],
    "notebooks/environment-assessment.html": ["Accessibility", "Comments are not shown"],
}


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_built_page_has_captions_tables_and_says_what_needs_a_kernel(site, page):
    html = (site / page).read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "needs a running notebook" in text
    assert "SYNTHETIC" in text
    assert html.count('class="coproduce-plotly-chart"') >= 2
    assert html.count("Text description:") == html.count('class="coproduce-plotly-chart"')
    assert html.count("<table") >= 2


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES)
def test_built_page_draws_its_charts_and_shows_the_widget_default(visit, page):
    seen = visit(page)
    assert seen.charts_drawn >= 2
    assert seen.widgets_drawn >= 1
    for fragment in PAGES[page]:
        assert fragment in seen.widget_text, fragment
    assert seen.console_errors == []
