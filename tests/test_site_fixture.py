"""A library without a registry (the base_class path), with broken and hostile docstrings."""

from __future__ import annotations

import json
import subprocess
import sys

from bs4 import BeautifulSoup

from .conftest import FIXTURES, run_mkdocs, write_site_config


def read(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_the_site_builds_with_named_warnings(widget_build):
    _site, result = widget_build
    assert result.returncode == 0, result.stderr[-2000:]
    log = result.stderr
    assert "Toggle.__init__: documents parameter 'colour', which is not in its signature" in log
    assert "Broken: cannot read EVENTS: RuntimeError: EVENTS exploded" in log
    assert "Broken.__init__: malformed docstring" in log
    assert "parameter 'other' is documented twice" in log


def test_components_are_the_public_exported_subclasses(widget_build):
    site, _ = widget_build
    names = sorted(p.name for p in (site / "components").iterdir() if (p / "index.html").exists())
    assert names == ["bare", "broken", "events", "slider", "toggle"]  # no _Private, no Widget, no function


def test_every_other_page_is_complete(widget_build):
    site, _ = widget_build
    soup = BeautifulSoup(read(site, "components/slider"), "html.parser")
    rows = [tr["id"] for tr in soup.select("table.dg-params")[0].select("tbody tr")]
    assert rows == ["param-value", "param-minimum", "param-maximum", "param-label", "param-step"]
    assert [tr["id"] for tr in soup.select("table.dg-events tbody tr")] == ["event-change", "event-release"]
    assert "Passes the value as an" in soup.select(".dg-behaviour")[0].get_text()
    broken = BeautifulSoup(read(site, "components/broken"), "html.parser")
    assert [tr["id"] for tr in broken.select("table.dg-params")[0].select("tbody tr")] == ["param-value",
                                                                                           "param-other"]


def test_docstring_html_is_text_never_markup(widget_build):
    site, _ = widget_build
    html = read(site, "components/toggle")
    assert "&lt;script&gt;alert(&quot;docstring&quot;)&lt;/script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    content = soup.select_one(".md-content")
    assert not content.select("script"), "no script element comes from a docstring"
    assert not content.select("img"), "no image element comes from a docstring"
    assert not content.select("[onerror]")
    assert not content.select('a[href^="javascript"]'), "javascript: links are dropped"
    assert "<img" in content.get_text(), "the markup is shown as text"
    default = soup.select_one("tr#param-label .dg-param-default").get_text()
    assert default == '"<b>bold</b>"'


def test_model_json_keeps_text_as_text(widget_build):
    site, _ = widget_build
    data = json.loads((site / "model.json").read_text())
    toggle = next(c for c in data["components"] if c["name"] == "Toggle")
    assert '<script>alert("docstring")</script>' in toggle["description"]


def test_library_that_does_not_import_stops_the_build_with_one_clear_message(tmp_path):
    config = write_site_config(tmp_path, "no_such_library_xyz", None)
    result = run_mkdocs(config, tmp_path / "site")
    assert result.returncode != 0
    message = result.stderr
    assert "no_such_library_xyz" in message and sys.executable in message
    assert "ModuleNotFoundError" in message
    assert "Traceback" not in message


def test_cli_prints_the_model_shape(tmp_path):
    env_path = str(FIXTURES)
    result = subprocess.run(
        [sys.executable, "-m", "docsgen", "inspect", "widgetlib", "--base-class", "widgetlib.Widget", "--json"],
        capture_output=True, text=True, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, check=True,
    )
    data = json.loads(result.stdout)
    assert data["library"]["name"] == "widgetlib"
    slider = next(c for c in data["components"] if c["name"] == "Slider")
    assert set(slider) >= {"name", "qualname", "description", "params", "events", "preprocess", "postprocess",
                           "shortcuts", "tags"}
    assert slider["params"][1] == {"name": "minimum", "annotation": "float", "default": "0",
                                   "description": "the smallest value.", "kind": "keyword_only"}
    assert slider["tags"] == {"demos": "slider_demo, another_demo", "guides": "sliders"}
    assert "warning: Toggle.__init__" in result.stderr


def test_cli_reports_an_unimportable_library():
    result = subprocess.run([sys.executable, "-m", "docsgen", "inspect", "no_such_library_xyz"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("error: docsgen cannot import the library 'no_such_library_xyz'")
