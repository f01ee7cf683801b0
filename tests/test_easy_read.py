"""The Easy Read edition and the paper forms, checked as their readers and typists use them.

Unit tests cover the ``{data-value}`` role, the Easy Read checks and the paper forms; build tests
check every Easy Read page of the built site against the Easy Read rules; the PDF tests print the
pages as scripts/build.sh does; browser tests read the printed font size in headless Chromium.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BUILD_DIR, ROOT, host_of, run_build
from pypdf import PdfReader

from coproduce import easyread_checks as checks
from coproduce.datapackage import load_table, package
from coproduce.easyread import (
    DataReferenceError,
    format_value,
    in_every,
    lookup,
    paper_form,
    picture_names,
    pictures_dir,
)
from coproduce.easyread_pdf import easyread_pages, pdf_path
from coproduce.edition import read_edition
from coproduce.environment import area_summary, load_assessment
from coproduce.selfassessment import load_statements, person_scores, read_responses

EASYREAD_SOURCES = ROOT / "book" / "easy-read"
PAGE_HEADER = re.compile(r"```\{easyread-page\}\s+(\S+)")


def easyread_docs() -> dict[str, str]:
    """Easy Read page docname -> the docname it links back to, from the MyST sources."""
    found = {}
    for source in sorted(EASYREAD_SOURCES.glob("*.md")):
        match = PAGE_HEADER.search(source.read_text(encoding="utf-8"))
        if match:
            back = (Path("book/easy-read") / match.group(1)).as_posix()
            found[f"book/easy-read/{source.stem}"] = str(Path(back).resolve().relative_to(ROOT))
    return found


def teaching_chapters() -> list[str]:
    """The guide's teaching chapters: every chapter in the parts before the Easy Read part."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = []
    for part in toc["parts"]:
        if part["caption"] in {"Easy Read", "Reference"}:
            continue
        names += [Path(c["file"]).as_posix() for c in part["chapters"]]
    return names


# --- the {data-value} role ---------------------------------------------------------------------


def test_lookup_reads_single_values_counts_and_sums_from_data():
    facts = load_table("health_facts").set_index("id")
    assert lookup("health_facts[id=smi-gap-low].value") == int(facts.loc["smi-gap-low", "value"])
    assert lookup("count(physical_health_checks)") == len(load_table("physical_health_checks"))
    audit = load_table("impact_weight_audit")
    assert lookup("sum(impact_weight_audit.service_users)") == audit["service_users"].sum()
    participants = load_table("impact_participants")
    first = participants[(participants.phase == 1) & (participants.group == "Hospital staff")]
    value = lookup("impact_participants[phase=1,group=Hospital staff].participants")
    assert value == first["participants"].item()


def test_lookup_stops_on_anything_that_is_not_exactly_one_value():
    for expression in [
        "impact_participants[phase=1].participants",  # two rows
        "health_facts[id=no-such-fact].value",
        "no_such_table[id=x].value",
        "health_facts[id=smi-gap-low].no_such_column",
        "smi-gap-low",
    ]:
        with pytest.raises(DataReferenceError):
            lookup(expression)


def test_in_every_says_a_percentage_without_a_percent_sign():
    assert in_every(87.5) == "7 in every 8"
    assert in_every(75) == "3 in every 4"
    assert in_every(100 * 65 / 83) == "about 4 in every 5"
    assert "%" not in in_every(33.3)
    assert in_every(33.3) == "about 1 in every 3"
    with pytest.raises(DataReferenceError):
        in_every(0.4)


def test_values_are_written_as_digits():
    assert format_value(390000) == "390,000"
    assert format_value("2023/24") == "2023/24"
    assert format_value(87.5) == "87.5"


# --- the Easy Read checks ----------------------------------------------------------------------


def page(body: str) -> str:
    return f'<html><body><article class="bd-article">{body}</article></body></html>'


