"""Docstring Markdown: bare URLs become links; nothing else changes, and raw HTML stays text."""

from __future__ import annotations

from bs4 import BeautifulSoup

from docsgen.render.markdown import markdown


def links(text: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(str(markdown(text)), "html.parser")
    return [(a["href"], a.get_text()) for a in soup.select("a")]


def test_a_bare_url_is_a_link():
    assert links("See https://www.gradio.app/docs/x for more.") == [("https://www.gradio.app/docs/x", "https://www.gradio.app/docs/x")]


def test_names_that_look_like_domains_are_not_links():
    assert links("Run demo/app/run.py with gr.Blocks, or email a@b.com; www.example.org too.") == []


def test_unsafe_schemes_are_not_links():
    assert links("javascript:alert(1) vbscript:x file:///etc/passwd data:text/html,x") == []


def test_raw_html_around_a_url_stays_text():
    html = str(markdown('<a href="https://example.org" onclick="x()">y</a> <script>https://e.org</script>'))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("script") == [] and all(not a.has_attr("onclick") for a in soup.select("a"))
    assert "&lt;script&gt;" in html


def test_bare_urls_on_names_reserved_for_examples_stay_text():
    text = "Mount at https://example.com/myapp or https://api.example.org/v1, http://localhost:7860 or see https://gradio.app."
    assert links(text) == [("https://gradio.app", "https://gradio.app")]
    assert links("[the docs](https://example.com/docs)") == [("https://example.com/docs", "the docs")]
