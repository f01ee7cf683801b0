"""Attacks on the environment assessment's safe outputs (issue 10), each of which must fail.

Every attack runs on a SYNTHETIC file built here for the purpose, reads only what a safe output
publishes, and works out every true figure consistent with it (see ``attacker.py``). The safe
output passes when no hidden figure, and no figure about fewer than 8 people, is narrowed to
one value, and when no comment appears anywhere.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import nbformat
import pandas as pd
from attacker import hidden_mean_by_subtraction, live_tags, parts_from_percent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from notebook_runner import run_notebook

from coproduce import environment as env
from coproduce.disclosure import MINIMUM_PEOPLE, SUPPRESSED
from coproduce.present.charts import text_alternative
from coproduce.toolinput import column_names

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "environment-assessment.ipynb"
SECRET = "Nurse Pat Example shouts at us at night"
XSS = ["<img src=x onerror=alert(1)>", "<script>alert('x')</script>"]


def assessment(ratings: dict[tuple[str, str, str], list[int]], comment: str = "") -> pd.DataFrame:
    """A checked assessment from {(area, question, role): ratings}, every row with ``comment``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(column_names(env.RESOURCE))
    for (area, question, role), values in ratings.items():
        for value in values:
            writer.writerow([area, question, value, comment, role])
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype={"comment": "string"})
    frame["rating"] = frame["rating"].astype("Int64")
    return frame


def load(tmp_path: Path, ratings: dict, comment: str = "") -> pd.DataFrame:
    path = tmp_path / "assessment.csv"
    assessment(ratings, comment).to_csv(path, index=False)
    return env.load_assessment(path)


def every_safe_output(frame: pd.DataFrame, tmp_path: Path) -> str:
    """All text the tool's safe outputs publish: tables, sentences, charts, HTML and files."""
    areas = env.area_summary(frame)
    roles = env.role_summary(frame)
    parts = [
        areas.to_csv(),
        roles.to_csv(),
        env.role_counts(frame).to_csv(),
        env.action_list(frame, 50).to_csv(),
        env.overview(frame),
        env.area_sentence(areas),
        env.role_sentence(roles),
    ]
    for fig in (env.area_chart(areas, "x"), env.role_chart(roles, "x")):
        parts += [text_alternative(fig), fig.to_json()]
    parts += [env.area_detail_html(frame, area) for area in areas.index]
    saved = env.save_action_list(frame, tmp_path / "actions.csv", 50)
    parts.append(saved.read_text(encoding="utf-8-sig"))
    return "\n".join(parts)


# --- Free text -------------------------------------------------------------------------------


def test_a_comment_that_names_someone_is_in_no_safe_output(tmp_path):
    frame = load(
        tmp_path,
        {
            ("Safety", "Do you feel safe at night?", "Service user"): [1, 2, 2, 3, 3, 4, 4, 5, 5],
            ("Comfort", "Is it quiet?", "Staff"): [2, 3],
        },
        SECRET,
    )
    published = every_safe_output(frame, tmp_path)
    assert SECRET not in published
    assert "Pat Example" not in published
    review = env.comments_for_review(frame)
    assert SECRET in review.iloc[:, -1].tolist()
    assert "REVIEW BEFORE SHARING" in review.attrs["note"]
    assert SECRET in env.area_detail_html(frame, "Safety", "internal")


# --- Ranking bounds ----------------------------------------------------------------------------


def test_an_item_rated_by_two_people_is_not_ranked_or_averaged(tmp_path):
    few = "Is the garden open?"
    frame = load(
        tmp_path,
        {
            ("Safety", "Do you feel safe at night?", "Service user"): [4] * 10,
            ("Physical activity spaces", few, "Service user"): [1, 1],
            ("Comfort", "Is it quiet?", "Service user"): [3] * 9,
        },
    )
    actions = env.action_list(frame, 50)
    # The lowest item of all is left out of the ranking, so nothing bounds its average.
    assert few not in actions["Question"].tolist()
    assert len(actions) == 2
    detail = env.area_detail_html(frame, "Physical activity spaces")
    assert f"<td>{few}</td><td>{SUPPRESSED}</td>" in detail
    assert env.area_summary(frame).loc["Physical activity spaces"].tolist()[1] == SUPPRESSED


# --- Subtraction from an area's average --------------------------------------------------------


