"""What changed between two documentation models (two releases of one library): the components and
every other documented group (Building, Layout, Helpers, ...).

``compare(old, new)`` returns plain dataclasses; ``render_markdown`` and ``to_json`` present
them. The comparison is by name: a renamed component or parameter shows up as one removed
and one added, which is what a reader upgrading their code needs to know anyway.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from .model import ApiObject, Component, Library, Parameter
from .render.site import SECTION_ORDER, template_environment

TEMPLATE = "changes.md.j2"
PAGE_PATH = "changes.md"  # where a site gets its "What changed since X" page


@dataclass
class ParameterInfo:
    """A parameter as shown in a diff: ``default`` is Python source, or None when required."""

    name: str
    annotation: str = ""
    default: str | None = None


@dataclass
class ValueChange:
    """One attribute of a parameter that differs: its default or its type annotation."""

    name: str
    old: str | None
    new: str | None


@dataclass
class ComponentChanges:
    """What differs in one documented object (a component, or an object of another group)."""

    name: str
    added_params: list[ParameterInfo] = field(default_factory=list)
    removed_params: list[ParameterInfo] = field(default_factory=list)
    changed_defaults: list[ValueChange] = field(default_factory=list)
    changed_types: list[ValueChange] = field(default_factory=list)
    added_events: list[str] = field(default_factory=list)
    removed_events: list[str] = field(default_factory=list)
    added_methods: list[str] = field(default_factory=list)
    removed_methods: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "name")


@dataclass
class GroupChanges:
    """One documented group besides the components (Building, Layout, Helpers, ...), by its section."""

    section: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[ComponentChanges] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class LibraryChanges:
    library: str
    old_version: str
    new_version: str
    added_components: list[str] = field(default_factory=list)
    removed_components: list[str] = field(default_factory=list)
    changed_components: list[ComponentChanges] = field(default_factory=list)
    groups: list[GroupChanges] = field(default_factory=list)  # only groups where something changed

    @property
    def empty(self) -> bool:
        return not (self.added_components or self.removed_components or self.changed_components or self.groups)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def compare(old: Library, new: Library) -> LibraryChanges:
    """Components, the other documented groups, and their parameters, events and methods that differ
    from ``old`` to ``new``."""
    old_by_name = {c.name: c for c in old.components}
    new_by_name = {c.name: c for c in new.components}
    changed = [compare_component(old_by_name[c.name], c) for c in new.components if c.name in old_by_name]
    return LibraryChanges(
        library=new.library.name or old.library.name,
        old_version=old.library.version,
        new_version=new.library.version,
        added_components=[c.name for c in new.components if c.name not in old_by_name],
        removed_components=[c.name for c in old.components if c.name not in new_by_name],
        changed_components=[c for c in changed if not c.empty],
        groups=[g for g in compare_groups(old, new) if not g.empty],
    )


def compare_groups(old: Library, new: Library) -> list[GroupChanges]:
    """Every section of either model, in the site's order. An object is found by name in any section
    of the other model: one that moved from Helpers to Other is changed (or not), not removed and added."""
    old_objects = {obj.name: obj for objects in old.groups.values() for obj in objects}
    new_objects = {obj.name: obj for objects in new.groups.values() for obj in objects}
    sections = list(dict.fromkeys([*new.groups, *old.groups]))
    sections.sort(key=lambda s: SECTION_ORDER.index(s) if s in SECTION_ORDER else len(SECTION_ORDER))
    result = []
    for section in sections:
        current, before = new.groups.get(section, []), old.groups.get(section, [])
        changed = [compare_component(old_objects[o.name], o) for o in current if o.name in old_objects]
        result.append(GroupChanges(
            section=section,
            added=[o.name for o in current if o.name not in old_objects],
            removed=[o.name for o in before if o.name not in new_objects],
            changed=[c for c in changed if not c.empty],
        ))
    return result


def compare_component(old: Component | ApiObject, new: Component | ApiObject) -> ComponentChanges:
    old_params = {p.name: p for p in old.params}
    new_params = {p.name: p for p in new.params}
    kept = [(old_params[p.name], p) for p in new.params if p.name in old_params]
    old_events = [e.name for e in old.events]
    new_events = [e.name for e in new.events]
    old_methods = [m.name for m in old.methods]
    new_methods = [m.name for m in new.methods]
    return ComponentChanges(
        name=new.name,
        added_params=[_info(p) for p in new.params if p.name not in old_params],
        removed_params=[_info(p) for p in old.params if p.name not in new_params],
        changed_defaults=[ValueChange(n.name, o.default, n.default) for o, n in kept if o.default != n.default],
        changed_types=[
            ValueChange(n.name, o.annotation, n.annotation)
            for o, n in kept
            if same_type(o.annotation) != same_type(n.annotation)
        ],
        added_events=[e for e in new_events if e not in old_events],
        removed_events=[e for e in old_events if e not in new_events],
        added_methods=[m for m in new_methods if m not in old_methods],
        removed_methods=[m for m in old_methods if m not in new_methods],
    )


def _info(param: Parameter) -> ParameterInfo:
    return ParameterInfo(name=param.name, annotation=param.annotation, default=param.default)


def same_type(annotation: str) -> str:
    """An annotation as compared: two that give the same text here are the same type."""
    # Spacing and quoting style are how the source was written, not a change of type.
    return re.sub(r"\s+", "", annotation).replace('"', "'")


# --- presentation ---------------------------------------------------------------------------


def code(text: str | None) -> Markup:
    """``text`` as a Markdown code span, on one line, that survives backticks and table pipes inside it.

    Markdown escapes the HTML in a code span itself; a line break would end the span (and a blank
    line the paragraph), leaving the rest of the text to be read as Markdown and raw HTML.
    """
    if text is None:
        return Markup("*required*")
    if text == "":
        return Markup("*none*")
    text = " ".join(text.splitlines())
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{ticks}{pad}{text}{pad}{ticks}")


def signature(param: ParameterInfo) -> Markup:
    """``name: type = default`` as one code span; required parameters have no ``= ...``."""
    text = param.name
    if param.annotation:
        text += f": {param.annotation}"
    if param.default is not None:
        text += f" = {param.default}"
    return code(text)


def _environment() -> Environment:
    # docsgen's one autoescaped environment: whatever the template prints without a filter that makes
    # it safe Markdown (`md_text`, `code`, `signature`) is HTML-escaped.
    env = template_environment()
    env.filters["code"] = code
    env.filters["signature"] = signature
    return env


def render_markdown(
    changes: LibraryChanges,
    pages: Mapping[str, str] | None = None,
    since: str | None = None,
    group_pages: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """The "What changed since X" page. ``pages``: component name -> link to its page (only in a
    site, and only components that have one); ``group_pages``: section -> object name -> link;
    ``since``: how to name X (default: library and old version)."""
    template = _environment().get_template(TEMPLATE)
    return template.render(
        changes=changes,
        since=since or f"{changes.library} {changes.old_version}",
        pages=pages or {},
        group_pages=group_pages or {},
    )


def site_page(
    old: Library,
    new: Library,
    component_pages: Mapping[str, str],
    path: str = PAGE_PATH,
    group_pages: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[str, str]:
    """Title and Markdown of a site's page ``path`` comparing ``new`` with ``old``.

    ``component_pages``: component name -> its page's path in the site (``components/textbox.md``);
    ``group_pages``: section -> object name -> its page's path. Links are made relative to ``path``
    so the site engine can check and rewrite them.
    """
    folder = posixpath.dirname(path) or "."
    links = {name: posixpath.relpath(target, folder) for name, target in component_pages.items()}
    group_links = {
        section: {name: posixpath.relpath(target, folder) for name, target in pages.items()}
        for section, pages in (group_pages or {}).items()
    }
    changes = compare(old, new)
    since = f"{changes.library} {changes.old_version}"
    return f"What changed since {since}", render_markdown(changes, pages=links, since=since, group_pages=group_links)
