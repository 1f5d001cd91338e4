"""Shared fixtures: real builds of real sites, done once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_mkdocs(config: Path, site_dir: Path, *args: str, extra_path: Path | None = None,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(extra_path), env.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir), *args],
        capture_output=True, text=True, env=env, timeout=600,
    )


@pytest.fixture(scope="session")
def gradio_inspection():
    pytest.importorskip("gradio")
    from docsgen.introspect import inspect_library

    return inspect_library("gradio")


@pytest.fixture(scope="session")
def gradio_site(tmp_path_factory) -> Path:
    """The repository's own gradio site, built with `mkdocs build --strict`."""
    pytest.importorskip("gradio")
    site = tmp_path_factory.mktemp("gradio-site")
    result = run_mkdocs(ROOT / "mkdocs.yml", site, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def write_site_config(folder: Path, library: str, base_class: str | None, extra: str = "") -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(f"# {library}\n\nHand-written introduction.\n")
    plugin = f"      library: {library}\n" + (f"      base_class: {base_class}\n" if base_class else "")
    config = folder / "mkdocs.yml"
    config.write_text(
        # font: false as the README's minimal configuration: no web fonts from Google (tests/test_foreign.py)
        f"site_name: {library}\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - search\n  - docsgen:\n{plugin}{extra}"
    )
    return config


def build_fixture_library(tmp_path_factory, library: str, base_class: str):
    """A site for one of tests/fixtures' libraries: (site dir, mkdocs result). Not --strict: they warn."""
    folder = tmp_path_factory.mktemp(library)
    config = write_site_config(folder, library, base_class)
    return folder / "site", run_mkdocs(config, folder / "site", extra_path=FIXTURES)


@pytest.fixture(scope="session")
def widget_build(tmp_path_factory):
    return build_fixture_library(tmp_path_factory, "widgetlib", "widgetlib.Widget")


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory):
    return build_fixture_library(tmp_path_factory, "hostilelib", "hostilelib.Component")
