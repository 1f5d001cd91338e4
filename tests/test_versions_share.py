"""Many versions, one runtime: files that versions have the same are stored once in gh-pages
(docsgen.versions.share_files), and a version keeps every file after another is deleted with mike.

Real parts: the example library's site with live demos (Pyodide's core from npm, its wheels) deployed
twice with real `mike deploy` into a temporary repository, then `mike delete` of the first one. The
expected files are the ones mike deployed, read from the branch before sharing.
"""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path

import pytest

from docsgen.versions import STORE, _tree, share_files
from tests.versions_support import checkout, example_repo, git, mike

pytestmark = pytest.mark.slow

OLD, NEW = "1.0", "2.0"


def files_of(repo: Path, version: str) -> dict[str, str]:
    """Path -> blob id of every file of a version's folder, following links as a web server does."""
    entries = {e.path: e for e in _tree(repo, "gh-pages")}
    result = {}
    for path, entry in entries.items():
        if not path.startswith(f"{version}/"):
            continue
        if entry.mode == "120000":
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), git(repo, "cat-file", "-p", entry.sha)))
            entry = entries.get(target, entry)  # a dangling link keeps its own id: it cannot match
        result[path] = entry.sha
    return result


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict]:
    repo = example_repo(tmp_path_factory.mktemp("share") / "repo")
    mike(repo, "deploy", OLD)
    first = share_files(repo)
    mike(repo, "deploy", NEW)
    as_deployed = files_of(repo, NEW)  # before sharing: each file a copy of its own
    shared = share_files(repo)
    return repo, as_deployed, {"first": first, "second": shared}


def test_identical_files_are_stored_once_and_linked(deployed) -> None:
    repo, as_deployed, shares = deployed
    assert shares["first"].linked == 0  # one version: nothing is the same as another's yet
    entries = {e.path: e for e in _tree(repo, "gh-pages")}
    for name in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.mjs"):
        for version in (OLD, NEW):
            entry = entries[f"{version}/_docsgen/pyodide/{name}"]
            assert entry.mode == "120000", (version, name)
            target = git(repo, "cat-file", "-p", entry.sha)
            assert target.startswith(f"../../../{STORE}/") and target.endswith(f"/{name}")
    assert shares["second"].linked >= 2 * 5
    stored = [p for p in entries if p.startswith(f"{STORE}/")]
    assert len(stored) == shares["second"].stored
    # The version's files as a web server follows them are the files mike deployed.
    assert files_of(repo, NEW) == as_deployed


def test_every_file_of_a_version_survives_mike_delete_of_another(deployed, tmp_path: Path) -> None:
    repo, as_deployed, _ = deployed
    mike(repo, "delete", OLD)
    pruned = share_files(repo)  # removes store files that only the deleted version used (none here)
    assert pruned.pruned == 0
    assert files_of(repo, NEW) == as_deployed
    site = checkout(repo, tmp_path / "checkout")
    assert not (site / OLD).exists()
    manifest_path = site / NEW / "_docsgen" / "runtime" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    base = manifest_path.parent
    index = (base / manifest["pyodide"]["index"]).resolve()
    urls = [index / name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                                      "pyodide-lock.json")]
    urls += [base / package["url"] for package in manifest["packages"]]
    if manifest.get("snapshot"):
        urls += [base / piece["url"] for piece in manifest["snapshot"]["pieces"]]
        urls.append(base / manifest["snapshot"]["later"]["url"])
    for url in urls:
        assert url.is_file(), url  # follows the links, as the static server does
        assert url.stat().st_size > 0
    assert os.path.islink(site / NEW / "_docsgen" / "pyodide" / "pyodide.asm.wasm")


def test_store_files_of_a_deleted_version_alone_are_pruned(deployed, tmp_path: Path) -> None:
    repo, _, _ = deployed
    # Once no version uses a store file (every version that linked to it deleted), it goes.
    mike(repo, "deploy", "3.0")
    share_files(repo)
    mike(repo, "delete", "3.0")
    mike(repo, "delete", NEW)
    result = share_files(repo)
    assert result.stored == 0 and result.pruned > 0
    assert not [e for e in _tree(repo, "gh-pages") if e.path.startswith(f"{STORE}/")]
