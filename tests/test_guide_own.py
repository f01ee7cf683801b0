"""What the guide wrote itself is marked as its own, and no page cites a source for it.

Rows of ``data/`` that cite ``this-guide`` (4Pi statements, environment questions, who acts on
each recommendation) and columns marked ``"guideOwn": true`` in ``data/datapackage.json`` (the
ladder's meanings, the principles in practice, ...) are the guide's words. Wherever the built
site shows one, the citation next to it must not name a source, and the reader must be told
it is the guide's: a "The guide suggests" box, a column headed "(the guide's words)", or the
words "the guide suggests" in the same paragraph.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import HTML, ROOT, site_pages

from coproduce import load_table

GUIDE = "this-guide"
MARKER_CLASS = "guide-suggests"
MARKER_TITLE = "The guide suggests"
#: Words on a page that tell a reader a part is the guide's own.
OWN_LABELS = (
    "the guide suggests",
    "the guide's words",
    "the guide's own",
    "the guide's rule of thumb",
    "this guide wrote",
)
#: Cells with fewer words are names or labels ("Service providers"), too short to find
#: reliably: only the guide's sentences are looked for.
MIN_WORDS = 8


def plain(text: str) -> str:
    """Text as compared here: straight quotes, single spaces, lower case."""
    text = html.unescape(text)
    for curly, straight in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}.items():
        text = text.replace(curly, straight)
    return " ".join(text.replace("\u00a0", " ").split()).lower()


def guide_own_cells() -> list[tuple[str, str, str]]:
    """(kind, where, text) for every cell the guide wrote: kind is 'row' or 'column'."""
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    cells = []
    for resource in descriptor["resources"]:
        if resource["path"].startswith("examples/"):
            continue
        table = load_table(resource["name"])
        fields = resource["schema"]["fields"]
        text_fields = [
            f["name"] for f in fields if f["type"] == "string" and "source_id" not in f["name"]
        ]
        own_fields = [f["name"] for f in fields if f.get("guideOwn")]
        for _, row in table.iterrows():
            whole_row = row.get("source_id") == GUIDE
            for name in text_fields if whole_row else own_fields:
                value = row[name]
                if isinstance(value, str) and len(value.split()) >= MIN_WORDS:
                    kind = "row" if whole_row else "column"
                    cells.append((kind, f"data/{resource['path']} column {name}", value))
    return cells


def citations(element: Tag) -> list[str]:
    """The sources a part of a page cites (sphinxcontrib-bibtex citation links)."""
    return [plain(span.get_text()) for span in element.find_all("span", class_="bibtex-citation")]


def column_header(cell: Tag) -> str:
    """The header text of a table cell's column ('' if the table has no header row)."""
    row = cell.find_parent("tr")
    table = cell.find_parent("table")
    index = [c for c in row.find_all(["td", "th"], recursive=False)].index(cell)
    head = table.find("thead")
    if head is None:
        return ""
    header_cells = head.find("tr").find_all(["th", "td"], recursive=False)
    return plain(header_cells[index].get_text()) if index < len(header_cells) else ""


def problems_with(element: Tag, kind: str) -> list[str]:
    """Why the place a guide-own text appears breaks the rule (empty when it is fine)."""
    found = []
    if citations(element):
        found.append(f"it is cited to {citations(element)}")
    box = element.find_parent("div", class_="admonition")
    table = element.find_parent("table")
    if table is not None:
        caption = table.find("caption")
        if kind == "row" and citations(table):
            found.append(f"its table cites {citations(table)}")
        if kind == "column":
            cell = element if element.name in ("td", "th") else element.find_parent(["td", "th"])
            header = column_header(cell) if cell is not None else ""
            in_box = box is not None and MARKER_CLASS in box.get("class", [])
            if not (any(label in header for label in OWN_LABELS) or in_box):
                found.append(f"its column header {header!r} does not say it is the guide's words")
            if caption is not None and citations(caption):
                if not any(label in plain(caption.get_text()) for label in OWN_LABELS):
                    found.append("its table's caption cites a source without saying which part "
                                 "is the guide's words")  # fmt: skip
    elif box is None or MARKER_CLASS not in box.get("class", []):
        if not (
            any(label in plain(element.get_text()) for label in OWN_LABELS)
            or introduced_as_own(element)
        ):
            found.append("it is not in a 'The guide suggests' box nor labelled as the guide's")
    return found


