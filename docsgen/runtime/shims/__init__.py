"""Patches a library needs to import and run inside Pyodide, applied before the library is imported."""

from __future__ import annotations

import importlib


def install(name: str) -> None:
    """Apply the shims for library ``name`` (a module ``docsgen_runtime.shims.<name>`` with ``install()``)."""
    importlib.import_module(f"{__name__}.{name}").install()
