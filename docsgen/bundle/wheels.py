"""Write wheels: the documented library as installed, and docsgen's own runtime package.

No sdist or wheel of the library needs to exist: the files are taken from where Python imports them
(site-packages, or the source tree of an editable install).
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import importlib
import importlib.metadata
import importlib.util
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name

# Never useful in the browser, whatever the library.
ALWAYS_EXCLUDED = ("*/__pycache__/*", "*.pyc", "*.pyo", "*.so", "*.pyd", "*.dylib")
# A fixed timestamp keeps wheels byte-identical between builds (cache-friendly sites).
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


@dataclass
class PackedWheel:
    path: Path
    name: str
    version: str
    requires: list[str] = field(default_factory=list)
    files: int = 0


def wheel_filename(name: str, version: str, tag: str = "py3-none-any") -> str:
    return f"{_dist_name(name)}-{version.replace('-', '_')}-{tag}.whl"


def _dist_name(name: str) -> str:
    return canonicalize_name(name).replace("-", "_")


def top_level_modules(dist: importlib.metadata.Distribution, fallback: str) -> list[str]:
    text = dist.read_text("top_level.txt")
    names = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if names:
        return names
    packages = importlib.metadata.packages_distributions()
    found = [module for module, dists in packages.items() if dist.metadata["Name"] in dists]
    return sorted(found) or [fallback]


def module_files(module: str) -> Iterator[tuple[Path, str]]:
    """(file on disk, path inside the wheel) for every file of an importable top-level module."""
    spec = importlib.util.find_spec(module)
    if spec is None or (spec.origin is None and not spec.submodule_search_locations):
        raise LookupError(f"cannot find the files of module {module!r}")
    if spec.submodule_search_locations:
        for root in spec.submodule_search_locations:
            base = Path(root)
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    yield path, f"{module}/{path.relative_to(base).as_posix()}"
    else:
        origin = Path(str(spec.origin))
        yield origin, origin.name


def pack_installed(
    distribution: str, out_dir: Path, exclude: Iterable[str] = (), import_name: str | None = None
) -> PackedWheel:
    """A py3-none-any wheel of an installed distribution, built from the files Python imports."""
    dist = importlib.metadata.distribution(distribution)
    name, version = dist.metadata["Name"], dist.version
    patterns = (*ALWAYS_EXCLUDED, *exclude)
    entries: list[tuple[str, bytes]] = []
    for module in top_level_modules(dist, import_name or distribution):
        for path, arcname in module_files(module):
            if not any(fnmatch.fnmatch(arcname, p) for p in patterns):
                entries.append((arcname, path.read_bytes()))
    metadata = _metadata(name, version, dist.requires or [])
    path = write_wheel(out_dir, name, version, entries, metadata)
    return PackedWheel(path=path, name=name, version=version, requires=list(dist.requires or []), files=len(entries))


def pack_module(module: str, out_dir: Path, exclude: Iterable[str] = ()) -> PackedWheel:
    """A wheel of an importable module with no installed distribution (e.g. on PYTHONPATH)."""
    imported = importlib.import_module(module)
    version = str(getattr(imported, "__version__", "0"))
    patterns = (*ALWAYS_EXCLUDED, *exclude)
    entries = [
        (arcname, path.read_bytes())
        for path, arcname in module_files(module)
        if not any(fnmatch.fnmatch(arcname, p) for p in patterns)
    ]
    path = write_wheel(out_dir, module, version, entries, _metadata(module, version, []))
    return PackedWheel(path=path, name=module, version=version, requires=[], files=len(entries))


def pack_directory(
    name: str, version: str, package: str, source: Path, out_dir: Path, requires: Iterable[str] = ()
) -> PackedWheel:
    """A wheel holding the package directory ``source`` under the import name ``package``."""
    entries = [
        (f"{package}/{p.relative_to(source).as_posix()}", p.read_bytes())
        for p in sorted(source.rglob("*"))
        if p.is_file() and not any(fnmatch.fnmatch(p.as_posix(), pat) for pat in ALWAYS_EXCLUDED)
    ]
    path = write_wheel(out_dir, name, version, entries, _metadata(name, version, list(requires)))
    return PackedWheel(path=path, name=name, version=version, requires=list(requires), files=len(entries))


def _metadata(name: str, version: str, requires: list[str]) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    lines += [f"Requires-Dist: {r}" for r in requires]
    return "\n".join(lines) + "\n"


def write_wheel(out_dir: Path, name: str, version: str, entries: list[tuple[str, bytes]], metadata: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    info = f"{_dist_name(name)}-{version.replace('-', '_')}.dist-info"
    wheel_meta = "Wheel-Version: 1.0\nGenerator: docsgen\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files = [*entries, (f"{info}/METADATA", metadata.encode()), (f"{info}/WHEEL", wheel_meta.encode())]
    record = [f"{arc},sha256={_digest(data)},{len(data)}" for arc, data in files] + [f"{info}/RECORD,,"]
    files.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode()))
    path = out_dir / wheel_filename(name, version)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for arcname, data in files:
            zf.writestr(zipfile.ZipInfo(arcname, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return path


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def wheel_requires(path: Path) -> list[str]:
    """Requires-Dist lines of a wheel file."""
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        text = zf.read(name).decode("utf-8", "replace")
    header = text.split("\n\n", 1)[0]
    return [line.split(":", 1)[1].strip() for line in header.splitlines() if line.startswith("Requires-Dist:")]
