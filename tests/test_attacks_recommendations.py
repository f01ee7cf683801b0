"""Attacks on the action plan's exports and views (issue 10): formula and script injection.

A team types its own actions and owners, so every one of these fields is user text. The
tests type formulas and HTML into every field and check that the saved CSV runs nothing in a
spreadsheet, the Markdown and the HTML views run nothing in a browser, and the live notebook
escapes what it shows.
"""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pandas as pd
from attacker import live_tags
from hypothesis import given, settings
from hypothesis import strategies as st
from nbclient import NotebookClient

from coproduce import recommendations as rec
from coproduce.present.exports import FORMULA_STARTS, neutralise_formulas

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "recommendations-explorer.ipynb"
FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1"]
TAGS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]


def hostile_plan() -> pd.DataFrame:
    recommendations = rec.load_recommendations()
    plan = rec.empty_action_plan()
    numbers = recommendations["number"].tolist()
    for index, (action, owner) in enumerate(zip(FORMULAS + TAGS, TAGS + FORMULAS, strict=True)):
        plan = rec.add_to_plan(plan, recommendations, [numbers[index]], action=action, owner=owner)
    return plan


def cells(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_the_saved_csv_has_no_cell_a_spreadsheet_would_run(tmp_path):
    csv_path, _ = rec.save_action_plan(hostile_plan(), tmp_path)
    rows = cells(csv_path)
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), repr(cell)
    actions = [r[rows[0].index("action")] for r in rows[1:]]
    assert "'" + FORMULAS[0] in actions
    # Nothing else is changed: the numbers and areas are as they were.
    saved = pd.read_csv(csv_path, encoding="utf-8-sig", dtype={"number": str})
    assert saved["area"].dtype.kind == "i"


def test_the_markdown_and_html_views_run_nothing(tmp_path):
    plan = hostile_plan()
    _, md_path = rec.save_action_plan(plan, tmp_path)
    assert live_tags(md_path.read_text(encoding="utf-8")) == []
    assert live_tags(rec.table_html(plan)) == []
    assert "&lt;script&gt;" in md_path.read_text(encoding="utf-8")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=12), min_size=1, max_size=5), st.integers(-50, 50))
def test_any_text_is_neutralised_and_numbers_stay_numbers(texts, number):
    frame = pd.DataFrame({"text": texts, "number": [number] * len(texts)})
    safe = neutralise_formulas(frame)
    for before, after in zip(texts, safe["text"], strict=True):
        assert not after.startswith(FORMULA_STARTS)
        assert after in (before, "'" + before)
    assert safe["number"].tolist() == [number] * len(texts)


def test_the_live_notebook_escapes_what_it_shows(kernel, tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    probe = f"""
pick.value = ("8.2",)
action_box.value = {TAGS[0]!r}
owner_box.value = {FORMULAS[0]!r}
add_button.click()
print("VIEW", plan_view.value)
save_button.click()
print("MESSAGE", message.value)
"""
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    printed = nb.cells[-1].outputs[0]["text"]
    assert live_tags(printed) == []
    assert "&lt;img src=x onerror=alert(1)&gt;" in printed
    saved = cells(tmp_path / "outputs" / "my-action-plan.csv")
    assert ["'" + FORMULAS[0]] == [c for r in saved for c in r if FORMULAS[0] in c]
