"""The playground page: run a program, submit inputs, share links, stop runaway code."""

from __future__ import annotations

import base64
import zlib

import pytest

from tests.browser.conftest import PYTHON_TIMEOUT

LOOPING = """import examplelib

inputs = examplelib.Text(label="Word")
outputs = examplelib.Text(label="Echo")
print("program ran")


def fn(word):
    while word == "LOOP":
        pass
    return word + "?"
"""


def open_playground(page, fragment: str = ""):
    page.goto(f"playground/{fragment}")
    page.wait_for_function("document.querySelector('[data-docsgen-playground]').dataset.ready === 'true'")
    return page.get_by_role("textbox", name="Program")


def lines(text: str) -> list[str]:
    """Non-blank lines: the editor renders empty lines with extra breaks in its text."""
    return [line for line in text.splitlines() if line.strip()]


def set_program(page, editor, source: str) -> None:
    editor.fill(source)
    assert lines(editor.inner_text()) == lines(source)


def run_program(page) -> None:
    page.get_by_role("button", name="Run", exact=True).click()


def submit_and_wait(page, output_name: str, text: str) -> None:
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("region", name=output_name, exact=True).get_by_text(text, exact=True).wait_for(
        timeout=PYTHON_TIMEOUT
    )


def console(page):
    return page.get_by_role("log", name="Console")


def test_example_runs_and_submits(page):
    editor = open_playground(page)
    page.get_by_label("Example", exact=True).select_option(label="Text")
    assert "examplelib.Text" in editor.inner_text()
    run_program(page)
    box = page.get_by_role("textbox", name="Text input", exact=True)
    box.wait_for(timeout=PYTHON_TIMEOUT)
    box.fill("  submitted ")
    submit_and_wait(page, "Text output", "[SUBMITTED]")
    assert "'SUBMITTED'" in console(page).inner_text()  # the example prints what fn received


def test_program_with_several_inputs_and_outputs(page):
    editor = open_playground(page)
    set_program(page, editor, (
        "import examplelib\n"
        "inputs = [examplelib.Text(label='Name'), examplelib.Slider(label='Size', step=10)]\n"
        "outputs = [examplelib.Text(label='Greeting'), examplelib.JSON(label='Details')]\n"
        "def fn(name, size):\n"
        "    return f'hi {name.lower()}', {'size': size}\n"
    ))
    editor.press("Control+Enter")
    page.get_by_role("textbox", name="Name", exact=True).wait_for(timeout=PYTHON_TIMEOUT)
    page.get_by_role("textbox", name="Name", exact=True).fill("Ada")
    page.get_by_role("slider", name="Size").fill("37")
    submit_and_wait(page, "Greeting", "[hi ada]")
    details = page.get_by_role("region", name="Details", exact=True).inner_text()
    # The range input snaps 37 to its step (40); preprocess keeps it.
    assert '"size": 40' in details and '"_count": 1' in details


def test_syntax_error_shows_the_line(page):
    editor = open_playground(page)
    set_program(page, editor, "x = 1\ndef fn(:\n    pass\n")
    run_program(page)
    console(page).get_by_text("line 2", exact=False).wait_for(timeout=PYTHON_TIMEOUT)
    assert "SyntaxError" in console(page).inner_text()


def test_share_link_round_trips_and_does_not_run(page):
    editor = open_playground(page)
    set_program(page, editor, LOOPING)
    page.get_by_role("button", name="Share").click()
    link = page.get_by_role("textbox", name="Share link").input_value()
    code = link.split("#code=", 1)[1]
    raw = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
    assert zlib.decompress(raw, wbits=-15).decode() == LOOPING

    page.goto("about:blank")
    page.goto(link)
    page.wait_for_function("document.querySelector('[data-docsgen-playground]').dataset.shared === 'loaded'")
    editor = page.get_by_role("textbox", name="Program")
    assert lines(editor.inner_text()) == lines(LOOPING)
    page.wait_for_timeout(1500)
    assert "program ran" not in console(page).inner_text()
    assert "has not run" in console(page).inner_text()
    assert page.get_by_role("textbox", name="Word").count() == 0
    run_program(page)
    console(page).get_by_text("program ran").wait_for(timeout=PYTHON_TIMEOUT)


def test_malformed_share_link_gives_a_message(page):
    open_playground(page, "#code=%%%not-a-program")
    assert "cannot be opened" in console(page).inner_text()


