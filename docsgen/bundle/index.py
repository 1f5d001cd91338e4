"""Where wheels for Pyodide can come from: PyPI, a local directory of wheels, the Pyodide lockfile."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.tags import Tag
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from .wheels import wheel_requires

PYODIDE_PYTHON = "3.14.2"
PYODIDE_PLATFORM = "pyemscripten_2026_0_wasm32"


def supported_tags(python: str = PYODIDE_PYTHON, platform: str = PYODIDE_PLATFORM) -> frozenset[Tag]:
    """Wheel tags Pyodide can install: pure Python, and CPython builds for its Emscripten ABI."""
    major, minor = (int(x) for x in python.split(".")[:2])
    tags = {Tag(f"cp{major}{minor}", f"cp{major}{minor}", platform)}
    for m in range(minor, 1, -1):
        tags.add(Tag(f"cp{major}{m}", "abi3", platform))
    for interpreter in ("py3", f"py{major}{minor}", *(f"py{major}{m}" for m in range(minor)), "py2.py3"):
        tags.add(Tag(interpreter, "none", "any"))
    tags.add(Tag(f"cp{major}{minor}", "none", "any"))
    return frozenset(tags)


PYODIDE_TAGS = supported_tags()


@dataclass(frozen=True)
class WheelFile:
    project: str  # canonical name
    version: Version
    filename: str
    url: str  # https:// URL, or a local path
    requires_python: str | None = None
    compiled: bool = False


def wheel_for_pyodide(filename: str, url: str, requires_python: str | None = None) -> WheelFile | None:
    """A WheelFile when ``filename`` is a wheel Pyodide can install, else None."""
    try:
        name, version, _build, tags = parse_wheel_filename(filename)
    except (InvalidWheelFilename, InvalidVersion):
        return None
    if not tags & PYODIDE_TAGS or not python_ok(requires_python):
        return None
    compiled = any(t.platform != "any" for t in tags & PYODIDE_TAGS)
    return WheelFile(canonicalize_name(name), version, filename, url, requires_python, compiled)


def python_ok(requires_python: str | None) -> bool:
    if not requires_python:
        return True
    try:
        return SpecifierSet(requires_python).contains(PYODIDE_PYTHON, prereleases=True)
    except InvalidSpecifier:
        return True


class Index(Protocol):
    """A source of wheels by project name."""

    label: str

    def wheels(self, project: str) -> list[WheelFile]: ...

    def fetch(self, wheel: WheelFile, dest_dir: Path) -> Path: ...


class IndexUnavailable(Exception):
    """The index cannot be reached; resolution continues without it."""


class LocalWheels:
    """A directory of wheel files (e.g. a partial Pyodide distribution, or wheels built by hand)."""

    label = "local"

    def __init__(self, directory: Path):
        self.directory = directory

    def wheels(self, project: str) -> list[WheelFile]:
        found = []
        for path in sorted(self.directory.glob("*.whl")):
            wheel = wheel_for_pyodide(path.name, str(path))
            if wheel and wheel.project == canonicalize_name(project):
                found.append(wheel)
        return found

    def fetch(self, wheel: WheelFile, dest_dir: Path) -> Path:
        return Path(wheel.url)


class PyPI:
    """PyPI's JSON API, with answers and downloaded wheels cached on disk."""

    label = "pypi"

    def __init__(self, cache_dir: Path, base_url: str = "https://pypi.org", max_age: float = 24 * 3600):
        self.cache_dir = cache_dir
        self.base_url = base_url.rstrip("/")
        self.max_age = max_age
        self.offline = False

    def wheels(self, project: str) -> list[WheelFile]:
        name = canonicalize_name(project)
        data = self._project_json(name)
        # Mirrors of PyPI may answer with file URLs relative to the JSON document.
        base = f"{self.base_url}/pypi/{name}/json"
        found = []
        for files in (data or {}).get("releases", {}).values():
            for f in files:
                if f.get("yanked") or f.get("packagetype") != "bdist_wheel":
                    continue
                url = urllib.parse.urljoin(base, f["url"])
                wheel = wheel_for_pyodide(f["filename"], url, f.get("requires_python"))
                if wheel:
                    found.append(wheel)
        return found

    def _project_json(self, project: str) -> dict[str, Any] | None:
        path = self.cache_dir / "pypi" / f"{project}.json"
        if path.exists() and (self.offline or time.time() - path.stat().st_mtime < self.max_age):
            return json.loads(path.read_text())
        if self.offline:
            raise IndexUnavailable(f"PyPI was unreachable earlier in this build (needed for {project})")
        try:
            with urllib.request.urlopen(f"{self.base_url}/pypi/{project}/json", timeout=30) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise IndexUnavailable(f"PyPI answered {exc.code} for {project}") from exc
        except OSError as exc:
            self.offline = True
            raise IndexUnavailable(f"cannot reach PyPI ({exc})") from exc
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        return json.loads(body)

    def fetch(self, wheel: WheelFile, dest_dir: Path) -> Path:
        path = self.cache_dir / "wheels" / wheel.filename
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".part")
            with urllib.request.urlopen(wheel.url, timeout=120) as response:
                tmp.write_bytes(response.read())
            tmp.replace(path)
        return path

    def requires(self, path: Path) -> list[str]:
        return wheel_requires(path)


@dataclass(frozen=True)
class LockEntry:
    name: str
    version: str
    file_name: str
    depends: tuple[str, ...]
    package_type: str
    sha256: str = ""  # of the file: what a download is checked against (distribution.py)


class PyodideLock:
    """``pyodide-lock.json``: the packages of a Pyodide distribution, and their file names."""

    def __init__(self, data: dict[str, Any]):
        self.info = data.get("info", {})
        self.entries = {
            canonicalize_name(key): LockEntry(
                name=entry["name"],
                version=entry["version"],
                file_name=entry["file_name"],
                depends=tuple(canonicalize_name(d) for d in entry.get("depends", [])),
                package_type=entry.get("package_type", "package"),
                sha256=str(entry.get("sha256", "")).lower(),
            )
            for key, entry in data.get("packages", {}).items()
        }

    @classmethod
    def read(cls, path: Path) -> PyodideLock:
        return cls(json.loads(path.read_text()))

    def get(self, project: str) -> LockEntry | None:
        return self.entries.get(canonicalize_name(project))


def is_url(text: str) -> bool:
    return re.match(r"^[a-z][a-z0-9+.-]*://", text) is not None


def join_url(base: str, name: str) -> str:
    return urllib.parse.urljoin(base if base.endswith("/") else base + "/", name)
