"""The two share-link decoders agree: playground/src/sharelink.js in Chromium and docsgen.sharelink.

Hypothesis makes links (arbitrary text, base64url text, real links damaged by cuts, bit flips and
extra bytes); each is decoded by both. They must give the same program or both refuse the link with
ShareLinkError, with the same message unless the link is both too large and broken (then the JS
decoder may see either problem first: it reads what the inflater gives in pieces).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docsgen import sharelink
from tests.live_support import serve
from tests.test_sharelink_twin import any_link

SOURCES = Path(__file__).resolve().parents[2] / "playground" / "src"
EXAMPLES = 500
DECODE = """async ([code, max]) => {
  const { decodeProgram, ShareLinkError } = await import("./sharelink.js");
  try { return { ok: true, value: await decodeProgram(code, max) }; }
  catch (err) { return { ok: false, shareLinkError: err instanceof ShareLinkError, message: err.message }; }
}"""


@pytest.fixture(scope="module")
def js_page(browser) -> Iterator[object]:
    with serve(SOURCES) as url:
        page = browser.new_page()
        page.goto(url)
        yield page
        page.close()


def python_decode(code: str, max_bytes: int) -> dict:
    try:
        return {"ok": True, "value": sharelink.decode(code, max_bytes)}
    except sharelink.ShareLinkError as exc:
        return {"ok": False, "message": str(exc)}


def test_both_decoders_agree_on_arbitrary_links(js_page):
    outcomes: Counter[str] = Counter()

    @settings(max_examples=EXAMPLES, deadline=None, database=None)
    @given(any_link, st.sampled_from([64, 1024]))
    def agree(code: str, max_bytes: int) -> None:
        js = js_page.evaluate(DECODE, [code, max_bytes])
        py = python_decode(code, max_bytes)
        assert js["ok"] == py["ok"], (code, js, py)
        outcomes["ok" if py["ok"] else py["message"].split(" (")[0].split(" than")[0]] += 1
        if py["ok"]:
            assert js["value"] == py["value"]
            return
        assert js["shareLinkError"], js  # nothing but its own error
        either = {sharelink.NOT_COMPRESSED, sharelink.too_large(max_bytes)}
        assert js["message"] == py["message"] or {js["message"], py["message"]} == either, (code, js, py)

    agree()
    # Every example ran, and the links reached every outcome, not just the first check.
    assert sum(outcomes.values()) >= EXAMPLES
    expected = {
        "ok", sharelink.NOT_COMPRESSED.split(" (")[0], sharelink.NOT_UTF8, sharelink.NOT_BASE64URL_TEXT,
        sharelink.NOT_BASE64URL, "the shared program is larger",
    }
    assert expected <= set(outcomes), outcomes


@pytest.mark.parametrize(
    "source", ["", "print('hi')\n", "\ufeffBOM first", "é日🐍\x00", "x" * sharelink.MAX_PROGRAM_BYTES]
)
def test_links_made_in_python_open_in_the_browser(js_page, source: str):
    result = js_page.evaluate(DECODE, [sharelink.encode(source), sharelink.MAX_PROGRAM_BYTES])
    assert result == {"ok": True, "value": source}


def test_links_made_in_the_browser_open_in_python(js_page):
    source = "\ufeffimport examplelib\n# é日🐍\n" + "x = 1\n" * 1000
    code = js_page.evaluate(
        "async (s) => (await import('./sharelink.js')).encodeProgram(s)", source
    )
    assert sharelink.decode(code) == source
