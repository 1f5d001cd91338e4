"""gradio 6 in Pyodide. gradio dropped its own Wasm support (gradio-lite) in 5.46; these patches put back
the parts the live demos need: preprocess/postprocess outside a server, in a browser worker.

Not verified end to end on the build machine of docsgen: gradio's numpy/pandas/pillow/orjson come only
from a Pyodide distribution, which was not reachable there (see docs of `pyodide_dir`).
"""

from __future__ import annotations

import os
import shutil
from typing import Any


def install() -> None:
    # No server and no telemetry from a docs page.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    _threads_inline()
    _link_by_copy()


def _threads_inline() -> None:
    """Pyodide has no threads: run anyio's worker-thread calls inline (they are short in demos)."""
    try:
        import anyio.to_thread
    except ImportError:
        return

    async def run_sync(func: Any, *args: Any, **_: Any) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = run_sync  # type: ignore[assignment]


def _link_by_copy() -> None:
    """gradio hard-links cached files; Emscripten's in-memory file system may refuse: copy instead."""
    original = getattr(os, "link", None)

    def link(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        try:
            if original is None:
                raise OSError("os.link is not available")
            original(src, dst, *args, **kwargs)
        except OSError:
            shutil.copyfile(src, dst)

    os.link = link
