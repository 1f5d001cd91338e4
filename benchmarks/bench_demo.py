"""Live-demo benchmark in real Chromium, on the example library's site served from loopback.

Side by side in one run (interleaved, so every measure sees the same machine load), each in a fresh
browser context (cold HTTP cache, like a first visit), median of N runs after one warm-up:

- first output: navigation to components/text/ -> the Text demo's output on screen, Run pressed as
  soon as the page's scripts have run (DOMContentLoaded);
- first output, Playwright-driven: the same, with Playwright driving the page. Its DevTools
  instrumentation (domains on in the page and its worker, their events handled on the same cores) adds
  160-270 ms here, so this one measures the tool as well; the time-critical measures (first output, bare
  boot, runtime alone, restore after Stop) go through a bare DevTools pipe instead (devtools_pipe.py), as a
  reader's browser has no DevTools attached;
- bare boot: navigation -> a module worker has run loadPyodide() and evaluated one expression, loading
  the very files the site vendors under _docsgen/pyodide/;
- warm Run -> output: the Text demo once Python is loaded (median of 10 presses per run);
- restore after Stop: the playground's Stop pressed -> the fresh runtime is ready again;
- next page's output: with Python loaded on one page, a click on a link to another component page -> that
  page's demo output (Run pressed as soon as it is there);
- runtime alone: the site's worker on a page with nothing else, restoring its snapshot;
- bytes: what the Text page transfers before its demo comes into view (and whether any Pyodide file is
  among it), then what the first demo adds (scroll to it, Run, output). Encoded bytes: the server sends
  the precompressed .gz copies, like a host configured as in docs/performance.md.

- first output, demo below the view: components/text/ in a 1280x600 view (about what a 1280x720 window
  shows), the demo 800 px down; the reader scrolls to it and presses Run as soon as the page's scripts have
  run (DOMContentLoaded);
- bytes of a page whose demo is not used: the same view, nothing pressed, until the network is idle (Python
  starts once the page is idle), and with the browser asking to save data (then no Pyodide byte).

And on the repository's gradio site (`mkdocs.yml`, no Pyodide distribution; its snapshot has pydantic-core's
compiled library loaded), after the example site's runs, its own measures interleaved: first output of the
Textbox demo with Run pressed at DOMContentLoaded (the demo in view), the same with the demo below the view,
a bare boot from the same files, warm Run, and the bytes of the page and its first demo. `--no-gradio`
leaves it out.

`nox -s bench` runs it; `python benchmarks/bench_demo.py --runs 5 [--write-docs]`.
`--before REF` also builds the site from git REF (with that commit's docsgen) and measures both sites side by
side in the same run, interleaved, for a before/after table.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.devtools_pipe import PipeBrowser, PipePage  # noqa: E402 - after the path is set
from tests.live_support import EXAMPLELIB, SAVE_DATA, serve  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT = 120_000
DOCS_PAGE = ROOT / "docs" / "performance.md"

BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare Pyodide boot</title><p id="out">...</p>
<script type="module">
const worker = new Worker("./bare-worker.js", { type: "module" });
worker.onmessage = (e) => { performance.mark("bare:result"); document.getElementById("out").textContent = e.data; };
</script>"""
BARE_WORKER = """import { loadPyodide } from "../pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href });
postMessage(String(py.runPython("1 + 1")));
"""

# The site's own worker on a page with nothing else: restores its snapshot and evaluates one expression.
RUNTIME_PAGE = """<!doctype html><meta charset="utf-8"><title>runtime alone</title><p id="out">...</p>
<script type="module">
const worker = new Worker("../runtime/worker.js", { type: "module" });
worker.onmessage = (e) => {
  if (e.data.id !== 1 || !("ok" in e.data)) return; // not the "started" notice
  performance.mark("runtime:result");
  document.getElementById("out").textContent = e.data.result;
};
worker.postMessage({ type: "start" });
worker.postMessage({ id: 1, type: "eval", source: "1 + 1" });
</script>"""

