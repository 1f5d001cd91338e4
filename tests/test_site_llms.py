"""llms.txt and the Markdown copy of every reference page, on the real gradio site (`mkdocs build --strict`),
checked against gradio itself; the copies read back through markdown-it-py (CommonMark), not our code."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from tests.conftest import ROOT
from tests.test_site_gradio import DOCUMENTED, installed, unique

gr = pytest.importorskip("gradio")

REFERENCE_FOLDERS = ("components", "building", "layout", "helpers", "modals", "routes", "other")


def config_value(key: str) -> str:
    match = re.search(rf"^{key}: (.*)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert match
    return match.group(1).strip()


def sections(markdown: str) -> dict[str, list[str]]:
    """Each `##` or `###` heading of a document with the inline text of its top-level list items, as CommonMark
    reads it."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    found: dict[str, list[str]] = {}
    current, depth = "", 0
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            if token.tag in ("h2", "h3"):
                current = tokens[i + 1].content
                found[current] = []
        elif token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            depth -= 1
        elif (token.type == "inline" and depth == 1 and current and tokens[i - 1].type == "paragraph_open"
              and tokens[i - 2].type == "list_item_open"):
            found[current].append(token)
    return found


def first_code(inline) -> str:
    return next(child.content for child in inline.children if child.type == "code_inline")


def h1(markdown: str) -> str:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return next(tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1")


def test_llms_txt_names_the_site_and_links_every_reference_page(gradio_site: Path):
    text = (gradio_site / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# {config_value('site_name')}"
    assert lines[2] == f"> {config_value('site_description')}"
    tokens = MarkdownIt("commonmark").parse(text)
    links = [child.attrs["href"] for t in tokens if t.type == "inline" for child in t.children or []
             if child.type == "link_open"]
    for href in links:
        target = gradio_site / href
        assert (target / "index.html").exists() if href.endswith("/") else target.exists(), href
    copies = {href for href in links if href.endswith(".md")}
    assert {f"components/{cls.__name__.lower()}/index.html.md" for cls in DOCUMENTED} <= copies
    built = {p.relative_to(gradio_site).as_posix() for folder in REFERENCE_FOLDERS
             for p in (gradio_site / folder).rglob("index.html.md")}
    assert copies == built, "llms.txt links every Markdown copy, and nothing else is one"
    # docsgen's own pages are there too, as optional reading, after the reference
    optional = sections(text)["Optional"]
    assert [i.children[1].content for i in optional][:1] == ["Introduction"]


@pytest.mark.parametrize("cls", DOCUMENTED, ids=lambda c: c.__name__)
def test_component_copy_has_the_signatures_parameters_and_events(gradio_site: Path, cls):
    text = (gradio_site / "components" / cls.__name__.lower() / "index.html.md").read_text(encoding="utf-8")
    assert h1(text) == cls.__name__
    parts = sections(text)
    signature = inspect.signature(cls.__init__)
    expected = [n for n in signature.parameters if n != "self" and not n.startswith("_")]
    sources = [first_code(item) for item in parts["Initialization"]]
    names = [re.match(r"\**(\w+)", s).group(1) for s in sources]
    assert names == expected
    for name, source in zip(names, sources, strict=True):
        parameter = signature.parameters[name]
        if parameter.default is inspect.Parameter.empty:
            assert " = " not in source and "=" not in source.split(":")[0], source
            continue
        shown = source.split(" = ", 1)[1] if " = " in source else source.split("=", 1)[1]
        try:
            assert ast.literal_eval(shown) == installed(parameter.default), name
        except (ValueError, SyntaxError):
            assert shown, name
    events = [first_code(item) for item in parts["Event listeners"]]
    assert events == [f"{cls.__name__}.{name}(fn, ···)" for name in unique(cls.EVENTS)]


def test_every_reference_page_has_its_markdown_copy_next_to_it(gradio_site: Path):
    """At the page's URL with .md appended. No page names it in a <link rel="alternate">: mkdocs-material takes
    every such link for a language version and fetches <that page>/sitemap.xml for it, a 404 on every page."""
    pages = [p for folder in REFERENCE_FOLDERS for p in (gradio_site / folder).rglob("index.html")]
    assert len(pages) > len(DOCUMENTED)
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        copy = html.parent / "index.html.md"
        assert copy.exists(), html
        title = soup.select_one("article h1").get_text(strip=True)
        assert title.startswith(h1(copy.read_text(encoding="utf-8"))), html
        assert soup.select_one('link[rel="alternate"]') is None, html
    for name in ("playground", "model"):
        assert not (gradio_site / name / "index.html.md").exists(), "only reference pages have a copy"


def test_events_copy_equals_EVENTS(gradio_site: Path):
    text = (gradio_site / "components" / "events" / "index.html.md").read_text(encoding="utf-8")
    rows = sections(text)["By component"]
    assert [item.children[1].content for item in rows] == [cls.__name__ for cls in DOCUMENTED]
    for cls, item in zip(DOCUMENTED, rows, strict=True):
        assert [c.content for c in item.children if c.type == "code_inline"] == unique(cls.EVENTS)
