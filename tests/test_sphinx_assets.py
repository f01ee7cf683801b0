"""The Sphinx extension that serves plotly.js and the widget scripts from the site itself."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import yaml
from conftest import ROOT

from coproduce.sphinx_assets import (
    bundled_trace_types,
    check_widget_js,
    package_static_dir,
    page_data_script,
    plotly_js_path,
    trim_indentation,
    trim_styler_tables,
)


def configured_widget_js() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["nb_ipywidgets_js"]


def test_configured_widget_scripts_are_vendored_with_licences():
    static = package_static_dir()
    for uri in configured_widget_js():
        assert "://" not in uri
        assert (static / uri.removeprefix("coproduce/")).is_file(), uri
    widgets = static / "vendor/widgets"
    assert (widgets / "widget-manager.min.css").is_file()
    assert "BSD 3-Clause" in (widgets / "LICENSE").read_text(encoding="utf-8")
    notices = (widgets / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for line in (widgets / "VERSIONS.txt").read_text(encoding="utf-8").splitlines():
        assert f"\n{line} (" in notices, f"no licence entry for {line}"


def _caret_allows(wanted: str, version: str) -> bool:
    """Whether ``version`` satisfies the npm range ``^wanted`` (same major, not older)."""
    want = [int(part) for part in wanted.lstrip("^").split(".")]
    have = [int(part) for part in version.split(".")]
    return have[0] == want[0] and have >= want


def test_the_widget_manager_is_built_from_the_widget_packages_ipywidgets_pairs_with():
    """The bundled @jupyter-widgets packages are the ones the installed ipywidgets expects.

    jupyterlab_widgets (installed with ipywidgets) declares the npm versions it is built
    against; after an ipywidgets upgrade, this fails until scripts/vendor_widget_js.sh has
    been run with matching versions in scripts/widget-manager/package.json.
    """
    import json
    import sys

    manager = (
        Path(sys.prefix)
        / "share/jupyter/labextensions/@jupyter-widgets/jupyterlab-manager/package.json"
    )
    expected = json.loads(manager.read_text(encoding="utf-8"))["dependencies"]
    lines = (package_static_dir() / "vendor/widgets/VERSIONS.txt").read_text().splitlines()
    bundled = dict(line.rsplit(" ", 1) for line in lines)
    for name in ("base", "base-manager", "controls"):
        name = f"@jupyter-widgets/{name}"
        assert _caret_allows(expected[name], bundled[name]), (name, expected[name], bundled[name])
    lock = json.loads((ROOT / "scripts/widget-manager/package-lock.json").read_text())
    locked = {
        f"{path.rsplit('node_modules/', 1)[-1]} {entry.get('version')}"
        for path, entry in lock["packages"].items()
        if path
    }
    assert set(lines) <= locked, "the bundle was not built from package-lock.json"


def test_a_pages_data_script_gives_the_browser_the_same_figures_and_widget_state(tmp_path):
    """Run the data script in Node, as a browser would, and read back what it defines."""
    import json
    import shutil
    import subprocess

    figure = {"data": [{"type": "bar", "y": [1, 2]}], "layout": {"title": {"text": "</script>"}}}
    state = {"version_major": 2, "version_minor": 0, "state": {"a": {"model_name": "X"}}}
    script = page_data_script(
        {"plotly-1-0-abc-spec": json.dumps(figure).replace("<", "\\u003c")},
        [json.dumps(state)],
    )
    assert "</script>" not in script
    path = tmp_path / "page.js"
    path.write_text(script, encoding="utf-8")
    node = shutil.which("node")
    assert node, "Node.js is needed (scripts/install-node.sh installs it)"
    reader = (
        "globalThis.window = {}; require(process.argv[1]);"
        "console.log(JSON.stringify([window.COPRODUCE_CHARTS, window.COPRODUCE_WIDGET_STATES]));"
    )
    out = subprocess.run(
        [node, "-e", reader, str(path)], capture_output=True, text=True, check=True
    ).stdout
    charts, states = json.loads(out)
    assert charts == {"plotly-1-0-abc-spec": figure}
    assert states == [state]


def test_unused_styler_cell_names_are_dropped_and_styled_tables_kept():
    plain = (
        '<style type="text/css">\n</style>\n<table id="T_ab12c">\n<thead><tr>'
        '<th id="T_ab12c_level0_col0" class="col_heading level0 col0" scope="col">Column</th>'
        '</tr></thead><tbody><tr><td id="T_ab12c_row0_col0" class="data row0 col0">x</td>'
        "</tr></tbody></table>"
    )
    assert trim_styler_tables(plain) == (
        '<table id="T_ab12c">\n<thead><tr><th scope="col">Column</th></tr></thead>'
        "<tbody><tr><td>x</td></tr></tbody></table>"
    )
    styled = '<style type="text/css">#T_ab12c_row0_col0 {color: red}</style>' + plain[30:]
    assert trim_styler_tables(styled) == styled


def test_page_indentation_is_dropped_but_code_and_preformatted_text_keep_theirs():
    page = (
        "<div>\n    <p>Some\n\n\n      words</p>\n  <pre>def f():\n    return 1</pre>\n"
        "  <script>\n  if (x) {\n    y();\n  }\n</script>\n  <textarea>\n  kept</textarea>"
    )
    trimmed = trim_indentation(page)
    assert len(trimmed) < len(page)
    for kept in ("def f():\n    return 1", "if (x) {\n    y();\n  }", "<textarea>\n  kept"):
        assert kept in trimmed
    # What a reader sees (runs of spaces shown as one) does not change.
    outside = trimmed.split("<pre>")[0]
    assert " ".join(outside.split()) == " ".join(page.split("<pre>")[0].split())


def test_plotly_js_is_a_partial_bundle_of_the_plotly_js_the_python_package_uses():
    """The bundle matches the plotly.js inside the pinned plotly package, and is smaller."""
    import re
    from importlib import resources

    full = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    full_version = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", full.read_text()[:500]).group(1)
    bundle = plotly_js_path()
    assert f"plotly.js v{full_version}," in bundle.read_text(encoding="utf-8")[:300], (
        "plotly was upgraded: re-run scripts/vendor_plotly_js.sh with its plotly.js version"
    )
    assert f"plotly.js {full_version}" in (bundle.parent / "VERSIONS.txt").read_text()
    assert "MIT" in (bundle.parent / "LICENSE").read_text()
    assert bundle.stat().st_size < full.stat().st_size / 2
    assert {"scatter", "bar", "scatterpolar"} <= set(bundled_trace_types())


def test_a_cdn_widget_script_is_a_warning(caplog):
    config = SimpleNamespace(nb_ipywidgets_js={"https://cdn.example.org/require.js": {}})
    with caplog.at_level(logging.WARNING):
        check_widget_js(None, config)
    assert "another host" in caplog.text


def test_a_missing_vendored_script_is_a_warning(caplog):
    config = SimpleNamespace(nb_ipywidgets_js={"coproduce/vendor/nothing-here.js": {}})
    with caplog.at_level(logging.WARNING):
        check_widget_js(None, config)
    assert "not a file" in caplog.text


def test_the_configured_scripts_raise_no_warning(caplog):
    with caplog.at_level(logging.WARNING):
        check_widget_js(None, SimpleNamespace(nb_ipywidgets_js=configured_widget_js()))
    assert caplog.text == ""


def test_no_static_folder_at_the_book_root():
    # Jupyter Book 1 adds every .js file under a root _static folder to every page.
    assert not (ROOT / "_static").exists()
