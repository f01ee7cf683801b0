"""Publishing: launch, edit and issue buttons from the one repository URL; Binder detection."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT, toc_docnames, tool

from coproduce.edition import read_edition

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPO_URL = CONFIG["repository"]["url"]
BRANCH = CONFIG["repository"]["branch"]
NOTEBOOKS = [name for name in toc_docnames() if (ROOT / f"{name}.ipynb").exists()]


def test_the_repository_url_is_given_once():
    text = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert text.count("github.com/") == 1


def test_binder_button_opens_each_notebook_in_jupyterlab(site):
    owner_repo = REPO_URL.removeprefix("https://github.com/")
    for name in NOTEBOOKS:
        html = (site / f"{name}.html").read_text(encoding="utf-8")
        expected = f"https://mybinder.org/v2/gh/{owner_repo}/{BRANCH}?urlpath=lab/tree/{name}.ipynb"
        assert f'href="{expected}"' in html, name


def test_each_notebook_page_offers_the_ipynb_download(site):
    for name in NOTEBOOKS:
        html = (site / f"{name}.html").read_text(encoding="utf-8")
        match = re.search(r'href="([^"]*_sources/[^"]*\.ipynb)"', html)
        assert match, name
        assert (site / f"{name}.html").parent.joinpath(match.group(1)).resolve().is_file()


def test_edit_and_issue_buttons_point_at_the_repository(site):
    html = (site / "book/impact-study.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/{BRANCH}/book/impact-study.md"' in html
    assert f"{REPO_URL}/issues/new" in html


def test_citation_file_names_the_same_repository():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["repository-code"] == REPO_URL
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}


def test_repo2docker_detects_python_and_requirements_without_docker():
    proc = subprocess.run(
        [tool("jupyter-repo2docker"), "--no-build", "--no-run", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    assert "python=3.11" in output
    assert 'pip install --no-cache-dir -r "requirements.txt"' in output
    # The whole repository is copied before requirements.txt is installed (it has "-e .").
    assert output.index("COPY --chown=0:0 src/ ${REPO_DIR}/") < output.index(
        '-r "requirements.txt"'
    )


def test_workflows_cover_pull_requests_pages_and_link_checks():
    workflows = ROOT / ".github" / "workflows"
    pr = yaml.safe_load((workflows / "pull-request.yml").read_text())
    deploy = yaml.safe_load((workflows / "deploy.yml").read_text())
    links = yaml.safe_load((workflows / "linkcheck.yml").read_text())
    assert "pull_request" in pr[True]
    assert any(
        "scripts/test.sh" in step.get("run", "") for step in pr["jobs"]["build-and-test"]["steps"]
    )
    assert any(
        step.get("uses", "").startswith("actions/upload-artifact")
        for step in pr["jobs"]["build-and-test"]["steps"]
    )
    assert deploy[True]["push"]["branches"] == ["main"]
    publish = [
        s
        for s in deploy["jobs"]["build"]["steps"]
        if s.get("uses", "").startswith("JamesIves/github-pages-deploy-action@")
    ]
    assert len(publish) == 1 and publish[0]["with"]["branch"] == "gh-pages"
    assert publish[0]["with"]["clean-exclude"] == "pr-preview/", "publishing keeps the previews"
    assert "schedule" in links[True] and "pull_request" not in links[True]
    for workflow in (pr, deploy, links):
        steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
        caches = [step for step in steps if step.get("uses", "").startswith("actions/cache")]
        assert caches, "the jupyter-cache is kept between runs"
        for step in caches:
            assert step["with"]["path"] == "_build/.jupyter_cache"
            assert "hashFiles('requirements.txt', 'constraints.txt')" in step["with"]["key"]


def test_binder_runtime_matches_the_supported_python():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert Path(ROOT / "requirements.txt").read_text().count("-e .") == 1


def test_a_pushed_tag_publishes_an_edition_with_pdfs_bundle_and_checksums():
    release = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    assert release[True]["push"]["tags"] == ["v*"]
    assert release["permissions"]["contents"] == "write"
    steps = release["jobs"]["release"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    for script in ("scripts/build.sh", "scripts/release_assets.py"):
        assert script in runs, script
    assert "CITATION.cff" in runs, "the tag is checked against the cited edition"
    publish = [s for s in steps if s.get("uses", "").startswith("softprops/action-gh-release@")]
    assert len(publish) == 1
    files = publish[0]["with"]["files"]
    assert "*.pdf" in files and "*.zip" in files and "SHA256SUMS" in files
    assert publish[0]["with"]["fail_on_unmatched_files"] is True
    assert publish[0]["with"]["body_path"] == "release-notes.md"


def _fake_build(build: Path) -> None:
    """A built tree shaped like scripts/build.sh, handout.sh and offline_bundle.sh leave it."""
    site = build / "html"
    for path in (
        build / "guide-handout.pdf",
        build / "guide-offline.zip",
        site / "run-it-yourself.zip",
        site / "packs" / "impact-study-session-plan.pdf",
        site / "packs" / "impact-study-handout.pdf",
        site / "book" / "easy-read" / "impact-study.pdf",
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(path.name.encode())


def test_release_gathers_every_pdf_and_bundle_with_checksums_that_verify(tmp_path):
    build = tmp_path / "_build"
    _fake_build(build)
    version = read_edition(ROOT / "CITATION.cff").version
    out, notes = tmp_path / "release", tmp_path / "release-notes.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/release_assets.py"),
            version,
            "--build",
            str(build),
            "--out",
            str(out),
            "--notes",
            str(notes),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    names = sorted(path.name for path in out.iterdir())
    assert "SHA256SUMS" in names
    released = [name for name in names if name != "SHA256SUMS"]
    # Every file carries the edition, and each built PDF and zip is there exactly once.
    assert all(f"-{version}." in name for name in released), released
    assert len(released) == 6
    assert any(name.startswith("teaching-pack-impact-study-handout") for name in released)
    assert any(name.startswith("easy-read-impact-study") for name in released)
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == len(released)
    # The release notes are the cited edition's CHANGELOG entry.
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert notes.read_text(encoding="utf-8").strip() in changelog
    assert notes.read_text(encoding="utf-8").strip()


def test_release_stops_and_names_a_file_not_built(tmp_path):
    build = tmp_path / "_build"
    _fake_build(build)
    (build / "guide-offline.zip").unlink()
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/release_assets.py"),
            "2026.1",
            "--build",
            str(build),
            "--out",
            str(tmp_path / "release"),
            "--notes",
            str(tmp_path / "notes.md"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "guide-offline.zip" in done.stderr
    assert not (tmp_path / "release" / "SHA256SUMS").exists()


def test_each_pull_request_gets_a_preview_link_and_keeps_the_artefact():
    pr = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    assert {"opened", "synchronize", "closed"} <= set(pr[True]["pull_request"]["types"])
    preview = pr["jobs"]["preview"]
    assert preview["needs"] == "build-and-test"
    assert preview["permissions"] == {"contents": "write", "pull-requests": "write"}
    action = [s for s in preview["steps"] if s.get("uses", "").startswith("rossjrw/pr-preview")]
    assert len(action) == 1
    assert action[0]["with"]["source-dir"] == "_build/html"
    assert action[0]["with"]["preview-branch"] == "gh-pages"
    uploads = [
        s
        for s in pr["jobs"]["build-and-test"]["steps"]
        if s.get("uses", "").startswith("actions/upload-artifact")
    ]
    assert uploads and uploads[0]["with"]["path"] == "_build/html"


def test_content_changes_ask_for_lived_experience_review():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "lived experience" in template.lower()
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split() for line in owners.splitlines() if line and not line.startswith("#")]
    book = [rule for rule in rules if rule[0] in {"/book/", "book/", "/book/**"}]
    assert book and all(owner.startswith("@") and "/" in owner for owner in book[0][1:]), (
        "a reviewers' team (@org/team) owns book/"
    )
