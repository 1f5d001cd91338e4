"""When each documented thing appeared and last changed, among the deployed releases of a library.

``compute(current, deployed)`` takes the model of the release being built and the models of the
releases already deployed (each site publishes its ``model.json``) and returns plain dataclasses:
for every component and API object, its parameters, events, methods and helper classes, the release
it was added in and the release its default or type last changed in, and what the release before
this one had that this one has not ("Removed since X"). Nothing here knows about pages or HTML.

Only releases up to the current one count: a page built for 5.0 says nothing about 6.0. Facts are
relative to the releases deployed, so the words say "among the deployed versions" where it matters:
a thing present in the oldest deployed release has no "added in" (it may be older than that), and
a thing that disappeared and came back counts from its return.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from .diff import same_type
from .model import ApiObject, Component, Event, Function, Library, Parameter, _build
from .versions import version_key

PARAMETER, EVENT, METHOD = "parameter", "event", "method"


@dataclass
class Change:
    """A value that differs from the release before: ``old`` and ``new`` as Python source
    (None: a required parameter, which has no default)."""

    version: str
    old: str | None
    new: str | None


@dataclass
class ItemHistory:
    """A parameter or an event. ``added_in``: the release it first appeared in among the deployed
    ones (None: it was in the oldest one, or came with its owner); ``default_changed`` and
    ``type_changed``: the last release whose default or type annotation differed from the one before."""

    name: str
    added_in: str | None = None
    default_changed: Change | None = None
    type_changed: Change | None = None

    @property
    def empty(self) -> bool:
        return not (self.added_in or self.default_changed or self.type_changed)


@dataclass
class Removal:
    """A parameter, event or method the owner had until ``last_in`` and does not have now.
    ``removed_in`` is the first deployed release without it."""

    name: str
    kind: str  # PARAMETER | EVENT | METHOD
    last_in: str
    removed_in: str
    annotation: str = ""
    default: str | None = None


@dataclass
class ObjectHistory:
    """A component, an API object, a method or a helper class, with its members' histories."""

    name: str
    added_in: str | None = None
    params: dict[str, ItemHistory] = field(default_factory=dict)
    events: dict[str, ItemHistory] = field(default_factory=dict)
    methods: dict[str, ObjectHistory] = field(default_factory=dict)
    helpers: dict[str, ObjectHistory] = field(default_factory=dict)
    removed: list[Removal] = field(default_factory=list)

    def param(self, name: str) -> ItemHistory | None:
        return self.params.get(name)

    def event(self, name: str) -> ItemHistory | None:
        return self.events.get(name)

    def method(self, name: str) -> ObjectHistory | None:
        return self.methods.get(name)

    def helper(self, name: str) -> ObjectHistory | None:
        return self.helpers.get(name)

    def removed_since(self) -> list[tuple[str, list[Removal]]]:
        """Removals grouped by the last release that had them, newest first: ``("5.0.0", [...])`` reads
        "Removed since 5.0.0"."""
        groups: dict[str, list[Removal]] = {}
        for removal in sorted(self.removed, key=lambda r: r.name):
            groups.setdefault(removal.last_in, []).append(removal)
        return sorted(groups.items(), key=lambda item: version_key(item[0]), reverse=True)


@dataclass
class History:
    """The history of one release's documentation among the deployed releases.

    ``versions``: the releases compared, oldest first, ending with ``version``; with only one of
    them there is no history to tell and every entry is empty."""

    library: str
    version: str
    versions: list[str] = field(default_factory=list)
    components: dict[str, ObjectHistory] = field(default_factory=dict)
    objects: dict[str, ObjectHistory] = field(default_factory=dict)  # API objects of every group, by name
    listener_params: dict[str, ItemHistory] = field(default_factory=dict)

    @property
    def oldest(self) -> str:
        return self.versions[0] if self.versions else self.version

    @property
    def previous(self) -> str | None:
        return self.versions[-2] if len(self.versions) > 1 else None

    def component(self, name: str) -> ObjectHistory | None:
        return self.components.get(name)

    def object(self, name: str) -> ObjectHistory | None:
        return self.objects.get(name)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> History:
        return _build(cls, data)


# --- computing it -------------------------------------------------------------------------------


class _Member(Protocol):
    name: str


M = TypeVar("M", bound=_Member)
Documented = Component | ApiObject | Function


def compute(current: Library, deployed: Iterable[Library]) -> History:
    """The history of ``current`` among ``deployed`` (any order; releases newer than ``current``
    and another copy of ``current``'s own release are ignored)."""
    version = current.library.version
    older = {m.library.version: m for m in deployed if version_key(m.library.version) < version_key(version)}
    models = [older[v] for v in sorted(older, key=version_key)] + [current]
    versions = [m.library.version for m in models]
    return History(
        library=current.library.name,
        version=version,
        versions=versions,
        components={
            c.name: _object([_component(m, c.name) for m in models], versions) for c in current.components
        },
        objects={
            obj.name: _object([_api_object(m, obj.name) for m in models], versions)
            for obj in _api_objects(current)
        },
        listener_params=_items([m.listener_params for m in models], versions, _param_item)[0],
    )


