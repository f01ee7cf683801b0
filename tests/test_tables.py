"""Data tables: every data cell is tied to its header cells (coproduce.present.table_headers)."""

from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup

from coproduce.present.table_headers import accessible_tables


def cells(html: str):
    return BeautifulSoup(html, "html.parser")


def header_texts(soup, td) -> list[str]:
    return [soup.find(id=ident).get_text(strip=True) for ident in td["headers"]]


def test_simple_pandas_table_gets_scopes_and_headers():
    frame = pd.DataFrame({"Events": [8, 6], "Took part": [20, 15]}, index=["Jan", "Feb"])
    soup = cells(accessible_tables(frame.to_html()))
    assert {th["scope"] for th in soup.select("thead th")} == {"col"}
    assert {th["scope"] for th in soup.select("tbody th")} == {"row"}
    assert not soup.select("td[headers]"), "scope is enough for a simple table"


def test_multi_level_columns_name_every_level():
    columns = pd.MultiIndex.from_tuples([("Unit A", "n"), ("Unit A", "%"), ("Unit B", "n")])
    frame = pd.DataFrame([[1, 50, 2]], columns=columns, index=["Jan"])
    soup = cells(accessible_tables(frame.to_html()))
    spanning = soup.find("th", string="Unit A")
    assert spanning["scope"] == "colgroup"
    percent = soup.select("tbody td")[1]
    assert percent.get_text() == "50"
    assert header_texts(soup, percent) == ["Unit A", "%", "Jan"]


def test_two_tables_on_a_page_get_different_ids():
    columns = pd.MultiIndex.from_tuples([("A", "n"), ("A", "%")])
    html = pd.DataFrame([[1, 2]], columns=columns).to_html() * 2
    soup = cells(accessible_tables(html))
    ids = [th["id"] for th in soup.find_all("th")]
    assert len(ids) == len(set(ids))


def test_tables_that_already_say_their_headers_are_left_alone():
    html = '<table><tr><th id="x">A</th></tr><tr><td headers="x">1</td></tr></table>'
    assert 'headers="x"' in accessible_tables(html) and "scope" not in accessible_tables(html)


def test_html_without_tables_is_unchanged():
    assert accessible_tables("<p>No &amp; table</p>") == "<p>No &amp; table</p>"
