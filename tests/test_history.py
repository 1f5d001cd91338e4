"""History among deployed releases (docsgen.history), on hand-written models whose history is obvious:

    1.0: Textbox(value: str = '', label (required), legacy, old_thing), events change, blur;
         Dialog; Blocks with launch(share=False); Row in Layout; listener params fn
    2.0: Textbox(value: str | None = '', label = None, legacy, lines = 1), events change, blur;
         Slider(step) is new; Dialog is gone; Blocks gains queue(); listener params fn
    3.0: Textbox(value: str | None = None, label = None, lines = 1), events change, submit;
         Slider(step, minimum) ; Dialog is back; launch(share=None); Row moved to Other, gains
         equal_height; listener params fn, api_visibility
"""

from __future__ import annotations

from docsgen.history import Change, History, compute
from docsgen.model import ApiObject, Component, Event, Function, Library, LibraryInfo, Parameter
from docsgen.render import RenderOptions, render_site


def lib(version: str, components: list[Component], groups: dict[str, list[ApiObject]],
        listener: list[str]) -> Library:
    return Library(LibraryInfo("ui", version), components, groups, [Parameter(n, default="None") for n in listener])


def textbox(params: list[Parameter], events: list[str]) -> Component:
    return Component("Textbox", "ui.Textbox", params=params, events=[Event(e) for e in events])


def blocks(methods: list[Function]) -> ApiObject:
    return ApiObject("Blocks", "ui.Blocks", "block", methods=methods)


def row(params: list[Parameter]) -> ApiObject:
    return ApiObject("Row", "ui.Row", "layout", params=params)


V1 = lib("1.0", [
    textbox([Parameter("value", "str", "''"), Parameter("label", "str"), Parameter("legacy", "bool", "False"),
             Parameter("old_thing", "int", "0")], ["change", "blur"]),
    Component("Dialog", "ui.Dialog"),
], {"Building": [blocks([Function("launch", params=[Parameter("share", "bool", "False")])])],
    "Layout": [row([])]}, ["fn"])
V2 = lib("2.0", [
    textbox([Parameter("value", "str | None", "''"), Parameter("label", "str", "None"),
             Parameter("legacy", "bool", "False"), Parameter("lines", "int", "1")], ["change", "blur"]),
    Component("Slider", "ui.Slider", params=[Parameter("step", "float", "1")]),
], {"Building": [blocks([Function("launch", params=[Parameter("share", "bool", "False")]), Function("queue")])],
    "Layout": [row([])]}, ["fn"])
V3 = lib("3.0", [
    textbox([Parameter("value", "str|None", "None"), Parameter("label", "str", "None"),
             Parameter("lines", "int", "1")], ["change", "submit"]),
    Component("Slider", "ui.Slider", params=[Parameter("step", "float", "1"), Parameter("minimum", "float", "0")]),
    Component("Dialog", "ui.Dialog"),
], {"Building": [blocks([Function("launch", params=[Parameter("share", "bool | None", "None")]), Function("queue")])],
    "Other": [row([Parameter("equal_height", "bool", "False")])]}, ["fn", "api_visibility"])
V4 = lib("4.0", [], {}, [])  # newer than the page's release: ignored


def history() -> History:
    return compute(V3, [V4, V2, V3, V1])  # any order; the current release's own model counts once


def test_versions_compared_are_the_deployed_ones_up_to_this_one() -> None:
    h = history()
    assert h.versions == ["1.0", "2.0", "3.0"]
    assert (h.oldest, h.previous, h.version) == ("1.0", "2.0", "3.0")


def test_when_components_appeared() -> None:
    h = history()
    assert h.components["Textbox"].added_in is None  # in the oldest deployed release: no "added in"
    assert h.components["Slider"].added_in == "2.0"
    assert h.components["Dialog"].added_in == "3.0"  # gone in 2.0, back in 3.0: counts from its return


def test_parameters_added_and_changed() -> None:
    box = history().components["Textbox"]
    assert box.params["lines"].added_in == "2.0"
    assert box.params["value"].added_in is None
    assert box.params["value"].default_changed == Change("3.0", "''", "None")
    # 1.0 -> 2.0 changed the type; 2.0 -> 3.0 only its spacing, which is not a change of type.
    assert box.params["value"].type_changed == Change("2.0", "str", "str | None")
    assert box.params["label"].default_changed == Change("2.0", None, "None")  # required -> a default
    assert box.params["label"].type_changed is None
    assert box.params["lines"].empty is False and box.params["lines"].default_changed is None


