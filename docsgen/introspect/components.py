"""A component class -> ``model.Component``, following gradio's conventions (DESIGN.md)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
from collections.abc import Callable
from typing import Any, TypeVar

from .. import docstrings
from ..model import ApiObject, Behaviour, Component, Event, Function, Parameter, Shortcut
from . import gradio_api
from .report import Report
from .signatures import format_annotation, parameters, signature_of

T = TypeVar("T")


def guarded(report: Report, subject: str, what: str, fn: Callable[[], T], default: T) -> T:
    """Run one reading step; a library error becomes a named warning and a default."""
    try:
        return fn()
    except Exception as exc:
        report.warning(subject, f"cannot read {what}: {type(exc).__name__}: {exc}")
        return default


def read_docstring(report: Report, subject: str, obj: Any) -> docstrings.Docstring:
    # The raw __doc__, not inspect.getdoc: a class without a docstring must not borrow its base's.
    text = guarded(report, subject, "its docstring", lambda: getattr(obj, "__doc__", None) if obj else None, None)
    return _parsed(report, subject, None if _generated_doc(obj, text) else text)


def _generated_doc(obj: Any, text: str | None) -> bool:
    """The docstring ``@dataclass`` writes for a class without one: its signature, not a description."""
    if not text or not dataclasses.is_dataclass(obj) or not inspect.isclass(obj):
        return False
    signature = signature_of(obj)
    return signature is not None and text == obj.__name__ + str(signature).replace(" -> None", "")


def _parsed(report: Report, subject: str, text: str | None) -> docstrings.Docstring:
    parsed = docstrings.parse(text)
    for problem in parsed.problems:
        report.warning(subject, f"malformed docstring: {problem}")
    return parsed


def method_doc(cls: type, name: str) -> str | None:
    """A method's docstring, or that of the method it overrides (gradio documents many only in the base)."""
    owner = _doc_owner(cls, name)
    return getattr(owner.__dict__.get(name), "__doc__", None) if owner else None


def _doc_owner(cls: type, name: str) -> type | None:
    """The class in ``cls``'s MRO whose ``name`` has the docstring that ``method_doc`` reads."""
    for base in getattr(cls, "__mro__", ()):
        if getattr(base.__dict__.get(name), "__doc__", None):
            return base
    return None


def _library_doc(cls: type, name: str) -> str | None:
    """``method_doc``, unless it comes from another package: a custom component's preprocess inherits
    gradio's generic words ("Any preprocessing needed..."), which say nothing about this class."""
    owner = _doc_owner(cls, name)
    same_package = owner is not None and owner.__module__.split(".")[0] == cls.__module__.split(".")[0]
    return method_doc(cls, name) if same_package else None


def constructor_params(
    cls: type,
    report: Report,
    class_doc: docstrings.Docstring | None = None,
    params_report: Report | None = None,
) -> list[Parameter]:
    """``cls.__init__``'s parameters with their docs; none when the class has no constructor of its own."""
    name = cls.__name__
    init = guarded(report, name, "__init__", lambda: cls.__init__, None)
    if init is None or init is object.__init__:
        return []
    doc = read_docstring(report, f"{name}.__init__", init)
    if not getattr(init, "__doc__", None):
        doc = _inherited_init_doc(cls, init, report)
    if class_doc is not None:
        doc = docstrings.Docstring(params={**class_doc.params, **doc.params})
    owner = f"{name}.__init__"
    params = guarded(report, name, "its parameters", lambda: parameters(init, doc, owner, params_report or report), [])
    return _factory_defaults(cls, params)


def _inherited_init_doc(cls: type, init: Any, report: Report) -> docstrings.Docstring:
    """The docstring of the nearest base's ``__init__`` that has one, as gradio's generator reads it
    (``inspect.getdoc`` looks up the MRO): gradio 5's ClearButton documents its parameters only in Button.

    Only the parameters this class's signature has: a base may document one that the subclass drops.
    """
    owner = _init_doc_owner(cls, init)
    if owner is None:
        return docstrings.Docstring()
    doc = read_docstring(report, f"{owner.__name__}.__init__", owner.__dict__["__init__"])
    signature = signature_of(init)
    names = set(signature.parameters) if signature else set()
    return docstrings.Docstring(params={k: v for k, v in doc.params.items() if k in names})


def _init_doc_owner(cls: type, init: Any) -> type | None:
    """The first class in ``cls``'s MRO, past the one that defines ``init``, whose ``__init__`` is documented.
    Built-in bases (``object``, ``dict``) do not count: their docstrings are not the library's."""
    bases = list(getattr(cls, "__mro__", ()))
    start = next((i for i, base in enumerate(bases) if base.__dict__.get("__init__") is init), 0)
    for base in bases[start + 1 :]:
        if base.__module__ == "builtins":
            continue
        if getattr(base.__dict__.get("__init__"), "__doc__", None):
            return base
    return None