# In the page: press Run n times on a loaded demo, each time until its output changed (ms per press).
WARM_RUNS = """async ([name, n]) => {
  const section = document.querySelector(`[aria-label="Live demo: ${name}"]`);
  const output = section.querySelector(".dgl-output");
  const run = section.querySelector("[data-action=run]");
  const times = [];
  for (let i = 0; i < n; i++) {
    const before = output.dataset.runs;
    const start = performance.now();
    await new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (output.dataset.runs !== before) { watch.disconnect(); resolve(); }
      });
      watch.observe(output, { attributes: true });
      run.click();
    });
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}"""
# In the page: press Stop on the playground and wait until the status says the new runtime is ready.
STOP_TO_READY = """async () => {
  const root = document.querySelector("[data-docsgen-playground]");
  const status = root.querySelector(".dgl-status");
  const start = performance.now();
  const ready = new Promise((resolve) => {
    let left = false;
    const watch = new MutationObserver(() => {
      if (status.dataset.state !== "ready") left = true;
      else if (left) { watch.disconnect(); resolve(); }
    });
    watch.observe(status, { attributes: true });
  });
  root.querySelector("[data-action=stop]").click();
  await ready;
  return performance.now() - start;
}"""


def add_bench_pages(out: Path) -> None:
    bench = out / "_docsgen" / "bench"
    bench.mkdir(parents=True, exist_ok=True)
    (bench / "bare.html").write_text(BARE_PAGE)
    (bench / "bare-worker.js").write_text(BARE_WORKER)
    (bench / "runtime.html").write_text(RUNTIME_PAGE)


