"""The reference as plain Markdown for a reader's tools: ``llms.txt`` and a Markdown copy of every page.

Following https://llmstxt.org: ``llms.txt`` at the site root names the site, sums it up in a quote and
links every reference page's Markdown copy, which lives at the page's URL with ``.md`` appended
(``index.html.md`` for a URL that ends in ``/``). The copies are rendered from the model (not converted
from the HTML pages), through the templates in ``templates/text/``, for any library.

These files are Markdown text, not HTML: the environment does not HTML-escape. Code spans and fences are
made long enough for any backticks in the library's text, so names, types and defaults read as written.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

import jinja2

from ..docstrings import TYPE_MARK_RE
from ..model import Library
from . import markdown as md
from .inventory import page_url
from .site import SECTION_ORDER, RenderOptions, _Paths, _paths, event_columns
from .site import plural as _plural

LLMS_TXT = "llms.txt"


@dataclass(frozen=True)
class TextPage:
    """The Markdown copy of one generated page: ``path`` is that page's path (``components/textbox.md``)."""

    path: str
    title: str
    section: str
    summary: str
    content: str


@dataclass(frozen=True)
class LinkedPage:
    """A page outside the reference that ``llms.txt`` links as it is (a hand-written page's HTML)."""

    title: str
    url: str  # relative to the site root


def markdown_address(url: str) -> str:
    """Where the Markdown copy of the page at ``url`` (relative to the site root) lives: llmstxt.org's
    "same URL with .md appended", and ``index.html.md`` for a URL without a file name."""
    return (url if url and not url.endswith("/") else url + "index.html") + ".md"


def text_pages(library: Library, options: RenderOptions | None = None) -> list[TextPage]:
    """The Markdown copy of every reference page (components, their index, events, API objects), in
    navigation order, at the paths ``render_site`` gives those pages."""
    options = options or RenderOptions()
    paths = _paths(library, options.prefix)
    pages: list[TextPage] = []
    for section in SECTION_ORDER:
        if section == "Components":
            pages.append(_render("components_index.md.j2", paths.special("index"), "Components", section,
                                 f"What each of the {len(library.components)} components takes and returns.",
                                 library, paths))
            pages.append(_render("events.md.j2", paths.special("events"), "Events table", section,
                                 "Which events each component supports.", library, paths,
                                 columns=event_columns(library), supporters=_supporters(library)))
            for component in library.components:
                pages.append(_render("component.md.j2", paths.get(section, component.name), component.name,
                                     section, md.summary(component.description), library, paths,
                                     component=component))
        else:
            for obj in library.groups.get(section, []):
                pages.append(_render("api_object.md.j2", paths.get(section, obj.name), obj.name, section,
                                     md.summary(obj.description), library, paths, obj=obj))
    return pages


def llms_txt(
    library: Library,
    pages: list[TextPage],
    title: str,
    summary: str = "",
    directory_urls: bool = True,
    others: list[LinkedPage] | None = None,
) -> str:
    """The site's ``llms.txt``: ``title``, ``summary`` (a default from the model when empty), a section per
    reference section linking each page's Markdown copy, and ``others`` under "Optional"."""
    sections: dict[str, list[tuple[TextPage, str]]] = {}
    for page in pages:
        sections.setdefault(page.section, []).append((page, markdown_address(page_url(page.path, directory_urls))))
    info = library.library
    default = f"The API reference of {info.name} {info.version}".strip() + ", generated from the library itself."
    return _environment().get_template("llms.txt.j2").render(
        title=title, summary=summary or default, library=library, sections=sections, others=others or [],
    )


def site_text_files(
    library: Library,
    options: RenderOptions,
    title: str,
    summary: str = "",
    directory_urls: bool = True,
    others: list[LinkedPage] | None = None,
) -> dict[str, str]:
    """Every file this module makes, by path from the site root: ``llms.txt`` and the pages' copies."""
    pages = text_pages(library, options)
    files = {markdown_address(page_url(page.path, directory_urls)): page.content for page in pages}
    files[LLMS_TXT] = llms_txt(library, pages, title, summary, directory_urls, others)
    return files


def _supporters(library: Library) -> dict[str, list[str]]:
    """Each event's components, in the library's order."""
    found: dict[str, list[str]] = {}
    for component in library.components:
        for event in dict.fromkeys(e.name for e in component.events):
            found.setdefault(event, []).append(component.name)
    return found


def _render(template: str, path: str, title: str, section: str, summary: str, library: Library, paths: _Paths,
            **context: object) -> TextPage:
    def page_link(section: str, name: str) -> str:
        """Relative link from this copy to another page's copy (directory URLs: both are ``.../index.html.md``)."""
        source = markdown_address(page_url(path))
        target = markdown_address(page_url(paths.get(section, name)))
        return posixpath.relpath(target, posixpath.dirname(source) or ".")

    content = _environment().get_template(template).render(
        library=library, lib=library.library, title=title, page_link=page_link, **context,
    )
    return TextPage(path, title, section, summary, _tidy(content))


def code(text: object) -> str:
    """An inline code span holding ``text`` on one line, fenced by more backticks than it contains."""
    one_line = " ".join(str(text).split())
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", one_line)), default=0) + 1)
    pad = " " if one_line.startswith("`") or one_line.endswith("`") else ""
    return f"{ticks}{pad}{one_line}{pad}{ticks}"


def fence(text: str, language: str = "") -> str:
    """A fenced code block holding ``text``, its fence longer than any backtick run inside."""
    ticks = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks}{language}\n{text.rstrip()}\n{ticks}"


def docstring(text: str) -> str:
    """A docstring's Markdown as it is, its ``{str}`` type marks as code spans."""
    return TYPE_MARK_RE.sub(lambda m: code(m.group(1)), (text or "").strip())


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def link_text(text: str) -> str:
    """A link's text on one line, with the brackets and backslashes that would end it escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", one_line(text))


def _tidy(text: str) -> str:
    """At most one blank line in a row, and one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("docsgen", "templates/text"),
        autoescape=False,  # Markdown for tools, never parsed as HTML by this site
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(code=code, fence=fence, docstring=docstring, one_line=one_line, link_text=link_text,
                       summary=md.summary, plural=_plural)
    return env
