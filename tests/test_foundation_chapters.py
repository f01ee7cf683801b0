"""The 'Start here' and reference pages say what the data says, and the glossary is complete.

Covers book/index.md, book/why-physical-health.md, book/coproduction-foundations.md,
book/glossary.md and book/about.md. Page checks read the built site (the ``site`` fixture), so
they test what a reader sees, after MyST, citations and smart quotes have done their work.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from coproduce import load_table

WHY = "book/why-physical-health"
FOUNDATIONS = "book/coproduction-foundations"
GLOSSARY = "book/glossary"

#: Every term the glossary must define (the words a reader could trip on across the guide).
REQUIRED_TERMS = [
    "SMI",
    "serious mental illness",
    "co-production",
    "co-design",
    "consultation",
    "lived experience",
    "service user",
    "carer",
    "medium secure",
    "secure care",
    "provider collaborative",
    "SURG",
    "service user reference group",
    "clinical reference and governance group",
    "commissioning",
    "commissioner",
    "values-based commissioning",
    "4Pi",
    "ladder of co-production",
    "NEF",
    "NSUN",
    "medical model",
    "holistic approach",
    "whole-life approach",
    "BAME",
    "LGB",
    "Mental Health Act 2007",
    "detention",
    "mortality gap",
    "physical health check",
    "HbA1c",
    "lipid profile",
    "BMI",
    "blood pressure",
    "COM-B model",
    "feasibility study",
    "pilot randomised controlled trial",
    "RCT",
    "focus group",
    "baseline",
    "follow-up",
    "recruitment",
    "retention",
    "IPAQ",
    "SWEMWBS",
    "MET-minutes",
    "disclosure control",
    "small-number suppression",
    "synthetic data",
    "Binder",
    "notebook",
    "assertive transition service",
    "learning disability and autism pathway",
    "women's secure pathway",
    "patient-led environmental assessment",
    "talent showcase",
    "roadshow",
    "most engaged unit award",
]


def _plain(text: str) -> str:
    """Straighten the quotes Sphinx curls and squeeze white space, as a reader would compare."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def article_html(site: Path, docname: str) -> str:
    """The main article of a built page (no sidebars or navigation, which repeat titles)."""
    raw = (site / f"{docname}.html").read_text(encoding="utf-8")
    found = re.search(r'<article class="bd-article"[^>]*>(.*?)</article>', raw, flags=re.S)
    assert found, f"{docname}.html has no main article: did the theme change?"
    return found.group(1)