def build_gradio_site(out: Path) -> None:
    """The repository's own gradio site, as `nox -s build` makes it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                   check=True, env=env, cwd=ROOT)
    add_bench_pages(out)


def build_site(out: Path, url: str, root: Path = ROOT) -> None:
    """The example library's site, built with the docsgen (and example library) of the tree at ``root``.

    ``url``: where it is served (its site_url: mkdocs-material's instant navigation needs it).
    """
    examplelib = root / EXAMPLELIB.relative_to(ROOT)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=os.pathsep.join([str(root), str(examplelib / "src")]),
               DOCSGEN_SITE_URL=url)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(examplelib / "mkdocs.yml"), "-d", str(out)]
    subprocess.run(command, check=True, env=env, cwd=root)  # cwd: `python -m` puts it first on sys.path
    add_bench_pages(out)


class Traffic:
    """Every request of a browser context (workers' too), for encoded bytes on the wire."""

    def __init__(self, context):
        self.requests = []
        context.on("requestfinished", lambda request: self.requests.append(request))

    def mark(self) -> int:
        return len(self.requests)

    def bytes_since(self, mark: int = 0) -> int:
        total = 0
        for request in self.requests[mark:]:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total

    def urls_since(self, mark: int = 0) -> list[str]:
        return [r.url for r in self.requests[mark:]]


def chromium_cpu_ms() -> float:
    """CPU time used so far by every Chromium process on this machine (Linux /proc), in ms."""
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if "chrom" not in os.path.basename(os.readlink(f"/proc/{pid}/exe")):
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total * 1000 / os.sysconf("SC_CLK_TCK")


def wait_until_idle() -> None:
    """Until Chromium is idle: under 10 % of a core for 200 ms, at most 5 s.

    Headless Chromium builds its own interface (the omnibox's WebUI pages, about 0.5 s of CPU here) for every
    new window, in the first second after it opens: a reader's browser did that long before they followed a
    link. Waiting keeps that work out of the measures.
    """
    deadline = time.monotonic() + 5
    last = chromium_cpu_ms()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = chromium_cpu_ms()
        if now - last < 20:
            break
        last = now


def fresh_page(browser, **options):
    """A Playwright page in a new context (cold HTTP cache), once the browser has finished setting up its window."""
    context = browser.new_context(**options)
    page = context.new_page()
    wait_until_idle()
    return context, page


def pipe_page(browser: PipeBrowser, init_script: str | None = None) -> PipePage:
    """The same through the bare DevTools pipe: a page in a new context, 1280x720, Chromium idle."""
    page = browser.new_page(init_script=init_script)
    wait_until_idle()
    return page


def demo_section(page, name: str = "Text"):
    return page.get_by_role("region", name=f"Live demo: {name}", exact=True)


# In the page, once mkdocs-material's bundle has run (it defines document$): when its scripts had run. On a
# page whose demo starts with it, docsgen runs them later and marks when (early.js); else they run before
# DOMContentLoaded.
THEME_RAN = """(performance.getEntriesByName('docsgen:theme')[0]
    || {startTime: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart}).startTime"""


# In the page, before its own scripts: the reader scrolls to the demo and presses Run as soon as the page's
# scripts have run.
SCROLL_AND_PRESS_RUN_IN = """addEventListener("DOMContentLoaded", () => setTimeout(() => {{
  const section = document.querySelector('[aria-label="Live demo: {}"]');
  section.scrollIntoView();
  section.querySelector('[data-action=run]').click();
}}));"""
BELOW_THE_VIEW = {"width": 1280, "height": 600}  # the demos start about 800 px down the page
# In the page, before its own scripts: the reader presses Run as soon as the page's scripts have run.
PRESS_RUN_IN = """addEventListener("DOMContentLoaded", () => setTimeout(() => {{
  document.querySelector('[aria-label="Live demo: {}"] [data-action=run]').click();
}}));"""
PRESS_RUN = PRESS_RUN_IN.format("Text")
MARK_TIME = "(performance.getEntriesByName({!r})[0] || {{startTime: null}}).startTime"


def first_output(browser: PipeBrowser, url: str) -> tuple[float, float | None, float]:
    """ms to the first output, to when the page started Python (None if the site does not say), and to when
    the theme's scripts had run."""
    page = pipe_page(browser, PRESS_RUN)
    page.goto(url + "components/text/")
    ms = page.wait_for(MARK_TIME.format("docsgen:first-output"))
    started = page.evaluate(MARK_TIME.format("docsgen:runtime-start"))
    output = page.evaluate("""document.querySelector('[aria-label="Live demo: Text"] .dgl-output').innerText.trim()""")
    assert output == "[HELLO WORLD]", output
    page.wait_for("typeof window.document$ !== 'undefined'")
    theme = page.evaluate(THEME_RAN)
    page.close()
    return ms, started, theme


def first_output_below(browser: PipeBrowser, url: str, path: str = "components/text/", name: str = "Text") -> float:
    """ms to the first output of a demo below the view, the reader scrolling to it and pressing Run at once."""
    page = browser.new_page(init_script=SCROLL_AND_PRESS_RUN_IN.format(name), **BELOW_THE_VIEW)
    wait_until_idle()
    page.goto(url + path)
    ms = page.wait_for(MARK_TIME.format("docsgen:first-output"), timeout=300)
    state = page.evaluate(f"""document.querySelector('[aria-label="Live demo: {name}"] .dgl-output').dataset.state""")
    assert state == "done", state
    page.close()
    return ms


def unused_demo_bytes(browser, url: str) -> float:
    """Bytes of components/text/ read in a 1280x600 view, its demo below it never used (not saving data)."""
    context, page = fresh_page(browser, viewport=BELOW_THE_VIEW)
    traffic = Traffic(context)
    page.goto(url + "components/text/", wait_until="networkidle")
    page.wait_for_function("window.__docsgenEarly.started", timeout=10_000)
    page.wait_for_timeout(2500)  # past the idle start's longest wait
    page.wait_for_load_state("networkidle")
    total = traffic.bytes_since()
    context.close()
    return total


def first_output_playwright(browser, url: str) -> float:
    """ms to the first output as above, with Playwright driving the page (and instrumenting its worker)."""
    context, page = fresh_page(browser)
    page.goto(url + "components/text/", wait_until="domcontentloaded")
    section = demo_section(page)
    section.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function("performance.getEntriesByName('docsgen:first-output').length > 0", timeout=TIMEOUT)
    ms = page.evaluate(MARK_TIME.format("docsgen:first-output"))
    assert section.get_by_role("region", name="Output", exact=True).inner_text().strip() == "[HELLO WORLD]"
    context.close()
    return ms


def one_expression(browser: PipeBrowser, url: str, page_name: str) -> float:
    """ms from navigation to `1 + 1` evaluated by a bare Pyodide boot ("bare") or the site's worker ("runtime")."""
    page = pipe_page(browser)
    page.goto(url + f"_docsgen/bench/{page_name}.html")
    ms = page.wait_for(MARK_TIME.format(f"{page_name}:result"))
    assert page.evaluate("document.getElementById('out').textContent") == "2"
    page.close()
    return ms


def warm_and_bytes(browser, url: str) -> dict[str, float]:
    """Bytes before the demo is in view, bytes of the first demo, then warm Run -> output."""
    # The Text demo starts 850 px down the page: with 600 px (and the 200 px look-ahead) it is not near
    # the view, so this is a reader still on the reference part of the page.
    context, page = fresh_page(browser, viewport=BELOW_THE_VIEW)
    context.add_init_script(SAVE_DATA)  # else Python starts once the page is idle (unused_demo_bytes)
    traffic = Traffic(context)
    page.goto(url + "components/text/", wait_until="networkidle")
    page.wait_for_timeout(300)  # anything lazy that would still start
    before = traffic.bytes_since()
    pyodide_before = [u for u in traffic.urls_since() if "/_docsgen/pyodide/" in u or "snapshot-" in u]
    mark = traffic.mark()
    section = demo_section(page)
    output = section.get_by_role("region", name="Output", exact=True)
    section.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(), timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    first_demo = traffic.bytes_since(mark)
    warm = page.evaluate(WARM_RUNS, ["Text", 10])
    context.close()
    return {"before": before, "pyodide files before": len(pyodide_before), "first demo": first_demo,
            "warm": statistics.median(warm)}


def after_link(browser, url: str) -> float:
    """ms from a click on a link to another component page until its demo's output is on screen.

    The reader has Python loaded on the Text page; the link is the navigation's "Number". With the theme's
    instant navigation the page's content is swapped and Python carries over; without it, a new page loads
    and its demo starts Python from the snapshot again.
    """
    context, page = fresh_page(browser, viewport={"width": 1280, "height": 1200})
    page.goto(url + "components/text/")
    status = demo_section(page).get_by_role("status", name="Python runtime")
    page.wait_for_function("el => el.dataset.state === 'ready'", arg=status.element_handle(), timeout=TIMEOUT)
    page.wait_for_function("typeof window.document$ !== 'undefined'")  # the theme's instant navigation is on
    page.wait_for_timeout(500)  # the theme's deferred search index, the Wasm tier-up: a reader reads first
    link = page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Number", exact=True)
    start = time.monotonic()
    link.click()
    section = demo_section(page, "Number")
    output = section.get_by_role("region", name="Output", exact=True)
    section.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(), timeout=TIMEOUT)
    ms = (time.monotonic() - start) * 1000
    assert page.url.endswith("/components/number/")
    context.close()
    return ms


def stop_restore(browser: PipeBrowser, url: str) -> float:
    """The playground after Stop: ms until its fresh runtime is ready (HTTP cache warm, as for a reader)."""
    page = pipe_page(browser)
    page.goto(url + "playground/")
    page.wait_for("document.querySelector('[data-docsgen-playground]')?.dataset.ready === 'true'")
    page.evaluate("document.querySelector('[data-docsgen-playground] [data-action=run]').click()")
    page.wait_for("document.querySelector('[data-docsgen-playground] .dgl-status').dataset.state === 'ready'")
    ms = page.evaluate(f"({STOP_TO_READY})()")
    page.close()
    return ms


MEASURES = {
    "first output (ms)": "navigation -> Text demo output, Run pressed at DOMContentLoaded",
    "first output, Playwright-driven (ms)": "the same, Playwright instrumenting the page and its worker",
    "Python started at (ms)": "navigation -> the page starts the runtime's worker (same runs)",
    "theme's scripts ran at (ms)": "navigation -> mkdocs-material's bundle has run (same runs)",
    "runtime alone (ms)": "navigation -> the site's worker evaluated `1 + 1`, on a page with nothing else",
    "bare Pyodide boot (ms)": "navigation -> loadPyodide() + `1 + 1` in a module worker",
    "warm Run -> output (ms)": "Text demo, Python loaded (median of 10 presses)",
    "next page's output (ms)": "Python loaded on the Text page: click the link to Number, Run -> output",
    "restore after Stop (ms)": "playground: Stop -> fresh runtime ready",
    "first output, demo below the view (ms)": "navigation -> Text demo output, 1280x600 view, the reader scrolling"
                                              " to the demo and pressing Run at DOMContentLoaded",
    "bytes before any demo (kB)": "components/text/ loaded in a 1280x600 view, demo below it, browser saving data",
    "Pyodide files before any demo": "requests to _docsgen/pyodide/ or the snapshot (same runs)",
    "bytes of the first demo (kB)": "scroll to the demo, Run, output",
    "bytes of a page whose demo is not used (kB)": "the same page and view, not saving data: Python starts once"
                                                   " the page is idle",
}


GRADIO_MEASURES = {
    "first output (ms)": "navigation -> Textbox demo output, Run pressed at DOMContentLoaded",
    "first output, demo below the view (ms)": "the same in a 1280x600 view, the reader scrolling to the demo and"
                                              " pressing Run at DOMContentLoaded",
    "bare Pyodide boot (ms)": "navigation -> loadPyodide() + `1 + 1`, the same Pyodide files",
    "warm Run -> output (ms)": "Textbox demo, gradio imported (median of 10 presses)",
    "bytes of the page (kB)": "components/textbox/ in a 1280x720 view, before Run",
    "bytes of the first demo (kB)": "Run -> output: Pyodide, the snapshot",
}


def gradio_first_output(browser: PipeBrowser, url: str) -> float:
    page = pipe_page(browser, PRESS_RUN_IN.format("Textbox"))
    page.goto(url + "components/textbox/")
    ms = page.wait_for(MARK_TIME.format("docsgen:first-output"), timeout=300)
    state = page.evaluate("""document.querySelector('[aria-label="Live demo: Textbox"] .dgl-output').dataset.state""")
    assert state == "done", state
    page.close()
    return ms


def gradio_warm_and_bytes(browser, url: str) -> dict[str, float]:
    context, page = fresh_page(browser)
    traffic = Traffic(context)
    page.goto(url + "components/textbox/", wait_until="networkidle")
    before = traffic.bytes_since()
    mark = traffic.mark()
    section = demo_section(page, "Textbox")
    output = section.get_by_role("region", name="Output", exact=True)
    section.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(), timeout=300_000)
    assert output.get_attribute("data-state") == "done", output.inner_text()
    page.wait_for_load_state("networkidle")
    first_demo = traffic.bytes_since(mark)
    warm = page.evaluate(WARM_RUNS, ["Textbox", 10])
    context.close()
    return {"page": before, "first demo": first_demo, "warm": statistics.median(warm)}


