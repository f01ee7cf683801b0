"""The recommendations explorer: filters, counts, chart menu, action plan and notebook."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from conftest import ROOT
from nbclient import NotebookClient
from notebook_runner import outputs_text, run_notebook

from coproduce import DataValidationError
from coproduce.present.charts import text_alternative
from coproduce.recommendations import (
    ACTORS,
    ALL_ACTORS,
    PLAN_COLUMNS,
    action_plan_markdown,
    actors_schema,
    add_to_plan,
    areas_chart,
    counts_by_area,
    counts_table,
    empty_action_plan,
    filter_recommendations,
    load_recommendations,
    read_actors,
    remove_from_plan,
    save_action_plan,
    table_html,
    with_actors,
)

NOTEBOOK = ROOT / "notebooks" / "recommendations-explorer.ipynb"
LIVED = "People with lived experience and carers"


@pytest.fixture(scope="module")
def recs() -> pd.DataFrame:
    return load_recommendations()


@pytest.fixture(scope="module")
def actors() -> pd.DataFrame:
    return read_actors()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- The data -----------------------------------------------------------------------------------


def test_all_24_recommendations_in_nine_areas(recs):
    assert len(recs) == 24
    assert recs["area"].nunique() == 9
    assert recs["number"].tolist()[:3] == ["1", "2.1", "2.2"]
    assert recs.loc[recs["number"] == "9.4", "area_name"].item() == "Influence and involvement"


def test_the_guides_reading_names_at_least_one_actor_for_every_recommendation(recs, actors):
    assert set(actors["number"]) == set(recs["number"])
    assert set(actors["actor"]) == set(ACTORS)
    assert not actors.duplicated().any()


def test_the_package_says_who_acts_is_the_guides_own_reading():
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "nsun_recommendation_actors")
    assert "guide's own reading" in resource["description"]
    assert "does not say who acts" in resource["description"]
    assert "guide's own reading" in resource["title"]
    assert actors_schema()["primaryKey"] == ["number", "actor"]


# --- Filters and counts (worked examples) -------------------------------------------------------


def test_with_actors_lists_groups_in_the_guides_order(recs, actors):
    table = with_actors(recs, actors).set_index("number")
    assert table.loc["9.1", "actors"] == "; ".join(ACTORS)
    assert table.loc["6.1", "actors"] == "Service providers"
    assert table.loc["7.2", "actors"] == f"Service providers; {LIVED}"


def test_filters_by_area_by_actor_and_by_both(recs, actors):
    def numbers(**kwargs):
        return filter_recommendations(recs, actors, **kwargs)["number"].tolist()

    assert numbers(area=6) == ["6.1", "6.2", "6.3"]
    assert numbers(actor=LIVED) == ["2.4", "4.3", "7.2", "9.1", "9.2", "9.3"]
    assert numbers(area=9, actor="Professionals") == ["9.1", "9.3"]
    assert numbers(area=8, actor=LIVED) == []
    assert len(numbers()) == 24
    assert len(numbers(actor=ALL_ACTORS)) == 24


def test_filters_refuse_unknown_choices_and_say_what_is_allowed(recs, actors):
    with pytest.raises(ValueError, match="Unknown actor 'Nurses'; choose one of: Commissioners"):
        filter_recommendations(recs, actors, actor="Nurses")
    with pytest.raises(ValueError, match="Unknown area 10"):
        filter_recommendations(recs, actors, area=10)


def test_counts_by_area_worked_example_with_a_small_reading(recs):
    reading = pd.DataFrame(
        {
            "number": ["1", "2.1", "2.2", "9.4"],
            "actor": ["Commissioners", "Commissioners", "Professionals", "Commissioners"],
        }
    )
    counts = counts_by_area(recs, reading, "Commissioners")
    assert counts["area"].tolist() == list(range(1, 10))
    assert counts["recommendations"].tolist() == [1, 1, 0, 0, 0, 0, 0, 0, 1]
    everyone = counts_by_area(recs, reading)
    assert everyone["recommendations"].tolist() == [1, 5, 2, 3, 2, 3, 2, 2, 4]


def test_counts_table_has_every_area_every_group_and_totals(recs, actors):
    table = counts_table(recs, actors)
    assert list(table.columns) == ["area", "area_name", ALL_ACTORS, *ACTORS]
    assert len(table) == 10  # nine areas and the total row
    total = table.iloc[-1]
    assert total["area_name"] == "All nine areas"
    assert total[ALL_ACTORS] == 24
    # Hand count of data/nsun_recommendation_actors.csv.
    assert [total[a] for a in ACTORS] == [14, 21, 14, 6]
    assert table[ALL_ACTORS].tolist()[:9] == [1, 5, 2, 3, 2, 3, 2, 2, 4]


# --- The chart and its own menu -----------------------------------------------------------------


def test_chart_has_title_axis_labels_and_a_bar_per_area(recs, actors):
    fig = areas_chart(recs, actors)
    assert fig.layout.title.text == "Healthy Lives recommendations in each area"
    assert fig.layout.xaxis.title.text == "Number of recommendations"
    assert fig.layout.yaxis.title.text == "Area"
    (bars,) = fig.data
    assert list(bars.y)[0] == "1. Medical model usage"
    assert list(bars.x) == [1, 5, 2, 3, 2, 3, 2, 2, 4]


def test_chart_menu_has_one_option_per_group_with_that_groups_counts(recs, actors):
    fig = areas_chart(recs, actors)
    table = counts_table(recs, actors).iloc[:9]
    (menu,) = fig.layout.updatemenus
    assert menu.type == "dropdown"
    labels = [b.label for b in menu.buttons]
    assert labels == [ALL_ACTORS, *ACTORS]
    for button in menu.buttons:
        data, layout = button.args
        assert button.method == "update"
        assert data["x"] == [table[button.label].tolist()]
        assert layout["title.text"]
    professionals = next(b for b in menu.buttons if b.label == "Professionals")
    assert professionals.args[0]["x"] == [[1, 2, 2, 3, 1, 2, 1, 0, 2]]


def test_chart_text_alternative_gives_every_count_and_explains_the_menu(recs, actors):
    alt = text_alternative(areas_chart(recs, actors))
    assert "area 2, A fully holistic approach: 5" in alt
    assert "area 9, Influence and involvement: 4" in alt
    assert "guide's own reading" in alt
    assert "commissioners act on 14" in alt
    assert "people with lived experience and carers act on 6" in alt


# --- A team's own reading (a user's file) -------------------------------------------------------


def test_a_teams_own_reading_loads(tmp_path):
    path = write(tmp_path, "ours.csv", "number,actor\n1,Commissioners\n9.4,Professionals\n")
    table = read_actors(path)
    assert table.values.tolist() == [["1", "Commissioners"], ["9.4", "Professionals"]]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "number,actor\n10.1,Commissioners\n",
            "ours.csv, row 2, column 'number': there is no Healthy Lives recommendation with "
            "this number",
        ),
        (
            "number,actor\n1,Nurses\n",
            "ours.csv, row 2, column 'actor': expected one of: Commissioners, Service providers, "
            "Professionals, People with lived experience and carers (found 'Nurses')",
        ),
        ("number,who\n1,Commissioners\n", "column 'actor' is missing"),
        (
            "number,actor\n1,Commissioners\n1,Commissioners\n",
            "number 1, actor Commissioners appears on more than one row (rows 2, 3)",
        ),
        ("", "The file is empty"),
    ],
    ids=["unknown-number", "unknown-actor", "missing-column", "repeated-row", "empty-file"],
)
def test_a_bad_reading_is_reported_in_words(tmp_path, content, expected):
    path = write(tmp_path, "ours.csv", content)
    with pytest.raises(DataValidationError) as caught:
        read_actors(path)
    report = caught.value.report()
    assert expected in report
    assert "Traceback" not in report
    assert path.read_text(encoding="utf-8") == content


# --- The action plan ----------------------------------------------------------------------------


def test_add_to_plan_keeps_published_order_and_fills_fields(recs):
    plan = add_to_plan(
        empty_action_plan(),
        recs,
        ["9.1", "2.5"],
        action="Ask  people\nfirst",
        owner="Service lead",
        due_date=dt.date(2026, 9, 30),
        status="In progress",
    )
    assert list(plan.columns) == PLAN_COLUMNS
    assert plan["number"].tolist() == ["2.5", "9.1"]
    assert plan["action"].tolist() == ["Ask people first"] * 2
    assert plan["due_date"].tolist() == ["2026-09-30"] * 2
    assert plan["status"].tolist() == ["In progress"] * 2
    assert plan["area_name"].tolist() == ["A fully holistic approach", "Influence and involvement"]


def test_updating_a_row_leaves_blank_fields_as_they_were(recs):
    plan = add_to_plan(empty_action_plan(), recs, ["6.1"], action="Walk round", owner="Manager")
    assert plan.loc[0, "status"] == "Not started"
    assert plan.loc[0, "due_date"] == ""
    plan = add_to_plan(plan, recs, ["6.1", "1"], status="Done", due_date="2027-01-15")
    assert plan["number"].tolist() == ["1", "6.1"]
    row = plan.set_index("number").loc["6.1"]
    assert (row["action"], row["owner"], row["status"], row["due_date"]) == (
        "Walk round",
        "Manager",
        "Done",
        "2027-01-15",
    )
    assert plan.set_index("number").loc["1", "action"] == ""
    assert remove_from_plan(plan, ["1"])["number"].tolist() == ["6.1"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"numbers": ["10.1"]}, "no Healthy Lives recommendation has the number(s) 10.1"),
        ({"numbers": ["1"], "status": "Finished"}, "a status must be one of: Not started"),
        ({"numbers": ["1"], "due_date": "30/09/2026"}, "written as YYYY-MM-DD"),
        ({"numbers": ["1"], "due_date": "2026-02-30"}, "written as YYYY-MM-DD"),
    ],
    ids=["unknown-number", "unknown-status", "not-iso-date", "impossible-date"],
)
def test_bad_plan_entries_say_what_to_fix(recs, kwargs, expected):
    numbers = kwargs.pop("numbers")
    with pytest.raises(DataValidationError) as caught:
        add_to_plan(empty_action_plan(), recs, numbers, **kwargs)
    assert expected in caught.value.report()


def test_markdown_export_is_a_table_that_survives_pipes_and_newlines(recs):
    plan = add_to_plan(empty_action_plan(), recs, ["6.1"], action="Ask | then\nact", owner="Lead")
    text = action_plan_markdown(plan, title="Ward 3 plan")
    lines = text.splitlines()
    assert lines[0] == "# Ward 3 plan"
    assert "| No. | Recommendation | Action | Owner | Due | Status |" in lines
    row = next(line for line in lines if line.startswith("| 6.1 |"))
    assert "Ask \\| then act" in row
    assert row.endswith("| Lead |  | Not started |")
    assert row.count(" | ") == 5  # six cells, escaped pipe not counted
    assert "No recommendations have been picked yet." in action_plan_markdown(empty_action_plan())


def test_save_writes_csv_and_markdown_that_read_back(tmp_path, recs):
    plan = add_to_plan(
        empty_action_plan(), recs, ["7.2", "3.1"], owner="Lead", due_date="2027-03-01"
    )
    csv_path, md_path = save_action_plan(plan, tmp_path / "new" / "folder")
    assert (csv_path.name, md_path.name) == ("action-plan.csv", "action-plan.md")
    back = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(back.columns) == PLAN_COLUMNS
    assert back["number"].tolist() == ["3.1", "7.2"]
    assert back["due_date"].tolist() == ["2027-03-01"] * 2
    assert md_path.read_text(encoding="utf-8") == action_plan_markdown(plan)


def test_table_html_escapes_text():
    html = table_html(pd.DataFrame({"a": ["<b>x</b>"]}))
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert table_html(pd.DataFrame({"a": []}), empty="None here.") == "<p>None here.</p>"


# --- The notebook, run as a user would run it --------------------------------------------------


def run(tmp_path: Path, **parameters) -> nbformat.NotebookNode:
    return run_notebook(NOTEBOOK, tmp_path / "out.ipynb", **parameters)


text_of = outputs_text


def test_notebook_has_a_parameters_cell():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "actors_csv = None" in tagged[0].source
    assert 'output_dir = "outputs"' in tagged[0].source


def test_notebook_runs_on_the_guides_reading(kernel, tmp_path):
    nb = run(tmp_path, output_dir=str(tmp_path / "plans"))
    text = text_of(nb)
    assert "the guide's own reading" in text
    assert "application/vnd.plotly.v1+json" in json.dumps([c.get("outputs") for c in nb.cells])
    plan = pd.read_csv(tmp_path / "plans" / "action-plan.csv", dtype=str, encoding="utf-8-sig")
    assert plan["number"].tolist() == ["6.1", "7.2", "9.1"]
    assert (tmp_path / "plans" / "action-plan.md").read_text(encoding="utf-8").startswith("# ")


def test_notebook_runs_on_a_teams_own_reading(kernel, tmp_path):
    reading = write(
        tmp_path, "our-reading.csv", "number,actor\n1,Commissioners\n6.1,Professionals\n"
    )
    nb = run(tmp_path, actors_csv=str(reading), output_dir=str(tmp_path / "plans"))
    assert f"your team's reading, from {reading}" in text_of(nb)
    chart = next(
        o["data"]["application/vnd.plotly.v1+json"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    )
    menu = chart["layout"]["updatemenus"][0]["buttons"]
    commissioners = next(b for b in menu if b["label"] == "Commissioners")
    assert commissioners["args"][0]["x"] == [[1, 0, 0, 0, 0, 0, 0, 0, 0]]
    assert (tmp_path / "plans" / "action-plan.csv").is_file()


def test_notebook_stops_on_a_bad_reading_with_the_report_not_a_traceback(kernel, tmp_path):
    bad = write(tmp_path, "bad.csv", "number,actor\n1,Nurses\n")
    with pytest.raises(papermill.PapermillExecutionError):
        run(tmp_path, actors_csv=str(bad), output_dir=str(tmp_path / "plans"))
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    (error,) = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    shown = "\n".join(error.traceback)
    assert "bad.csv, row 2, column 'actor': expected one of" in shown
    assert "Traceback" not in shown and 'File "' not in shown
    assert not (tmp_path / "plans").exists()


def test_the_widgets_work_in_a_running_notebook(kernel, tmp_path):
    """Drive the live widgets from code, as clicks in JupyterLab or Binder would."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    probe = """
area_picker.value = 6
actor_picker.value = "Professionals"
print(matches.value)
pick.value = ("8.2", "1")
action_box.value = "Talk it through with the peer group"
owner_box.value = "Service lead"
status_box.value = "In progress"
add_button.click()
print("PLAN", ",".join(my_plan["number"]))
save_button.click()
print(message.value)
"""
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    printed = nb.cells[-1].outputs[0]["text"]
    assert "2 of 24 recommendations match." in printed
    assert "6.2" in printed and "6.3" in printed and "6.1</td>" not in printed
    assert "PLAN 1,6.1,7.2,8.2,9.1" in printed  # the example plan plus the two picked
    saved = pd.read_csv(
        tmp_path / "outputs" / "my-action-plan.csv", dtype=str, encoding="utf-8-sig"
    )
    row = saved.set_index("number").loc["8.2"]
    assert (row["action"], row["owner"], row["status"]) == (
        "Talk it through with the peer group",
        "Service lead",
        "In progress",
    )
