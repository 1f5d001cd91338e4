"""Introspection of the installed gradio, checked against gradio itself: its registry, its
signatures, its ``EVENTS`` and its own documentation generator (an independent parser)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import os

import pytest

gr = pytest.importorskip("gradio")
from gradio_client import documentation  # noqa: E402

GRADIO_DOCS = documentation.generate_documentation()
DOCUMENTED = [entry for entry in GRADIO_DOCS["component"] if hasattr(entry["class"], "EVENTS")]
HELPERS = [entry for entry in GRADIO_DOCS["component"] if not hasattr(entry["class"], "EVENTS")]
BY_NAME = {entry["name"]: entry for entry in DOCUMENTED}


def words(text: str | None) -> str:
    """Whitespace-insensitive text; gradio's generator joins lines with spaces and <br>."""
    return " ".join((text or "").replace("<br>", " ").split())


def installed(value):
    """Defaults that are paths into site-packages are shown from there on, without the machine's prefix."""
    if isinstance(value, str) and os.path.isabs(value) and "site-packages" + os.sep in value:
        return "<site-packages>" + os.sep + value.split("site-packages" + os.sep, 1)[1]
    return value


def unique(items):
    seen = []
    for item in items:
        if str(item) not in seen:
            seen.append(str(item))
    return seen


@pytest.fixture(scope="module")
def model(gradio_inspection):
    return gradio_inspection.library


def test_components_are_the_registry_entries_with_events(model):
    assert [c.name for c in model.components] == [entry["name"] for entry in DOCUMENTED]
    assert model.library.version == gr.__version__


def test_gradio_builds_without_warnings(gradio_inspection):
    assert [str(p) for p in gradio_inspection.problems if p.level == "warning"] == []


@pytest.mark.parametrize("name", list(BY_NAME))
def test_parameters_equal_the_signature(model, name):
    cls = BY_NAME[name]["class"]
    signature = inspect.signature(cls.__init__)
    expected = [n for n in signature.parameters if n != "self" and not n.startswith("_")]
    component = model.component(name)
    assert [p.name for p in component.params] == expected
    for param in component.params:
        default = signature.parameters[param.name].default
        if default is inspect.Parameter.empty:
            assert param.default is None, param.name
            continue
        assert param.default, param.name
        try:
            assert ast.literal_eval(param.default) == installed(default), param.name
        except ValueError:  # not a literal (a class, a callable, an object): shown by name
            assert param.default.replace("()", "") in (type(default).__name__, getattr(default, "__qualname__", ""))


@pytest.mark.parametrize("name", list(BY_NAME))
def test_parameter_descriptions_equal_gradios_own(model, name):
    theirs = {p["name"]: p.get("doc") for p in BY_NAME[name]["parameters"]}
    for param in model.component(name).params:
        if theirs.get(param.name):
            assert words(param.description) == words(theirs[param.name]), param.name


@pytest.mark.parametrize("name", list(BY_NAME))
def test_events_equal_EVENTS_with_the_descriptions_gradio_renders(model, name):
    cls = BY_NAME[name]["class"]
    component = model.component(name)
    assert [e.name for e in component.events] == unique(cls.EVENTS)
    theirs = {fn["name"]: fn["description"] for fn in BY_NAME[name]["fns"]}
    for event in component.events:
        assert words(event.description) == words(theirs[event.name]), event.name


@pytest.mark.parametrize("name", list(BY_NAME))
def test_behaviour_equals_gradios_preprocess_and_postprocess_docs(model, name):
    entry = BY_NAME[name]
    component = model.component(name)
    pre, post = entry.get("preprocess"), entry.get("postprocess")
    if pre and pre.get("return_doc"):
        assert component.preprocess.type == pre["return_doc"]["annotation"]
        assert words(component.preprocess.description) == words(pre["return_doc"]["doc"])
    if post and post.get("parameter_doc"):
        assert component.postprocess.type == post["parameter_doc"][0]["annotation"]
        assert words(component.postprocess.description) == words(post["parameter_doc"][0]["doc"])


