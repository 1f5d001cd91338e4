"""Library -> model. Everything that knows gradio's conventions lives in this package."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

from ..model import ApiObject, Component, Library, LibraryInfo
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
from .loader import LibraryImportError, import_library, library_version, resolve
from .report import Problem, Report

__all__ = ["Inspection", "LibraryImportError", "Problem", "inspect_library"]


@dataclass
class Inspection:
    library: Library
    problems: list[Problem]


def inspect_library(name: str, base_class: str | None = None) -> Inspection:
    """Import ``name`` and read its components and other documented objects into a model."""
    module = import_library(name)
    base = resolve(base_class) if base_class else None
    found = discover(module, base)
    report = Report()
    components = [_component(entry, found, name, report) for entry in found.components]
    _attach_helpers(components, found, name, report)
    library = Library(
        library=LibraryInfo(name=name, version=library_version(module)),
        components=components,
        groups=_groups(found.others, name, report),
        listener_params=listener_parameters(found.components[0].obj, report) if found.components else [],
        events=guarded(report, name, "its events", lambda: event_glossary([e.obj for e in found.components]), []),
    )
    return Inspection(library=library, problems=report.problems)


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
        params = constructor_params(obj, report)
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
