"""Attacks on the evaluation's safe outputs: each must fail (see issue "Outputs that are safe").

Each attack is first run on the internal output, where it must work (so the attack is real),
then on the safe output, where the figures it needs must be missing or must not pin the value.
The attacker is modelled at their strongest: they know the exact rule and, where it helps them,
they are given exact counts instead of rounded ones.
"""

from __future__ import annotations

import itertools

import pandas as pd
from evaluation_files import csv_text, person, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce.disclosure import MINIMUM_PEOPLE, ROUND_TO, SUPPRESSED
from coproduce.evaluation import evaluate
from coproduce.evaluation.outcomes import OUTCOMES, change_statistics
from coproduce.evaluation.report import build_report_html
from coproduce.evaluation.schema import TIME_LABELS


def cohort_file(folder, weights, leaves_after_post=(), sites=None, no_bp=()):
    """People with these baseline weights; some leave after the intervention (before follow-up)."""
    rows = []
    for number, weight in enumerate(weights):
        site = sites[number] if sites else "Site A"
        values = {"weight_kg": f"{weight:.1f}"}
        if number in no_bp:
            values |= {"systolic_bp": "", "diastolic_bp": "", "bp_not_collected_reason": "Declined"}
        withdraw = 2 if number in leaves_after_post else None
        rows += person(f"P{number:03d}", site, withdraw, values=values)
    return write(folder, "cohort.csv", csv_text(rows))


def change_row(table: pd.DataFrame, measure: str, point: str) -> pd.Series:
    rows = table[(table["Measure"] == measure) & (table["Compared with baseline"] == point)]
    return rows.iloc[0]


