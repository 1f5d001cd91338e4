"""The repository's gradio site in real Chromium: no request leaves it, and component pages' live demos run
gradio's real code (numpy, pandas and pillow are stand-ins: the site is built without the Pyodide
distribution). tests/browser/test_gradio_demos.py runs every component in the playground."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import served_context, watched_page
from tests.browser.test_gradio_demos import GRADIO_IMPORT_TIMEOUT, cpython_round_trip

gradio = pytest.importorskip("gradio")

# The video the build puts in place of gradio's remote example (docsgen/runtime/sample_media/sample.mp4).
SAMPLE_VIDEO = {"videoWidth": 96, "videoHeight": 64}


@pytest.fixture(scope="module")
def gradio_context(browser, gradio_site):
    with served_context(browser, gradio_site) as context:
        yield context


@pytest.fixture
def page(gradio_context):
    """A fresh page; a request off the site or an uncaught error in the page fails the test."""
    for page in watched_page(gradio_context):
        page.set_default_timeout(60_000)
        yield page


def run_demo(page, component: str):
    """Press the component page's Run and wait for its first output; the demo's region."""
    demo = page.get_by_role("region", name=f"Live demo: {component}")
    demo.get_by_role("button", name="Run", exact=True).click()
    output = demo.get_by_role("region", name="Output", exact=True)
    page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(),
                           timeout=GRADIO_IMPORT_TIMEOUT)
    return demo, output


def final_payload(demo, stage: str = "Payload after postprocess"):
    item = demo.get_by_role("list", name="Data flow").get_by_role("listitem", name=stage)
    return json.loads(item.locator("pre").inner_text())


def test_reference_pages_make_no_request_to_another_host(page):
    for path in ["", "components/", "components/events/", "components/textbox/", "building/blocks/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")


def test_textbox_page_runs_gradios_textbox(page):
    page.goto("components/textbox/")
    demo = page.get_by_role("region", name="Live demo: Textbox")
    assert not demo.get_by_role("note").is_visible()  # nothing is missing
    demo.get_by_role("textbox", name="Textbox", exact=True).fill("Hello from the browser")
    demo, output = run_demo(page, "Textbox")
    assert output.get_attribute("data-state") == "done", output.inner_text()
    assert final_payload(demo) == cpython_round_trip(gradio.Textbox, "Hello from the browser")
    assert "Hello from the browser" in output.inner_text()


def test_video_page_plays_the_file_gradio_returns(page):
    """Files live in the worker: the output's video (and the input's sample, once Python has it) are played
    from the bytes the worker sends, not fetched from anywhere."""
    page.goto("components/video/")
    demo, output = run_demo(page, "Video")
    assert output.get_attribute("data-state") == "done", output.inner_text()
    payload = final_payload(demo)
    assert payload == cpython_round_trip(gradio.Video, final_payload(demo, "Payload from the browser"))
    assert payload["path"].endswith("/sample.mp4") and payload["url"] is None  # a file in the worker
    for where in (output, demo.locator("[data-role=inputs]")):
        video = where.locator("video")
        video.wait_for()
        assert video.get_attribute("src").startswith("blob:")
        page.wait_for_function("v => v.readyState >= 1", arg=video.element_handle())
        assert video.evaluate("v => ({videoWidth: v.videoWidth, videoHeight: v.videoHeight})") == SAMPLE_VIDEO


def test_a_demo_that_needs_a_missing_package_says_so_in_one_sentence(page):
    page.goto("components/image/")
    _, output = run_demo(page, "Image")
    assert output.get_attribute("data-state") == "error"
    alert = output.get_by_role("alert")
    assert alert.inner_text().splitlines()[0] == "This demo needs pillow, which this site does not include."
    alert.get_by_text("Details").click()  # the stand-in's own message, for whoever wants it
    assert "PIL is not included in this site: gradio." in alert.inner_text()


def test_the_site_title_appears_once(page):
    """At 1280 px the header names the site; the sidebar no longer repeats it above the nav."""
    import re

    from tests.conftest import ROOT

    name = re.search(r"^site_name: (.*)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in ["", "components/textbox/"]:
        page.goto(path)
        shown = page.get_by_text(name, exact=True)
        assert [shown.nth(i).is_visible() for i in range(shown.count())].count(True) == 1, path
        assert page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Introduction").is_visible()


def test_the_textbox_demo_resumes_python_with_pydantic_cores_library_loaded(page, gradio_site):
    """gradio needs pydantic-core's compiled extension: the build's snapshot records where Pyodide loaded it, and
    the worker loads it again there, so the demo resumes Python instead of installing ~50 wheels and importing
    gradio. The libraries recorded are the wheel's own `.so` files."""
    import zipfile
    from pathlib import PurePosixPath

    from tests.browser.test_snapshot import WARNING

    entry = json.loads((gradio_site / "_docsgen" / "runtime" / "manifest.json").read_text())["snapshot"]
    assert entry, "the gradio site was built without a memory snapshot"
    wheel = next((gradio_site / "_docsgen" / "wheels").glob("pydantic_core-*.whl"))
    in_wheel = {name for name in zipfile.ZipFile(wheel).namelist() if name.endswith(".so")}
    recorded = {str(PurePosixPath(lib["path"]).relative_to(PurePosixPath(lib["path"]).parents[1]))
                for lib in entry["libraries"]}
    assert recorded == in_wheel
    requests: list[str] = []
    warnings: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.route("**/*", lambda route: route.continue_())  # routing turns the HTTP cache off: a first visit
    page.goto("components/textbox/")
    demo, output = run_demo(page, "Textbox")
    assert output.get_attribute("data-state") == "done", output.inner_text()
    assert final_payload(demo) == cpython_round_trip(gradio.Textbox, final_payload(demo, "Payload from the browser"))
    assert all(any(url.endswith(piece["url"]) for url in requests) for piece in entry["pieces"])
    assert not [url for url in requests if url.endswith((".whl", "pyodide-lock.json"))]
    assert not [w for w in warnings if WARNING in w]


