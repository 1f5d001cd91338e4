"""Live demos of a hostile library (tests/fixtures/hostiledemo) in Chromium: its payloads carry scripts,
event handlers and requests to another host, its methods raise; readers' programs loop, hoard memory
and crash the worker. Nothing may run or leave the site, and the next Run must always work.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import FOREIGN, PYTHON_TIMEOUT, served_context, watched_page
from tests.browser.test_live_demos import demo, run
from tests.browser.test_playground import console, open_playground, set_program
from tests.conftest import FIXTURES, run_mkdocs

TIME_LIMIT = 3  # seconds: the hostile site's `run_time_limit`
CONFIG = f"""site_name: hostiledemo
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - docsgen:
      library: hostiledemo
      base_class: hostiledemo.Component
      live_demos: true
      run_time_limit: {TIME_LIMIT}
"""
TAG = '<img src=x onerror="top.__pwned=1">'
# One component per renderer kind that shows payload data.
RENDERERS = [
    "HTML", "Markdown", "Text", "Code", "Label", "HighlightedText", "Chatbot", "Dataframe", "Radio",
    "ColorPicker", "File", "Image", "JSON",
]
# Renderers that must show the markup as text.
SHOWS_TEXT = ["Text", "Code", "Label", "HighlightedText", "Chatbot", "Dataframe", "Radio", "JSON"]


@pytest.fixture(scope="module")
def hostile_demo_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostiledemo")
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# hostiledemo\n")
    (folder / "mkdocs.yml").write_text(CONFIG)
    result = run_mkdocs(folder / "mkdocs.yml", folder / "site", extra_path=FIXTURES)
    assert result.returncode == 0, result.stderr[-4000:]
    return folder / "site"


@pytest.fixture(scope="module")
def hostile_context(browser, hostile_demo_site: Path) -> Iterator[object]:
    with served_context(browser, hostile_demo_site) as context:
        yield context


@pytest.fixture
def page(hostile_context) -> Iterator[object]:
    yield from watched_page(hostile_context)


def test_the_time_limit_reaches_the_page_through_the_manifest(hostile_demo_site: Path, example_site: Path):
    manifest = json.loads((hostile_demo_site / "_docsgen" / "runtime" / "manifest.json").read_text())
    assert manifest["limits"] == {"run_seconds": TIME_LIMIT}
    default = json.loads((example_site / "_docsgen" / "runtime" / "manifest.json").read_text())
    assert default["limits"] == {"run_seconds": 10}


def test_the_guard_sees_requests_from_workers_and_frames(page):
    """The request guard of every browser test must see what a worker or a frame asks for."""
    page.goto("components/text/")
    page.evaluate("""() => {
        const code = 'fetch("http://evil.example/from-worker").catch(() => {})';
        new Worker(URL.createObjectURL(new Blob([code], {type: "text/javascript"})), {type: "module"});
        const frame = document.createElement("iframe");
        frame.setAttribute("sandbox", "");
        frame.srcdoc = '<img src="http://evil.example/from-frame.png">';
        document.body.append(frame);
    }""")
    page.wait_for_function("() => true")
    for _ in range(50):
        if len(FOREIGN) >= 2:
            break
        page.wait_for_timeout(100)
    assert sorted(FOREIGN) == ["http://evil.example/from-frame.png", "http://evil.example/from-worker"]
    FOREIGN.clear()  # seen and aborted: what this test wanted


ALL_RENDERERS = f"""import hostiledemo

NAMES = {RENDERERS!r}
inputs = [getattr(hostiledemo, name)(label=name + " in") for name in NAMES]
outputs = [getattr(hostiledemo, name)(label=name + " out") for name in NAMES]


def fn(*values):
    # File and Image return what their examples name (another host's file, a javascript: URL): the demo's
    # inputs start from local samples instead, since the build swaps remote example files for its own.
    return [inp.example_payload() if name in ("File", "Image") else value
            for name, inp, value in zip(NAMES, inputs, values)]