def _factory_defaults(cls: type, params: list[Parameter]) -> list[Parameter]:
    """A dataclass field's ``default_factory`` as the call that makes the default (``list()``): its
    signature only says ``<factory>``."""
    fields = getattr(cls, "__dataclass_fields__", None)
    if not isinstance(fields, dict):
        return params
    for param in params:
        factory = getattr(fields.get(param.name), "default_factory", dataclasses.MISSING)
        if factory is not dataclasses.MISSING:
            param.default = f"{getattr(factory, '__qualname__', type(factory).__name__)}()"
    return params


def build_component(
    cls: type,
    qualname: str,
    templates: list[type],
    library: str,
    methods: list[str],
    report: Report,
) -> Component:
    name = cls.__name__
    class_doc = read_docstring(report, name, cls)
    if not class_doc.description:
        report.info(name, "has no description (class docstring)")
    # Custom components often document __init__'s parameters in the class docstring (gradio_calendar).
    params = constructor_params(cls, report, class_doc=class_doc)
    return Component(
        name=name,
        qualname=qualname,
        description=class_doc.description,
        params=params,
        events=guarded(report, name, "EVENTS", lambda: events_of(cls, report), []),
        preprocess=guarded(report, name, "preprocess", lambda: _preprocess(cls, class_doc, report), Behaviour()),
        postprocess=guarded(report, name, "postprocess", lambda: _postprocess(cls, class_doc, report), Behaviour()),
        shortcuts=shortcuts_of(cls, qualname, templates, library, report),
        tags=class_doc.tags,
        methods=[m for m in (read_method(cls, n, report) for n in methods) if m is not None],
    )


def events_of(cls: type, report: Report) -> list[Event]:
    """``EVENTS`` without repeats, each described as gradio renders it for this class."""
    result: list[Event] = []
    seen: set[str] = set()
    for item in getattr(cls, "EVENTS", None) or []:
        name = str(getattr(item, "event_name", item))
        if name in seen:
            continue
        seen.add(name)
        listener = guarded(report, cls.__name__, f"event '{name}'", lambda n=name: getattr(cls, n, None), None)
        doc = docstrings.parse(getattr(listener, "__doc__", None) or getattr(item, "doc", "") or "")
        description = doc.description.replace("{{ component }}", cls.__name__)
        result.append(Event(name=name, description=description or _standard_event(cls, name, cls.__name__)))
    return result


def _standard_event(cls: type, event: str, component: str) -> str:
    """gradio's description of the event, for a gradio component that declared it as a plain string."""
    return gradio_api.standard_event_doc(event, component) if gradio_api.is_component(cls) else ""


def event_glossary(classes: list[type]) -> list[Event]:
    """One general description per event name, from the listener's template (``{{ component }}``)."""
    glossary: dict[str, Event] = {}
    for cls in classes:
        try:
            items = list(getattr(cls, "EVENTS", None) or [])
        except Exception:  # already reported for the component itself
            continue
        for item in items:
            name = str(getattr(item, "event_name", item))
            if name in glossary:
                continue
            template = getattr(item, "doc", None)
            text = template if isinstance(template, str) else (getattr(getattr(cls, name, None), "__doc__", "") or "")
            description = docstrings.parse(text).description.replace("{{ component }}", "component")
            description = description.replace(cls.__name__, "component") or _standard_event(cls, name, "component")
            glossary[name] = Event(name=name, description=description)
    return sorted(glossary.values(), key=lambda e: e.name)


def listener_parameters(cls: type, report: Report) -> list[Parameter]:
    """The parameters every event listener takes (``fn``, ``inputs``, ...), from the first event."""
    for item in getattr(cls, "EVENTS", None) or []:
        listener = getattr(cls, str(getattr(item, "event_name", item)), None)
        if listener is None:
            continue
        doc = docstrings.parse(getattr(listener, "__doc__", "") or "")
        quiet = Report()
        params = parameters(listener, doc, f"{cls.__name__}.{item}", quiet, skip=("self", "block"))
        report.problems.extend(p for p in quiet.problems if p.level == "info")
        return params
    return []


def _preprocess(cls: type, class_doc: docstrings.Docstring, report: Report) -> Behaviour:
    method = getattr(cls, "preprocess", None)
    doc = _parsed(report, f"{cls.__name__}.preprocess", method_doc(cls, "preprocess"))
    own = _parsed(Report(), cls.__name__, _library_doc(cls, "preprocess"))
    signature = signature_of(method) if method else None
    type_ = format_annotation(signature.return_annotation) if signature else ""
    # The library's words first: its method's docstring, its class's `Preprocessing:` tag, then inherited ones.
    text = own.returns or class_doc.tags.get("preprocessing", "") or doc.returns
    return Behaviour(type=type_ or _first_mark(text), description=text)


