"""Sphinx extension for the Easy Read pages and the paper forms.

Contributors write Easy Read pages in MyST and never touch HTML:

``{easyread} picture-name``
    One Easy Read point: a picture on the left, the text (MyST) on the right. The ``:alt:``
    option is required: it is the picture's text alternative. Pictures are OpenMoji SVGs
    vendored in ``coproduce/static/easyread/pictures`` by
    ``scripts/vendor_easyread_pictures.sh``.

``{easyread-page} chapter-docname``
    The top of an Easy Read page: a link back to the full chapter and a link to the page's own
    A4 PDF (made after the build by ``scripts/easyread_pdfs.py``).

``{data-value}`expression```
    A number read from ``data/`` at build time, so the page can never disagree with the data:

    * ``table[column=value,...].column``: the value in the one row that matches;
    * ``count(table)``: how many rows the table has;
    * ``sum(table.column)``: the total of a column;
    * ``in_every(table[...].column)``: a percentage said without a percent sign, for example
      ``7 in every 8`` (``about ...`` when the fraction is not exact).

``{paper-form} fourpi`` or ``{paper-form} environment``
    A printable Easy Read form made from the statement or question bank in ``data/``, with a
    face scale (faces, words and numbers), tick boxes for the roles the tool accepts, and space
    to write. What is typed from it goes into the tool's own template in ``data/templates/``.

Any problem (an unknown picture, a missing ``:alt:``, a data expression that matches no row)
is a warning, so the strict build fails.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from coproduce.datapackage import load_table, package

logger = logging.getLogger(__name__)

#: Class on the top block of every Easy Read page (the print style keys on it).
PAGE_CLASS = "easyread-page"
#: Class on the picture credit each Easy Read page carries (and prints).
CREDIT_CLASS = "easyread-credit"
#: Class on the element that holds each number read from ``data/``.
DATA_CLASS = "coproduce-data"
#: Where the Easy Read pages live, relative to the book's source folder.
EASYREAD_FOLDER = "book/easy-read"


# --- Pictures ----------------------------------------------------------------------------------


def pictures_dir() -> Path:
    """The vendored OpenMoji pictures (``coproduce/static/easyread/pictures``)."""
    return Path(str(resources.files("coproduce") / "static" / "easyread" / "pictures"))


def picture_names() -> list[str]:
    """Names of every vendored picture (file names without ``.svg``)."""
    return sorted(path.stem for path in pictures_dir().glob("*.svg"))


def picture_node(env: Any, name: str, alt: str) -> nodes.image:
    """An image node for picture ``name``; Sphinx copies the file into the site's ``_images``."""
    path = pictures_dir() / f"{name}.svg"
    uri = "/" + Path(os.path.relpath(path, env.srcdir)).as_posix()
    node = nodes.image(uri=uri, alt=alt, classes=["easyread-picture"])
    node["candidates"] = {"*": uri}
    return node


# --- Numbers from data/ ------------------------------------------------------------------------

_LOOKUP = re.compile(r"^(?P<table>\w+)\[(?P<where>[^\]]+)\]\.(?P<column>\w+)$")
_COUNT = re.compile(r"^count\((?P<table>\w+)\)$")
_SUM = re.compile(r"^sum\((?P<table>\w+)\.(?P<column>\w+)\)$")
_IN_EVERY = re.compile(r"^in_every\((?P<inner>.+)\)$")


class DataReferenceError(ValueError):
    """A ``{data-value}`` expression that does not name exactly one value in ``data/``."""


def lookup(expression: str, directory: Path | None = None) -> object:
    """The raw value a ``{data-value}`` expression names (see the module docstring)."""
    expression = expression.strip()
    if match := _IN_EVERY.match(expression):
        return in_every(float(str(lookup(match["inner"], directory))))
    if match := _COUNT.match(expression):
        return len(_table(match["table"], directory))
    if match := _SUM.match(expression):
        table = _table(match["table"], directory)
        return _plain(pd.to_numeric(table[_column(table, match["column"])]).sum())
    if match := _LOOKUP.match(expression):
        table = _table(match["table"], directory)
        keep = pd.Series(True, index=table.index)
        for condition in match["where"].split(","):
            column, _, value = condition.partition("=")
            keep &= table[_column(table, column.strip())].astype(str) == value.strip()
        rows = table[keep]
        if len(rows) != 1:
            raise DataReferenceError(
                f"{expression!r} matches {len(rows)} rows of {match['table']}, not exactly one"
            )
        return _plain(rows.iloc[0][_column(table, match["column"])])
    raise DataReferenceError(
        f"{expression!r} is not a data expression: write table[column=value].column, "
        "count(table), sum(table.column) or in_every(...)"
    )


