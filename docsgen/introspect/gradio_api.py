"""What docsgen asks gradio itself: its registry, its Component class, its string shortcuts, its events.

Used for gradio and for the libraries built on it (custom components, ``gradio_*`` on PyPI). Nothing here
imports gradio for a library that does not: a library that never imported it is not a gradio library.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
from types import ModuleType
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement

GRADIO = "gradio"
COMPONENT_BASE = "gradio.components.base.Component"


def is_gradio(module: ModuleType) -> bool:
    """gradio itself (or one of its submodules), not a library whose name merely starts with "gradio"."""
    return module.__name__.split(".")[0] == GRADIO


def registry() -> dict[str, list[tuple[Any, list[Any]]]] | None:
    """gradio registers documented objects in ``gradio_client.documentation`` when imported."""
    documentation = sys.modules.get("gradio_client.documentation")
    found = getattr(documentation, "classes_to_document", None)
    return found if isinstance(found, dict) and found else None


def component_base(module: ModuleType, distribution: importlib.metadata.Distribution | None) -> type | None:
    """gradio's ``Component`` when the library depends on gradio: its distribution requires gradio, or
    importing it imported gradio. None for any other library."""
    if distribution is not None and requires_gradio(distribution):
        importlib.import_module("gradio.components.base")
    base_module = sys.modules.get("gradio.components.base")
    base = getattr(base_module, "Component", None)
    return base if isinstance(base, type) else None


def requires_gradio(distribution: importlib.metadata.Distribution) -> bool:
    for line in distribution.requires or []:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        # An extra's requirement (`gradio; extra == "ui"`) is optional: the library works without gradio.
        if requirement.name.lower() == GRADIO and not (requirement.marker and "extra" in str(requirement.marker)):
            return True
    return False


def is_component(cls: type) -> bool:
    base = getattr(sys.modules.get("gradio.components.base"), "Component", None)
    return isinstance(base, type) and isinstance(cls, type) and issubclass(cls, base)


def string_shortcut_resolves(cls: type) -> bool:
    """Whether gradio turns ``"<name>"`` into this very class, as ``get_component_instance`` does.

    A custom component named like one of gradio's (an ``ImageSlider`` of a package) loses: gradio's
    own class of that name wins, so its string would not make this class.
    """
    if not is_component(cls):
        return False
    utils = sys.modules.get("gradio.utils")
    lookup = getattr(utils, "component_or_layout_class", None)
    if lookup is None:
        return False
    try:
        return lookup(cls.__name__.lower()) is cls
    except Exception:  # gradio's ValueError for an unknown name, or anything its lookup raises
        return False


def standard_event_doc(event: str, component: str) -> str:
    """gradio's description of a standard event (``gradio.events.Events``) for a component.

    A component that declares an event as a plain string (``EVENTS = ["change"]``) gets a listener
    without a description; gradio's own components use these descriptions.
    """
    events = getattr(sys.modules.get("gradio.events"), "Events", None)
    template = getattr(getattr(events, event, None), "doc", None)
    return template.replace("{{ component }}", component) if isinstance(template, str) else ""
