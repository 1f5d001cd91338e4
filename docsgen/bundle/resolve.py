"""The dependency closure of a library for Pyodide: where each package comes from.

For each requirement, in this order:

1. the Pyodide distribution's lockfile, when its wheel is in the configured local distribution
   directory: vendored from there (this is how numpy, pandas, pillow get in);
2. a wheel Pyodide can install (pure Python, or tagged ``pyemscripten_2026_0_wasm32``) from a local
   wheel directory or PyPI, preferring the version installed in the build environment: vendored;
3. the lockfile again, when a Pyodide package base URL is configured: loaded from there at run time;
4. otherwise missing, with the reason.
"""

from __future__ import annotations

import importlib.metadata
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from .index import PYODIDE_PYTHON, Index, IndexUnavailable, LockEntry, PyodideLock, WheelFile, join_url
from .wheels import wheel_requires

# The environment Pyodide reports for requirement markers (PEP 508).
PYODIDE_ENVIRONMENT = {
    "implementation_name": "cpython",
    "implementation_version": PYODIDE_PYTHON,
    "os_name": "posix",
    "platform_machine": "wasm32",
    "platform_python_implementation": "CPython",
    "platform_release": "",
    "platform_system": "Emscripten",
    "platform_version": "",
    "python_full_version": PYODIDE_PYTHON,
    "python_version": ".".join(PYODIDE_PYTHON.split(".")[:2]),
    "sys_platform": "emscripten",
}

VENDORED, REMOTE, MISSING = "vendored", "remote", "missing"


@dataclass
class Resolved:
    name: str
    version: str
    source: str  # "installed" | "pyodide-dist" | "pypi" | "local" | "none"
    status: str  # VENDORED | REMOTE | MISSING
    file: Path | None = None  # for vendored packages
    url: str | None = None  # for remote packages
    note: str = ""
    required_by: list[str] = field(default_factory=list)

    @property
    def filename(self) -> str:
        if self.file is not None:
            return self.file.name
        return (self.url or "").rsplit("/", 1)[-1]


