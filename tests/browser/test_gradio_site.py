"""The repository's gradio site in real Chromium: no request leaves it, and since gradio's compiled
dependencies cannot be had here, its live demos say exactly what is missing and how to provide it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.live_support import serve

# gradio 6.31.0's dependencies that only the Pyodide distribution has (see DESIGN.md).
PYODIDE_ONLY = ["numpy", "pandas", "pillow", "orjson", "brotli"]


@pytest.fixture(scope="module")
def gradio_page(browser, gradio_site):
    with serve(gradio_site) as url:
        context = browser.new_context(base_url=url)
        foreign: list[str] = []

        def guard(route) -> None:
            if urlsplit(route.request.url).netloc not in ("", urlsplit(url).netloc):
                foreign.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", guard)
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page, foreign
        context.close()


def test_reference_pages_make_no_request_to_another_host(gradio_page):
    page, foreign = gradio_page
    for path in ["", "components/", "components/events/", "components/textbox/", "building/blocks/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert foreign == []


def test_gradio_demo_names_the_missing_packages_and_the_fix(gradio_page):
    page, foreign = gradio_page
    page.goto("components/textbox/")
    demo = page.get_by_role("region", name="Live demo: Textbox")
    demo.get_by_role("button", name="Run").click()
    note = demo.get_by_role("note")
    note.wait_for(state="visible")
    text = note.inner_text()
    for package in PYODIDE_ONLY:
        assert package in text
    assert "pyodide_dir" in text and "pyodide_base_url" in text
    assert foreign == []
