"""Import the documented library, or fail with a message that says how to fix it."""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
import traceback
from types import ModuleType
from typing import Any

from ..installed import distribution_of


class LibraryImportError(ImportError):
    """The documented library (or the configured base class) cannot be imported."""


def import_library(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except BaseException as exc:  # any failure while importing is the user's to fix (SystemExit too)
        if isinstance(exc, KeyboardInterrupt):
            raise
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.startswith("<")]
        where = f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
        raise LibraryImportError(
            f"docsgen cannot import the library {name!r} with {sys.executable}: "
            f"{type(exc).__name__}: {exc}{where}. Install it into this Python environment "
            f"(e.g. `{sys.executable} -m pip install {name}`) or set the plugin option `library`."
        ) from exc


def resolve(dotted: str) -> Any:
    """``package.module.Name`` -> the object, importing the longest importable module prefix."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            obj: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        try:
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
        except AttributeError:
            break
        return obj
    raise LibraryImportError(
        f"docsgen cannot find {dotted!r} with {sys.executable}: check the `base_class` option "
        f"(a dotted path such as `mylib.components.Component`)."
    )


class DiscoveryError(Exception):
    """The library imports, but its components cannot be found as configured; the message says how to fix it."""


def library_version(module: ModuleType) -> str:
    version = getattr(module, "__version__", None)
    if isinstance(version, str):
        return version
    dist = distribution_of(module)
    return dist.version if dist is not None else "unknown"