def test_audio_lists_pause_once(model):
    assert list(gr.Audio.EVENTS).count("pause") == 2
    assert [e.name for e in model.component("Audio").events].count("pause") == 1


def test_template_shortcuts_set_the_templates_own_defaults(model):
    templates = [s for c in model.components for s in c.shortcuts if s.kind == "template"]
    assert any(s.name == "TextArea" for s in templates)
    for shortcut in templates:
        cls = getattr(gr, shortcut.name)
        signature = inspect.signature(cls.__init__)
        instance = cls()  # some templates set the value in __init__ rather than in the signature
        for param, source in shortcut.sets.items():
            try:
                value = ast.literal_eval(source)
            except ValueError:
                continue  # e.g. Brush(...): not a literal
            candidates = [signature.parameters[param].default, getattr(instance, param, None)]
            assert any(same(value, candidate) for candidate in candidates), (shortcut.name, param, candidates)


def same(a, b) -> bool:
    sequences = (list, tuple)
    return a == b or (isinstance(a, sequences) and isinstance(b, sequences) and list(a) == list(b))


def test_every_shortcut_row_names_the_class_and_its_string(model):
    for component in model.components:
        kinds = [s.kind for s in component.shortcuts]
        assert kinds[:2] == ["class", "string"]
        assert component.shortcuts[1].name == f'"{component.name.lower()}"'


def test_every_helper_class_is_documented_on_a_component(model):
    documented = {h.name for c in model.components for h in c.helpers}
    assert {entry["name"] for entry in HELPERS} <= documented
    assert "ChatMessage" in [h.name for h in model.component("Chatbot").helpers]


def test_other_groups_cover_the_registry(model):
    ours = {obj.name for objects in model.groups.values() for obj in objects}
    for group, entries in GRADIO_DOCS.items():
        if group != "component":
            assert {e["name"] for e in entries} <= ours, group
    building = [o.name for o in model.groups["Building"]]
    assert {"Blocks", "Interface", "ChatInterface"} <= set(building)


def test_event_glossary_covers_every_event(model):
    events = {e.name for c in model.components for e in c.events}
    assert {e.name for e in model.events} == events
    assert all("{{" not in e.description for e in model.events)


def _classes_with_params(docs=GRADIO_DOCS):
    for group, entries in docs.items():
        for entry in entries:
            if inspect.isclass(entry["class"]) and entry["parameters"]:
                yield group, entry


def _ours(model, group: str, name: str):
    if group == "component" and name in BY_NAME:
        return model.component(name).params
    objects = [o for objs in model.groups.values() for o in objs]
    objects += [h for c in model.components for h in c.helpers]
    return next(o for o in objects if o.name == name).params


def test_every_parameter_gradio_documents_has_gradios_description(model):
    for group, entry in _classes_with_params():
        ours = {p.name: p.description for p in _ours(model, group, entry["name"])}
        for param in entry["parameters"]:
            if param.get("doc"):
                assert words(ours[param["name"]]) == words(param["doc"]), (entry["name"], param["name"])


def test_descriptions_inherited_from_a_base_init_as_gradio_inherits_them(model):
    # Classes whose __init__ has no docstring of its own, yet gradio's generator documents parameters
    # of theirs: it took them from a base (in 6.31.0 the EventData subclasses, such as SelectData).
    inheriting = [
        (group, entry)
        for group, entry in _classes_with_params()
        if not dataclasses.is_dataclass(entry["class"])
        and not entry["class"].__init__.__doc__
        and any(p.get("doc") for p in entry["parameters"])
    ]
    assert inheriting, "gradio documents no class through a base's __init__"
    for group, entry in inheriting:
        ours = {p.name: p.description for p in _ours(model, group, entry["name"])}
        theirs = {p["name"]: p["doc"] for p in entry["parameters"] if p.get("doc")}
        assert {name: words(ours[name]) for name in theirs} == {n: words(d) for n, d in theirs.items()}
