"""Write the browser runtime of a site: Pyodide, the library's wheels, the JS/CSS, a manifest."""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name

from .. import __version__ as docsgen_version
from ..installed import distribution_of as installed_distribution
from ..standins import STANDINS
from .compress import precompress
from .distribution import DistributionPackages, PackageRefused, official_url
from .index import Index, LocalWheels, PyodideLock, PyPI, is_url
from .local import LocalPacker
from .npm import NpmUnavailable, esbuild, npm_modules, playground_dir
from .profiles import profile_for
from .pyodide import CORE_FILES, PYODIDE_VERSION, PyodideCore, has_core, missing_core_message, read_core
from .resolve import IN_SITE, MISSING, REMOTE, STANDIN, VENDORED, Resolved, Resolver, root_requirements
from .snapshot import SnapshotResult, build_snapshot
from .wheels import PackedWheel, pack_directory, pack_installed, pack_module

OUT = "_docsgen"
PAGE_ASSETS = {"js": [f"{OUT}/runtime/demos.js"], "css": [f"{OUT}/runtime/demos.css"]}
RUNTIME_SOURCES = Path(__file__).resolve().parents[1] / "runtime"
MISSING_HELP = (
    "let the build download the Pyodide distribution's packages (the plugin option `pyodide_packages_url`: "
    "unset, or where the distribution is served), set `pyodide_dir` to a local copy of the distribution (or a "
    "folder with a wheel of it), or `pyodide_base_url` to where the distribution is served at run time"
)


class RuntimeUnavailable(Exception):
    """Pyodide (or the tools to get it) cannot be had: the message says how to provide it."""


@dataclass
class RuntimeOptions:
    pyodide_dir: Path | None = None  # a Pyodide distribution (core files and/or its package wheels)
    pyodide_base_url: str | None = None  # where lockfile packages not vendored load from at run time
    # Where the build downloads the distribution's package files from: True for Pyodide's own URL of the
    # version in use, False to download nothing (docsgen's stand-ins stand in), or a URL.
    pyodide_packages_url: str | bool = True
    cache_dir: Path | None = None  # npm, PyPI answers, wheels; default $DOCSGEN_CACHE_DIR or ~/.cache/docsgen
    wheel_dirs: list[Path] = field(default_factory=list)  # extra local wheels, tried before PyPI
    use_pypi: bool = True
    run_time_limit: float = 10.0  # seconds one demo run or playground request may take; 0: no limit
    npm: str = "npm"
    snapshot: bool = True  # a memory snapshot so the first demo skips Pyodide's boot (needs Node)
    node: str = "node"

    def cache(self) -> Path:
        if self.cache_dir is not None:
            return Path(self.cache_dir)
        if os.environ.get("DOCSGEN_CACHE_DIR"):
            return Path(os.environ["DOCSGEN_CACHE_DIR"])
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(base) / "docsgen"


@dataclass
class RuntimeReport:
    library: str
    pyodide: str
    packages: list[Resolved]
    editor: str  # "codemirror" | "textarea"
    warnings: list[str] = field(default_factory=list)
    snapshot: str = ""  # what the build did about the memory snapshot
    packages_url: str | None = None  # where the distribution's packages were downloaded from; None: not at all

    @property
    def missing(self) -> list[Resolved]:
        return [p for p in self.packages if p.status == MISSING]

    @property
    def standins(self) -> list[Resolved]:
        return [p for p in self.packages if p.status == STANDIN]

    def table(self) -> str:
        """Every package: where it comes from and what the site does with it (for `mkdocs build -v`)."""
        rows = [("package", "version", "source", "status", "note")]
        rows += [(p.name, p.version, p.source, p.status, p.note) for p in self.packages]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=False)) + f"  {r[4]}" for r in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def summary(self) -> str:
        """One line for the build log."""
        parts = [f"Pyodide {self.pyodide}", f"{len(self.packages)} packages", f"editor: {self.editor}",
                 self.snapshot or "no snapshot"]
        kinds = {kind: sorted(p.name for p in self.standins if STANDINS[p.name].kind == kind)
                 for kind in ("stand-in", "implementation")}
        if kinds["stand-in"]:
            parts.append(f"stand-ins for {', '.join(kinds['stand-in'])} (they raise when used)")
        if kinds["implementation"]:
            parts.append(f"docsgen's own {', '.join(kinds['implementation'])}")
        from_dist = [p for p in self.packages if p.source == "pyodide-dist" and p.status == VENDORED]
        if from_dist:
            parts.append(f"{len(from_dist)} from the Pyodide distribution")
        if self.packages_url is None and (self.standins or self.missing):
            parts.append("the Pyodide distribution's packages not downloaded (pyodide_packages_url: false)")
        if self.missing:
            parts.append(f"missing {', '.join(p.name for p in self.missing)}")
        return "; ".join(parts)

    def problems(self) -> list[str]:
        """What keeps the library from importing in the browser, each with the fix (warnings: --strict fails)."""
        return [f"{self.library} cannot be imported in Pyodide: it needs {p.name} {p.version}".rstrip()
                + f", and {p.note}. Fix: {MISSING_HELP}; or turn live demos off (`live_demos: false`)"
                for p in self.missing]


