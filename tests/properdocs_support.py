"""The repository's gradio site built with ProperDocs (PyPI `properdocs`, a fork of MkDocs 1.x) instead of
MkDocs: once per test session, shared by tests/test_site_properdocs.py and the browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_properdocs(config: Path, site_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", str(config), "-d", str(site_dir), *args],
        capture_output=True, text=True, env=env, timeout=900,
    )


def properdocs_gradio_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`properdocs build --strict` on the repository's mkdocs.yml, done once per session."""
    pytest.importorskip("properdocs")
    pytest.importorskip("gradio")
    site = tmp_path_factory.getbasetemp() / "properdocs-gradio-site"
    done = site.with_name(site.name + ".built")
    if not done.exists():
        result = run_properdocs(ROOT / "mkdocs.yml", site, "--strict")
        assert result.returncode == 0, result.stderr[-3000:]
        done.write_text(result.stderr)
    return site
