"""Import the documented library, or fail with a message that says how to fix it."""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

from packaging.utils import canonicalize_name


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


def distribution_of(module: ModuleType) -> importlib.metadata.Distribution | None:
    """The installed distribution that provides ``module``; None for a module that is only on the path.

    An editable install (hatchling's, as `gradio cc create` sets projects up) lists no module of its own,
    only a ``.pth`` file, so ``packages_distributions`` misses it: then the distribution of the same name,
    or the one whose ``.pth`` puts the module's folder on the path.
    """
    top = module.__name__.split(".")[0]
    for name in importlib.metadata.packages_distributions().get(top, []):
        try:
            return importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    wanted = canonicalize_name(top)
    folder = _import_root(module)
    by_path = None
    for dist in importlib.metadata.distributions():
        if canonicalize_name(dist.metadata["Name"] or "") == wanted:
            return dist
        if by_path is None and folder is not None and folder in _pth_paths(dist):
            by_path = dist
    return by_path


def _import_root(module: ModuleType) -> Path | None:
    """The folder on sys.path that ``module`` was imported from."""
    source = getattr(module, "__file__", None)
    if not source:
        return None
    path = Path(source).resolve()
    return path.parent.parent if path.name == "__init__.py" else path.parent


def _pth_paths(dist: importlib.metadata.Distribution) -> set[Path]:
    """The folders that a distribution's ``.pth`` files add to sys.path (not their `import` lines)."""
    found: set[Path] = set()
    for file in dist.files or []:
        if file.suffix != ".pth":
            continue
        try:
            lines = Path(str(file.locate())).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        found.update(Path(line.strip()).resolve() for line in lines if line.strip() and not line.startswith("import"))
    return found
