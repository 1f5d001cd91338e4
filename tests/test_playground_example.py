"""The playground's first example is chosen from the model: a text input and an output whose postprocess takes
a mapping, so input and output differ; for gradio 6.31.0, Textbox -> Label, each read from gradio itself."""

from __future__ import annotations

import ast
import inspect

import pytest

from docsgen.model import Behaviour, Component, Library, LibraryInfo
from docsgen.render.playground import transform_example


def test_gradio_gets_textbox_to_label(gradio_inspection):
    gr = pytest.importorskip("gradio")
    example = transform_example(gradio_inspection.library)
    assert example is not None and example["name"] == "Word count: Textbox → Label"
    tree = ast.parse(example["code"])
    calls = {node.targets[0].id: node.value for node in tree.body if isinstance(node, ast.Assign)}
    assert ast.unparse(calls["inputs"].func) == "gradio.Textbox"
    assert ast.unparse(calls["outputs"].func) == "gradio.Label"
    # the keywords it passes are parameters of gradio's own constructors
    for name, cls in (("inputs", gr.Textbox), ("outputs", gr.Label)):
        assert {k.arg for k in calls[name].keywords} <= set(inspect.signature(cls.__init__).parameters)
    namespace: dict = {}
    exec(compile(ast.Module([n for n in tree.body if isinstance(n, ast.FunctionDef)], []), "<example>", "exec"),
         namespace)
    result = namespace["fn"]("b a b c b a")
    assert result == {"b": 0.5, "a": 2 / 6, "c": 1 / 6}
    assert gr.Label().postprocess(result).model_dump()["label"] == "b"  # gradio's Label takes what fn returns


def test_no_pair_no_example():
    demo = {"constructor": "lib.Box", "module": "lib", "accepts_label": True, "input": {"kind": "text"}}
    only_text = Component("Box", "lib.Box", preprocess=Behaviour("str"), postprocess=Behaviour("str"), demo=demo)
    assert transform_example(Library(LibraryInfo("lib"), components=[only_text])) is None
