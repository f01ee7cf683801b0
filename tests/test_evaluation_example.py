"""The SYNTHETIC example, its generating script, the blank template and the data dictionary."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from coproduce.datapackage import package
from coproduce.evaluation.schema import (
    RESOURCE,
    example_path,
    field_names,
    template_path,
)

ROOT = Path(__file__).resolve().parents[1]


def test_the_script_reproduces_the_committed_example_byte_for_byte(tmp_path):
    target = tmp_path / "again.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_evaluation_example.py"), str(target)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert target.read_bytes() == example_path().read_bytes()


def test_the_template_header_is_exactly_the_schema_fields():
    text = template_path().read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert rows == [field_names()], "the template is one heading row, in the schema's order"


def test_the_data_dictionary_documents_every_column_and_says_synthetic():
    resource = package().get_resource(RESOURCE)
    assert resource.path == "examples/evaluation-synthetic.csv"
    assert "SYNTHETIC" in resource.title and "SYNTHETIC" in resource.description
    assert "make_evaluation_example.py" in resource.sources[0]["title"]
    for field in resource.schema.fields:
        assert field.description, f"{field.name} has no description"
    descriptions = {field.name: field.description for field in resource.schema.fields}
    assert "0 = not at all" in descriptions["confidence"]
    assert "0 to 7 days" in descriptions["social_contacts"]
    assert "non-commercial" in descriptions["swemwbs_1"]
    assert resource.schema.primary_key == ["participant_id", "time_point"]


def test_the_example_validates_with_frictionless():
    report = package().get_resource(RESOURCE).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