def test_a_parameter_that_came_with_its_component_has_no_added_in() -> None:
    slider = history().components["Slider"]
    assert slider.params["step"].empty
    assert slider.params["minimum"].added_in == "3.0"


def test_removed_parameters_and_events_say_the_last_release_that_had_them() -> None:
    box = history().components["Textbox"]
    removed = {(r.kind, r.name): (r.last_in, r.removed_in) for r in box.removed}
    assert removed == {("parameter", "legacy"): ("2.0", "3.0"), ("parameter", "old_thing"): ("1.0", "2.0"),
                       ("event", "blur"): ("2.0", "3.0")}
    groups = [(since, [r.name for r in items]) for since, items in box.removed_since()]
    assert groups == [("2.0", ["blur", "legacy"]), ("1.0", ["old_thing"])]
    legacy = next(r for r in box.removed if r.name == "legacy")
    assert (legacy.annotation, legacy.default) == ("bool", "False")


def test_events() -> None:
    box = history().components["Textbox"]
    assert box.events["submit"].added_in == "3.0"
    assert box.events["change"].empty


def test_api_objects_methods_and_listener_parameters() -> None:
    h = history()
    built = h.objects["Blocks"]
    assert built.methods["queue"].added_in == "2.0"
    assert built.methods["launch"].added_in is None
    assert built.methods["launch"].params["share"].default_changed == Change("3.0", "False", "None")
    assert built.methods["launch"].params["share"].type_changed == Change("3.0", "bool", "bool | None")
    moved = h.objects["Row"]  # moved from Layout to Other: the same object
    assert moved.added_in is None
    assert moved.params["equal_height"].added_in == "3.0"
    assert h.listener_params["api_visibility"].added_in == "3.0"
    assert h.listener_params["fn"].empty


def test_a_single_release_has_no_history() -> None:
    h = compute(V1, [V1])
    assert h.versions == ["1.0"]
    assert all(c.added_in is None and not c.removed for c in h.components.values())
    assert all(p.empty for p in h.components["Textbox"].params.values())


def test_json_round_trip() -> None:
    h = history()
    assert History.from_dict(h.to_dict()) == h


def page(name: str, h: History | None) -> str:
    pages = render_site(V3, RenderOptions(), h)
    found = next(p for p in pages if p.title == name)
    return found.finish(found.content)  # the Markdown with its HTML blocks in place


def row_of(text: str, anchor: str) -> str:
    return text.split(f'<tr id="{anchor}">', 1)[1].split("</tr>", 1)[0]


def test_component_page_shows_the_history() -> None:
    text = page("Textbox", history())
    assert "Added in" not in text.split("## Behaviour")[0]  # Textbox is in the oldest release
    assert "Added in 2.0" in row_of(text, "param-lines")
    value = row_of(text, "param-value")
    assert "default changed in 3.0: <code>&#39;&#39;</code> → <code>None</code>" in value
    assert "type changed in 2.0: <code>str</code> → <code>str | None</code>" in value
    assert "default changed in 2.0: <em>required</em> → <code>None</code>" in row_of(text, "param-label")
    assert "Added in 3.0" in row_of(text, "event-submit")
    assert "Added in 3.0" in row_of(text, "listener-api_visibility")
    removed = text.split("### Removed since 2.0", 1)[1]
    params_part = removed.split("## Shortcuts", 1)[0].split("### Removed since 1.0", 1)[0]
    assert "<code>legacy</code></td><td><code>bool</code></td><td><code>False</code></td><td>3.0</td>" in params_part
    assert "old_thing" not in params_part
    assert "<code>old_thing</code>" in text.split("### Removed since 1.0", 1)[1].split("## Shortcuts", 1)[0]
    events_part = text.split("## Event listeners", 1)[1].split("### Event parameters", 1)[0]
    assert "### Removed since 2.0" in events_part and "<code>blur</code>" in events_part


def test_new_component_and_api_object_pages() -> None:
    assert "Added in 3.0" in page("Dialog", history()).split("<div", 1)[0]
    blocks_page = page("Blocks", history())
    assert "Added in 2.0" in blocks_page.split("### queue", 1)[1].split("<span id=", 1)[0]
    assert "default changed in 3.0: <code>False</code> → <code>None</code>" in row_of(blocks_page, "launch-share")
    assert "Added in 3.0" in row_of(page("Row", history()), "param-equal_height")


def test_without_history_pages_have_no_notes() -> None:
    for name in ("Textbox", "Blocks", "Row"):
        text = page(name, None)
        assert "dg-history" not in text and "Removed since" not in text
