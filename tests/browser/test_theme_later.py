"""While Python loads for a demo in view, mkdocs-material's scripts wait (early.js, docsgen/bundle/early.py).

They run once Python has answered the demo, when the reader reaches for the page outside the demos, or 2 s
after navigation; the theme's search index waits for Python up to 4 s. Python's download is held back
(``hold_snapshot``) to keep it loading for as long as a test needs.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from playwright.sync_api import expect

from tests.browser.conftest import PYTHON_TIMEOUT
from tests.browser.test_snapshot import hold_snapshot, release, search_finds, text_status, wait_until_ready
from tests.live_support import SAVE_DATA

THEME_RAN = "typeof window.document$ !== 'undefined'"  # mkdocs-material's bundle defines document$
TALL = {"width": 1280, "height": 1200}  # the Text demo is in view as the page loads


def mark(page, name: str) -> float | None:
    return page.evaluate(f"(performance.getEntriesByName('docsgen:{name}')[0] || {{}}).startTime ?? null")


def assert_theme_held(page) -> None:
    """The theme's scripts have not run; or only at the 2 s cap, which a loaded machine can reach by now."""
    theme_at = mark(page, "theme")
    assert theme_at is None or theme_at >= 2_000, f"the theme ran at {theme_at:.0f} ms, while Python loads"


@contextlib.contextmanager
def python_loading(page) -> Iterator[None]:
    """The Text page, its demo in view, Python held loading for the block (then let through, and ready)."""
    held = hold_snapshot(page)
    page.set_viewport_size(TALL)
    page.goto("components/text/", wait_until="domcontentloaded")
    yield
    assert text_status(page).get_attribute("data-state") == "loading"  # all the block saw, it saw meanwhile
    release(held)
    wait_until_ready(page)


def search_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if "/workers/search." in url or "/search/search_index.json" in url]


def test_the_theme_waits_until_python_has_answered_the_demo(page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    held = hold_snapshot(page)
    page.set_viewport_size(TALL)
    page.goto("components/text/", wait_until="domcontentloaded")
    section = page.get_by_role("region", name="Live demo: Text", exact=True)
    section.get_by_role("button", name="Run", exact=True).click()  # Run, before Python is in
    page.wait_for_timeout(500)
    assert_theme_held(page)
    assert search_requests(requests) == []
    # The page is laid out for the theme with JavaScript all along: nothing moves when it runs.
    expect(page.get_by_role("textbox", name="Search")).to_be_visible()
    # Its bundle is fetched with the page all the same (preloaded), to run without a round trip.
    assert [url for url in requests if re.search(r"/assets/javascripts/bundle\.\w+\.min\.js$", url)]
    release(held)
    output = section.get_by_role("region", name="Output", exact=True)
    page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(), timeout=PYTHON_TIMEOUT)
    assert output.inner_text().strip() == "[HELLO WORLD]"
    page.wait_for_function(THEME_RAN, timeout=30_000)
    # The answer first, then the theme; unless 2 s after navigation came first (it waits no longer).
    assert mark(page, "theme") >= min(mark(page, "first-output"), 2_000)
    search_finds(page, "slider")


def test_a_site_script_still_sees_the_theme_and_domcontentloaded(page):
    """extra_javascript runs after the theme, as on any page, and its DOMContentLoaded listener is called."""
    page.set_viewport_size(TALL)
    page.goto("components/text/")
    wait_until_ready(page)
    page.wait_for_function("window.siteScriptPages === 1")
    assert page.evaluate("document.documentElement.dataset.siteScript") == "loaded"
    page.goto("./")  # no demo here: the theme's scripts are left as they are
    page.wait_for_function("window.siteScriptPages === 1")
    assert page.evaluate("document.documentElement.dataset.siteScript") == "loaded"


def test_the_theme_runs_at_once_when_no_demo_is_in_view(page):
    page.set_viewport_size({"width": 1280, "height": 500})  # the Text demo starts 850 px down
    page.add_init_script(SAVE_DATA)  # no idle start either: Python stays unstarted while this is checked
    page.goto("components/text/", wait_until="domcontentloaded")
    assert page.evaluate("window.__docsgenEarly.started") is False
    # Put back to run as the page was parsed, not held: by DOMContentLoaded the bundle is live again.
    assert page.evaluate("""document.querySelector('script[src*="/bundle."]').type""") == ""
    page.wait_for_function(THEME_RAN, timeout=10_000)


def test_pointing_at_the_page_outside_the_demo_runs_the_theme(page):
    with python_loading(page):
        page.get_by_role("region", name="Live demo: Text", exact=True).hover()  # the demo is Python's
        page.wait_for_timeout(300)
        assert_theme_held(page)
        page.get_by_role("navigation", name="Navigation").hover()
        page.wait_for_function(THEME_RAN, timeout=5_000)


def test_a_theme_shortcut_pressed_while_python_loads_works(page):
    with python_loading(page):
        page.keyboard.press("s")  # mkdocs-material: "s" goes to the search box
        expect(page.get_by_role("textbox", name="Search")).to_be_focused(timeout=5_000)


def test_the_theme_waits_for_python_2_seconds_at_most(page):
    with python_loading(page):
        page.wait_for_function(THEME_RAN, timeout=5_000)
        assert mark(page, "theme") >= 2_000


def test_search_works_at_once_while_python_loads(page):
    with python_loading(page):
        search_finds(page, "slider")  # going to the search box runs the theme and builds the index now


def test_search_does_not_wait_for_python_more_than_4_seconds(page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    with python_loading(page):
        page.wait_for_timeout(4_500)
        assert [url for url in requests if "/workers/search." in url]