def test_stop_ends_an_endless_loop_and_run_submit_work_again(page):
    editor = open_playground(page)
    set_program(page, editor, LOOPING)
    run_program(page)
    word = page.get_by_role("textbox", name="Word", exact=True)
    word.wait_for(timeout=PYTHON_TIMEOUT)
    word.fill("loop")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[data-docsgen-playground]').dataset.state === 'running'")
    page.wait_for_timeout(1000)  # fn is spinning in `while True` now
    after_stop: list[str] = []
    page.on("request", lambda request: after_stop.append(request.url))
    page.get_by_role("button", name="Stop").click()
    console(page).get_by_text("Stopped. Python was restarted.").wait_for()
    run_program(page)
    console(page).get_by_text("program ran").nth(1).wait_for(timeout=PYTHON_TIMEOUT)
    word.fill("fine")
    submit_and_wait(page, "Echo", "[FINE?]")
    # The fresh worker got the Wasm module the first one compiled: nothing to download or compile again.
    assert not [url for url in after_stop if url.endswith(".wasm")]


def test_reset_restores_the_example(page):
    editor = open_playground(page)
    page.get_by_label("Example", exact=True).select_option(label="Color")
    original = editor.inner_text()
    set_program(page, editor, "print('changed')\n")
    page.get_by_role("button", name="Reset").click()
    assert editor.inner_text() == original


def deflated_link(data: bytes) -> str:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.urlsafe_b64encode(compressor.compress(data) + compressor.flush()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("abc$def", "the link's code is not base64url text"),
        ("A", "the link's code is not valid base64url"),
        ("____", "the link's code is not a compressed program (it may be cut short)"),
        (deflated_link(b"print(1)\n")[:-4], "the link's code is not a compressed program (it may be cut short)"),
        (deflated_link(b"print('\xff\xfe')\n"), "the shared program is not UTF-8 text"),
        (deflated_link(b"#" * (200 * 1024 + 1)), "the shared program is larger than 200 KB"),
    ],
    ids=["bad-base64-text", "bad-base64-length", "bad-deflate", "cut-short", "not-utf8", "over-200kb"],
)
def test_a_broken_share_link_is_explained_and_the_page_works(page, code: str, reason: str):
    editor = open_playground(page, f"#code={code}")
    alert = page.get_by_role("alert").filter(has_text="share link")
    assert alert.inner_text() == f"This share link cannot be opened: {reason}."
    assert reason in console(page).inner_text()
    assert "examplelib" in editor.inner_text()  # the editor keeps its example; nothing from the link
    assert page.get_by_role("button", name="Run", exact=True).is_enabled()


def test_after_a_broken_link_run_still_works(page):
    editor = open_playground(page, "#code=____")
    page.get_by_role("alert").filter(has_text="share link").wait_for()
    set_program(page, editor, LOOPING.replace("while word == \"LOOP\":\n        pass\n", ""))
    run_program(page)
    console(page).get_by_text("program ran").wait_for(timeout=PYTHON_TIMEOUT)


def test_a_shared_program_is_announced_above_the_editor(page):
    open_playground(page, f"#code={deflated_link(LOOPING.encode())}")
    note = page.get_by_role("status").filter(has_text="shared link")
    assert "It has not run: read it, then press Run." in note.inner_text()


def test_the_first_example_transforms_text_into_a_label(page):
    """The example the page opens with: a text input, a function, a label output: not a value handed back."""
    from collections import Counter

    editor = open_playground(page)
    chosen = page.get_by_label("Example", exact=True).locator("option:checked").inner_text()
    assert chosen == "Word count: Text → Label"
    assert "examplelib.Text(" in editor.inner_text() and "examplelib.Label(" in editor.inner_text()
    run_program(page)
    box = page.get_by_role("textbox", name="Text", exact=True)
    box.wait_for(timeout=PYTHON_TIMEOUT)
    sample = "the cat sat on the mat and the dog sat on the cat"
    box.fill(sample)
    # examplelib's Text preprocess upper-cases; fn lower-cases again
    words = sample.lower().split()
    counts = Counter(words)
    top = counts.most_common(1)[0][0]
    page.get_by_role("button", name="Submit").click()
    output = page.get_by_role("region", name="Most frequent words", exact=True)
    output.get_by_text(top, exact=True).first.wait_for(timeout=PYTHON_TIMEOUT)
    assert f"{len(words)} words, {len(counts)} different" in " ".join(console(page).inner_text().split())
    assert sample not in output.inner_text(), "what the reader sees is not what went in"
