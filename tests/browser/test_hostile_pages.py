"""The hostile library's pages in real Chromium: nothing from the library runs."""

from __future__ import annotations

import pytest

from tests.live_support import serve
from tests.test_hostile_reference import build_hostile_site

# Fires the events an injected handler would wait for, on every element of the page at once.
HOVER_EVERYTHING = """() => {
  for (const element of document.querySelectorAll("body *")) {
    for (const type of ["mouseover", "mouseenter", "focus", "animationstart"]) {
      element.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """The hostile site with the theme's overrides, "What changed" and mike's version provider."""
    site, result = build_hostile_site(tmp_path_factory.mktemp("hostilelib-versioned"))
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(site) as url:
        yield url, site


def test_no_script_from_the_library_runs_on_any_page(browser, hostile_url):
    url, site = hostile_url
    paths = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    context = browser.new_context()
    page = context.new_page()
    try:
        for path in paths:
            page.goto(url + ("" if path == "." else path + "/"))
            page.wait_for_load_state("load")
            page.evaluate(HOVER_EVERYTHING)
            assert page.evaluate("window.__pwned") is None, path
        page.goto(url + "components/evil/")
        page.keyboard.press("/")
        page.keyboard.type("pwned")
        page.wait_for_timeout(1500)
        assert page.evaluate("window.__pwned") is None, "search results"
    finally:
        context.close()