def build_runtime(library: str, site_dir: Path, options: RuntimeOptions) -> RuntimeReport:
    """Write everything the live demos need under ``site_dir / "_docsgen"``; return the package table."""
    out = Path(site_dir) / OUT
    cache = options.cache()
    core, node_modules, warnings = _pyodide_core(options, cache)
    _copy_core(core, out / "pyodide")
    wheels_dir = out / "wheels"
    if wheels_dir.exists():
        shutil.rmtree(wheels_dir)
    dist = _distribution(options, core, cache)
    packages = _library_packages(library, options, core, cache, wheels_dir, warnings, dist)
    editor = _runtime_assets(out / "runtime", node_modules, cache, warnings)
    snapshot = _snapshot(library, core, packages, options, cache, out / "runtime")
    _write_manifest(out / "runtime" / "manifest.json", library, core, packages, editor, snapshot.entry,
                    limits={"run_seconds": options.run_time_limit})
    precompress(out, cache)
    report = RuntimeReport(library, f"{core.version} (Python {core.python})", packages, editor, warnings)
    report.snapshot = snapshot.note
    report.packages_url = dist.url if dist else None
    return report


def _distribution(options: RuntimeOptions, core: PyodideCore, cache: Path) -> DistributionPackages | None:
    """Where the Pyodide distribution's package files come from at build time; None when turned off."""
    url = options.pyodide_packages_url
    if not url:
        return None
    if url is True:
        url = official_url(core.version, PYODIDE_VERSION)
    return DistributionPackages(str(url), cache / "pyodide-packages", lockfile=str(core.lockfile))


def not_downloaded_message(library: str, failures: list[tuple[str, str]], dist: DistributionPackages) -> str:
    """Lockfile packages that neither the cache nor the URL gave: the one message, with the ways out."""
    names = ", ".join(name for name, _ in failures)
    reasons = "; ".join(dict.fromkeys(reason for _, reason in failures))
    return (
        f"docsgen cannot vendor the Pyodide distribution's {names} (needed by {library}): docsgen's cache "
        f"({dist.cache_dir}) does not have them and {dist.url} did not give them ({reasons}). Either set the "
        "plugin option `pyodide_dir` to a local copy of the Pyodide distribution (its package files, or its "
        "core and lockfile with the files at `pyodide_packages_url`), or build once where "
        f"{dist.url} is reachable: the cache then serves later builds offline. "
        "(`pyodide_packages_url: false` builds with docsgen's stand-ins instead.)"
    )


def _snapshot(library: str, core: PyodideCore, packages: list[Resolved], options: RuntimeOptions, cache: Path,
              dest: Path) -> SnapshotResult:
    """A verified memory snapshot when every package is vendored into the site (or say why there is none)."""
    if not options.snapshot:
        for old in dest.glob("snapshot-*.gz"):
            old.unlink()
        return SnapshotResult(None, "no snapshot (turned off)")
    loaded = [p for p in packages if p.status in (*IN_SITE, REMOTE)]
    if any(p.status not in IN_SITE for p in packages):
        return SnapshotResult(None, "no snapshot: some packages are not vendored into the site")
    wheels = [dest.parent / "wheels" / p.filename for p in loaded]
    return build_snapshot(core.directory, wheels, [library], shims_for(library, packages), cache, dest,
                          node=options.node)


