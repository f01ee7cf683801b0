"""One description of each kind of file a user brings: schema, example, templates and reading.

Every tool reads one kind of file. Its columns are described once, as a resource in
``data/datapackage.json``: the resource's ``path`` is the SYNTHETIC example file, its schema is
the contract a user's own file must meet, and its ``template`` names the blank CSV template
(heading row only) in ``data/templates/``. The spreadsheet template beside it (same name,
``.xlsx``) is made from the same schema by :func:`write_templates`: headings, a drop-down list
for every column with allowed values, number ranges as data validation and an "About this
form" sheet. The documentation, the example, the templates and the checks on a user's file can
therefore never drift apart.

:meth:`Resource.read` reads a user's file (CSV or ``.xlsx``), or the example when no file is
given, with the one reader, :func:`coproduce.reader.read_table`. This module knows no tool:
rules that span rows or columns are passed in by the tool as ``extra_checks``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from coproduce.datapackage import data_dir, resource_descriptors
from coproduce.reader import ExtraCheck, read_table

#: Spreadsheet templates carry this date, so that making them again gives the same bytes.
_FIXED_TIME = dt.datetime(2024, 1, 1)
_FIRST_DATA_ROW, _LAST_ROW = 2, 1_048_576
_TYPE_WORDS = {
    "integer": "whole number",
    "number": "number",
    "year": "year",
    "date": "date (YYYY-MM-DD)",
    "datetime": "date (YYYY-MM-DD)",
    "boolean": "yes or no",
    "string": "text",
}


@dataclass(frozen=True)
class Resource:
    """One kind of user file, as the data package describes it."""

    name: str
    title: str
    description: str
    schema: dict[str, Any]
    #: The SYNTHETIC example (the resource's ``path``).
    example: Path
    #: The blank CSV template (the resource's ``template``), if it has one.
    template: Path | None

    @property
    def spreadsheet_template(self) -> Path | None:
        """The blank ``.xlsx`` template beside the CSV one."""
        return None if self.template is None else self.template.with_suffix(".xlsx")

    @property
    def fields(self) -> list[dict[str, Any]]:
        """The schema's fields, in the template's order."""
        return list(self.schema["fields"])

    @property
    def field_names(self) -> list[str]:
        """The columns the file needs, in order."""
        return [spec["name"] for spec in self.schema["fields"]]

    def only(self, names: Iterable[str]) -> dict[str, Any]:
        """The schema with just the fields ``names`` (others are then treated as extra columns)."""
        keep = set(names)
        return {**self.schema, "fields": [f for f in self.fields if f["name"] in keep]}

    def read(
        self,
        path: str | Path | None = None,
        *,
        sheet: str | None = None,
        allow_extra_columns: bool = False,
        extra_checks: Iterable[ExtraCheck] = (),
        only_fields: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """Read ``path`` (CSV or ``.xlsx``; ``None``: the SYNTHETIC example) and check it.

        ``only_fields`` checks just those columns of the schema, so that optional columns the
        schema shows as examples are treated like any other extra column. Raises
        :class:`~coproduce.problems.DataValidationError` listing every problem; the file is
        only read.
        """
        schema = self.schema if only_fields is None else self.only(only_fields)
        return read_table(
            self.example if path is None else Path(path),
            schema,
            allow_extra_columns=allow_extra_columns,
            extra_checks=extra_checks,
            sheet=sheet,
        )


@functools.cache
def _resource(name: str, folder: Path) -> Resource:
    found = next((r for r in resource_descriptors(folder) if r.get("name") == name), None)
    if found is None:
        raise KeyError(f"data/datapackage.json has no resource called {name!r}.")
    schema = found.get("schema", {})
    if isinstance(schema, str):
        schema = json.loads((folder / schema).read_text(encoding="utf-8"))
    template = found.get("template")
    return Resource(
        name=name,
        title=found.get("title") or name,
        description=found.get("description") or "",
        schema=schema,
        example=folder / str(found["path"]),
        template=None if template is None else folder / str(template),
    )


def resource(name: str, directory: Path | None = None) -> Resource:
    """The resource ``name`` of ``data/datapackage.json`` (or of ``directory``)."""
    return _resource(name, (directory or data_dir()).resolve())


def user_resources(directory: Path | None = None) -> list[Resource]:
    """Every resource a user fills in: those with a ``template``, in the package's order."""
    folder = (directory or data_dir()).resolve()
    names = [r["name"] for r in resource_descriptors(folder) if r.get("template")]
    return [_resource(name, folder) for name in names]


# --------------------------------------------------------------------------------------------
# Spreadsheet templates


def _allowed_words(spec: dict[str, Any]) -> str:
    constraints = spec.get("constraints", {})
    if "enum" in constraints:
        return "one of: " + ", ".join(str(v) for v in constraints["enum"])
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        return f"from {low} to {high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"at most {high}"
    if "example" in spec:
        return f"written like {spec['example']}"
    return ""


