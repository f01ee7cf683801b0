"""Guide-wide content checks: every fact in data/ is on its page, pages agree with data/, and
no run of eight words is copied from a source document into a page or a data table.

The copy check works from ``tests/data/source_shingles.json`` (hashes of the sources' 8-word
phrases, written by ``scripts/source_shingles.py``), so it runs without the source documents.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import HTML, ROOT, site_pages

from coproduce import load_table
from coproduce.datapackage import package
from coproduce.shingles import (
    NORMALISATION,
    SHINGLE_WORDS,
    SOURCE_DOCUMENTS,
    copied_phrases,
    hashes,
    phrases,
    source_hash_payload,
    words,
)

#: Where the source documents live: beside the clone (``../shared/sources``), unless overridden.
SOURCES_DIR = Path(os.environ.get("COPRODUCE_SOURCES_DIR", ROOT.parent / "shared" / "sources"))
HASH_FILE = ROOT / "tests" / "data" / "source_shingles.json"
SCRIPT = ROOT / "scripts" / "source_shingles.py"

#: Phrases the guide may repeat word for word, and why. Only 8-word runs that lie wholly inside
#: one of these are allowed; a copied phrase that runs on past a title is still reported.
#: Names shorter than eight words (such as "4Pi National Involvement Standards" or
#: "Healthy Lives Project Full Report 2017") need no entry: they cannot make an 8-word match.
ALLOWED_PHRASES: dict[str, str] = {
    "IMPACT, the East Midlands Provider Collaborative for adult secure care": (
        "the collaborative's formal name, capitalised as a name in the news article"
    ),
    "IMPACT: Advancing coproduction in adult secure care in the East Midlands": (
        "the news article's title; the references list it and its web address repeats it"
    ),
    "Co-production in Mental Health: a literature review": (
        "the published title of the New Economics Foundation review, one of the five tools"
    ),
    "Practical Guide: Progressing transformative co-production in mental health": (
        "the published title of the National Development Team for Inclusion guide, one of "
        "the five tools"
    ),
}

NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
}


# --- reading built pages -------------------------------------------------------------------

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol", "option",
    "p", "pre", "section", "select", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "title", "tr", "ul",
}  # fmt: skip
_HIDDEN_TAGS = {"script", "style", "noscript", "template", "head"}


class _VisibleText(HTMLParser):
    """Collect a page's visible text as blocks (paragraphs, list items, table cells, ...).

    A phrase can only be copied within one block, so blocks are checked separately: the end of
    one table cell and the start of the next are not one sentence. Image ``alt`` text counts as
    visible (screen readers read it). The page ``<title>`` is kept although it is in ``<head>``.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._hidden = 0
        self._in_title = False

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "img" and not self._hidden:
            alt = dict(attrs).get("alt")
            if alt:
                self._flush()
                self.blocks.append(" ".join(alt.split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if not self._hidden or self._in_title:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


@cache
def visible_blocks(page: Path) -> tuple[str, ...]:
    """The visible text of a built page, one string per block."""
    parser = _VisibleText()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return tuple(parser.blocks)


def normalise(text: str) -> str:
    """Text as a reader sees it, for comparing with data: plain quotes, single spaces.

    Sphinx turns straight quotes into curly ones ("smart quotes"), so both are made straight.
    """
    text = html.unescape(text)
    for curly, straight in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}.items():
        text = text.replace(curly, straight)
    return " ".join(text.replace("\u00a0", " ").replace("\u2011", "-").split())


@cache
def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def article(site: Path, name: str):
    """The main content of a page (no navigation, no sidebars)."""
    page = site / f"{name}.html"
    assert page.is_file(), f"{name}.html was not built"
    found = soup(page).find("article", class_="bd-article")
    assert found is not None, f"{name}.html has no main article"
    return found


def text_of(element) -> str:
    return normalise(element.get_text(" "))


def table_rows(site: Path, name: str, table_id: str) -> list[list[str]]:
    """Body rows of the table with ``table_id`` on page ``name``, as lists of cell texts."""
    table = article(site, name).find("table", id=table_id)
    assert table is not None, f"{name}.html has no table with id {table_id!r}"
    body = table.find("tbody") or table
    return [[text_of(cell) for cell in row.find_all(["td", "th"])] for row in body.find_all("tr")]


def section(site: Path, name: str, section_id: str):
    found = article(site, name).find("section", id=section_id)
    assert found is not None, f"{name}.html has no section {section_id!r}"
    return found


def heading_text(section_element) -> str:
    heading = section_element.find(re.compile(r"^h[1-6]$"))
    return text_of(heading).removesuffix("#").strip()


def mentions(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words (case and quotes ignored)."""
    pattern = rf"(?<![\w.]){re.escape(normalise(phrase))}(?![\w]|\.\d)"
    return re.search(pattern, normalise(text), re.IGNORECASE) is not None


# --- the Healthy Lives chapter -------------------------------------------------------------


def recommendation_section_id(number: str) -> str:
    return "recommendation-" + number.replace(".", "-")


def test_every_recommendation_number_and_area_is_on_the_healthy_lives_page(site):
    page = text_of(article(site, "book/healthy-lives"))
    for number in load_table("nsun_recommendations")["number"]:
        assert mentions(page, f"Recommendation {number}"), f"Recommendation {number} is missing"
    for name in load_table("nsun_areas")["name"]:
        assert mentions(page, name), f"area {name!r} is missing"


def test_each_area_has_its_own_section_titled_as_in_the_data(site):
    areas = load_table("nsun_areas")
    page = article(site, "book/healthy-lives")
    area_sections = [s for s in page.find_all("section") if heading_text(s).startswith("Area ")]
    titles = [heading_text(s) for s in area_sections]
    assert titles == [f"Area {row.area}: {row.name}" for row in areas.itertuples()]


def test_each_recommendation_states_the_data_text_under_its_own_area(site):
    recommendations = load_table("nsun_recommendations")
    areas = load_table("nsun_areas").set_index("area")["name"]
    for row in recommendations.itertuples():
        found = section(site, "book/healthy-lives", recommendation_section_id(row.number))
        assert heading_text(found) == f"Recommendation {row.number}"
        body = text_of(found)
        assert normalise(row.recommendation) in body, (
            f"Recommendation {row.number}: the page's wording differs from "
            f"data/nsun_recommendations.csv:\n  data: {row.recommendation}\n  page: {body[:600]}"
        )
        assert "what it could look like in practice" in body.lower(), row.number
        assert "Discuss:" in body, row.number
        area_section = found.find_parent("section")
        assert heading_text(area_section) == f"Area {row.area}: {areas[row.area]}", row.number


def test_the_page_has_no_recommendation_the_data_does_not_have(site):
    page = article(site, "book/healthy-lives")
    on_page = [
        heading_text(s) for s in page.find_all("section") if heading_text(s).startswith("Recomm")
    ]
    expected = [f"Recommendation {n}" for n in load_table("nsun_recommendations")["number"]]
    assert on_page == expected


def test_a_reworded_recommendation_would_be_caught(site):
    """The wording check compares against data/, so a change on one side only fails."""
    row = load_table("nsun_recommendations").iloc[0]
    body = text_of(section(site, "book/healthy-lives", recommendation_section_id(row["number"])))
    altered = "Do not " + row["recommendation"][0].lower() + row["recommendation"][1:]
    assert altered != row["recommendation"]
    assert normalise(altered) not in body


def test_healthy_lives_names_both_reports_and_links_the_explorer(site):
    page = article(site, "book/healthy-lives")
    text = text_of(page)
    assert mentions(text, "Full Report 2017") and mentions(text, "Executive Summary 2017")
    links = {a.get("href") for a in page.find_all("a")}
    assert "../notebooks/recommendations-explorer.html" in links


# --- the IMPACT study chapter --------------------------------------------------------------


def test_impact_chapter_names_every_phase(site):
    text = text_of(article(site, "book/impact-study"))
    for phase in load_table("impact_phases")["phase"]:
        assert mentions(text, f"Phase {phase}"), f"Phase {phase} is missing"


def test_impact_phase_table_gives_each_phase_its_counts_from_data(site):
    rows = {
        int(cells[0]): cells
        for cells in table_rows(site, "book/impact-study", "impact-phase-table")
    }
    participants = load_table("impact_participants")
    assert sorted(rows) == sorted(load_table("impact_phases")["phase"])
    for row in participants.itertuples():
        who = rows[row.phase][2]
        assert re.search(rf"\b{row.participants}\b", who), (
            f"Phase {row.phase}: data says {row.participants} ({row.group}); the table says {who!r}"
        )
        # The check really compares against data: a changed count would not be found.
        assert not re.search(rf"\b{row.participants + 1}\b", who)


def test_impact_retention_table_matches_data(site):
    page = table_rows(site, "book/impact-study", "impact-retention-table")
    data = [
        [row.stage, str(row.participants), str(row.left_before_this_stage)]
        for row in load_table("impact_retention").sort_values("step").itertuples()
    ]
    assert page == data


# --- the secure care chapter ---------------------------------------------------------------


def figure_phrases(value: float, unit: str) -> list[str]:
    """The ways the guide may state a figure: '162%', '9 units' or 'nine units'."""
    number = f"{value:g}"
    if unit == "percent":
        return [f"{number}%"]
    spelled = [NUMBER_WORDS.get(int(value))] if float(value).is_integer() else []
    spelled = [w for w in spelled if w]
    return [f"{n} {unit}" for n in [number, *spelled]]


def states_figure(text: str, value: float, unit: str) -> bool:
    return any(mentions(text, phrase) for phrase in figure_phrases(value, unit))


def test_figure_phrases():
    assert figure_phrases(162, "percent") == ["162%"]
    assert figure_phrases(87.5, "percent") == ["87.5%"]
    assert figure_phrases(9, "units") == ["9 units", "nine units"]
    assert states_figure("visited nine units.", 9, "units")
    assert not states_figure("visited 19 units", 9, "units")
    assert not states_figure("rose by 1162%", 162, "percent")
    assert not states_figure("87.55%", 87.5, "percent")


def test_secure_care_states_every_collaborative_figure_from_data(site):
    text = text_of(article(site, "book/secure-care"))
    for row in load_table("collaborative_figures").itertuples():
        value = float(row.value)
        assert states_figure(text, value, row.unit), (
            f"{row.id}: the page should state {' or '.join(figure_phrases(value, row.unit))}"
        )
        # A figure changed in data/ but not on the page would fail: the altered value is absent.
        assert not states_figure(text, value + 1, row.unit), row.id


def test_a_figure_changed_only_in_data_would_fail(site, tmp_path):
    """Change a figure in a copy of data/ and the page no longer agrees with it."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    path = copy / "collaborative_figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",162,", ",170,"), encoding="utf-8")
    changed = load_table("collaborative_figures", copy).set_index("id")
    row = changed.loc["surg-roadshow-participation-increase"]
    text = text_of(article(site, "book/secure-care"))
    assert float(row["value"]) == 170
    assert not states_figure(text, float(row["value"]), row["unit"])