"""


def pwned(page) -> list[object]:
    """`__pwned` of the page and of every frame it can read (an attack would set it)."""
    return page.evaluate("""() => [window.__pwned, ...[...document.querySelectorAll('iframe')].map((f) => {
        try { return f.contentWindow.__pwned; } catch { return undefined; }
    })].filter((v) => v !== undefined)""")


def poke_everything(page, root) -> None:
    """Hover and click what a payload put on the page and in its frames, as a curious reader would."""
    root.evaluate("""root => { for (const el of root.querySelectorAll('*')) {
        for (const type of ['mouseover', 'mouseenter', 'focus']) el.dispatchEvent(new Event(type));
    } }""")
    # Only the renderers' own frames: a frame the payload nested in them never loads (CSP), and
    # Playwright would wait for it forever. Not links to other hosts either: following one is the
    # reader's choice, not the payload's.
    frames = root.locator("iframe.dgl-frame")
    for i in range(frames.count()):
        frame = frames.nth(i).element_handle().content_frame()
        for element in frame.locator("#bait, #js-link, #send").all():
            element.click(timeout=2000, force=True, no_wait_after=True)


def test_no_payload_runs_or_loads_anything_in_any_renderer(page):
    editor = open_playground(page)
    set_program(page, editor, ALL_RENDERERS)
    page.get_by_role("button", name="Run", exact=True).click()
    page.get_by_role("textbox", name="Text in", exact=True).wait_for(timeout=PYTHON_TIMEOUT)
    page.get_by_role("button", name="Submit").click()
    root = page.locator("[data-docsgen-playground]")
    page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=PYTHON_TIMEOUT)

    outputs = {name: page.get_by_role("region", name=f"{name} out", exact=True) for name in RENDERERS}
    for name in SHOWS_TEXT:
        assert TAG in outputs[name].inner_text() or "onerror" in outputs[name].inner_text(), name
    html = outputs["HTML"].locator("iframe")
    assert html.get_attribute("sandbox") == "allow-same-origin"  # no allow-scripts
    assert page.frame_locator("[aria-label='HTML out'] iframe").locator("#from-postprocess").inner_text() == "rendered"
    markdown = page.frame_locator("[aria-label='Markdown out'] iframe")
    assert markdown.locator("script, img, iframe").count() == 0  # escaped, then only its own tags
    assert markdown.locator("a[href^='javascript']").count() == 0  # the link is gone, its text stays
    assert "click" in markdown.locator("body").inner_text()
    # Files on another host, or at a javascript: URL, are named as text: no element that would load them.
    assert "not embedded" in outputs["File"].inner_text() and "not embedded" in outputs["Image"].inner_text()
    assert "http://evil.example/file.png" in outputs["File"].locator("code").inner_text()
    assert "javascript:top.__pwned=1" in outputs["Image"].locator("code").inner_text()
    for name in ("File", "Image"):
        assert outputs[name].locator("img, audio, video, a, iframe, object").count() == 0, name
    assert "transparent" in outputs["ColorPicker"].locator(".dgl-swatch").get_attribute("style")

    poke_everything(page, root)
    page.wait_for_timeout(500)
    assert pwned(page) == []
    # The page's own DOM holds no element or attribute a payload could have smuggled in (the frames'
    # srcdoc holds the payload, as text for a document that cannot run it).
    # docsgen's own media views (an image of bytes it holds, at an object URL it made) are not smuggled.
    smuggled = root.evaluate("""root => [...root.querySelectorAll('*')].filter((el) =>
        !(el.matches('.dgl-media > img') && el.src.startsWith('blob:'))
        && ['SCRIPT', 'IMG', 'SVG', 'OBJECT', 'LINK', 'STYLE'].includes(el.tagName.toUpperCase())
        || [...el.attributes].some((a) => a.name.startsWith('on')
            || (a.name !== 'srcdoc' && /evil|javascript:/i.test(a.value)))
    ).map((el) => el.outerHTML.slice(0, 120))""")
    assert smuggled == []
    # FOREIGN (checked by the fixture) stays empty: no pixel, stylesheet, refresh or object left the site.


FILE_PAYLOADS = """import base64

import js
from pyodide.ffi import to_js

import hostiledemo

# Each would run script in the site's origin if the page showed it as the type it claims.
HTML = "<script>localStorage.setItem('pwned', 'html'); document.title = 'pwned'; alert('html')</script>"
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" onload="localStorage.setItem(\\'pwned\\', \\'svg\\')">'
       "<script>localStorage.setItem('pwned', 'svg-script'); alert('svg')</script></svg>")


def b64(text):
    return base64.b64encode(text.encode()).decode()


