"""Which classes of a library are components, helpers, templates and other API objects.

Two ways: gradio's own registry (``gradio_client.documentation.classes_to_document``), and
for every other library the public subclasses of a configured base class.
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

# gradio's documentation groups -> the site's sections. Groups not listed go to "Other".
SECTION_OF_GROUP = {
    "block": "Building",
    "blocks": "Building",
    "interface": "Building",
    "chatinterface": "Building",
    "renderable": "Building",
    "layout": "Layout",
    "helpers": "Helpers",
    "modals": "Modals",
    "routes": "Routes",
}
SECTIONS = ["Building", "Layout", "Components", "Helpers", "Modals", "Routes", "Other"]


@dataclass
class Entry:
    """A documented object and the names of its documented methods."""

    obj: Any
    group: str
    methods: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return getattr(self.obj, "__name__", str(self.obj))


@dataclass
class Discovered:
    components: list[Entry] = field(default_factory=list)
    helpers: list[Entry] = field(default_factory=list)
    templates: list[type] = field(default_factory=list)
    others: list[Entry] = field(default_factory=list)


def discover(module: ModuleType, base_class: type | None = None) -> Discovered:
    registry = _gradio_registry(module)
    if registry is not None and base_class is None:
        found = _from_registry(registry)
    else:
        if base_class is None:
            raise ValueError(
                f"{module.__name__} has no documentation registry: set `base_class` to the "
                "dotted path of its component base class"
            )
        found = _from_base_class(module, base_class)
    documented = {id(entry.obj) for entry in found.components}
    found.templates = [
        cls
        for cls in _exported_classes(module)
        if getattr(cls, "is_template", False)
        and id(cls) not in documented
        and any(issubclass(cls, entry.obj) for entry in found.components)
    ]
    return found


def _gradio_registry(module: ModuleType) -> dict[str, list[tuple[Any, list[Any]]]] | None:
    """gradio registers documented objects in ``gradio_client.documentation`` when imported."""
    if not module.__name__.startswith("gradio"):
        return None
    documentation = sys.modules.get("gradio_client.documentation")
    registry = getattr(documentation, "classes_to_document", None)
    return registry if isinstance(registry, dict) and registry else None


def _from_registry(registry: dict[str, list[tuple[Any, list[Any]]]]) -> Discovered:
    found = Discovered()
    seen: set[int] = set()
    for group, items in registry.items():
        for obj, functions in items:
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            events = {str(e) for e in getattr(obj, "EVENTS", None) or []}
            methods = [str(f) for f in functions if str(f) not in events and not str(f).startswith("*")]
            entry = Entry(obj, str(group), methods)
            if group == "component":
                has_events = inspect.isclass(obj) and hasattr(obj, "EVENTS")
                (found.components if has_events else found.helpers).append(entry)
            else:
                found.others.append(entry)
    return found


def _from_base_class(module: ModuleType, base_class: type) -> Discovered:
    found = Discovered()
    for cls in _exported_classes(module):
        if cls is not base_class and issubclass(cls, base_class) and not cls.__name__.startswith("_"):
            found.components.append(Entry(cls, "component"))
    return found


def _exported_classes(module: ModuleType) -> list[type]:
    names = getattr(module, "__all__", None)
    if not isinstance(names, list | tuple):
        names = [n for n in dir(module) if not n.startswith("_")]
    classes: list[type] = []
    seen: set[int] = set()
    for name in names:
        try:
            obj = getattr(module, name)
        except Exception:  # a lazy attribute that fails to load is not a component
            continue
        if inspect.isclass(obj) and id(obj) not in seen:
            seen.add(id(obj))
            classes.append(obj)
    return classes


def section_of(group: str) -> str:
    return SECTION_OF_GROUP.get(group, "Other")
