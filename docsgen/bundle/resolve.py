"""The dependency closure of a library for Pyodide: where each package comes from.

For each requirement, in this order:

1. the Pyodide distribution's lockfile, when its wheel is in the configured local distribution
   directory: vendored from there (this is how numpy, pandas, pillow get in);
2. a wheel Pyodide can install (pure Python, or tagged ``pyemscripten_2026_0_wasm32``) from a local
   wheel directory or PyPI, preferring the version installed in the build environment: vendored;
3. the lockfile again, when the distribution's package files are downloaded at build time (``packages``):
   its file from docsgen's cache or the distribution's URL, checked against the lockfile's sha256, vendored.
   When it cannot be had, the package is missing and the build says how to get it (a stand-in would hide
   that the site's author asked for the real package), unless a base URL is configured (4.);
4. the lockfile again, when a Pyodide package base URL is configured: loaded from there at run time;
5. a wheel the build makes itself (the ``packer``): a pure build of a package whose C extension is
   optional, or a stand-in (docsgen/standins) for a package no Pyodide build of which is available;
6. otherwise missing, with the reason.

Indexes come before the download so that a package PyPI serves for Pyodide (pure Python, pydantic-core)
is the version installed for the build, and so that only what nobody else provides needs the distribution.

Before all of these, the packer may prefer its own wheel: a slim copy of an installed library whose
profile leaves files out (gradio's 63 MB of front-end templates). Profiles (profiles.py) also add the
requirements Pyodide needs that a package's metadata hides, and waive pins the distribution cannot meet.
"""

from __future__ import annotations

import importlib.metadata
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from .distribution import PackageUnavailable
from .index import PYODIDE_PYTHON, Index, IndexUnavailable, LockEntry, PyodideLock, WheelFile, join_url
from .profiles import PROFILES, profile_for
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
STANDIN = "stand-in"  # vendored too, but not the real package: it raises when used (or reimplements it)
IN_SITE = (VENDORED, STANDIN)  # statuses whose wheel the site carries


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


class LockFiles(Protocol):
    """The Pyodide distribution's package files (bundle/distribution.py)."""

    url: str

    def fetch(self, entry: LockEntry) -> Path: ...


class Packer(Protocol):
    """Wheels the build makes itself (bundle/local.py)."""

    def preferred(self, req: Requirement) -> Resolved | None: ...

    def fallback(self, req: Requirement) -> Resolved | None: ...


@dataclass
class Resolver:
    indexes: list[Index]
    lock: PyodideLock | None = None
    pyodide_dir: Path | None = None
    base_url: str | None = None
    download_dir: Path = Path(".")
    installed: Callable[[str], str | None] = field(default=lambda name: installed_version(name))
    packer: Packer | None = None
    packages: LockFiles | None = None  # the distribution's files, downloaded at build time
    warnings: list[str] = field(default_factory=list)
    # Lockfile packages neither the cache nor the distribution's URL gave: (name, reason). The build fails.
    not_downloaded: list[tuple[str, str]] = field(default_factory=list)
    relaxed: frozenset[str] = field(default_factory=lambda: frozenset(n for p in PROFILES.values() for n in p.relaxed))

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
        own = self.packer.preferred(req) if self.packer else None
        if own is not None:
            return own
        entry = self.lock.get(name) if self.lock else None
        waived = f"the distribution has {entry.version}, wanted {req}" if entry and not satisfies(
            req, entry.version) else ""
        enough = entry is not None and (not waived or name in self.relaxed)
        if entry and enough and self._local_lock_file(entry):
            return Resolved(name, entry.version, "pyodide-dist", VENDORED, file=self._local_lock_file(entry),
                            note=waived)
        wheel, index = self._from_indexes(req)
        if wheel is not None and index is not None:
            return self._vendor(name, wheel, index)
        downloaded = self._download(name, entry, waived) if entry and enough and self.packages else None
        if downloaded is not None:
            return downloaded
        if entry and self.base_url:
            url = join_url(self.base_url, entry.file_name)
            return Resolved(name, entry.version, "pyodide-dist", REMOTE, url=url, note=waived)
        made = self.packer.fallback(req) if self.packer else None
        if made is not None:
            return made
        if entry:
            return Resolved(name, entry.version, "pyodide-dist", MISSING, note="only the Pyodide distribution has it")
        return Resolved(name, "", "none", MISSING, note="no wheel for Pyodide (pure Python or pyemscripten) found")

    def _download(self, name: str, entry: LockEntry, waived: str) -> Resolved | None:
        """The distribution's checked file; missing when it cannot be had, or None to load it from base_url.

        A file whose hash differs raises distribution.PackageRefused: the build stops.
        """
        assert self.packages is not None
        try:
            path = self.packages.fetch(entry)
        except PackageUnavailable as exc:
            if self.base_url:
                self.warnings.append(f"{name}: {exc}; it loads from pyodide_base_url at run time")
                return None
            self.not_downloaded.append((name, str(exc)))
            return Resolved(name, entry.version, "pyodide-dist", MISSING, note=f"not downloaded: {exc}")
        return Resolved(name, entry.version, "pyodide-dist", VENDORED, file=path,
                        note="; ".join(filter(None, ["sha256 checked", waived])))

    def _local_lock_file(self, entry: LockEntry) -> Path | None:
        if self.pyodide_dir is None:
            return None
        path = self.pyodide_dir / entry.file_name
        return path if path.is_file() else None

    def _from_indexes(self, req: Requirement) -> tuple[WheelFile | None, Index | None]:
        for index in self.indexes:
            try:
                candidates = [w for w in index.wheels(req.name) if satisfies(req, str(w.version))]
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
        hidden = [Requirement(r) for r in profile_for(resolved.name).requires]
        if resolved.status == MISSING and resolved.source == "none":
            return []
        if resolved.source == "pyodide-dist":
            entry = self.lock.get(resolved.name) if self.lock else None
            return [Requirement(d) for d in (entry.depends if entry else ())] + hidden
        if resolved.file is None:
            return hidden
        lines = wheel_requires(resolved.file)
        return [r for r in _parse_all(lines, resolved.name, self.warnings) if applies(r, extras)] + hidden


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


def satisfies(req: Requirement, version: str) -> bool:
    try:
        return req.specifier.contains(Version(version), prereleases=True)
    except InvalidVersion:
        return False


def installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


