"""`python -m docsgen generate` on a fixture library, without any site engine: files, nav, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import FIXTURES


def generate(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docsgen", "generate", "widgetlib", "--base-class",
                           "widgetlib.Widget", *args], cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(FIXTURES)), timeout=120)


def nav_paths(items) -> list[str]:
    paths = []
    for item in items:
        for value in item.values():
            paths += nav_paths(value) if isinstance(value, list) else [value]
    return paths


def test_generate_writes_every_page_the_nav_lists(tmp_path):
    (tmp_path / "docs").mkdir()
    result = generate(tmp_path, "--out", "docs/api")
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    written = sorted(p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*.md"))
    assert sorted(nav_paths(config["nav"])) == written
    assert "api/components/slider.md" in written and config["extra_css"] == ["_docsgen/docsgen.css"]
    slider = (tmp_path / "docs" / "api" / "components" / "slider.md").read_text()
    assert "dg-fragment:" not in slider and 'id="param-minimum"' in slider
    assert (tmp_path / "docs" / "model.json").exists() and (tmp_path / "docs" / "_docsgen" / "generated.json").exists()


def test_generate_refuses_a_folder_outside_the_docs(tmp_path):
    result = generate(tmp_path, "--out", "elsewhere")
    assert result.returncode == 2 and "not inside the docs folder" in result.stderr
