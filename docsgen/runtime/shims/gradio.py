"""gradio 6 in Pyodide. gradio dropped its own Wasm support (gradio-lite) in 5.46; these patches put back
the parts the live demos need: preprocess/postprocess outside a server, in a browser worker.

Measured with gradio 6.31.0 in Pyodide 314.0.7 (docs/performance.md, tests/browser/test_gradio_demos.py).
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any


def install() -> None:
    # No server and no telemetry from a docs page.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    # gradio copies every file a component handles into its cache directory and expects it to exist.
    cache = os.environ.setdefault("GRADIO_TEMP_DIR", os.path.join(tempfile.gettempdir(), "gradio"))
    os.makedirs(cache, exist_ok=True)
    _threads_inline()
    _link_by_copy()


class InlineExecutor(concurrent.futures.Executor):
    """An executor that runs each call at once: Pyodide cannot start threads ("can't start new thread"),
    and gradio's Gallery.postprocess saves its images through a ThreadPoolExecutor."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future

    def map(self, fn: Callable[..., Any], *iterables: Iterable[Any], timeout: float | None = None,
            chunksize: int = 1, **_: Any) -> Iterator[Any]:
        return iter([fn(*args) for args in zip(*iterables, strict=False)])


def _threads_inline() -> None:
    """Pyodide has no threads: thread pools and anyio's worker-thread calls run inline (short in demos)."""
    concurrent.futures.ThreadPoolExecutor = InlineExecutor  # type: ignore[misc]
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