def test_secure_care_lists_every_partner_with_sector_and_role(site):
    partners = load_table("collaborative_partners")
    text = text_of(article(site, "book/secure-care"))
    for name in partners["organisation"]:
        assert mentions(text, name), f"partner {name!r} is missing"
    table = table_rows(site, "book/secure-care", "secure-care-partners-table")
    expected = {(row.organisation, row.sector, row.role) for row in partners.itertuples()}
    assert {tuple(cells) for cells in table} == {tuple(map(normalise, e)) for e in expected}


def test_secure_care_tables_match_their_data(site):
    checks = [
        ("secure-care-workstreams-table", "surg_workstreams", ["workstream", "what_it_is"]),
        ("secure-care-roles-table", "surg_governance_roles", ["role", "forum"]),
        (
            "secure-care-national-table",
            "collaborative_national_contributions",
            ["contribution", "aim"],
        ),
    ]
    for table_id, table, columns in checks:
        data = load_table(table).sort_values("order")
        expected = [[normalise(str(row[c])) for c in columns] for _, row in data.iterrows()]
        assert table_rows(site, "book/secure-care", table_id) == expected, table


def test_secure_care_covers_every_initiative_and_the_award(site):
    text = text_of(article(site, "book/secure-care"))
    for name in load_table("collaborative_initiatives")["initiative"]:
        assert mentions(text, name), f"initiative {name!r} is missing"
    for name in [
        "The Priory Lincolnshire Hospital",
        "Palmer Chinosengwa",
        "Sarah Stringer",
        "Reza Ghaderi",
        "Jade Farrell",
        "Ifti Majid",
        "1 October 2020",
    ]:
        assert mentions(text, name), name


