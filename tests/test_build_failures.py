"""A broken notebook cell or a broken cross-reference fails the build (and so CI)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_build

IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "_build", ".pytest_cache", ".ruff_cache", "__pycache__"
)


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    target = tmp_path / "book-copy"
    shutil.copytree(ROOT, target, ignore=IGNORE)
    return target


def test_a_failing_notebook_cell_fails_the_build(book_copy: Path):
    path = book_copy / "notebooks" / "impact-phases.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(
        3,
        {
            "cell_type": "code",
            "id": "broken",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": "raise RuntimeError('deliberately broken')",
        },
    )
    path.write_text(json.dumps(nb), encoding="utf-8")
    # Even without -W: a cell that raises must stop the build.
    result = run_build(book_copy, strict=False)
    assert result.returncode != 0
    assert "deliberately broken" in result.output
    assert "impact-phases.ipynb" in result.output


def test_a_broken_cross_reference_fails_the_strict_build(book_copy: Path):
    path = book_copy / "book" / "impact-study.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nSee {ref}`no-such-section`.\n", encoding="utf-8"
    )
    result = run_build(book_copy)
    assert result.returncode != 0
    assert "no-such-section" in result.output
