"""The Markdown copies and llms.txt keep the library's text as written, whatever it holds: read back with
markdown-it-py (CommonMark), the code spans and link texts equal the model's strings."""

from __future__ import annotations

from markdown_it import MarkdownIt

from docsgen.model import Component, Event, Library, LibraryInfo, Parameter
from docsgen.render import RenderOptions
from docsgen.render.text import markdown_address, site_text_files

TRICKY = "a `b` ``c`` ]) [x](javascript:alert(1)) <script>alert(1)</script> *not emphasis*"


def library() -> Library:
    component = Component(
        name="Odd]Name",
        qualname="oddlib.Odd]Name",
        description="Shows <b>raw</b> text.\n\nSecond paragraph with {str}.",
        params=[Parameter("value", "Literal['`', '``']", "'`'", TRICKY),
                Parameter("label", "str", None, "Line one.\n\nLine two of the description.")],
        events=[Event("change", "Fires.")],
    )
    return Library(LibraryInfo("oddlib", "1.0"), components=[component])


def inline_tokens(markdown: str):
    return [t for t in MarkdownIt("commonmark").parse(markdown) if t.type == "inline"]


def test_markdown_address_follows_llmstxt_org():
    assert markdown_address("components/textbox/") == "components/textbox/index.html.md"
    assert markdown_address("") == "index.html.md"
    assert markdown_address("components/textbox.html") == "components/textbox.html.md"


def test_code_spans_hold_backticks_and_html_as_written():
    files = site_text_files(library(), RenderOptions(), "Odd site")
    text = files["components/odd-name/index.html.md"]
    codes = [c.content for t in inline_tokens(text) for c in t.children if c.type == "code_inline"]
    assert "value: Literal['`', '``'] = '`'" in codes
    assert "oddlib.Odd]Name" in codes
    assert "{str}" not in text, "type marks are code spans"
    assert "str" in codes


def test_a_multi_paragraph_description_stays_in_its_list_item():
    text = site_text_files(library(), RenderOptions(), "Odd site")["components/odd-name/index.html.md"]
    tokens = MarkdownIt("commonmark").parse(text)
    inside = [tokens[i + 1].content for i, t in enumerate(tokens)
              if t.type == "paragraph_open" and t.level >= 2]
    assert "Line two of the description." in inside


def test_llms_txt_link_text_is_the_name():
    text = site_text_files(library(), RenderOptions(), "Odd [site]", "One line.\nSecond line.")["llms.txt"]
    lines = text.splitlines()
    assert lines[0] == "# Odd [site]" and lines[2] == "> One line. Second line."
    links = [(t.children[i + 1].content, c.attrs["href"]) for t in inline_tokens(text)
             for i, c in enumerate(t.children) if c.type == "link_open"]
    assert ("Odd]Name", "components/odd-name/index.html.md") in links
