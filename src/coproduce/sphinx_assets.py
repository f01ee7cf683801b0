"""Sphinx extension: serve the guide's JavaScript and CSS from the site itself.

Readers open the guide on locked-down hospital networks and from USB sticks, so the built site
must not fetch anything from another host. This extension

* copies the scripts vendored in ``coproduce/static/vendor`` (a partial plotly.js bundle with
  only the trace types the guide draws, and the guide's own widget manager built from the
  ipywidgets packages, each with its licence) and the guide's own CSS and chart loader into
  ``_build/html/_static/coproduce/``;
* adds the guide's stylesheet to every page (chart pages get their scripts from
  :mod:`coproduce.plotly_mime`, widget pages from myst-nb's ``nb_ipywidgets_js`` and the widget
  stylesheet from here);
* keeps each page's HTML light: the figures' JSON and the saved widget state move out of the
  page into the page's own data script, ``_static/coproduce/pages/<page>.js``, which the page
  loads with ``<script src>`` (that works from ``file://`` too, where ``fetch()`` does not);
  the text alternatives and data tables stay in the page;
* warns, and so fails the strict build, if ``nb_ipywidgets_js`` points at another host or at a
  file that is not vendored here.

The files are copied after the build rather than placed in a ``_static`` folder, because
Jupyter Book 1 adds every ``.js`` file it finds in ``_static`` to every page.
"""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

from myst_nb.core.render import sanitize_script_content
from sphinx.application import Sphinx
from sphinx.util import logging

from coproduce.plotly_mime import PLOTLY_JS, RENDER_JS, TEMPLATES_JS, templates_script
from coproduce.present.table_headers import accessible_tables

logger = logging.getLogger(__name__)

#: Folder under the site's ``_static`` that holds everything this extension serves.
STATIC_SUBDIR = "coproduce"
#: The widget manager's stylesheet, added to every page that has widgets.
WIDGET_CSS = f"{STATIC_SUBDIR}/vendor/widgets/widget-manager.min.css"
#: Folder under ``_static`` for the pages' data scripts (see :func:`move_page_data`).
PAGE_DATA_SUBDIR = f"{STATIC_SUBDIR}/pages"


def package_static_dir() -> Path:
    """The folder of files this package serves (``src/coproduce/static``)."""
    return Path(str(resources.files("coproduce") / "static"))


def plotly_js_path() -> Path:
    """The guide's partial plotly.js bundle (``scripts/vendor_plotly_js.sh`` makes it)."""
    return package_static_dir() / "vendor" / "plotly" / "plotly.min.js"


def bundled_trace_types() -> list[str]:
    """The plotly trace types the guide's plotly.js bundle can draw."""
    path = plotly_js_path().with_name("TRACES.txt")
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def package_templates_dir() -> Path:
    """Template overrides that fix what the theme gets wrong for accessibility."""
    return Path(str(resources.files("coproduce") / "templates"))


def add_templates(app: Sphinx, config: Any) -> None:
    """Put the guide's template overrides ahead of the theme's; keep one search field.

    The theme shows a "Search Ctrl+K" box in the page header as well as the one in the
    sidebar; the header's copy (``navbar_persistent``) is dropped.
    """
    config.templates_path = [str(package_templates_dir()), *config.templates_path]
    options = dict(config.html_theme_options or {})
    options["navbar_persistent"] = []
    config.html_theme_options = options


