"""The myst-nb MIME renderer that puts plotly charts on the built site."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib.metadata import entry_points

from docutils import nodes
from myst_nb.core.render import MimeData

from coproduce.impact import participants_by_phase, participants_chart
from coproduce.plotly_mime import (
    PLOTLY_JS,
    PLOTLY_MIME,
    PlotlyMimeRenderer,
    figure_alt_text,
    figure_html,
    figure_label,
)


@dataclass
class RecordingRenderer:
    """Stands in for myst-nb's element renderer: records the scripts and warnings it is given."""

    js_files: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def add_js_file(self, key, uri, kwargs):
        self.js_files[key] = (uri, kwargs)

    @property
    def logger(self):
        return self

    def warning(self, message, **kwargs):
        self.warnings.append(message)


def spec():
    return json.loads(participants_chart(participants_by_phase()).to_json())


def test_entry_point_is_registered_for_myst_nb():
    names = {ep.value for ep in entry_points(group="myst_nb.mime_renderers")}
    assert "coproduce.plotly_mime:PlotlyMimeRenderer" in names


def test_plotly_json_is_preferred_on_html_builders():
    assert ("html", PLOTLY_MIME, 1) in PlotlyMimeRenderer.mime_priority_overrides


def test_renders_a_chart_container_with_spec_and_caption():
    renderer = RecordingRenderer()
    data = MimeData(PLOTLY_MIME, spec(), cell_index=3, output_index=0, line=1)
    result = PlotlyMimeRenderer.handle_mime(renderer, data, False)
    assert len(result) == 1 and isinstance(result[0], nodes.raw)
    html = result[0].astext()
    chart_id = re.search(r'<div id="([^"]+)" class="coproduce-plotly-chart"', html).group(1)
    assert f'data-spec="{chart_id}-spec"' in html
    assert "Text description:" in html and "Phase 1: 69 service users" in html
    assert renderer.js_files["coproduce_plotly"][0] == PLOTLY_JS
    assert renderer.warnings == []


def test_chart_ids_are_stable_between_builds():
    first = PlotlyMimeRenderer.handle_mime(
        RecordingRenderer(), MimeData(PLOTLY_MIME, spec(), cell_index=3, output_index=0), False
    )
    second = PlotlyMimeRenderer.handle_mime(
        RecordingRenderer(), MimeData(PLOTLY_MIME, spec(), cell_index=3, output_index=0), False
    )
    assert first[0].astext() == second[0].astext()


def test_declines_other_mime_types_and_inline_output():
    renderer = RecordingRenderer()
    assert (
        PlotlyMimeRenderer.handle_mime(renderer, MimeData("text/html", "<p>x</p>"), False) is None
    )
    assert PlotlyMimeRenderer.handle_mime(renderer, MimeData(PLOTLY_MIME, spec()), True) is None
    assert renderer.js_files == {}


def test_chart_without_text_alternative_warns_so_the_strict_build_fails():
    renderer = RecordingRenderer()
    bare = {"data": [{"type": "bar", "y": [1]}], "layout": {"title": {"text": "Bare"}}}
    PlotlyMimeRenderer.handle_mime(renderer, MimeData(PLOTLY_MIME, bare), False)
    assert renderer.warnings and "text alternative" in renderer.warnings[0]


def test_figure_json_cannot_break_out_of_its_script_tag():
    hostile = {
        "data": [],
        "layout": {
            "title": {"text": "</script><script>alert(1)</script>"},
            "meta": {"alt": "<b>alt</b>"},
        },
    }
    html = figure_html(hostile, "plotly-x", figure_alt_text(hostile))
    assert html.count("</script>") == 1  # only the spec's own closing tag
    assert "&lt;b&gt;alt&lt;/b&gt;" in html
    spec_text = re.search(
        r'<script type="application/json" id="plotly-x-spec">(.*)</script>', html
    ).group(1)
    assert json.loads(spec_text)["layout"]["title"]["text"].startswith("</script>")


def test_a_charts_accessible_name_is_its_title_without_plotly_markup():
    titled = {"layout": {"title": {"text": "Who stayed<br><sup>safe to share &amp; rounded</sup>"}}}
    assert figure_label(titled) == "Who stayed. safe to share & rounded"
    html = figure_html(titled, "plotly-y", "alt")
    assert 'aria-label="Who stayed. safe to share &amp; rounded"' in html