def test_a_hidden_question_cannot_be_worked_out_from_its_area(tmp_path):
    frame = load(
        tmp_path,
        {
            ("Safety", "Do you feel safe at night?", "Service user"): [4] * 6 + [5] * 6,
            ("Safety", "Can you lock your door?", "Service user"): [1, 1, 2],
        },
    )
    area = env.area_summary(frame).loc["Safety"]
    items = env.question_summary(frame).set_index("question")
    shown = items.loc["Do you feel safe at night?"]
    recovered = hidden_mean_by_subtraction(
        (area["Average rating (1 to 5)"], area["Ratings given"]),
        [(shown["average_shown"], shown["ratings_shown"])],
        range(1, MINIMUM_PEOPLE),
    )
    assert recovered is None or len(recovered) > 1


def test_a_hidden_role_cannot_be_worked_out_from_the_area_average(tmp_path):
    question = "Do you feel safe at night?"
    frame = load(
        tmp_path,
        {
            ("Safety", question, "Service user"): [2, 3] * 5,
            ("Safety", question, "Staff"): [4, 5, 4, 5, 4, 5, 4, 5, 4],
            ("Safety", question, "Carer or family"): [1, 1, 1],
        },
    )
    area = env.area_summary(frame).loc["Safety"]
    roles = env.role_summary(frame).loc["Safety"]
    people = env.role_counts(frame)["People who took part (at least)"]
    assert roles["Carer or family"] == SUPPRESSED
    recovered = hidden_mean_by_subtraction(
        (area["Average rating (1 to 5)"], area["Ratings given"]),
        [(roles[r], people[r]) for r in ("Service user", "Staff")],
        range(1, MINIMUM_PEOPLE),
    )
    assert recovered is None or len(recovered) > 1
    # The control: on the unprotected internal figures the same attack narrows the 3 carers'
    # average (1.0) to at most two values, so it is a real attack.
    area_i = env.area_summary(frame, "internal").loc["Safety"]
    roles_i = env.role_summary(frame, "internal").loc["Safety"]
    people_i = env.role_counts(frame, "internal")["People who took part (at least)"]
    control = hidden_mean_by_subtraction(
        (area_i["Average rating (1 to 5)"], area_i["Ratings given"]),
        [(roles_i[r], people_i[r]) for r in ("Service user", "Staff")],
        range(1, MINIMUM_PEOPLE),
        exact=True,
    )
    assert 1.0 in control and len(control) <= 2


def test_the_share_rated_poor_does_not_undo_the_rounding(tmp_path):
    frame = load(
        tmp_path, {("Safety", "Do you feel safe at night?", "Service user"): [1] * 9 + [4] * 14}
    )
    row = env.area_summary(frame).loc["Safety"]
    poor = row["Rated poor or very poor (%)"]
    if poor != SUPPRESSED:
        # The reader knows the ratings (rounded) and the share; the 9 poor ones stay uncertain.
        assert len(parts_from_percent(10, row["Ratings given"], poor)) > 1


def test_comparisons_in_words_are_true_of_the_real_averages(tmp_path):
    # Comfort's real average (3.26) is below Safety's (3.27), though both show 3.3.
    frame = load(
        tmp_path,
        {
            ("Safety", "Do you feel safe at night?", "Service user"): [3] * 8 + [4] * 3,
            ("Comfort", "Is it quiet?", "Service user"): [3] * 14 + [4] * 5,
        },
    )
    sentence = env.area_sentence(env.area_summary(frame))
    assert "Every area shown had the same average rating to one decimal place" in sentence


# --- Property: random small cohorts -------------------------------------------------------------

