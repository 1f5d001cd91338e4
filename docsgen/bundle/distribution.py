"""The Pyodide distribution's package files, downloaded at build time, checked, and kept in docsgen's cache.

npm's integrity check covers ``pyodide-lock.json``; the lockfile's ``sha256`` covers each package file. So a
file is used only when its hash is the lockfile's, and it enters the cache only then: it is written under a
temporary name, checked, and renamed. A download that stops short or differs never serves a later build.
The cache is keyed by the hash, so any URL (a mirror, a CDN) fills it for every build of the same lockfile.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .index import LockEntry, join_url

# The CDN pyodide.mjs itself falls back to for packages (its `cdnUrl`), for the Pyodide version in use.
OFFICIAL_URL = "https://cdn.jsdelivr.net/pyodide/v{version}/full/"
CHUNK = 1 << 16


class PackageRefused(Exception):
    """A downloaded file is not the one the lockfile names (its sha256 differs): never used, never cached."""


class PackageUnavailable(Exception):
    """Neither the cache nor the URL gives the file (no network, an HTTP error, a download cut short)."""


def official_url(version: str, fallback: str) -> str:
    """The distribution's URL for a Pyodide version; ``fallback`` when the core does not say its version."""
    return OFFICIAL_URL.format(version=version if re.fullmatch(r"\d+\.\d+\.\d+\w*", version) else fallback)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class DistributionPackages:
    """Package files of the lockfile ``lockfile`` (a label for messages), served at ``url``."""

    url: str
    cache_dir: Path  # <docsgen cache>/pyodide-packages/<sha256>/<file name>
    lockfile: str = "pyodide-lock.json"
    timeout: float = 60.0
    # Why the host could not be reached, once it could not: later files neither wait for it nor say it again.
    unreachable: str = ""

    def fetch(self, entry: LockEntry) -> Path:
        """The checked file of ``entry``: from the cache, else downloaded (and then cached)."""
        if not re.fullmatch(r"[0-9a-f]{64}", entry.sha256):
            raise PackageRefused(f"{self.lockfile} gives no sha256 for {entry.file_name}: docsgen cannot check it")
        target = self.cache_dir / entry.sha256 / entry.file_name
        if target.is_file():
            if sha256_of(target) == entry.sha256:
                return target
            target.unlink()  # changed on disk since it was checked: fetch it again
        if self.unreachable:
            raise PackageUnavailable(self.unreachable)
        self._download(entry, target)
        return target

    def _download(self, entry: LockEntry, target: Path) -> None:
        url = join_url(self.url, entry.file_name)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=target.parent, prefix=f".{entry.file_name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                digest = self._copy(url, out)
            if digest != entry.sha256:
                raise PackageRefused(
                    f"docsgen refused {entry.file_name} from {url}: its sha256 is {digest}, but {self.lockfile} "
                    f"says {entry.sha256}. The file was not cached; check where pyodide_packages_url points"
                )
            os.replace(part, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(part)
            with contextlib.suppress(OSError):
                target.parent.rmdir()  # only when empty: nothing was cached

    def _copy(self, url: str, out: BinaryIO) -> str:
        """Write the body at ``url`` to ``out``; its sha256. Raises PackageUnavailable when it cannot."""
        digest = hashlib.sha256()
        received = 0
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:
                length = response.headers.get("Content-Length")
                for block in iter(lambda: response.read(CHUNK), b""):
                    out.write(block)
                    digest.update(block)
                    received += len(block)
        except urllib.error.HTTPError as exc:
            raise PackageUnavailable(f"{url} answered HTTP {exc.code}") from exc
        except urllib.error.URLError as exc:  # no answer at all
            self.unreachable = f"cannot reach {urllib.parse.urlsplit(url).netloc} ({exc.reason})"
            raise PackageUnavailable(self.unreachable) from exc
        except (OSError, http.client.HTTPException) as exc:  # an answer, broken off
            raise PackageUnavailable(f"the download of {url} failed ({exc!r})") from exc
        # http.client ends a read quietly when the connection closes early: compare with the announced size.
        if length is not None and received != int(length):
            raise PackageUnavailable(f"the download of {url} stopped after {received} of {length} bytes")
        return digest.hexdigest()
