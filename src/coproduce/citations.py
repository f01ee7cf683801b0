"""Turn ``data/sources.csv`` into the BibTeX file the book cites from.

``sources.csv`` is the one list of sources; ``book/references.bib`` is generated from it by
``python -m coproduce.citations`` so the bibliography can never drift from the data.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from coproduce.datapackage import data_dir, load_table

_ARTICLE_KINDS = {"journal article", "conference abstract"}


def _braced(text: str) -> str:
    """Protect capitals and special characters in a BibTeX value."""
    escaped = text.replace("&", r"\&").replace("%", r"\%").replace("#", r"\#")
    return "{" + escaped + "}"


def _given(value: object) -> bool:
    """Whether a cell holds a value (a source the references give no address for has none)."""
    return value is not None and not pd.isna(value) and bool(str(value).strip())


def bibtex_entry(source: pd.Series) -> str:
    """One BibTeX entry for a row of ``sources.csv``; organisations stand as corporate authors."""
    authors = source.get("authors")
    if pd.isna(authors) or not str(authors).strip():
        author = "{" + _braced(str(source["publisher"])) + "}"
    else:
        author = "{" + " and ".join(a.strip() for a in str(authors).split(";")) + "}"
    kind = "article" if source["kind"] in _ARTICLE_KINDS else "misc"
    fields = {"author": author, "title": "{" + _braced(str(source["title"])) + "}"}
    if kind == "article":
        fields["journal"] = _braced(str(source["publisher"]))
    else:
        fields["publisher"] = _braced(str(source["publisher"]))
    fields["year"] = "{n.d.}" if pd.isna(source["year"]) else "{" + str(source["year"]) + "}"
    if _given(source.get("url")):
        fields["url"] = "{" + str(source["url"]) + "}"
    if _given(source.get("doi")):
        fields["doi"] = "{" + str(source["doi"]) + "}"
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@{kind}{{{source['id']},\n{body}\n}}\n"


def sources_bibtex(directory: Path | None = None) -> str:
    """The whole bibliography, one entry per source, in the order of ``sources.csv``."""
    sources = load_table("sources", directory)
    header = "% Generated from data/sources.csv by `python -m coproduce.citations`. Do not edit.\n"
    return header + "\n".join(bibtex_entry(row) for _, row in sources.iterrows())


def main() -> int:
    """Write ``book/references.bib`` next to the data folder's checkout."""
    target = data_dir().parent / "book" / "references.bib"
    target.write_text(sources_bibtex(), encoding="utf-8")
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