def test_secure_care_links_its_three_notebooks(site):
    links = {a.get("href") for a in article(site, "book/secure-care").find_all("a")}
    for notebook in ["service-user-dashboard", "engagement-tracker", "environment-assessment"]:
        assert f"../notebooks/{notebook}.html" in links, notebook


# --- the into-practice chapter -------------------------------------------------------------


def test_into_practice_describes_every_tool_in_data(site):
    page = article(site, "book/into-practice")
    tools_section = section(site, "book/into-practice", "tools-to-help-you")
    headings = [heading_text(s) for s in tools_section.find_all("section")]
    tools = load_table("coproduction_tools").sort_values("order")
    assert len(headings) == len(tools)
    for heading, row in zip(headings, tools.itertuples(), strict=True):
        assert normalise(row.tool) in heading, (row.tool, heading)
    text = text_of(page)
    for organisation in ["New Economics Foundation", "Mind", "Rethink Mental Illness", "NSUN"]:
        assert mentions(text, organisation), organisation
    assert mentions(text, "National Development Team for Inclusion")
    links = {a.get("href") for a in page.find_all("a")}
    assert "../notebooks/evaluate-your-intervention.html" in links


def test_coproduction_tools_table_lists_the_five_tools_in_order():
    tools = load_table("coproduction_tools").sort_values("order")
    assert tools["organisation"].tolist() == [
        "New Economics Foundation (commissioned by Mind)",
        "Rethink Mental Illness",
        "NSUN",
        "National Development Team for Inclusion",
        "NSUN (National Involvement Partnership)",
    ]
    assert (tools["source_id"] == "smi-tools").all()


