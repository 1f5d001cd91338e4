"""Many versions, one runtime, in Chromium: after `mike delete` of one version, the other's live demo still
runs from the files it shares with it (docsgen.versions.share_files, docs/versions.md).

Real parts: the example library's site with live demos deployed twice with real `mike deploy`, each deploy
followed by the sharing that `nox -s versions` does, then `mike delete` of the first version and the pruning
that follows it. The branch is checked out as a static host gets it (`git archive`, links kept as links) and
served on loopback by docsgen's server, which follows the links; the remaining version's Text demo runs in
real Chromium and no request may fail.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from docsgen.versions import STORE, share_files
from tests.browser.conftest import PYTHON_TIMEOUT, served_context, watched_page
from tests.versions_support import checkout, example_repo, mike

pytestmark = pytest.mark.slow

OLD, NEW = "1.0", "2.0"


@pytest.fixture(scope="module")
def remaining_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checked-out gh-pages tree after deploying OLD and NEW and deleting OLD."""
    repo = example_repo(tmp_path_factory.mktemp("share-demo") / "repo")
    for version in (OLD, NEW):
        mike(repo, "deploy", version)
        share_files(repo)  # as `nox -s versions` does after each deploy
    mike(repo, "delete", OLD)
    assert share_files(repo).stored > 0  # what NEW still links to stays in the store
    site = checkout(repo, tmp_path_factory.mktemp("share-demo-site"))
    assert not (site / OLD).exists()
    wasm = site / NEW / "_docsgen" / "pyodide" / "pyodide.asm.wasm"
    assert wasm.is_symlink() and os.readlink(wasm).startswith(f"../../../{STORE}/")
    return site


@pytest.fixture(scope="module")
def demo_run(browser, remaining_site: Path) -> dict:
    """The remaining version's Text demo run once in Chromium: its output, failed requests, paths served."""
    with served_context(browser, remaining_site) as context:
        failed: list[tuple[str, str]] = []
        served: list[str] = []
        # On the context: these events cover the page's worker as well as the page.
        context.on("requestfailed", lambda r: failed.append((urlsplit(r.url).path, str(r.failure))))
        context.on("response", lambda r: failed.append((urlsplit(r.url).path, f"HTTP {r.status}"))
                   if r.status >= 400 else None)
        context.on("requestfinished", lambda r: served.append(urlsplit(r.url).path))
        for page in watched_page(context):  # a request to another host or an uncaught error fails the test
            page.goto(f"{NEW}/components/text/")
            section = page.get_by_role("region", name="Live demo: Text", exact=True)
            output = section.get_by_role("region", name="Output", exact=True)
            section.get_by_role("button", name="Run", exact=True).click()
            page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(),
                                   timeout=PYTHON_TIMEOUT)
            result = {"state": output.get_attribute("data-state"), "text": output.inner_text().strip()}
            page.wait_for_load_state("networkidle")
    return {**result, "failed": failed, "served": served}


def test_remaining_versions_demo_runs_on_shared_files_after_mike_delete(demo_run: dict, remaining_site: Path):
    assert demo_run["state"] == "done", demo_run["text"]
    assert demo_run["text"] == "[HELLO WORLD]"
    assert demo_run["failed"] == []
    # The demo ran on files that are links into the store: Pyodide's core among them.
    linked = sorted({path for path in demo_run["served"] if (remaining_site / path.lstrip("/")).is_symlink()})
    assert f"/{NEW}/_docsgen/pyodide/pyodide.asm.wasm" in linked, linked

