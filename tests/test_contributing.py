"""The contributor experience: the documents exist, and the pre-commit checks pass offline."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml
from conftest import ROOT, tool


def test_contributor_documents_exist_and_point_at_real_commands():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for command in [
        "bash scripts/test.sh",
        "bash scripts/build.sh",
        "pre-commit install",
        "scripts/lock.sh",
    ]:
        assert command in contributing, command
    for script in [
        "scripts/test.sh",
        "scripts/build.sh",
        "scripts/lock.sh",
        "scripts/handout.sh",
        "scripts/offline_bundle.sh",
    ]:
        assert (ROOT / script).is_file(), script
    for name in ["CODE_OF_CONDUCT.md", "STYLE_GUIDE.md", ".github/PULL_REQUEST_TEMPLATE.md"]:
        assert (ROOT / name).is_file(), name
    style = (ROOT / "STYLE_GUIDE.md").read_text(encoding="utf-8")
    for topic in ["Plain English", "Person-first", "cite", "alt text"]:
        assert topic.lower() in style.lower(), topic


def test_licences_cover_code_and_content():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert content.startswith("Creative Commons Attribution 4.0 International")
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["title"]


def test_pull_request_template_has_a_checklist():
    template = (ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5


def test_issue_templates_for_chapters_proposals_and_bugs():
    folder = ROOT / ".github" / "ISSUE_TEMPLATE"
    names = {
        yaml.safe_load(p.read_text())["name"]
        for p in folder.glob("*.yml")
        if p.name != "config.yml"
    }
    assert names == {"Fix a chapter", "Propose a chapter", "Report a bug"}


def test_pre_commit_hooks_are_local_and_use_the_pinned_tools():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert {"nbstripout", "ruff", "codespell"} <= set(hooks)
    pinned = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    for hook in hooks.values():
        assert hook["language"] == "system"
        executable = hook["entry"].split()[0]
        assert executable.startswith(".venv/bin/"), executable
        assert f"{Path(executable).name}==" in pinned, f"{executable} is not pinned"


def test_spelling(tmp_path):
    proc = subprocess.run(
        [tool("codespell")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_notebooks_are_stripped_as_the_hook_would_leave_them():
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    proc = subprocess.run(
        [tool("nbstripout"), "--keep-id", "--verify", *notebooks],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_is_clean():
    proc = subprocess.run(
        [tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_package_json_pins_axe_core_exactly():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["axe-core"]
    assert version[0].isdigit(), "pin an exact version"
    assert (ROOT / "package-lock.json").is_file()


def test_the_fast_lane_and_every_tier_are_documented_and_their_fixtures_exist():
    from conftest import TIER_FIXTURES

    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "pytest -m unit" in contributing
    defined = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("*.py"))
    for tier, fixtures in TIER_FIXTURES.items():
        assert f"| `{tier}`" in contributing, tier
        for name in fixtures:
            # A renamed fixture would silently move its tests into the unit tier.
            assert f"def {name}(" in defined, name
            assert f"`{name}`" in contributing, name
