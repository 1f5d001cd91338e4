"""Helpers shared by the live-demo tests: the build cache, the example library, a loopback server."""

from __future__ import annotations

import os
from pathlib import Path

from docsgen.bundle.serve import serving as serve

TESTS = Path(__file__).resolve().parent
EXAMPLELIB = TESTS / "examplelib"
EXAMPLELIB_SRC = EXAMPLELIB / "src"
# An init script: the reader's browser asks to save data (Chromium has no switch for Save-Data).
SAVE_DATA = "Object.defineProperty(navigator, 'connection', { value: { saveData: true } });"

__all__ = ["EXAMPLELIB", "EXAMPLELIB_SRC", "cache_dir", "serve"]


def cache_dir() -> Path:
    """docsgen's build cache (npm packages, PyPI answers): kept between test sessions on purpose."""
    if os.environ.get("DOCSGEN_CACHE_DIR"):
        return Path(os.environ["DOCSGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "docsgen"
