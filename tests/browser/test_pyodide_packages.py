"""A library that needs a compiled package only the Pyodide distribution has: the build downloads it.

A server on 127.0.0.1 plays the distribution: a pyodide-lock.json (in `pyodide_dir`, beside npm's Pyodide
core, with no package file) whose entries are pydantic-core's real pyemscripten wheel and typing-extensions
from PyPI, and a pure wheel of our own, with their real hashes. PyPI is unreachable during the builds (a dead
proxy), so nothing but the distribution can provide them. Then: the wheels are vendored, checked and cached;
the demo runs the compiled code in Chromium with the server stopped; a second build works from the cache;
an empty cache with the server stopped fails with the message naming the packages and the ways out.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from docsgen.bundle.index import PYODIDE_PLATFORM, PyPI
from docsgen.bundle.wheels import pack_directory
from tests.browser.conftest import build_log, served_context, watched_page
from tests.browser.test_live_demos import demo, run, stage_json
from tests.conftest import run_mkdocs
from tests.distribution_server import Distribution, lock_entry, serving
from tests.live_support import cache_dir

LIBRARY = '''"""nativedemo: a component whose code runs on pydantic-core, a compiled package."""

import pydantic_core
from pydantic_core import core_schema

import dgdist_helper

__version__ = "0.1.0"
__all__ = ["Component", "Validated"]


class Component:
    """The base of nativedemo's components."""

    EVENTS = ["change"]

    def __init__(self, value=None, *, label=None):
        """
        Parameters:
            value: the initial value.
            label: the component's name.
        """
        self.value = value
        self.label = label

    def preprocess(self, payload):
        return payload

    def postprocess(self, value):
        return value

    def example_payload(self):
        return None

    def api_info(self):
        return {}


class Validated(Component):
    """A number validated by pydantic-core's compiled validator, which says where it runs."""

    def preprocess(self, payload):
        """
        Parameters:
            payload: a number as text.
        Returns:
            Passes the {int} pydantic-core validated.
        """
        return pydantic_core.SchemaValidator(core_schema.int_schema()).validate_python(payload)

    def postprocess(self, value):
        """
        Parameters:
            value: Expects an {int}.
        Returns:
            Twice the number, and the compiled module that validated it.
        """
        native = pydantic_core._pydantic_core.__file__.rsplit("/", 1)[-1]
        return {"twice": value * 2, "native": native, "version": pydantic_core.__version__,
                "helper": dgdist_helper.VALUE}

    def example_payload(self):
        return "21"
