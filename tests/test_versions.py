"""Two real gradio releases built side by side with mike into a temporary repository.

Runs ``python -m docsgen.versions`` as ``nox -s versions`` does: each release in its own
environment, plus one release that does not exist. The environments are kept between runs, also
of fresh clones, in ``$DOCSGEN_VERSIONS_VENVS`` (default: ``~/.cache/docsgen/versions``): the first
run on a machine installs both releases (about a minute each from pip's cache), later runs only
reinstall docsgen. Expected values come
from each release itself (``EVENTS``, ``inspect.signature``) through
``check_model_against_library.py`` run with that release's Python.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docsgen.versions import version_key

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
CHECK = REPO / "tests" / "check_model_against_library.py"
OLD, NEW = "5.49.1", "6.31.0"  # their dependencies install quickly from pip's cache
MISSING = "99.0.0"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def working_tree_copy(target: Path) -> Path:
    """The project as it is now (committed or not) as a fresh repository without gh-pages."""
    files = git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    target.mkdir()
    for name in filter(None, files):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        git(target, "-c", "user.name=test", "-c", "user.email=test@localhost", *args)
    return target


def default_venvs() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "docsgen" / "versions"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str], Path]:
    repo = working_tree_copy(tmp_path_factory.mktemp("versions") / "repo")
    venvs = Path(os.environ.get("DOCSGEN_VERSIONS_VENVS") or default_venvs()).resolve()
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "docsgen.versions", NEW, MISSING, OLD, "--venvs", str(venvs)],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    # The timings table, shown with `pytest -s` (and recorded in the issue notes).
    print(done.stdout, done.stderr, f"total {time.monotonic() - start:.1f} s", sep="\n")
    return repo, done, venvs


def page(repo: Path, path: str) -> str:
    return git(repo, "show", f"gh-pages:{path}")


def test_a_missing_release_fails_alone_with_a_clear_message(deployment) -> None:
    _, done, _ = deployment
    assert done.returncode == 1
    assert re.search(rf"gradio {MISSING}: installing failed: .*gradio=={MISSING}", done.stdout)
    assert f"failed: {MISSING}" in done.stderr


def test_versions_json_and_latest_alias(deployment) -> None:
    repo, _, _ = deployment
    entries = json.loads(page(repo, "versions.json"))
    assert sorted((e["version"] for e in entries), key=version_key) == [OLD, NEW]
    aliases = {e["version"]: e["aliases"] for e in entries}
    assert aliases == {NEW: ["latest"], OLD: []}
    assert "latest/" in page(repo, "index.html")  # mike set-default: the root redirects there
    mode, _, _ = git(repo, "ls-tree", "gh-pages", "latest").partition(" ")
    assert mode == "120000"  # a symlink to the newest release's folder


def test_every_page_has_the_version_selector(deployment) -> None:
    repo, _, _ = deployment
    for version in (OLD, NEW):
        html = page(repo, f"{version}/components/textbox/index.html")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))
        assert config["version"]["provider"] == "mike"


def test_older_release_has_the_outdated_banner(deployment) -> None:
    repo, _, _ = deployment
    html = page(repo, f"{OLD}/components/textbox/index.html")
    banner = html.split('data-md-component="outdated"', 1)[1].split("</aside>", 1)[0]
    assert f"gradio {OLD}" in banner
    assert 'href="../../../latest/"' in banner


def test_each_site_has_its_model_matching_its_release(deployment) -> None:
    repo, _, venvs = deployment
    for version in (OLD, NEW):
        model_file = repo.parent / f"model-{version}.json"
        model_file.write_text(page(repo, f"{version}/model.json"), encoding="utf-8")
        assert json.loads(model_file.read_text())["library"] == {"name": "gradio", "version": version,
                                                                 "framework": "gradio"}
        python = venvs / f"gradio-{version}" / "bin" / "python"
        done = subprocess.run([str(python), str(CHECK), str(model_file)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def library_facts(repo: Path, venvs: Path, version: str) -> dict[str, dict[str, list[str]]]:
    model_file = repo.parent / f"facts-{version}.json"
    model_file.write_text(page(repo, f"{version}/model.json"), encoding="utf-8")
    python = venvs / f"gradio-{version}" / "bin" / "python"
    done = subprocess.run([str(python), str(CHECK), str(model_file), "--dump"], capture_output=True, text=True)
    return json.loads(done.stdout)


def section(html: str, component: str) -> str:
    """The part of the what-changed page about one component (its h3 up to the next)."""
    start = html.find(f'<h3 id="{component.lower()}"')
    if start < 0:
        return ""
    end = html.find("<h3", start + 1)
    return html[start : end if end > 0 else None]


def test_what_changed_page_against_both_releases(deployment) -> None:
    repo, _, venvs = deployment
    assert "changes/index.html" not in git(repo, "ls-tree", "-r", "--name-only", "gh-pages", OLD)
    html = page(repo, f"{NEW}/changes/index.html")
    assert f"What changed since gradio {OLD}" in html
    old, new = library_facts(repo, venvs, OLD), library_facts(repo, venvs, NEW)
    for name in sorted(set(new) - set(old)):
        assert f'href="../components/{name.lower()}/"' in html, name
    for name in sorted(set(old) & set(new)):
        part = section(html, name)
        added = [e for e in new[name]["events"] if e not in old[name]["events"]]
        added_params = [p for p in new[name]["params"] if p not in old[name]["params"]]
        if added:
            assert "Events added: " + ", ".join(f"<code>{e}</code>" for e in added) in part, name
        else:
            assert "Events added" not in part, name
        for param in added_params:
            assert f"<code>{param}" in part.split("Parameters added", 1)[1], (name, param)


def param_row(html: str, name: str) -> str:
    return html.split(f'<tr id="param-{name}">', 1)[1].split("</tr>", 1)[0]


def test_history_on_the_newer_pages_against_both_releases(deployment) -> None:
    """Each parameter the newer release's signature has and the older one's has not says "Added in NEW";
    one in both does not; one the older release had and the newer has not is under "Removed since OLD"."""
    repo, _, venvs = deployment
    old, new = library_facts(repo, venvs, OLD), library_facts(repo, venvs, NEW)
    checked = 0
    for name in sorted(set(old) & set(new))[:12]:
        html = page(repo, f"{NEW}/components/{name.lower()}/index.html").split("<article", 1)[1]
        for param in new[name]["params"]:
            added = f"Added in {NEW}" in param_row(html, param)
            assert added == (param not in old[name]["params"]), (name, param)
            checked += 1
        gone = [p for p in old[name]["params"] if p not in new[name]["params"]]
        if gone:
            removed = html.split(f"Removed since {OLD}", 1)[1].split("<h2", 1)[0]
            for param in gone:
                assert f"<code>{param}</code>" in removed, (name, param)
        else:
            assert f"Removed since {OLD}" not in html.split('id="shortcuts"', 1)[0], name
    assert checked > 50
    for name in sorted(set(new) - set(old)):
        html = page(repo, f"{NEW}/components/{name.lower()}/index.html")
        assert f"Added in {NEW}" in html.split('class="dg-usage"', 1)[0], name
