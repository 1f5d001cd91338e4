"""mkdocs-material's instant navigation (the example site turns it on): Python carries over to the next page."""

from __future__ import annotations

from tests.browser.conftest import PYTHON_TIMEOUT
from tests.browser.test_live_demos import expected_payload, run
from tests.browser.test_snapshot import wait_until_ready

# What a new Python fetches: its worker, Pyodide, the snapshot's pieces (snapshot-<key>-<i>.bin.gz). The
# sources the snapshot left for later (snapshot-<key>.later.gz) are not among them: the first page's Python
# fetches them once, after its first answer or a second after it is ready, whichever page is open then.
RUNTIME_FILES = ("/_docsgen/runtime/worker.js", "/_docsgen/pyodide/", ".bin.gz")


def python_ready_on_text_page(page):
    page.set_viewport_size({"width": 1280, "height": 1200})  # the navigation is shown, the demo in view
    page.goto("components/text/")
    wait_until_ready(page)
    # The theme, whose instant navigation this is, runs once Python is in (early.js); until it has run, a
    # link loads the next page the usual way.
    page.wait_for_function("typeof window.document$ !== 'undefined'")


def follow(page, title: str) -> None:
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name=title, exact=True).click()


def test_the_next_page_demo_runs_on_the_same_python(page):
    python_ready_on_text_page(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    follow(page, "Number")
    section = page.get_by_role("region", name="Live demo: Number", exact=True)
    status = section.get_by_role("status", name="Python runtime")
    page.wait_for_function("el => el.dataset.state === 'ready'", arg=status.element_handle(), timeout=5_000)
    assert "Python ready" in status.inner_text()
    output = run(page, section)
    assert output.inner_text().strip() == str(expected_payload("Number"))
    assert page.url.endswith("/components/number/")
    # The content was swapped, not a new page loaded: no worker, no Pyodide file, no snapshot again.
    assert not [url for url in requests if any(part in url for part in RUNTIME_FILES)], requests
    assert page.evaluate("performance.getEntriesByName('docsgen:runtime-start').length") == 1


def test_back_and_to_the_playground_still_work(page):
    python_ready_on_text_page(page)
    follow(page, "Number")
    page.get_by_role("region", name="Live demo: Number", exact=True).wait_for()
    page.go_back()
    text_demo = page.get_by_role("region", name="Live demo: Text", exact=True)
    assert run(page, text_demo).inner_text().strip() == "[HELLO WORLD]"
    follow(page, "Playground")
    page.wait_for_function("document.querySelector('[data-docsgen-playground]')?.dataset.ready === 'true'")
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function("document.querySelector('[data-docsgen-playground]').dataset.state === 'loaded'",
                           timeout=PYTHON_TIMEOUT)
    assert page.get_by_role("region", name="Inputs").locator("[data-role=inputs] > *").count() > 0
