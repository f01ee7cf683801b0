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
    plotly_js_path,
)


def configured_widget_js() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["nb_ipywidgets_js"]


def test_configured_widget_scripts_are_vendored_with_licences():
    static = package_static_dir()
    for uri in configured_widget_js():
        assert "://" not in uri
        assert (static / uri.removeprefix("coproduce/")).is_file(), uri
    assert (static / "vendor/requirejs/LICENSE").is_file()
    assert (static / "vendor/html-manager/LICENSE").is_file()
    versions = (static / "vendor/VERSIONS.txt").read_text()
    assert "@jupyter-widgets/html-manager 1." in versions  # the 1.x line pairs with ipywidgets 8


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
