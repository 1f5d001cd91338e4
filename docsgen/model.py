"""The documentation model: plain dataclasses that round-trip through JSON.

Everything the renderers and other tools know about a library lives here. The shape of
``Library.to_dict()`` is the public JSON model printed by ``python -m docsgen inspect --json``
(documented in ``docs/model.md``); bump ``SCHEMA_VERSION`` when it changes incompatibly.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

SCHEMA_VERSION = 1
# ``ApiObject.group`` of the classes a library without a documentation registry exports besides its
# components (a custom component's helper dataclasses): the Helpers section, and linked from the types
# of parameters that name them.
LIBRARY_HELPERS = "library-helpers"


@dataclass
class Parameter:
    """One parameter of a constructor, method or event listener.

    ``default`` is Python source (``None``, ``"text"``, ``1``), or ``None`` when the
    parameter is required.
    """

    name: str
    annotation: str = ""
    default: str | None = None
    description: str = ""
    kind: str = "positional_or_keyword"

    @property
    def required(self) -> bool:
        return self.default is None and self.kind in ("positional_or_keyword", "keyword_only")


@dataclass
class Event:
    name: str
    description: str = ""


@dataclass
class Behaviour:
    """What a component hands to the user's function (preprocess) or expects from it (postprocess)."""

    type: str = ""
    description: str = ""


@dataclass
class Shortcut:
    """A way to create a component: the class itself, its string shortcut, or a template subclass."""

    name: str
    kind: str  # "class" | "string" | "template"
    qualname: str = ""
    sets: dict[str, str] = field(default_factory=dict)


@dataclass
class Function:
    """A documented method or function: name, description, parameters and return value."""

    name: str
    description: str = ""
    params: list[Parameter] = field(default_factory=list)
    returns: Behaviour = field(default_factory=Behaviour)


@dataclass
class ApiObject:
    """A documented class or function that is not a component (Blocks, Row, Error, ...)."""

    name: str
    qualname: str
    group: str
    kind: str = "class"  # "class" | "function"
    description: str = ""
    params: list[Parameter] = field(default_factory=list)
    methods: list[Function] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    example: str = ""


@dataclass
class Component:
    name: str
    qualname: str
    description: str = ""
    params: list[Parameter] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    preprocess: Behaviour = field(default_factory=Behaviour)
    postprocess: Behaviour = field(default_factory=Behaviour)
    shortcuts: list[Shortcut] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    helpers: list[ApiObject] = field(default_factory=list)
    methods: list[Function] = field(default_factory=list)
    # Build-time data for the live demo (example payload, config, renderer kind); JSON values only.
    demo: dict[str, Any] | None = None

    @property
    def demos(self) -> list[str]:
        return _split_tag(self.tags.get("demos", ""))

    @property
    def guides(self) -> list[str]:
        return _split_tag(self.tags.get("guides", ""))


@dataclass
class LibraryInfo:
    name: str
    version: str = ""
    # The framework that calls preprocess and postprocess (``gradio`` for gradio and the libraries built
    # on it); empty when that is the library itself. Older models lack it and read as empty.
    framework: str = ""


@dataclass
class Library:
    library: LibraryInfo
    components: list[Component] = field(default_factory=list)
    groups: dict[str, list[ApiObject]] = field(default_factory=dict)
    listener_params: list[Parameter] = field(default_factory=list)
    # Every event any component supports, described in general terms (not for one class).
    events: list[Event] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    def component(self, name: str) -> Component:
        for component in self.components:
            if component.name == name:
                return component
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Library:
        return _build(cls, data)

    @classmethod
    def from_json(cls, text: str) -> Library:
        return cls.from_dict(json.loads(text))


def _split_tag(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


T = TypeVar("T")


def _build(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` (a dataclass or a container of them) from plain JSON data."""
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        known = {f.name for f in dataclasses.fields(tp) if f.init}
        return tp(**{k: _build(hints[k], v) for k, v in data.items() if k in known})
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list:
        return [_build(args[0], item) for item in data]
    if origin is dict:
        return {k: _build(args[1], v) for k, v in data.items()}
    if origin in (typing.Union, types.UnionType):
        # ``X | None`` of a dataclass X (docsgen.history's optional changes); other unions are JSON values.
        classes = [a for a in args if dataclasses.is_dataclass(a)]
        return _build(classes[0], data) if data is not None and len(classes) == 1 else data
    return data
