"""Sphinx extension: re-run the notebooks when the code or data they depend on changes.

jupyter-cache decides whether to re-execute a notebook from the notebook's own code cells only.
The guide's notebooks are thin: their results come from ``coproduce`` and ``data/``. Without
this guard, a change to a scoring rule or a CSV would leave every page showing old outputs
until someone cleared ``_build/.jupyter_cache`` by hand.

At the start of each build this extension fingerprints the package's source files and the data
folder; when the fingerprint differs from the one stored beside the cache, the cache is
emptied so every notebook runs again. Prose edits leave the fingerprint alone, so they never
cost a notebook run.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from coproduce.datapackage import data_dir

logger = logging.getLogger(__name__)

FINGERPRINT_FILE = "coproduce-inputs.sha256"


def inputs_fingerprint(package_dir: Path, data_folder: Path) -> str:
    """SHA-256 over the package's Python files and every file in the data folder."""
    digest = hashlib.sha256()
    files = sorted(package_dir.rglob("*.py")) + sorted(
        p for p in data_folder.rglob("*") if p.is_file()
    )
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_folder(app: Sphinx) -> Path:
    """Where myst-nb keeps its jupyter-cache for this build."""
    configured = app.config.nb_execution_cache_path
    return Path(configured) if configured else Path(app.outdir).parent / ".jupyter_cache"


def refresh_cache(app: Sphinx) -> None:
    """Empty the jupyter-cache when ``coproduce`` or ``data/`` changed since it was filled."""
    if app.config.nb_execution_mode != "cache":
        return
    folder = cache_folder(app)
    fingerprint = inputs_fingerprint(Path(__file__).resolve().parent, data_dir())
    stamp = folder / FINGERPRINT_FILE  # inside the cache, so it travels with a restored cache
    previous = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
    if previous != fingerprint:
        if folder.exists():
            logger.info("coproduce or data/ changed: notebooks will run again")
            shutil.rmtree(folder)
            app._coproduce_cache_emptied = True  # type: ignore[attr-defined]
        folder.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint + "\n", encoding="utf-8")


def reread_notebooks(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """After the cache was emptied, read every notebook again so that each one runs.

    Without this, Sphinx would reuse the pages it read before, the notebooks would not run,
    and the emptied cache would stay empty until each notebook's own text changed.
    """
    if not getattr(app, "_coproduce_cache_emptied", False):
        return []
    return sorted(
        name
        for name in env.found_docs
        if str(env.doc2path(name)).endswith(".ipynb") and name not in added | removed
    )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.connect("builder-inited", refresh_cache)
    app.connect("env-get-outdated", reread_notebooks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
