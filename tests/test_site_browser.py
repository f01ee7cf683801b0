"""Every page of the built site in real headless Chromium, served on 127.0.0.1."""

from __future__ import annotations

import time

import pytest
from conftest import host_of, page_data, site_pages, source_output_counts

PAGES = site_pages()


@pytest.mark.parametrize("page", PAGES)
def test_page_requests_nothing_from_another_host(page, visit, server):
    seen = visit(page)
    own_host = host_of(server)
    assert seen.requests, "the browser recorded no requests at all"
    foreign = sorted({url for url in seen.requests if host_of(url) not in ("", own_host)})
    assert foreign == [], f"{page} asked other hosts for: {foreign}"


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_without_console_errors(page, visit):
    assert visit(page).console_errors == []


@pytest.mark.parametrize("page", PAGES)
def test_every_plotly_figure_in_the_source_is_drawn(page, visit):
    figures, _ = source_output_counts(page.removesuffix(".html"))
    assert visit(page).charts_drawn == figures


@pytest.mark.parametrize("page", PAGES)
def test_every_widget_in_the_source_is_rendered(page, visit):
    _, widgets = source_output_counts(page.removesuffix(".html"))
    assert visit(page).widgets_drawn == widgets


def test_the_impact_notebook_page_has_its_chart_and_widget(visit):
    seen = visit("notebooks/impact-phases.html")
    assert seen.charts_drawn >= 1 and seen.widgets_drawn >= 1


def test_the_widget_shows_its_default_state(visit):
    text = visit("notebooks/impact-phases.html").widget_text
    assert "Phase 1" in text and "69" in text


def _figure_specs(site, page: str) -> list[dict]:
    """The figures a built page draws: from its data script, or inline in the page."""
    return list(page_data(site, page.removesuffix(".html"))[0].values())


def test_every_figure_trace_type_is_in_the_plotly_bundle(site, browser, server):
    """The partial plotly.js bundle draws every trace type the built site uses, and no fewer."""
    from coproduce.sphinx_assets import bundled_trace_types

    used: dict[str, str] = {}
    for page in site_pages():
        specs = _figure_specs(site, page)
        figures, _ = source_output_counts(page.removesuffix(".html"))
        assert len(specs) == figures, page
        for spec in specs:
            for trace in spec.get("data", []):
                used.setdefault(trace.get("type", "scatter"), page)
    assert used, "the site has charts"
    bundled = set(bundled_trace_types())
    missing = {kind: page for kind, page in used.items() if kind not in bundled}
    assert missing == {}, f"add these trace types to scripts/vendor_plotly_js.sh: {missing}"
    chart_page = next(iter(used.values()))
    browser.get(f"{server}/{chart_page}")
    loaded = browser.execute_script("return Object.keys(window.Plotly.PlotSchema.get().traces)")
    assert set(loaded) == bundled


def test_widget_scripts_load_only_on_pages_with_widgets(site):
    """Only a page with widgets pays for the widget manager (its script and stylesheet)."""
    for page in site_pages():
        html = (site / page).read_text(encoding="utf-8")
        _, widgets = source_output_counts(page.removesuffix(".html"))
        has_script = "vendor/widgets/widget-manager.min.js" in html
        has_style = "vendor/widgets/widget-manager.min.css" in html
        assert has_script == has_style == (widgets > 0), page


_MISSING_MODELS = """
const modules = window.COPRODUCE_WIDGET_MANAGER.modules;
const missing = [];
(window.COPRODUCE_WIDGET_STATES || []).forEach(function (saved) {
  Object.values(saved.state).forEach(function (model) {
    const module = modules[model.model_module];
    if (!(module && module[model.model_name])) {
      missing.push(model.model_module + " " + model.model_name);
    }
  });
});
return missing;
"""


def test_every_widget_model_on_the_site_is_in_the_widget_manager(browser, server):
    """The guide's widget manager has every model class the pages' saved widget states name."""
    pages = [p for p in site_pages() if source_output_counts(p.removesuffix(".html"))[1]]
    assert pages, "the site has widgets"
    for page in pages:
        browser.get(f"{server}/{page}")
        missing = browser.execute_script(_MISSING_MODELS)
        assert missing == [], f"{page}: add these to scripts/widget-manager/entry.js: {missing}"


