"""Every page of the built site in real headless Chromium, served on 127.0.0.1."""

from __future__ import annotations

import pytest
from conftest import host_of, site_pages, source_output_counts

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
