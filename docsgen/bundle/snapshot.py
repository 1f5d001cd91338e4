"""A Pyodide memory snapshot of the site's runtime, made at build time so the browser skips the boot.

``make_snapshot.mjs`` (Node) boots Pyodide, installs the site's wheels, imports the library and the bridge,
snapshots the Wasm memory, then restores the snapshot once and runs a tiny call through the bridge. Only a
verified snapshot is written into the site, gzipped, under a name made of its cache key; the worker
restores it and falls back to a normal boot when that fails.

The snapshot is only valid for the exact Pyodide build that made it (Pyodide checks a build id), and for
the exact wheels in it: the cache key covers both, so a changed library rebuilds it. Failures are cached
too, so a library that cannot be snapshotted does not cost a Pyodide boot on every build.

Stored layout (``FORMAT`` 8): the files the import leaves (``files``: ``[path, size]``, relative to
site-packages or absolute for what it made in /tmp and the home directory; ``directories`` too; the shared
libraries' files first), then the pages of the snapshot that differ from Wasm memory as a new instance has it
(``[offset, length]`` segments; about half of the 31.5 MB is zero pages, and a fifth of the rest is the Wasm's
data segments, unchanged), gzipped in ``PIECES`` files of about the same size (``pieces``: ``url`` and
``segments`` each; the files are in the first): the worker inflates them side by side, each in a worker of its
own, and has Pyodide write only the stored segments over its new instance's memory, which holds the rest
(``fresh``, ``[start, end]``: the range of the data segments; ``start`` is the length of Pyodide's header).
make_snapshot.mjs computes the segments and checks exactly that restore: memory must then equal the
snapshot's, page for page.

Compiled packages: a shared library's code and function-table slots are not in memory, so the build records
where the loader put each one (``libraries``, ``table``; ``file`` indexes its own in ``files``) and the restore
loads it again at that very place before the stored pages go in (playground/src/stored-memory.js), compiled while
the pages were still streaming in; the check above covers it, slot by slot. The sources of modules the import has
already run are left out of ``files``; those of the modules it did not run go into a second file (``later``),
which the worker writes after the first output, or at once when an import needs them (docsgen/runtime/later.py).
Left out too is the work a resumed Pyodide would redo on the snapshot's own files
(listing site-packages' distributions).
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
FORMAT = 8  # bump when the layout of the file or the worker's restore changes
PIECES = 2  # files the stored pages are cut into: the worker inflates them side by side, one worker each
PAGE = 4096
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
    """Write ``snapshot-<key>-<i>.bin.gz`` and ``snapshot-<key>.later.gz`` into ``dest_dir`` (from the cache when
    it was made before)."""
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
    names = {f"piece-{i}.bin.gz": f"snapshot-{key}-{i}.bin.gz" for i in range(len(meta["pieces"]))}
    names["later.bin.gz"] = f"snapshot-{key}.later.gz"
    for old in dest_dir.glob("snapshot-*.gz"):
        if old.name not in names.values():
            old.unlink()
    dest_dir.mkdir(parents=True, exist_ok=True)
    for stored, copy in names.items():
        if not (dest_dir / copy).is_file():
            shutil.copyfile(store / stored, dest_dir / copy)
    sizes = {stored: (dest_dir / copy).stat().st_size for stored, copy in names.items()}
    pieces = [{"url": names[f"piece-{i}.bin.gz"], "segments": segments, "gzip": sizes[f"piece-{i}.bin.gz"]}
              for i, segments in enumerate(meta["pieces"])]
    size = sum(piece["gzip"] for piece in pieces)
    later = {"url": names["later.bin.gz"], "files": meta["later"], "gzip": sizes["later.bin.gz"]}
    entry = {"key": key, "memory": meta["memory"], "pieces": pieces, "fresh": meta["fresh"], "files": meta["files"],
             "gzip": size, "later": later, "directories": meta["directories"], "libraries": meta["libraries"],
             "table": meta["table"]}
    zeroed = (f", {meta['zeroed'] / 1e6:.1f} MB of free heap zeroed" if meta.get("zeroed")
              else ", free heap not zeroed (this Pyodide does not export calloc/free/sbrk)")
    return SnapshotResult(entry, f"snapshot {key}: {meta['memory'] / 1e6:.1f} MB memory, "
                                 f"{size / 1e6:.1f} MB gzipped (+ {entry['later']['gzip'] / 1e6:.1f} MB of sources "
                                 f"after the first output){zeroed}")


def _pieces(segments: list[list[int]], files: int, count: int = PIECES) -> list[list[list[int]]]:
    """Cut the stored segments into ``count`` pieces of about the same size, the files counted in the first;
    a segment is cut at a page boundary where a piece ends inside it."""
    total = files + sum(size for _, size in segments)
    pieces: list[list[list[int]]] = [[]]
    filled = files
    for at, size in segments:
        while size:
            share = total * len(pieces) // count  # what the pieces so far should hold
            if len(pieces) < count and filled >= share:
                pieces.append([])
                continue
            take = size if len(pieces) == count else min(size, max((share - filled) // PAGE * PAGE, PAGE))
            last = pieces[-1][-1] if pieces[-1] else None
            if last and last[0] + last[1] == at:
                last[1] += take
            else:
                pieces[-1].append([at, take])
            filled, at, size = filled + take, at + take, size - take
    return pieces + [[] for _ in range(count - len(pieces))]


def _gzip(path: Path, chunks: list) -> None:
    """Level 6: within 2 % of level 9 on a snapshot, and twice as fast."""
    with gzip.open(path.with_suffix(".part"), "wb", 6) as out:
        for chunk in chunks:
            out.write(chunk)
    path.with_suffix(".part").replace(path)


def _make(core_dir: Path, wheels: list[Path], imports: list[str], shims: list[str], key: str, store: Path,
          node: str) -> tuple[str, bool]:
    """Run the Node script: the pieces, later.bin.gz and meta.json in ``store``, or (the error, whether it lasts)."""
    if shutil.which(node) is None:
        return f"`{node}` is not on PATH (Node.js 20+ makes the snapshot)", False
    with tempfile.TemporaryDirectory(prefix="docsgen-snapshot-") as tmp:
        work = Path(tmp)
        job = {"pyodide": str(core_dir), "wheels": [str(w) for w in wheels], "imports": imports, "shims": shims,
               "key": key, "out": str(work / "snapshot.bin"), "later": str(work / "later.bin"),
               "meta": str(work / "meta.json"),
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
        files = memoryview(blob)[meta["memory"]:]
        meta["pieces"] = _pieces(meta.pop("segments"), len(files))
        for i, segments in enumerate(meta["pieces"]):  # the first holds the files first, the libraries among them
            _gzip(store / f"piece-{i}.bin.gz", [files] * (i == 0) + [memory[at: at + size] for at, size in segments])
        _gzip(store / "later.bin.gz", [(work / "later.bin").read_bytes()])
        (store / "meta.json").write_text(json.dumps(meta))  # last: marks the entry complete
    return "", False