# A blob: URL made in the worker is of the site's origin too, typed by whoever made it.
options = to_js({"type": "text/html"}, dict_converter=js.Object.fromEntries)
WORKER_URL = js.URL.createObjectURL(js.Blob.new(to_js([HTML]), options))
FILES = {
    "HTML file": {"name": "page.html", "mime_type": "text/html", "data": b64(HTML)},
    "SVG file": {"name": "image.svg", "mime_type": "image/svg+xml", "data": b64(SVG)},
    "HTML data URL": {"name": "page.html", "url": "data:text/html;base64," + b64(HTML)},
    "Worker blob URL": {"name": "worker.html", "url": WORKER_URL},
    "HTML as PNG": {"name": "fake.png", "mime_type": "image/png", "data": b64(HTML)},
}
inputs = hostiledemo.Text(label="Go")
outputs = [hostiledemo.File(label=label) for label in FILES]


def fn(go):
    return list(FILES.values())
"""
DOWNLOADS = ["HTML file", "SVG file", "HTML data URL", "Worker blob URL"]


def submit_files(page) -> dict[str, str]:
    """Submit FILE_PAYLOADS' program; the URL each output's view offers (a link's, or the image's)."""
    root = page.locator("[data-docsgen-playground]")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("el => el.dataset.state === 'done'", arg=root.element_handle(), timeout=PYTHON_TIMEOUT)
    urls = {}
    for label in DOWNLOADS:
        link = page.get_by_role("region", name=label, exact=True).locator("a[download]")
        urls[label] = link.get_attribute("href")  # waits for views that read a data: or blob: URL first
    urls["HTML as PNG"] = page.get_by_role("region", name="HTML as PNG", exact=True).locator("img").get_attribute("src")
    return urls


def open_in_a_tab(context, url: str, dialogs: list[str]) -> str:
    """Open ``url`` as a page of its own, as "Open link in new tab" does: 'download', or the content type
    of the document the tab shows."""
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        tab.goto(url)
    except PlaywrightError as error:
        assert "Download is starting" in error.message, error.message
        return "download"
    else:
        tab.wait_for_timeout(300)  # time for an onload handler to run, if one could
        assert tab.title() != "pwned"
        return tab.evaluate("document.contentType")
    finally:
        tab.close()


def type_of(page, url: str) -> str:
    return page.evaluate("url => fetch(url).then((r) => r.blob()).then((b) => b.type, () => 'revoked')", url)


def test_file_payloads_open_as_downloads_never_as_pages_of_the_site(page, hostile_context):
    editor = open_playground(page)
    set_program(page, editor, FILE_PAYLOADS)
    page.get_by_role("button", name="Run", exact=True).click()
    page.get_by_role("textbox", name="Go", exact=True).wait_for(timeout=PYTHON_TIMEOUT)
    urls = submit_files(page)
    assert all(url.startswith("blob:") for url in urls.values()), urls
    for label in DOWNLOADS:
        assert type_of(page, urls[label]) == "application/octet-stream", label
    assert type_of(page, urls["HTML as PNG"]) == "image/png"  # an allowed image type: shown by an image decoder

    dialogs: list[str] = []
    shown = {label: open_in_a_tab(hostile_context, url, dialogs) for label, url in urls.items()}
    assert shown == {**dict.fromkeys(DOWNLOADS, "download"), "HTML as PNG": "image/png"}
    assert dialogs == []
    assert page.evaluate("localStorage.getItem('pwned')") is None
    assert page.title() != "pwned"

    # The next Submit replaces the outputs: the object URLs of the old views are revoked.
    fresh = submit_files(page)
    assert all(type_of(page, urls[label]) == "revoked" for label in urls)
    assert type_of(page, fresh["HTML file"]) == "application/octet-stream"


def test_html_demo_on_the_component_page_runs_nothing(page):
    section = demo(page, "HTML")
    run(page, section, "done")
    frame = page.frame_locator(".dgl-output iframe")
    assert frame.locator("#from-postprocess").inner_text() == "rendered"
    poke_everything(page, section)
    page.wait_for_timeout(500)
    assert pwned(page) == []


IDENTITY = "def fn(value):\n    return value\n"


@pytest.mark.parametrize(
    ("payload", "fn", "shown"),
    [
        ("pre <b>", IDENTITY, "ValueError: Strict.preprocess refuses 'pre <b>' (in Strict.preprocess)"),
        ("ok", "def fn(value):\n    raise ValueError('fn refuses ' + value)\n",
         "ValueError: fn refuses OK (in your function)"),
        ("post", IDENTITY, "ValueError: Strict.postprocess refuses 'POST' (in Strict.postprocess)"),
    ],
    ids=["preprocess", "fn", "postprocess"],
)
def test_an_exception_shows_the_library_message_and_the_next_run_works(page, payload: str, fn: str, shown: str):
    section = demo(page, "Strict")
    section.get_by_role("textbox", name="Strict", exact=True).fill(payload)
    section.get_by_role("textbox", name="Your function").fill(fn)
    assert shown in run(page, section, "error").inner_text()
    assert "Traceback" in section.get_by_role("alert").first.inner_text()
    section.get_by_role("textbox", name="Strict", exact=True).fill("fine")
    section.get_by_role("textbox", name="Your function").fill(IDENTITY)
    assert run(page, section, "done").inner_text().strip() == "<<FINE>>"


def test_the_time_limit_stops_a_runaway_demo_by_itself(page):
    section = demo(page, "Strict")
    section.get_by_role("textbox", name="Your function").fill("def fn(value):\n    while True:\n        pass\n")
    shown = run(page, section, "error").inner_text()
    assert f"Time limit: the run was stopped after {TIME_LIMIT} s (the site's time limit per run)" in shown
    section.get_by_role("textbox", name="Your function").fill(IDENTITY)
    assert run(page, section, "done").inner_text().strip() == "<<FINE>>"


def test_the_time_limit_stops_a_playground_program_by_itself(page):
    editor = open_playground(page)
    set_program(page, editor, "print('spinning')\nwhile True:\n    pass\n")
    page.get_by_role("button", name="Run", exact=True).click()
    console(page).get_by_text(f"stopped after {TIME_LIMIT} s").wait_for(timeout=PYTHON_TIMEOUT)
    assert "Python was restarted" in console(page).inner_text()
    set_program(page, editor, "import hostiledemo\ninputs = hostiledemo.Strict(label='Word')\n"
                "outputs = hostiledemo.Strict(label='Shout')\ndef fn(word):\n    return word\n")
    page.get_by_role("button", name="Run", exact=True).click()
    page.get_by_role("textbox", name="Word", exact=True).wait_for(timeout=PYTHON_TIMEOUT)
    page.get_by_role("textbox", name="Word", exact=True).fill("again")
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("region", name="Shout", exact=True).get_by_text("<<AGAIN>>").wait_for(timeout=PYTHON_TIMEOUT)


def test_running_out_of_memory_is_reported_and_python_restarts(page):
    section = demo(page, "Strict")
    # 2 GB in one piece: more than WebAssembly's 32-bit memory can still give.
    section.get_by_role("textbox", name="Your function").fill(
        "def fn(value):\n    hoard = bytearray(2**31 - 1)\n    return value\n"
    )
    assert "MemoryError: the program ran out of memory" in run(page, section, "error").inner_text()
    status = section.get_by_role("status", name="Python runtime")
    assert "Python ran out of memory" in status.inner_text() or status.get_attribute("data-state") == "loading"
    section.get_by_role("textbox", name="Your function").fill(IDENTITY)
    assert run(page, section, "done").inner_text().strip() == "<<FINE>>"


CRASHING = """import js
import hostiledemo

# An error thrown in the worker outside Python: the worker reports it to the page as a crash.
js.setTimeout(js.Function.new("throw new Error('worker crash test')"), 0)
inputs = hostiledemo.Strict(label="Word")
outputs = hostiledemo.Strict(label="Shout")


def fn(word):
    return word
"""


def test_a_crashed_worker_is_reported_and_restarted(page):
    editor = open_playground(page)
    set_program(page, editor, CRASHING)
    page.get_by_role("button", name="Run", exact=True).click()
    console(page).get_by_text("the Python worker crashed").wait_for(timeout=PYTHON_TIMEOUT)
    assert "worker crash test" in console(page).inner_text()
    # A new label shows that the new program ran (the crashed one's inputs are still on the page).
    set_program(page, editor, CRASHING.replace("js.setTimeout", "# js.setTimeout").replace('"Word"', '"Calm"'))
    page.get_by_role("button", name="Run", exact=True).click()
    page.get_by_role("textbox", name="Calm", exact=True).wait_for(timeout=PYTHON_TIMEOUT)
    page.get_by_role("textbox", name="Calm", exact=True).fill("alive")
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("region", name="Shout", exact=True).get_by_text("<<ALIVE>>").wait_for(timeout=PYTHON_TIMEOUT)
