import json

from docsgen.model import Behaviour, Component, Event, Library, LibraryInfo, Parameter, Shortcut


def hand_written_model() -> Library:
    return Library(
        library=LibraryInfo("demo", "1.0"),
        components=[
            Component(
                name="Box",
                qualname="demo.Box",
                description="A box.",
                params=[Parameter("value", "str | None", "None", "the value"), Parameter("size", "int", None, "")],
                events=[Event("change", "When it changes.")],
                preprocess=Behaviour("str", "Passes a {str}."),
                shortcuts=[Shortcut("Box", "class", "demo.Box"), Shortcut("BigBox", "template", "demo.BigBox",
                                                                          {"size": "9"})],
                tags={"demos": "a, b"},
                demo={"example_payload": {"x": [1, 2]}},
            )
        ],
        listener_params=[Parameter("fn", "Callable", "None", "the function")],
    )


def test_round_trip_of_a_hand_written_model():
    model = hand_written_model()
    assert Library.from_json(model.to_json()) == model


def test_json_shape_is_the_documented_one():
    data = json.loads(hand_written_model().to_json())
    assert data["library"] == {"name": "demo", "version": "1.0", "framework": ""}
    component = data["components"][0]
    for key in ("name", "qualname", "description", "params", "events", "preprocess", "postprocess", "shortcuts",
                "tags"):
        assert key in component
    assert component["params"][0] == {"name": "value", "annotation": "str | None", "default": "None",
                                      "description": "the value", "kind": "positional_or_keyword"}
    assert component["events"] == [{"name": "change", "description": "When it changes."}]
    assert component["preprocess"] == {"type": "str", "description": "Passes a {str}."}


def test_unknown_keys_from_a_newer_model_are_ignored():
    data = json.loads(hand_written_model().to_json())
    data["components"][0]["future_field"] = 1
    assert Library.from_dict(data).components[0].name == "Box"


def test_gradio_model_round_trips(gradio_inspection):
    model = gradio_inspection.library
    assert Library.from_json(model.to_json()) == model


def test_demo_derived_properties():
    component = hand_written_model().components[0]
    assert component.demos == ["a", "b"]
    assert component.guides == []


def test_a_model_without_the_framework_field_reads_as_the_library_itself():
    data = json.loads(hand_written_model().to_json())
    del data["library"]["framework"]  # models written before the field existed
    assert Library.from_dict(data).library.framework == ""