def _table(name: str, directory: Path | None) -> pd.DataFrame:
    if not package(directory).has_resource(name):
        raise DataReferenceError(f"data/datapackage.json has no table called {name!r}")
    return load_table(name, directory)


def _column(table: pd.DataFrame, column: str) -> str:
    if column not in table.columns:
        raise DataReferenceError(f"no column {column!r}; the table has {list(table.columns)}")
    return column


def _plain(value: object) -> object:
    """A pandas/numpy scalar as a plain Python value (whole floats as int)."""
    if hasattr(value, "item"):
        value = value.item()  # type: ignore[union-attr]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return int(value)  # a column that mixes numbers with dates or years holds text
    return value


def in_every(percent: float, largest: int = 10) -> str:
    """A percentage in words without a percent sign: ``87.5`` is ``"7 in every 8"``.

    Uses an exact "n in every d" (d up to ``largest``) if there is one, otherwise the one with
    the smallest d within 2.5 percentage points, and then says "about". Easy Read guidance
    asks for this instead of percentages.
    """
    share = Fraction(percent).limit_denominator(1000) / 100
    tolerance = Fraction(25, 1000)
    options = [(round(share * every), every) for every in range(2, largest + 1)]
    options = [(n, d) for n, d in options if 0 < n <= d]
    exact = [(n, d) for n, d in options if Fraction(n, d) == share]
    close = [(n, d) for n, d in options if abs(Fraction(n, d) - share) <= tolerance]
    best = (exact or close or [None])[0]
    if best is None:
        raise DataReferenceError(f"{percent} cannot be said as 'n in every d' with d <= {largest}")
    count, every = best
    exact = Fraction(count, every) == share
    return f"{'' if exact else 'about '}{count} in every {every}"


def format_value(value: object) -> str:
    """A value as an Easy Read page shows it: digits, with commas in thousands."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.10g}"
    return str(value)


class DataRole(SphinxRole):
    """``{data-value}`expression```: a number from ``data/``, marked so tests can find it."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """The number as text, or a warning (which fails the strict build)."""
        try:
            text = format_value(lookup(self.text))
        except (DataReferenceError, KeyError, ValueError) as error:
            logger.warning(
                "{data-value}: %s", error, location=self.get_location(), type="coproduce"
            )
            return [nodes.inline(self.text, self.text)], []
        node = data_value(text, text, classes=[DATA_CLASS])
        node["expression"] = self.text
        return [node], []


class data_value(nodes.inline):  # noqa: N801 (docutils names node classes in lower case)
    """A number read from ``data/``; HTML shows it as ``<span data-expression="...">``."""


def visit_data_value(self: Any, node: data_value) -> None:
    """Open the span, keeping the expression so tests can check the number against data/."""
    self.body.append(self.starttag(node, "span", "", **{"data-expression": node["expression"]}))


def depart_data_value(self: Any, node: data_value) -> None:
    """Close the span."""
    self.body.append("</span>")


def _visit_inline(self: Any, node: nodes.Node) -> None:
    self.visit_inline(node)


def _depart_inline(self: Any, node: nodes.Node) -> None:
    self.depart_inline(node)


# --- Picture-and-text rows ---------------------------------------------------------------------


class EasyReadRow(SphinxDirective):
    """One Easy Read point: picture on the left, MyST text on the right."""

    required_arguments = 1
    has_content = True
    option_spec = {"alt": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:  # noqa: D102 (the class docstring says what it makes)
        name = self.arguments[0].strip()
        alt = " ".join(self.options.get("alt", "").split())
        row = nodes.container(classes=["easyread-row"])
        if not alt:
            logger.warning(
                "{easyread} %s: give the picture a text alternative with :alt:",
                name,
                location=self.get_location(),
                type="coproduce",
            )
        if name not in picture_names():
            logger.warning(
                "{easyread}: no picture called %r in %s (add it with "
                "scripts/vendor_easyread_pictures.sh)",
                name,
                pictures_dir(),
                location=self.get_location(),
                type="coproduce",
            )
        else:
            row += picture_node(self.env, name, alt)
        text = nodes.container(classes=["easyread-text"])
        self.state.nested_parse(self.content, self.content_offset, text)
        row += text
        return [row]


class EasyReadPage(SphinxDirective):
    """The top of an Easy Read page: back to the chapter, and print this page."""

    required_arguments = 1
    has_content = False
    option_spec = {"back": directives.unchanged}

    def run(self) -> list[nodes.Node]:  # noqa: D102 (the class docstring says what it makes)
        chapter = self.arguments[0].strip()
        label = self.options.get("back") or "Go back to the full chapter:"
        top = nodes.container(classes=[PAGE_CLASS, "easyread-links"])
        back = nodes.paragraph()
        back += picture_node(self.env, "back", "An arrow pointing back")
        back += nodes.Text(" ")
        xref = addnodes.pending_xref(
            "", refdomain="std", reftype="doc", reftarget=chapter, refexplicit=False
        )
        xref["refdoc"] = self.env.docname
        xref += nodes.inline("", "", classes=["xref", "std", "std-doc"])
        back += nodes.Text(label + " ")
        back += xref
        top += back
        printing = nodes.paragraph()
        printing += picture_node(self.env, "printer", "A printer")
        printing += nodes.Text(" ")
        pdf = Path(self.env.docname).name + ".pdf"
        printing += nodes.reference(
            "", "Print this page (PDF file)", refuri=pdf, classes=["easyread-pdf-link"]
        )
        top += printing
        credit = nodes.paragraph(classes=[CREDIT_CLASS])
        credit += nodes.Text("Pictures: OpenMoji, the open-source emoji project (")
        credit += nodes.reference(
            "", "CC BY-SA 4.0", refuri="https://creativecommons.org/licenses/by-sa/4.0/"
        )
        credit += nodes.Text(").")
        return [top, credit]


# --- Paper forms -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormItem:
    """One numbered thing to rate on a paper form, and where its answer is typed in."""

    number: int
    group: str
    text: str
    entry: str


@dataclass(frozen=True)
class PaperForm:
    """What a paper form asks, made from a bank in ``data/`` and the tool's schema."""

    key: str
    title: str
    bank: str
    resource: str
    template: str
    items: list[FormItem]
    roles: list[str]
    scale: dict[int, str]
    groups: dict[str, tuple[str, str]]
    how_to_type: str