def measure_gradio(url: str, runs: int) -> dict[str, list[float]]:
    """The gradio site's measures, interleaved within each run."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    result: dict[str, list[float]] = {name: [] for name in GRADIO_MEASURES}
    pipe = PipeBrowser(chromium, CHROMIUM_ARGS)
    with sync_playwright() as playwright, contextlib.closing(pipe):
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        gradio_first_output(pipe, url)  # warm-up
        for _ in range(runs):
            result["first output (ms)"].append(gradio_first_output(pipe, url))
            result["first output, demo below the view (ms)"].append(first_output_below(pipe, url, "components/textbox/",
                                                                                      "Textbox"))
            result["bare Pyodide boot (ms)"].append(one_expression(pipe, url, "bare"))
            other = gradio_warm_and_bytes(browser, url)
            result["warm Run -> output (ms)"].append(other["warm"])
            result["bytes of the page (kB)"].append(other["page"] / 1000)
            result["bytes of the first demo (kB)"].append(other["first demo"] / 1000)
        browser.close()
    return result


def gradio_table(result: dict[str, list[float]]) -> list[str]:
    lines = ["| gradio site | median | runs | what |", "|---|---:|---|---|"]
    for name, what in GRADIO_MEASURES.items():
        lines.append(f"| {name} | {_median(result[name])} | {', '.join(f'{s:.0f}' for s in result[name])} | {what} |")
    lines.append(f"| first output / bare boot | {_ratio(result):.2f} | | ratio of the medians |")
    return lines


def measure(urls: list[str], runs: int) -> list[dict[str, list[float]]]:
    """Every measure for each site in ``urls``, the sites interleaved within each run."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    results: list[dict[str, list[float]]] = [{name: [] for name in MEASURES} for _ in urls]
    pipe = PipeBrowser(chromium, CHROMIUM_ARGS)
    with sync_playwright() as playwright, contextlib.closing(pipe):
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for url in urls:  # warm-up: OS file cache, Chromium's start-up
            first_output(pipe, url)
            first_output_playwright(browser, url)
            one_expression(pipe, url, "bare")
        for _ in range(runs):
            for url, result in zip(urls, results, strict=True):
                ms, started, theme = first_output(pipe, url)
                result["first output (ms)"].append(ms)
                if started is not None:
                    result["Python started at (ms)"].append(started)
                result["theme's scripts ran at (ms)"].append(theme)
                result["first output, Playwright-driven (ms)"].append(first_output_playwright(browser, url))
                result["runtime alone (ms)"].append(one_expression(pipe, url, "runtime"))
                result["bare Pyodide boot (ms)"].append(one_expression(pipe, url, "bare"))
                other = warm_and_bytes(browser, url)
                result["warm Run -> output (ms)"].append(other["warm"])
                result["bytes before any demo (kB)"].append(other["before"] / 1000)
                result["Pyodide files before any demo"].append(other["pyodide files before"])
                result["bytes of the first demo (kB)"].append(other["first demo"] / 1000)
                result["restore after Stop (ms)"].append(stop_restore(pipe, url))
                result["first output, demo below the view (ms)"].append(first_output_below(pipe, url))
                result["bytes of a page whose demo is not used (kB)"].append(unused_demo_bytes(browser, url) / 1000)
                result["next page's output (ms)"].append(after_link(browser, url))
        version = browser.version
        browser.close()
    for result in results:
        result["_chromium"] = version  # type: ignore[assignment]
    return results


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.0f}" if samples else "n/a"


