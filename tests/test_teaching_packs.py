"""Teaching packs: every teaching chapter can be taught from paper, with nothing else.

Reads each teaching chapter's MyST source for its structure (objectives, the activities and
quick checks that practise them, the session plan's timing tables), then makes the packs the
way the README's build command does (scripts/teaching_packs.py on the strictly built site) and
reads the PDFs with pypdf.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BUILD_DIR, ROOT
from pypdf import PdfReader

from coproduce.edition import read_edition
from coproduce.packs import (
    FACILITATOR_CLASS,
    LEARNER_CLASS,
    css_string,
    handout_html,
    objectives,
    plain_markdown,
    practices,
    session_plan_html,
    teaching_chapters,
    timing_tables,
)

CHAPTERS = teaching_chapters(ROOT / "book")
EDITION = read_edition(ROOT / "CITATION.cff").label
A4 = (595, 842)
KINDS = ("session-plan", "handout")


def source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def pdf_text(path: Path) -> str:
    raw = " ".join(page.extract_text() for page in PdfReader(path).pages)
    text = unicodedata.normalize("NFKC", raw).replace("\u2019", "'").replace("\u201c", '"')
    return " ".join(text.replace("\u201d", '"').split())


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.fixture(scope="session")
def packs(site) -> Path:
    """The packs, made from the strictly built site by the script the build command runs."""
    proc = subprocess.run(
        [sys.executable, "scripts/teaching_packs.py", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return site / "packs"


def test_the_teaching_chapters_are_found():
    names = {p.stem for p in CHAPTERS}
    assert {"why-physical-health", "secure-care", "into-practice"} <= names, names


# --- the chapter's structure -------------------------------------------------------------------


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_objective_is_practised_by_an_activity_or_quick_check_naming_it(path):
    goals = objectives(source(path))
    assert len(goals) >= 3, f"{path.name}: the learning objectives were not read"
    practised = {}
    for practice in practices(source(path)):
        assert practice.objectives, f"{path.name}: '{practice.title}' names no objective"
        for number, named in practice.objectives:
            assert 1 <= number <= len(goals), f"{practice.title}: no objective {number}"
            assert words(goals[number - 1]).startswith(words(plain_markdown(named))), (
                f"{path.name}: '{practice.title}' calls objective {number} '{named}', but it is "
                f"'{goals[number - 1]}'"
            )
            practised.setdefault(number, []).append(practice.title)
    missing = [goals[n - 1] for n in range(1, len(goals) + 1) if n not in practised]
    assert missing == [], f"{path.name}: no activity or quick check practises {missing}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_two_or_three_quick_checks_with_answers_in_a_collapsed_block(path):
    text = source(path)
    checks = re.findall(
        r"^::::\{admonition\} Quick check \d+\n(.*?)^::::$", text, flags=re.M | re.S
    )
    assert 2 <= len(checks) <= 3, f"{path.name}: {len(checks)} quick checks"
    for check in checks:
        assert ":::{admonition} Answer\n:class: dropdown\n" in check, check


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_session_plan_timings_add_up_to_the_stated_totals(path):
    tables = timing_tables(source(path))
    totals = sorted(table.stated_total for table in tables)
    assert len(tables) == 2 and totals[1] == 60 and 20 <= totals[0] <= 30, (path.name, totals)
    for table in tables:
        assert sum(table.minutes) == table.stated_total, (
            f"{path.name}: '{table.caption}' adds up to {sum(table.minutes)} minutes, but says "
            f"{table.stated_total}"
        )


def test_timing_tables_that_do_not_add_up_are_read_as_they_are():
    bad = (
        ":::{list-table} A plan.\n:header-rows: 1\n:name: x-plan-60\n\n* - Minutes\n  - What\n"
        "* - 25\n  - Teach\n* - 30\n  - Activity\n* - Total\n  - 60 minutes\n:::\n"
    )
    (table,) = timing_tables(bad)
    assert sum(table.minutes) == 55 and table.stated_total == 60


def test_an_unnamed_objective_would_be_caught():
    text = (
        ":::{admonition} Learning objectives\n:class: note\nYou will:\n1. name the checks;\n"
        "2. plan a step.\n:::\n\n:::{admonition} Activity: one (5 minutes)\n:class: hint\n"
        "Practises objective 1 (name the checks).\n\nDo it.\n:::\n"
    )
    assert objectives(text) == ["name the checks;", "plan a step."]
    named = {n for p in practices(text) for n, _ in p.objectives}
    assert named == {1}, "objective 2 should be found unpractised"


# --- the built site and the PDFs ---------------------------------------------------------------


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_links_both_pdfs_near_the_top_and_they_exist(site, packs, path):
    page = (site / "book" / f"{path.stem}.html").read_text(encoding="utf-8")
    article = BeautifulSoup(page, "html.parser").find("article")
    links = [a["href"] for a in article.find_all("a", href=re.compile(r"\.pdf$"))]
    for kind in KINDS:
        href = f"../packs/{path.stem}-{kind}.pdf"
        assert href in links, f"{path.stem} does not link {href}"
        assert (site / "book" / href).resolve().is_file(), f"{href} is missing from the site"
    first_section = article.find("section").find("section")
    link = article.find("a", href=f"../packs/{path.stem}-handout.pdf")
    assert link in article.find_all("a") and first_section.find("a", href=link["href"]) is None, (
        "the links should come before the first section of the chapter"
    )


def test_teaching_packs_page_lists_every_pdf_and_every_link_resolves(site, packs):
    page = (site / "book" / "teaching-packs.html").read_text(encoding="utf-8")
    hrefs = set(re.findall(r'href="(\.\./packs/[^"]+\.pdf)"', page))
    expected = {f"../packs/{p.stem}-{kind}.pdf" for p in CHAPTERS for kind in KINDS}
    assert hrefs == expected
    for href in hrefs:
        assert (site / "book" / href).resolve().is_file(), href


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_each_pdf_is_a4(packs, path, kind):
    for page in PdfReader(packs / f"{path.stem}-{kind}.pdf").pages:
        size = tuple(float(v) for v in page.mediabox.upper_right)
        assert abs(size[0] - A4[0]) < 3 and abs(size[1] - A4[1]) < 3, size


def facilitator_sentences(site: Path, stem: str) -> list[str]:
    """Sentences of 6 words or more found only in the chapter's facilitator-only blocks."""
    html = (site / "book" / f"{stem}.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser").find("article")
    found = []
    for block in page.find_all(class_=FACILITATOR_CLASS):
        for item in block.find_all(["p", "li", "td"]):
            for sentence in re.split(r"(?<=[.!?])\s+", item.get_text(" ", strip=True)):
                if len(sentence.split()) >= 6:
                    found.append(words(sentence))
    for block in page.find_all(class_=FACILITATOR_CLASS):
        block.decompose()
    for_everyone = words(page.get_text(" "))
    return [sentence for sentence in found if sentence not in for_everyone]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_learner_handout_is_at_most_4_pages_with_no_facilitator_text(site, packs, path):
    handout = packs / f"{path.stem}-handout.pdf"
    assert len(PdfReader(handout).pages) <= 4
    text = words(pdf_text(handout))
    for part in ("in brief", "key points", "activity sheet", "words used", "references"):
        assert part in text, f"{handout.name} has no '{part}'"
    secret = facilitator_sentences(site, path.stem)
    assert len(secret) >= 5, "the facilitator-only text was not read"
    leaked = [s for s in secret if s in text]
    assert leaked == [], f"{handout.name} prints facilitator-only text: {leaked[:3]}"
    for code_sign in ("import ", "papermill", ">>>"):
        assert code_sign not in pdf_text(handout)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_session_plan_has_timings_first_and_everything_a_trainer_needs(site, packs, path):
    text = pdf_text(packs / f"{path.stem}-session-plan.pdf")
    flat = words(text)
    first = words(PdfReader(packs / f"{path.stem}-session-plan.pdf").pages[0].extract_text())
    for table in timing_tables(source(path)):
        assert words(plain_markdown(table.caption)) in first, f"{table.caption} not at the top"
        assert f"total {table.stated_total} minutes" in first
    for needed in (
        "prepare and print",
        "model answers",
        "facilitator notes",
        "quick check",
        "the ward team",
        "independent mental health advocate",
        "patient advice service",
        "lived experience",
        "scissors staples or pins",
        "early death detention and restraint",
    ):
        assert needed in flat, f"{path.stem} session plan lacks '{needed}'"
    secret = facilitator_sentences(site, path.stem)
    missing = [s for s in secret if s not in flat]
    assert missing == [], f"the session plan leaves out facilitator text: {missing[:3]}"