def _api_objects(library: Library) -> list[ApiObject]:
    return [obj for objects in library.groups.values() for obj in objects]


def _component(library: Library, name: str) -> Component | None:
    return next((c for c in library.components if c.name == name), None)


def _api_object(library: Library, name: str) -> ApiObject | None:
    # By name across groups: an object that moves to another section is the same object.
    return next((obj for obj in _api_objects(library) if obj.name == name), None)


def _run_start(present: Sequence[bool]) -> int:
    """Index where the unbroken run of presence that ends with the current release starts."""
    start = len(present) - 1
    while start > 0 and present[start - 1]:
        start -= 1
    return start


def _object(nodes: Sequence[Documented | None], versions: Sequence[str]) -> ObjectHistory:
    """``nodes``: the object in each release (None where absent), the last one current."""
    current = nodes[-1]
    assert current is not None
    start = _run_start([n is not None for n in nodes])
    run = list(nodes[start:])
    run_versions = list(versions[start:])
    params, removed = _items([n.params for n in run], run_versions, _param_item)
    history = ObjectHistory(name=current.name, added_in=versions[start] if start > 0 else None,
                            params=params, removed=removed)
    if not isinstance(current, Function):
        events, gone = _items([_events(n) for n in run], run_versions, _event_item, EVENT)
        history.events, history.removed = events, [*history.removed, *gone]
        methods, gone = _members([n.methods for n in run], run_versions, METHOD)
        history.methods, history.removed = methods, [*history.removed, *gone]
    if isinstance(current, Component):
        history.helpers, _ = _members([n.helpers for n in run if isinstance(n, Component)], run_versions, "")
    return history


def _events(node: Documented) -> list[Event]:
    return node.events if isinstance(node, Component | ApiObject) else []


def _members(lists: Sequence[Sequence[Function] | Sequence[ApiObject]], versions: Sequence[str],
             kind: str) -> tuple[dict[str, ObjectHistory], list[Removal]]:
    """Methods or helper classes: each an object of its own, within its owner's run."""
    by_name = [{m.name: m for m in members} for members in lists]
    histories = {name: _object([b.get(name) for b in by_name], versions) for name in by_name[-1]}
    removed = _removals(by_name, versions, kind, lambda m: Removal(m.name, kind, "", "")) if kind else []
    return histories, removed


def _items(
    lists: Sequence[Sequence[M]],
    versions: Sequence[str],
    item: Callable[[list[M | None], Sequence[str]], ItemHistory],
    kind: str = PARAMETER,
) -> tuple[dict[str, ItemHistory], list[Removal]]:
    """Parameters or events of one owner, across the owner's run (``lists[-1]``: the current ones)."""
    by_name = [{m.name: m for m in members} for members in lists]
    histories = {name: item([b.get(name) for b in by_name], versions) for name in by_name[-1]}

    def removal(member: M) -> Removal:
        if isinstance(member, Parameter):
            return Removal(member.name, kind, "", "", member.annotation, member.default)
        return Removal(member.name, kind, "", "")

    return histories, _removals(by_name, versions, kind, removal)


def _removals(by_name: Sequence[dict[str, M]], versions: Sequence[str], kind: str,
              make: Callable[[M], Removal]) -> list[Removal]:
    """Members an earlier release of the run had and the current one has not, each with the last
    release that had it; a name that came and went twice counts once, by its last appearance."""
    current = by_name[-1]
    found: dict[str, Removal] = {}
    for index in range(len(by_name) - 2, -1, -1):
        for name, member in by_name[index].items():
            if name in current or name in found:
                continue
            removal = make(member)
            removal.kind, removal.last_in = kind, versions[index]
            removal.removed_in = versions[index + 1]
            found[name] = removal
    return sorted(found.values(), key=lambda r: (-list(versions).index(r.last_in), r.name))


def _param_item(nodes: list[Parameter | None], versions: Sequence[str]) -> ItemHistory:
    history = _event_item(nodes, versions)
    start = _run_start([n is not None for n in nodes])
    run = [(v, n) for v, n in zip(versions[start:], nodes[start:], strict=True) if n is not None]
    for (_, before), (version, after) in itertools.pairwise(run):
        if before.default != after.default:
            history.default_changed = Change(version, before.default, after.default)
        if same_type(before.annotation) != same_type(after.annotation):
            history.type_changed = Change(version, before.annotation, after.annotation)
    return history


def _event_item(nodes: Sequence[_Member | None], versions: Sequence[str]) -> ItemHistory:
    current = nodes[-1]
    assert current is not None
    start = _run_start([n is not None for n in nodes])
    return ItemHistory(name=current.name, added_in=versions[start] if start > 0 else None)