def _pyodide_core(options: RuntimeOptions, cache: Path) -> tuple[PyodideCore, Path | None, list[str]]:
    """The configured directory when it holds a core, else npm's pinned package (and node_modules)."""
    warnings: list[str] = []
    local = Path(options.pyodide_dir) if options.pyodide_dir else None
    node_modules: Path | None = None
    npm_error = ""
    try:
        node_modules = npm_modules(cache, options.npm)
    except NpmUnavailable as exc:
        npm_error = str(exc)
    try:
        if local is not None and has_core(local):
            core = read_core(local, "pyodide_dir")
        elif node_modules is not None:
            core = read_core(node_modules / "pyodide", "npm")
        else:
            detail = f"; {missing_core_message(local)}" if local else ""
            raise RuntimeUnavailable(
                f"docsgen cannot get Pyodide for the live demos: {npm_error}{detail}. Either make npm and the "
                f"npm registry available (docsgen runs `npm ci` for pyodide@314.0.7 into {cache}/npm), or set "
                "the plugin option `pyodide_dir` to a directory holding Pyodide 314.0.7's "
                f"{', '.join(CORE_FILES)}; or turn live demos off (`live_demos: false`)."
            )
    except ValueError as exc:
        raise RuntimeUnavailable(f"docsgen cannot use this Pyodide: {exc}") from exc
    if npm_error:
        warnings.append(f"npm: {npm_error}; the playground uses a plain text editor")
    return core, node_modules, warnings