ROLE_NAMES = ("Service user", "Staff", "Carer or family")
QUESTIONS = ("Do you feel safe at night?", "Can you lock your door?")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sizes=st.lists(st.integers(0, 12), min_size=6, max_size=6),
    seed=st.integers(1, 5),
)
def test_no_small_group_can_be_recovered_from_random_cohorts(sizes, seed):
    ratings = {}
    for index, size in enumerate(sizes):
        if size:
            question = QUESTIONS[index // 3]
            role = ROLE_NAMES[index % 3]
            ratings[("Safety", question, role)] = [
                (seed + i * (index + 2)) % 5 + 1 for i in range(size)
            ]
    if not ratings:
        return
    frame = assessment(ratings, SECRET)
    areas = env.area_summary(frame)
    roles = env.role_summary(frame)
    people = env.role_counts(frame)["People who took part (at least)"]
    items = env.question_summary(frame)
    area = areas.loc["Safety"]
    # No average about fewer than 8 people is shown.
    for role in roles.columns:
        real = env.people_behind(frame[frame["assessor_role"] == role])
        if roles.loc["Safety", role] not in (SUPPRESSED, env.NO_RATINGS):
            assert real >= MINIMUM_PEOPLE
    for row in items.itertuples():
        if row.average_shown not in (SUPPRESSED, None):
            assert row.ratings >= MINIMUM_PEOPLE
    # Only questions rated by at least 8 people are ranked.
    ranked = env.action_list(frame, 10)
    assert set(ranked["Question"]) <= set(items.loc[items["ratings"] >= MINIMUM_PEOPLE, "question"])
    # Subtraction from the area's average recovers no hidden role (one question only)...
    if frame["question"].nunique() == 1:
        for hidden in [r for r in roles.columns if roles.loc["Safety", r] == SUPPRESSED]:
            others = [(roles.loc["Safety", r], people[r]) for r in roles.columns if r != hidden]
            recovered = hidden_mean_by_subtraction(
                (area["Average rating (1 to 5)"], area["Ratings given"]),
                others,
                range(1, MINIMUM_PEOPLE),
            )
            assert recovered is None or len(recovered) > 1
    # ...and no hidden question.
    for hidden in items[items["average_shown"] == SUPPRESSED].itertuples():
        others = items[items["question"] != hidden.question]
        recovered = hidden_mean_by_subtraction(
            (area["Average rating (1 to 5)"], area["Ratings given"]),
            list(zip(others["average_shown"], others["ratings_shown"], strict=True)),
            range(1, MINIMUM_PEOPLE),
        )
        assert recovered is None or len(recovered) > 1
    # Comments are in no safe table.
    assert SECRET not in areas.to_csv() + roles.to_csv() + env.action_list(frame, 10).to_csv()


# --- The notebook, with HTML and script in every text field -----------------------------------


def _rendered(nb: nbformat.NotebookNode) -> str:
    """What a browser would render as HTML: HTML and Markdown outputs, and widget state."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts += [str(data[m]) for m in ("text/html", "text/markdown") if m in data]
    parts.append(json.dumps(nb.metadata.get("widgets", {})))
    return "\n".join(parts)


def _hostile_file(tmp_path: Path) -> Path:
    rows = {
        ("Safety", XSS[0], "Service user"): [1, 2, 3, 3, 4, 4, 5, 5, 2],
        ("Comfort", XSS[1], "Staff"): [2, 3, 4, 4, 4, 5, 5, 3],
    }
    frame = assessment(rows, XSS[0] + " " + XSS[1] + " " + SECRET)
    path = tmp_path / "hostile <img src=x onerror=alert(2)>.csv"
    frame.to_csv(path, index=False)
    return path


def test_the_notebook_escapes_every_text_field_and_leaks_no_comment_in_safe_mode(kernel, tmp_path):
    path = _hostile_file(tmp_path)
    safe = run_notebook(NOTEBOOK, tmp_path / "safe.ipynb", input_csv=str(path))
    rendered = _rendered(safe)
    assert live_tags(rendered) == []
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered  # the question, shown as text
    assert SECRET not in json.dumps([c.get("outputs", []) for c in safe.cells])
    assert SECRET not in json.dumps(safe.metadata.get("widgets", {}))


def test_the_notebook_in_internal_mode_escapes_comments_and_says_review_before_sharing(
    kernel, tmp_path
):
    path = _hostile_file(tmp_path)
    internal = run_notebook(
        NOTEBOOK, tmp_path / "internal.ipynb", input_csv=str(path), disclosure_mode="internal"
    )
    rendered = _rendered(internal)
    assert live_tags(rendered) == []
    assert SECRET in rendered
    assert "REVIEW BEFORE SHARING" in rendered
    assert "INTERNAL USE ONLY" in rendered


def test_the_release_log_says_what_was_hidden_and_why(tmp_path):
    from coproduce.disclosure import Release

    question = "Do you feel safe at night?"
    frame = load(
        tmp_path,
        {
            ("Safety", question, "Service user"): [2, 3] * 5,
            ("Safety", question, "Staff"): [4, 5, 4, 5, 4, 5, 4, 5, 4],
            ("Safety", question, "Carer or family"): [1, 1, 1],
        },
    )
    release = Release()
    env.area_summary(frame, release=release)
    env.role_summary(frame, release=release)
    rules = {(h.row, h.column, h.rule) for h in release.hidden}
    assert ("Safety", "Carer or family", "small") in rules
    assert ("Safety", "Staff", "complement") in rules
