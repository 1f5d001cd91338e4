"""A Pyodide memory snapshot of the site's runtime, made at build time so the browser skips the boot.

``make_snapshot.mjs`` (Node) boots Pyodide, installs the site's wheels, imports the library and the bridge,
snapshots the Wasm memory, then restores the snapshot once and runs a tiny call through the bridge. Only a
verified snapshot is written into the site, gzipped, under a name made of its cache key; the worker
restores it and falls back to a normal boot when that fails.

The snapshot is only valid for the exact Pyodide build that made it (Pyodide checks a build id), and for
the exact wheels in it: the cache key covers both, so a changed library rebuilds it. Failures are cached
too, so a library that cannot be snapshotted does not cost a Pyodide boot on every build.

Stored layout (``FORMAT`` 5): the pages of the snapshot that differ from Wasm memory as a new instance has it
(``segments``: ``[offset, length]``; about half of the 31.5 MB is zero pages, and a fifth of the rest is the
Wasm's data segments, unchanged), then the files the import leaves (``files``: ``[path, size]``, relative to
site-packages or absolute for what it made in /tmp and the home directory; ``directories`` too), gzipped. The
worker inflates straight into a zeroed buffer of ``memory`` bytes and has Pyodide write only the stored segments
over its new instance's memory, which holds the rest (``fresh``, ``[start, end]``: the range of the data
segments; ``start`` is the length of Pyodide's header). make_snapshot.mjs computes the segments and checks
exactly that restore: memory must then equal the snapshot's, page for page.

Compiled packages: a shared library's code and function-table slots are not in memory, so the build records
where the loader put each one (``libraries``, ``table``) and the restore loads it again at that very place
before the stored pages go in (playground/src/stored-memory.js); the check above covers it, slot by slot. The
sources of modules the import has already run are left out of ``files``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .npm import playground_dir

SCRIPT = Path(__file__).with_name("make_snapshot.mjs")
MEMORY_MODULE = ("src", "stored-memory.js")  # in the playground sources: the stored layout, shared with the worker
FORMAT = 5  # bump when the layout of the file or the worker's restore changes
TIMEOUT = 300  # seconds: a cold Pyodide boot in Node is 4-8 s on a busy 2-core machine


@dataclass
class SnapshotResult:
    entry: dict | None  # the manifest's "snapshot" field, None when there is no snapshot
    note: str  # one line for the build report


def snapshot_key(core_dir: Path, wheels: list[Path], imports: list[str], shims: list[str]) -> str:
    """Changes with the Pyodide build, the wheels' bytes (built reproducibly), what is imported, the script."""
    digest = hashlib.sha256(f"{FORMAT}\n{imports}\n{shims}\n".encode())
    for path in [core_dir / "pyodide.asm.wasm", core_dir / "pyodide.asm.mjs", core_dir / "python_stdlib.zip"]:
        digest.update(_file_digest(path).encode())
    for wheel in sorted(wheels, key=lambda p: p.name):
        digest.update(wheel.name.encode() + _file_digest(wheel).encode())
    digest.update(SCRIPT.read_bytes())
    digest.update(_memory_module().read_bytes())
    return digest.hexdigest()[:20]


def _memory_module() -> Path:
    return playground_dir().joinpath(*MEMORY_MODULE)


def _file_digest(path: Path) -> str:
    """sha256 of a file, remembered by (size, mtime) so the 9.6 MB Wasm is hashed once per machine."""
    stat = path.stat()
    return _digest_cached(str(path), stat.st_size, stat.st_mtime_ns)


_DIGESTS: dict[tuple[str, int, int], str] = {}


def _digest_cached(path: str, size: int, mtime: int) -> str:
    key = (path, size, mtime)
    if key not in _DIGESTS:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _DIGESTS[key] = digest.hexdigest()
    return _DIGESTS[key]