def test_the_handout_maker_drops_marked_blocks_and_code():
    chapter = (
        '<article class="bd-article"><section><h1>T</h1>'
        '<div class="admonition tip"><p class="admonition-title">In brief</p><p>Short.</p></div>'
        '<div class="admonition hint"><p class="admonition-title">Activity: a</p><p>Do.</p>'
        '<div class="cell"><pre>import x</pre></div></div>'
        f'<div class="admonition dropdown {FACILITATOR_CLASS}">'
        '<p class="admonition-title">Facilitator notes</p><p>Only for you.</p></div>'
        f'<div class="admonition {LEARNER_CLASS}"><p class="admonition-title">Your card</p>'
        "<p>Only for learners.</p></div>"
        '<div class="quick-check admonition"><p class="admonition-title">Quick check 1</p>'
        "<p>Practises objective 1 (do it).</p><p>Is it?</p>"
        '<div class="dropdown admonition"><p class="admonition-title">Answer</p>'
        "<p>Yes, it is.</p></div></div></section></article>"
    )
    html = handout_html(chapter, "<html></html>", "<html></html>", EDITION)
    assert "Short." in html and "Do." in html
    assert "Only for you." not in html and "import x" not in html
    assert "Only for learners." in html
    assert "Is it?" in html and "Practises objective" not in html
    assert "Yes, it is." not in html, "the handout prints a quick check's answer"
    running = (
        '<article class="bd-article"><section id="running-a-session-safely"><h2>R</h2>'
        "<p>Support.</p></section></article>"
    )
    plan = session_plan_html(chapter, running, EDITION)
    assert "Only for you." in plan and "Support." in plan
    assert "Only for learners." not in plan
    assert "Yes, it is." in plan, "the session plan keeps the quick checks' answers"


