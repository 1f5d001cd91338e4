"""A press of Run made as early as a person can, before the page's scripts listen, is not lost
(early.js keeps it; demos.js and the playground replay it once they are wired)."""

from __future__ import annotations

from tests.browser.conftest import PYTHON_TIMEOUT
from tests.browser.test_playground import LOOPING, console, deflated_link

# Before any of the page's own scripts: press the button the moment the parser has put it in the page, as a
# reader clicking at first paint would (a real click: the event goes through the page's listeners).
PRESS_AT_FIRST_SIGHT = """
new MutationObserver((records, observer) => {
  const button = document.querySelector(%r);
  if (!button) return;
  observer.disconnect();
  window.__pressedBeforeWired = !button.dataset.wired;
  button.click();
}).observe(document, { childList: true, subtree: true });
"""


def test_run_pressed_before_the_demo_is_wired_runs(page):
    page.add_init_script(PRESS_AT_FIRST_SIGHT % '[aria-label="Live demo: Text"] [data-action=run]')
    page.goto("components/text/")
    output = page.get_by_role("region", name="Live demo: Text").get_by_role("region", name="Output", exact=True)
    page.wait_for_function("el => el.dataset.runs === '1'", arg=output.element_handle(), timeout=PYTHON_TIMEOUT)
    assert page.evaluate("window.__pressedBeforeWired") is True
    assert output.get_attribute("data-state") == "done"


def test_run_pressed_at_once_on_a_shared_link_runs_the_shared_program(page):
    page.add_init_script(PRESS_AT_FIRST_SIGHT % "[data-docsgen-playground] [data-action=run]")
    page.goto(f"playground/#code={deflated_link(LOOPING.encode())}")
    console(page).get_by_text("program ran").wait_for(timeout=PYTHON_TIMEOUT)
    assert page.evaluate("window.__pressedBeforeWired") is True
    assert page.get_by_role("textbox", name="Word").count() == 1
