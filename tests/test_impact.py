"""IMPACT phase figures and their chart, read from data/."""

import plotly.graph_objects as go
import pytest

from coproduce.charts import text_alternative, with_text_alternative
from coproduce.impact import participants_by_phase, participants_chart, phase_totals


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
