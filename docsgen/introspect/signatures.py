"""Signatures -> model parameters: annotations and defaults as readable Python source."""

from __future__ import annotations

import enum
import inspect
import json
import math
import re
from collections.abc import Callable
from typing import Any

from ..docstrings import Docstring
from ..model import Parameter
from .report import Report

_TYPING_PREFIX = re.compile(r"\b(typing|typing_extensions|collections\.abc)\.")
# An absolute path into the environment the library is installed in (up to site-packages/).
_INSTALL_PREFIX = re.compile(r"^(?:[A-Za-z]:)?[/\\].*?[/\\](?:site|dist)-packages(?=[/\\])")


def format_annotation(annotation: Any) -> str:
    """An annotation as its source text: ``str | None``, ``Literal['a', 'b']``."""
    if annotation is inspect.Parameter.empty or annotation is inspect.Signature.empty:
        return ""
    if isinstance(annotation, str):
        return annotation
    text = inspect.formatannotation(annotation)
    return _TYPING_PREFIX.sub("", text)


def portable_path(text: str) -> str:
    """``/venv/lib/python3.11/site-packages/gradio/icons/link.svg`` -> ``<site-packages>/gradio/icons/link.svg``.

    Some defaults are computed at import (gradio's icon paths): the machine's install location
    is not part of the API, and would make every release look changed against every other.
    """
    return _INSTALL_PREFIX.sub("<site-packages>", text)


def format_default(value: Any) -> str:
    """A default value as Python source: ``None``, ``"text"``, ``1``, ``("a", "b")``."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(portable_path(value), ensure_ascii=False)
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, int | float | complex):
        return repr(value)
    if isinstance(value, tuple):
        items = ", ".join(format_default(v) for v in value)
        return f"({items},)" if len(value) == 1 else f"({items})"
    if isinstance(value, list):
        return "[" + ", ".join(format_default(v) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(format_default(v) for v in value)) + "}" if value else "set()"
    if isinstance(value, dict):
        pairs = ", ".join(f"{format_default(k)}: {format_default(v)}" for k, v in value.items())
        return "{" + pairs + "}"
    if inspect.isclass(value) or inspect.isfunction(value) or inspect.isbuiltin(value):
        return getattr(value, "__qualname__", getattr(value, "__name__", repr(value)))
    return _object_source(value)


def _object_source(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:  # a repr that raises is the library's bug, not a reason to stop
        text = ""
    if not text or " at 0x" in text or text.startswith("<"):
        return f"{type(value).__name__}()"
    return text


def signature_of(fn: Callable[..., Any]) -> inspect.Signature | None:
    try:
        return inspect.signature(fn)
    except (TypeError, ValueError):
        return None


def parameters(
    fn: Callable[..., Any],
    docs: Docstring,
    owner: str,
    report: Report,
    skip: tuple[str, ...] = ("self", "cls"),
) -> list[Parameter]:
    """The public parameters of ``fn`` joined with their documentation.

    Documented parameters that the signature lacks are reported as warnings; undocumented
    ones as information (gradio has dozens and they are not the reader's problem).
    """
    signature = signature_of(fn)
    if signature is None:
        report.warning(owner, "has no readable signature; its parameters are not documented")
        return []
    result: list[Parameter] = []
    for name, param in signature.parameters.items():
        if name in skip or name.startswith("_"):
            continue
        description = docs.params.get(name, "")
        if not description:
            report.info(owner, f"parameter '{name}' has no description")
        result.append(
            Parameter(
                name=name,
                annotation=format_annotation(param.annotation),
                default=None if param.default is inspect.Parameter.empty else format_default(param.default),
                description=description,
                kind=param.kind.name.lower(),
            )
        )
    names = set(signature.parameters)
    for documented in docs.params:
        if documented not in names:
            report.warning(owner, f"documents parameter '{documented}', which is not in its signature")
    return result
