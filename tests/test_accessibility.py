"""Every built page audited with axe-core in headless Chromium: no serious or critical problem."""

from __future__ import annotations

import time

import pytest
from conftest import ROOT, site_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

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


@pytest.mark.parametrize("page", site_pages())
def test_no_serious_or_critical_accessibility_violations(page, browser, server, axe_source):
    browser.get(f"{server}/{page}")
    deadline = time.monotonic() + 20
    while browser.execute_script("return document.readyState") != "complete":
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    time.sleep(1)  # let charts and widgets draw: they are audited too
    browser.set_script_timeout(120)
    browser.execute_script(axe_source)
    rules = {rule: {"enabled": False} for rule in ALLOWED_RULES}
    violations = browser.execute_async_script(_RUN_AXE, rules)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} at {v['where']}" for v in serious
    )


def test_chart_containers_have_accessible_names(site):
    for page in site_pages():
        html = (site / page).read_text(encoding="utf-8")
        for chunk in html.split('class="coproduce-plotly-chart"')[1:]:
            assert 'aria-label="' in chunk.split(">")[0], page
