"""The data contract: every table validates, loads typed, and bad data is reported clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package

from coproduce import DataValidationError, load_table, table_names, validate_package
from coproduce.datapackage import data_dir

DATA = Path(__file__).resolve().parents[1] / "data"

EXPECTED_NUMBERS = ["1"] + [
    f"{area}.{item}"
    for area, count in [(2, 5), (3, 2), (4, 3), (5, 2), (6, 3), (7, 2), (8, 2), (9, 4)]
    for item in range(1, count + 1)
]
EXPECTED_AREAS = [
    "Medical model usage",
    "A fully holistic approach",
    "Information and access",
    "Integrated support and partnership working",
    "Equal opportunities",
    "Settings and approaches",
    "Training",
    "Research",
    "Influence and involvement",
]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_the_whole_package_validates_with_frictionless():
    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert validate_package() == []


def test_every_csv_in_data_is_described_by_the_package():
    described = {resource.path for resource in Package(str(DATA / "datapackage.json")).resources}
    on_disk = {path.relative_to(DATA).as_posix() for path in DATA.glob("*.csv")}
    on_disk |= {path.relative_to(DATA).as_posix() for path in DATA.glob("examples/*.csv")}
    assert on_disk == described


def test_every_table_says_where_it_comes_from():
    for resource in Package(str(DATA / "datapackage.json")).resources:
        assert resource.sources, f"{resource.name} has no 'sources'"
        assert resource.description, f"{resource.name} has no description"
        fields = {field.name for field in resource.schema.fields}
        if resource.name.endswith("_example"):
            # Synthetic examples: labelled as such, and made by a script in the repository.
            assert "SYNTHETIC" in resource.title + resource.description, resource.name
            assert "scripts/" in resource.sources[0]["title"], resource.name
            assert resource.path.startswith("examples/"), resource.name
        else:
            assert resource.name == "sources" or "source_id" in fields, resource.name


def test_data_dir_finds_the_checkout():
    assert data_dir() == DATA


def test_tables_load_with_the_types_the_schema_declares():
    participants = load_table("impact_participants")
    assert str(participants["participants"].dtype) == "Int64"
    assert str(participants["group"].dtype) == "string"
    figures = load_table("collaborative_figures")
    assert str(figures["value"].dtype) == "Float64"
    sources = load_table("sources")
    assert sources["year"].isna().any(), "blank years must load as missing, not 0"


def test_all_nine_areas_and_24_recommendations_are_present():
    areas = load_table("nsun_areas")
    assert areas["name"].tolist() == EXPECTED_AREAS
    recommendations = load_table("nsun_recommendations")
    assert recommendations["number"].tolist() == EXPECTED_NUMBERS
    assert len(recommendations) == 24
    from_number = recommendations["number"].str.split(".").str[0].astype(int)
    assert (from_number == recommendations["area"].astype(int)).all()


def test_impact_phases_and_counts_match_the_summary():
    counts = load_table("impact_participants")
    by_phase = counts.groupby("phase")["participants"].apply(list).to_dict()
    assert by_phase == {1: [69, 29], 2: [15], 3: [25], 4: [33, 36]}
    assert load_table("impact_phases")["phase"].tolist() == [1, 2, 3, 4]


def test_retention_steps_add_up():
    flow = load_table("impact_retention").sort_values("step")
    assert flow["participants"].tolist() == [33, 26, 23]
    previous = flow["participants"].shift(1)
    lost = (previous - flow["participants"]).iloc[1:]
    assert lost.tolist() == flow["left_before_this_stage"].iloc[1:].tolist()
    recruited = load_table("impact_participants").query("phase == 4 and group == 'Service users'")
    assert recruited["participants"].iloc[0] == flow["participants"].iloc[0]


def test_weight_audit_adds_up_to_83():
    audit = load_table("impact_weight_audit")
    assert audit["service_users"].sum() == 83


def test_collaborative_figures_and_partners():
    figures = load_table("collaborative_figures").set_index("id")["value"]
    assert figures["surg-roadshow-participation-increase"] == 162
    assert figures["coproduction-roadshow-units"] == 9
    assert figures["talent-showcase-ld-autism-share"] == 87.5
    partners = load_table("collaborative_partners")
    # The article names independent providers "such as" some: the list is no count of members.
    assert "partner-organisations" not in figures
    assert (partners.loc[partners["sector"] == "Independent", "role"] != "Member").all()
    lead = partners.loc[partners["role"] == "Lead", "organisation"].tolist()
    assert lead == ["Nottinghamshire Healthcare NHS Foundation Trust"]


def test_every_source_address_is_a_web_address_and_papers_have_a_doi():
    sources = load_table("sources")
    assert sources["url"].dropna().str.startswith("https://").all()
    no_address = sources[sources["url"].isna() & (sources["kind"] != "this guide")]
    assert no_address["notes"].str.contains("address").all(), "say that no address is given"
    papers = sources[sources["kind"].isin(["journal article", "conference abstract"])]
    assert papers["doi"].notna().all()
    assert {"impact-summary", "impact-news", "nsun-healthy-lives", "smi-tools"} <= set(
        sources["id"]
    )


def test_table_names_lists_every_table():
    assert set(table_names()) >= {"sources", "nsun_recommendations", "impact_participants"}


def test_text_in_a_number_column_is_reported_with_row_and_column(data_copy: Path):
    path = data_copy / "impact_participants.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",69,", ",sixty-nine,"), encoding="utf-8"
    )
    with pytest.raises(DataValidationError) as caught:
        load_table("impact_participants", data_copy)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column) == (
        "impact_participants.csv",
        2,
        "participants",
    )
    assert "row 2" in str(caught.value) and "participants" in str(caught.value)
    assert "sixty-nine" in str(caught.value)


def test_a_broken_foreign_key_fails_validation(data_copy: Path):
    path = data_copy / "nsun_recommendations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("9.4,9,", "9.4,10,"), encoding="utf-8")
    problems = validate_package(data_copy)
    kinds = {p.kind for p in problems}
    assert kinds & {"foreign-key", "constraint-error"}, problems
    assert any(p.file.endswith("nsun_recommendations.csv") for p in problems)


def test_a_duplicate_primary_key_fails_validation(data_copy: Path):
    path = data_copy / "impact_phases.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.splitlines()[1] + "\n", encoding="utf-8")
    problems = validate_package(data_copy)
    assert any(p.kind in {"primary-key", "unique-error"} for p in problems), problems


def test_loading_never_changes_the_file(data_copy: Path):
    path = data_copy / "impact_participants.csv"
    before = path.read_bytes()
    frame = load_table("impact_participants", data_copy)
    assert isinstance(frame, pd.DataFrame)
    assert path.read_bytes() == before


def test_data_is_found_from_the_notebooks_folder_of_a_plain_install(monkeypatch, tmp_path):
    # Binder runs "pip install ." after requirements.txt, so the package may live in
    # site-packages; notebooks run from notebooks/, so data/ is found one folder up.
    import coproduce.datapackage as module

    fake_install = tmp_path / "site-packages" / "coproduce" / "datapackage.py"
    monkeypatch.setattr(module, "__file__", str(fake_install))
    monkeypatch.chdir(DATA.parent / "notebooks")
    assert module.data_dir() == DATA


def test_a_missing_data_folder_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("COPRODUCE_DATA_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="COPRODUCE_DATA_DIR"):
        data_dir()
