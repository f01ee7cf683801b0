"""Every source record says exactly what the guide's references say: nothing composed.

``data/sources.csv`` is checked against ``shared/sources/references.md`` (and the table of the
four source documents in ``shared/sources/README.md``), read here, not restated: a title must be
copied word for word (or, where the references give none, be a bracketed description that says
so); authors, publisher, year, DOI and address must all be found in that source's own entry.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from coproduce import load_table
from coproduce.shingles import SOURCE_DOCUMENTS

SOURCES_DIR = Path(os.environ.get("COPRODUCE_SOURCES_DIR", ROOT.parent / "shared" / "sources"))
REFERENCES = SOURCES_DIR / "references.md"
README = SOURCES_DIR / "README.md"
SUPPLIED_TITLE = re.compile(r"^\[.+; (untitled|title not verified)\]$")
QUOTED = re.compile(r'"([^"]+)"')


def reference_entries(text: str) -> list[str]:
    """The entries of references.md: each top-level bullet with its continuation lines and
    sub-bullets, joined into one line."""
    entries: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("- "):
            entries.append([line[2:]])
        elif line.startswith((" ", "\t")) and entries and line.strip():
            entries[-1].append(line.strip().removeprefix("- "))
        elif not line.strip() or line.startswith("#"):
            continue
        else:
            entries.append([line])
    return [" ".join(" ".join(parts).split()) for parts in entries]


def readme_rows(text: str) -> list[str]:
    """Rows of the table of source documents in shared/sources/README.md."""
    return [line for line in text.splitlines() if line.startswith("| ") and ".txt" in line]


def plain_address(url: str) -> str:
    """An address without scheme, 'www.' or a trailing slash, to compare with the references."""
    return re.sub(r"^(https?://)?(www\.)?", "", url).rstrip("/")


@pytest.fixture(scope="module")
def references() -> tuple[list[str], list[str]]:
    missing = [p for p in (REFERENCES, README) if not p.is_file()]
    assert not missing, (
        f"Cannot check data/sources.csv: {', '.join(map(str, missing))} not found. Put the "
        "guide's sources beside the clone (../shared/sources) or set COPRODUCE_SOURCES_DIR."
    )
    return (
        reference_entries(REFERENCES.read_text(encoding="utf-8")),
        readme_rows(README.read_text(encoding="utf-8")),
    )


def entry_for(source, entries: list[str], rows: list[str]) -> tuple[str, list[str]]:
    """The references' entry (and README row) for a source record, and the titles it quotes.

    Found by the record's DOI, source-document file name, ISRCTN number, address or title, in
    that order; the titles quoted come from references.md only (the README quotes tags too).
    """
    keys: list[str] = []
    if isinstance(source.doi, str):
        keys.append(source.doi)
    keys += [name for name, id_ in SOURCE_DOCUMENTS.items() if id_ == source.id]
    keys += re.findall(r"ISRCTN\d+", source.title)
    if isinstance(source.url, str) and "doi.org" not in source.url:
        keys.append(plain_address(source.url))
    if not SUPPLIED_TITLE.match(source.title):
        keys.append(source.title)
    for key in keys:
        found = [e for e in entries if key in e]
        readme = [r for r in rows if key in r]
        if len(found) == 1 or (not found and readme):
            quoted = [q for e in found for q in QUOTED.findall(e)]
            return " ".join(found + readme), quoted
    pytest.fail(f"{source.id}: no single entry in references.md matches it (tried {keys})")


def sources_to_check():
    table = load_table("sources")
    return [row for row in table.itertuples() if row.kind != "this guide"]


@pytest.mark.parametrize("source", sources_to_check(), ids=lambda s: s.id)
def test_source_record_is_copied_from_its_reference(source, references):
    entries, rows = references
    entry, quoted = entry_for(source, entries, rows)
    problems = []

    if SUPPLIED_TITLE.match(source.title):
        if quoted:
            problems.append(f"the references give its title: {quoted}")
    elif source.title not in entry:
        problems.append(f"title {source.title!r} is not, word for word, in its entry")
    elif quoted and source.title not in quoted:
        problems.append(f"title {source.title!r} is not the title its entry quotes: {quoted}")

    if source.publisher not in entry:
        problems.append(f"publisher {source.publisher!r} is not in its entry")
    if source.year is not None and str(source.year) != "<NA>" and str(source.year) not in entry:
        problems.append(f"year {source.year} is not in its entry")

    if isinstance(source.authors, str):
        for author in source.authors.split(";"):
            name = author.strip()
            if name == "others":
                ok = "et al." in entry
            else:
                surname, _, initials = name.partition(",")
                expected = f"{surname} {initials.replace('.', '').strip()}".strip()
                ok = re.search(rf"\b{re.escape(expected)}\b", entry) is not None
            if not ok:
                problems.append(f"author {name!r} is not in its entry as given there")

    dois = re.findall(r"doi:(10\.\S+?)[.,;)]?(?=\s|$)", entry)
    if isinstance(source.doi, str) and source.doi not in dois:
        problems.append(f"DOI {source.doi} is not its entry's DOI {dois}")
    if dois and not isinstance(source.doi, str):
        problems.append(f"its entry gives the DOI {dois[0]}, which the record leaves out")

    if isinstance(source.url, str):
        doi_url = isinstance(source.doi, str) and source.url == f"https://doi.org/{source.doi}"
        in_entry = plain_address(source.url) in entry
        unverified = (
            "address was not verified" in entry
            and plain_address(source.url).split("/")[0] in REFERENCES.read_text(encoding="utf-8")
            and "not verified" in str(source.notes)
        )
        if not (doi_url or in_entry or unverified):
            problems.append(f"address {source.url} is not given in its entry")
    else:
        addresses = re.findall(r"https?://\S+", entry)
        if addresses:
            problems.append(f"its entry gives the address {addresses[0]}, which is left out")
        if "address" not in str(source.notes):
            problems.append("it has no address, and its notes do not say so")

    assert not problems, f"data/sources.csv row {source.id}: " + "; ".join(problems)


def test_the_guide_itself_is_a_source_named_as_the_book_names_itself():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    guide = load_table("sources").query("kind == 'this guide'")
    assert guide["id"].tolist() == ["this-guide"], "exactly one record is the guide itself"
    assert guide["title"].item() == config["title"]
    assert guide["publisher"].item() == config["author"]


def test_supplied_titles_are_recognised():
    assert SUPPLIED_TITLE.match("[Trial registration ISRCTN1; title not verified]")
    assert SUPPLIED_TITLE.match("[Plain-language summary of a study; untitled]")
    assert not SUPPLIED_TITLE.match("An invented title of a paper")
    entries = reference_entries('- One "Title A" (2020).\n  - sub fact\n- Two\n')
    assert entries == ['One "Title A" (2020). sub fact', "Two"]
