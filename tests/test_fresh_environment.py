"""Every notebook runs in a fresh virtual environment with only requirements.txt installed.

This is how Binder builds the environment (Binder itself needs Docker, which CI does not have).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="session")
def fresh_python(tmp_path_factory) -> Path:
    venv = tmp_path_factory.mktemp("binder-like") / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return python


def test_requirements_alone_provide_what_the_notebooks_import(fresh_python):
    proc = subprocess.run(
        [
            str(fresh_python),
            "-c",
            "import coproduce, pandas, plotly, ipywidgets, frictionless, papermill, scipy",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_in_the_fresh_environment(fresh_python, notebook, tmp_path):
    proc = subprocess.run(
        [
            str(fresh_python),
            "-m",
            "papermill",
            str(notebook),
            str(tmp_path / notebook.name),
            "--cwd",
            str(notebook.parent),
            "--kernel",
            "python3",
            "--no-progress-bar",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