@pytest.mark.parametrize("page", site_pages())
def test_charts_follow_the_readers_dark_setting_and_pages_keep_one_scheme(page, browser, server):
    """In dark mode no chart, output or widget is a light box on the dark page."""
    browser.get(f"{server}/{page}")
    browser.execute_script("localStorage.setItem('mode', 'dark');")
    try:
        browser.get(f"{server}/{page}")
        for _ in range(40):
            ready = browser.execute_script(
                "return !document.querySelector('.coproduce-plotly-chart') || "
                "document.querySelectorAll('.coproduce-plotly-chart .main-svg').length > 0;"
            )
            if ready:
                break
            time.sleep(0.25)
        time.sleep(1)
        theme = browser.execute_script("return document.documentElement.dataset.theme")
        assert theme == "dark", "the page did not switch to dark mode"
        light = browser.execute_script(_LIGHT_BLOCKS)
    finally:
        browser.execute_script("localStorage.clear();")
    assert light == [], f"light blocks on a dark page: {light[:5]}"


_LIGHT_BLOCKS = """
function lum(color) {
  const m = color.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
  const p = m[1].split(',').map(Number);
  if (p.length === 4 && p[3] < 0.5) return null;
  return (0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]) / 255;
}
const found = [];
document.querySelectorAll('.bd-content *').forEach(function (e) {
  const r = e.getBoundingClientRect();
  if (r.width < 40 || r.height < 20) return;
  const style = getComputedStyle(e);
  let bg = lum(style.backgroundColor);
  if (e.tagName === 'rect' && e.classList.contains('bg')) bg = lum(style.fill);
  if (bg !== null && bg > 0.6) found.push((e.className.baseVal || e.className || e.tagName) + ' '
    + style.backgroundColor);
});
const charts = '.coproduce-plotly-chart rect.bg, .coproduce-plotly-chart svg.main-svg';
document.querySelectorAll(charts).forEach(function (e) {
  const fill = e.tagName === 'svg' ? getComputedStyle(e).backgroundColor : e.style.fill;
  const l = lum(fill);
  if (l !== null && l > 0.6) found.push('chart ' + fill);
});
return found;
"""


def test_charts_and_widgets_draw_from_disk_with_no_request_to_another_host(site, browser):
    """Opened from file:// (a USB stick, no server), every chart and widget page still works.

    A page's figures and widget state come from its data script (``<script src>`` works on
    file://, where ``fetch()`` does not), and nothing is asked of another host.
    """
    import json

    from conftest import _COUNT_CHARTS, _COUNT_WIDGETS

    checked = 0
    for page in site_pages():
        figures, widgets = source_output_counts(page.removesuffix(".html"))
        if not figures and not widgets:
            continue
        browser.get("about:blank")
        browser.get_log("performance")
        browser.get((site / page).as_uri())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            drawn = (browser.execute_script(_COUNT_CHARTS), browser.execute_script(_COUNT_WIDGETS))
            if drawn == (figures, widgets):
                break
            time.sleep(0.25)
        assert drawn == (figures, widgets), page
        requests = [
            json.loads(e["message"])["message"]["params"]["request"]["url"]
            for e in browser.get_log("performance")
            if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"
        ]
        assert [url for url in requests if host_of(url)] == [], page
        checked += 1
    assert checked, "the site has chart and widget pages"


#: The weight aim for a first visit (issue 15), for a reader on a slow hospital network.
FIRST_VISIT_GZIP_LIMIT = 1_500_000


def _first_visit_files(site, page: str) -> set:
    """Every local file a first visit to ``page`` can fetch, read from the built files.

    The page, its scripts and stylesheets, searchindex.js when the page names it, and every
    font the stylesheets name (more than a browser fetches: it skips fonts no glyph uses).
    """
    import re
    from urllib.parse import urlparse

    path = site / page
    html = path.read_text(encoding="utf-8")
    files = {path}
    for ref in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"#]+)"', html):
        target = (path.parent / urlparse(ref).path).resolve()
        if target.is_file() and target.suffix in {".js", ".css"}:
            files.add(target)
    if "searchindex.js" in html:
        files.add(site / "searchindex.js")
    for sheet in [f for f in files if f.suffix == ".css"]:
        for ref in re.findall(r"url\((['\"]?)([^)'\"]+\.woff2)\1\)", sheet.read_text()):
            font = (sheet.parent / ref[1]).resolve()
            if font.is_file():
                files.add(font)
    return files


def test_a_first_visit_to_any_chart_or_widget_page_stays_within_the_weight_aim(site):
    """With an empty cache, a chart or widget page costs at most 1.5 MB compressed."""
    import gzip

    checked = {}
    for page in site_pages():
        figures, widgets = source_output_counts(page.removesuffix(".html"))
        if figures or widgets:
            files = _first_visit_files(site, page)
            checked[page] = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    assert checked, "the site has chart and widget pages"
    heavy = {page: size for page, size in checked.items() if size > FIRST_VISIT_GZIP_LIMIT}
    assert heavy == {}, f"pages over {FIRST_VISIT_GZIP_LIMIT:,} bytes compressed: {heavy}"
