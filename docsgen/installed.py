"""Which installed distribution provides an imported module: for the library's version (introspection)
and for the wheel the live demos install (bundle)."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from types import ModuleType

from packaging.utils import canonicalize_name


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