def article_text(site: Path, docname: str) -> str:
    """The words a reader sees in a page's main article."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", article_html(site, docname), flags=re.S)
    return _plain(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def as_written(value: str, unit: str) -> str:
    """How the chapters write a value from health_facts.csv (390000 -> '390,000')."""
    if unit in ("years", "people"):
        return f"{int(value):,}"
    if unit == "date":
        day = date.fromisoformat(value)
        return f"{day.day} {day:%B %Y}"
    if unit == "month":
        return f"{date.fromisoformat(value + '-01'):%B %Y}"
    return value  # a financial year such as 2023/24 is written as stored


def stated(number_text: str, text: str) -> bool:
    """True if the page states this number on its own (so '20' is not found inside '2023')."""
    return re.search(rf"(?<![\d,.]){re.escape(number_text)}(?![\d,]|\.\d)", text) is not None


# ---------------------------------------------------------------------------------------------
# The data itself matches the checked facts (references.md), so the pages test against truth.


def test_health_facts_hold_the_checked_values():
    facts = load_table("health_facts").set_index("id")
    assert facts.loc["smi-gap-low", "value"] == "15"
    assert facts.loc["smi-gap-high", "value"] == "20"
    assert facts.loc["ash-gap-low", "value"] == "10"
    assert facts.loc["ash-gap-high", "value"] == "20"
    assert facts.loc["ash-report-published", "value"] == "2016-04"
    assert facts.loc["ltp-checks-target", "value"] == "390000"
    assert facts.loc["ltp-checks-target-year", "value"] == "2023/24"
    assert facts.loc["equally-well-launch", "value"] == "2018-09-13"


def test_the_six_checks_are_nhs_englands_six():
    checks = load_table("physical_health_checks").sort_values("order")
    assert checks["check"].tolist() == [
        "Alcohol consumption",
        "Blood glucose or HbA1c",
        "Blood pressure",
        "Body mass index",
        "Lipid profile",
        "Smoking status",
    ]
    assert (checks["source_id"] == "nhse-smi-physical-health").all()


def test_nef_and_scie_principles_are_the_published_lists():
    nef = load_table("nef_principles").sort_values("order")["principle"].tolist()
    assert nef == [
        "Assets-based approach",
        "Building on people's existing capabilities",
        "Reciprocity and mutuality",
        "Peer support networks",
        "Blurring distinctions between professionals and recipients",
        "Facilitating rather than delivering",
    ]
    scie = load_table("scie_principles").sort_values("order")["principle"].tolist()
    assert scie == ["Equality", "Diversity", "Accessibility", "Reciprocity"]


def test_as_written_formats_values_the_way_the_chapters_do():
    assert as_written("390000", "people") == "390,000"
    assert as_written("2018-09-13", "date") == "13 September 2018"
    assert as_written("2016-04", "month") == "April 2016"
    assert as_written("2023/24", "financial year") == "2023/24"
    assert stated("20", "15 to 20 years") and not stated("20", "by 2023/24")


# ---------------------------------------------------------------------------------------------
# Why physical health matters


@pytest.mark.parametrize(
    "row", load_table("health_facts").to_dict("records"), ids=lambda r: r["id"]
)
def test_why_chapter_states_each_health_fact(site, row):
    text = article_text(site, WHY)
    expected = as_written(row["value"], row["unit"])
    assert stated(expected, text), (
        f"{WHY}.md should state {row['id']} ({row['fact']}) as '{expected}', "
        "the value in data/health_facts.csv"
    )


def test_why_chapter_gives_both_mortality_gap_ranges(site):
    text = article_text(site, WHY)
    facts = load_table("health_facts").set_index("id")["value"]
    for source in ("smi-gap", "ash-gap"):
        low, high = facts[f"{source}-low"], facts[f"{source}-high"]
        assert f"{low} to {high} years" in text, f"'{low} to {high} years' missing ({source})"


def test_why_chapter_states_the_weight_audit(site):
    text = article_text(site, WHY)
    audit = load_table("impact_weight_audit")
    for row in audit.itertuples():
        assert stated(str(row.service_users), text), f"{row.outcome}: {row.service_users}"
    assert stated(str(audit["service_users"].sum()), text), "the audit total (83) is missing"


def test_why_chapter_names_all_six_checks_in_its_table(site):
    tables = re.findall(r"<table.*?</table>", article_html(site, WHY), flags=re.S)
    checks_table = next((t for t in tables if "Lipid profile" in t), None)
    assert checks_table, "no table of the six checks on the page"
    rows = re.findall(r"<tr.*?</tr>", checks_table, flags=re.S)
    first_cells = [
        _plain(html.unescape(re.sub(r"<[^>]+>", " ", re.findall(r"<t[dh].*?</t[dh]>", r, re.S)[0])))
        for r in rows[1:]
    ]
    expected = load_table("physical_health_checks").sort_values("order")["check"].tolist()
    assert first_cells == expected


# ---------------------------------------------------------------------------------------------
# Co-production foundations


def test_foundations_gives_every_4pi_standard_with_its_question(site):
    text = article_text(site, FOUNDATIONS)
    for row in load_table("fourpi_standards").itertuples():
        assert f"{row.standard} {row.asks}" in text, f"4Pi {row.standard}: '{row.asks}'"


def test_foundations_gives_every_ladder_step_in_order(site):
    text = article_text(site, FOUNDATIONS)
    for row in load_table("coproduction_ladder").itertuples():
        line = f"{row.rung} {row.step} {row.grouping} {row.meaning}"
        assert line in text, f"ladder rung {row.rung} should read '{line}'"


@pytest.mark.parametrize("table", ["nef_principles", "scie_principles"])
def test_foundations_gives_every_principle_and_what_it_means(site, table):
    text = article_text(site, FOUNDATIONS)
    for row in load_table(table).itertuples():
        assert f"{_plain(row.principle)} {_plain(row.in_practice)}" in text, (
            f"{table}: '{row.principle}' missing or its text differs from data/{table}.csv"
        )


def test_foundations_states_when_4pi_and_the_ladder_began(site):
    text = article_text(site, FOUNDATIONS)
    assert "launched in 2013" in text and "2015" in text  # 4Pi and its executive summary
    assert "Arnstein" in text and "1969" in text


def test_foundations_links_to_its_notebook(site):
    assert 'href="../notebooks/4pi-self-assessment.html"' in article_html(site, FOUNDATIONS)


# ---------------------------------------------------------------------------------------------
# Glossary


def glossary_terms(site: Path) -> list[str]:
    """The terms the built glossary defines, in page order."""
    page = (site / f"{GLOSSARY}.html").read_text(encoding="utf-8")
    terms = re.findall(r'<dt id="term-[^"]*">(.*?)<a class="headerlink"', page, flags=re.S)
    return [_plain(html.unescape(re.sub(r"<[^>]+>", "", term))) for term in terms]


def test_every_glossary_term_is_defined_exactly_once(site):
    terms = [term.lower() for term in glossary_terms(site)]
    repeated = sorted({term for term in terms if terms.count(term) > 1})
    assert repeated == [], f"defined more than once: {repeated}"


def test_the_glossary_defines_every_required_term(site):
    defined = {term.lower() for term in glossary_terms(site)}
    missing = [term for term in REQUIRED_TERMS if term.lower() not in defined]
    assert missing == [], f"the glossary does not define: {missing}"


def test_glossary_says_swemwbs_needs_registration(site):
    text = article_text(site, GLOSSARY)
    swemwbs = text[text.index("SWEMWBS") :][:600]
    assert "non-commercial" in swemwbs and "register" in swemwbs


@pytest.mark.parametrize(
    ("docname", "terms"),
    [
        (WHY, ["serious-mental-illness", "mortality-gap", "physical-health-check", "HbA1c"]),
        (FOUNDATIONS, ["co-production", "consultation", "ladder-of-co-production", "4Pi"]),
        ("book/index", ["serious-mental-illness", "co-production"]),
    ],
)
def test_chapters_link_key_words_to_the_glossary(site, docname, terms):
    page = article_html(site, docname)
    prefix = "" if docname.startswith("book/") else "book/"
    for term in terms:
        assert f'href="{prefix}glossary.html#term-{term}"' in page, f"{docname}: {term}"


# ---------------------------------------------------------------------------------------------
# Start here and About


def test_start_page_guides_each_reader_and_lists_the_contents(site):
    text = article_text(site, "book/index")
    for group in ("Trainers", "professionals", "lived experience", "Carers", "Contributors"):
        assert group in text, group
    assert "not clinical advice" in text
    for part in ("In brief", "Questions", "Learning objectives", "Activity", "Key points"):
        assert part in text, part
    assert "Facilitator notes" in text and "offline" in text.lower() and "Print" in text
    page = article_html(site, "book/index")
    for chapter in ("why-physical-health", "coproduction-foundations", "glossary", "about"):
        assert f'href="{chapter}.html' in page, chapter
    assert 'class="toctree-wrapper' in page, "the table of contents is missing"


def test_about_page_cites_the_four_sources_and_gives_the_licences(site):
    page = article_html(site, "book/about")
    sources = load_table("sources").set_index("id")
    for source_id in ("impact-summary", "impact-news", "nsun-healthy-lives", "smi-tools"):
        title = html.escape(sources.loc[source_id, "title"], quote=True)
        assert title in page, f"about.md should cite {source_id}"
    text = article_text(site, "book/about")
    assert "CC BY 4.0" in text and "MIT" in text
    assert "SYNTHETIC" in text and "seed" in text
