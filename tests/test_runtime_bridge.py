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
    file_data = {"type": "object", "properties": {"path": {"type": "string"}, "url": {}, "orig_name": {}}}
    assert renderer_kind(Widget, file_data, None) == "file"  # a third-party component with data_model = FileData
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


@pytest.fixture
def gradio_cache(monkeypatch, tmp_path):
    """gradio's cache directory, which its server (and our shim, in Pyodide) creates before any component runs."""
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio-cache"))
    (tmp_path / "gradio-cache").mkdir()


def test_gradio_path_validates_the_data_model_and_dumps_the_result(tmp_path, gradio_cache):
    """gradio's File has a data model: preprocess gets a FileData, postprocess's FileData comes back as JSON."""
    gradio = pytest.importorskip("gradio")
    source = tmp_path / "notes.txt"
    source.write_text("hello")
    bridge = Bridge()
    program = "def fn(path):\n    print(open(path).read())\n    return path\n"
    assert bridge.load("k", program, "import gradio\ninputs = gradio.File()\noutputs = gradio.File()\n")["ok"]
    payload = {"path": str(source), "orig_name": "notes.txt", "meta": {"_type": "gradio.FileData"}}
    result = bridge.run("k", [payload])
    assert result["ok"], result["error"]
    assert result["stdout"] == "hello\n"
    out = result["stages"]["outputs"][0]["payload"]
    component = gradio.File()
    expected = component.postprocess(component.preprocess(component.data_model.model_validate(payload)))
    assert out == json.loads(json.dumps(expected.model_dump()))
    assert [f["path"] for f in result["files"]] == [out["path"]]  # the page gets this file's bytes
    assert result["files"][0]["size"] == 5


def test_an_upload_arrives_as_a_file_in_the_worker(tmp_path, monkeypatch, gradio_cache):
    pytest.importorskip("gradio")
    from docsgen.runtime import files

    monkeypatch.setattr(files.materialize, "__defaults__", (str(tmp_path / "uploads"),))
    bridge = Bridge()
    program = "def fn(path):\n    return open(path, 'rb').read().decode()\n"
    assert bridge.load("k", program, "import gradio\ninputs = gradio.File()\noutputs = gradio.Textbox()\n")["ok"]
    upload = {"path": "a.txt", "orig_name": "a.txt", "url": "data:text/plain;base64,aGkgdGhlcmU=",
              "meta": {"_type": "gradio.FileData"}}
    result = bridge.run("k", [upload])
    assert result["ok"], result["error"]
    assert result["stages"]["outputs"][0]["payload"] == "hi there"
    assert (tmp_path / "uploads" / "a.txt").read_text() == "hi there"


def test_a_stand_in_that_is_used_names_the_package(examplelib):
    """Anywhere in the exception chain: gradio wraps some errors of its components."""
    bridge = Bridge()
    bridge.load("k", "def fn(v):\n    raise ValueError('wrapped') from E('numpy is not included')\n",
                SETUP + "E = __import__('builtins').type('E', (ImportError,), "
                        "{'docsgen_missing_package': True, 'package': 'numpy'})\n")
    error = bridge.run("k", ["x"])["error"]
    assert error["missing_package"] == "numpy"
    bridge.load("k", "def fn(v):\n    raise E('PIL is not included')\n",
                SETUP + "E = __import__('builtins').type('E', (ImportError,), {'docsgen_missing_package': True, "
                        "'package': 'PIL', 'distribution': 'pillow'})\n")
    assert bridge.run("k", ["x"])["error"]["missing_package"] == "pillow"
    bridge.load("k", "def fn(v):\n    raise ValueError('plain')\n", SETUP)
    assert bridge.run("k", ["x"])["error"]["missing_package"] is None


def strict_json(text: str):
    """JSON as the browser's JSON.parse reads it: no NaN or Infinity."""
    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


def test_infinities_reach_the_page_as_null_as_gradio_sends_them(examplelib):
    """gradio.State keeps time_to_live=math.inf in its config; a postprocess may return one too."""
    setup = ("import math, examplelib\nclass Far(examplelib.Text):\n    def get_config(self):\n"
             "        return {**super().get_config(), 'time_to_live': math.inf}\n"
             "    def postprocess(self, value):\n        return {'v': float(value)}\n"
             "inputs = examplelib.Text()\noutputs = Far()\n")
    bridge = Bridge()
    loaded = strict_json(bridge.load_json("k", "def fn(v):\n    return v\n", setup))
    assert loaded["ok"], loaded
    assert loaded["outputs"][0]["props"]["time_to_live"] is None
    for text, expected in (("inf", None), ("-inf", None), ("nan", None), ("1.5", 1.5)):
        result = strict_json(bridge.run_json("k", json.dumps([text])))
        assert result["stages"]["outputs"][0]["payload"] == {"v": expected}, result


@pytest.mark.parametrize("name", ["Chatbot", "Gallery", "MultimodalTextbox"])
def test_a_data_model_is_json_as_gradio_sends_it_not_a_repr(name, gradio_cache):
    """postprocess returns pydantic models (ChatbotDataMessages, GalleryData, ...): JSON gets model_dump()."""
    gradio = pytest.importorskip("gradio")
    from docsgen.runtime.describe import json_safe

    component = getattr(gradio, name)()
    processed = component.postprocess(component.value)
    assert component.value is not None and hasattr(processed, "model_dump")
    assert json_safe(processed) == json.loads(json.dumps(processed.model_dump()))
    component.data_model.model_validate(json_safe(processed))  # gradio takes it back


def test_a_demo_starts_from_the_example_payload_not_the_default_value():
    """gr.Number(value=0) would start at an empty-looking 0; its example payload shows what it does."""
    gradio = pytest.importorskip("gradio")
    from docsgen.runtime.describe import describe

    number = gradio.Number(value=0)
    assert describe(number, lambda what, exc: None)["initial"] == number.example_payload() != 0
    textbox = gradio.Textbox(value="configured")  # gradio's example for Textbox is "Hello!!"
    assert describe(textbox, lambda what, exc: None)["initial"] == textbox.example_payload()
