"""How easy the guide's prose is to read, measured the same way for every chapter.

The guide is read by people who are tired, busy, or reading in a second language, so the style
guide sets plain-English targets: every *In brief* box at Flesch-Kincaid grade 6 or below with
no sentence longer than 20 words, and each chapter's running prose at grade 8 or below.

This module turns a MyST chapter into the words a reader reads, using the same Markdown parser
as the book (myst-parser's markdown-it), and scores them with the maintained ``textstat``
library. Tables, code, headings and citations are left out: a citation such as
``{cite:p}`nsun-healthy-lives``` is not prose, and a table cell is not a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import textstat
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

#: The plain-English targets in STYLE_GUIDE.md.
IN_BRIEF_MAX_GRADE = 6.0
IN_BRIEF_MAX_SENTENCE_WORDS = 20
PROSE_MAX_GRADE = 8.0

#: Technical words a reader may not know. In each chapter, the first use of one of these must
#: link to the glossary with ``{term}``. Every one is defined in ``book/glossary.md``.
TECHNICAL_TERMS = (
    "intervention",
    "pathway",
    "work stream",
    "escort",
    "ISRCTN",
    "commissioning",
    "co-production",
    "co-design",
    "consultation",
    "feasibility study",
    "focus group",
    "baseline",
    "medium secure",
    "secure care",
    "provider collaborative",
    "mortality gap",
    "medical model",
    "user-led",
    "lived experience",
    "stakeholder",
    "synthetic data",
)

#: Directives whose content is not running prose (tables, code, the bibliography, figures).
_SKIPPED_DIRECTIVES = {
    "list-table",
    "table",
    "csv-table",
    "code-cell",
    "code-block",
    "code",
    "bibliography",
    "figure",
    "image",
    "glossary",
    "math",
    "toctree",
    "tableofcontents",
}
#: Roles that put no words in front of a reader (citations) or whose words are a link's text.
_SILENT_ROLES = {"cite", "cite:p", "cite:t", "cite:ps", "cite:ts", "cite:year", "footcite"}
_ROLE_TEXT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
#: Tokens that open prose: paragraphs (list items and definitions hold paragraphs too).
#: Headings and table cells are labels, not sentences.
_PROSE_OPENERS = {"paragraph_open"}
_DIRECTIVE = re.compile(r"^\{(?P<name>[^}]+)\}\s*(?P<argument>.*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Block:
    """One paragraph or list item as a reader sees it.

    ``box`` is the title of the admonition the block sits in (``"In brief"``), or ``None`` for
    the chapter's running text.
    """

    text: str
    box: str | None


def _parser():
    config = MdParserConfig(
        enable_extensions={"colon_fence", "deflist", "substitution", "attrs_inline"}
    )
    return create_md_parser(config, RendererHTML)


def _role_text(token: Token) -> str:
    name = str(token.meta.get("name", ""))
    if name in _SILENT_ROLES or name.startswith("cite"):
        return ""
    content = token.content
    match = _ROLE_TEXT.match(content)
    if match and match.group("text"):
        return match.group("text")
    if name == "doc":
        return "this page"
    return content.split("/")[-1] if name in {"ref", "numref"} else content


def inline_text(token: Token) -> str:
    """The words of an inline token: roles resolved to their text, citations dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type == "myst_role":
            parts.append(_role_text(child))
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif child.type == "image":
            continue
    text = " ".join("".join(parts).split())
    # A dropped citation leaves "word ." or "( )": tidy what it left behind.
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+([.,;:!?)])", r"\1", text)
    return text.strip()


def _strip_options(content: str) -> str:
    """Directive content without its ``:option: value`` lines."""
    lines = content.splitlines()
    while lines and re.match(r"^:[\w-]+:", lines[0]):
        lines.pop(0)
    return "\n".join(lines)


def _prose_inlines(markdown: str, box: str | None = None) -> list[tuple[Token, str | None]]:
    """Every inline token of prose (paragraphs and list items), in reading order, with its box."""
    found: list[tuple[Token, str | None]] = []
    previous = ""
    for token in _parser().parse(markdown):
        opened_by, previous = previous, token.type
        if token.type in {"fence", "colon_fence"}:
            directive = _DIRECTIVE.match(token.info.strip())
            if not directive:
                continue
            name = directive.group("name").strip()
            if name in _SKIPPED_DIRECTIVES:
                continue
            title = directive.group("argument").strip() or name
            found.extend(_prose_inlines(_strip_options(token.content), title))
        elif token.type == "inline" and opened_by in _PROSE_OPENERS:
            found.append((token, box))
    return found


def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(s|es)?(?![\w-])", re.IGNORECASE)


