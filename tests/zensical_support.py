"""The example library's site built by Zensical (PyPI `zensical`), which runs no docsgen plugin: the recipe of
the README (`python -m docsgen generate`, `zensical build`, `python -m docsgen finish`), once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live_support import EXAMPLELIB, EXAMPLELIB_SRC

CONFIG_HEAD = "site_name: examplelib\ndocs_dir: docs\nsite_dir: site\ntheme:\n  name: material\n  font: false\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(EXAMPLELIB_SRC),
                                                                     os.environ.get("PYTHONPATH", "")])))
    result = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-3000:])
    return result


def zensical_example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """generate -> zensical build -> finish; the built site (its build logs are next to it)."""
    pytest.importorskip("zensical")
    project = tmp_path_factory.getbasetemp() / "zensical-example"
    site = project / "site"
    if (project / "finish.log").exists():
        return site
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(EXAMPLELIB / "docs", project / "docs")
    generated = run("-m", "docsgen", "generate", "examplelib", "--base-class", "examplelib.Component",
                    "--live-demos", "--out", "docs", cwd=project)
    # What generate printed (nav, extra_css, extra_javascript) goes into the configuration as it is.
    config = generated.stdout.replace("nav:\n", 'nav:\n  - "Introduction": "index.md"\n', 1)
    (project / "mkdocs.yml").write_text(CONFIG_HEAD + config)
    built = run("-m", "zensical", "build", "-f", "mkdocs.yml", cwd=project)
    (project / "zensical.log").write_text(built.stdout + built.stderr)
    finished = run("-m", "docsgen", "finish", "examplelib", "site", "--pyodide-packages-url", "false", cwd=project)
    (project / "finish.log").write_text(finished.stdout + finished.stderr)
    return site
