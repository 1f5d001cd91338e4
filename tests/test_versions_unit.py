"""The parts of the versioned build that need no install: config, ordering, pins, git reads."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from docsgen.introspect.signatures import format_default
from docsgen.versions import (
    Config,
    Outcome,
    deployed,
    deployed_model,
    failure_reason,
    load_config,
    newest,
    pins_for,
    previous_version,
    report,
    requirements,
    version_key,
)

REPO = Path(__file__).resolve().parents[1]


def test_the_repository_config() -> None:
    config = load_config(REPO / "versions.toml")
    assert config.library == "gradio"
    assert config.versions
    # Measured: these releases import HfFolder, which huggingface_hub 0.26 removed.
    for version in ("4.0.2", "4.44.1", "5.0.0", "5.7.0"):
        assert pins_for(version, config.pins) == ["huggingface_hub<0.26"], version
    for version in ("5.7.1", "5.49.1", "6.31.0"):
        assert pins_for(version, config.pins) == [], version


def test_pins_match_whole_version_components() -> None:
    pins = {"4": ["a"], "4.41": ["b", "a"], "40": ["c"]}
    assert pins_for("4.41.0", pins) == ["a", "b"]
    assert pins_for("4.44.1", pins) == ["a"]
    assert pins_for("40.1", pins) == ["c"]
    assert pins_for("5.0", pins) == []


def test_pins_by_version_range() -> None:
    pins = {">=5.0, <5.7.1": ["hub<0.26"], "==6.0.0": ["x"]}
    assert pins_for("5.0.0", pins) == ["hub<0.26"]
    assert pins_for("5.7.0", pins) == ["hub<0.26"]
    assert pins_for("5.7.1", pins) == []
    assert pins_for("4.44.1", pins) == []
    assert pins_for("6.0", pins) == ["x"]
    with pytest.raises(ValueError, match=r"5\.x"):
        pins_for("5.1", {">= 5.x and more": ["y"]})


def test_versions_sort_by_number_not_text() -> None:
    versions = ["6.31.0", "4.44.1", "6.4.0", "5.49.1", "6.0.0b1", "6.0.0"]
    assert sorted(versions, key=version_key) == ["4.44.1", "5.49.1", "6.0.0b1", "6.0.0", "6.4.0", "6.31.0"]
    assert version_key("6.0") == version_key("6.0.0")
    assert newest(versions) == "6.31.0"
    assert newest([]) is None


def test_previous_version_is_the_newest_older_one() -> None:
    deployed_versions = ["4.44.1", "5.49.1", "6.31.0"]
    assert previous_version("6.31.0", deployed_versions) == "5.49.1"
    assert previous_version("6.0.0", deployed_versions) == "5.49.1"
    assert previous_version("4.44.1", deployed_versions) is None
    assert previous_version("7.0.0", []) is None


def test_requirements_of_one_release(tmp_path: Path) -> None:
    config = Config(library="gradio", pins={"4": ["huggingface_hub<0.26"]})
    args = requirements(config, "4.44.1", tmp_path)
    assert args[:2] == ["gradio==4.44.1", "huggingface_hub<0.26"]
    assert any(a.startswith("mike") for a in args)
    assert args[-2:] == ["-e", f"{tmp_path}[mkdocs]"]


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        (
            "Looking in indexes: x\nERROR: Could not find a version that satisfies the requirement gradio==99 "
            "(from versions: 1.0, 2.0)\nERROR: No matching distribution found for gradio==99\n",
            "No matching distribution found for gradio==99",
        ),
        (
            'Traceback (most recent call last):\n  File "x", line 1\n'
            "ImportError: cannot import name 'HfFolder' from 'huggingface_hub'\n",
            "ImportError: cannot import name 'HfFolder' from 'huggingface_hub'",
        ),
        ("", "no output"),
    ],
)
def test_failure_reason(output: str, reason: str) -> None:
    assert failure_reason(output) == reason


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True)


def test_reads_versions_and_models_from_the_branch(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "gh-pages")
    entries = [{"version": "6.31.0", "title": "6.31.0", "aliases": ["latest"]}]
    (tmp_path / "versions.json").write_text(json.dumps(entries))
    (tmp_path / "6.31.0").mkdir()
    (tmp_path / "6.31.0" / "model.json").write_text('{"library": {"name": "gradio"}}')
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "deploy")
    assert deployed(tmp_path) == entries
    assert deployed(tmp_path, branch="nothing") == []
    target = deployed_model(tmp_path, "6.31.0", tmp_path / "old.json")
    assert target is not None and json.loads(target.read_text())["library"]["name"] == "gradio"
    assert deployed_model(tmp_path, "5.0.0", tmp_path / "none.json") is None


def test_report_fails_when_any_release_failed(capsys) -> None:
    ok = Outcome("6.31.0", install_seconds=3.0, build_seconds=20.0)
    bad = Outcome("99.0.0", error="gradio 99.0.0: installing failed: No matching distribution")
    assert report([ok], [{"version": "6.31.0", "aliases": ["latest"]}]) == 0
    assert report([ok, bad], []) == 1
    out = capsys.readouterr()
    assert "6.31.0 (latest)" in out.out
    assert "99.0.0" in out.err


@pytest.mark.parametrize(
    ("value", "source"),
    [
        ("/venv/lib/python3.11/site-packages/gradio/icons/link.svg", '"<site-packages>/gradio/icons/link.svg"'),
        ("/usr/lib/python3/dist-packages/gradio/x.svg", '"<site-packages>/gradio/x.svg"'),
        ("/tmp/gradio", '"/tmp/gradio"'),
        ("site-packages/x", '"site-packages/x"'),
    ],
)
def test_defaults_do_not_name_the_install_location(value: str, source: str) -> None:
    # Otherwise every release would differ from every other in gradio's icon defaults.
    assert format_default(value) == source
