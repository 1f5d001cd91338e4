"""Serve a built site from loopback with the MIME types Pyodide needs (module scripts, Wasm).

``python -m docsgen.bundle.serve SITE_DIR [--port 8000]``. For trying a site locally and for tests;
any static web server works in production if it sends ``.mjs``/``.js`` as JavaScript and ``.wasm`` as
``application/wasm``.

Compression, like a good static host: a file ``X`` that has a precompressed ``X.gz`` next to it (docsgen
writes them for the runtime's big files) is sent as that ``.gz`` with ``Content-Encoding: gzip`` when the
browser accepts gzip; other small text files are gzipped on the fly. A real host should do the same
(nginx ``gzip_static on;`` plus ``gzip on;``, Caddy ``file_server { precompressed gzip }``); without it
the site still works, only the Wasm is 9.6 MB instead of 3.6 MB on the wire.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

MIME_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/octet-stream",
}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]  # the base class returns a file or None too
        path = self.translate_path(self.path)
        if os.path.isdir(path) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if os.path.isfile(path + ".gz"):
            return self._send_gzip(path, path + ".gz", None)
        if os.path.isfile(path) and _compressible(path):
            with open(path, "rb") as handle:
                return self._send_gzip(path, path, gzip.compress(handle.read(), compresslevel=6, mtime=0))
        return super().send_head()

    def _send_gzip(self, path: str, stored: str, body: bytes | None):
        """Send ``stored`` (already gzip) or ``body`` as the gzip encoding of ``path``."""
        mtime = int(os.stat(stored).st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since:
            with contextlib.suppress(TypeError, ValueError):
                if mtime <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(http.HTTPStatus.NOT_MODIFIED)
                    self.end_headers()
                    return None
        handle = io.BytesIO(body) if body is not None else open(stored, "rb")  # noqa: SIM115 - closed by the caller
        size = len(body) if body is not None else os.fstat(handle.fileno()).st_size
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(size))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.end_headers()
        return handle

    def handle_one_request(self) -> None:
        # The browser may close a connection it no longer needs (navigation, a stopped worker).
        with contextlib.suppress(ConnectionError):
            super().handle_one_request()


COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}


def _compressible(path: str) -> bool:
    return os.path.splitext(path)[1] in COMPRESSIBLE and os.path.getsize(path) < 2_000_000


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, port), handler)


@contextlib.contextmanager
def serving(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` in a background thread; yields the base URL."""
    server = make_server(directory, port=port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a built docsgen site on 127.0.0.1.")
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(args.site_dir, port=args.port)
    print(f"Serving {args.site_dir} on http://127.0.0.1:{server.server_port}/ (Ctrl+C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
