"""Attacks on the engagement tracker's safe outputs (issue 10), each of which must fail.

Each attack runs on a SYNTHETIC log built here, reads only what a safe output publishes and
works out every true count consistent with it (see ``attacker.py``). A control run on the
internal (unprotected) output shows that each attack is real.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
from attacker import count_window, live_tags, parts_from_percent, subtract_from_total
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from notebook_runner import run_notebook

from coproduce import engagement as eng
from coproduce.disclosure import SUPPRESSED, is_small

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "engagement-tracker.ipynb"
HEADER = "date,unit,pathway,event_type,attendance,submissions\n"


def log(
    rows: list[tuple[str, str, str, int]], tmp_path: Path, name: str = "log.csv"
) -> pd.DataFrame:
    """A checked log from (date, unit, pathway, attendance) rows (all roadshows)."""
    path = tmp_path / name
    text = HEADER + "".join(f"{d},{u},{p},roadshow,{a},\n" for d, u, p, a in rows)
    path.write_text(text, encoding="utf-8")
    return eng.load_events(path)


def events_from(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["date", "unit", "pathway", "attendance"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["event_type"] = "roadshow"
    frame["submissions"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame["attendance"] = frame["attendance"].astype("Int64")
    return frame.sort_values(["date", "unit"], kind="stable").reset_index(drop=True)


LABEL = eng.VALUES["attendance"].capitalize()
ROWS = [
    ("2024-01-10", "Ward 1", "Women's", 40),
    ("2024-01-12", "Ward 2", "Forensic", 20),
    ("2024-02-10", "Ward 3", "Rehab", 3),
]


def _pathway_attack(table: pd.DataFrame, target: str, exact: bool = False) -> set[int] | None:
    parts = table[table.index != "Total"]
    index = list(parts.index).index(target)
    return subtract_from_total(table.loc["Total", LABEL], parts[LABEL].tolist(), index, exact=exact)


# --- Subtraction from totals -------------------------------------------------------------------


def test_a_hidden_pathway_cannot_be_worked_out_from_the_total(tmp_path):
    events = log(ROWS, tmp_path)
    safe = eng.pathway_share(events, "attendance")
    assert safe.loc["Rehab", LABEL] == SUPPRESSED
    recovered = _pathway_attack(safe, "Rehab")
    assert recovered is None or len(recovered) > 1
    control = _pathway_attack(
        eng.pathway_share(events, "attendance", mode="internal"), "Rehab", True
    )
    assert control == {3}


def test_a_hidden_month_cannot_be_worked_out_from_the_total(tmp_path):
    events = log(ROWS, tmp_path)
    months = eng.participation_by_month(events)
    total = eng.pathway_share(events, "attendance").loc["Total", LABEL]
    shown = months["attendance_shown"].tolist()
    for index, value in enumerate(shown):
        if value == SUPPRESSED:
            recovered = subtract_from_total(total, shown, index)
            assert recovered is None or len(recovered) > 1
    assert SUPPRESSED in shown


def test_a_hidden_unit_quarter_cannot_be_worked_out_from_the_total(tmp_path):
    events = log(ROWS, tmp_path)
    cells = eng.participation_by_unit(events).to_numpy().ravel().tolist()
    total = eng.pathway_share(events, "attendance").loc["Total", LABEL]
    assert SUPPRESSED in cells
    for index, value in enumerate(cells):
        if value == SUPPRESSED:
            recovered = subtract_from_total(total, cells, index)
            assert recovered is None or len(recovered) > 1


# --- Percentages and comparisons ---------------------------------------------------------------


def test_shares_do_not_undo_the_rounding_and_are_true(tmp_path):
    rows = [("2024-01-10", "Ward 1", "Women's", 41), ("2024-01-12", "Ward 2", "Forensic", 9)]
    events = log(rows, tmp_path)
    table = eng.pathway_share(events, "attendance")
    whole = table.loc["Total", LABEL]
    for pathway, real in (("Women's", 41), ("Forensic", 9)):
        share = table.loc[pathway, "Share of the total"]
        if share != SUPPRESSED:
            assert abs(float(share.rstrip("%")) - 100 * real / 50) <= 2.5
            assert len(parts_from_percent(table.loc[pathway, LABEL], whole, share)) > 1


def test_a_change_is_true_and_does_not_pin_the_counts(tmp_path):
    rows = [("2024-01-10", "Ward 1", "P", 48), ("2024-02-10", "Ward 1", "P", 52)]
    events = log(rows, tmp_path)
    comparison = eng.compare_periods(events, *eng.default_periods(events))
    # Shown counts 50 and 50; the real change is +8.3%, shown as about 10%, not "no change".
    assert (comparison.before_count, comparison.after_count) == (50, 50)
    if comparison.change != SUPPRESSED:
        assert comparison.change > 0 and abs(comparison.change - 100 * 4 / 48) <= 2.5
        assert "an increase" in comparison.sentence()
        pairs = [
            (b, a)
            for b in count_window(50)
            for a in count_window(50)
            if abs(100 * (a - b) / b - comparison.change) <= 2.5
        ]
        assert len({b for b, _ in pairs}) > 1 and len({a for _, a in pairs}) > 1


def test_no_share_of_100_percent_beside_a_hidden_part(tmp_path):
    rows = [("2024-01-10", "Ward 1", "Women's", 15), ("2024-01-12", "Ward 2", "Forensic", 1)]
    table = eng.pathway_share(log(rows, tmp_path), "attendance")
    parts = table[table.index != "Total"]
    assert "100%" not in parts["Share of the total"].tolist()
    assert "0%" not in parts["Share of the total"].tolist()


def test_the_order_of_pathways_says_nothing_a_hidden_count_does_not(tmp_path):
    rows = [
        ("2024-01-10", "Ward 1", "A pathway", 2),
        ("2024-01-10", "Ward 2", "B pathway", 6),
        ("2024-01-10", "Ward 3", "C pathway", 30),
    ]
    table = eng.pathway_share(log(rows, tmp_path), "attendance")
    parts = table[table.index != "Total"]
    hidden = parts[parts[LABEL] == SUPPRESSED].index.tolist()
    # Hidden pathways come last, by name, whatever their real counts (B has more than A).
    assert hidden == sorted(hidden)
    assert list(parts.index)[-len(hidden) :] == hidden


# --- Property: random small logs ---------------------------------------------------------------

PATHWAYS = ("Women's", "Forensic", "Rehab")
DATES = ("2024-01-10", "2024-02-10", "2024-04-10", "2024-05-10")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 14), min_size=6, max_size=6))
def test_no_count_from_1_to_7_can_be_recovered_from_random_logs(counts):
    rows = [(DATES[i % 4], f"Ward {i % 2 + 1}", PATHWAYS[i % 3], c) for i, c in enumerate(counts)]
    events = events_from(rows)
    if events["attendance"].sum() == 0:
        return
    table = eng.pathway_share(events, "attendance")
    parts = table[table.index != "Total"]
    exact = events.groupby("pathway")["attendance"].sum()
    total = table.loc["Total", LABEL]
    for index, (pathway, shown) in enumerate(parts[LABEL].items()):
        real = int(exact[pathway])
        if is_small(real):
            assert shown == SUPPRESSED
        if shown == SUPPRESSED:
            recovered = subtract_from_total(total, parts[LABEL].tolist(), index)
            assert recovered is None or len(recovered) > 1
        share = parts.loc[pathway, "Share of the total"]
        if share not in (SUPPRESSED, "not available"):
            real_share = 100 * real / int(exact.sum())
            assert abs(float(share.rstrip("%")) - real_share) <= 2.5
            if real:
                assert len(parts_from_percent(shown, total, share)) > 1
    # Rows in order of what is shown: a count shown higher is really higher.
    shown_order = [-1 if v == SUPPRESSED else v for v in parts[LABEL]]
    assert shown_order == sorted(shown_order, reverse=True)
    months = eng.participation_by_month(events)
    shown = months["attendance_shown"].tolist()
    for index, (real, value) in enumerate(zip(months["attendance"], shown, strict=True)):
        if is_small(real):
            assert value == SUPPRESSED
        if value == SUPPRESSED:
            recovered = subtract_from_total(total, shown, index)
            assert recovered is None or len(recovered) > 1
    before, after = eng.default_periods(events)
    comparison = eng.compare_periods(events, before, after)
    real_before = eng.total(before.select(events))
    real_after = eng.total(after.select(events))
    if comparison.change not in (SUPPRESSED, None):
        real_change = 100 * (real_after - real_before) / real_before
        assert abs(comparison.change - real_change) <= 2.5
        assert (comparison.change > 0) <= (real_change > 0)
        assert (comparison.change < 0) <= (real_change < 0)
    if is_small(real_before) or is_small(real_after):
        assert comparison.change in (SUPPRESSED, None)


# --- The notebook, with HTML and script in every text field -----------------------------------


def test_the_notebook_escapes_unit_and_pathway_names(kernel, tmp_path):
    img, script = "<img src=x onerror=alert(1)>", "<script>alert(1)</script>"
    rows = [
        ("2024-01-10", img, script, 20),
        ("2024-02-10", script, img, 30),
        ("2024-02-12", img, script, 12),
    ]
    path = tmp_path / "hostile.csv"
    path.write_text(
        HEADER + "".join(f'{d},"{u}","{p}",roadshow,{a},\n' for d, u, p, a in rows),
        encoding="utf-8",
    )
    for mode in ("safe", "internal"):
        nb = run_notebook(
            NOTEBOOK,
            tmp_path / f"{mode}.ipynb",
            input_csv=str(path),
            disclosure_mode=mode,
            share_event_type=None,
        )
        rendered = [
            str(data[m])
            for cell in nb.cells
            for output in cell.get("outputs", [])
            for data in [output.get("data", {})]
            for m in ("text/html", "text/markdown")
            if m in data
        ]
        rendered.append(json.dumps(nb.metadata.get("widgets", {})))
        text = "\n".join(rendered)
        assert live_tags(text) == [], mode
        assert "&lt;img src=x onerror=alert(1)&gt;" in text
        assert isinstance(nb, nbformat.NotebookNode)


def test_the_release_log_says_what_was_hidden_and_why(tmp_path):
    from coproduce.disclosure import RULES, Release

    events = log(ROWS, tmp_path)
    release = Release()
    eng.pathway_share(events, "attendance", release=release)
    eng.participation_by_month(events, release=release)
    reasons = {(h.table, h.row, h.rule) for h in release.hidden}
    assert ("Share of times service users took part", "Rehab", "small") in reasons
    assert ("Share of times service users took part", "Forensic", "complement") in reasons
    summary = release.summary()
    assert RULES["complement"] in summary["Hidden because it"].tolist()
    internal = Release("internal")
    eng.pathway_share(events, "attendance", mode="internal", release=internal)
    assert internal.hidden == []
