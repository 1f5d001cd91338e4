"""Helpers shared by the live-demo tests: the build cache, the example library, a loopback server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TESTS = Path(__file__).resolve().parent
EXAMPLELIB = TESTS / "examplelib"
EXAMPLELIB_SRC = EXAMPLELIB / "src"


def cache_dir() -> Path:
    """docsgen's build cache (npm packages, PyPI answers): kept between test sessions on purpose."""
    if os.environ.get("DOCSGEN_CACHE_DIR"):
        return Path(os.environ["DOCSGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "docsgen"


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/octet-stream",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle_one_request(self) -> None:
        # The browser may close a connection it no longer needs (navigation, Stop).
        with contextlib.suppress(ConnectionError):
            super().handle_one_request()


@contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 with the MIME types Pyodide needs; yields the base URL."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
