"""The memory snapshot: demos start from it, and a missing or corrupted one falls back to a normal boot."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.browser.conftest import PYTHON_TIMEOUT

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
    assert any(url.endswith(snapshot_entry(example_site)["url"]) for url in requests)
    # Restored, not booted: no wheel is installed and the package lock is not needed.
    assert not [url for url in requests if url.endswith((".whl", "pyodide-lock.json"))]
    assert not [w for w in warnings if WARNING in w]


def corrupted(site: Path) -> bytes:
    """The real snapshot with its header (magic number, Pyodide build id) overwritten."""
    entry = snapshot_entry(site)
    data = bytearray(gzip.decompress((site / "_docsgen" / "runtime" / entry["url"]).read_bytes()))
    data[:48] = b"\0" * 48
    return gzip.compress(bytes(data), compresslevel=1)


@pytest.mark.parametrize("damage", ["missing", "corrupted"])
def test_a_bad_snapshot_falls_back_to_a_normal_boot(page, example_site: Path, damage: str):
    entry = snapshot_entry(example_site)
    body = corrupted(example_site) if damage == "corrupted" else None
    page.route(
        f"**/{entry['url']}",
        lambda route: route.fulfill(status=404, body="") if body is None else route.fulfill(status=200, body=body),
    )
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    assert run_text_demo(page) == "[HELLO WORLD]"
    assert [m for m in messages if m.startswith("warning:") and WARNING in m], messages