def test_pages_and_notebooks_named_in_data_exist():
    """A page or notebook named in a data table must exist, or the guide's links would break."""
    for page in load_table("coproduction_tools")["guide_page"].dropna():
        assert (ROOT / "book" / f"{page}.md").is_file(), page
    for table in ["surg_workstreams", "collaborative_initiatives"]:
        for notebook in load_table(table)["notebook"].dropna():
            assert (ROOT / "notebooks" / f"{notebook}.ipynb").is_file(), (table, notebook)


# --- no source sentence is copied ----------------------------------------------------------


def allowed_hashes() -> set[str]:
    return set().union(*(hashes(phrase) for phrase in ALLOWED_PHRASES))


@pytest.fixture(scope="module")
def source_hashes() -> dict[str, set[str]]:
    """Hashes of every 8-word phrase of each source document, from the committed hash file."""
    if not HASH_FILE.is_file():
        where = (
            f"The source documents are in {SOURCES_DIR}"
            if SOURCES_DIR.is_dir()
            else f"The source documents are not in {SOURCES_DIR} either"
        )
        pytest.fail(
            f"{HASH_FILE.relative_to(ROOT)} is missing, so the copy check cannot run. {where}. "
            "Run '.venv/bin/python scripts/source_shingles.py' where the sources are available "
            "(or set COPRODUCE_SOURCES_DIR) and commit the file."
        )
    payload = json.loads(HASH_FILE.read_text(encoding="utf-8"))
    assert payload["words_per_phrase"] == SHINGLE_WORDS, "hash file uses another phrase length"
    assert payload["normalisation"] == NORMALISATION, "hash file uses other word rules: rebuild it"
    return {name: set(document["sha1"]) for name, document in payload["documents"].items()}


