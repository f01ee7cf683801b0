"""Teaching packs: a session plan and a learner handout made from each teaching chapter.

One source of truth: a teaching chapter's MyST source marks the blocks only a facilitator
needs with the class ``facilitator-only`` (the facilitator notes, the session plan and the
model answers). After the site is built, this module reads a chapter's built page and makes
two printable HTML documents from it:

- the **session plan**: the timing tables first, then what to prepare, the learning objectives,
  the activities with their model answers, the quick checks with their answers, the facilitator
  notes (open), the key points and the guide's notes on running a session safely (from the
  "Teaching packs" page);
- the **learner handout**: the In brief box, the key points, the activity sheet (with any block
  marked ``learner-only``, which the session plan leaves out), the quick-check questions (never
  their answers), the words used (the chapter's glossary terms with their definitions) and the
  references; nothing marked ``facilitator-only``, no code and no answers.

Every page of both carries a footer (CSS ``@page`` margin boxes, which Chromium prints): the
chapter's title, the kind of document and the edition on the left, "Page N of M" on the right.

It also reads the structure a teaching chapter must have from its source: the numbered learning
objectives, the "Practises objective N (...)" line in each activity and quick check, and the
timing tables with their stated totals.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from bs4 import BeautifulSoup, Tag

#: The class that marks a block as for the facilitator only.
FACILITATOR_CLASS = "facilitator-only"
#: The class that marks a block as for learners only: it goes on the handout's activity sheet
#: and never into the session plan.
LEARNER_CLASS = "learner-only"
#: A chapter is a teaching chapter when its source has this box.
OBJECTIVES_BOX = "{admonition} Learning objectives"
#: The line in an activity or quick check that names the objectives it practises.
PRACTISES = re.compile(r"objective (?P<number>\d+) \((?P<words>[^()]*(?:\([^()]*\)[^()]*)*)\)")
_ROLE = re.compile(r"\{[^}]+\}`(?:(?P<text>[^<`]*?)\s*<[^>]*>|(?P<plain>[^`]*))`")
_BOX = re.compile(r"^(?P<fence>:{3,}|`{3,})\{admonition\}\s*(?P<title>.*)$")

PRINT_CSS = """
@page { size: A4; margin: 13mm 14mm 17mm 14mm;
        @bottom-left { font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #333;
                       vertical-align: top; padding-top: 4mm; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages);
                        font: bold 8pt "DejaVu Sans", Arial, sans-serif; color: #111;
                        vertical-align: top; padding-top: 4mm; white-space: nowrap; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.35;
       color: #111; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 12pt 0 4pt; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11pt; margin: 8pt 0 3pt; break-after: avoid; }
p, li { margin: 2pt 0; }
ul, ol { margin: 2pt 0 4pt; padding-left: 16pt; }
.pack-kind { font-size: 10pt; color: #333; margin-bottom: 8pt; }
.box { border: 1px solid #777; border-left: 4px solid #333; padding: 4pt 8pt; margin: 6pt 0;
       break-inside: avoid; }
.box-title { font-weight: bold; margin: 0 0 2pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding-bottom: 2pt; }
th, td { border: 1px solid #777; padding: 2pt 5pt; text-align: left; vertical-align: top; }
td:first-child, th:first-child { white-space: nowrap; }
dl { margin: 2pt 0; } dd { margin: 0 0 2pt 12pt; }
dt { font-weight: bold; margin-top: 3pt; break-after: avoid; }
.notes-lines { border-bottom: 1px solid #999; height: 16pt; }
a { color: inherit; text-decoration: none; }
"""


@dataclass(frozen=True)
class TimingTable:
    """A timing table of a session plan: its caption, the minutes of each row, its stated total."""

    name: str
    caption: str
    minutes: list[int]
    stated_total: int


@dataclass(frozen=True)
class Practice:
    """One activity or quick check, and the objectives it says it practises."""

    title: str
    objectives: list[tuple[int, str]]


def teaching_chapters(book: Path) -> list[Path]:
    """The chapters in ``book`` that have learning objectives, in name order."""
    return sorted(p for p in book.glob("*.md") if OBJECTIVES_BOX in p.read_text(encoding="utf-8"))


def plain_markdown(text: str) -> str:
    """MyST inline text as a reader sees it: roles reduced to their words, spaces single."""
    text = _ROLE.sub(lambda m: m.group("text") or m.group("plain") or "", text)
    return " ".join(text.replace("*", "").split())


def _boxes(markdown: str) -> list[tuple[str, list[str]]]:
    """(title, body lines) of every admonition in a MyST source, nested ones included."""
    lines = markdown.splitlines()
    found = []
    for start, line in enumerate(lines):
        match = _BOX.match(line)
        if not match:
            continue
        fence = match.group("fence")
        end = next(
            (n for n in range(start + 1, len(lines)) if lines[n].strip() == fence), len(lines)
        )
        found.append((match.group("title").strip(), lines[start + 1 : end]))
    return found


def objectives(markdown: str) -> list[str]:
    """The numbered learning objectives of a chapter, in plain words."""
    for title, body in _boxes(markdown):
        if title == "Learning objectives":
            items: list[str] = []
            for line in body:
                numbered = re.match(r"^(\d+)\.\s+(.*)$", line)
                if numbered:
                    assert int(numbered.group(1)) == len(items) + 1, "objectives out of order"
                    items.append(numbered.group(2))
                elif items and line.startswith("   "):
                    items[-1] += " " + line.strip()
            return [plain_markdown(item) for item in items]
    return []


def practices(markdown: str) -> list[Practice]:
    """Every activity and quick check with the objectives its "Practises" line names."""
    found = []
    for title, body in _boxes(markdown):
        if not title.startswith(("Activity:", "Quick check")):
            continue
        line = next((b for b in body if b.startswith("Practises ")), "")
        named = [(int(m.group("number")), m.group("words")) for m in PRACTISES.finditer(line)]
        found.append(Practice(title, named))
    return found


def timing_tables(markdown: str) -> list[TimingTable]:
    """The session plan's timing tables (list-tables named ``*-plan-*``) of a chapter."""
    tables = []
    for match in re.finditer(
        r"^:::\{list-table\} (?P<caption>.*?)\n(?P<body>.*?)^:::$", markdown, re.M | re.S
    ):
        name = re.search(r"^:name: (\S+)$", match.group("body"), re.M)
        if not name or "-plan-" not in name.group(1):
            continue
        rows = re.findall(r"^\* - (.*)$", match.group("body"), re.M)
        minutes = [int(cell) for cell in rows if cell.isdigit()]
        total_cell = re.search(r"^\* - Total\n  - (\d+) minutes$", match.group("body"), re.M)
        if total_cell is None:
            raise ValueError(f"timing table {name.group(1)} states no total")
        tables.append(
            TimingTable(name.group(1), match.group("caption"), minutes, int(total_cell.group(1)))
        )
    return tables


# --- the printable documents -------------------------------------------------------------------


def _article(page_html: str) -> Tag:
    article = BeautifulSoup(page_html, "html.parser").find("article", class_="bd-article")
    if article is None:
        raise ValueError("not a page of the built guide: it has no article")
    return article


def _title(box: Tag) -> str:
    found = box.find("p", class_="admonition-title")
    return found.get_text(" ", strip=True) if found else ""


def _boxes_titled(article: Tag, start: str) -> list[Tag]:
    return [
        box for box in article.find_all("div", class_="admonition") if _title(box).startswith(start)
    ]


def _clean(node: Tag) -> Tag:
    """A copy of ``node`` ready for paper: boxes open, links and anchors made plain text."""
    node = copy.copy(node)
    for link in node.find_all("a", class_="headerlink"):
        link.decompose()
    for number in node.find_all("span", class_="caption-number"):
        number.decompose()  # "Table 26" means nothing on paper
    for element in node.find_all(["script", "style", "button"]):
        element.decompose()
    for box in [node, *node.find_all("div", class_="admonition")]:
        if "admonition" in (box.get("class") or []):
            box["class"] = ["box"]
            title = box.find("p", class_="admonition-title")
            if title is not None:
                title["class"] = ["box-title"]
    for table in node.find_all("table"):
        table.attrs = {}
    return node


def _without(node: Tag, *classes: str) -> Tag:
    for cls in classes:
        for element in node.find_all(class_=cls):
            element.decompose()
    return node


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = "".join(
        char if char.isalnum() or char in " ,.:;-()'" else f"\\{ord(char):x} " for char in text
    )
    return f'"{escaped}"'


def running_footer(title: str, kind: str, edition: str) -> str:
    """The footer printed on every page: chapter, kind of document, edition; then the page number.

    A trainer who drops a pile of printed pages can put them back in order and see which
    chapter and which edition each page belongs to.
    """
    text = f"{title} \u2014 {kind} \u2014 {edition}"
    return f"@page {{ @bottom-left {{ content: {css_string(text)}; }} }}"


def _page(title: str, kind: str, parts: list[str], edition: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}: {kind}</title>"
        f"<style>{PRINT_CSS}\n{running_footer(title, kind, edition)}</style></head><body>"
        f'<h1>{escape(title)}</h1><p class="pack-kind">{kind}. From the guide "Co-producing'
        f' physical health with people who live with serious mental illness", {edition}.</p>'
        + "\n".join(parts)
        + "</body></html>"
    )


def _chapter_title(article: Tag) -> str:
    heading = article.find("h1")
    for link in heading.find_all("a"):
        link.decompose()
    return heading.get_text(" ", strip=True)


def session_plan_html(chapter_html: str, packs_page_html: str, edition: str) -> str:
    """The facilitator's session plan of a chapter, as one printable HTML page.

    ``edition`` names the guide's edition (``coproduce.edition.Edition.label``); it is printed
    under the title and in the footer of every page.
    """
    article = _article(chapter_html)
    title = _chapter_title(copy.copy(article))
    parts = []
    for box in _boxes_titled(article, "Session plan"):
        inner = _clean(box)
        inner.find("p", class_="box-title").string = "Timings and what to prepare"
        parts.append(str(inner))
    for box in _boxes_titled(article, "Learning objectives"):
        parts.append(str(_clean(box)))
    parts.append("<h2>Activities, step by step</h2>")
    parts += [
        str(_clean(_without(copy.copy(box), LEARNER_CLASS)))
        for box in _boxes_titled(article, "Activity")
    ]
    parts += [str(_clean(box)) for box in _boxes_titled(article, "Model answers")]
    parts.append("<h2>Quick checks, with answers</h2>")
    parts += [str(_clean(box)) for box in _boxes_titled(article, "Quick check")]
    parts.append("<h2>For the facilitator</h2>")
    parts += [str(_clean(box)) for box in _boxes_titled(article, "Facilitator notes")]
    parts += [str(_clean(box)) for box in _boxes_titled(article, "Key points")]
    running = _article(packs_page_html).find("section", id="running-a-session-safely")
    if running is None:
        raise ValueError("the Teaching packs page has no 'Running a session safely' section")
    section = _clean(running)
    section.find("h2").string = "Running a session safely"
    parts.append(str(section))
    return _page(title, "Session plan for the facilitator", parts, edition)


def _definitions(article: Tag, glossary_html: str) -> list[tuple[str, str]]:
    glossary = BeautifulSoup(glossary_html, "html.parser")
    seen: dict[str, tuple[str, str]] = {}
    for link in article.find_all("a", href=re.compile(r"^glossary\.html#term-")):
        anchor = link["href"].split("#", 1)[1]
        term = glossary.find("dt", id=anchor)
        if term is None or anchor in seen:
            continue
        definition = term.find_next_sibling("dd")
        name = term.get_text(" ", strip=True).rstrip("#").strip()
        text = definition.get_text(" ", strip=True) if definition else ""
        seen[anchor] = (name, " ".join(text.split()))
    return sorted(seen.values(), key=lambda pair: pair[0].lower())


def _references(article: Tag, references_html: str) -> list[str]:
    page = BeautifulSoup(references_html, "html.parser")
    found: dict[str, str] = {}
    for citation in article.find_all("span", class_="bibtex-citation"):
        for link in citation.find_all("a", href=re.compile(r"^references\.html#")):
            anchor = link["href"].split("#", 1)[1]
            entry = page.find(id=anchor)
            if entry is not None and anchor not in found:
                found[anchor] = " ".join(entry.find("p").get_text(" ", strip=True).split())
    return sorted(found.values())


def quick_check_questions(article: Tag) -> list[Tag]:
    """The chapter's quick checks as learners get them: the questions, never the answers."""
    questions = []
    for box in _boxes_titled(article, "Quick check"):
        box = _clean(box)
        for answer in box.find_all("div", class_="box"):
            answer.decompose()  # the Answer block, nested in the quick check
        for paragraph in box.find_all("p"):
            if paragraph.get_text(" ", strip=True).startswith("Practises objective"):
                paragraph.decompose()
        questions.append(box)
    return questions


def handout_html(chapter_html: str, glossary_html: str, references_html: str, edition: str) -> str:
    """The learner handout of a chapter, as one printable HTML page (no facilitator text).

    ``edition`` names the guide's edition; it is printed under the title and in the footer.
    """
    article = _without(copy.copy(_article(chapter_html)), FACILITATOR_CLASS, "cell")
    title = _chapter_title(copy.copy(article))
    parts = []
    for box in _boxes_titled(article, "In brief") + _boxes_titled(article, "Key points"):
        parts.append(str(_clean(box)))
    parts.append("<h2>Activity sheet</h2>")
    for box in _boxes_titled(article, "Activity"):
        parts.append(str(_clean(box)))
    for box in article.find_all("div", class_=LEARNER_CLASS):
        if not box.find_parent("div", class_="admonition"):
            parts.append(str(_clean(box)))
    checks = quick_check_questions(article)
    if checks:
        parts.append(
            '<h2>Quick checks</h2><p class="hint">Try each question. Its answer is in the'
            " chapter, in the Answer block under the question.</p>"
        )
        parts += [str(box) for box in checks]
    parts.append('<p class="box-title">Your notes</p>' + '<div class="notes-lines"></div>' * 4)
    words = _definitions(article, glossary_html)
    if words:
        parts.append("<h2>Words used</h2><dl>")
        parts += [f"<dt>{name}</dt><dd>{text}</dd>" for name, text in words]
        parts.append("</dl>")
    references = _references(article, references_html)
    parts.append("<h2>References</h2><ul>")
    parts += [f"<li>{entry}</li>" for entry in references]
    parts.append("</ul>")
    return _page(title, "Learner handout", parts, edition)