def test_checks_find_long_sentences_percentages_and_missing_alt_text():
    html = page(
        "<h1>Title</h1><p>Short one. This sentence is far too long because it keeps going on "
        "and on and on for ever.</p><p>About 50% of people.</p><img src='a.svg'>"
        "<img src='b.svg' alt='A heart'>"
    )
    problems = [p.rule for p in checks.page_problems(html)]
    assert problems == ["more than 15 words (17)", "percentage", "picture without alt text"]


def test_abbreviations_must_be_explained_where_first_used():
    explained = [
        "The National Health Service (NHS) runs it. NHS staff help.",
        "NSUN stands for National Survivor User Network.",
        "IMPACT is the name of a study.",
    ]
    assert checks.unexplained_abbreviations(explained) == []
    wrong = checks.unexplained_abbreviations(["Ask your GP.", "A GP (General Practitioner)."])
    assert [p.rule for p in wrong] == ["GP is not explained where first used"]
    assert not checks.explains("The Big Health Service (NHS).", "NHS")


def test_citations_and_forms_are_not_counted_as_prose():
    html = page(
        '<p>You can ask. <span class="bibtex-citation">[<a href="../references.html#x">NHS '
        'England, 2024</a>]</span></p><div class="paper-form"><p>A statement from the bank '
        "that is longer than fifteen words because the tool's wording is kept as it is.</p></div>"
    )
    assert checks.blocks(html) == ["You can ask."]


def test_reading_grade_is_measured_offline_and_ranks_text():
    easy = checks.reading_grade(["You can ask questions.", "You can say no."])
    hard = checks.reading_grade(
        ["Comprehensive cardiometabolic monitoring necessitates interdisciplinary collaboration."]
    )
    assert easy < checks.MAX_GRADE < hard


# --- the paper forms ---------------------------------------------------------------------------


