"""Run with the Python of an environment that has the documented library installed:

    python tests/check_model_against_library.py model.json [--dump]

Compares the model's components with the library itself (``EVENTS`` and ``inspect.signature``)
and prints one line per mismatch; exit status 1 when there is any. ``--dump`` prints instead,
as JSON, each component's events and parameter names as the library has them. Used by the versioned-build
tests for releases that are installed in their own environments, not in the test's.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys


def expected_events(cls: type) -> list[str]:
    names: list[str] = []
    for item in getattr(cls, "EVENTS", []):
        name = str(getattr(item, "event_name", item))
        if name not in names:
            names.append(name)
    return names


def expected_params(cls: type) -> list[tuple[str, bool]]:
    """(name, has default) for every public parameter of ``__init__``."""
    signature = inspect.signature(cls.__init__)
    return [
        (name, p.default is not inspect.Parameter.empty)
        for name, p in signature.parameters.items()
        if name != "self" and not name.startswith("_")
    ]


def resolve(dotted: str) -> type:
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise LookupError(dotted)


def mismatches(model: dict) -> list[str]:
    problems: list[str] = []
    for component in model["components"]:
        cls = resolve(component["qualname"])
        events = [e["name"] for e in component["events"]]
        if events != expected_events(cls):
            problems.append(f"{component['name']}: events {events} != EVENTS {expected_events(cls)}")
        params = [(p["name"], p["default"] is not None) for p in component["params"]]
        if params != expected_params(cls):
            problems.append(f"{component['name']}: parameters {params} != signature {expected_params(cls)}")
    return problems


def dump(model: dict) -> dict[str, dict[str, list[str]]]:
    result = {}
    for component in model["components"]:
        cls = resolve(component["qualname"])
        result[component["name"]] = {
            "events": expected_events(cls),
            "params": [name for name, _ in expected_params(cls)],
        }
    return result


def main(path: str, mode: str = "") -> int:
    with open(path, encoding="utf-8") as f:
        model = json.load(f)
    importlib.import_module(model["library"]["name"])
    if mode == "--dump":
        print(json.dumps(dump(model)))
        return 0
    problems = mismatches(model)
    for problem in problems:
        print(problem)
    print(f"{len(model['components'])} components checked, {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
