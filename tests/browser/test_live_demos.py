"""Live demos on component pages: the library's real preprocess/postprocess, run in Chromium."""

from __future__ import annotations

import json
import sys

import pytest

from tests.browser.conftest import PYTHON_TIMEOUT
from tests.live_support import EXAMPLELIB_SRC, SAVE_DATA

sys.path.insert(0, str(EXAMPLELIB_SRC))
import examplelib  # from the source tree, as the site build uses it

COMPONENTS = sorted(
    name
    for name in examplelib.__all__
    if isinstance(getattr(examplelib, name), type)
    and issubclass(getattr(examplelib, name), examplelib.Component)
    and name != "Component"
)
# Renderers whose visible text is the payload itself.
TEXT_KINDS = {"Text", "TextArea", "Number", "Radio", "Dropdown", "Color", "Date"}


def expected_payload(name: str):
    """postprocess(preprocess(example_payload())), computed by the library on the host."""
    component = getattr(examplelib, name)()
    return json.loads(json.dumps(component.postprocess(component.preprocess(component.example_payload()))))


def demo(page, name: str):
    page.goto(f"components/{name.lower()}/")
    return page.get_by_role("region", name=f"Live demo: {name}", exact=True)


def run(page, section, state: str = "done"):
    output = section.get_by_role("region", name="Output", exact=True)
    before = output.get_attribute("data-runs") or "0"
    section.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function(
        "([el, before]) => (el.dataset.runs || '0') !== before", arg=[output.element_handle(), before],
        timeout=PYTHON_TIMEOUT,
    )
    assert output.get_attribute("data-state") == state, output.inner_text()
    return output


def stage_json(section, title: str):
    return json.loads(section.get_by_role("listitem", name=title).locator("pre").first.inner_text())


@pytest.mark.parametrize("name", COMPONENTS)
def test_demo_shows_postprocess_of_preprocess_of_example_payload(page, name: str):
    section = demo(page, name)
    output = run(page, section)
    expected = expected_payload(name)
    assert stage_json(section, "Payload after postprocess") == expected
    sent = stage_json(section, "Payload from the browser")
    example = getattr(examplelib, name)().example_payload()
    if name == "CheckboxGroup":  # the widget lists ticked boxes in the order of the choices
        sent, example = sorted(sent), sorted(example)
    assert sent == example
    if name in TEXT_KINDS:
        shown = output.inner_text().strip()
        assert float(shown) == expected if isinstance(expected, float) else shown == expected


def test_stages_show_python_types(page):
    section = demo(page, "Chat")
    run(page, section)
    received = section.get_by_role("listitem", name="Your function receives")
    assert "list[examplelib.data.Message]" in received.inner_text()
    assert "Message(role='user', content='  Hi there  ')" in received.inner_text()


def test_edited_function_changes_the_output(page):
    section = demo(page, "Text")
    output = run(page, section)
    assert output.inner_text().strip() == "[HELLO WORLD]"
    section.get_by_role("textbox", name="Your function").fill("def fn(value):\n    return value[::-1] + '!'\n")
    section.get_by_role("textbox", name="Text", exact=True).fill("abc")
    output = run(page, section)
    assert output.inner_text().strip() == "[CBA!]"


def test_keyboard_shortcut_runs(page):
    section = demo(page, "Number")
    section.get_by_role("spinbutton", name="Number").fill("1.239")
    output = section.get_by_role("region", name="Output", exact=True)
    section.get_by_role("textbox", name="Your function").press("Control+Enter")
    page.wait_for_function("el => el.dataset.runs", arg=output.element_handle(), timeout=PYTHON_TIMEOUT)
    assert float(output.inner_text()) == expected_number(1.239) == 2.48


def expected_number(payload: float) -> float:
    number = examplelib.Number()
    return number.postprocess(number.preprocess(payload))


def test_library_error_is_shown_and_the_page_keeps_working(page):
    section = demo(page, "Color")
    fn = section.get_by_role("textbox", name="Your function")
    fn.fill("def fn(value):\n    return 'nope'\n")
    output = run(page, section, state="error")
    assert "ValueError: not a hex colour: 'nope'" in output.inner_text()
    assert "Color.postprocess" in output.inner_text()
    fn.fill("def fn(value):\n    return (0, 128, 255)\n")
    assert run(page, section).inner_text().strip() == "#0080FF"


def test_syntax_error_names_the_line(page):
    section = demo(page, "Text")
    section.get_by_role("textbox", name="Your function").fill("def fn(value):\n    return (value\n")
    output = run(page, section, state="error")
    assert "SyntaxError" in output.inner_text() and "line 2" in output.inner_text()


def test_html_output_is_sandboxed(page):
    section = demo(page, "HTML")
    section.get_by_role("textbox", name="HTML", exact=True).fill(
        "<p id=x>safe</p><img src=x onerror=\"parent.document.title='pwned'\">"
        "<script>parent.document.title='pwned'</script>"
    )
    output = run(page, section)
    frame = output.locator("iframe")
    assert frame.get_attribute("sandbox") == "allow-same-origin"
    assert page.frame_locator(".dgl-output iframe").locator("#x").inner_text() == "safe"
    assert page.title() != "pwned"


def test_python_loads_lazily_with_progress(page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size({"width": 1000, "height": 400})
    page.add_init_script(SAVE_DATA)  # else Python would start once the page is idle
    page.goto("components/")  # no demo near the view: no Python
    page.wait_for_load_state("networkidle")
    assert not any("pyodide" in url for url in requests)
    section = demo(page, "Slider")
    status = section.get_by_role("status", name="Python runtime")
    section.scroll_into_view_if_needed()
    page.wait_for_function("el => el.dataset.state === 'ready'", arg=status.element_handle(), timeout=PYTHON_TIMEOUT)
    assert "Python ready" in status.inner_text()
    assert any(url.endswith("pyodide.asm.wasm") for url in requests)