#: Words for the 4Pi self-assessment's 1 to 5 scale. The tool's schema names the two ends
#: (1 strongly disagree, 5 strongly agree); the middle words are the form's own.
FOURPI_SCALE = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Not sure",
    4: "Agree",
    5: "Strongly agree",
}

#: A picture (name, alt text) for each 4Pi standard and each environment area.
GROUP_PICTURES = {
    "Principles": ("handshake", "Two hands shaking"),
    "Purpose": ("target", "A target with an arrow in the middle"),
    "Presence": ("people", "A group of people"),
    "Process": ("clipboard", "A clipboard with a list"),
    "Impact": ("chart-up", "A chart with a line going up"),
    "Accessibility": ("wheelchair", "A wheelchair sign"),
    "Safety": ("shield", "A shield"),
    "Comfort": ("bed", "A bed"),
    "Physical activity spaces": ("running", "A person running"),
}


def _enum(resource: str, field: str, directory: Path | None = None) -> list[str]:
    schema = package(directory).get_resource(resource).schema
    return list(schema.get_field(field).constraints.get("enum", []))


def paper_form(key: str, directory: Path | None = None) -> PaperForm:
    """The form ``fourpi`` or ``environment``, read from the banks and schemas in ``data/``."""
    if key == "fourpi":
        standards = load_table("fourpi_standards", directory).sort_values("order")
        statements = load_table("fourpi_statements", directory)
        order = {name: i for i, name in enumerate(standards["standard"])}
        statements = statements.assign(_o=statements["standard"].map(order)).sort_values(
            ["_o"], kind="stable"
        )
        items = [
            FormItem(n, row.standard, row.statement, row.statement_id)
            for n, row in enumerate(statements.itertuples(), start=1)
        ]
        return PaperForm(
            key="fourpi",
            title="How well are we involving people?",
            bank="fourpi_statements",
            resource="fourpi_responses_example",
            template="templates/4pi-responses-template.csv",
            items=items,
            roles=_enum("fourpi_responses_example", "role", directory),
            scale=FOURPI_SCALE,
            groups={g: GROUP_PICTURES[g] for g in standards["standard"]},
            how_to_type=(
                "Type each form as one row of data/templates/4pi-responses-template.csv. "
                "Put the person's code in respondent and the box they ticked in role. "
                "Each answer goes in the column named under its number. "
                "Leave a column empty if they did not answer."
            ),
        )
    if key == "environment":
        from coproduce.environment import RATING_WORDS

        questions = load_table("environment_questions", directory)
        items = [
            FormItem(n, row.area, row.question, f"row {n}")
            for n, row in enumerate(questions.itertuples(), start=1)
        ]
        return PaperForm(
            key="environment",
            title="What is it like where you live?",
            bank="environment_questions",
            resource="environment_assessment_example",
            template="templates/environment_assessment_form.csv",
            items=items,
            roles=_enum("environment_assessment_example", "assessor_role", directory),
            scale={n: word.capitalize() for n, word in RATING_WORDS.items()},
            groups={g: GROUP_PICTURES[g] for g in dict.fromkeys(questions["area"])},
            how_to_type=(
                "Type each form into a copy of "
                "data/templates/environment_assessment_form.csv. "
                "Each question is one row, in the same order as on the form. "
                "Put the number they ticked in rating and what they wrote in comment. "
                "Put the box they ticked for who they are in assessor_role on every row."
            ),
        )
    raise KeyError(f"no paper form called {key!r}: use 'fourpi' or 'environment'")