# A page with nothing but the site's worker, and a way to ask it to evaluate Python (what benchmarks use).
WORKER_PAGE = """<!doctype html><meta charset="utf-8"><title>the site's worker</title><script type="module">
const worker = new Worker("./_docsgen/runtime/worker.js", { type: "module" });
const waiting = new Map();
let next = 1;
worker.onmessage = (e) => { if ("ok" in e.data && waiting.has(e.data.id)) waiting.get(e.data.id)(e.data); };
window.evalPython = (source) => new Promise((resolve) => {
  const id = next++;
  waiting.set(id, resolve);
  worker.postMessage({ id, type: "eval", source });
});
worker.postMessage({ type: "start" });
</script>"""
LATER_STATE = "from docsgen_runtime import later; later.current.state"
IMPORT_A_LEXER = """
import importlib
from docsgen_runtime import later
before = later.current.state
module = importlib.import_module("pygments.lexers.python")
repr((before, later.current.state, module.__file__.split("site-packages/")[1], module.PythonLexer.name))
"""


def worker_page(page):
    page.route("**/worker-alone.html", lambda route: route.fulfill(body=WORKER_PAGE, content_type="text/html"))
    page.goto("worker-alone.html")
    return lambda source: page.evaluate("(source) => evalPython(source)", source)


def left_for_later(gradio_site) -> list[str]:
    entry = json.loads((gradio_site / "_docsgen" / "runtime" / "manifest.json").read_text())["snapshot"]
    return [path for path, _ in entry["later"]["files"]]


def test_a_module_whose_source_the_snapshot_left_for_later_imports_at_once(page, gradio_site):
    """The sources of modules the import did not run (pygments' lexers, ...) are not in the snapshot's first
    download: the first request, before the worker has fetched them, imports one all the same (its import reads
    them through a synchronous request)."""
    from pygments.lexers.python import PythonLexer

    assert "pygments/lexers/python.py" in left_for_later(gradio_site)
    evaluate = worker_page(page)
    answer = evaluate(IMPORT_A_LEXER)
    assert answer["ok"], answer
    assert answer["result"] == repr(("pending", "read", "pygments/lexers/python.py", PythonLexer.name))


def test_the_worker_writes_the_sources_left_for_later_once_it_is_idle(page, gradio_site):
    from pygments.lexers.python import PythonLexer

    evaluate = worker_page(page)
    assert evaluate("1 + 1")["result"] == "2"
    for _ in range(20):  # the worker fetches them once no request came for a second: asked every 1.5 s
        page.wait_for_timeout(1_500)
        state = evaluate(LATER_STATE)["result"]
        if state != "pending":
            break
    assert state == "fetched"
    answer = evaluate(IMPORT_A_LEXER)
    assert answer["result"] == repr(("fetched", "fetched", "pygments/lexers/python.py", PythonLexer.name)), answer


def test_no_page_asks_for_a_file_the_site_lacks(page):
    """Without a mike deployment there is no ../versions.json: the version selector must not ask for it; and no
    link makes mkdocs-material ask for a sitemap.xml next to a page. Checked once the theme's scripts have run
    (on a page whose demo starts with it, docsgen holds them until Python answers or 2 s have passed)."""
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    for path in ["", "components/textbox/", "model/"]:
        page.goto(path)
        page.wait_for_function("typeof window.document$ !== 'undefined'", timeout=30_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
    assert missing == []
