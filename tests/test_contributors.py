"""The contributors page credits people only with consent, by chosen name, in every role."""

from __future__ import annotations

import pytest
from conftest import ROOT

from coproduce.contributors import CONTRIBUTORS_FILE, ROLES, load_contributors, role_counts


def write(tmp_path, text: str):
    path = tmp_path / CONTRIBUTORS_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_list_is_valid():
    load_contributors(ROOT / CONTRIBUTORS_FILE)


def test_non_code_roles_are_counted(tmp_path):
    people = load_contributors(
        write(
            tmp_path,
            "contributors:\n"
            "  - {name: Sam, roles: [review, lived-experience-advice], consent: '2026-12-01'}\n"
            "  - {name: 'J. K.', roles: [facilitation, review], consent: '2026-12-02'}\n",
        )
    )
    counts = role_counts(people)
    assert counts["review"] == 2
    assert counts["lived-experience-advice"] == 1 and counts["facilitation"] == 1
    assert counts["code"] == 0 and set(counts) == set(ROLES)
    assert [p.name for p in people] == ["Sam", "J. K."], "chosen names are kept as written"


def test_nobody_is_named_without_a_consent_date(tmp_path):
    path = write(tmp_path, "contributors:\n  - {name: Sam, roles: [review]}\n")
    with pytest.raises(ValueError, match="entry 1: no consent date"):
        load_contributors(path)


def test_unknown_roles_are_refused(tmp_path):
    path = write(
        tmp_path, "contributors:\n  - {name: Sam, roles: [cheerleading], consent: '2026-12-01'}\n"
    )
    with pytest.raises(ValueError, match="roles must be some of"):
        load_contributors(path)


def test_the_page_shows_every_role_with_its_count(site):
    html = (site / "book/contributors.html").read_text(encoding="utf-8")
    counts = role_counts(load_contributors(ROOT / CONTRIBUTORS_FILE))
    for role, label in ROLES.items():
        assert f"<p>{label}</p>" in html, label
        assert f"<p>{label}</p></td>\n<td><p>{counts[role]}</p>" in html, label