def rounded_candidates(shown: object) -> list[int]:
    """Every true count that the rule would show as ``shown``."""
    if shown == SUPPRESSED:
        return list(range(1, MINIMUM_PEOPLE))
    value = int(shown)
    if value == 0:
        return [0]
    return [n for n in range(value - ROUND_TO // 2, value + ROUND_TO // 2 + 1) if n >= 8]


def differencing_attack(table: pd.DataFrame, measure: str) -> set[float]:
    """n x mean at baseline after the intervention minus the same at follow-up, for each n."""
    post = change_row(table, measure, "Post-intervention")
    follow = change_row(table, measure, "Follow-up")
    needed = [post["Mean at baseline"], follow["Mean at baseline"]]
    if any(v == SUPPRESSED or pd.isna(v) for v in needed):
        return set()  # the figures the attack needs are not published
    recovered = set()
    for n1, n2 in itertools.product(
        rounded_candidates(post["People measured at both"]),
        rounded_candidates(follow["People measured at both"]),
    ):
        if 0 < n1 - n2 < MINIMUM_PEOPLE:
            recovered.add(round((n1 * float(needed[0]) - n2 * float(needed[1])) / (n1 - n2), 1))
    return recovered


def test_one_persons_weight_cannot_be_recovered_by_differencing(tmp_path):
    weights = [70.0 + (i % 7) for i in range(20)] + [151.3]
    path = cohort_file(tmp_path, weights, leaves_after_post={20})
    internal = evaluate(path, "internal")
    # On the internal output the attack works: it gives the person's weight (to rounding).
    assert any(abs(v - 151.3) < 2 for v in differencing_attack(internal.change, "Weight"))
    safe = evaluate(path, "safe")
    assert not any(abs(v - 151.3) < 2 for v in differencing_attack(safe.change, "Weight"))
    follow = change_row(safe.change, "Weight", "Follow-up")
    assert follow["Mean at baseline"] == SUPPRESSED
    assert any(h.rule == "overlap" for h in safe.release.hidden)
    assert "What was hidden" in build_report_html(safe)


def test_the_exact_number_cannot_be_read_from_the_interval_and_the_sd(tmp_path):
    path = cohort_file(tmp_path, [60.0 + 3 * (i % 9) for i in range(23)])
    internal = evaluate(path, "internal").change
    row = change_row(internal, "Weight", "Post-intervention")
    assert "SD of change" in row.index  # the team sees the spread
    safe = evaluate(path, "safe").change
    # half-width = t(0.975, n - 1) x SD / sqrt(n): without the SD, n is not pinned.
    assert "SD of change" not in safe.columns and "Cohen's d_z" not in safe.columns
    assert change_row(safe, "Weight", "Post-intervention")["People measured at both"] in (
        20,
        25,
    )


def test_a_hidden_not_collected_count_cannot_be_got_by_subtraction(tmp_path):
    path = cohort_file(tmp_path, [70.0] * 30, no_bp={3, 9})
    safe = evaluate(path, "safe").completeness
    bp = safe[(safe["Measure"] == "Blood pressure") & (safe["Time point"] == "Baseline")].iloc[0]
    assert bp["Not collected"] == SUPPRESSED
    # People assessed minus collected would give the 2: so "collected" is hidden too.
    assert bp["Measure collected"] == SUPPRESSED and bp["% collected"] == SUPPRESSED


def test_a_site_cannot_be_got_from_all_sites_minus_the_others(tmp_path):
    sites = ["Site A"] * 25 + ["Site B"] * 3
    path = cohort_file(tmp_path, [70.0] * 28, sites=sites)
    funnel = evaluate(path, "safe").funnel
    recruited = funnel[funnel["Stage"] == "Recruited"].set_index("Site")["People"]
    assert recruited["Site B"] == SUPPRESSED
    assert recruited["Site A"] == SUPPRESSED or recruited["All sites"] == SUPPRESSED


def test_no_percentage_says_everyone_completed_when_someone_left(tmp_path):
    path = cohort_file(tmp_path, [70.0] * 17, leaves_after_post={4, 5})
    funnel = evaluate(path, "safe").funnel.set_index(["Site", "Stage"])
    follow = funnel.loc[("All sites", "Still taking part at follow-up")]
    assert follow["Left before this stage"] == SUPPRESSED
    assert follow["% of those recruited"] == SUPPRESSED  # not "100%", nor a pinning figure


def test_reasons_in_peoples_own_words_are_not_published(tmp_path):
    rows = []
    for number in range(30):
        rows += person(f"P{number}", withdraw_at=1 if number < 3 else None)
    rows[0 * 3 + 1]["withdrawal_reason"] = "Moved to Ward 7 after a row with John Smith"
    path = write(tmp_path, "reasons.csv", csv_text(rows))
    safe = evaluate(path, "safe")
    assert "John Smith" not in build_report_html(safe)
    assert "John Smith" in " ".join(safe.internal_reasons()["Reason"])


# --- Property: random small programmes ----------------------------------------------------------

cohorts = st.lists(
    st.tuples(
        st.sampled_from(["Site A", "Site B", "Site C"]),
        st.sampled_from([None, None, None, 1, 2]),
        st.booleans(),
        st.floats(min_value=45, max_value=160).map(lambda w: round(w, 1)),
    ),
    min_size=2,
    max_size=40,
)


def parts_are_protected(parts: list[int], shown: list[object], total_shown: bool) -> bool:
    """The attacker's best case: exact parts and total. Hidden parts must not be got back."""
    hidden = [p for p, s in zip(parts, shown, strict=True) if s == SUPPRESSED]
    if not hidden or not total_shown:
        return True
    return len(hidden) >= 2 and sum(hidden) >= MINIMUM_PEOPLE


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=cohorts)
def test_no_attack_recovers_anything_about_1_to_7_people(tmp_path_factory, people):
    rows = []
    for number, (site, withdraw, no_bp, weight) in enumerate(people):
        values = {"weight_kg": f"{weight}"}
        if no_bp:
            values |= {"systolic_bp": "", "diastolic_bp": "", "bp_not_collected_reason": "Declined"}
        rows += person(f"P{number}", site, withdraw, values=values)
    path = write(tmp_path_factory.mktemp("cohort"), "cohort.csv", csv_text(rows))
    exact, safe = evaluate(path, "internal"), evaluate(path, "safe")

    # 1. Sites against All sites, stage by stage and column by column.
    for column in ["People", "Left before this stage", "Assessed at this time point"]:
        for stage, rows_exact in exact.funnel.groupby("Stage", sort=False):
            rows_safe = safe.funnel.loc[rows_exact.index]
            sites = rows_exact["Site"] != "All sites"
            assert parts_are_protected(
                rows_exact.loc[sites, column].tolist(),
                rows_safe.loc[sites, column].tolist(),
                rows_safe.loc[~sites, column].iloc[0] != SUPPRESSED,
            ), (stage, column)

    # 2. Collected and not collected against people assessed.
    for (_, e), (_, s) in zip(
        exact.completeness.iterrows(), safe.completeness.iterrows(), strict=True
    ):
        assert parts_are_protected(
            [e["Measure collected"], e["Not collected"]],
            [s["Measure collected"], s["Not collected"]],
            s["People assessed"] != SUPPRESSED,
        )

    # 3. No two published statistics of one measure rest on groups 1 to 7 people apart.
    _, groups = change_statistics(exact.scored)
    shown = safe.change
    label_of = {o.column: o.label for o in OUTCOMES}
    for column in {key[0] for key in groups}:
        published = []
        for (measure_column, point), members in groups.items():
            if measure_column != column:
                continue
            row = change_row(shown, label_of[column], TIME_LABELS[point])
            value = row["Mean at baseline"]
            if value != SUPPRESSED and not pd.isna(value):
                published.append(members)
        for first, second in itertools.combinations(published, 2):
            apart = int((first ^ second).sum())
            assert apart == 0 or apart >= MINIMUM_PEOPLE

    # 4. Nothing from fewer than 8 people; no percentage beside a hidden count.
    for _, row in safe.change.iterrows():
        n = row["People measured at both"]
        if n == SUPPRESSED:
            assert row["Mean change"] == SUPPRESSED
    for _, row in safe.funnel.iterrows():
        if row["People"] == SUPPRESSED:
            assert row["% of those recruited"] == SUPPRESSED
