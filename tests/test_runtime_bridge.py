"""The Python bridge on the host interpreter (the same code runs inside Pyodide in the browser)."""

from __future__ import annotations

import json

import pytest

from docsgen.introspect.demo import demo_spec
from docsgen.introspect.report import Report
from docsgen.runtime import Bridge
from docsgen.runtime.describe import renderer_kind
from tests.live_support import EXAMPLELIB_SRC


@pytest.fixture(scope="module")
def examplelib():
    import sys

    sys.path.insert(0, str(EXAMPLELIB_SRC))
    import examplelib

    return examplelib


SETUP = "import examplelib\ninputs = examplelib.Text()\noutputs = examplelib.Text()\n"


def test_stages_are_recorded(examplelib):
    bridge = Bridge()
    assert bridge.load("k", "def fn(v):\n    print('got', v)\n    return v.lower()\n", SETUP)["ok"]
    result = json.loads(bridge.run_json("k", json.dumps([" Hi "])))
    assert result["ok"]
    assert result["stages"]["inputs"] == [{"payload": " Hi ", "repr": "'HI'", "type": "str"}]
    assert result["stages"]["returned"] == [{"repr": "'hi'", "type": "str"}]
    assert result["stages"]["outputs"] == [{"payload": "[hi]"}]
    assert result["stdout"] == "got HI\n"


def test_library_types_are_named(examplelib):
    bridge = Bridge()
    setup = "import examplelib\ninputs = examplelib.Chat()\noutputs = examplelib.Chat()\n"
    bridge.load("k", "def fn(v):\n    return v\n", setup)
    result = bridge.run("k", [[{"role": "user", "content": " x "}]])
    assert result["stages"]["inputs"][0]["type"] == "list[examplelib.data.Message]"


@pytest.mark.parametrize(
    ("fn", "payload", "stage", "message"),
    [
        ("def fn(v):\n    raise KeyError('boom')\n", "x", "fn", "'boom'"),
        ("def fn(v):\n    return 'not-a-colour'\n", "#000000", "postprocess", "not a hex colour: 'not-a-colour'"),
    ],
)
def test_exceptions_keep_the_library_message(examplelib, fn, payload, stage, message):
    bridge = Bridge()
    bridge.load("k", fn, "import examplelib\ninputs = examplelib.Color()\noutputs = examplelib.Color()\n")
    error = bridge.run("k", [payload])["error"]
    assert (error["stage"], error["message"]) == (stage, message)
    assert "bridge.py" not in error["traceback"] and "Traceback" in error["traceback"]
    bridge.load("k", "def fn(v):\n    return v\n", "import examplelib\ninputs = outputs = examplelib.Color()\n")
    assert bridge.run("k", ["#ABCDEF"])["ok"]  # the next run works


def test_preprocess_error_names_the_component(examplelib):
    bridge = Bridge()
    bridge.load("k", "def fn(v):\n    return v\n", "import examplelib\ninputs = outputs = examplelib.Radio()\n")
    error = bridge.run("k", ["Purple"])["error"]
    assert (error["stage"], error["component"], error["type"]) == ("preprocess", "Radio", "ValueError")


def test_syntax_error_gives_the_line():
    result = Bridge().load("k", "x = 1\ndef fn(v:\n    pass\n")
    assert result["ok"] is False
    assert result["error"]["stage"] == "syntax" and result["error"]["line"] == 2


def test_program_must_define_inputs_outputs_fn(examplelib):
    result = Bridge().load("k", "inputs = 1\n")
    assert "`fn`" in result["error"]["message"] or "preprocess" in result["error"]["message"]
    result = Bridge().load("k", "import examplelib\ninputs = outputs = examplelib.Text()\n")
    assert "`fn`" in result["error"]["message"]


def test_several_outputs(examplelib):
    bridge = Bridge()
    program = (
        "import examplelib\ninputs = [examplelib.Text(), examplelib.Number()]\n"
        "outputs = [examplelib.Text(), examplelib.Number()]\ndef fn(t, n):\n    return t * 2, n + 1\n"
    )
    assert bridge.load("k", program)["ok"]
    assert [o["payload"] for o in bridge.run("k", ["ab", 1])["stages"]["outputs"]] == ["[ABAB]", 4.0]
    bad = bridge.run_json("k", json.dumps(["ab"]))  # missing input: fn gets one argument
    assert json.loads(bad)["error"]["stage"] == "fn"


def test_demo_spec_for_every_examplelib_component(examplelib):
    report = Report()
    for name in examplelib.__all__:
        cls = getattr(examplelib, name)
        if not (isinstance(cls, type) and issubclass(cls, examplelib.Component)) or cls is examplelib.Component:
            continue
        spec = demo_spec(cls, report)
        assert spec is not None and json.loads(json.dumps(spec)) == spec
        assert spec["input"]["kind"] != "json" or name == "JSON", name
    assert report.problems == []


def test_demo_spec_of_a_raising_component_is_a_warning():
    class Broken:
        def __init__(self):
            raise RuntimeError("no default instance")

    report = Report()
    assert demo_spec(Broken, report) is None
    assert "no default instance" in str(report.warnings[0])

    class Half:
        def example_payload(self):
            raise ValueError("bad example")

        def get_config(self):
            return {"value": object()}

    spec = demo_spec(Half, report)
    assert spec is not None and spec["input"]["has_example"] is False
    assert any("example_payload" in str(p) for p in report.warnings)


def test_renderer_kind_falls_back_to_schema_then_value():
    class Widget:
        pass

    assert renderer_kind(Widget, {"type": "string", "format": "color"}, None) == "color"
    assert renderer_kind(Widget, {"type": "integer", "minimum": 0, "maximum": 9}, None) == "slider"
    assert renderer_kind(Widget, {"type": "array", "items": {"enum": ["a"]}}, None) == "choice"
    assert renderer_kind(Widget, None, 3.5) == "number"
    assert renderer_kind(Widget, None, {"a": 1}) == "json"


@pytest.mark.parametrize(
    ("fn", "out_of_memory", "message"),
    [
        ("def fn(v):\n    raise MemoryError\n", True, "ran out of memory"),
        ("def fn(v):\n    raise MemoryError('no room for ' + v)\n", True, "no room for HI"),  # its own message
        ("def fn(v):\n    raise ValueError('plain')\n", False, "plain"),
    ],
)
def test_memory_errors_ask_the_page_for_a_fresh_runtime(examplelib, fn: str, out_of_memory: bool, message: str):
    bridge = Bridge()
    assert bridge.load("k", fn, SETUP)["ok"]
    error = json.loads(bridge.run_json("k", json.dumps(["hi"])))["error"]
    assert error["out_of_memory"] is out_of_memory
    assert message in error["message"]
