"""Find the Pyodide core files: in a configured local directory, else from npm (pinned) in the cache."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

PYODIDE_VERSION = "314.0.7"
ABI_VERSION = "2026_0"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


@dataclass
class PyodideCore:
    directory: Path
    version: str
    python: str
    origin: str  # "pyodide_dir" | "npm"

    @property
    def lockfile(self) -> Path:
        return self.directory / "pyodide-lock.json"


def has_core(directory: Path) -> bool:
    return all((directory / name).is_file() for name in CORE_FILES)


def read_core(directory: Path, origin: str) -> PyodideCore:
    """Check that ``directory`` holds a Pyodide core of the ABI the runtime was written for."""
    info = json.loads((directory / "pyodide-lock.json").read_text()).get("info", {})
    if info.get("abi_version") != ABI_VERSION:
        raise ValueError(
            f"{directory} holds Pyodide for ABI {info.get('abi_version')!r}; docsgen needs Pyodide "
            f"{PYODIDE_VERSION} (ABI {ABI_VERSION})"
        )
    package_json = directory / "package.json"
    version = json.loads(package_json.read_text()).get("version", "") if package_json.is_file() else ""
    return PyodideCore(directory, version or f"ABI {ABI_VERSION}", info.get("python", ""), origin)


def missing_core_message(directory: Path) -> str:
    absent = [name for name in CORE_FILES if not (directory / name).is_file()]
    return f"{directory} lacks {', '.join(absent)}"