def _postprocess(cls: type, class_doc: docstrings.Docstring, report: Report) -> Behaviour:
    method = getattr(cls, "postprocess", None)
    doc = _parsed(report, f"{cls.__name__}.postprocess", method_doc(cls, "postprocess"))
    own = _parsed(Report(), cls.__name__, _library_doc(cls, "postprocess"))
    signature = signature_of(method) if method else None
    type_ = ""
    text = ""
    if signature:
        values = [p for name, p in signature.parameters.items() if name not in ("self", "cls")]
        if values:
            type_ = format_annotation(values[0].annotation)
            value = values[0].name
            text = own.params.get(value, "") or class_doc.tags.get("postprocessing", "") or doc.params.get(value, "")
    text = text or class_doc.tags.get("postprocessing", "")
    return Behaviour(type=type_ or _first_mark(text), description=text)


def _first_mark(text: str) -> str:
    marks = docstrings.type_marks(text)
    return marks[0] if marks else ""


def shortcuts_of(cls: type, qualname: str, templates: list[type], library: str, report: Report) -> list[Shortcut]:
    result = [Shortcut(name=cls.__name__, kind="class", qualname=qualname)]
    if gradio_api.string_shortcut_resolves(cls):
        result.append(Shortcut(name=f'"{cls.__name__.lower()}"', kind="string"))
    for template in templates:
        if cls not in template.__mro__[1:2]:
            continue
        tags = docstrings.parse(template.__doc__).tags
        result.append(
            Shortcut(
                name=template.__name__,
                kind="template",
                qualname=f"{library}.{template.__name__}",
                sets=_parse_sets(tags.get("sets", ""), template.__name__, report),
            )
        )
    return result


def _parse_sets(text: str, owner: str, report: Report) -> dict[str, str]:
    """``lines=7, brush=Brush(colors=["#000"])`` -> ``{"lines": "7", "brush": "Brush(...)"}``."""
    if not text:
        return {}
    source = f"f({text})"
    try:
        call = ast.parse(source, mode="eval").body
    except SyntaxError:
        report.warning(owner, f"cannot read its 'Sets:' tag: {text!r}")
        return {"": text}
    assert isinstance(call, ast.Call)
    return {kw.arg or "**": ast.get_source_segment(source, kw.value) or "" for kw in call.keywords}


def read_method(cls: Any, name: str, report: Report) -> Function | None:
    subject = f"{getattr(cls, '__name__', cls)}.{name}"
    method = guarded(report, subject, "the method", lambda: getattr(cls, name), None)
    if method is None:
        report.warning(subject, "is listed as documented but does not exist")
        return None
    text = method_doc(cls, name) if inspect.isclass(cls) else getattr(method, "__doc__", None)
    return read_function(method, name, subject, report, text)


def read_function(fn: Any, name: str, subject: str, report: Report, text: str | None = None) -> Function:
    doc = _parsed(report, subject, text if text is not None else getattr(fn, "__doc__", None))
    signature = signature_of(fn)
    returns = Behaviour(
        type=format_annotation(signature.return_annotation) if signature else "",
        description=doc.returns,
    )
    return Function(
        name=name,
        description=doc.description,
        params=parameters(fn, doc, subject, report) if callable(fn) else [],
        returns=returns,
    )


def read_helper(obj: Any, library: str, report: Report) -> ApiObject:
    """A helper class documented next to its component (ChatMessage, Brush, ...)."""
    name = obj.__name__
    doc = read_docstring(report, name, obj)
    # Helpers (often dataclasses) document fields in the class docstring; gaps there are not reported.
    params = constructor_params(obj, report, class_doc=doc, params_report=Report())
    return ApiObject(
        name=name,
        qualname=qualname_of(obj, library),
        group="component",
        description=doc.description,
        params=params,
        tags=doc.tags,
        example=doc.example_for(name),
    )


def qualname_of(obj: Any, library: str) -> str:
    """``gradio.Textbox`` when the library exports it at the top, else its full module path."""
    name = getattr(obj, "__name__", "")
    top = inspect.getmodule(obj)
    root = __import__(library)
    if getattr(root, name, None) is obj:
        return f"{library}.{name}"
    module = top.__name__ if top else getattr(obj, "__module__", library)
    return f"{module}.{getattr(obj, '__qualname__', name)}"


def mentions(annotation_text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", annotation_text) is not None
