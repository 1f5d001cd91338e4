"""Which pages a library's site has, where they live, and their content."""

from __future__ import annotations

import math
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from ..model import LIBRARY_HELPERS, ApiObject, Library

if TYPE_CHECKING:
    from ..history import History
from . import markdown as md

SECTION_ORDER = ["Building", "Layout", "Components", "Helpers", "Modals", "Routes", "Other"]


@dataclass(frozen=True)
class Page:
    """A generated page: Markdown for the site engine, with its HTML blocks set aside.

    Big HTML blocks (tables, rendered docstrings) go through no Markdown parser: ``content``
    holds a placeholder comment for each, and ``finish`` puts them into the converted page.
    That keeps the engine's Markdown pass (the slowest part of a build) small.
    """

    path: str  # relative to docs_dir, e.g. "components/textbox.md"
    title: str
    section: str
    content: str
    fragments: tuple[str, ...] = ()

    def finish(self, html: str) -> str:
        """The engine's HTML for ``content`` with every fragment put back in place."""
        return _FRAGMENT_RE.sub(lambda m: self.fragments[int(m.group(1))], html)


_FRAGMENT_RE = re.compile(r"<!--dg-fragment:(\d+)-->")


class _Stash:
    def __init__(self) -> None:
        self.fragments: list[str] = []

    def put(self, html: str) -> str:
        self.fragments.append(html.strip())
        return f"\n<!--dg-fragment:{len(self.fragments) - 1}-->\n"


@dataclass(frozen=True)
class RenderOptions:
    live_demos: bool = False
    prefix: str = ""  # folder under docs_dir for generated pages ("" = top level)
    demos_note: str = ""  # without live demos: why a page has none, said where its demo would be


def render_site(library: Library, options: RenderOptions | None = None, history: History | None = None) -> list[Page]:
    """Every generated page, in navigation order. ``history``: when each thing appeared and last
    changed among the deployed releases (docsgen.history), shown next to it."""
    options = options or RenderOptions()
    paths = _paths(library, options.prefix)
    pages: list[Page] = []
    for section in SECTION_ORDER:
        if section == "Components":
            pages += _component_pages(library, paths, options, history)
        else:
            for obj in library.groups.get(section, []):
                pages.append(_api_page(library, obj, section, paths, options, history))
    return pages


def event_columns(library: Library) -> list[tuple[str, int]]:
    """Events with how many components support them: most supported first, then by name."""
    counts = Counter(event.name for c in library.components for event in c.events)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class EventGroups:
    """The events table's compact view: a column for each common event, the rare ones named per row."""

    common: list[tuple[str, int]]
    rare: list[tuple[str, int]]
    threshold: int  # a common event is supported by at least this many components


def event_groups(library: Library, max_columns: int = 12) -> EventGroups:
    """Common events: supported by a tenth of the components or more (at least 2), at most ``max_columns``."""
    columns = event_columns(library)
    threshold = max(2, math.ceil(len(library.components) / 10))
    while sum(count >= threshold for _, count in columns) > max_columns:
        threshold += 1
    common = [c for c in columns if c[1] >= threshold]
    rare = [c for c in columns if c[1] < threshold]
    return EventGroups(common, rare, threshold)


class _Paths:
    """Page path of every documented object, and relative links between pages."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")
        self.by_key: dict[tuple[str, str], str] = {}

    def add(self, section: str, name: str, kind: str = "class") -> str:
        folder = posixpath.join(self.prefix, section.lower()) if self.prefix else section.lower()
        slug = _slug(name)
        taken = set(self.by_key.values())
        path = f"{folder}/{slug}.md"
        if path in taken:  # gradio has both `cache` (a function) and `Cache` (a class)
            path = f"{folder}/{slug}-{kind}.md"
        self.by_key[(section, name)] = path
        return path

    def get(self, section: str, name: str) -> str:
        return self.by_key[(section, name)]

    def special(self, name: str) -> str:
        folder = posixpath.join(self.prefix, "components") if self.prefix else "components"
        return f"{folder}/{name}.md"


def _slug(name: str) -> str:
    """A file name from an object's name; names are the library's text and may hold anything."""
    return re.sub(r"[^a-z0-9_]+", "-", name.lower()).strip("-") or "unnamed"


def _paths(library: Library, prefix: str) -> _Paths:
    paths = _Paths(prefix)
    for component in library.components:
        paths.add("Components", component.name)
    for section, objects in library.groups.items():
        for obj in objects:
            paths.add(section, obj.name, obj.kind)
    return paths


def link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative URL between two pages under mkdocs' directory URLs (``a/b.md`` -> ``a/b/``)."""
    target = _url(to_path)
    source = _url(from_path)
    rel = posixpath.relpath(target, source) if target != source else "."
    rel = rel + "/" if not rel.endswith("/") else rel
    rel = "./" if rel == "./" or rel == "./." else rel
    return rel + (f"#{anchor}" if anchor else "")


def _url(path: str) -> str:
    stem = path[: -len(".md")]
    if stem.endswith("/index") or stem == "index":
        stem = stem[: -len("index")].rstrip("/")
    return "/" + stem if stem else "/"


