"""Run a notebook with papermill, as a professional would, and read what it showed."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill


def run_notebook(notebook: Path, output: Path, **parameters) -> nbformat.NotebookNode:
    """Execute ``notebook`` from its own folder with ``parameters``; return the executed copy."""
    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters=parameters,
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    return nbformat.read(output, as_version=4)


def outputs_text(nb: nbformat.NotebookNode) -> str:
    """All text the notebook's outputs hold: streams and every MIME representation."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.extend(str(v) for v in output.get("data", {}).values())
    return "\n".join(parts)
