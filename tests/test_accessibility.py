"""Every built page audited in headless Chromium by two independent engines.

axe-core: no serious or critical problem. HTML_CodeSniffer (WCAG 2 AA): no error.
"""

from __future__ import annotations

import time

import pytest
from conftest import ROOT, site_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"

#: Rules switched off for the audit, each with the reason. Keep this list short.
ALLOWED_RULES: dict[str, str] = {}

_RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations'], rules: arguments[0]})
  .then(result => done(result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
  .catch(error => done([{id: 'axe-error', impact: 'critical', help: String(error), where: []}]));
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail("axe-core is not installed; run 'npm ci' (scripts/test.sh does it).")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def htmlcs_source() -> str:
    if not HTMLCS.is_file():
        pytest.fail("HTML_CodeSniffer is not installed; run 'npm ci' (scripts/test.sh does it).")
    # Should a page ever load an AMD loader (require.js), HTMLCS.js would register itself as an
    # AMD module there instead of a global: hide define/exports so it always sets window.HTMLCS.
    return (
        "(function (define, exports, module) {\n"
        + HTMLCS.read_text(encoding="utf-8")
        + ("\n}).call(window);")
    )


_RUN_HTMLCS = """
const done = arguments[arguments.length - 1];
HTMLCS.process('WCAG2AA', document, function () {
  done(HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m => ({
    code: m.code, msg: m.msg,
    where: (m.element && m.element.outerHTML || '').slice(0, 160)})));
}, function () { done([{code: 'htmlcs-failed', msg: 'HTML_CodeSniffer did not run', where: ''}]); },
'en');
"""


def _load(browser, url: str) -> None:
    browser.get(url)
    deadline = time.monotonic() + 20
    while browser.execute_script("return document.readyState") != "complete":
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    time.sleep(1)  # let charts and widgets draw: they are audited too
    browser.set_script_timeout(120)


@pytest.mark.parametrize("page", site_pages())
def test_no_serious_or_critical_accessibility_violations(page, browser, server, axe_source):
    _load(browser, f"{server}/{page}")
    browser.execute_script(axe_source)
    rules = {rule: {"enabled": False} for rule in ALLOWED_RULES}
    violations = browser.execute_async_script(_RUN_AXE, rules)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} at {v['where']}" for v in serious
    )


@pytest.mark.parametrize("page", site_pages())
def test_html_codesniffer_finds_no_wcag2aa_errors(page, browser, server, htmlcs_source):
    _load(browser, f"{server}/{page}")
    browser.execute_script(htmlcs_source)
    errors = browser.execute_async_script(_RUN_HTMLCS)
    assert errors == [], "\n".join(
        f"{e['code']}: {e['msg']} at {e['where']}" for e in errors[:10]
    ) + (f"\n... and {len(errors) - 10} more" if len(errors) > 10 else "")


def test_keyboard_alone_reaches_the_links_and_shows_focus(browser, server):
    """Tab through the home page: focus moves forward, reaches the chapters, and is visible."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _load(browser, f"{server}/book/index.html")
    reached: list[str] = []
    invisible: list[str] = []
    for _ in range(40):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused = browser.execute_script(
            "const e = document.activeElement; const s = getComputedStyle(e);"
            "return {text: (e.innerText || e.getAttribute('aria-label') || '').trim(),"
            " href: e.getAttribute('href') || '',"
            " visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)"
            "   || s.boxShadow !== 'none'};"
        )
        reached.append(focused["href"])
        if not focused["visible"]:
            invisible.append(focused["text"] or focused["href"])
    assert invisible == [], f"focus is not visible on: {invisible}"
    assert any(href.endswith("why-physical-health.html") for href in reached), reached


def test_chart_containers_have_accessible_names(site):
    for page in site_pages():
        html = (site / page).read_text(encoding="utf-8")
        for chunk in html.split('class="coproduce-plotly-chart"')[1:]:
            assert 'aria-label="' in chunk.split(">")[0], page
