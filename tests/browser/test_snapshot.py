"""The memory snapshot: demos start from it, and a missing or corrupted one falls back to a normal boot."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PYTHON_TIMEOUT, build_log
from tests.live_support import SAVE_DATA

WARNING = "could not restore the Python snapshot"


def snapshot_entry(site: Path) -> dict:
    entry = json.loads((site / "_docsgen" / "runtime" / "manifest.json").read_text())["snapshot"]
    assert entry, "the example site was built without a memory snapshot"
    return entry


def run_text_demo(page) -> str:
    page.goto("components/text/")
    section = page.get_by_role("region", name="Live demo: Text", exact=True)
    output = section.get_by_role("region", name="Output", exact=True)
    section.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(), timeout=PYTHON_TIMEOUT)
    return output.inner_text().strip()


def test_demo_runs_from_the_snapshot(page, example_site: Path):
    requests: list[str] = []
    warnings: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.route("**/*", lambda route: route.continue_())  # routing turns the HTTP cache off: a first visit
    assert run_text_demo(page) == "[HELLO WORLD]"
    pieces = [piece["url"] for piece in snapshot_entry(example_site)["pieces"]]
    assert all(any(url.endswith(piece) for url in requests) for piece in pieces)
    # Restored, not booted: no wheel is installed and the package lock is not needed.
    assert not [url for url in requests if url.endswith((".whl", "pyodide-lock.json"))]
    assert not [w for w in warnings if WARNING in w]


def test_the_build_zeroed_the_free_heap_before_saving_it(example_site: Path):
    """Garbage in freed heap blocks was a sixth of the compressed snapshot; the build says what it zeroed."""
    log = build_log(example_site).read_text()
    assert re.search(r"snapshot \w+: [\d.]+ MB memory, [\d.]+ MB gzipped .*, [\d.]+ MB of free heap zeroed", log), log


def corrupted(site: Path) -> bytes:
    """The real snapshot's first piece with Pyodide's header (magic number, build id) overwritten: it follows the
    site-packages files."""
    entry = snapshot_entry(site)
    data = bytearray(gzip.decompress((site / "_docsgen" / "runtime" / entry["pieces"][0]["url"]).read_bytes()))
    header = sum(size for _, size in entry["files"])
    data[header: header + 48] = b"\0" * 48
    return gzip.compress(bytes(data), compresslevel=1)


@pytest.mark.parametrize("damage", ["missing", "corrupted"])
def test_a_bad_snapshot_falls_back_to_a_normal_boot(page, example_site: Path, damage: str):
    entry = snapshot_entry(example_site)
    body = corrupted(example_site) if damage == "corrupted" else None
    page.route(
        f"**/{entry['pieces'][0]['url']}",
        lambda route: route.fulfill(status=404, body="") if body is None else route.fulfill(status=200, body=body),
    )
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    assert run_text_demo(page) == "[HELLO WORLD]"
    assert [m for m in messages if m.startswith("warning:") and WARNING in m], messages


def test_a_library_that_does_not_import_names_what_is_missing(page, example_site: Path):
    """Booted normally, the library's import fails on a module it needs: the demo says which, for which library."""
    manifest = json.loads((example_site / "_docsgen" / "runtime" / "manifest.json").read_text())
    del manifest["snapshot"]
    manifest["imports"] = [*manifest["imports"], "no_such_module_xyz"]
    page.route(
        "**/_docsgen/runtime/manifest.json",
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(manifest)),
    )
    page.goto("components/text/")
    section = page.get_by_role("region", name="Live demo: Text", exact=True)
    section.get_by_role("button", name="Run", exact=True).click()
    expect(section).to_contain_text("No module named 'no_such_module_xyz'", timeout=PYTHON_TIMEOUT)
    expect(section).to_contain_text(f"Cannot import {manifest['library']}")


def pyodide_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if "/_docsgen/pyodide/" in url or "/snapshot-" in url]


def test_a_demo_in_view_starts_python_while_the_page_loads(page):
    """The demo's own markup starts early.js's worker as the page is parsed; runtime.js adopts it."""
    page.set_viewport_size({"width": 1280, "height": 1200})  # the Text demo is above the fold
    page.goto("components/text/", wait_until="domcontentloaded")
    assert page.evaluate("Boolean(window.__docsgenEarly && window.__docsgenEarly.taken)")
    status = page.get_by_role("region", name="Live demo: Text", exact=True).get_by_role("status", name="Python runtime")
    page.wait_for_function("el => el.dataset.state === 'ready'", arg=status.element_handle(), timeout=PYTHON_TIMEOUT)
    assert "Python ready" in status.inner_text()
    assert run_text_demo(page) == "[HELLO WORLD]"