def test_the_running_footer_survives_any_chapter_title():
    """A title with quotes, a backslash or markup cannot break the page's style sheet."""
    title = 'Say "no" \\ </style><script>x</script>'
    quoted = css_string(title)
    assert quoted.startswith('"') and quoted.endswith('"')
    inside = quoted[1:-1]
    assert '"' not in inside and "<" not in inside and "\\\\" not in inside
    heading = title.replace("<", "&lt;")
    chapter = f'<article class="bd-article"><section><h1>{heading}</h1></section></article>'
    html = handout_html(chapter, "<html></html>", "<html></html>", EDITION)
    assert html.count("</style>") == 1 and "<script>" not in html


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, spaces made single."""
    pages = []
    for page in PdfReader(path).pages:
        text = unicodedata.normalize("NFKC", page.extract_text()).replace("\u2019", "'")
        pages.append(" ".join(text.split()))
    return pages


def chapter_title(site: Path, stem: str) -> str:
    html = (site / "book" / f"{stem}.html").read_text(encoding="utf-8")
    heading = BeautifulSoup(html, "html.parser").find("article").find("h1")
    for link in heading.find_all("a"):
        link.decompose()
    return " ".join(heading.get_text(" ", strip=True).replace("\u2019", "'").split())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_printed_page_names_its_number_chapter_and_edition(site, packs, path, kind):
    """Loose printed pages can be put back in order, and each says what it belongs to."""
    pages = pdf_pages(packs / f"{path.stem}-{kind}.pdf")
    title = chapter_title(site, path.stem)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text, f"{kind} page {number}: no page number"
        squeezed = "".join(text.split())
        assert "".join(title.split()) in squeezed, f"{kind} page {number}: no chapter title"
        assert "".join(EDITION.split()) in squeezed, f"{kind} page {number}: no edition"


def quick_checks(site: Path, stem: str) -> tuple[list[str], list[str]]:
    """The chapter's quick-check questions, and the sentences found only in their answers."""
    html = (site / "book" / f"{stem}.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").find("article")
    questions, answers = [], []
    for box in article.find_all("div", class_="quick-check"):
        answer = box.find("div", class_="dropdown")
        for item in answer.find_all(["p", "li"]):
            for sentence in re.split(r"(?<=[.!?])\s+", item.get_text(" ", strip=True)):
                if len(sentence.split()) >= 6:
                    answers.append(words(sentence))
        answer.decompose()
        questions += [
            words(p.get_text(" ", strip=True))
            for p in box.find_all("p")
            if "admonition-title" not in (p.get("class") or [])
            and not p.get_text().startswith("Practises")
        ]
    for box in article.find_all("div", class_="quick-check"):
        box.decompose()
    elsewhere = words(article.get_text(" "))
    return questions, [a for a in answers if a not in elsewhere]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_learner_handout_asks_every_quick_check_without_its_answer(site, packs, path):
    questions, answers = quick_checks(site, path.stem)
    assert len(questions) >= 2 and answers, f"{path.stem}: the quick checks were not read"
    handout = words(pdf_text(packs / f"{path.stem}-handout.pdf"))
    missing = [q for q in questions if q not in handout]
    assert missing == [], f"{path.stem} handout leaves out quick-check questions: {missing}"
    leaked = [a for a in answers if a in handout]
    assert leaked == [], f"{path.stem} handout prints quick-check answers: {leaked[:2]}"


def test_offline_bundle_includes_the_packs(packs):
    proc = subprocess.run(
        ["bash", "scripts/offline_bundle.sh"],
        cwd=BUILD_DIR.parent,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    with zipfile.ZipFile(BUILD_DIR / "guide-offline.zip") as archive:
        names = set(archive.namelist())
    for path in CHAPTERS:
        for kind in KINDS:
            assert f"coproduction-guide/packs/{path.stem}-{kind}.pdf" in names
