"""Wheels the build makes itself from what is installed for it, for the resolver (resolve.Packer).

- A slim copy of an installed library whose profile leaves files out, preferred over its published wheel
  (gradio's wheel is 50 MB, mostly front-end code the browser runtime never imports).
- A pure build of a package whose C extension is optional (profiles.PURE_FALLBACKS), when no Pyodide
  build of it is available.
- A stand-in from docsgen/standins for a package that has no Pyodide build available: it lets the import
  succeed and says what is missing when it is used (or, for orjson, reimplements the API on ``json``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..standins import STANDINS, pack_standin
from .profiles import PROFILES, PURE_FALLBACKS
from .resolve import STANDIN, VENDORED, Resolved, installed_version, satisfies
from .wheels import pack_installed


@dataclass
class LocalPacker:
    out_dir: Path
    installed: Callable[[str], str | None] = field(default=installed_version)

    def preferred(self, req: Requirement) -> Resolved | None:
        """A slim copy of the installed library, when its profile slims it and the version fits."""
        name = canonicalize_name(req.name)
        profile = PROFILES.get(name)
        version = self.installed(name)
        if profile is None or not profile.exclude or not version or not satisfies(req, version):
            return None
        wheel = pack_installed(name, self.out_dir, exclude=profile.exclude)
        return Resolved(name, wheel.version, "installed", VENDORED, file=wheel.path, note=f"{wheel.files} files (slim)")

    def fallback(self, req: Requirement) -> Resolved | None:
        """A pure build of the installed package, else a stand-in; None when docsgen has neither."""
        name = canonicalize_name(req.name)
        version = self.installed(name)
        if name in PURE_FALLBACKS and version and satisfies(req, version):
            wheel = pack_installed(name, self.out_dir)
            return Resolved(name, wheel.version, "installed", VENDORED, file=wheel.path,
                            note="pure Python: its optional C extension left out")
        standin = STANDINS.get(name)
        if standin is None:
            return None
        wheel = pack_standin(name, self.out_dir)
        return Resolved(name, wheel.version, "docsgen", STANDIN, file=wheel.path, note=standin.note)
