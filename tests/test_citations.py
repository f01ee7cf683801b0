"""The bibliography is generated from data/sources.csv and kept in step with it."""

from pathlib import Path

from coproduce.citations import sources_bibtex
from coproduce.datapackage import load_table

BIB = Path(__file__).resolve().parents[1] / "book" / "references.bib"


def test_references_bib_is_up_to_date_with_sources_csv():
    assert BIB.read_text(encoding="utf-8") == sources_bibtex(), (
        "book/references.bib is out of date: run 'python -m coproduce.citations'"
    )


def test_every_source_has_an_entry_with_its_address():
    bib = sources_bibtex()
    for source in load_table("sources").itertuples():
        assert f"{{{source.id}," in bib
        if isinstance(source.url, str):
            assert f"url = {{{source.url}}}" in bib
        if isinstance(source.doi, str):
            assert f"doi = {{{source.doi}}}" in bib


def test_a_source_without_an_address_gets_no_invented_one():
    bib = sources_bibtex()
    for source in load_table("sources").itertuples():
        entry = bib[bib.index(f"{{{source.id},") :].split("\n}\n", 1)[0]
        assert ("url = " in entry) == isinstance(source.url, str), source.id


def test_organisations_are_corporate_authors():
    bib = sources_bibtex()
    assert "author = {{Nottinghamshire Healthcare NHS Foundation Trust}}" in bib
    assert "author = {Roden-Lui, G. and Faulkner, G." in bib
