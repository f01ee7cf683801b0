"""The strict build passes with no warnings and produces the site readers expect."""

from __future__ import annotations

import re

from conftest import HTML, ROOT, site_pages, toc_docnames


def test_strict_build_exits_zero_with_no_warnings(strict_build):
    assert strict_build.returncode == 0, strict_build.output[-4000:]
    assert strict_build.warnings == [], "\n".join(strict_build.warnings)


def test_every_toc_page_is_built(site):
    for page in site_pages():
        assert (site / page).is_file(), page


def test_files_that_are_not_pages_are_excluded(site):
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert not any(
        name.startswith(("src/", "tests/", "data/", "README", "scripts/")) for name in built
    )
    assert "index.html" in built  # the redirect to the root page


def test_plotly_js_is_served_once_and_only_where_needed(site):
    copies = [
        p
        for p in site.rglob("plotly*.js")
        if p.name.startswith("plotly") and p.stat().st_size > 1_000_000
    ]
    assert [p.relative_to(site).as_posix() for p in copies] == [
        "_static/coproduce/vendor/plotly/plotly.min.js"
    ]
    notebook = (site / "notebooks/impact-phases.html").read_text(encoding="utf-8")
    assert 'src="../_static/coproduce/vendor/plotly/plotly.min.js' in notebook
    chapter = (site / "book/impact-study.html").read_text(encoding="utf-8")
    assert "plotly.min.js" not in chapter and "widget-manager.min.js" not in chapter


def test_a_chart_page_loads_its_figures_before_the_chart_loader(site):
    """The page's data script (its figures and widget state) comes before the scripts that
    draw them, and the page itself no longer carries the figure JSON."""
    page = (site / "notebooks/impact-phases.html").read_text(encoding="utf-8")
    data = page.index("_static/coproduce/pages/notebooks/impact-phases.js")
    assert data < page.index("coproduce/plotly-render.js")
    assert data < page.index("coproduce/vendor/widgets/widget-manager.min.js")
    assert 'type="application/json" id="plotly-' not in page
    assert "application/vnd.jupyter.widget-state+json" not in page


def test_no_page_points_a_script_or_stylesheet_at_another_host(site):
    pattern = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(https?:)?//', re.IGNORECASE)
    for page in site_pages():
        html = (site / page).read_text(encoding="utf-8")
        assert not pattern.search(html), page
        # No script kept for later either: sphinx-thebe's settings named one on unpkg.com.
        assert "thebe" not in html.lower(), page


def test_chapter_and_notebook_link_to_each_other(site):
    chapter = (site / "book/impact-study.html").read_text(encoding="utf-8")
    notebook = (site / "notebooks/impact-phases.html").read_text(encoding="utf-8")
    assert 'href="../notebooks/impact-phases.html"' in chapter
    assert 'href="../book/impact-study.html"' in notebook


def test_notebook_page_shows_the_chart_caption_and_table(site):
    notebook = (site / "notebooks/impact-phases.html").read_text(encoding="utf-8")
    assert notebook.count('class="coproduce-plotly-chart"') >= 1
    assert "Text description:" in notebook
    assert "<table" in notebook  # the same numbers as a table


def test_impact_chapter_states_every_phase_count_from_data(site):
    from coproduce import load_table

    text = re.sub(r"<[^>]+>", " ", (site / "book/impact-study.html").read_text(encoding="utf-8"))
    for row in load_table("impact_participants").itertuples():
        assert re.search(rf"\b{row.participants}\b", text), f"phase {row.phase}: {row.participants}"
    for row in load_table("impact_retention").itertuples():
        assert re.search(rf"\b{row.participants}\b", text), row.stage


def test_toc_names_only_files_that_exist():
    for name in toc_docnames():
        assert any((ROOT / f"{name}{ext}").exists() for ext in (".md", ".ipynb")), name


def test_the_site_has_the_pages_a_reader_needs(site):
    assert (HTML / "book/references.html").read_text(encoding="utf-8").count("ISRCTN15546527") >= 1


def test_no_page_shows_unparsed_markup(site):
    # A directive whose fence breaks (e.g. a backtick in a ``` fence's argument) is shown as raw
    # text without any warning; readers would see "```{list-table}".
    for page in site_pages():
        body = re.sub(
            r"<(script|style)[^>]*>.*?</\1>",
            "",
            (site / page).read_text(encoding="utf-8"),
            flags=re.S,
        )
        text = re.sub(r"<[^>]+>", "", body)
        for marker in ("```{", ":::{", "{cite:", "{doc}`", "{ref}`"):
            assert marker not in text, f"{page} shows raw '{marker}'"


#: No page's own HTML over this many bytes (issue 15), so a page opens quickly on a slow network.
PAGE_HTML_LIMIT = 100_000


def test_no_page_s_own_html_is_over_100_kb(site):
    sizes = {page: (site / page).stat().st_size for page in site_pages()}
    assert sizes, "the site has pages"
    heavy = {page: size for page, size in sizes.items() if size > PAGE_HTML_LIMIT}
    assert heavy == {}, f"pages whose HTML is over {PAGE_HTML_LIMIT:,} bytes: {heavy}"


def test_page_indentation_is_trimmed_but_code_keeps_its_own(site):
    page = (site / "notebooks" / "evaluate-your-intervention.html").read_text(encoding="utf-8")
    outside_code = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", page, flags=re.S)
    assert "\n  " not in outside_code
    assert re.search(r"<pre>.*\n {4}\S", page, re.S), "indented code keeps its indentation"
