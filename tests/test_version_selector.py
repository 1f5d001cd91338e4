"""mkdocs-material's version selector (`extra.version.provider: mike`) reads ../versions.json, which only a mike
deployment has: a plain `mkdocs build` (and so `mkdocs serve`) leaves it out, so no page asks for a file that is
not there; a real `mike deploy` keeps it, and writes the versions.json it reads."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_mkdocs, write_site_config

VERSION_EXTRA = "extra:\n  version:\n    provider: mike\n"


def selector(html: str) -> dict | None:
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    return config.get("version")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("selector")
    config = write_site_config(folder, "widgetlib", "widgetlib.Widget")
    config.write_text(config.read_text() + VERSION_EXTRA)
    return folder


def test_a_plain_build_has_no_version_selector(project: Path):
    result = run_mkdocs(project / "mkdocs.yml", project / "site", extra_path=FIXTURES)
    assert result.returncode == 0, result.stderr[-3000:]
    for html in (project / "site").rglob("index.html"):
        assert selector(html.read_text(encoding="utf-8")) is None, html
    assert "versions.json" not in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_mike_deploy_keeps_the_selector_and_writes_versions_json(project: Path):
    mike = shutil.which("mike", path=str(Path(sys.executable).parent))
    if mike is None:
        pytest.skip("mike is not installed next to this Python")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t",
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
               PYTHONPATH=os.pathsep.join(filter(None, [str(FIXTURES), os.environ.get("PYTHONPATH", "")])))
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True, env=env)
    # mike names the source commit in its message
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "docs"], cwd=project, check=True, env=env)
    done = subprocess.run([mike, "deploy", "--config-file", "mkdocs.yml", "1.0"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]

    def show(path: str) -> str:
        return subprocess.run(["git", "show", f"gh-pages:{path}"], cwd=project, env=env, check=True,
                              capture_output=True, text=True).stdout

    assert [entry["version"] for entry in json.loads(show("versions.json"))] == ["1.0"]
    assert selector(show("1.0/index.html")) == {"provider": "mike"}
    assert selector(show("1.0/components/index.html")) == {"provider": "mike"}
