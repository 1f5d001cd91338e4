"""The playground's examples menu: one program per component, from the build-time demo data."""

from __future__ import annotations

from typing import Any

from ..model import Component, Library
from ..render.playground import playable, transform_example
from ..render.site import template_environment


def playground_examples(library: Library) -> list[dict[str, Any]]:
    """``[{"name": "Text", "code": "import examplelib\\n..."}]`` for every component with a demo, after the
    program whose input and output differ (transform_example), when the library has a pair for it."""
    featured = transform_example(library)
    return [*([featured] if featured else []),
            *({"name": c.name, "code": example_program(c)} for c in library.components if playable(c))]


def example_program(component: Component) -> str:
    demo = component.demo or {}
    module, constructor = demo["module"], demo["constructor"]
    labelled = demo.get("accepts_label", False)
    make_input = f'{constructor}(label="{component.name} input")' if labelled else f"{constructor}()"
    make_output = f'{constructor}(label="{component.name} output")' if labelled else f"{constructor}()"
    return (
        f"import {module}\n\n"
        f"inputs = {make_input}\n"
        f"outputs = {make_output}\n\n\n"
        "def fn(value):\n"
        f"    # value is what {component.name}.preprocess made of the input\n"
        "    print(type(value).__name__, repr(value)[:80])\n"
        "    return value\n"
    )


PLAYGROUND_PATH = "playground.md"


def playground_html(library: Library, base_url: str) -> str:
    """The playground page's body (templates/playground.html.j2), for any site engine."""
    template = template_environment().get_template("playground.html.j2")
    return template.render(library=library, base_url=base_url, examples=playground_examples(library))
