"""Helpers shared by the tests that deploy the example library with real mike (tests/test_versions_share.py,
tests/browser/test_versions_share_demo.py): a repository of the example library, `mike`, `git archive`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

from tests.live_support import EXAMPLELIB, EXAMPLELIB_SRC

MIKE = Path(sys.executable).parent / "mike"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def mike(repo: Path, *args: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(EXAMPLELIB_SRC),
           "PATH": f"{MIKE.parent}{os.pathsep}{os.environ['PATH']}",
           "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@localhost",
           "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@localhost"}
    done = subprocess.run([str(MIKE), *args], cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def example_repo(repo: Path) -> Path:
    """A git repository at ``repo`` holding the example library's docs (one commit on main), for mike."""
    shutil.copytree(EXAMPLELIB, repo, ignore=shutil.ignore_patterns("site", "src"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "docs")
    return repo


def checkout(repo: Path, target: Path) -> Path:
    """The branch as a static host gets it: `git archive` keeps symbolic links as links."""
    data = subprocess.run(["git", "archive", "gh-pages"], cwd=repo, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as archive:
        archive.extractall(target, filter="tar")
    return target
