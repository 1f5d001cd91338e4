"""Real Chromium (Debian's, driven by Playwright) against the example library's site on loopback.

Every page is watched: a request to any host but the local server fails the test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import run_mkdocs
from tests.live_support import EXAMPLELIB, EXAMPLELIB_SRC, serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Chromium runs fully sandboxed frames (opaque origin) in their own process, and Playwright's routing
    # then misses their requests: keep them in the page's process so the guard below sees everything.
    "--disable-features=IsolateSandboxedIframes",
]
PYTHON_TIMEOUT = 90_000  # ms: a cold Pyodide boot on 2 busy cores, with margin


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def served_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The example library's site built with the real plugin (live demos on), served on loopback.

    Built for the address it is served at (its site_url): mkdocs-material's instant navigation follows
    only links that its sitemap lists, and the sitemap's addresses come from site_url.
    """
    site = tmp_path_factory.mktemp("example-site")
    with serve(site) as url:  # files are read per request: the site can be built after the server starts
        result = run_mkdocs(EXAMPLELIB / "mkdocs.yml", site, extra_path=EXAMPLELIB_SRC,
                            env={"DOCSGEN_SITE_URL": url})
        assert result.returncode == 0, result.stderr[-4000:]
        assert (site / "_docsgen" / "runtime" / "manifest.json").is_file(), result.stderr[-4000:]
        build_log(site).write_text(result.stderr)
        yield site, url


def build_log(site: Path) -> Path:
    """What `mkdocs build` said while building ``site`` (kept next to it, not in it)."""
    return site.with_name(f"{site.name}.log")


@pytest.fixture(scope="session")
def example_site(served_example: tuple[Path, str]) -> Path:
    return served_example[0]


@pytest.fixture(scope="session")
def site_url(served_example: tuple[Path, str]) -> str:
    return served_example[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


FOREIGN: list[str] = []


@pytest.fixture(scope="session")
def context(browser, site_url: str) -> Iterator[object]:
    """One context for the session, like one reader: its HTTP and compiled-Wasm caches are shared.

    Every request to a host other than the local server is aborted and recorded.
    """
    context = guarded_context(browser, site_url)
    yield context
    context.close()


@contextmanager
def served_context(browser, folder: Path) -> Iterator[object]:
    """``folder`` served on loopback, and a guarded browser context for it (closed after)."""
    with serve(folder) as url:
        context = guarded_context(browser, url)
        yield context
        context.close()


def guarded_context(browser, site_url: str):
    """A browser context in which a request to any host but the site's is aborted and put in FOREIGN.

    Routing sees the requests of pages, frames (sandboxed ones too) and workers alike:
    tests/browser/test_hostile_demos.py checks that it does.
    """
    local = urlsplit(site_url).netloc
    context = browser.new_context(base_url=site_url)

    def guard(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != local:
            FOREIGN.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    return context


@pytest.fixture
def page(context) -> Iterator[object]:
    """A fresh page; a request to another host or an uncaught error fails the test."""
    yield from watched_page(context)


def watched_page(context) -> Iterator[object]:
    FOREIGN.clear()
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(30_000)
    yield page
    page.close()
    assert FOREIGN == [], f"requests left the local server: {FOREIGN}"
    assert errors == [], f"uncaught errors in the page: {errors}"
