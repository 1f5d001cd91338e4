"""Stand-ins for packages that have no Pyodide build available to a site, packed as wheels.

Each folder here holds import packages exactly as they are installed into Pyodide's site-packages:

- ``numpy``, ``pandas``, ``pillow`` (PIL), ``brotli``: stand-ins. ``import`` succeeds and what a library
  touches while it is imported works inertly (gradio 6.31.0: ``numpy.ndarray``, ``PIL.Image.Image``,
  ``PIL.Image.init()``, brotli's ``Compressor`` and ``MODE_*``); real use raises
  ``_docsgen_standin.MissingPackageError`` ("numpy is not included in this site: gradio... needs it").
  The shared module ``support/_docsgen_standin.py`` goes into each of their wheels.
- ``orjson``: an implementation of the orjson API gradio uses, on ``json``.
- ``audioop-lts``: the ``audioop`` module (gone from the standard library in 3.13), the functions pydub uses,
  in pure Python.

They are standard library only and never import docsgen: they run in the browser as top-level packages.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from packaging.utils import canonicalize_name

if TYPE_CHECKING:
    from ..bundle.wheels import PackedWheel

HERE = Path(__file__).parent
SUPPORT = HERE / "support" / "_docsgen_standin.py"
# PEP 440 ignores a local label when checking a specifier (gradio's numpy<3.0,>=1.0 takes 2.4.6+docsgen.standin),
# and the label tells anyone who reads the version that this is not the real distribution.
LOCAL = "+docsgen.standin"

Kind = Literal["stand-in", "implementation"]


@dataclass(frozen=True)
class StandIn:
    name: str  # canonical distribution name
    source: Path  # the folder holding the import packages
    import_names: tuple[str, ...]
    version: str
    kind: Kind
    note: str  # one line for the build report

    @property
    def needs_support(self) -> bool:
        """Stand-ins share _docsgen_standin; the orjson implementation does not use it."""
        return self.kind == "stand-in"


def _standin(name: str, imports: tuple[str, ...], version: str, kind: Kind, note: str) -> StandIn:
    return StandIn(name, HERE / name, imports, version + LOCAL, kind, note)


# Versions: Pyodide 314.0.7's lock, except brotli (the lock has 1.2.0 and gradio 6.31.0 requires >=1.2.1) and
# audioop-lts (not in the lock: PyPI's latest, within gradio's <1.0).
STANDINS: dict[str, StandIn] = {
    s.name: s
    for s in (
        _standin("numpy", ("numpy",), "2.4.6", "stand-in", "stand-in: imports, raises when used"),
        _standin("pandas", ("pandas",), "3.0.2", "stand-in", "stand-in: imports, raises when used"),
        _standin("pillow", ("PIL",), "12.2.0", "stand-in", "stand-in: imports, raises when used"),
        _standin("brotli", ("brotli",), "1.2.1", "stand-in", "stand-in: imports, raises when used"),
        _standin("orjson", ("orjson",), "3.11.8", "implementation", "orjson's API on the standard json module"),
        _standin("audioop-lts", ("audioop",), "0.2.2", "implementation", "pydub's audioop functions in pure Python"),
    )
}


def pack_standin(name: str, out_dir: Path) -> PackedWheel:
    """A byte-reproducible py3-none-any wheel of the stand-in for distribution ``name``, named like the
    real distribution (e.g. ``numpy-2.4.6+docsgen.standin-py3-none-any.whl``)."""
    from ..bundle.wheels import PackedWheel, write_wheel  # here: docsgen.bundle imports this module

    standin = STANDINS[canonicalize_name(name)]
    entries = standin_files(standin)
    metadata = (
        f"Metadata-Version: 2.1\nName: {standin.name}\nVersion: {standin.version}\n"
        f"Summary: docsgen {standin.kind} for {standin.name}: {standin.note}\n"
    )
    path = write_wheel(out_dir, standin.name, standin.version, entries, metadata)
    return PackedWheel(path=path, name=standin.name, version=standin.version, requires=[], files=len(entries))


def standin_files(standin: StandIn) -> list[tuple[str, bytes]]:
    """(path in the wheel, contents) of every file the stand-in installs, in a fixed order."""
    from ..bundle.wheels import ALWAYS_EXCLUDED

    entries = [
        (path.relative_to(standin.source).as_posix(), path.read_bytes())
        for path in sorted(standin.source.rglob("*"))
        if path.is_file() and not any(fnmatch.fnmatch(path.as_posix(), p) for p in ALWAYS_EXCLUDED)
    ]
    if standin.needs_support:
        entries.append((SUPPORT.name, SUPPORT.read_bytes()))
    return entries
