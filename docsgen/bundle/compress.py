"""Precompressed copies (``X.gz`` next to ``X``) of the runtime's big text and Wasm files.

A server that knows the convention (nginx ``gzip_static on``, Caddy ``precompressed gzip``, our loopback
server in ``serve.py``) sends ``X.gz`` with ``Content-Encoding: gzip`` to a browser that accepts gzip:
pyodide.asm.wasm goes from 9.6 MB to 3.6 MB on the wire. Servers that don't simply ignore the copies.
The memory snapshot is stored gzipped only and inflated by the worker itself, so it is small on any host.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

SUFFIXES = {".wasm", ".mjs", ".js", ".json", ".css"}
MIN_SIZE = 1024  # below this, the headers cost more than compression saves
CACHED_SIZE = 256 * 1024  # bigger files are compressed once per machine, into the cache


def precompress(root: Path, cache: Path) -> list[Path]:
    """Write or refresh ``.gz`` copies under ``root``; drop copies whose source is gone."""
    written = []
    for path in sorted(root.rglob("*")):
        source = path.with_suffix("")
        if path.suffix == ".gz" and source.suffix in SUFFIXES and not source.exists():
            path.unlink()
        elif path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE:
            target = path.with_name(path.name + ".gz")
            if not target.exists() or target.stat().st_mtime_ns < path.stat().st_mtime_ns:
                _compress(path, target, cache)
                written.append(target)
    return written


def _compress(source: Path, target: Path, cache: Path) -> None:
    if source.stat().st_size < CACHED_SIZE:
        target.write_bytes(_gzip(source.read_bytes()))
        return
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:24]
    cached = cache / "gzip" / f"{digest}.gz"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.with_suffix(".part").write_bytes(_gzip(source.read_bytes()))
        cached.with_suffix(".part").replace(cached)
    shutil.copyfile(cached, target)


def _gzip(data: bytes) -> bytes:
    # mtime=0: the same input gives the same bytes, so sites stay byte-identical between builds.
    return gzip.compress(data, compresslevel=9, mtime=0)
