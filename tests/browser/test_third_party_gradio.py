"""A real third-party gradio library from PyPI (gradio_pdf 0.0.24, installed by noxfile.py's test session):
a new MkDocs project documents it, and its live demo runs its own preprocess/postprocess on gradio 6.31.0 in
Chromium, on a file the reader uploads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docsgen.runtime.samples import sample_file
from tests.browser.conftest import served_context, watched_page
from tests.browser.test_gradio_demos import GRADIO_IMPORT_TIMEOUT
from tests.conftest import run_mkdocs, write_site_config

gradio_pdf = pytest.importorskip("gradio_pdf")


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gradio-pdf")
    # gradio needs numpy & co, which only the Pyodide distribution has and this machine cannot reach: the
    # site carries docsgen's stand-ins instead of downloading them (tests/test_pyodide_packages.py has that).
    plugin = "      live_demos: true\n      pyodide_packages_url: false\n"
    # `library: gradio_pdf` alone: docsgen finds its components as a library built on gradio.
    config = write_site_config(folder, "gradio_pdf", None, plugin)
    result = run_mkdocs(config, folder / "site", "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


@pytest.fixture
def page(browser, pdf_site):
    with served_context(browser, pdf_site) as context:
        for page in watched_page(context):
            page.set_default_timeout(60_000)
            yield page


def test_the_pdf_demo_runs_gradio_pdfs_code_on_an_uploaded_file(page, tmp_path):
    upload = sample_file(".pdf", str(tmp_path))
    page.goto("components/pdf/")
    demo = page.get_by_role("region", name="Live demo: PDF")
    demo.get_by_label("PDF", exact=True).set_input_files(upload)  # a file picker: FileData is a file
    demo.get_by_role("button", name="Run", exact=True).click()
    output = demo.get_by_role("region", name="Output", exact=True)
    page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(), timeout=GRADIO_IMPORT_TIMEOUT)
    assert output.get_attribute("data-state") == "done", output.inner_text()

    flow = demo.get_by_role("list", name="Data flow")
    after = json.loads(flow.get_by_role("listitem", name="Payload after postprocess").locator("pre").inner_text())
    # gradio_pdf's own code in CPython, on the file the worker wrote the upload to
    pdf = gradio_pdf.PDF()
    expected = pdf.postprocess(pdf.preprocess(pdf.data_model(path=after["path"]))).model_dump()
    assert after == json.loads(json.dumps(expected))
    assert after["path"].endswith("/sample.pdf")

    # The output is the file itself: a download of the very bytes uploaded (a PDF is never shown inline).
    link = output.get_by_role("link", name="sample.pdf")
    assert link.get_attribute("download") == "sample.pdf"
    data = page.evaluate("async (href) => Array.from(new Uint8Array(await (await fetch(href)).arrayBuffer()))",
                         link.get_attribute("href"))
    assert bytes(data) == Path(upload).read_bytes()