def _validation(spec: dict[str, Any], column: str, lists: Any, list_column: str) -> Any:
    """The data validation for one field, or ``None`` if the schema sets no limit Excel knows."""
    from openpyxl.worksheet.datavalidation import DataValidation

    constraints = spec.get("constraints", {})
    kind = spec.get("type", "string")
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if "enum" in constraints:
        values = [str(v) for v in constraints["enum"]]
        lists[f"{list_column}1"] = spec["name"]
        for row, value in enumerate(values, start=2):
            lists[f"{list_column}{row}"] = value
        formula = f"Lists!${list_column}$2:${list_column}${len(values) + 1}"
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
    elif kind in ("integer", "number", "year") and (low is not None or high is not None):
        kind_word = "whole" if kind in ("integer", "year") else "decimal"
        if low is not None and high is not None:
            rule = DataValidation(
                type=kind_word, operator="between", formula1=str(low), formula2=str(high)
            )
        elif low is not None:
            rule = DataValidation(type=kind_word, operator="greaterThanOrEqual", formula1=str(low))
        else:
            rule = DataValidation(type=kind_word, operator="lessThanOrEqual", formula1=str(high))
        rule.allow_blank = True
    else:
        return None
    rule.showErrorMessage = True
    rule.errorTitle = spec["name"][:32]
    rule.error = f"{spec['name']}: {_allowed_words(spec)}. Leave it empty if there is no value."[
        :255
    ]
    rule.showInputMessage = True
    rule.promptTitle = spec["name"][:32]
    rule.prompt = (spec.get("description") or _allowed_words(spec))[:255]
    rule.add(f"{column}{_FIRST_DATA_ROW}:{column}{_LAST_ROW}")
    return rule


def spreadsheet_template(item: Resource) -> bytes:
    """The ``.xlsx`` template of ``item``: a data sheet, an "About this form" sheet, lists.

    The same schema always gives the same bytes (the workbook's dates are fixed).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    about = book.create_sheet("About this form")
    lists = book.create_sheet("Lists")
    bold = Font(bold=True)
    for number, spec in enumerate(item.fields, start=1):
        column = get_column_letter(number)
        cell = sheet.cell(row=1, column=number, value=spec["name"])
        cell.font = bold
        sheet.column_dimensions[column].width = max(12, min(40, len(spec["name"]) + 4))
        if spec.get("type") in ("date", "datetime"):
            sheet.column_dimensions[column].number_format = "yyyy-mm-dd"
        rule = _validation(spec, column, lists, get_column_letter(number))
        if rule is not None:
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    lists.sheet_state = "hidden"

    about.append([item.title])
    about["A1"].font = Font(bold=True, size=14)
    about.append([item.description])
    about.append(
        [
            "Fill in the sheet 'Data': one row per record, under the headings in row 1. Keep "
            "the headings as they are. Leave a cell empty when there is no value (do not write "
            "N/A or -). Cells with a list or a range only accept values the guide's tools can "
            "read. Save as .xlsx, or as 'CSV UTF-8 (Comma delimited)'."
        ]
    )
    about.append([])
    headings = ["Column", "Type", "Required", "Allowed values", "What it holds"]
    about.append(headings)
    for cell in about[about.max_row]:
        cell.font = bold
    for spec in item.fields:
        constraints = spec.get("constraints", {})
        about.append(
            [
                spec["name"],
                _TYPE_WORDS.get(spec.get("type", "string"), spec.get("type", "string")),
                "yes" if constraints.get("required") else "",
                _allowed_words(spec),
                spec.get("description", ""),
            ]
        )
    for letter, width in zip("ABCDE", (32, 18, 10, 40, 80), strict=True):
        about.column_dimensions[letter].width = width
    for row in about.iter_rows(min_row=1, max_row=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    about.merge_cells("A2:E2")
    about.merge_cells("A3:E3")
    about.row_dimensions[2].height = 90
    about.row_dimensions[3].height = 60

    book.properties.creator = "coproduce"
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same workbook dated :data:`_FIXED_TIME` throughout (so the output is stable).

    openpyxl stamps the time of saving into ``docProps/core.xml`` and into each zip member.
    """
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    modified = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = modified.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def csv_template(item: Resource) -> str:
    """The blank CSV template of ``item``: the heading row only."""
    return ",".join(item.field_names) + "\n"


def write_templates(folder: str | Path | None = None, directory: Path | None = None) -> list[Path]:
    """Write every blank template (CSV and ``.xlsx``) into ``folder``; return the paths.

    ``folder`` defaults to ``data/templates/``; the files are named as in the data package.
    Existing templates are replaced (they are made from the schema, never edited by hand).
    """
    written = []
    for item in user_resources(directory):
        assert item.template is not None
        target = Path(folder) if folder is not None else item.template.parent
        target.mkdir(parents=True, exist_ok=True)
        csv_path = target / item.template.name
        csv_path.write_text(csv_template(item), encoding="utf-8")
        xlsx_path = csv_path.with_suffix(".xlsx")
        xlsx_path.write_bytes(spreadsheet_template(item))
        written += [csv_path, xlsx_path]
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m coproduce.resources [FOLDER]``: write the blank templates."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    for path in write_templates(args[0] if args else None):
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
