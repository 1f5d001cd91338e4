"""What the browser needs to show a component: renderer kind, props, example payload.

Runs both at build time (host Python) and inside Pyodide, so it uses the standard library only
and imports nothing from docsgen but its stdlib-only neighbour samples.py.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from .samples import localize

# Example payloads that name files on another host (gradio's point at GitHub) get our own sample files
# here instead: the site fetches nothing from elsewhere (samples.py).
SAMPLES = "/tmp/docsgen/samples"

# Renderer kinds the browser knows (playground/src/renderers.js). "json" is the fallback.
KINDS = (
    "text", "number", "boolean", "choice", "slider", "json", "label", "highlight", "markdown",
    "html", "code", "color", "date", "file", "image", "audio", "video", "dataframe", "chat",
)

# gradio's component names (and examplelib's) -> kind; matched against the class and its bases.
NAME_KINDS = {
    "textbox": "text", "text": "text", "textarea": "text", "number": "number", "checkbox": "boolean",
    "radio": "choice", "dropdown": "choice", "checkboxgroup": "choice", "choice": "choice",
    "slider": "slider", "json": "json", "label": "label", "highlightedtext": "highlight",
    "markdown": "markdown", "html": "html", "code": "code", "colorpicker": "color", "color": "color",
    "datetime": "date", "date": "date", "file": "file", "uploadbutton": "file", "image": "image",
    "audio": "audio", "video": "video", "dataframe": "dataframe", "table": "dataframe",
    "chatbot": "chat", "chat": "chat",
}

MULTI_CHOICE_NAMES = ("checkboxgroup",)
MAX_PROP_CHARS = 4000

OnError = Callable[[str, BaseException], None]


def json_safe(value: Any) -> Any:
    """A JSON copy of ``value``: a data model (pydantic's, as gradio's postprocess returns) as its
    ``model_dump()``, the way gradio's server sends it; anything else JSON cannot hold as its repr."""
    return finite(json.loads(json.dumps(value, default=_json_default)))


def _json_default(value: Any) -> Any:
    plain = dumped(value)
    return repr(value) if plain is value else plain


def dumped(value: Any) -> Any:
    """A model returned by ``postprocess`` as the JSON-ready data gradio's server sends."""
    return value.model_dump() if hasattr(value, "model_dump") and not isinstance(value, type) else value


def finite(value: Any) -> Any:
    """``value`` with NaN and infinities as None, as gradio's server sends them (orjson writes null):
    JSON has no such numbers, and the browser's JSON.parse refuses Python's ``Infinity``."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [finite(item) for item in value]
    return value


def call(on_error: OnError, what: str, fn: Callable[[], Any], default: Any = None) -> Any:
    """Call one of the library's methods; its exception is reported, not raised."""
    try:
        return fn()
    except Exception as exc:  # the library may raise anything
        on_error(what, exc)
        return default


def class_names(cls: type) -> list[str]:
    return [c.__name__.lower() for c in cls.__mro__]


def renderer_kind(cls: type, api_info: Any, payload: Any) -> str:
    """The renderer for a component: by class name, else by payload schema, else by payload type."""
    for name in class_names(cls):
        if name in NAME_KINDS:
            return NAME_KINDS[name]
    return kind_from_schema(api_info) or kind_from_value(payload)


def kind_from_schema(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    type_ = schema.get("type")
    if "enum" in schema or (type_ == "array" and isinstance(schema.get("items"), dict) and "enum" in schema["items"]):
        return "choice"
    if type_ == "string":
        return {"color": "color", "date": "date", "date-time": "date"}.get(schema.get("format", ""), "text")
    if type_ in ("number", "integer"):
        return "slider" if "minimum" in schema and "maximum" in schema else "number"
    if type_ == "boolean":
        return "boolean"
    if is_file_schema(schema):
        return "file"
    return None


def is_file_schema(schema: Any) -> bool:
    """A file payload's schema (gradio's FileData: a ``path`` and a ``url``), as third-party components
    declare theirs with ``data_model = FileData``."""
    properties = schema.get("properties") if isinstance(schema, dict) else None
    return isinstance(properties, dict) and {"path", "url"} <= set(properties)


def kind_from_value(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    return "json"


def props(config: Any) -> dict[str, Any]:
    """The component's front-end props, JSON only, without values too big to be useful."""
    if not isinstance(config, dict):
        return {}
    result = {}
    for key, value in json_safe(config).items():
        if len(json.dumps(value)) <= MAX_PROP_CHARS:
            result[str(key)] = value
    return result


def choices_of(config: dict[str, Any]) -> list[str]:
    """Display names of the choices: gradio and examplelib store (name, value) pairs."""
    result = []
    for choice in config.get("choices") or []:
        result.append(str(choice[0] if isinstance(choice, (list, tuple)) and choice else choice))
    return result


def describe(component: Any, on_error: OnError) -> dict[str, Any]:
    """Everything the browser needs to render one component instance (input or output)."""
    cls = type(component)
    config = props(call(on_error, "get_config()", component.get_config, {}) if hasattr(component, "get_config") else {})
    api_info = call(on_error, "api_info()", component.api_info, None) if hasattr(component, "api_info") else None
    has_example = hasattr(component, "example_payload")
    example = call(on_error, "example_payload()", component.example_payload) if has_example else None
    example = localize(example, SAMPLES)
    kind = renderer_kind(cls, api_info, example)
    options: dict[str, Any] = {}
    if kind == "choice":
        options["choices"] = choices_of(config)
        multi = any(n in MULTI_CHOICE_NAMES for n in class_names(cls)) or bool(config.get("multiselect"))
        options["multiselect"] = multi or isinstance(example, list)
    label = getattr(component, "label", None) or config.get("label") or cls.__name__
    return {
        "name": cls.__name__,
        "label": str(label),
        "kind": kind,
        "options": options,
        "props": config,
        "api_info": json_safe(api_info),
        "has_example": has_example and example is not None,
        "example_payload": json_safe(example),
        "initial": initial_payload(component, example, on_error),
    }


def initial_payload(component: Any, example: Any, on_error: OnError) -> Any:
    """What an input shows first: the library's example payload (what the component is documented to take),
    else its configured value through postprocess. A default such as ``value=0`` would hide what the
    component does behind an empty-looking payload."""
    if example is not None:
        return json_safe(example)
    value = getattr(component, "value", None)
    if value is not None and not callable(value) and hasattr(component, "postprocess"):
        return json_safe(call(on_error, "postprocess(value)", lambda: component.postprocess(value), None))
    return None
