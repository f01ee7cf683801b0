"""Each tool computes apart from presenting: compute modules never reach charts, HTML or widgets.

Every tool is a package (``coproduce/<tool>/``) whose modules are named after what they do. The
presenting modules are ``words``, ``charts``, ``report`` (and a command's ``cli``); every other
module reads or computes, and must not import plotly, Jinja2, MarkupSafe, IPython, ipywidgets,
``html`` or any part of :mod:`coproduce.present`, directly or through another module of the
package. So a notebook, a command and a test can compute without drawing anything, and the one
presentation layer stays the only place where tables, figures and words are made.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "coproduce"
TOOLS = (
    "dashboard",
    "engagement",
    "environment",
    "selfassessment",
    "recommendations",
    "evaluation",
)
#: Modules of a tool that present results (everything else computes).
PRESENTING = frozenset({"words", "charts", "report", "cli"})
#: Libraries that draw, write HTML or drive a notebook.
FORBIDDEN_LIBRARIES = frozenset({"plotly", "jinja2", "markupsafe", "IPython", "ipywidgets", "html"})
#: The guide's own presenting modules outside the tools.
FORBIDDEN_MODULES = (
    "coproduce.present",
    "coproduce.plotly_mime",
    "coproduce.sphinx_assets",
)


def module_file(name: str) -> Path | None:
    """The source file of a ``coproduce`` module (its ``__init__.py`` for a package)."""
    parts = name.split(".")[1:]
    base = PACKAGE.joinpath(*parts)
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    return None


def imported(name: str, source: str) -> list[str]:
    """Every module ``source`` (the text of module ``name``) imports, wherever in the file."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = name.split(".")[: -node.level]
                base = ".".join([*anchor, node.module] if node.module else anchor)
            else:
                base = node.module or ""
            found.append(base)
            # "from coproduce.x import y" imports the module coproduce.x.y when there is one.
            found += [
                f"{base}.{alias.name}"
                for alias in node.names
                if base.startswith("coproduce") and module_file(f"{base}.{alias.name}")
            ]
    return found


def is_presenting(module: str) -> bool:
    """True for a module that draws, writes HTML or drives a notebook."""
    if module.split(".")[0] in FORBIDDEN_LIBRARIES:
        return True
    if any(module == m or module.startswith(m + ".") for m in FORBIDDEN_MODULES):
        return True
    parts = module.split(".")
    return len(parts) == 3 and parts[1] in TOOLS and parts[2] in PRESENTING


def presenting_reached(start: str, read=lambda path: path.read_text()) -> list[list[str]]:
    """Each chain of imports from ``start`` that reaches a presenting module."""
    chains: list[list[str]] = []
    seen = {start}
    stack = [[start]]
    while stack:
        chain = stack.pop()
        path = module_file(chain[-1])
        if path is None:
            continue
        for module in imported(chain[-1], read(path)):
            if is_presenting(module):
                chains.append([*chain, module])
            elif module.startswith("coproduce") and module not in seen:
                seen.add(module)
                stack.append([*chain, module])
    return chains


def compute_modules(tool: str) -> list[str]:
    """The tool's modules that read or compute (not ``__init__`` and not presenting ones)."""
    return sorted(
        f"coproduce.{tool}.{path.stem}"
        for path in (PACKAGE / tool).glob("*.py")
        if path.stem != "__init__" and path.stem not in PRESENTING
    )


@pytest.mark.parametrize("tool", TOOLS)
def test_each_tool_is_a_package_with_compute_and_present_modules(tool):
    folder = PACKAGE / tool
    assert (folder / "__init__.py").is_file(), f"coproduce.{tool} should be a package"
    assert not (PACKAGE / f"{tool}.py").exists(), f"coproduce/{tool}.py shadows the package"
    assert compute_modules(tool), f"coproduce.{tool} has no module that computes"
    assert {"charts", "report"} <= {p.stem for p in folder.glob("*.py")}, (
        f"coproduce.{tool} should present through its own charts.py and report.py"
    )


@pytest.mark.parametrize("tool", TOOLS)
def test_no_compute_module_draws_writes_html_or_drives_a_notebook(tool):
    problems = [
        " -> ".join(chain)
        for module in compute_modules(tool)
        for chain in presenting_reached(module)
    ]
    assert not problems, (
        "these compute modules reach presenting code (move that code to words.py, charts.py or "
        "report.py, or the presenting import out of the compute module):\n" + "\n".join(problems)
    )


def test_the_check_finds_a_chart_import_in_a_compute_module():
    """The rule is not empty: an import of plotly, direct or through a sibling, is found."""
    sources = {
        PACKAGE / "dashboard" / "calculations.py": "from coproduce.dashboard.inputs import x\n",
        PACKAGE / "dashboard" / "inputs.py": "import plotly.graph_objects as go\n",
    }
    chains = presenting_reached("coproduce.dashboard.calculations", lambda p: sources.get(p, ""))
    assert chains == [
        ["coproduce.dashboard.calculations", "coproduce.dashboard.inputs", "plotly.graph_objects"]
    ]
    sources[PACKAGE / "dashboard" / "inputs.py"] = "from coproduce.present.tables import x\n"
    assert presenting_reached("coproduce.dashboard.calculations", lambda p: sources.get(p, ""))


@pytest.mark.parametrize(
    "command", ["dashboard", "engagement", "environment", "selfassess", "plan"]
)
def test_each_command_takes_its_sections_from_the_tool(command):
    """The command builds no report of its own: it calls the tool's ``report_sections``."""
    source = (PACKAGE / "cli" / f"{command}.py").read_text()
    modules = imported(f"coproduce.cli.{command}", source)
    assert not [m for m in modules if m.startswith(("coproduce.present", "plotly"))], modules
    assert ".report_sections(" in source


def test_every_figure_is_made_by_the_presentation_layer():
    """Charts start at ``coproduce.present.charts.new_figure`` (or ``subplots``).

    So every chart has the guide's template, applied once: a figure made straight from plotly
    takes plotly's default template first, which slows a report by a fifth of a second.
    """
    makers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "present" / "charts.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"Figure", "FigureWidget", "make_subplots"}:
                makers.append(f"{path.relative_to(PACKAGE)}, line {node.lineno}: {name}(...)")
    assert not makers, "make figures with coproduce.present.charts.new_figure:\n" + "\n".join(
        makers
    )
