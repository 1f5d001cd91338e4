"""Live-demo benchmark in real Chromium: first demo output vs a bare Pyodide boot, same vendored files.

Builds the example library's site, serves it from loopback and measures, in fresh browser contexts
(cold HTTP cache, like a first visit), median of N runs after one warm-up:

- first output: navigation start -> the Text demo's output on screen, Run pressed as soon as it exists;
- bare boot: navigation start -> a module worker has run loadPyodide() and evaluated one expression,
  loading the very files the site vendors under _docsgen/pyodide/.

Run with `nox -s bench` (or `python benchmarks/bench_demo.py --runs 5`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_support import EXAMPLELIB, EXAMPLELIB_SRC, serve  # noqa: E402 - after the path is set

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare Pyodide boot</title><p id="out">...</p>
<script type="module">
const worker = new Worker("./bare-worker.js", { type: "module" });
worker.onmessage = (e) => { performance.mark("bare:result"); document.getElementById("out").textContent = e.data; };
</script>"""
BARE_WORKER = """import { loadPyodide } from "../pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href });
postMessage(String(py.runPython("1 + 1")));
"""


def build_site(out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(EXAMPLELIB_SRC))
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(EXAMPLELIB / "mkdocs.yml"), "-d", str(out)]
    subprocess.run(command, check=True, env=env)
    bench = out / "_docsgen" / "bench"
    bench.mkdir(parents=True, exist_ok=True)
    (bench / "bare.html").write_text(BARE_PAGE)
    (bench / "bare-worker.js").write_text(BARE_WORKER)


def first_output(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "components/text/", wait_until="commit")
    section = page.get_by_role("region", name="Live demo: Text", exact=True)
    section.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function("performance.getEntriesByName('docsgen:first-output').length > 0", timeout=120_000)
    ms = page.evaluate("performance.getEntriesByName('docsgen:first-output')[0].startTime")
    assert section.get_by_role("region", name="Output", exact=True).inner_text().strip() == "[HELLO WORLD]"
    context.close()
    return ms


def bare_boot(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "_docsgen/bench/bare.html", wait_until="commit")
    page.wait_for_function("performance.getEntriesByName('bare:result').length > 0", timeout=120_000)
    ms = page.evaluate("performance.getEntriesByName('bare:result')[0].startTime")
    assert page.text_content("#out") == "2"
    context.close()
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            first_output(browser, url)  # warm-up: OS file cache, Chromium's start-up
            results = {"first demo output": [], "bare Pyodide boot": []}
            for _ in range(args.runs):  # interleaved, so both see the same machine load
                results["first demo output"].append(first_output(browser, url))
                results["bare Pyodide boot"].append(bare_boot(browser, url))
            browser.close()
    print(f"\nLive demos, Chromium headless, {os.cpu_count()} cores, median of {args.runs} (ms from navigation)")
    print(f"{'measure':<20} {'median':>8}   runs")
    for name, samples in results.items():
        runs = ", ".join(f"{s:.0f}" for s in samples)
        print(f"{name:<20} {statistics.median(samples):>8.0f}   {runs}")
    ratio = statistics.median(results["first demo output"]) / statistics.median(results["bare Pyodide boot"])
    print(f"first output / bare boot: {ratio:.2f}")


if __name__ == "__main__":
    main()
