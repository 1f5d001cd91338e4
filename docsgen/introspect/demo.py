"""Build-time data for a component's live demo: a default instance described for the browser.

The same ``describe`` runs again in the browser for playground programs (docsgen.runtime), so a page
can draw its demo's widgets before Python has loaded, and they match what the runtime will report.
"""

from __future__ import annotations

import inspect
from typing import Any

from ..runtime.describe import describe
from .components import guarded
from .report import Report

DEFAULT_FN = "def fn(value):\n    return value\n"


def demo_spec(cls: type, report: Report) -> dict[str, Any] | None:
    """The default demo: ``cls()`` as input and output of an identity function. None if it cannot be made."""
    name = cls.__name__
    instance = guarded(report, name, "a default instance for the live demo (cls())", cls, None)
    if instance is None:
        return None

    def note(what: str, exc: BaseException) -> None:
        message = f"cannot read {what} for the live demo: {type(exc).__name__}: {exc}"
        # NotImplementedError is the library saying the component has no such thing (gradio's Button
        # has no api_info): a note, not a problem; anything else is a bug worth a warning.
        (report.info if isinstance(exc, NotImplementedError) else report.warning)(name, message)

    info = describe(instance, note)
    module, constructor = import_path(cls)
    setup = f"import {module}\ninputs = {constructor}()\noutputs = {constructor}()\n"
    return {
        "component": name,
        "module": module,
        "constructor": constructor,
        "accepts_label": accepts(cls, "label"),
        "setup": setup,
        "fn": DEFAULT_FN,
        "input": info,
        "output": info,
    }


def import_path(cls: type) -> tuple[str, str]:
    """(module to import, expression for the class): the top-level export when there is one."""
    top = cls.__module__.split(".")[0]
    root = __import__(top)
    if getattr(root, cls.__name__, None) is cls:
        return top, f"{top}.{cls.__name__}"
    return cls.__module__, f"{cls.__module__}.{cls.__qualname__}"


def accepts(cls: type, parameter: str) -> bool:
    try:
        params = inspect.signature(cls).parameters
    except (TypeError, ValueError):
        return False
    return parameter in params or any(p.kind is p.VAR_KEYWORD for p in params.values())