def test_source_hash_file_is_up_to_date_with_the_sources():
    """Fails (never skips) when the file is stale, or when neither it nor the sources exist."""
    if not SOURCES_DIR.is_dir():
        assert HASH_FILE.is_file(), (
            f"Neither the source documents ({SOURCES_DIR}) nor {HASH_FILE.relative_to(ROOT)} "
            "exist, so nothing can check that the guide does not copy its sources. Get the "
            "sources (or set COPRODUCE_SOURCES_DIR) and run scripts/source_shingles.py."
        )
        return
    expected = source_hash_payload(SOURCES_DIR)
    assert HASH_FILE.is_file(), "Run '.venv/bin/python scripts/source_shingles.py' to create it."
    assert json.loads(HASH_FILE.read_text(encoding="utf-8")) == expected, (
        f"{HASH_FILE.relative_to(ROOT)} does not match the documents in {SOURCES_DIR}: "
        "run '.venv/bin/python scripts/source_shingles.py' and commit the result."
    )


def test_the_script_writes_hashes_and_checks_them(tmp_path):
    """Runs the real script on stand-in documents, so it needs no copy of the sources."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for number, name in enumerate(SOURCE_DOCUMENTS):
        text = f"Stand-in document {number}: " + " ".join(f"word{i}" for i in range(20))
        (sources / name).write_text(text, encoding="utf-8")
    output = tmp_path / "shingles.json"
    run = [sys.executable, str(SCRIPT), "--sources", str(sources), "--output", str(output)]
    wrote = subprocess.run(run, capture_output=True, text=True, check=False)
    assert wrote.returncode == 0, wrote.stderr
    written = json.loads(output.read_text(encoding="utf-8"))
    assert written == source_hash_payload(sources)
    assert "word1" not in output.read_text(encoding="utf-8"), "the file must hold no text"
    check = subprocess.run([*run, "--check"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    (sources / next(iter(SOURCE_DOCUMENTS))).write_text("A changed source.", encoding="utf-8")
    stale = subprocess.run([*run, "--check"], capture_output=True, text=True, check=False)
    assert stale.returncode == 1 and "out of date" in stale.stderr
    (sources / next(iter(SOURCE_DOCUMENTS))).unlink()
    missing = subprocess.run(run, capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and next(iter(SOURCE_DOCUMENTS)) in missing.stderr


def test_the_hash_file_holds_no_source_text(source_hashes):
    raw = HASH_FILE.read_text(encoding="utf-8")
    for digests in source_hashes.values():
        assert digests and all(re.fullmatch(r"[0-9a-f]{40}", d) for d in digests)
    # The longest allowed title is source text: it must not be stored in the clear.
    assert "literature review" not in raw and "east midlands" not in raw.lower()


def test_words_are_lower_case_without_punctuation():
    assert words("IMPACT's co-production: 87.5% \u2018done\u2019!") == [
        "impacts",
        "co",
        "production",
        "87",
        "5",
        "done",
    ]
    assert words("People\u2019s  café") == words("peoples cafe")
    assert list(phrases("one two three four five six seven eight nine")) == [
        "one two three four five six seven eight",
        "two three four five six seven eight nine",
    ]


def test_the_checker_finds_a_copied_phrase_and_names_it(source_hashes):
    """Each allowed title really is in a source: without its exception it would be caught."""
    for phrase in ALLOWED_PHRASES:
        assert len(words(phrase)) >= SHINGLE_WORDS, phrase
        found = copied_phrases(f"Intro words here. {phrase}. More words.", source_hashes)
        assert found, f"{phrase!r} is not in any source: remove it from ALLOWED_PHRASES"
        assert all(p in " ".join(words(phrase)) for p, _ in found)
        assert copied_phrases(phrase, source_hashes, allowed_hashes()) == []
    # A title with a copied run of words after it is still reported.
    title = "Co-production in Mental Health: a literature review"
    assert copied_phrases(f"{title} New Economics Foundation 2013", source_hashes, allowed_hashes())
    assert copied_phrases("Our own words, written fresh for this guide.", source_hashes) == []


def test_no_built_page_copies_a_source_phrase(site, source_hashes):
    allowed = allowed_hashes()
    problems = []
    for name in site_pages():
        page = HTML / name
        assert page.is_file(), f"{name} was not built"
        for block in visible_blocks(page):
            for phrase, document in copied_phrases(block, source_hashes, allowed):
                problems.append(f"{name}: '{phrase}' (from {document})")
    assert not problems, (
        "These pages repeat 8 or more words in a row from a source document. Restate them in "
        "your own words (or, for an official title, add it to ALLOWED_PHRASES with a reason):\n"
        + "\n".join(problems)
    )


def test_no_data_table_copies_a_source_phrase(source_hashes):
    allowed = allowed_hashes()
    problems = []
    for resource in package().resources:
        text_columns = [f.name for f in resource.schema.fields if f.type == "string"]
        table = load_table(resource.name)
        for column in text_columns:
            for index, value in table[column].dropna().items():
                for phrase, document in copied_phrases(str(value), source_hashes, allowed):
                    problems.append(
                        f"data/{resource.path} row {index + 2} column {column}: "
                        f"'{phrase}' (from {document})"
                    )
    assert not problems, (
        "These cells repeat 8 or more words in a row from a source document; restate them:\n"
        + "\n".join(problems)
    )


def test_visible_text_ignores_scripts_and_splits_blocks(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>T</title><script>var hidden = 1;</script></head><body>"
        "<p>One <em>two</em> three</p><table><tr><td>a</td><td>b</td></tr></table>"
        "<img alt='a picture'><style>p {}</style></body></html>",
        encoding="utf-8",
    )
    assert visible_blocks(page) == ("T", "One two three", "a", "b", "a picture")


# --- the Easy Read pages -------------------------------------------------------------------


def easyread_page_names() -> list[str]:
    """Easy Read pages and forms: the pages in book/easy-read that carry the Easy Read header."""
    folder = ROOT / "book" / "easy-read"
    return sorted(
        f"book/easy-read/{p.stem}"
        for p in folder.glob("*.md")
        if "{easyread-page}" in p.read_text(encoding="utf-8")
    )


def data_says(expression: str) -> float | str:
    """What data/ holds for a {data-value} expression, read here with pandas (not the role)."""
    if match := re.fullmatch(r"count\((\w+)\)", expression):
        return len(load_table(match[1]))
    if match := re.fullmatch(r"sum\((\w+)\.(\w+)\)", expression):
        return float(load_table(match[1])[match[2]].astype(float).sum())
    match = re.fullmatch(r"(\w+)\[([^\]]+)\]\.(\w+)", expression)
    assert match, f"unexpected data expression {expression!r}"
    table = load_table(match[1])
    for condition in match[2].split(","):
        column, value = condition.split("=")
        table = table[table[column].astype(str) == value]
    assert len(table) == 1, expression
    return table[match[3]].iloc[0]


def test_every_number_on_an_easy_read_page_comes_from_data(site):
    """Numbers are written with the {data-value} role; each one agrees with data/."""
    problems = []
    for name in easyread_page_names():
        page = article(site, name)
        # Citations (years), the links, the picture credit and the forms (made from data/) are
        # not prose.
        for element in page.select(
            ".bibtex-citation, .easyread-links, .easyread-credit, .paper-form"
        ):
            element.decompose()
        for span in page.select("span.coproduce-data"):
            expression, shown = span["data-expression"], text_of(span)
            if inner := re.fullmatch(r"in_every\((.+)\)", expression):
                percent = float(data_says(inner[1]))
                said = re.fullmatch(r"(about )?(\d+) in every (\d+)", shown)
                assert said, f"{name}: {shown!r}"
                share = 100 * int(said[2]) / int(said[3])
                assert abs(share - percent) <= 2.5, f"{name}: {shown!r} for {percent}"
                assert (said[1] is None) == (abs(share - percent) < 1e-9), f"{name}: {shown!r}"
            else:
                expected = data_says(expression)
                assert float(shown.replace(",", "")) == float(expected), (
                    f"{name}: {expression} shows {shown}, data/ says {expected}"
                )
            span.decompose()
        # A digit inside a name, such as "4Pi", is not a number.
        for number in re.findall(r"(?<![A-Za-z])\d[\d,./]*(?![A-Za-z\d])", text_of(page)):
            problems.append(f"{name}: {number!r} is written by hand; use the {{data-value}} role")
    assert easyread_page_names(), "no Easy Read pages found"
    assert not problems, "\n".join(problems)
