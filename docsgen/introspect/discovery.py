"""Which classes of a library are components, helpers, templates and other API objects.

Two ways: gradio's own registry (``gradio_client.documentation.classes_to_document``), and for
every other library the public subclasses of a base class that its top-level module exports: the
configured ``base_class``, else gradio's Component for a library built on gradio.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from ..model import LIBRARY_HELPERS
from . import gradio_api
from .loader import DiscoveryError

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
    LIBRARY_HELPERS: "Helpers",
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


def discover(module: ModuleType, base_class: type | None = None, framework_base: type | None = None) -> Discovered:
    """gradio from its registry; any other library from a base class: ``base_class``, else ``framework_base``
    (gradio's Component for a library built on gradio)."""
    registry = gradio_api.registry() if gradio_api.is_gradio(module) else None
    if registry is not None and base_class is None:
        found = _from_registry(registry)
    else:
        base = base_class or framework_base
        if base is None:
            raise DiscoveryError(_no_base_message(module))
        found = _from_base_class(module, base)
        if not found.components:
            raise DiscoveryError(_no_components_message(module, base))
    documented = {id(entry.obj) for entry in found.components}
    found.templates = [
        cls
        for cls in _exported_classes(module)
        if getattr(cls, "is_template", False)
        and id(cls) not in documented
        and any(issubclass(cls, entry.obj) for entry in found.components)
    ]
    return found


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
    """Components: the exported public subclasses of the base. Helpers: the library's own other exported
    classes (such as the column filters a leaderboard component takes), each on a page of its own."""
    found = Discovered()
    top = module.__name__.split(".")[0]
    framework = base_class.__module__.split(".")[0]
    for cls in _exported_classes(module):
        if cls is base_class or cls.__name__.startswith("_"):
            continue
        if issubclass(cls, base_class):
            # gradio's own Textbox, re-exported by a custom component library, is not that library's.
            if framework == top or not _defined_in(cls, framework):
                found.components.append(Entry(cls, "component"))
        elif _defined_in(cls, top) and not getattr(cls, "is_template", False):
            found.others.append(Entry(cls, LIBRARY_HELPERS))
    return found


def _defined_in(cls: type, top: str) -> bool:
    """Defined by the library itself, not re-exported from elsewhere (typing, gradio, ...)."""
    module = getattr(cls, "__module__", "") or ""
    return module == top or module.startswith(f"{top}.")


def _no_base_message(module: ModuleType) -> str:
    name = module.__name__
    guess = _likely_base(_exported_classes(module))
    example = f"{guess.__module__}.{guess.__qualname__}" if guess else f"{name}.Component"
    return (
        f"docsgen: {name} has no documentation registry and is not built on gradio, so docsgen does not know "
        f"which of its classes are components: set the option `base_class` (command line: `--base-class`) to "
        f"the dotted path of their base class, e.g. `{example}`."
    )


def _no_components_message(module: ModuleType, base: type) -> str:
    name = module.__name__
    classes = [cls.__name__ for cls in _exported_classes(module)]
    where = "its `__all__`" if isinstance(getattr(module, "__all__", None), list | tuple) else "its public names"
    listed = ", ".join(classes[:12]) + (", ..." if len(classes) > 12 else "")
    searched = f"{len(classes)} class{'' if len(classes) == 1 else 'es'}: {listed}" if classes else "no classes"
    return (
        f"docsgen: found no components in {name}: none of the classes its top-level module exports "
        f"({where}, {searched}) subclasses {base.__module__}.{base.__qualname__}. Export the component "
        f"classes from the module {name}, or set `base_class` to their base class."
    )


def _likely_base(classes: list[type]) -> type | None:
    """The exported class that most other exported classes subclass (a library's own base), if any."""
    counts = {id(c): sum(1 for o in classes if o is not c and issubclass(o, c)) for c in classes}
    best = max(classes, key=lambda c: counts[id(c)], default=None)
    return best if best is not None and counts[id(best)] else None


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
