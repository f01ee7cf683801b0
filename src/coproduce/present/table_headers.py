"""Data tables that a screen reader can read: tie every data cell to its header cells.

pandas writes tables (``DataFrame.to_html`` and the notebook display) with ``<th>`` header
cells but nothing that tells assistive technology which headers belong to which data cell
(WCAG 1.3.1; HTML_CodeSniffer's H43/H63). :func:`accessible_tables` is the one place that fixes
this for the whole site: the site build passes every page's HTML through it, including the
HTML that widgets show. For each table it

* gives each header cell a ``scope`` (``col``/``colgroup`` in header rows, ``row``/``rowgroup``
  for the index down the side), which is enough for a simple table;
* in a table with several header rows or spanning cells (pandas' multi-level headers), where
  ``scope`` alone is ambiguous, also gives each header cell an ``id`` and each data cell a
  ``headers`` attribute naming every header cell above it and beside it.

Tables that already set ``headers`` on their cells are left alone. Tables the guide's own tools
make come from :func:`coproduce.present.tables.html_table`, which writes ``scope`` itself; this
pass is for HTML that other code writes (pandas, notebooks).
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from bs4.formatter import HTMLFormatter


class _KeepAttributeOrder(HTMLFormatter):
    """Write attributes in their original order (BeautifulSoup sorts them by default)."""

    def attributes(self, tag: Tag):  # type: ignore[override]
        """The tag's attributes, unsorted."""
        return list(tag.attrs.items())


_FORMATTER = _KeepAttributeOrder(
    entity_substitution=HTMLFormatter.REGISTRY["minimal"].entity_substitution
)


def _span(cell: Tag, name: str) -> int:
    try:
        return max(1, int(str(cell.get(name, "1"))))
    except ValueError:
        return 1


def _rows(table: Tag) -> list[Tag]:
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _is_header_row(row: Tag) -> bool:
    cells = row.find_all(["td", "th"], recursive=False)
    return (
        row.parent is not None
        and row.parent.name == "thead"
        or (bool(cells) and all(cell.name == "th" for cell in cells))
    )


def label_table(table: Tag, prefix: str) -> None:
    """Add ``scope``, ``id`` and ``headers`` to one table (see the module docstring)."""
    if table.find(["td", "th"], attrs={"headers": True}):
        return
    rows = _rows(table)
    grid: dict[tuple[int, int], Tag] = {}
    places: list[tuple[Tag, int, int, int, int, bool]] = []
    for r, row in enumerate(rows):
        header_row = _is_header_row(row)
        c = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = cell
            places.append((cell, r, c, rowspan, colspan, header_row))
            c += colspan

    column_headers: dict[int, list[Tag]] = {}
    row_headers: dict[int, list[Tag]] = {}
    for number, (cell, r, c, rowspan, colspan, header_row) in enumerate(places):
        if cell.name != "th":
            continue
        if not cell.get("id"):
            cell["id"] = f"{prefix}h{number}"
        if header_row:
            cell["scope"] = "colgroup" if colspan > 1 else "col"
            targets, index = column_headers, range(c, c + colspan)
        else:
            cell["scope"] = "rowgroup" if rowspan > 1 else "row"
            targets, index = row_headers, range(r, r + rowspan)
        for position in index:
            targets.setdefault(position, []).append(cell)

    header_rows = {r for _, r, _, _, _, header_row in places if header_row}
    spans = any(rowspan > 1 or colspan > 1 for _, _, _, rowspan, colspan, _ in places)
    row_header_columns = {
        c for cell, _, c, _, _, header_row in places if cell.name == "th" and not header_row
    }
    if len(header_rows) <= 1 and not spans and len(row_header_columns) <= 1:
        # A simple table: scope alone ties each data cell to its headers; no ids needed.
        for cell, *_ in places:
            if cell.name == "th" and cell.get("id", "").startswith(prefix):
                del cell["id"]
        return
    for cell, r, c, rowspan, colspan, _ in places:
        if cell.name != "td":
            continue
        headers: list[str] = []
        for position in range(c, c + colspan):
            headers += [str(th["id"]) for th in column_headers.get(position, [])]
        for position in range(r, r + rowspan):
            headers += [str(th["id"]) for th in row_headers.get(position, []) if th is not cell]
        unique = list(dict.fromkeys(headers))
        if unique:
            cell["headers"] = " ".join(unique)


def accessible_tables(html: str, prefix: str = "t") -> str:
    """Return ``html`` with every ``<table>`` in it labelled by :func:`label_table`.

    ``prefix`` starts every ``id`` added; use a different one for each fragment of a page.
    """
    if "<table" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for number, table in enumerate(soup.find_all("table"), start=1):
        label_table(table, f"{prefix}{number}")
    return soup.decode(formatter=_FORMATTER)
