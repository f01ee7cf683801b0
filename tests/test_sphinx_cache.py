"""Notebooks run again when the code or data behind them changes, not after a prose edit."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

import coproduce.sphinx_cache as guard


@pytest.fixture
def project(tmp_path, monkeypatch):
    package = tmp_path / "src" / "coproduce"
    package.mkdir(parents=True)
    (package / "scoring.py").write_text("RULE = 1\n")
    data = tmp_path / "data"
    data.mkdir()
    (data / "table.csv").write_text("a\n1\n")
    outdir = tmp_path / "_build" / "html"
    app = SimpleNamespace(
        config=SimpleNamespace(nb_execution_mode="cache", nb_execution_cache_path=""),
        outdir=str(outdir),
    )
    monkeypatch.setattr(guard, "data_dir", lambda: data)
    monkeypatch.setattr(guard, "__file__", str(package / "sphinx_cache.py"))
    return SimpleNamespace(
        app=app, package=package, data=data, cache=tmp_path / "_build" / ".jupyter_cache"
    )


def fill_cache(cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "global.db").write_text("cached outputs")


def test_unchanged_inputs_keep_the_cache(project):
    guard.refresh_cache(project.app)
    fill_cache(project.cache)
    guard.refresh_cache(project.app)
    assert (project.cache / "global.db").exists()


def test_a_changed_scoring_rule_empties_the_cache(project):
    guard.refresh_cache(project.app)
    fill_cache(project.cache)
    (project.package / "scoring.py").write_text("RULE = 2\n")
    guard.refresh_cache(project.app)
    assert not (project.cache / "global.db").exists()


def test_a_changed_data_file_empties_the_cache(project):
    guard.refresh_cache(project.app)
    fill_cache(project.cache)
    (project.data / "table.csv").write_text("a\n2\n")
    guard.refresh_cache(project.app)
    assert not (project.cache / "global.db").exists()


def test_other_execution_modes_are_left_alone(project):
    fill_cache(project.cache)
    project.app.config.nb_execution_mode = "off"
    guard.refresh_cache(project.app)
    assert (project.cache / "global.db").exists()
    shutil.rmtree(project.cache)


def fake_env(root: Path) -> SimpleNamespace:
    docs = {
        "book/chapter": root / "book/chapter.md",
        "notebooks/tool": root / "notebooks/tool.ipynb",
    }
    return SimpleNamespace(found_docs=set(docs), doc2path=docs.__getitem__)


def test_after_the_cache_is_emptied_every_notebook_is_read_again(project, tmp_path):
    """Otherwise Sphinx keeps the pages it read before and the notebooks never run again."""
    guard.refresh_cache(project.app)
    fill_cache(project.cache)
    env = fake_env(tmp_path)
    assert guard.reread_notebooks(project.app, env, set(), set(), set()) == []
    (project.package / "scoring.py").write_text("RULE = 3\n")
    guard.refresh_cache(project.app)
    assert guard.reread_notebooks(project.app, env, set(), set(), set()) == ["notebooks/tool"]