def test_on_save_data_a_demo_below_the_view_loads_no_python_until_it_comes_near(page):
    """A reader whose browser asks to save data downloads no Pyodide byte for a demo they do not use."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(SAVE_DATA)
    page.set_viewport_size({"width": 1280, "height": 500})  # the Text demo starts 850 px down
    page.goto("components/text/", wait_until="networkidle")
    page.wait_for_timeout(2500)  # past the idle start's longest wait
    assert pyodide_requests(requests) == []
    # early.js made the worker, in standby: it fetched its manifest, and nothing of Pyodide.
    assert page.evaluate("window.__docsgenEarly.started") is False
    assert any(url.endswith("/_docsgen/runtime/manifest.json") for url in requests)
    # The theme's search is not held back for a Python that is not loading.
    assert any("/workers/search." in url for url in requests)
    section = page.get_by_role("region", name="Live demo: Text", exact=True)
    section.scroll_into_view_if_needed()
    status = section.get_by_role("status", name="Python runtime")
    page.wait_for_function("el => el.dataset.state === 'ready'", arg=status.element_handle(), timeout=PYTHON_TIMEOUT)
    assert any(url.endswith(".wasm") for url in pyodide_requests(requests)), requests


def test_a_demo_below_the_view_has_python_started_once_the_page_is_idle(page):
    """The reader who scrolls to the demo finds Python loading or ready, not starting then."""
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto("components/text/")
    page.wait_for_function("window.__docsgenEarly.started", timeout=5_000)
    # Not while the page loads: after its load event.
    assert page.evaluate("""performance.getEntriesByName('docsgen:runtime-start')[0].startTime
        >= performance.getEntriesByType('navigation')[0].loadEventStart""")
    section = page.get_by_role("region", name="Live demo: Text", exact=True)
    assert not section.evaluate("el => { const b = el.getBoundingClientRect(); return b.top < innerHeight + 200; }")
    status = section.get_by_role("status", name="Python runtime")
    page.wait_for_function("el => el.dataset.state === 'ready'", arg=status.element_handle(), timeout=PYTHON_TIMEOUT)
    output = section.get_by_role("region", name="Output", exact=True)
    section.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(), timeout=PYTHON_TIMEOUT)
    assert output.inner_text().strip() == "[HELLO WORLD]"


def hold_snapshot(page) -> dict:
    """Hold back the snapshot's download (until ``release``): Python keeps loading meanwhile. Its pieces are
    asked for by workers of their own, the second maybe only after the release: that one goes through."""
    held: dict = {"routes": [], "released": False}
    page.route("**/snapshot-*", lambda route: route.continue_() if held["released"] else held["routes"].append(route))
    return held


def release(held: dict) -> None:
    held["released"] = True
    for route in held["routes"]:
        route.continue_()


def text_status(page):
    return page.get_by_role("region", name="Live demo: Text", exact=True).get_by_role("status", name="Python runtime")


def wait_until_ready(page) -> None:
    page.wait_for_function("el => el.dataset.state === 'ready'", arg=text_status(page).element_handle(),
                           timeout=PYTHON_TIMEOUT)


def search_finds(page, query: str) -> None:
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert query in results.first.inner_text().lower()


# Python in the worker: where CPython's Wasm trampoline is (its table slot; 0 when calls go through JavaScript).
TRAMPOLINE = """
import pyodide_js, js
m = pyodide_js._module
at = (getattr(m, "__PyRuntime") + m.HEAP32[getattr(m, "__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET") // 4]) // 4
js.globalThis.docsgenTrampoline = m.HEAP32[at]
js.globalThis.docsgenTrampolineIsWasm = bool(m.wasmTable.get(m.HEAP32[at])) if m.HEAP32[at] else False
"""


def test_a_restored_python_calls_through_cpythons_wasm_trampoline(page):
    """A snapshot made in Node records no trampoline (Node has none to give); the restore puts this boot's back,
    as a normal boot in Chromium has it, so C function pointers are not called through JavaScript."""
    assert run_text_demo(page) == "[HELLO WORLD]"
    worker = page.workers[0]
    worker.evaluate("source => self.onmessage({data: {id: -1, type: 'eval', source}})", TRAMPOLINE)
    worker.evaluate("() => new Promise((resolve) => setTimeout(resolve, 200))")
    assert worker.evaluate("self.docsgenTrampoline") > 0
    assert worker.evaluate("self.docsgenTrampolineIsWasm") is True