def root_url(from_path: str) -> str:
    """Relative URL from a page to the site root, e.g. ``../../``."""
    depth = _url(from_path).strip("/").count("/") + (1 if _url(from_path) != "/" else 0)
    return "../" * depth


def _component_pages(
    library: Library, paths: _Paths, options: RenderOptions, history: History | None = None
) -> list[Page]:
    index_path = paths.special("index")
    events_path = paths.special("events")
    pages = [
        _render("components_index.md.j2", library, index_path, "Components", "Components", paths, options),
        _render("events_table.md.j2", library, events_path, "Events table", "Components", paths, options,
                columns=event_columns(library), groups=event_groups(library)),
    ]
    for component in library.components:
        path = paths.get("Components", component.name)
        pages.append(_render("component.md.j2", library, path, component.name, "Components", paths, options,
                             component=component, history=history,
                             item_history=history.component(component.name) if history else None))
    return pages


def _api_page(library: Library, obj: ApiObject, section: str, paths: _Paths, options: RenderOptions,
              history: History | None = None) -> Page:
    path = paths.get(section, obj.name)
    return _render("api_object.md.j2", library, path, obj.name, section, paths, options, obj=obj, history=history,
                   item_history=history.object(obj.name) if history else None)


def _render(
    template: str,
    library: Library,
    path: str,
    title: str,
    section: str,
    paths: _Paths,
    options: RenderOptions,
    **context: Any,
) -> Page:
    def page_link(section: str, name: str, anchor: str = "") -> str:
        return link(path, paths.get(section, name), anchor)

    def special_link(name: str, anchor: str = "") -> str:
        return link(path, paths.special(name), anchor)

    type_links = {
        name: link(path, target) for name, target in _helper_pages(library, paths).items() if target != path
    } if section in ("Components", "Helpers") else {}
    stash = _Stash()
    content = _environment().get_template(template).render(
        _stash=stash,
        library=library,
        lib=library.library,
        options=options,
        page_path=path,
        base_url=root_url(path),
        page_link=page_link,
        special_link=special_link,
        type_links=type_links,
        **context,
    )
    return Page(path, title, section, content, tuple(stash.fragments))


def _helper_pages(library: Library, paths: _Paths) -> dict[str, str]:
    """Page of each of the library's own helper classes (not gradio's registry groups), by class name."""
    return {
        obj.name: paths.get("Helpers", obj.name)
        for obj in library.groups.get("Helpers", [])
        if obj.group == LIBRARY_HELPERS and obj.kind == "class"
    }


def linked_type(annotation: str, links: dict[str, str]) -> Markup:
    """A parameter's type as HTML, where the names of the library's helper classes link to their pages."""
    if not links:
        return Markup.escape(annotation)
    names = "|".join(re.escape(name) for name in sorted(links, key=len, reverse=True))
    parts: list[Markup] = []
    last = 0
    for match in re.finditer(rf"\b({names})\b", annotation):
        parts.append(Markup.escape(annotation[last : match.start()]))
        parts.append(Markup('<a href="{}">{}</a>').format(links[match.group(1)], match.group(1)))
        last = match.end()
    parts.append(Markup.escape(annotation[last:]))
    return Markup("").join(parts)


def template_environment() -> jinja2.Environment:
    """A new environment for docsgen's templates: the one setup for everything docsgen renders.

    Every template emits HTML, or Markdown whose raw HTML the site engine passes through, and the
    library's text is untrusted: values are HTML-escaped unless a filter marks its output safe.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("docsgen", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md_text"] = markdown_text
    return env


# What Python-Markdown (with the tables extension, which MkDocs always loads) reads as markup inside a
# line: code spans, emphasis, links and images, attribute lists ({: onclick=...}), closing #s, cells.
_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]#|])")


def markdown_text(text: str) -> Markup:
    """Text for a line of Markdown, shown as written: one line, Markdown syntax and HTML escaped.

    Backslash escapes come first: the HTML escapes they would break (``&#34;``) are added after.
    """
    one_line = " ".join(str(text).splitlines())
    return Markup.escape(_MARKDOWN_INLINE.sub(r"\\\1", one_line))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = template_environment()
    env.filters["stash"] = jinja2.pass_context(lambda ctx, html: Markup(ctx["_stash"].put(html)))
    env.filters["markdown"] = md.markdown
    env.filters["inline_markdown"] = lambda text: md.markdown(text, inline=True)
    env.filters["summary"] = md.summary
    env.filters["plain"] = md.plain
    env.filters["code_text"] = _code_text
    env.filters["kebab"] = _kebab
    env.filters["linked_type"] = linked_type
    env.filters["plural"] = plural
    return env


def plural(count: int, word: str) -> str:
    """``1 component``, ``2 components``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _code_text(text: str) -> Markup:
    """Text for a fenced code block, which escapes it itself: one line, no backticks to end the fence."""
    return Markup(" ".join((text or "").replace("`", "'").split()))


def _kebab(name: str) -> str:
    """``WaveformOptions`` -> ``waveform-options``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()
