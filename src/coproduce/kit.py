"""The "Run it yourself" kit: one zip with everything a service needs to run the tools offline.

The kit holds the notebooks (without outputs), the blank templates as CSV files and as one
spreadsheet, the data dictionary (``datapackage.json`` and a readable ``data-dictionary.csv``),
the guide's data and Python package, and ``requirements.txt``. It is written on every HTML
build (so the site's link to it always works) as ``_build/html/run-it-yourself.zip``, and can
be made on its own with ``python -m coproduce.kit OUT.zip``.

Entries get a fixed timestamp, so the same sources always make the same zip (and checksum).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

FOLDER = "run-it-yourself"
KIT_NAME = "run-it-yourself.zip"
_FIXED_TIME = (2026, 1, 1, 0, 0, 0)

#: Files and folders copied from the repository, relative to its root.
COPIED = [
    "requirements.txt",
    "constraints.txt",
    "pyproject.toml",
    "LICENSE",
    "LICENSE-CONTENT",
    "notebooks",
    "data",
    "src/coproduce",
]

README = """\
Run it yourself: the co-production guide's tools on your own computer

What is here
- notebooks/        the guide's notebooks; open them in JupyterLab
- templates/        blank templates: one CSV file per tool, and all of them in
                    blank-templates.xlsx (one sheet each) for people who prefer a spreadsheet
- data-dictionary.csv  every column of every file: its type, what it means and the allowed values
- data/             the guide's data and examples (data/datapackage.json is the machine-readable
                    data dictionary)
- requirements.txt  the exact Python packages the notebooks need

How to start (Python 3.11)
1. Open a terminal in this folder.
2. python3 -m venv .venv
3. .venv/bin/pip install -r requirements.txt     (on Windows: .venv\\Scripts\\pip ...)
4. .venv/bin/jupyter lab notebooks/

Each notebook runs on a clearly labelled synthetic example until you give it your own file.
Fill in a blank template, save it as CSV, and follow the notebook's instructions. Your data
stays on your computer. Outputs meant for sharing suppress small numbers.
"""


def _skip(path: Path) -> bool:
    return any(part in {"__pycache__", ".ipynb_checkpoints"} for part in path.parts) or (
        path.suffix in {".pyc", ".pyo"}
    )


def data_dictionary_csv(datapackage: dict[str, Any]) -> str:
    """One row per column of every resource in the data package: a readable data dictionary."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "column", "type", "required", "description", "allowed values"])
    for resource in datapackage.get("resources", []):
        for column in resource.get("schema", {}).get("fields", []):
            constraints = column.get("constraints", {})
            allowed = constraints.get("enum")
            if allowed is None:
                limits = {k: v for k, v in constraints.items() if k in {"minimum", "maximum"}}
                allowed = ", ".join(f"{k} {v}" for k, v in limits.items())
            else:
                allowed = "; ".join(map(str, allowed))
            writer.writerow(
                [
                    resource.get("path", resource.get("name")),
                    column["name"],
                    column.get("type", "string"),
                    "yes" if constraints.get("required") else "no",
                    column.get("description", ""),
                    allowed,
                ]
            )
    return out.getvalue()


def templates_workbook(templates: list[Path]) -> bytes:
    """The blank CSV templates as one spreadsheet: a sheet per template, headers in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for template in templates:
        with template.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        sheet = book.create_sheet(title=template.stem[:31])
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def build_kit(root: Path, target: Path) -> Path:
    """Write the kit for the repository at ``root`` to ``target``; return ``target``."""
    files: dict[str, bytes] = {"README.txt": README.encode("utf-8")}
    for entry in COPIED:
        source = root / entry
        if source.is_file():
            paths = [source]
        else:
            paths = sorted(p for p in source.rglob("*") if p.is_file())
        for path in paths:
            relative = path.relative_to(root)
            if not _skip(relative):
                files[relative.as_posix()] = path.read_bytes()
    templates = sorted((root / "data" / "templates").glob("*.csv"))
    for template in templates:
        files[f"templates/{template.name}"] = template.read_bytes()
    files["templates/blank-templates.xlsx"] = templates_workbook(templates)
    datapackage = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    files["data-dictionary.csv"] = data_dictionary_csv(datapackage).encode("utf-8")

    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(files):
            _write(archive, name, files[name])
    return target


def write_kit(app: Any, exception: Exception | None) -> None:
    """Sphinx ``build-finished`` hook: put the kit beside the HTML site."""
    if exception is not None or app.builder is None or app.builder.name not in {"html", "dirhtml"}:
        return
    build_kit(Path(app.srcdir), Path(app.outdir) / KIT_NAME)


def setup(app: Any) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.connect("build-finished", write_kit)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    here = Path.cwd()
    out = build_kit(here, Path(sys.argv[1]) if len(sys.argv) > 1 else here / "_build" / KIT_NAME)
    print(f"Run it yourself kit written to {out}")
