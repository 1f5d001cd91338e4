"""The playground's first example: a program whose input and output components differ, so that what the reader
sees is data being transformed, not a value handed back (Button -> Button).

Chosen from the model alone, for any library: the input is a text component (its demo's widget is a text field
and its ``preprocess`` gives a ``str``); the output is one whose ``postprocess`` takes a mapping of names to
numbers (a label with confidences), else any mapping. The function counts words: a str in, a dict out.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import Component, Library


def _types(behaviour_type: str) -> list[str]:
    """The alternatives of a union, top level only: ``dict[str, float] | str | None`` -> three."""
    parts, depth, current = [], 0, ""
    for char in behaviour_type:
        depth += (char in "[(") - (char in "])")
        if char == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [p for p in [*parts, current.strip()] if p]


def playable(component: Component) -> bool:
    """The component has demo data the playground can build a program from."""
    return bool(component.demo and component.demo.get("constructor"))


def _text_input(component: Component) -> bool:
    demo = component.demo or {}
    return (playable(component) and (demo.get("input") or {}).get("kind") == "text"
            and bool(demo.get("accepts_label")) and "str" in _types(component.preprocess.type))


def _scores(component: Component) -> bool:
    """postprocess takes a mapping of names to numbers (``dict[str, float]``, ``dict[str | float, float]``)."""
    return any(re.fullmatch(r"dict\[str\b.*,\s*(float|int)\]", t) for t in _types(component.postprocess.type))


def _mapping(component: Component) -> bool:
    return any(t == "dict" or t.startswith(("dict[", "Mapping")) for t in _types(component.postprocess.type))


def transform_example(library: Library) -> dict[str, Any] | None:
    """``{"name", "code"}`` of the word-count program, or None when the library has no such pair."""
    candidates = [c for c in library.components if playable(c)]
    source = next((c for c in candidates if _text_input(c)), None)
    target = next((c for c in candidates if _scores(c) and c is not source), None) or next(
        (c for c in candidates if _mapping(c) and c is not source), None)
    if source is None or target is None:
        return None
    return {"name": f"Word count: {source.name} → {target.name}", "code": _program(source, target)}


def _call(component: Component, **arguments: str) -> str:
    demo = component.demo or {}
    accepted = {p.name for p in component.params} | ({"label"} if demo.get("accepts_label") else set())
    shown = ", ".join(f"{name}={value}" for name, value in arguments.items() if name in accepted)
    return f"{demo['constructor']}({shown})"


def _program(source: Component, target: Component) -> str:
    modules = dict.fromkeys((c.demo or {})["module"] for c in (source, target))
    imports = "".join(f"import {module}\n" for module in modules)
    # No value=: an input shows the library's example payload first (docsgen/runtime/describe.py), not a value.
    make_input = _call(source, label=json.dumps("Text"), lines="3")
    make_output = _call(target, label=json.dumps("Most frequent words"))
    return (
        f"{imports}\n"
        f"inputs = {make_input}\n"
        f"outputs = {make_output}\n\n\n"
        "def fn(text):\n"
        "    # Type a few sentences, then Submit.\n"
        f"    # {source.name}.preprocess gives fn a str; fn returns a dict of word -> share of the words,\n"
        f"    # which {target.name}.postprocess turns into what the browser shows.\n"
        "    words = text.lower().split()\n"
        '    print(len(words), "words,", len(set(words)), "different")\n'
        "    counts = {word: words.count(word) / len(words) for word in set(words)}\n"
        "    return dict(sorted(counts.items(), key=lambda item: -item[1])[:5])\n"
    )
