"""What docsgen's stand-in packages share: the error they raise and the parts they are made of.

A stand-in (numpy, pandas, PIL, brotli in a site that has no Pyodide build of them) lets ``import`` succeed
and raises :class:`MissingPackageError` the moment the package is really used. What a library touches while
it is imported keeps working, inertly: its classes exist for ``isinstance`` checks and annotations, and are
never an instance's type, since nothing can make one.

This module is copied into every stand-in wheel as a top-level module. It runs in Pyodide with the
standard library only and must not import docsgen.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

# Top-level import name -> distribution, for every stand-in imported so far.
_PACKAGES: dict[str, str] = {}
_STDLIB = os.path.dirname(os.__file__) + os.sep


class MissingPackageError(ImportError):
    """A package this site carries only a stand-in of was used. The bridge looks for the marker attribute."""

    docsgen_missing_package = True

    def __init__(self, package: str, needed_by: str, distribution: str | None = None) -> None:
        super().__init__(f"{package} is not included in this site: {needed_by} needs it", name=package)
        self.package = package
        self.needed_by = needed_by
        self.distribution = distribution or package

    def __reduce__(self) -> tuple[Any, ...]:
        # The default would call the class with the message alone.
        return (type(self), (self.package, self.needed_by, self.distribution))


def missing(package: str) -> MissingPackageError:
    """The error for a use of ``package`` by the caller outside the stand-ins and the standard library."""
    return MissingPackageError(package, needed_by(), _PACKAGES.get(package))


def needed_by() -> str:
    """``module.qualname`` of the first frame on the stack that is neither a stand-in's nor the stdlib's."""
    frame = sys._getframe(1)
    while frame is not None and _skipped(frame):
        frame = frame.f_back
    if frame is None:
        return "an unknown caller"
    module = str(frame.f_globals.get("__name__", "?"))
    code = frame.f_code
    qualname = getattr(code, "co_qualname", code.co_name)  # co_qualname is new in Python 3.11
    return module if qualname == "<module>" else f"{module}.{qualname}"


def _skipped(frame: types.FrameType) -> bool:
    module = str(frame.f_globals.get("__name__", ""))
    if module == __name__ or module.partition(".")[0] in _PACKAGES:
        return True
    filename = frame.f_code.co_filename
    if filename.startswith("<frozen "):  # importlib's own frames
        return True
    # In Pyodide site-packages lies inside the stdlib's directory: a file there is not the stdlib's.
    return filename.startswith(_STDLIB) and "site-packages" not in filename[len(_STDLIB):].split(os.sep)


class _StandInType(type):
    """The metaclass of stand-in classes: they can be named, subscripted and checked against, not used."""

    _docsgen_package: str

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        raise missing(cls._docsgen_package)

    def __getattr__(cls, name: str) -> Any:
        # Private and dunder names are probes (typing, pydantic, copy, inspect): they must see "absent".
        if name.startswith("_"):
            raise AttributeError(name)
        raise missing(cls._docsgen_package)


def stand_in_class(package: str, module: str, name: str, bases: tuple[type, ...] = ()) -> type:
    """A class named like the real one that nothing is an instance of; calling it raises."""
    namespace = {
        "__module__": module,
        "__qualname__": name,
        "_docsgen_package": package,
        # `np.ndarray[Any, np.dtype[Any]]`, as numpy.typing's aliases and annotations write it.
        "__class_getitem__": classmethod(types.GenericAlias),
    }
    return _StandInType(name, bases, namespace)


def stand_in_module(
    namespace: dict[str, Any],
    package: str,
    distribution: str,
    classes: Iterable[str] = (),
    submodules: Iterable[str] = (),
) -> None:
    """Make the module whose globals are ``namespace`` a stand-in: ``classes`` become stand-in classes,
    ``submodules`` (files of this package) import when asked for, any other public name raises
    MissingPackageError."""
    _PACKAGES[package] = distribution
    _install_finder()
    module = namespace["__name__"]
    for name in classes:
        namespace[name] = stand_in_class(package, module, name)
    files = frozenset(submodules)

    def __getattr__(name: str) -> Any:
        if name == "__version__":
            return _version(distribution)
        if name in files:  # `pandas.io.formats.style` without importing pandas.io first, as pandas allows
            return importlib.import_module(f"{module}.{name}")
        if name.startswith("_"):
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        raise missing(package)

    def __dir__() -> list[str]:
        return sorted(set(namespace) | files)

    namespace["__getattr__"] = __getattr__
    namespace["__dir__"] = __dir__


def _version(distribution: str) -> str:
    # Read lazily: importlib.metadata scans site-packages, which an import should not pay for.
    import importlib.metadata

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        raise AttributeError("__version__") from None


class _Finder(importlib.abc.MetaPathFinder):
    """Last on sys.meta_path: a submodule of a stand-in that no file provides (``import numpy.linalg``)
    imports as a module whose loading raises MissingPackageError, rather than ModuleNotFoundError."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        package = fullname.partition(".")[0]
        if "." not in fullname or package not in _PACKAGES:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Loader(package))


class _Loader(importlib.abc.Loader):
    def __init__(self, package: str) -> None:
        self.package = package

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        raise missing(self.package)


def _install_finder() -> None:
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.append(_Finder())