def _ratio(result: dict[str, list[float]]) -> float:
    return statistics.median(result["first output (ms)"]) / statistics.median(result["bare Pyodide boot (ms)"])


def table(results: dict[str, list[float]]) -> list[str]:
    lines = ["| measure | median | runs | what |", "|---|---:|---|---|"]
    for name, what in MEASURES.items():
        samples = results[name]
        runs = ", ".join(f"{s:.0f}" for s in samples)
        lines.append(f"| {name} | {_median(samples)} | {runs} | {what} |")
    lines.append(f"| first output / bare boot | {_ratio(results):.2f} | | ratio of the medians |")
    return lines


def compare_table(before: dict[str, list[float]], after: dict[str, list[float]], ref: str) -> list[str]:
    lines = [f"| measure | before ({ref}) | after | what |", "|---|---:|---:|---|"]
    for name, what in MEASURES.items():
        lines.append(f"| {name} | {_median(before[name])} | {_median(after[name])} | {what} |")
    lines.append(f"| first output / bare boot | {_ratio(before):.2f} | {_ratio(after):.2f} | ratio of the medians |")
    return lines


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def checkout(ref: str, tmp: Path) -> Path:
    """The tree of commit ``ref`` (its own docsgen, plugin and runtime), in ``tmp``."""
    tree = tmp / "before-tree"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    names = [line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")] \
        if cpuinfo.exists() else []
    if names:
        cpu = names[0].split(":", 1)[1].strip()
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def write_docs(lines: list[str], runs: int, chromium: str, load: str, gradio: list[str] | None = None) -> None:
    today = datetime.date.today().isoformat()
    text = DOCS_PAGE.read_text() if DOCS_PAGE.exists() else ""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    block = "\n".join([
        start,
        f"Measured on {today} by `nox -s bench` (`benchmarks/bench_demo.py`): {machine()}; headless Chromium "
        f"{chromium}; the example library's site served from loopback by `docsgen.bundle.serve`. Median of "
        f"{runs} runs each after one warm-up, the measures interleaved so they share the machine's load; "
        f"{load}.",
        "",
        *lines,
        *(["", "The repository's gradio site (gradio 6.31.0, no Pyodide distribution), measured next:",
           "", *gradio] if gradio else []),
        end,
    ])
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOCS_PAGE.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", metavar="REF", help="also measure the site as git REF built it, side by side")
    parser.add_argument("--write-docs", action="store_true", help=f"update the table in {DOCS_PAGE}")
    parser.add_argument("--no-gradio", action="store_true", help="leave out the gradio site's measures")
    args = parser.parse_args()
    load_start = load_average()
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        trees = [checkout(args.before, Path(tmp)), ROOT] if args.before else [ROOT]
        urls = []
        for number, tree in enumerate(trees):
            site = Path(tmp) / f"site-{number}"
            site.mkdir()
            urls.append(stack.enter_context(serve(site)))  # files are read per request: build it now
            build_site(site, urls[-1], tree)
        results = measure(urls, args.runs)
        gradio = None
        if not args.no_gradio:
            gradio_site = Path(tmp) / "gradio-site"
            gradio_url = stack.enter_context(serve(gradio_site))
            build_gradio_site(gradio_site)
            gradio = gradio_table(measure_gradio(gradio_url, args.runs))
    chromium = results[-1].pop("_chromium")
    load = f"load average {load_start} at the start, {load_average()} at the end"
    print(f"\nLive demos, headless Chromium {chromium}, {machine()}, median of {args.runs}; {load}")
    if args.before:
        results[0].pop("_chromium")
        print("\n".join(compare_table(results[0], results[1], args.before)))
        print()
    lines = table(results[-1])
    print("\n".join(lines))
    if gradio:
        print("\n" + "\n".join(gradio))
    if args.write_docs:
        write_docs(lines, args.runs, str(chromium), load, gradio)
        print(f"written to {DOCS_PAGE}")


if __name__ == "__main__":
    main()