def introduced_as_own(element: Tag) -> bool:
    """Whether the block holding ``element`` (a form, a list) cites nothing and is introduced
    by a paragraph saying the guide wrote it (as the Easy Read paper forms are)."""
    for container in element.parents:
        if container.name in ("section", "article", "body"):
            return False
        intro = container.find_previous_sibling("p")
        if intro is not None and not citations(container):
            if any(label in plain(intro.get_text()) for label in OWN_LABELS):
                return True
    return False


def places(soup: BeautifulSoup, text: str) -> list[Tag]:
    """The smallest blocks (cells, paragraphs, list items) of a page that hold ``text``."""
    wanted = plain(text)
    article = soup.find("article") or soup
    holders = [
        el for el in article.find_all(["td", "th", "p", "li", "dd"]) if wanted in plain(el.text)
    ]
    return [el for el in holders if not any(other in el.descendants for other in holders)]


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    return {
        name: BeautifulSoup((HTML / name).read_text(encoding="utf-8"), "html.parser")
        for name in site_pages()
    }


def test_no_page_cites_a_source_for_the_guides_own_words(pages):
    problems, shown = [], Counter()
    for kind, where, text in guide_own_cells():
        for name, soup in pages.items():
            for element in places(soup, text):
                shown[kind] += 1
                problems += [f"{name}: {where} ({text[:50]}...): {p}" for p in
                             problems_with(element, kind)]  # fmt: skip
    assert shown["column"] > 0 and shown["row"] > 0, f"nothing the guide wrote was found: {shown}"
    assert not problems, "The guide's own words shown as a source's:\n" + "\n".join(problems)


def test_the_marker_is_the_same_everywhere(pages):
    """Every 'The guide suggests' box has the marker class, and every marked box that title."""
    problems = []
    for name, soup in pages.items():
        for box in soup.find_all("div", class_="admonition"):
            title = box.find(class_="admonition-title")
            titled = title is not None and plain(title.get_text()).startswith(plain(MARKER_TITLE))
            marked = MARKER_CLASS in box.get("class", [])
            if titled != marked:
                problems.append(f"{name}: box {plain(title.get_text()) if title else ''!r}")
    assert not problems, (
        f"Use ':::{{admonition}} {MARKER_TITLE}' with ':class: {MARKER_CLASS}' together:\n"
        + "\n".join(problems)
    )
    assert any(soup.find("div", class_=MARKER_CLASS) for soup in pages.values()), (
        "no 'The guide suggests' box on any page"
    )


def test_rows_the_guide_wrote_cite_the_guide_and_the_guide_is_a_source():
    sources = load_table("sources").set_index("id")
    assert sources.loc[GUIDE, "kind"] == "this guide"
    for table in ("fourpi_statements", "environment_questions", "nsun_recommendation_actors"):
        assert (load_table(table)["source_id"] == GUIDE).all(), table


def test_a_citation_beside_the_guides_words_would_be_caught():
    page = BeautifulSoup(
        "<article><table><caption>Steps <span class='bibtex-citation'>[TLAP]</span></caption>"
        "<thead><tr><th>Step</th><th>What it means</th></tr></thead><tbody><tr><td>One</td>"
        "<td>People are made to go along with decisions.</td></tr></tbody></table>"
        "<p>People are told about it. <span class='bibtex-citation'>[X]</span></p>"
        "<div class='admonition guide-suggests'><p>People share power here.</p></div></article>",
        "html.parser",
    )
    [cell] = places(page, "People are made to go along with decisions.")
    assert len(problems_with(cell, "column")) == 2  # header unlabelled; caption cites a source
    assert problems_with(cell, "row")  # a whole row of the guide's in a cited table
    [paragraph] = places(page, "People are told about it.")
    assert problems_with(paragraph, "row")
    [boxed] = places(page, "People share power here.")
    assert problems_with(boxed, "row") == []


def test_guide_own_cells_reads_rows_and_marked_columns():
    kinds = {(kind, where.split(" column ")[0]) for kind, where, _ in guide_own_cells()}
    assert ("row", "data/fourpi_statements.csv") in kinds
    assert ("column", "data/coproduction_ladder.csv") in kinds
    assert Path(ROOT / "data" / "datapackage.json").is_file()
    assert not re.search(r"\d", "".join(k for k, _ in kinds))
