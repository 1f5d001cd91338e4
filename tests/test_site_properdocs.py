"""The gradio site built by ProperDocs instead of MkDocs: every check of the MkDocs build
(tests/test_site_gradio.py) and of its objects.inv runs again on it, plus its live demos' files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from . import test_inventory, test_site_gradio
from .properdocs_support import properdocs_gradio_site

pytestmark = pytest.mark.slow

# The same tests, collected here too: in this module they read the ProperDocs site.
globals().update({name: test for name, test in vars(test_site_gradio).items() if name.startswith("test_")})
test_gradio_inventory = test_inventory.test_gradio_inventory


@pytest.fixture(scope="module")
def gradio_site(tmp_path_factory) -> Path:
    return properdocs_gradio_site(tmp_path_factory)


def test_the_build_ran_docsgen_under_properdocs(gradio_site):
    log = gradio_site.with_name(gradio_site.name + ".built").read_text()
    assert "docsgen: gradio" in log and "docsgen: live demos:" in log


def test_live_demos_are_in_place(gradio_site):
    soup = BeautifulSoup((gradio_site / "components/textbox/index.html").read_bytes(), "html.parser")
    assert soup.select_one('[aria-label="Live demo: Textbox"]'), "the Textbox page has its demo"
    runtime = gradio_site / "_docsgen"
    manifest = json.loads(next(runtime.rglob("manifest.json")).read_text())
    assert "gradio" in [package["name"] for package in manifest["packages"]]
    assert (runtime / "pyodide" / "pyodide.asm.wasm").exists()
    assert (gradio_site / "playground" / "index.html").exists()
