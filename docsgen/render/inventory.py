"""The site's ``objects.inv``: a Sphinx inventory (version 2) of everything the reference documents.

intersphinx and mkdocstrings read it, so another project's docs can link ``gradio.Textbox`` or
``gradio.Textbox(lines)`` to our pages. Entries come from the model and the generated pages' paths;
the anchors are the ids our templates give parameters (``param-NAME``), events (``event-NAME``),
methods (``QUALNAME.METHOD``) and helper classes.

Roles: ``py:class`` and ``py:function`` for documented objects, ``py:method`` for methods and event
listeners (``gradio.Textbox.change`` is a method of the class), ``py:parameter`` for parameters (named
``OWNER(NAME)``, as mkdocstrings names parameter anchors), ``std:label`` for the events table's
entries and ``std:doc`` for every generated page.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from ..model import ApiObject, Component, Event, Function, Library, Parameter
from .site import Page, _kebab

FILE_NAME = "objects.inv"
_WHITESPACE = re.compile(r"\s")
# Characters a URL fragment keeps as they are (RFC 3986 pchar, plus "/" and "?"); the rest is escaped.
_FRAGMENT_SAFE = "!$&'()*+,;=:@/?-._~"


@dataclass(frozen=True)
class Entry:
    """One line of the inventory. ``uri`` is relative to the site root; ``dispname`` "-" means ``name``."""

    name: str
    role: str  # "domain:role", e.g. "py:class"
    uri: str
    dispname: str = "-"
    priority: int = 1


def page_url(path: str, directory_urls: bool = True) -> str:
    """A page's URL relative to the site root: ``a/b.md`` -> ``a/b/`` (or ``a/b.html``)."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def _at(url: str, anchor: str) -> str:
    return f"{url}#{quote(anchor, safe=_FRAGMENT_SAFE)}"


def _params(owner: str, params: list[Parameter], url: str, prefix: str) -> Iterator[Entry]:
    for p in params:
        yield Entry(f"{owner}({p.name})", "py:parameter", _at(url, prefix + p.name), priority=2)


def _methods(owner: str, methods: list[Function], url: str) -> Iterator[Entry]:
    for m in methods:
        name = f"{owner}.{m.name}"
        yield Entry(name, "py:method", _at(url, name))
        yield from _params(name, m.params, url, f"{m.name}-")


def _events(owner: str, events: list[Event], url: str) -> Iterator[Entry]:
    for event in events:
        yield Entry(f"{owner}.{event.name}", "py:method", _at(url, f"event-{event.name}"))


def _component(component: Component, url: str) -> Iterator[Entry]:
    owner = component.qualname
    yield Entry(owner, "py:class", url)
    yield from _params(owner, component.params, url, "param-")
    yield from _events(owner, component.events, url)
    yield from _methods(owner, component.methods, url)
    for helper in component.helpers:
        yield Entry(helper.qualname, "py:class", _at(url, _kebab(helper.name)))
        yield from _params(helper.qualname, helper.params, url, f"{helper.name.lower()}-")


def _api_object(obj: ApiObject, url: str) -> Iterator[Entry]:
    yield Entry(obj.qualname, "py:function" if obj.kind == "function" else "py:class", url)
    yield from _params(obj.qualname, obj.params, url, "param-")
    yield from _events(obj.qualname, obj.events, url)
    yield from _methods(obj.qualname, obj.methods, url)


def _glossary(library: Library, url: str) -> Iterator[Entry]:
    """The events table's description of each event, as ``LIBRARY-event-NAME``."""
    for event in library.events:
        anchor = f"event-{event.name}"
        yield Entry(f"{library.library.name}-{anchor}", "std:label", _at(url, anchor), f"{event.name} event", 2)


def entries(library: Library, pages: list[Page], directory_urls: bool = True) -> list[Entry]:
    """Every entry for a site whose generated pages are ``pages`` (as ``render_site`` made them).

    An object appears once per name and role (the first page that documents it, as for a helper class
    several components share); names with whitespace cannot be written and are left out.
    """
    urls = {(page.section, page.title): page_url(page.path, directory_urls) for page in pages}
    found: list[Entry] = [Entry(page.path.removesuffix(".md"), "std:doc", page_url(page.path, directory_urls),
                                page.title, -1) for page in pages]
    for component in library.components:
        if ("Components", component.name) in urls:
            found += _component(component, urls[("Components", component.name)])
    for section, objects in library.groups.items():
        for obj in objects:
            if (section, obj.name) in urls:
                found += _api_object(obj, urls[(section, obj.name)])
    events_page = next((p for p in pages if p.section == "Components" and p.path.endswith("/events.md")), None)
    if events_page is not None:
        found += _glossary(library, page_url(events_page.path, directory_urls))
    return _unique(found)


def _unique(found: Iterable[Entry]) -> list[Entry]:
    kept: dict[tuple[str, str], Entry] = {}
    for entry in found:
        if entry.name and not _WHITESPACE.search(entry.name):
            kept.setdefault((entry.name, entry.role), entry)
    return list(kept.values())


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def inventory(project: str, version: str, items: list[Entry]) -> bytes:
    """The ``objects.inv`` file: a plain header, then the entries, zlib-compressed."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {_one_line(project)}\n"
        f"# Version: {_one_line(version)}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = "".join(
        f"{e.name} {e.role} {e.priority} {e.uri} {_one_line(e.dispname) or '-'}\n" for e in items
    )
    return header.encode("utf-8") + zlib.compress(lines.encode("utf-8"), 9)


def site_inventory(library: Library, pages: list[Page], directory_urls: bool = True) -> bytes:
    """``objects.inv`` for a site: what a site engine's adapter writes at its root."""
    info = library.library
    return inventory(info.name, info.version, entries(library, pages, directory_urls))
