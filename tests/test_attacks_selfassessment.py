"""Attacks on the 4Pi team self-assessment's safe outputs (issue 10), each of which must fail.

Each attack runs on a SYNTHETIC team file built here and reads only what the safe outputs
publish (see ``attacker.py``); a control run on the internal output shows the attack is real.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from attacker import live_tags, subtract_from_total
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from notebook_runner import run_notebook

from coproduce import load_table
from coproduce import selfassessment as sa
from coproduce.disclosure import MINIMUM_PEOPLE, SUPPRESSED, is_small

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "4pi-self-assessment.ipynb"
STATEMENTS = load_table("fourpi_statements")["statement_id"].tolist()
HOSTILE_CODES = ['=HYPERLINK("http://x","y")', "<img src=x onerror=alert(1)>", "<script>x</script>"]


def team_rows(sizes: dict[str, int], seed: int = 1, codes=None) -> pd.DataFrame:
    """A team's answers: ``sizes`` people per role, ratings from a fixed pattern."""
    rows = []
    number = 0
    for role, size in sizes.items():
        for _ in range(size):
            code = codes[number % len(codes)] + str(number) if codes else f"R{number:02d}"
            ratings = {s: (seed + number * (i + 3)) % 5 + 1 for i, s in enumerate(STATEMENTS)}
            rows.append({"respondent": code, "role": role, **ratings})
            number += 1
    return pd.DataFrame(rows, columns=["respondent", "role", *STATEMENTS])


def team_file(tmp_path: Path, sizes: dict[str, int], seed: int = 1, codes=None) -> Path:
    """:func:`team_rows` written to a CSV file, as a team would bring it."""
    path = tmp_path / f"team-{seed}-{'-'.join(str(v) for v in sizes.values())}.csv"
    team_rows(sizes, seed, codes).to_csv(path, index=False)
    return path


def outputs(path: Path | pd.DataFrame, mode: str = "safe") -> dict[str, pd.DataFrame]:
    responses = sa.read_responses(path) if isinstance(path, Path) else path
    statements = sa.load_statements()
    team = sa.team_scores(sa.person_scores(responses, statements))
    return {
        "responses": responses,
        "team": team,
        "counts": sa.respondent_counts(responses, mode).set_index("role")["people"],
        "summary": sa.safe_team_summary(team, mode),
        "ladder": sa.team_ladder(team, sa.load_ladder(), mode),
    }


def _role_attack(counts: pd.Series, role: str, exact: bool = False) -> set[int] | None:
    parts = [counts[r] for r in sa.ROLES]
    return subtract_from_total(counts["everyone"], parts, sa.ROLES.index(role), exact)


def test_a_hidden_role_cannot_be_worked_out_from_everyone(tmp_path):
    path = team_file(tmp_path, {"service user": 9, "carer": 3, "staff": 12})
    safe = outputs(path)["counts"]
    assert safe["carer"] == SUPPRESSED
    recovered = _role_attack(safe, "carer")
    assert recovered is None or len(recovered) > 1
    control = _role_attack(outputs(path, "internal")["counts"], "carer", exact=True)
    assert control == {3}


def test_the_summary_counts_and_everyone_do_not_give_a_hidden_role_away(tmp_path):
    path = team_file(tmp_path, {"service user": 9, "carer": 3, "staff": 12})
    found = outputs(path)
    overall = found["summary"].set_index("standard").loc[sa.OVERALL]
    parts = [overall[f"{sa.ROLE_KEYS[r]}_n"] for r in sa.ROLES]
    recovered = subtract_from_total(found["counts"]["everyone"], parts, 1)
    assert recovered is None or len(recovered) > 1


def test_no_team_output_shows_a_respondent_code(tmp_path):
    path = team_file(tmp_path, {"service user": 9, "carer": 3, "staff": 8}, codes=HOSTILE_CODES)
    found = outputs(path)
    written = [
        sa.export_summary(found["summary"], tmp_path / "summary.csv"),
        sa.export_summary(found["ladder"], tmp_path / "ladder.csv"),
    ]
    published = "\n".join(
        [found[k].to_csv() for k in ("counts", "summary", "ladder")]
        + [p.read_text(encoding="utf-8-sig") for p in written]
    )
    for code in HOSTILE_CODES:
        assert code not in published


def _shown(value: object) -> bool:
    return value != SUPPRESSED and not pd.isna(value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(1, 5),
)
def test_no_small_role_can_be_recovered_from_random_teams(users, carers, staff, seed):
    if users + carers + staff == 0:
        return
    found = outputs(team_rows({"service user": users, "carer": carers, "staff": staff}, seed))
    counts = found["counts"]
    real = {"service user": users, "carer": carers, "staff": staff}
    for role in sa.ROLES:
        if is_small(real[role]):
            assert counts[role] == SUPPRESSED
        if counts[role] == SUPPRESSED:
            recovered = _role_attack(counts, role)
            assert recovered is None or len(recovered) > 1
    summary = found["summary"]
    team = found["team"]
    for row, exact in zip(summary.itertuples(), team.itertuples(), strict=True):
        for role in sa.ROLES:
            key = sa.ROLE_KEYS[role]
            if _shown(getattr(row, f"{key}_mean")):
                assert getattr(exact, f"{key}_n") >= MINIMUM_PEOPLE
        if _shown(row.gap):
            assert exact.service_user_n >= MINIMUM_PEOPLE and exact.staff_n >= MINIMUM_PEOPLE
    for place in found["ladder"].itertuples():
        if _shown(place.overall_score):
            assert real[place.role] >= MINIMUM_PEOPLE


def test_the_notebook_shows_no_code_and_runs_nothing_from_the_file(kernel, tmp_path):
    path = team_file(tmp_path, {"service user": 9, "carer": 3, "staff": 8}, codes=HOSTILE_CODES)
    nb = run_notebook(
        NOTEBOOK, tmp_path / "out.ipynb", input_csv=str(path), output_dir=str(tmp_path / "o")
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
    assert live_tags(text) == []
    for code in HOSTILE_CODES:
        assert code not in text
    for saved in (tmp_path / "o").glob("4pi-team-*.csv"):
        assert not any(code in saved.read_text(encoding="utf-8-sig") for code in HOSTILE_CODES)


def test_the_release_log_says_what_was_hidden_and_why(tmp_path):
    from coproduce.disclosure import Release

    found = outputs(team_rows({"service user": 9, "carer": 3, "staff": 12}))
    release = Release()
    sa.respondent_counts(found["responses"], release=release)
    sa.safe_team_summary(found["team"], release=release)
    rules = {(h.table, h.row, h.rule) for h in release.hidden}
    assert ("People who answered", "carer", "small") in rules
    assert ("People who answered", "service user", "complement") in rules
    assert ("Scores by role", sa.OVERALL, "small") in rules
