"""Word 8-grams ("shingles") of the source documents, to catch sentences copied into the guide.

The guide must restate its four source documents in its own words. A run of eight words in the
same order as a source is very unlikely to happen by chance, so the tests split each source into
overlapping 8-word phrases and look for any of them in the built pages and in the data tables.

Contributors may not have the source documents, so only SHA-1 hashes of the phrases are kept in
the repository (``tests/data/source_shingles.json``, written by ``scripts/source_shingles.py``):
the tests can find a copied phrase without the repository holding the sources' text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

#: Words per phrase.
SHINGLE_WORDS = 8

#: The four source documents, with the id each is cited by in ``data/sources.csv``.
SOURCE_DOCUMENTS: dict[str, str] = {
    "impact-study-summary.txt": "impact-summary",
    "impact-collaborative-coproduction-news.txt": "impact-news",
    "nsun-healthy-lives-project.txt": "nsun-healthy-lives",
    "involving-people-smi-physical-health-tools.txt": "smi-tools",
}

#: How text is turned into words; stored in the hash file so a change of rule is noticed.
NORMALISATION = (
    "Unicode NFKC; lower case; apostrophes removed; every other character that is not a "
    "letter or digit becomes a space; split on spaces"
)

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def words(text: str) -> list[str]:
    """Split text into lower-case words with punctuation stripped.

    Apostrophes are dropped (``people's`` becomes ``peoples``) so straight and curly quotes
    match; hyphens and other punctuation separate words (``co-production`` is two words).
    Accented letters are folded to their plain form so ``café`` matches ``cafe``.
    """
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", folded)).split()


def phrases(text: str, size: int = SHINGLE_WORDS) -> Iterator[str]:
    """Every run of ``size`` consecutive words in ``text``, as one space-separated string."""
    tokens = words(text)
    for start in range(len(tokens) - size + 1):
        yield " ".join(tokens[start : start + size])


def phrase_hash(phrase: str) -> str:
    """SHA-1 hex digest of a normalised phrase (as produced by :func:`phrases`)."""
    return hashlib.sha1(phrase.encode("utf-8")).hexdigest()


def hashes(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Hashes of every ``size``-word phrase of ``text``."""
    return {phrase_hash(p) for p in phrases(text, size)}


def source_hash_payload(sources_dir: Path) -> dict:
    """Everything ``tests/data/source_shingles.json`` holds, computed from the source folder.

    Raises :class:`FileNotFoundError` naming any source document that is missing, because a
    hash file built from fewer documents would silently check less.
    """
    missing = [name for name in SOURCE_DOCUMENTS if not (sources_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Source documents missing from {sources_dir}: {', '.join(missing)}"
        )
    documents = {}
    for name, source_id in SOURCE_DOCUMENTS.items():
        text = (sources_dir / name).read_text(encoding="utf-8")
        documents[name] = {"source_id": source_id, "sha1": sorted(hashes(text))}
    return {
        "description": (
            "SHA-1 hashes of every word 8-gram of the guide's four source documents (no source "
            "text). Written by scripts/source_shingles.py; used by tests/test_content_coverage.py."
        ),
        "words_per_phrase": SHINGLE_WORDS,
        "normalisation": NORMALISATION,
        "documents": documents,
    }


def copied_phrases(
    text: str, source_hashes: dict[str, set[str]], allowed: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """Phrases of ``text`` that also occur in a source, as ``(phrase, source document)`` pairs.

    ``source_hashes`` maps each document name to the hashes of its phrases. A phrase whose
    hash is in ``allowed`` (for example a phrase of an official report title) is not reported.
    Each phrase is reported once, in the order it appears in ``text``.
    """
    allowed = set(allowed)
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for phrase in phrases(text):
        digest = phrase_hash(phrase)
        if digest in allowed or phrase in seen:
            continue
        for document, digests in source_hashes.items():
            if digest in digests:
                found.append((phrase, document))
                seen.add(phrase)
                break
    return found