def build_snapshot(
    core_dir: Path, wheels: list[Path], imports: list[str], shims: list[str], cache: Path, dest_dir: Path,
    node: str = "node",
) -> SnapshotResult:
    """Write ``snapshot-<key>.bin.gz`` into ``dest_dir`` (from the cache when it was made before)."""
    key = snapshot_key(core_dir, wheels, imports, shims)
    store = cache / "snapshots" / key
    failed = store / "failed.txt"
    if failed.is_file():
        return SnapshotResult(None, f"no snapshot (cached failure): {failed.read_text().strip()}")
    if not (store / "meta.json").is_file():
        error, lasting = _make(core_dir, wheels, imports, shims, key, store, node)
        if error:
            if lasting:  # Node ran and the library cannot be snapshotted: do not retry on every build
                store.mkdir(parents=True, exist_ok=True)
                failed.write_text(error + "\n")
            return SnapshotResult(None, f"no snapshot: {error}")
    meta = json.loads((store / "meta.json").read_text())
    name = f"snapshot-{key}.bin.gz"
    for old in dest_dir.glob("snapshot-*.bin.gz"):
        if old.name != name:
            old.unlink()
    if not (dest_dir / name).is_file():
        dest_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(store / "snapshot.bin.gz", dest_dir / name)
    size = (dest_dir / name).stat().st_size
    entry = {"url": name, "key": key, "memory": meta["memory"], "segments": meta["segments"],
             "fresh": meta["fresh"], "files": meta["files"], "gzip": size,
             "directories": meta.get("directories", []), "libraries": meta.get("libraries", []),
             "table": meta.get("table")}
    zeroed = (f", {meta['zeroed'] / 1e6:.1f} MB of free heap zeroed" if meta.get("zeroed")
              else ", free heap not zeroed (this Pyodide does not export calloc/free/sbrk)")
    return SnapshotResult(entry, f"snapshot {key}: {meta['memory'] / 1e6:.1f} MB memory, "
                                 f"{size / 1e6:.1f} MB gzipped{zeroed}")


def _make(core_dir: Path, wheels: list[Path], imports: list[str], shims: list[str], key: str, store: Path,
          node: str) -> tuple[str, bool]:
    """Run the Node script: snapshot.bin.gz and meta.json in ``store``, or (the error, whether it lasts)."""
    if shutil.which(node) is None:
        return f"`{node}` is not on PATH (Node.js 20+ makes the snapshot)", False
    with tempfile.TemporaryDirectory(prefix="docsgen-snapshot-") as tmp:
        work = Path(tmp)
        job = {"pyodide": str(core_dir), "wheels": [str(w) for w in wheels], "imports": imports, "shims": shims,
               "key": key, "out": str(work / "snapshot.bin"), "meta": str(work / "meta.json"),
               "memory_module": str(_memory_module())}
        (work / "job.json").write_text(json.dumps(job))
        try:
            done = subprocess.run([node, str(SCRIPT), str(work / "job.json")], capture_output=True, text=True,
                                  timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return f"Node did not finish within {TIMEOUT} s", False
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if line.strip() and len(line) < 400]
            return " | ".join(lines[-4:]) or f"node exited with {done.returncode}", True
        store.mkdir(parents=True, exist_ok=True)
        meta = json.loads((work / "meta.json").read_text())
        blob = (work / "snapshot.bin").read_bytes()
        memory = memoryview(blob)[: meta["memory"]]
        # Level 6: within 2 % of level 9 on a snapshot, and twice as fast.
        with gzip.open(store / "snapshot.bin.gz.part", "wb", 6) as out:
            for offset, length in meta["segments"]:
                out.write(memory[offset: offset + length])
            out.write(memoryview(blob)[meta["memory"]:])
        (store / "snapshot.bin.gz.part").replace(store / "snapshot.bin.gz")
        (store / "meta.json").write_text(json.dumps(meta))  # last: marks the entry complete
    return "", False