@dataclass
class Resolver:
    indexes: list[Index]
    lock: PyodideLock | None = None
    pyodide_dir: Path | None = None
    base_url: str | None = None
    download_dir: Path = Path(".")
    installed: Callable[[str], str | None] = field(default=lambda name: installed_version(name))
    warnings: list[str] = field(default_factory=list)

    def resolve(self, requirements: Iterable[str], parent: str, skip: Iterable[str] = ()) -> list[Resolved]:
        """Every package ``requirements`` need, transitively, in install order (dependencies first)."""
        done: dict[str, Resolved] = {canonicalize_name(s): Resolved(s, "", "skip", VENDORED) for s in skip}
        skipped = set(done)
        extras_seen: dict[str, set[str]] = {}
        roots = [r for r in _parse_all(requirements, parent, self.warnings) if applies(r, set())]
        queue = deque((req, parent) for req in roots)
        order: list[str] = []
        while queue:
            req, by = queue.popleft()
            name = canonicalize_name(req.name)
            if name in done:
                done[name].required_by.append(by)
                new_extras = set(req.extras) - extras_seen.get(name, set())
                if not new_extras or name in skipped:
                    continue
                extras_seen[name] |= new_extras
                queue.extend((r, name) for r in self._requires_of(done[name], new_extras))
                continue
            resolved = self.choose(req)
            resolved.required_by.append(by)
            done[name] = resolved
            order.append(name)
            extras_seen[name] = set(req.extras)
            queue.extend((r, name) for r in self._requires_of(resolved, set(req.extras)))
        return [done[name] for name in reversed(order)]

    def choose(self, req: Requirement) -> Resolved:
        name = canonicalize_name(req.name)
        entry = self.lock.get(name) if self.lock else None
        if entry and _satisfies(req, entry.version) and self._local_lock_file(entry):
            return Resolved(name, entry.version, "pyodide-dist", VENDORED, file=self._local_lock_file(entry))
        wheel, index = self._from_indexes(req)
        if wheel is not None and index is not None:
            return self._vendor(name, wheel, index)
        if entry and self.base_url:
            note = "" if _satisfies(req, entry.version) else f"the distribution has {entry.version}, wanted {req}"
            url = join_url(self.base_url, entry.file_name)
            return Resolved(name, entry.version, "pyodide-dist", REMOTE, url=url, note=note)
        if entry:
            note = "in the Pyodide distribution: provide `pyodide_dir` (local copy) or `pyodide_base_url`"
            return Resolved(name, entry.version, "pyodide-dist", MISSING, note=note)
        return Resolved(name, "", "none", MISSING, note="no wheel for Pyodide (pure Python or pyemscripten) found")

    def _local_lock_file(self, entry: LockEntry) -> Path | None:
        if self.pyodide_dir is None:
            return None
        path = self.pyodide_dir / entry.file_name
        return path if path.is_file() else None

    def _from_indexes(self, req: Requirement) -> tuple[WheelFile | None, Index | None]:
        for index in self.indexes:
            try:
                candidates = [w for w in index.wheels(req.name) if _satisfies(req, str(w.version))]
            except IndexUnavailable as exc:
                self.warnings.append(f"{index.label}: {exc}")
                continue
            if candidates:
                return self._prefer(req.name, candidates), index
        return None, None

    def _prefer(self, name: str, candidates: list[WheelFile]) -> WheelFile:
        """The installed version when there is a wheel of it, else the newest; compiled over pure."""
        installed = self.installed(name)
        same = [w for w in candidates if installed and str(w.version) == installed]
        stable = [w for w in candidates if not w.version.is_prerelease] or candidates
        pool = same or [w for w in stable if w.version == max(s.version for s in stable)]
        return sorted(pool, key=lambda w: (not w.compiled, w.filename))[0]

    def _vendor(self, name: str, wheel: WheelFile, index: Index) -> Resolved:
        try:
            path = index.fetch(wheel, self.download_dir)
        except (OSError, ValueError) as exc:
            return Resolved(name, str(wheel.version), index.label, MISSING, note=f"download failed: {exc}")
        return Resolved(name, str(wheel.version), index.label, VENDORED, file=path)

    def _requires_of(self, resolved: Resolved, extras: set[str]) -> list[Requirement]:
        if resolved.status == MISSING and resolved.source == "none":
            return []
        if resolved.source == "pyodide-dist":
            entry = self.lock.get(resolved.name) if self.lock else None
            return [Requirement(d) for d in (entry.depends if entry else ())]
        if resolved.file is None:
            return []
        lines = wheel_requires(resolved.file)
        return [r for r in _parse_all(lines, resolved.name, self.warnings) if applies(r, extras)]


def applies(req: Requirement, extras: set[str]) -> bool:
    """Whether a requirement's marker holds in Pyodide, for the requested extras."""
    if req.marker is None:
        return True
    return any(req.marker.evaluate({**PYODIDE_ENVIRONMENT, "extra": e}) for e in ({""} | extras))


def root_requirements(lines: Iterable[str], extras: Iterable[str] = ()) -> list[str]:
    """The library's own Requires-Dist lines that apply in Pyodide."""
    result = []
    for line in lines:
        try:
            req = Requirement(line)
        except InvalidRequirement:
            continue
        if applies(req, set(extras)):
            result.append(str(_without_marker(req)))
    return result


def _without_marker(req: Requirement) -> Requirement:
    copy = Requirement(str(req))
    copy.marker = None
    return copy


def _parse_all(lines: Iterable[str], parent: str, warnings: list[str]) -> list[Requirement]:
    result = []
    for line in lines:
        try:
            req = Requirement(line)
        except InvalidRequirement:
            warnings.append(f"{parent}: cannot read the requirement {line!r}")
            continue
        result.append(req)
    return result


def _satisfies(req: Requirement, version: str) -> bool:
    try:
        return req.specifier.contains(Version(version), prereleases=True)
    except InvalidVersion:
        return False


def installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


