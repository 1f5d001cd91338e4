"""The benchmark's bare DevTools driver (benchmarks/devtools_pipe.py) against the real example site.

The benchmark's time-critical measures go through it, so it must press Run the way they say and fail
loudly, naming what it waited for, rather than time something else.
"""

from __future__ import annotations

import pytest

from benchmarks.bench_demo import first_output
from benchmarks.devtools_pipe import DevToolsError, PipeBrowser
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def pipe_browser():
    browser = PipeBrowser(CHROMIUM, CHROMIUM_ARGS)
    yield browser
    browser.close()


def test_the_first_output_is_timed_on_the_demos_real_answer(pipe_browser, served_example):
    _, url = served_example
    ms, started, theme = first_output(pipe_browser, url)  # asserts the demo showed "[HELLO WORLD]"
    assert started is not None and 0 < started < ms, (started, ms)
    assert theme > 0


def test_errors_in_the_page_and_timeouts_name_what_went_wrong(pipe_browser):
    page = pipe_browser.new_page(init_script="window.early = document.readyState;")
    page.goto("data:text/html,<title>t</title><p id=out>2</p>")
    assert page.wait_for("document.getElementById('out')?.textContent") == "2"
    assert page.evaluate("window.early") == "loading"  # the init script ran before the page's own content
    with pytest.raises(DevToolsError, match="ReferenceError: missing is not defined"):
        page.evaluate("missing()")
    with pytest.raises(DevToolsError, match=r"waiting for window\.never"):
        page.wait_for("window.never", timeout=0.2)
    page.close()
