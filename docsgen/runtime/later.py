"""Site-packages sources that a resumed Python gets after its first output, not before.

The build's snapshot holds the library imported: the sources of the modules it imported are not needed any more,
but those of the modules it did not import (pygments' 500 lexers, most of huggingface_hub, ...: 10 MB for gradio)
still are, should a program import one. They are left out of the snapshot's first download, which the reader
waits for, and written by the worker once the first output is there (``written``). Until then, an import of a
module of one of those packages (``tops``) gets them at once: ``Later`` sits first on ``sys.meta_path``, reads
the file synchronously through ``read`` (the worker's synchronous request), unpacks and writes every file, and
steps aside, so the import goes on as if they had always been there.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import zlib
from collections.abc import Callable


class Later:
    """The meta path finder that writes the left-out sources before an import that may need them."""

    def __init__(self, tops: frozenset[str], root: str):
        self.tops = tops  # top-level names with left-out sources
        self.root = root  # site-packages
        self.read: Callable[[], bytes] | None = None  # the gzipped files, synchronously
        self.files: list[tuple[str, int]] = []  # [(path under root, size), ...] in the file's order
        self.state = "pending"  # then "fetched" (by the worker) or "read" (by an import)

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] in self.tops:
            self.read_now()
        return None  # the regular finders find the module, now that its file is there

    def connect(self, read: Callable[[], bytes], files_json: str) -> None:
        """The worker, once Python is resumed: how to read the files, and which they are."""
        self.read = read
        self.files = [(path, size) for path, size in json.loads(files_json)]

    def pending(self) -> bool:
        return self.state == "pending"

    def read_now(self) -> None:
        if not self.pending():
            return
        if self.read is None:
            raise ImportError("docsgen: the site-packages sources left for later cannot be read "
                              "(the worker did not connect)")
        read = self.read()  # a JsProxy of the worker's Uint8Array; bytes where there is no worker
        read = read.to_bytes() if hasattr(read, "to_bytes") else bytes(read)
        data = zlib.decompress(read, wbits=31) if read[:2] == b"\x1f\x8b" else read  # unless the host inflated it
        expected = sum(size for _, size in self.files)
        if len(data) != expected:
            raise ImportError(f"docsgen: the sources left for later are {len(data)} bytes, expected {expected}")
        offset = 0
        for path, size in self.files:
            full = os.path.join(self.root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as out:
                out.write(data[offset: offset + size])
            offset += size
        self.done("read")

    def written(self) -> None:
        """The worker wrote the files itself."""
        self.done("fetched")

    def done(self, how: str) -> None:
        self.state = how
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        importlib.invalidate_caches()  # the directories' listings cached before the files were there


current: Later | None = None  # the snapshot's finder, pending or done


def install(tops: list[str], root: str) -> Later:
    """At snapshot time: put the finder first on ``sys.meta_path`` (it stays there in the snapshot)."""
    global current
    current = Later(frozenset(tops), root)
    sys.meta_path.insert(0, current)
    return current