def title_generated_pages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give pages Sphinx generates (the index, search) a title for the theme's print heading.

    sphinx-book-theme prints ``<h1>{{ pagetitle }}</h1>``, which is empty on the index page.
    """
    if not context.get("pagetitle"):
        context["pagetitle"] = str(context.get("title") or "").strip() or "Index"


def label_toctree_toggles(html: str) -> str:
    """Give each expand/collapse toggle in the navigation a name a screen reader can say.

    pydata-sphinx-theme draws the toggle as a ``<summary>`` holding only an icon, which axe
    reports as "summary elements must have discernible text" (serious).
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for summary in soup.select("details > summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        item = summary.find_parent("li")
        link = item.find("a", recursive=False) if item else None
        title = link.get_text(" ", strip=True) if link else "this section"
        summary["aria-label"] = f"Show or hide the pages in {title}"
    return str(soup)


def accessible_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Wrap the theme's navigation builder so its toggles get accessible names."""
    original = context.get("generate_toctree_html")
    if original is None or getattr(original, "_coproduce", False):
        return

    def generate(*args: Any, **kwargs: Any) -> str:
        return label_toctree_toggles(str(original(*args, **kwargs)))

    generate._coproduce = True  # type: ignore[attr-defined]
    context["generate_toctree_html"] = generate


def check_widget_js(app: Sphinx, config: Any) -> None:
    """Warn about any widget script that would not come from this site."""
    static = package_static_dir()
    for uri in getattr(config, "nb_ipywidgets_js", {}) or {}:
        if "://" in uri or uri.startswith("//"):
            logger.warning(
                "nb_ipywidgets_js loads %s from another host; point it at the vendored copy "
                "under %s/vendor so the site works offline",
                uri,
                STATIC_SUBDIR,
                type="coproduce",
                subtype="offline",
            )
            continue
        prefix = STATIC_SUBDIR + "/"
        local = static / uri[len(prefix) :] if uri.startswith(prefix) else None
        if local is None or not local.is_file():
            logger.warning(
                "nb_ipywidgets_js names %s, which is not a file in %s (paths are relative "
                "to _static and start with %s)",
                uri,
                static,
                prefix,
                type="coproduce",
                subtype="offline",
            )


def drop_duplicate_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Keep one copy of each script on a page.

    Jupyter Book 1's sphinx-thebe adds its inline ``const THEBE_JS_URL = ...`` script twice;
    the second copy throws "Identifier has already been declared" in the browser console.
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[Any, ...]] = set()
    unique: list[Any] = []
    for script in scripts:
        # Copies differ in priority and in None versus "" for inline scripts.
        attributes = getattr(script, "attributes", {})
        name = getattr(script, "filename", script) or ""  # inline scripts: None or ""
        key = (str(name), tuple(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def drop_thebe(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out sphinx-thebe's script, stylesheet and settings: the guide has no live code cells.

    Jupyter Book 1 always loads sphinx-thebe, whose settings name a script on unpkg.com that it
    would fetch if live code were switched on. The guide runs code on Binder or the reader's own
    Jupyter instead, so every page is lighter and names no outside script.
    """

    def thebe(item: Any) -> bool:
        name = str(getattr(item, "filename", item) or "")
        body = str(getattr(item, "attributes", {}).get("body", ""))
        return "sphinx-thebe" in name or "THEBE_JS_URL" in body

    for key in ("script_files", "css_files"):
        if context.get(key):
            context[key] = [item for item in context[key] if not thebe(item)]
    body = context.get("body")
    if body and _THEBE_CONFIG.search(body):
        context["body"] = _THEBE_CONFIG.sub("", body)


_THEBE_CONFIG = re.compile(r'<script type="text/x-thebe-config">.*?</script>\n?', re.DOTALL)


def fix_bibliography_roles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Make the bibliography a list that assistive technology understands.

    docutils marks the list ``role="list"`` but each entry ``role="doc-biblioentry"``, a role
    deprecated in DPUB-ARIA 1.1; axe reports the list as having no list items (critical).
    """
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"


def _label_widget_tables(state: object, counter: list[int]) -> object:
    """Label the tables inside every HTML string of a widget-state JSON value."""
    if isinstance(state, dict):
        return {key: _label_widget_tables(value, counter) for key, value in state.items()}
    if isinstance(state, list):
        return [_label_widget_tables(value, counter) for value in state]
    if isinstance(state, str) and "<table" in state:
        counter[0] += 1
        return accessible_tables(state, prefix=f"w{counter[0]}t")
    return state


def compact_widget_state(state: dict[str, Any]) -> dict[str, Any]:
    """Drop the empty settings of widget layouts from a page's widget state.

    Every ipywidgets ``LayoutModel`` lists all of its 40-odd CSS settings, almost all ``null``,
    which is also the default the widget library fills in; a page with many widgets carries
    tens of kilobytes of them. Other models are left exactly as they are.
    """
    models = state.get("state")
    if not isinstance(models, dict):
        return state
    for model in models.values():
        if isinstance(model, dict) and model.get("model_name") == "LayoutModel":
            settings = model.get("state") or {}
            model["state"] = {k: v for k, v in settings.items() if v is not None}
    return state


_STYLER_TABLE = re.compile(r'<table id="T_(?P<uid>[0-9a-z_]+)">.*?</table>', re.DOTALL)
_STYLER_CELL_ATTRIBUTES = re.compile(
    r' (?:id="T_[0-9a-z_]+_(?:level|row|col)[0-9a-z_]*"'
    r'|class="(?:data|col_heading|row_heading|index_name|blank)(?: (?:level|row|col)[0-9]+)*")'
)
_EMPTY_STYLE = re.compile(r'<style type="text/css">\s*</style>\n?')


def trim_styler_tables(html: str) -> str:
    """Drop the per-cell ``id`` and ``class`` that pandas' Styler writes but nothing uses.

    A Styler table names every cell (``id="T_f73e7_row0_col0" class="data row0 col0"``) for the
    ``<style>`` block printed before it; when that block is empty and no ``headers`` attribute
    points at the names, they only make the page heavier. Tables that are styled keep them.
    """

    def trim(match: re.Match[str]) -> str:
        table = match.group(0)
        if f"#T_{match.group('uid')}" in html or "headers=" in table:
            return table
        return _STYLER_CELL_ATTRIBUTES.sub("", table)

    if '<table id="T_' not in html:
        return html
    return _STYLER_TABLE.sub(trim, _EMPTY_STYLE.sub("", html))


def label_data_tables(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Tie every table's data cells to their headers, in the page and in its widgets.

    Notebook outputs and widgets show pandas tables whose header cells are not tied to their
    data cells; :func:`coproduce.present.table_headers.accessible_tables` fixes that in one
    place. The widget state is also made smaller (:func:`compact_widget_state`).
    """
    body = context.get("body")
    if body and "<table" in body:
        context["body"] = trim_styler_tables(accessible_tables(body, prefix="t"))
    counter = [0]
    for script in context.get("script_files") or []:
        attributes = getattr(script, "attributes", None)
        if not attributes or attributes.get("type") != WIDGET_STATE_TYPE:
            continue
        text = attributes.get("body") or ""
        state = compact_widget_state(json.loads(text))
        state = _label_widget_tables(state, counter)
        attributes["body"] = sanitize_script_content(json.dumps(state, separators=(",", ":")))


def page_data_path(pagename: str) -> str:
    """The ``_static``-relative path of a page's data script."""
    return f"{PAGE_DATA_SUBDIR}/{pagename}.js"


_SPEC_SCRIPT = re.compile(
    r'<script type="application/json" id="(?P<id>plotly-[^"]+-spec)">(?P<json>.*?)</script>\n?',
    re.DOTALL,
)


def page_data_script(charts: dict[str, str], widget_states: list[str]) -> str:
    """The JavaScript of a page's data script, from JSON texts already safe inside a script.

    ``charts`` maps each chart's spec id to its figure JSON (read by ``plotly-render.js``);
    ``widget_states`` holds the page's saved widget states (read by the widget manager).
    """
    lines = ["/* This page's chart figures and widget state (coproduce.sphinx_assets). */"]
    if charts:
        entries = ",\n".join(f"{json.dumps(key)}: {text}" for key, text in charts.items())
        lines.append(
            "window.COPRODUCE_CHARTS = Object.assign(window.COPRODUCE_CHARTS || {}, {\n"
            + entries
            + "\n});"
        )
    if widget_states:
        lines.append(
            "window.COPRODUCE_WIDGET_STATES = (window.COPRODUCE_WIDGET_STATES || []).concat([\n"
            + ",\n".join(widget_states)
            + "\n]);"
        )
    return "\n".join(lines) + "\n"


def move_page_data(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Move the figures' JSON and the saved widget state out of the page's HTML.

    A notebook page with many charts or widgets carries tens of kilobytes of JSON that the
    reader never sees; in the page's own data script the text of the page arrives first. The
    drawing area, the text alternative and the data table of each chart stay in the page.
    Widget pages also get the widget manager's stylesheet here.
    """
    builder = app.builder
    if builder is None or builder.format != "html":
        return
    body = context.get("body") or ""
    charts = {m.group("id"): m.group("json") for m in _SPEC_SCRIPT.finditer(body)}
    if charts:
        context["body"] = _SPEC_SCRIPT.sub("", body)
    states: list[str] = []
    scripts = context.get("script_files") or []
    for script in list(scripts):
        attributes = getattr(script, "attributes", None)
        if attributes and attributes.get("type") == WIDGET_STATE_TYPE:
            states.append(attributes.get("body") or "{}")
            scripts.remove(script)
    if states:
        app.add_css_file(WIDGET_CSS)
    if not charts and not states:
        return
    target = Path(builder.outdir) / "_static" / page_data_path(pagename)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page_data_script(charts, states), encoding="utf-8")
    app.add_js_file(page_data_path(pagename), priority=199)


def add_chart_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load plotly.js on any page whose body holds a chart, whatever the HTML builder.

    myst-nb adds the scripts per notebook page; the single-page builder behind the handout PDF
    puts every notebook into one page, so the page's body is what tells.
    """
    if "coproduce-plotly-chart" in (context.get("body") or ""):
        app.add_js_file(PLOTLY_JS, priority=200)
        app.add_js_file(TEMPLATES_JS, priority=201)
        app.add_js_file(RENDER_JS, priority=202)


def copy_assets(app: Sphinx, exception: Exception | None) -> None:
    """Copy the vendored plotly.js and widget scripts and the guide's CSS/JS into ``_static``."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    target = Path(app.builder.outdir) / "_static" / STATIC_SUBDIR
    shutil.copytree(package_static_dir(), target, dirs_exist_ok=True)
    (target / Path(TEMPLATES_JS).name).write_text(templates_script(), encoding="utf-8")


#: Elements whose text keeps its spaces and line starts as written (or is code).
_KEEP_AS_WRITTEN = re.compile(
    r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE
)
_LINE_INDENT = re.compile(r"\n\s+")


def trim_indentation(html: str) -> str:
    """Drop blank lines and the spaces that start lines, except in pre, textarea, script, style.

    The theme's templates indent every line and leave runs of blank lines; a browser shows
    any run of spaces and line breaks as one space, so the page looks the same and downloads
    a few kB less.
    """
    parts = _KEEP_AS_WRITTEN.split(html)
    # split() with two groups gives: text, whole element, tag name, text, whole element, ...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_LINE_INDENT.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def trim_pages(app: Sphinx, exception: Exception | None) -> None:
    """Run :func:`trim_indentation` on every page the HTML builder wrote."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    for page in Path(app.builder.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        trimmed = trim_indentation(text)
        if trimmed != text:
            page.write_text(trimmed, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.connect("config-inited", check_widget_js)
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", accessible_navigation, priority=800)
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", fix_bibliography_roles)
    app.connect("html-page-context", label_data_tables)
    app.connect("html-page-context", title_generated_pages, priority=900)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("html-page-context", move_page_data, priority=850)
    app.connect("build-finished", copy_assets)
    app.connect("build-finished", trim_pages)
    app.add_css_file(f"{STATIC_SUBDIR}/coproduce.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