'''
METADATA = "Metadata-Version: 2.1\nName: nativedemo\nVersion: 0.1.0\nRequires-Dist: pydantic-core\n" \
           "Requires-Dist: dgdist-helper\n"
CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "package.json")
SHARED = ("npm", "bundles", "gzip")  # of docsgen's cache: reused, so a fresh cache does not reinstall npm


def pypi_wheel(project: str, compiled: bool) -> Path:
    """A real wheel Pyodide can install, from PyPI through docsgen's cache (usually there already)."""
    index = PyPI(cache_dir())
    wheels = [w for w in index.wheels(project) if w.compiled == compiled and not w.version.is_prerelease]
    if compiled:
        wheels = [w for w in wheels if PYODIDE_PLATFORM in w.filename]
    cached = [w for w in wheels if (cache_dir() / "wheels" / w.filename).is_file()]
    return index.fetch(max(cached or wheels, key=lambda w: w.version), cache_dir() / "wheels")


def fresh_cache(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in SHARED:
        if (cache_dir() / name).is_dir():
            (folder / name).symlink_to(cache_dir() / name, target_is_directory=True)
    return folder


class Project:
    """The library, its mkdocs.yml and the distribution, in one folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.dist = Distribution()
        self.lock: dict = {}

    def write(self, npm_pyodide: Path) -> None:
        lib = self.folder / "lib"
        (lib / "nativedemo").mkdir(parents=True)
        (lib / "nativedemo" / "__init__.py").write_text(LIBRARY)
        info = lib / "nativedemo-0.1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(METADATA)
        (info / "top_level.txt").write_text("nativedemo\n")
        helper = lib / "dgdist_helper"  # importable for the build's introspection, but not part of nativedemo
        helper.mkdir(parents=True)
        (helper / "__init__.py").write_text("VALUE = 'our own pure wheel'\n")
        own = pack_directory("dgdist-helper", "1.0", "dgdist_helper", helper, self.folder / "built").path
        native, typing = pypi_wheel("pydantic-core", compiled=True), pypi_wheel("typing-extensions", compiled=False)
        packages = {}
        for path, depends in ((native, ["typing-extensions"]), (typing, []), (own, [])):
            entry = lock_entry(self.dist.add(path), path.read_bytes(), depends)
            packages[entry["name"]] = entry
        self.lock = packages
        core = self.folder / "pyodide"  # Pyodide's core and a lockfile, without any package file
        core.mkdir()
        for name in CORE:
            shutil.copyfile(npm_pyodide / name, core / name)
        info_of_npm = json.loads((npm_pyodide / "pyodide-lock.json").read_text())["info"]
        (core / "pyodide-lock.json").write_text(json.dumps({"info": info_of_npm, "packages": packages}))
        (self.folder / "docs").mkdir()
        (self.folder / "docs" / "index.md").write_text("# nativedemo\n")

    def config(self, url: str) -> Path:
        config = self.folder / "mkdocs.yml"
        config.write_text(
            "site_name: nativedemo\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\nplugins:\n"
            "  - search\n  - docsgen:\n      library: nativedemo\n      base_class: nativedemo.Component\n"
            f"      live_demos: true\n      pyodide_dir: {self.folder / 'pyodide'}\n"
            f"      pyodide_packages_url: {url}\n"
        )
        return config

    def build(self, url: str, site: str, cache: Path):
        # PyPI behind a proxy that is not there: only the distribution can give the packages.
        offline = {"DOCSGEN_CACHE_DIR": str(cache), "https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY":
                   "http://127.0.0.1:9", "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"}
        result = run_mkdocs(self.config(url), self.folder / site, "--strict", "-v", extra_path=self.folder / "lib",
                            env=offline)
        return self.folder / site, result


def npm_pyodide() -> Path:
    found = sorted(cache_dir().glob("npm/*/node_modules/pyodide/pyodide.asm.wasm"))
    if not found:
        pytest.skip("npm's Pyodide is not in docsgen's cache yet (any live-demo build puts it there)")
    return found[-1].parent


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("nativedemo"))
    project.write(npm_pyodide())
    return project


@pytest.fixture(scope="module")
def built(project: Project) -> tuple[Path, str, Path]:
    """The site, built while the distribution is served: (site, the URL that served, the cache)."""
    cache = fresh_cache(project.folder / "cache")
    with serving(project.dist) as url:
        site, result = project.build(url, "site", cache)
    assert result.returncode == 0, result.stderr[-4000:]
    build_log(site).write_text(result.stderr)
    assert sorted(project.dist.requests) == sorted(project.dist.files)  # each file asked for once
    return site, url, cache


def wheels_of(site: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (site / "_docsgen" / "wheels").glob("*.whl")}


def test_the_distributions_wheels_are_vendored_checked_and_cached(project: Project, built):
    site, _url, cache = built
    vendored = wheels_of(site)
    for entry in project.lock.values():
        assert vendored[entry["file_name"]] == entry["sha256"]
        assert (cache / "pyodide-packages" / entry["sha256"] / entry["file_name"]).is_file()
    manifest = json.loads((site / "_docsgen" / "runtime" / "manifest.json").read_text())
    assert manifest["missing"] == [] and all(p["url"].startswith("../wheels/") for p in manifest["packages"])
    log = build_log(site).read_text()
    assert "3 from the Pyodide distribution" in log and "stand-in" not in log and "cannot reach PyPI" in log


def test_a_second_build_with_the_server_stopped_uses_the_cache(project: Project, built):
    site, url, cache = built
    asked = len(project.dist.requests)
    again, result = project.build(url, "site-again", cache)
    assert result.returncode == 0, result.stderr[-4000:]
    assert wheels_of(again) == wheels_of(site) and len(project.dist.requests) == asked


def test_an_empty_cache_with_the_server_stopped_fails_with_the_message(project: Project, built):
    _site, url, _cache = built
    _, result = project.build(url, "site-none", fresh_cache(project.folder / "empty-cache"))
    assert result.returncode != 0
    message = result.stderr
    assert "pydantic-core, typing-extensions, dgdist-helper" in message or all(
        name in message for name in ("pydantic-core", "typing-extensions", "dgdist-helper")), message[-3000:]
    assert url in message and "`pyodide_dir`" in message and "build once where" in message
    assert not list((project.folder / "empty-cache").glob("pyodide-packages/*/*"))


@pytest.fixture
def page(browser, built):
    with served_context(browser, built[0]) as context:  # the distribution's server is stopped by now
        for page in watched_page(context):
            page.set_default_timeout(60_000)
            yield page


def test_the_demo_runs_the_vendored_compiled_package_in_chromium(page, project: Project):
    section = demo(page, "Validated")
    run(page, section)
    after = stage_json(section, "Payload after postprocess")
    version = project.lock["pydantic-core"]["version"]
    assert after == {"twice": 42, "native": "_pydantic_core.cpython-314-wasm32-emscripten.so", "version": version,
                     "helper": "our own pure wheel"}