def _para(text: str, classes: list[str] | None = None) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=classes or [])


def _tickbox() -> nodes.inline:
    return nodes.inline("", "", classes=["paper-tickbox"])


class PaperFormDirective(SphinxDirective):
    """``{paper-form} fourpi``: the printable Easy Read form made from ``data/``."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:  # noqa: D102 (the class docstring says what it makes)
        try:
            form = paper_form(self.arguments[0].strip())
        except KeyError as error:
            logger.warning("{paper-form}: %s", error, location=self.get_location())
            return []
        env = self.env
        root = nodes.container(classes=["paper-form", f"paper-form-{form.key}"])

        about = nodes.container(classes=["paper-form-about"])
        about += nodes.rubric("", "About you")
        about += _para("Tick one box to say who you are.")
        roles = nodes.container(classes=["paper-form-roles"])
        for role in form.roles:
            choice = nodes.paragraph(classes=["paper-choice"])
            choice += _tickbox()
            choice += nodes.Text(" " + role[0].upper() + role[1:])
            roles += choice
        about += roles
        if form.key == "fourpi":
            about += _para("Your code (not your name): ____________", ["paper-code"])
        root += about

        group = None
        for item in form.items:
            if item.group != group:
                group = item.group
                picture, alt = form.groups[group]
                heading = nodes.container(classes=["paper-form-group"])
                heading += picture_node(env, picture, alt)
                heading += nodes.rubric("", group)
                root += heading
            block = nodes.container(classes=["paper-form-item"])
            block += _para(f"{item.number}. {item.text}", ["paper-question"])
            scale = nodes.container(classes=["paper-scale"])
            for value, word in form.scale.items():
                choice = nodes.container(classes=["paper-scale-choice"])
                choice += picture_node(env, f"face-{value}", f"Face for {word.lower()}")
                label = nodes.paragraph(classes=["paper-scale-label"])
                label += _tickbox()
                label += nodes.Text(f" {value} {word}")
                choice += label
                scale += choice
            block += scale
            if form.key == "environment":
                block += _para("What would make it better? Write or draw here.", ["paper-write"])
                block += nodes.container(classes=["paper-write-space"])
            block += _para(f"For typing in: {item.entry}", ["paper-entry"])
            root += block

        end = nodes.container(classes=["paper-form-item", "paper-form-end"])
        end += picture_node(env, "pencil", "A pencil")
        end += _para("Is there anything else you want to tell us? Write or draw here.")
        end += nodes.container(classes=["paper-write-space", "paper-write-space-large"])
        root += end

        typing = nodes.container(classes=["paper-form-typing"])
        typing += nodes.rubric("", "For the person who types the answers in")
        typing += _para(form.how_to_type)
        root += typing
        return [root]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the role with Sphinx."""
    app.add_node(
        data_value,
        html=(visit_data_value, depart_data_value),
        latex=(_visit_inline, _depart_inline),
        text=(_visit_inline, _depart_inline),
    )
    app.add_role("data-value", DataRole())
    app.add_directive("easyread", EasyReadRow)
    app.add_directive("easyread-page", EasyReadPage)
    app.add_directive("paper-form", PaperFormDirective)
    app.add_css_file("coproduce/easyread/easyread.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
