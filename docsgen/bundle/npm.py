"""Build-time npm dependencies (Pyodide, CodeMirror, esbuild), installed into a cache, never into the site.

``playground/package.json`` and its lockfile pin the versions; ``npm ci`` installs exactly those into
``<cache>/npm/<hash of the lockfile>/``, so a second build reuses them without the network.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

# The browser runtime's sources: inside the package in an installed wheel (setup.py puts them there),
# beside it in a source tree (also what an editable install sees).
PLAYGROUND_DIRS = tuple(Path(__file__).resolve().parents[up] / "playground" for up in (1, 2))
MARKER = ".docsgen-installed"


class NpmUnavailable(Exception):
    """npm is not installed or the registry cannot be reached."""


def playground_dir() -> Path:
    for candidate in PLAYGROUND_DIRS:
        if (candidate / "package.json").is_file():
            return candidate
    raise NpmUnavailable(
        f"docsgen's browser runtime sources are in neither {PLAYGROUND_DIRS[0]} nor {PLAYGROUND_DIRS[1]}: "
        "reinstall docsgen (its wheel carries them) or install it from its source tree (pip install -e .)"
    )


def npm_modules(cache_dir: Path, npm: str = "npm") -> Path:
    """``node_modules`` with the pinned packages, installing them on first use."""
    source = playground_dir()
    lock = source / "package-lock.json"
    digest = hashlib.sha256(lock.read_bytes() + (source / "package.json").read_bytes()).hexdigest()[:16]
    target = cache_dir / "npm" / digest
    if (target / MARKER).is_file():
        return target / "node_modules"
    if shutil.which(npm) is None:
        raise NpmUnavailable(f"`{npm}` is not on PATH (install Node.js 20+ and npm)")
    target.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(source / name, target / name)
    # --ignore-scripts: nothing from the registry runs at build time; esbuild works without its postinstall.
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    done = subprocess.run(command, cwd=target, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise NpmUnavailable(f"`npm ci` failed in {target}: {done.stderr.strip()[-2000:]}")
    (target / MARKER).write_text("ok\n")
    return target / "node_modules"


def esbuild(node_modules: Path, entry: Path, outfile: Path) -> None:
    """Bundle one ES module entry (and what it imports from node_modules) into one minified file."""
    binary = node_modules / ".bin" / "esbuild"
    work = node_modules.parent
    # The entry is copied next to node_modules so bare imports ("@codemirror/view") resolve there.
    staged = work / entry.name
    shutil.copyfile(entry, staged)
    outfile.parent.mkdir(parents=True, exist_ok=True)
    command = [str(binary), staged.name, "--bundle", "--format=esm", "--minify", "--target=es2022",
               f"--outfile={outfile}", "--log-level=error"]
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise NpmUnavailable(f"esbuild failed on {entry.name}: {done.stderr.strip()[-2000:]}")
