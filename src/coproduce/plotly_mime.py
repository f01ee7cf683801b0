"""Draw plotly charts on the built site, from the site's own copy of plotly.js.

Under a Jupyter kernel, plotly 6 and later send a figure only as the MIME type
``application/vnd.plotly.v1+json``. myst-nb does not know that type, warns
``skipping unknown output mime type`` and drops the chart. This plugin, registered through
the ``myst_nb.mime_renderers`` entry point in ``pyproject.toml``, turns that output into a
``<figure>`` holding the figure's JSON, its text alternative as a caption, and a container that
``coproduce/plotly-render.js`` fills with ``Plotly.newPlot``. The page loads
``_static/coproduce/vendor/plotly/plotly.min.js``, a partial bundle of plotly.js with only the
trace types the guide draws (made by ``scripts/vendor_plotly_js.sh``, served by
:mod:`coproduce.sphinx_assets`), so no chart needs a CDN and the browser fetches plotly.js once
for the whole site.

Notebooks keep plotly's default renderer, so JupyterLab and Binder show charts as usual.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from typing import Any, ClassVar

from docutils import nodes

PLOTLY_MIME = "application/vnd.plotly.v1+json"

#: Site-relative paths (under ``_static``) of the scripts a chart page needs.
PLOTLY_JS = "coproduce/vendor/plotly/plotly.min.js"
RENDER_JS = "coproduce/plotly-render.js"
#: Plotly's named templates, written once for the whole site (see :func:`share_template`).
TEMPLATES_JS = "coproduce/plotly-templates.js"

#: Templates the guide's charts use, shared instead of repeated inside every figure.
SHARED_TEMPLATES = ("plotly_white", "plotly")
_SHARED_PREFIX = "coproduce:"


@functools.cache
def shared_templates() -> dict[str, Any]:
    """Plotly's named templates as figure JSON holds them, by name."""
    import plotly.io as pio
    from plotly.utils import PlotlyJSONEncoder

    return {
        name: json.loads(json.dumps(pio.templates[name].to_plotly_json(), cls=PlotlyJSONEncoder))
        for name in SHARED_TEMPLATES
    }


def share_template(spec: dict[str, Any]) -> dict[str, Any]:
    """Replace a figure's copy of a named plotly template with the template's name.

    Every figure carries its whole template (about 6.5 kB for ``plotly_white``); the site
    serves each template once in ``plotly-templates.js`` and ``plotly-render.js`` puts it back
    before drawing, so a page with many charts is much lighter. Other templates stay inline.
    """
    layout = spec.get("layout") or {}
    template = layout.get("template")
    if not isinstance(template, dict):
        return spec
    for name, shared in shared_templates().items():
        if template == shared:
            return {**spec, "layout": {**layout, "template": _SHARED_PREFIX + name}}
    return spec


def templates_script() -> str:
    """The JavaScript that defines the shared templates for ``plotly-render.js``."""
    return (
        "/* Plotly's named templates, shared by every chart (coproduce.plotly_mime). */\n"
        "window.COPRODUCE_PLOTLY_TEMPLATES = "
        + _script_safe_json({_SHARED_PREFIX + k: v for k, v in shared_templates().items()})
        + ";\n"
    )


def figure_alt_text(spec: dict[str, Any]) -> str | None:
    """Return the text alternative stored in ``layout.meta.alt``, if the figure has one.

    :func:`coproduce.present.charts.with_text_alternative` puts it there; plotly keeps
    ``meta`` in the figure JSON, so the description travels with the chart into every output.
    """
    meta = (spec.get("layout") or {}).get("meta")
    if isinstance(meta, dict) and str(meta.get("alt", "")).strip():
        return str(meta["alt"]).strip()
    return None


def figure_title(spec: dict[str, Any]) -> str:
    """Return the chart's title text, or an empty string."""
    title = (spec.get("layout") or {}).get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return str(title or "").strip()


def figure_label(spec: dict[str, Any]) -> str:
    """The chart's title as plain text, for its accessible name.

    Plotly titles may hold plotly's own HTML (``<br>``, ``<sup>``); a screen reader would read
    those tags out, so line breaks become ". " and other tags are dropped.
    """
    title = re.sub(r"<br\s*/?>", ". ", figure_title(spec), flags=re.IGNORECASE)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", "", title)).strip()
    return html.unescape(text)


def _script_safe_json(value: Any) -> str:
    """JSON that cannot close or confuse the ``<script>`` element it sits in."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def figure_html(spec: dict[str, Any], chart_id: str, alt: str) -> str:
    """HTML for one chart: a figure with the drawing area, the JSON spec and the caption."""
    label = html.escape(figure_label(spec) or "Chart", quote=True)
    return (
        f'<figure class="coproduce-plotly" aria-describedby="{chart_id}-alt">\n'
        f'<div id="{chart_id}" class="coproduce-plotly-chart" '
        f'data-spec="{chart_id}-spec" aria-label="{label}"></div>\n'
        f'<script type="application/json" id="{chart_id}-spec">{_script_safe_json(spec)}</script>\n'
        f'<figcaption id="{chart_id}-alt" class="coproduce-plotly-alt">'
        f"<strong>Text description:</strong> {html.escape(alt)}</figcaption>\n"
        "</figure>\n"
    )


class PlotlyMimeRenderer:
    """myst-nb MIME renderer plugin for plotly figure JSON (see the module docstring)."""

    # Prefer the figure JSON over any HTML or PNG fallback in the same output, on HTML builders.
    mime_priority_overrides: ClassVar[list[tuple[str, str, int | None]]] = [
        ("html", PLOTLY_MIME, 1),
        ("dirhtml", PLOTLY_MIME, 1),
        ("singlehtml", PLOTLY_MIME, 1),
        ("readthedocs", PLOTLY_MIME, 1),
    ]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        """Render plotly JSON as a chart container; decline every other MIME type."""
        if inline or data.mime_type != PLOTLY_MIME:
            return None
        spec = data.content
        if isinstance(spec, str | bytes):
            spec = json.loads(spec)
        spec = share_template(spec)
        encoded = json.dumps(spec, sort_keys=True).encode("utf-8")
        digest = hashlib.sha1(encoded, usedforsecurity=False).hexdigest()[:10]
        chart_id = f"plotly-{data.cell_index}-{data.output_index}-{digest}"

        alt = figure_alt_text(spec)
        if alt is None:
            renderer.logger.warning(
                "plotly chart has no text alternative: build it with "
                "coproduce.present.charts.with_text_alternative(fig, '...') "
                "so layout.meta.alt is set",
                subtype="plotly_alt_text",
                line=data.line,
            )
            alt = figure_title(spec) or "Chart without a description."

        # plotly.js, then the shared templates, then the loader that draws the charts.
        renderer.add_js_file("coproduce_plotly", PLOTLY_JS, {"priority": 200})
        renderer.add_js_file("coproduce_plotly_templates", TEMPLATES_JS, {"priority": 201})
        renderer.add_js_file("coproduce_plotly_render", RENDER_JS, {"priority": 202})
        return [
            nodes.raw(
                text=figure_html(spec, chart_id, alt),
                format="html",
                classes=["output", "coproduce-plotly-output"],
            )
        ]