def test_the_4pi_form_asks_every_statement_in_the_tools_order_and_columns():
    form = paper_form("fourpi")
    statements = load_statements()
    assert [i.text for i in form.items] == statements["statement"].tolist()
    assert [i.entry for i in form.items] == statements["statement_id"].tolist()
    with open(ROOT / "data" / form.template, encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == ["respondent", "role", *[i.entry for i in form.items]]
    schema = package().get_resource(form.resource).schema
    assert form.roles == list(schema.get_field("role").constraints["enum"])
    assert sorted(form.scale) == [1, 2, 3, 4, 5]


def test_the_environment_form_asks_every_question_in_the_templates_row_order():
    form = paper_form("environment")
    questions = load_table("environment_questions")
    assert [i.text for i in form.items] == questions["question"].tolist()
    template = pd.read_csv(ROOT / "data" / form.template, dtype=str)
    assert template[["area", "question"]].values.tolist() == [[i.group, i.text] for i in form.items]
    schema = package().get_resource(form.resource).schema
    assert form.roles == list(schema.get_field("assessor_role").constraints["enum"])


def tick(number: int) -> int:
    """The face a pretend person ticks for item ``number``: a spread of 1 to 5, some skipped."""
    return 0 if number % 7 == 0 else (number * 3) % 5 + 1


def test_answers_typed_from_a_4pi_paper_form_go_through_the_tool(tmp_path):
    form = paper_form("fourpi")
    typed = {"respondent": "P01", "role": form.roles[0]}
    typed |= {i.entry: (tick(i.number) or "") for i in form.items}
    template = ROOT / "data" / form.template
    header = template.read_text(encoding="utf-8").splitlines()[0].split(",")
    path = tmp_path / "typed-from-paper.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerow(typed)
    scores = person_scores(read_responses(path), load_statements()).set_index("respondent")
    for standard in dict.fromkeys(i.group for i in form.items):
        ticked = [tick(i.number) for i in form.items if i.group == standard and tick(i.number)]
        assert scores.loc["P01", standard] == pytest.approx(sum(ticked) / len(ticked))


def test_answers_typed_from_an_environment_paper_form_go_through_the_tool(tmp_path):
    form = paper_form("environment")
    typed = pd.read_csv(ROOT / "data" / form.template, dtype=str, keep_default_na=False)
    typed["rating"] = [str(tick(i.number) or "") for i in form.items]
    typed["comment"] = ["The garden door is locked." if i.number == 1 else "" for i in form.items]
    typed["assessor_role"] = form.roles[0]
    path = tmp_path / "typed-from-paper.csv"
    typed.to_csv(path, index=False)
    summary = area_summary(load_assessment(path), mode="internal")
    for area in dict.fromkeys(i.group for i in form.items):
        ticked = [tick(i.number) for i in form.items if i.group == area and tick(i.number)]
        assert summary.loc[area, "Ratings given"] == len(ticked)
        assert summary.loc[area, "Average rating (1 to 5)"] == round(sum(ticked) / len(ticked), 1)


def test_every_vendored_picture_is_used_and_attributed():
    used = set()
    for source in EASYREAD_SOURCES.glob("*.md"):
        used |= set(re.findall(r"\{easyread\}\s+(\S+)", source.read_text(encoding="utf-8")))
    code = (ROOT / "src" / "coproduce" / "easyread.py").read_text(encoding="utf-8")
    used |= {n for n in picture_names() if f'"{n}"' in code or n.startswith("face-")}
    assert used <= set(picture_names()), f"missing pictures: {used - set(picture_names())}"
    assert set(picture_names()) <= used, f"unused pictures: {set(picture_names()) - used}"
    folder = pictures_dir().parent
    attribution = (folder / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in attribution and "OpenMoji" in attribution
    for name in picture_names():
        assert f"pictures/{name}.svg" in attribution, name
    licence = (folder / "LICENSE-OpenMoji-CC-BY-SA-4.0.txt").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0 International" in licence
    for svg in pictures_dir().glob("*.svg"):
        text = svg.read_text(encoding="utf-8")
        assert not re.search(r"(href|src)=\"https?:", text), f"{svg.name} loads from elsewhere"


# --- the built Easy Read pages -----------------------------------------------------------------


def built(site: Path, docname: str) -> str:
    path = site / f"{docname}.html"
    assert path.is_file(), f"{docname}.html was not built"
    return path.read_text(encoding="utf-8")


def test_every_teaching_chapter_has_an_easy_read_page_linked_both_ways(site):
    pages = easyread_docs()
    backs = set(pages.values())
    for chapter in teaching_chapters():
        assert chapter in backs, f"no Easy Read page links back to {chapter}"
        soup = BeautifulSoup(built(site, chapter), "html.parser")
        article = soup.find("article", class_="bd-article")
        first_link = article.select_one("a.easyread-link")
        assert first_link is not None, f"{chapter} has no Easy Read link"
        # At the top: before the first section heading after the title.
        heading = article.find("h2")
        assert heading is None or first_link.sourceline <= heading.sourceline, chapter
        assert first_link["href"].startswith("easy-read/"), first_link["href"]
    for docname, back in pages.items():
        soup = BeautifulSoup(built(site, docname), "html.parser")
        links = soup.select(".easyread-links a")
        hrefs = [a["href"] for a in links]
        target = Path(docname).parent / hrefs[0]
        assert target.with_suffix("").as_posix().endswith(back.split("/")[-1]), (docname, hrefs)
        assert hrefs[1] == f"{Path(docname).name}.pdf", (docname, hrefs)


def test_health_check_page_is_linked_from_the_chapter_and_says_you_can_say_no(site):
    chapter = built(site, "book/why-physical-health")
    assert 'href="easy-read/health-check.html"' in chapter
    text = " ".join(checks.blocks(built(site, "book/easy-read/health-check")))
    for check in load_table("physical_health_checks")["check"]:
        word = check.split()[0].lower()
        if word in {"body", "lipid"}:  # said in plain words: "Weight", "Fat in your blood"
            continue
        assert word in text.lower(), check
    assert "You can say no" in text and "You can ask questions" in text


def test_every_easy_read_page_keeps_the_easy_read_rules(site):
    failures = []
    grades = {}
    for docname in easyread_docs():
        html = built(site, docname)
        failures += [f"{docname}: {p}" for p in checks.page_problems(html)]
        grades[docname] = checks.grade(html)
    too_hard = {d: round(g, 1) for d, g in grades.items() if g > checks.MAX_GRADE}
    assert not failures, "\n".join(failures)
    assert not too_hard, (
        f"These Easy Read pages read above grade {checks.MAX_GRADE} (Flesch-Kincaid): {too_hard}. "
        "Use shorter sentences and shorter words."
    )


def test_no_easy_read_page_or_form_uses_a_percent_sign(site):
    for docname in easyread_docs():
        soup = BeautifulSoup(built(site, docname), "html.parser")
        article = soup.find("article", class_="bd-article")
        alts = " ".join(img.get("alt", "") for img in article.find_all("img"))
        assert "%" not in article.get_text() + alts, docname


def test_the_forms_on_the_site_show_every_item_from_data(site):
    for key, docname in [
        ("fourpi", "book/easy-read/form-4pi"),
        ("environment", "book/easy-read/form-environment"),
    ]:
        soup = BeautifulSoup(built(site, docname), "html.parser")
        questions = [
            p.get_text(" ", strip=True).replace("\u2019", "'").replace("\u2018", "'")
            for p in soup.select("p.paper-question")
        ]
        form = paper_form(key)
        assert questions == [f"{i.number}. {i.text}" for i in form.items], docname
        scale = soup.select(".paper-form-item")[0].select(".paper-scale-label")
        assert [s.get_text(" ", strip=True) for s in scale] == [
            f"{n} {w}" for n, w in form.scale.items()
        ]
        assert len(soup.select(".paper-scale-choice img[alt]")) == 5 * len(form.items)
        roles = [p.get_text(strip=True).lower() for p in soup.select(".paper-form-roles p")]
        assert roles == [r.lower() for r in form.roles]


# --- PDFs, links and the offline bundle --------------------------------------------------------


@pytest.fixture(scope="session")
def easyread_pdfs(site) -> list[Path]:
    """Print the PDFs as scripts/build.sh does."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "easyread_pdfs.py"), str(site)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return [pdf_path(p) for p in easyread_pages(site)]


def test_build_script_makes_the_pdfs():
    script = (ROOT / "scripts" / "build.sh").read_text(encoding="utf-8")
    assert "scripts/easyread_pdfs.py" in script.split("jupyter-book build", 1)[1]


def test_each_easy_read_page_prints_to_its_own_a4_pdf(site, easyread_pdfs):
    assert {p.stem for p in easyread_pdfs} == {Path(d).name for d in easyread_docs()}
    for pdf in easyread_pdfs:
        reader = PdfReader(pdf)
        width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
        assert abs(width - 595) < 3 and abs(height - 842) < 3, (pdf.name, width, height)
        text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        title = BeautifulSoup(pdf.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
        heading = title.find("h1").get_text(" ", strip=True).removesuffix("#").strip()
        assert heading.split(":")[0] in text, pdf.name
        assert "Print this page" not in text, f"{pdf.name} prints its own navigation links"
        # A printed copy says which edition it is, without the footer's on-screen link.
        assert read_edition(ROOT / "CITATION.cff").label in text, pdf.name
        assert "What changed in each edition" not in text, pdf.name


def test_easy_read_pages_have_no_dead_links(site, easyread_pdfs):
    for docname in [f"book/easy-read/{p.stem}" for p in EASYREAD_SOURCES.glob("*.md")]:
        soup = BeautifulSoup(built(site, docname), "html.parser")
        article = soup.find("article", class_="bd-article")
        for tag, attribute in [("a", "href"), ("img", "src")]:
            for element in article.find_all(tag):
                url = element.get(attribute) or ""
                if not url or urlparse(url).scheme or url.startswith("#"):
                    continue
                target = (site / docname).parent / urlparse(url).path
                assert target.is_file(), f"{docname}: {url} does not exist"


def test_offline_bundle_holds_the_easy_read_pdfs(site, easyread_pdfs):
    proc = subprocess.run(
        ["bash", "scripts/offline_bundle.sh"],
        cwd=BUILD_DIR.parent,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(BUILD_DIR / "guide-offline.zip") as archive:
        names = set(archive.namelist())
    for pdf in easyread_pdfs:
        assert f"coproduction-guide/book/easy-read/{pdf.name}" in names, pdf.name


# --- in headless Chromium ----------------------------------------------------------------------

_SMALLEST_TEXT = """
const article = document.querySelector('article.bd-article');
let smallest = null;
for (const element of article.querySelectorAll('*')) {
  const ownText = Array.from(element.childNodes)
    .some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  if (!ownText || element.getClientRects().length === 0) continue;
  const style = getComputedStyle(element);
  if (style.visibility === 'hidden' || style.display === 'none') continue;
  const px = parseFloat(style.fontSize);
  if (smallest === null || px < smallest.px) {
    smallest = {px: px, text: element.textContent.trim().slice(0, 60)};
  }
}
return smallest;
"""

_PICTURES = """
return Array.from(document.querySelectorAll('article.bd-article img'), img => ({
  src: img.currentSrc || img.src, alt: img.getAttribute('alt') || '',
  loaded: img.complete && img.naturalWidth > 0}));
"""


@pytest.mark.browser
def test_easy_read_pages_print_at_14pt_or_larger(browser, server):
    smallest_points = {}
    for docname in easyread_docs():
        browser.get(f"{server}/{docname}.html")
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            smallest = browser.execute_script(_SMALLEST_TEXT)
        finally:
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        smallest_points[docname] = (round(smallest["px"] * 72 / 96, 1), smallest["text"])
    too_small = {d: v for d, v in smallest_points.items() if v[0] < checks.MIN_PRINT_POINTS - 0.05}
    assert not too_small, f"printed text smaller than {checks.MIN_PRINT_POINTS}pt: {too_small}"


@pytest.mark.browser
def test_easy_read_pages_request_nothing_from_another_host(visit, server):
    own_host = host_of(server)
    for docname in easyread_docs():
        seen = visit(f"{docname}.html")
        assert seen.requests, f"{docname}: no requests were recorded"
        assert [u for u in seen.requests if host_of(u) not in {"", own_host}] == [], docname


@pytest.mark.browser
def test_every_easy_read_picture_has_alt_text_and_loads(browser, server):
    own_host = host_of(server)
    for docname in easyread_docs():
        browser.get(f"{server}/{docname}.html")
        pictures = browser.execute_script(_PICTURES)
        assert pictures, f"{docname} has no pictures"
        for picture in pictures:
            assert picture["alt"].strip(), f"{docname}: {picture['src']} has no alt text"
            assert picture["loaded"], f"{docname}: {picture['src']} did not load"
            assert host_of(picture["src"]) == own_host, f"{docname}: {picture['src']}"


def test_a_broken_easy_read_page_fails_the_strict_build(tmp_path):
    """A contributor's slip (no alt text, unknown picture, number not in data) stops the build."""
    book = tmp_path / "mini-book"
    book.mkdir()
    (book / "_config.yml").write_text(
        "title: Mini\nexecute:\n  execute_notebooks: 'off'\n"
        "sphinx:\n  extra_extensions:\n    - coproduce.easyread\n",
        encoding="utf-8",
    )
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (book / "index.md").write_text(
        "# Mini\n\n"
        ":::{easyread} heart\nNo alt text here.\n:::\n\n"
        ":::{easyread} no-such-picture\n:alt: Nothing\nA point.\n:::\n\n"
        "There are {data-value}`health_facts[id=no-such-fact].value` of them.\n",
        encoding="utf-8",
    )
    result = run_build(book)
    assert result.returncode != 0
    assert "give the picture a text alternative with :alt:" in result.output
    assert "no picture called 'no-such-picture'" in result.output
    assert "no-such-fact" in result.output and "matches 0 rows" in result.output


def test_the_how_we_wrote_page_states_the_grade_the_tests_keep(site):
    text = " ".join(checks.blocks(built(site, "book/easy-read/how-we-wrote")))
    assert f"grade {checks.MAX_GRADE:g} or below" in text
    assert f"no sentence longer than {checks.MAX_WORDS} words" in text
    assert f"{checks.MIN_PRINT_POINTS} point or larger" in text