def _copy_core(core: PyodideCore, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        _copy_if_changed(core.directory / name, dest / name)


def _copy_if_changed(src: Path, dst: Path) -> None:
    if dst.exists() and dst.stat().st_size == src.stat().st_size and dst.stat().st_mtime >= src.stat().st_mtime:
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


def distribution_of(library: str) -> str | None:
    """The installed distribution that provides ``library`` (editable installs too); None for a module found
    on the path only."""
    try:
        module = importlib.import_module(library.split(".")[0])
    except ImportError:
        return None
    dist = installed_distribution(module)
    return dist.metadata["Name"] if dist is not None else None


def _pack_library(library: str, wheels_dir: Path, exclude: tuple[str, ...]) -> PackedWheel:
    dist = distribution_of(library)
    top = library.split(".")[0]
    try:
        if dist is None:
            return pack_module(top, wheels_dir, exclude=exclude)
        return pack_installed(dist, wheels_dir, exclude=exclude, import_name=top)
    except (ImportError, LookupError) as exc:
        raise RuntimeUnavailable(f"docsgen cannot pack the library {library!r} for the browser: {exc}") from exc


def _library_packages(
    library: str, options: RuntimeOptions, core: PyodideCore, cache: Path, wheels_dir: Path, warnings: list[str],
    dist: DistributionPackages | None = None,
) -> list[Resolved]:
    """The runtime wheel, the library's wheel and its resolved dependencies, vendored files copied."""
    profile = profile_for(library)
    runtime = pack_directory("docsgen-runtime", docsgen_version, "docsgen_runtime", RUNTIME_SOURCES, wheels_dir)
    lib = _pack_library(library, wheels_dir, profile.exclude)
    resolver = _resolver(options, core, cache, dist)
    requirements = root_requirements(lib.requires) + list(profile.requires)
    try:
        deps = resolver.resolve(requirements, lib.name, skip=[lib.name, "docsgen-runtime"])
    except PackageRefused as exc:
        raise RuntimeUnavailable(str(exc)) from exc
    if resolver.not_downloaded and dist is not None:
        raise RuntimeUnavailable(not_downloaded_message(library, resolver.not_downloaded, dist))
    warnings.extend(resolver.warnings)
    for dep in deps:
        if dep.status in IN_SITE and dep.file is not None:
            _copy_if_changed(dep.file, wheels_dir / dep.file.name)
    mine = [
        Resolved("docsgen-runtime", runtime.version, "docsgen", VENDORED, file=runtime.path),
        Resolved(canonicalize_name(lib.name), lib.version, "installed", VENDORED, file=lib.path,
                 note=f"{lib.files} files" + (" (slim)" if profile.exclude else "")),
    ]
    return deps + mine


def _resolver(options: RuntimeOptions, core: PyodideCore, cache: Path, dist: DistributionPackages | None) -> Resolver:
    """Where packages come from: local directories, PyPI, the lockfile's distribution, docsgen's own wheels."""
    indexes: list[Index] = [LocalWheels(Path(d)) for d in options.wheel_dirs]
    if options.pyodide_dir:
        indexes.insert(0, LocalWheels(Path(options.pyodide_dir)))
    if options.use_pypi:
        indexes.append(PyPI(cache))
    return Resolver(
        indexes=indexes,
        lock=PyodideLock.read(core.lockfile),
        pyodide_dir=Path(options.pyodide_dir) if options.pyodide_dir else None,
        base_url=options.pyodide_base_url,
        download_dir=cache / "wheels",
        packer=LocalPacker(cache / "packed"),
        packages=dist,
    )


def shims_for(library: str, packages: list[Resolved]) -> list[str]:
    """The runtime shims of the library and of every package it runs on (a gradio_* library gets gradio's)."""
    names = [library.split(".")[0], *(p.name for p in packages)]
    return list(dict.fromkeys(shim for name in names for shim in profile_for(name).shims))


def _runtime_assets(dest: Path, node_modules: Path | None, cache: Path, warnings: list[str]) -> str:
    """Copy the browser code; bundle CodeMirror when npm gave us esbuild."""
    source = playground_dir() / "src"
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.suffix in (".js", ".css") and path.name not in ("editor-entry.js", "early.js"):  # bundled, inlined
            _copy_if_changed(path, dest / path.name)
    if node_modules is None:
        return "textarea"
    try:
        _editor_bundle(source / "editor-entry.js", node_modules, cache, dest / "editor.js")
    except NpmUnavailable as exc:
        warnings.append(str(exc))
        return "textarea"
    return "codemirror"


def _editor_bundle(entry: Path, node_modules: Path, cache: Path, outfile: Path) -> None:
    """esbuild's output is cached by the entry's content and the npm lockfile."""
    key = hashlib.sha256(entry.read_bytes() + str(node_modules).encode()).hexdigest()[:16]
    cached = cache / "bundles" / f"editor-{key}.js"
    if not cached.is_file():
        esbuild(node_modules, entry, cached)
    _copy_if_changed(cached, outfile)


def _write_manifest(path: Path, library: str, core: PyodideCore, packages: list[Resolved], editor: str,
                    snapshot: dict | None, limits: dict | None = None) -> None:
    """What the worker loads, in order; URLs relative to the runtime directory unless remote."""
    missing = [p for p in packages if p.status == MISSING]
    manifest = {
        "library": library,
        "pyodide": {"index": "../pyodide/", "version": core.version, "python": core.python},
        "packages": [
            {"name": p.name, "version": p.version, "source": p.source,
             "url": p.url if p.status == REMOTE and p.url and is_url(p.url) else f"../wheels/{p.filename}"}
            for p in packages
            if p.status in (*IN_SITE, REMOTE)
        ],
        "missing": [{"name": p.name, "version": p.version, "note": p.note} for p in missing],
        "shims": shims_for(library, packages),
        "imports": [library],
        "editor": editor,
        "limits": limits or {},  # read by runtime.js: {"run_seconds": per-run time limit}
        # A memory snapshot the worker restores instead of booting, or None; lock_info lets the worker skip
        # fetching pyodide-lock.json when it restores (nothing is installed after a restore).
        "snapshot": snapshot and {**snapshot, "pyodide": core.version, "lock_info": _lock_info(core)},
    }
    path.write_text(json.dumps(manifest, indent=2))


def _lock_info(core: PyodideCore) -> dict:
    return json.loads(core.lockfile.read_text()).get("info", {})