def unlinked_first_uses(markdown: str, terms: tuple[str, ...] = TECHNICAL_TERMS) -> list[str]:
    """Technical terms whose first use in a chapter's prose is not a ``{term}`` glossary link.

    A ``{term}`` role counts as a link for a term when its text or its target is that term
    (``{term}`co-produced <co-production>``` links *co-production*).
    """
    first: dict[str, bool] = {}
    for token, _box in _prose_inlines(markdown):
        for child in token.children or []:
            if child.type == "myst_role" and child.meta.get("name") == "term":
                match = _ROLE_TEXT.match(child.content)
                texts = [match.group("text"), match.group("target")] if match else [child.content]
                for term in terms:
                    if term not in first and any(_term_pattern(term).search(t) for t in texts):
                        first[term] = True
            elif child.type == "text":
                for term in terms:
                    if term not in first and _term_pattern(term).search(child.content):
                        first[term] = False
    return [term for term, linked in first.items() if not linked]


def blocks(markdown: str, box: str | None = None) -> list[Block]:
    """Every paragraph and list item of a MyST document, in order, as plain text.

    A list item and its paragraph count once. Admonitions are read inside, with their title
    as ``box``; tables, code and other non-prose directives are skipped.
    """
    found: list[Block] = []
    for token, where in _prose_inlines(markdown, box):
        text = inline_text(token)
        if text:
            found.append(Block(text, where))
    return found


def _with_stop(text: str) -> str:
    """A block as a sentence: list items often end without a full stop."""
    return text if re.search(r"[.!?:;][\"')\]]*$", text) else text + "."


def sentences(text: str) -> list[str]:
    """Split plain text into sentences at '.', '!' or '?' followed by a capital or digit."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def word_count(sentence: str) -> int:
    """Words in a sentence, counted as textstat counts them."""
    return int(textstat.lexicon_count(sentence, removepunct=True))


def grade(texts: list[str]) -> float:
    """Flesch-Kincaid grade level of some blocks of text read one after another."""
    joined = " ".join(_with_stop(t) for t in texts if t.strip())
    if not joined:
        return 0.0
    return float(textstat.flesch_kincaid_grade(joined))


@dataclass(frozen=True)
class ChapterReadability:
    """The readability figures the style guide sets targets for, for one chapter."""

    path: Path
    in_brief: list[str]
    prose: list[str]

    @property
    def in_brief_grade(self) -> float:
        """Flesch-Kincaid grade of the *In brief* box."""
        return grade(self.in_brief)

    @property
    def prose_grade(self) -> float:
        """Flesch-Kincaid grade of the running prose."""
        return grade(self.prose)

    def long_in_brief_sentences(self) -> list[str]:
        """Sentences of the *In brief* box longer than the style guide allows."""
        return [
            s
            for item in self.in_brief
            for s in sentences(item)
            if word_count(s) > IN_BRIEF_MAX_SENTENCE_WORDS
        ]


def chapter_readability(path: Path) -> ChapterReadability:
    """Read a chapter and sort its blocks into the *In brief* box and the running prose.

    Running prose is every paragraph and list item outside the boxes that frame a chapter's
    teaching (*In brief*, which has its own target, and nothing else is left out).
    """
    found = blocks(path.read_text(encoding="utf-8"))
    in_brief = [b.text for b in found if b.box == "In brief"]
    prose = [b.text for b in found if b.box != "In brief"]
    return ChapterReadability(path, in_brief, prose)


def main(argv: list[str] | None = None) -> int:
    """Print grades and hard paragraphs of chapters: ``python -m coproduce.readability``."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("chapters", nargs="+", type=Path, help="MyST chapters (book/*.md)")
    parser.add_argument("--show", type=int, default=5, help="how many hard paragraphs to list")
    args = parser.parse_args(argv)
    for path in args.chapters:
        result = chapter_readability(path)
        print(
            f"{path}: In brief grade {result.in_brief_grade:.1f} "
            f"(target {IN_BRIEF_MAX_GRADE:g}), prose grade {result.prose_grade:.1f} "
            f"(target {PROSE_MAX_GRADE:g})"
        )
        for sentence in result.long_in_brief_sentences():
            print(f"  In brief sentence over {IN_BRIEF_MAX_SENTENCE_WORDS} words: {sentence}")
        hardest = sorted(result.prose, key=lambda t: grade([t]) * len(t.split()), reverse=True)
        for text in hardest[: args.show]:
            print(f"  grade {grade([text]):4.1f}: {text[:110]}")
        for term in unlinked_first_uses(path.read_text(encoding="utf-8")):
            print(f"  first use of {term!r} is not a {{term}} link")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
