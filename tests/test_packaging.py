"""``pip install .`` alone gives a working ``coproduce`` command, from any folder."""

from __future__ import annotations

import subprocess
import tomllib

from conftest import ROOT


def test_every_package_folder_is_listed_for_the_wheel():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    source = ROOT / "src"
    folders = {
        ".".join(p.relative_to(source).parts)
        for p in (source / "coproduce").rglob("*")
        if p.is_dir() and "__pycache__" not in p.parts and not p.name.endswith(".egg-info")
    }
    data = {f"coproduce._data.{p.name}" for p in (ROOT / "data").iterdir() if p.is_dir()}
    missing = (folders | {"coproduce"} | data) - listed
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_pip_install_dot_in_a_clean_environment_gives_working_commands(empty_venv, tmp_path):
    pip = subprocess.run(
        [str(empty_venv / "python"), "-m", "pip", "install", "--quiet", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert pip.returncode == 0, pip.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"  # no data/ folder here or above
    elsewhere.mkdir()
    for command in ["dashboard", "evaluate"]:
        args = [str(empty_venv / "coproduce"), command, "--out", f"{command}.html"]
        if command == "evaluate":
            example = ROOT / "data" / "examples" / "evaluation-synthetic.csv"
            args.insert(2, str(example))
        proc = subprocess.run(args, capture_output=True, text=True, cwd=elsewhere)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert (elsewhere / f"{command}.html").stat().st_size > 1000
