"""IMPACT figures (phases, Phase 4 flow) and their charts, read from data/; the notebook."""

import json
import shutil

import nbformat
import pandas as pd
import papermill
import plotly.graph_objects as go
import pytest
from conftest import ROOT

from coproduce.impact import (
    participants_by_group,
    participants_by_phase,
    participants_chart,
    phase_totals,
    retention_chart,
    retention_flow,
    withdrawals,
)
from coproduce.present.charts import text_alternative, with_text_alternative


def test_participants_by_phase_joins_titles():
    table = participants_by_phase()
    assert list(table.columns) == ["phase", "title", "group", "method", "participants"]
    assert table["title"].notna().all()
    assert table["participants"].sum() == 69 + 29 + 15 + 25 + 33 + 36


def test_phase_totals():
    totals = phase_totals(participants_by_phase())
    assert totals["total_participants"].tolist() == [98, 15, 25, 69]


def test_chart_has_title_axis_labels_and_every_number():
    figure = participants_chart(participants_by_phase())
    assert figure.layout.title.text == "Who took part in each phase of the IMPACT study"
    assert figure.layout.xaxis.title.text == "Study phase"
    assert figure.layout.yaxis.title.text == "Number of people"
    values = sorted(v for trace in figure.data for v in trace.y)
    assert values == [15, 25, 29, 33, 36, 69]
    assert figure.layout.barmode == "stack"


def test_chart_text_alternative_describes_every_bar():
    alt = text_alternative(participants_chart(participants_by_phase()))
    for fragment in [
        "Phase 1: 69 service users",
        "29 hospital staff",
        "Phase 2: 15",
        "Phase 3: 25",
        "Phase 4: 33 service users",
        "36 hospital staff",
    ]:
        assert fragment in alt


def test_text_alternative_is_required_and_not_blank():
    with pytest.raises(ValueError):
        text_alternative(go.Figure())
    with pytest.raises(ValueError):
        with_text_alternative(go.Figure(), "   ")
    fig = with_text_alternative(go.Figure(layout={"meta": {"owner": "x"}}), "A  chart\n of things")
    assert fig.layout.meta == {"owner": "x", "alt": "A chart of things"}


# --- The IMPACT study explorer: who took part by group, and the Phase 4 flow -------------------

NOTEBOOK = ROOT / "notebooks" / "impact-phases.ipynb"


def test_participants_by_group_has_one_column_per_group():
    table = participants_by_group(participants_by_phase()).set_index("phase")
    combined = [c for c in table.columns if "stakeholders" in c]
    assert len(combined) == 1
    assert (table.loc[1, "Service users"], table.loc[1, "Hospital staff"]) == (69, 29)
    assert (table.loc[4, "Service users"], table.loc[4, "Hospital staff"]) == (33, 36)
    assert table.loc[2, combined[0]] == 15 and table.loc[3, combined[0]] == 25
    assert table.loc[2, "Service users"] is pd.NA  # not reported separately
    assert table["total"].tolist() == [98, 15, 25, 69]


def test_retention_flow_matches_the_published_figures():
    flow = retention_flow()
    assert flow["participants"].tolist() == [33, 26, 23]
    assert flow["left_before_this_stage"].tolist() == [0, 7, 3]
    # 26 / 33 = 78.8% -> 79; 23 / 33 = 69.7% -> 70.
    assert flow["percent_of_recruited"].tolist() == [100, 79, 70]


def test_withdrawals_say_when_people_left():
    table = withdrawals(retention_flow())
    assert table.values.tolist() == [
        ["Recruited", "Completed the intervention", 7],
        ["Completed the intervention", "Took part at 3-month follow-up", 3],
    ]


def test_retention_flow_refuses_numbers_that_do_not_add_up(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "impact_retention.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",23,3,", ",22,3,"), encoding="utf-8")
    with pytest.raises(ValueError, match="does not add up at: Took part at 3-month follow-up"):
        retention_flow(data)


def test_retention_chart_has_title_axes_and_every_number():
    fig = retention_chart(retention_flow())
    assert fig.layout.title.text == "IMPACT Phase 4: from recruitment to follow-up"
    assert fig.layout.xaxis.title.text == "Number of service users"
    assert fig.layout.yaxis.title.text == "Stage"
    still, gone = fig.data
    assert list(still.x) == [33, 26, 23]
    assert list(gone.x) == [0, 7, 10]  # withdrawn so far: 7, then 7 + 3
    assert fig.layout.barmode == "stack"
    alt = text_alternative(fig)
    assert "33 service users were recruited" in alt
    assert "7 withdrew, leaving 26 (79% of those recruited)" in alt
    assert "3 withdrew, leaving 23 (70% of those recruited)" in alt


def test_explorer_notebook_runs_with_papermill_and_shows_both_charts(kernel, tmp_path):
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        cwd=str(NOTEBOOK.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    figures = [
        o["data"]["application/vnd.plotly.v1+json"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    ]
    titles = [f["layout"]["title"]["text"] for f in figures]
    assert titles == [
        "Who took part in each phase of the IMPACT study",
        "IMPACT Phase 4: from recruitment to follow-up",
    ]
    html = json.dumps([c.get("outputs") for c in nb.cells])
    assert "Took part at 3-month follow-up" in html  # the flow's data table
