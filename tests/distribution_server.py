"""A stand-in for the Pyodide distribution's CDN on 127.0.0.1: package files and a pyodide-lock.json.

Used by tests/test_bundle_distribution.py (unit) and tests/browser/test_pyodide_packages.py (a real site).
"""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from packaging.utils import parse_wheel_filename


@dataclass
class Distribution:
    """What the server serves, by file name; ``truncated`` files are cut short after their headers."""

    files: dict[str, bytes] = field(default_factory=dict)
    truncated: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)

    def add(self, path: Path) -> str:
        self.files[path.name] = path.read_bytes()
        return path.name


def lock_entry(file_name: str, data: bytes, depends: list[str] | None = None) -> dict:
    """A pyodide-lock.json package entry for a wheel, with its real sha256."""
    name, version, _build, _tags = parse_wheel_filename(file_name)
    return {
        "name": str(name), "version": str(version), "file_name": file_name, "install_dir": "site",
        "sha256": hashlib.sha256(data).hexdigest(), "package_type": "package", "imports": [],
        "depends": depends or [], "unvendored_tests": False, "shared_library": False,
    }


def _handler(dist: Distribution) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            name = urlsplit(self.path).path.rsplit("/", 1)[-1]
            dist.requests.append(name)
            body = dist.files.get(name)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # A truncated file: the connection closes after half the announced bytes.
            self.wfile.write(body[: len(body) // 2] if name in dist.truncated else body)
            self.close_connection = True

    return Handler


@contextmanager
def serving(dist: Distribution) -> Iterator[str]:
    """The distribution's base URL (ending in /full/, like Pyodide's CDN) while the block runs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(dist))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/pyodide/full/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
