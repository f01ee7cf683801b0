"""The explorer notebooks on the published site, in real headless Chromium.

The recommendations chart must filter itself with its own plotly menu (no kernel on the static
site), and each page must show its default state and say what needs a running notebook.
"""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By

from coproduce.recommendations import ACTORS, ALL_ACTORS, counts_table, load_recommendations
from coproduce.recommendations import read_actors as guide_reading

pytestmark = [pytest.mark.build, pytest.mark.browser]

EXPLORER = "notebooks/recommendations-explorer.html"
CHART = "div.coproduce-plotly-chart.js-plotly-plot"


def wait_for(driver, script: str, timeout: float = 20):
    """Run ``script`` until it returns something truthy; fail with its last value."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for: {script} (last value {value!r})")


@pytest.fixture
def explorer(browser, server):
    """The explorer page freshly loaded, with its chart drawn; yields the driver and chart."""
    browser.get(f"{server}/{EXPLORER}")
    wait_for(browser, f"return document.querySelector('{CHART} svg.main-svg g.trace')")
    return browser, browser.find_element(By.CSS_SELECTOR, CHART)


def bar_lengths(driver, chart) -> list[int]:
    return driver.execute_script("return Array.from(arguments[0].data[0].x)", chart)


def bar_labels(chart) -> list[str]:
    return [t.text for t in chart.find_elements(By.CSS_SELECTOR, "g.trace text.bartext")]


def choose(driver, chart, option: str) -> None:
    """Open the chart's dropdown and click ``option``, as a reader would with a mouse."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", chart)
    chart.find_element(By.CSS_SELECTOR, "g.updatemenu-header").click()
    buttons = []
    deadline = time.monotonic() + 5
    while not buttons and time.monotonic() < deadline:
        buttons = chart.find_elements(By.CSS_SELECTOR, "g.updatemenu-dropdown-button")
        time.sleep(0.1)
    labels = [b.text for b in buttons]
    assert option in labels, f"the menu offers {labels}"
    buttons[labels.index(option)].click()


def wait_for_bars(driver, chart, expected: list[int]) -> list[int]:
    """The chart's bar lengths once they equal ``expected`` (or after 5 seconds)."""
    deadline = time.monotonic() + 5
    lengths = bar_lengths(driver, chart)
    while lengths != expected and time.monotonic() < deadline:
        time.sleep(0.1)
        lengths = bar_lengths(driver, chart)
    return lengths


def expected_counts() -> dict[str, list[int]]:
    table = counts_table(load_recommendations(), guide_reading()).iloc[:9]
    return {actor: table[actor].astype(int).tolist() for actor in (ALL_ACTORS, *ACTORS)}


def test_explorer_page_draws_its_chart_and_widgets(visit):
    seen = visit(EXPLORER)
    assert (seen.charts_drawn, seen.widgets_drawn) == (1, 2)
    assert seen.console_errors == []


def test_the_chart_menu_filters_the_bars_without_a_kernel(explorer):
    driver, chart = explorer
    counts = expected_counts()
    assert bar_lengths(driver, chart) == counts[ALL_ACTORS]
    assert bar_labels(chart) == [str(n) for n in counts[ALL_ACTORS]]

    lived = counts["People with lived experience and carers"]
    assert lived != counts[ALL_ACTORS]
    choose(driver, chart, "People with lived experience and carers")
    assert wait_for_bars(driver, chart, lived) == lived
    assert bar_labels(chart) == [str(n) for n in lived]  # what the reader sees in the SVG
    title = chart.find_element(By.CSS_SELECTOR, "text.gtitle").text
    assert title == "Recommendations people with lived experience and carers act on"
    assert chart.find_element(By.CSS_SELECTOR, "g.updatemenu-header").text == (
        "People with lived experience and carers"
    )

    choose(driver, chart, "Commissioners")
    assert wait_for_bars(driver, chart, counts["Commissioners"]) == counts["Commissioners"]

    choose(driver, chart, ALL_ACTORS)
    assert wait_for_bars(driver, chart, counts[ALL_ACTORS]) == counts[ALL_ACTORS]


def test_the_explorer_page_shows_its_default_state_and_what_needs_a_notebook(visit, site):
    seen = visit(EXPLORER)
    assert "24 of 24 recommendations match." in seen.widget_text
    assert "Add or update" in seen.widget_text
    page = (site / EXPLORER).read_text(encoding="utf-8")
    assert "needs a running notebook" in page
    assert "launch button at the top of the page" in page
    assert "guide’s own reading" in page or "guide's own reading" in page


def test_the_4pi_page_shows_the_example_result_and_the_team_view(visit, site):
    seen = visit("notebooks/4pi-self-assessment.html")
    assert (seen.charts_drawn, seen.widgets_drawn) == (3, 1)
    assert seen.console_errors == []
    assert "People feel safe to disagree" in seen.widget_text
    page = (site / "notebooks/4pi-self-assessment.html").read_text(encoding="utf-8")
    assert "SYNTHETIC" in page
    assert "[c]" in page  # five carers in the example are suppressed
    assert "launch button at the top of the page" in page


def test_the_impact_explorer_page_draws_both_charts(visit):
    seen = visit("notebooks/impact-phases.html")
    assert seen.charts_drawn == 2
    assert "Phase 1" in seen.widget_text and "69" in seen.widget_text
