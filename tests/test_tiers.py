"""The fast lane stays fast: a test that runs a notebook or installs packages is never a unit test.

Tiers come from the fixtures a test asks for (``conftest.TIER_FIXTURES``). A test that runs a
notebook without asking for ``kernel`` would land in the unit tier and slow the fast lane down,
so this reads every test module and names any such test.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import TIER_FIXTURES

TESTS = Path(__file__).resolve().parent
#: Calls that start a Jupyter kernel or install packages into a new environment.
SLOW_CALLS = frozenset({"run_notebook", "execute_notebook", "NotebookClient", "venv"})


def _calls(function: ast.FunctionDef) -> tuple[set[str], set[str]]:
    """Plain function names called, and every name called (``x.f()`` counts as ``f``)."""
    plain, every = set(), set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            target = node.func
            if isinstance(target, ast.Name):
                plain.add(target.id)
                every.add(target.id)
            elif isinstance(target, ast.Attribute):
                every.add(target.attr)
        elif isinstance(node, ast.Constant) and node.value in SLOW_CALLS:
            every.add(node.value)  # e.g. [python, "-m", "venv", path]
    return plain, every


def _slow(name: str, helpers: dict[str, ast.FunctionDef], seen: frozenset[str]) -> bool:
    plain, every = _calls(helpers[name])
    if every & SLOW_CALLS:
        return True
    return any(_slow(c, helpers, seen | {name}) for c in plain if c in helpers and c not in seen)


def test_every_test_that_runs_a_notebook_or_installs_packages_is_out_of_the_fast_lane():
    slow_fixtures = TIER_FIXTURES["notebook"] | TIER_FIXTURES["site"] | TIER_FIXTURES["browser"]
    misplaced = []
    checked = 0
    for module in sorted(TESTS.glob("test_*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        helpers = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        for name, function in helpers.items():
            if not name.startswith("test_") or not _slow(name, helpers, frozenset()):
                continue
            checked += 1
            asked = {a.arg for a in function.args.args}
            if not asked & slow_fixtures:
                misplaced.append(f"{module.name}::{name}")
    assert checked, "some tests run notebooks"
    assert misplaced == [], (
        "these tests run a notebook or install packages but ask for no 'kernel' (or other "
        f"slow-tier) fixture, so they would run in the fast unit lane: {misplaced}"
    )
