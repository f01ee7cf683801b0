"""Plain English, measured: every chapter meets the style guide's readability targets.

Reads the MyST sources in ``book/`` (no build needed) with ``coproduce.readability``, which
scores the words a reader reads with the ``textstat`` library's Flesch-Kincaid grade. Also
checks that technical words link to the glossary where a chapter first uses them, and that no
page uses the words STYLE_GUIDE.md says to avoid.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from coproduce import load_table, readability
from coproduce.datapackage import package
from coproduce.readability import (
    IN_BRIEF_MAX_GRADE,
    IN_BRIEF_MAX_SENTENCE_WORDS,
    PROSE_MAX_GRADE,
    TECHNICAL_TERMS,
    blocks,
    chapter_readability,
    grade,
    sentences,
    unlinked_first_uses,
)

BOOK = ROOT / "book"
CHAPTERS = sorted(p for p in BOOK.glob("*.md"))
#: The glossary defines the terms; its definitions are reference text, not a chapter's prose.
LINKING_CHAPTERS = [p for p in CHAPTERS if p.name != "glossary.md"]


def chapter_id(path: Path) -> str:
    return path.stem


@pytest.mark.parametrize("path", CHAPTERS, ids=chapter_id)
def test_in_brief_is_grade_6_or_below_with_short_sentences(path):
    result = chapter_readability(path)
    if not result.in_brief:
        assert "{admonition} In brief" not in path.read_text(encoding="utf-8"), "box not read"
        return
    assert result.in_brief_grade <= IN_BRIEF_MAX_GRADE, (
        f"{path.name}: In brief is at Flesch-Kincaid grade {result.in_brief_grade:.1f}; the "
        f"target is {IN_BRIEF_MAX_GRADE:g}. Run 'python -m coproduce.readability {path}'."
    )
    assert result.long_in_brief_sentences() == [], (
        f"{path.name}: In brief sentences over {IN_BRIEF_MAX_SENTENCE_WORDS} words"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=chapter_id)
def test_running_prose_is_grade_8_or_below(path):
    result = chapter_readability(path)
    assert result.prose, f"{path.name}: no prose was read"
    assert result.prose_grade <= PROSE_MAX_GRADE, (
        f"{path.name}: running prose is at Flesch-Kincaid grade {result.prose_grade:.1f}; the "
        f"target is {PROSE_MAX_GRADE:g}. 'python -m coproduce.readability {path}' lists the "
        "hardest paragraphs."
    )


def test_every_teaching_chapter_has_an_in_brief_box_that_is_read():
    teaching = [
        p for p in CHAPTERS if "{admonition} Learning objectives" in p.read_text(encoding="utf-8")
    ]
    assert teaching, "no teaching chapters found"
    for path in teaching:
        assert chapter_readability(path).in_brief, f"{path.name}: no In brief box was read"


@pytest.mark.parametrize("path", LINKING_CHAPTERS, ids=chapter_id)
def test_technical_terms_link_to_the_glossary_where_first_used(path):
    unlinked = unlinked_first_uses(path.read_text(encoding="utf-8"))
    assert unlinked == [], (
        f"{path.name}: the first use of {unlinked} is not a glossary link; write "
        "{term}`word` there (see STYLE_GUIDE.md)"
    )


def test_every_technical_term_is_in_the_glossary():
    glossary = (BOOK / "glossary.md").read_text(encoding="utf-8")
    defined = {line.strip().lower() for line in glossary.splitlines() if re.match(r"^\S", line)}
    missing = [term for term in TECHNICAL_TERMS if term.lower() not in defined]
    assert missing == [], f"book/glossary.md does not define {missing}"


def test_glossary_defines_secure_care_by_what_it_is():
    """The entry says what the care is (locked doors, rules), not who the people in it are."""
    glossary = (BOOK / "glossary.md").read_text(encoding="utf-8")
    entry = glossary.split("\nsecure care\n", 1)[1].split("\n\n", 1)[0]
    assert re.match(r"\s+Mental health care in a hospital", entry), entry
    for about_people in ("risk to themselves", "criminal", "people who may", "offend"):
        assert about_people not in entry, about_people


# --- words to avoid ----------------------------------------------------------------------------


def avoided_words() -> list[str]:
    """The backticked words in the 'Avoid' column of STYLE_GUIDE.md's person-first table."""
    style = (ROOT / "STYLE_GUIDE.md").read_text(encoding="utf-8")
    section = style.split("## Person-first", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|") for line in section.splitlines() if line.startswith("| ")]
    words = [w for row in rows[1:] if len(row) > 2 for w in re.findall(r"`([^`]+)`", row[2])]
    assert "dropped out" in words, "STYLE_GUIDE.md's table of words to avoid was not read"
    return words


def unquoted(text: str) -> str:
    """Text without its quoted words: the guide may name a word to avoid in quotation marks."""
    return re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]", " ", text)


def notebook_markdown() -> dict[str, str]:
    found = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        found[f"notebooks/{path.name}"] = text
    return found


def test_no_page_notebook_or_data_table_uses_words_to_avoid():
    texts = {f"book/{p.name}": p.read_text(encoding="utf-8") for p in CHAPTERS}
    texts |= notebook_markdown()
    for resource in package().resources:
        if resource.path.startswith("examples/"):
            continue
        table = load_table(resource.name)
        strings = [f.name for f in resource.schema.fields if f.type == "string"]
        texts[f"data/{resource.path}"] = "\n".join(
            str(v) for column in strings for v in table[column].dropna()
        )
    problems = [
        f"{where}: '{word}'"
        for where, text in texts.items()
        for word in avoided_words()
        if re.search(rf"\b{re.escape(word)}\b", unquoted(text), re.IGNORECASE)
    ]
    assert problems == [], "Words STYLE_GUIDE.md says to avoid:\n" + "\n".join(problems)


# --- the measuring itself ----------------------------------------------------------------------


def test_citations_tables_and_headings_are_not_prose():
    text = """# A heading that is long enough to matter

```{admonition} In brief
:class: tip
- People took part {cite:p}`impact-summary`.
```

See {term}`co-production <co-production>` and {doc}`impact-study`.

:::{list-table} A caption
* - Cell text
:::
"""
    found = blocks(text)
    assert [(b.text, b.box) for b in found] == [
        ("People took part.", "In brief"),
        ("See co-production and this page.", None),
    ]


def test_a_hard_text_fails_and_a_plain_one_passes():
    hard = (
        "Notwithstanding considerable organisational heterogeneity, multidisciplinary "
        "stakeholders systematically operationalised comprehensive co-production methodologies."
    )
    plain = "Staff and service users met. They planned a walk. Everyone liked it."
    assert grade([hard]) > PROSE_MAX_GRADE
    assert grade([plain]) <= IN_BRIEF_MAX_GRADE
    assert sentences(plain) == ["Staff and service users met.", "They planned a walk.",
                                "Everyone liked it."]  # fmt: skip


def test_unlinked_first_use_is_found_and_a_linked_one_is_not():
    assert unlinked_first_uses("The intervention worked. An {term}`intervention` again.") == [
        "intervention"
    ]
    assert unlinked_first_uses("The {term}`interventions <intervention>` and intervention.") == []
    assert unlinked_first_uses("## Intervention heading\n\nNo terms here.") == []


def test_the_command_line_reports_a_chapter(capsys):
    assert readability.main([str(BOOK / "impact-study.md"), "--show", "1"]) == 0
    out = capsys.readouterr().out
    assert "In brief grade" in out and "prose grade" in out
