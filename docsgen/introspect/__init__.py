"""Library -> model. Everything that knows gradio's conventions lives in this package."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ..model import LIBRARY_HELPERS, ApiObject, Component, Library, LibraryInfo
from . import gradio_api
from .components import (
    build_component,
    constructor_params,
    event_glossary,
    events_of,
    guarded,
    listener_parameters,
    mentions,
    qualname_of,
    read_docstring,
    read_function,
    read_helper,
    read_method,
)
from .demo import demo_spec
from .discovery import SECTIONS, Discovered, Entry, discover, section_of
from .loader import DiscoveryError, LibraryImportError, distribution_of, import_library, library_version, resolve
from .report import Problem, Report

__all__ = ["DiscoveryError", "Inspection", "LibraryImportError", "Problem", "inspect_library"]


@dataclass
class Inspection:
    library: Library
    problems: list[Problem]


def inspect_library(name: str, base_class: str | None = None) -> Inspection:
    """Import ``name`` and read its components and other documented objects into a model."""
    module = import_library(name)
    base = _base_class(base_class, module) if base_class else None
    found = discover(module, base, _framework_base(module) if base is None else None)
    report = Report()
    components = [_component(entry, found, name, report) for entry in found.components]
    _attach_helpers(components, found, name, report)
    library = Library(
        library=LibraryInfo(name=name, version=library_version(module), framework=_framework(module, found)),
        components=components,
        groups=_groups(found.others, name, report),
        listener_params=listener_parameters(found.components[0].obj, report) if found.components else [],
        events=guarded(report, name, "its events", lambda: event_glossary([e.obj for e in found.components]), []),
    )
    return Inspection(library=library, problems=report.problems)


def _base_class(dotted: str, library: ModuleType) -> type:
    """The configured base class; a module there is a mistake the message explains."""
    base = resolve(dotted)
    if inspect.isclass(base):
        return base
    kind = "a module" if isinstance(base, ModuleType) else f"a {type(base).__name__}"
    guess = _base_in(base, library) if isinstance(base, ModuleType) else None
    example = f"`{guess.__module__}.{guess.__qualname__}`" if guess else f"`{dotted}.ClassName`"
    raise DiscoveryError(
        f"docsgen: `base_class: {dotted}` names {kind}, not a class: set `base_class` to the dotted path of "
        f"the components' base class, e.g. {example}."
    )


def _base_in(module: ModuleType, library: ModuleType) -> type | None:
    """The class of ``module`` that most of the library's exported classes subclass (the most derived on a tie)."""
    exported = [o for o in vars(library).values() if inspect.isclass(o)]
    candidates = [c for c in vars(module).values() if inspect.isclass(c) and c.__module__ == module.__name__]
    scored = [(sum(issubclass(o, c) and o is not c for o in exported), len(c.__mro__), c) for c in candidates]
    best = max(scored, key=lambda item: item[:2], default=None)
    return best[2] if best and best[0] else None


def _framework_base(module: ModuleType) -> type | None:
    """gradio's Component for a library built on gradio (gradio itself has its registry)."""
    if gradio_api.is_gradio(module):
        return None
    return gradio_api.component_base(module, distribution_of(module))


def _framework(module: ModuleType, found: Discovered) -> str:
    """The framework that calls the components' preprocess and postprocess; "" when it is the library itself."""
    if gradio_api.is_gradio(module) or any(gradio_api.is_component(e.obj) for e in found.components):
        return gradio_api.GRADIO
    return ""


def _component(entry: Entry, found: Discovered, library: str, report: Report) -> Component:
    cls = entry.obj
    component = build_component(
        cls,
        qualname=guarded(report, cls.__name__, "its import path", lambda: qualname_of(cls, library), cls.__name__),
        templates=found.templates,
        library=library,
        methods=entry.methods,
        report=report,
    )
    component.demo = guarded(report, cls.__name__, "its live demo", lambda: demo_spec(cls, report), None)
    return component


def _attach_helpers(components: list[Component], found: Discovered, library: str, report: Report) -> None:
    """A helper belongs to the components of its module, else to those whose signature names it."""
    classes = {c.name: entry.obj for c, entry in zip(components, found.components, strict=True)}
    for entry in found.helpers:
        helper = guarded(
            report, entry.name, "the helper class", lambda e=entry: read_helper(e.obj, library, report), None
        )
        if helper is None:
            continue
        module = getattr(entry.obj, "__module__", None)
        owners = [c for c in components if getattr(classes[c.name], "__module__", None) == module]
        owners += [
            c
            for c in components
            if c not in owners and any(mentions(p.annotation, entry.name) for p in c.params)
        ]
        if not owners:
            report.warning(entry.name, "is a helper class that no component uses; it is not documented")
        for owner in owners:
            owner.helpers.append(helper)


def _groups(entries: list[Entry], library: str, report: Report) -> dict[str, list[ApiObject]]:
    groups: dict[str, list[ApiObject]] = {s: [] for s in SECTIONS if s != "Components"}
    for entry in entries:
        obj = guarded(report, entry.name, "the object", lambda e=entry: _api_object(e, library, report), None)
        if obj is not None:
            groups[section_of(entry.group)].append(obj)
    return {section: objs for section, objs in groups.items() if objs}


def _api_object(entry: Entry, library: str, report: Report) -> ApiObject:
    obj: Any = entry.obj
    name = entry.name
    doc = read_docstring(report, name, obj)
    if inspect.isclass(obj):
        # A library's helper dataclasses document their fields in the class docstring, as gradio's own
        # component helpers do (read_helper). gradio's registry objects keep to __init__'s docstring.
        params = constructor_params(obj, report, class_doc=doc if entry.group == LIBRARY_HELPERS else None)
        kind = "class"
        methods = [m for m in (read_method(obj, n, report) for n in entry.methods) if m is not None]
        events = events_of(obj, report) if hasattr(obj, "EVENTS") else []
    else:
        params = read_function(obj, name, name, report).params
        kind, methods, events = "function", [], []
    return ApiObject(
        name=name,
        qualname=qualname_of(obj, library),
        group=entry.group,
        kind=kind,
        description=doc.description,
        params=params,
        methods=methods,
        events=events,
        tags=doc.tags,
        example=doc.example_for(name),
    )
