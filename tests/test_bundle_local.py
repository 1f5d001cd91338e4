"""Wheels the build makes itself (bundle/local.py) and when the resolver takes them: a stand-in only when
no real build of the package is available, pure builds of packages with optional C extensions, and what
gradio's profile adds to and waives from its requirements."""

from __future__ import annotations

import importlib.metadata
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from docsgen.bundle.build import RuntimeReport
from docsgen.bundle.index import LocalWheels
from docsgen.bundle.local import LocalPacker
from docsgen.bundle.resolve import REMOTE, STANDIN, VENDORED, Resolver
from docsgen.standins import STANDINS
from tests.test_bundle_resolve import by_name, lock, make_wheel


def resolver(tmp_path: Path, **options) -> Resolver:
    options.setdefault("indexes", [])
    options.setdefault("installed", lambda name: None)
    packer = LocalPacker(tmp_path / "packed", installed=options["installed"])
    return Resolver(packer=packer, download_dir=tmp_path / "downloads", **options)


def test_a_stand_in_only_when_no_real_numpy_is_available(tmp_path: Path):
    the_lock = lock(numpy=("2.4.6", []))
    alone = by_name(resolver(tmp_path, lock=the_lock).resolve(["numpy"], "mylib"))["numpy"]
    assert (alone.status, alone.source, alone.version) == (STANDIN, "docsgen", STANDINS["numpy"].version)
    assert alone.file.name == f"numpy-{STANDINS['numpy'].version}-py3-none-any.whl"

    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / the_lock.get("numpy").file_name).write_bytes(b"a wheel")
    local = by_name(resolver(tmp_path, lock=the_lock, pyodide_dir=dist).resolve(["numpy"], "mylib"))["numpy"]
    assert (local.status, local.source, local.version) == (VENDORED, "pyodide-dist", "2.4.6")

    remote = by_name(resolver(tmp_path, lock=the_lock, base_url="https://cdn.example/").resolve(["numpy"], "m"))
    assert (remote["numpy"].status, remote["numpy"].url) == (REMOTE, "https://cdn.example/" + the_lock.get(
        "numpy").file_name)

    wheels = tmp_path / "wheels"
    make_wheel(wheels, "numpy", "2.4.6")
    indexed = by_name(resolver(tmp_path, indexes=[LocalWheels(wheels)]).resolve(["numpy"], "mylib"))["numpy"]
    assert (indexed.status, indexed.source) == (VENDORED, "local")


def test_the_report_tells_stand_ins_from_implementations(tmp_path: Path):
    packages = resolver(tmp_path).resolve(["numpy", "orjson", "audioop-lts", "pillow"], "mylib")
    report = RuntimeReport("mylib", "314.0.7", packages, "textarea")
    summary = report.summary()
    assert "stand-ins for numpy, pillow (they raise when used)" in summary
    assert "docsgen's own audioop-lts, orjson" in summary
    assert report.problems() == []  # a stand-in lets the library import: not a build problem
    rows = {line.split()[0]: line for line in report.table().splitlines()[2:]}
    assert all(" stand-in " in rows[name] for name in ("numpy", "orjson", "audioop-lts", "pillow"))


def test_a_package_nobody_provides_is_a_problem_naming_the_fix(tmp_path: Path):
    packages = resolver(tmp_path, lock=lock(scipy=("1.16.0", []))).resolve(["scipy"], "mylib")
    problems = RuntimeReport("mylib", "314.0.7", packages, "textarea").problems()
    assert len(problems) == 1
    assert problems[0].startswith("mylib cannot be imported in Pyodide: it needs scipy 1.16.0")
    assert "pyodide_dir" in problems[0] and "live_demos: false" in problems[0]


def test_markupsafe_is_packed_without_its_extension(tmp_path: Path):
    try:
        version = importlib.metadata.version("markupsafe")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("markupsafe is not installed")
    installed = importlib.metadata.distribution("markupsafe")
    assert any(str(f).endswith(".so") for f in installed.files or [])  # the host's build has the extension
    made = LocalPacker(tmp_path).fallback(Requirement("markupsafe"))
    assert (made.status, made.version) == (VENDORED, version)
    names = zipfile.ZipFile(made.file).namelist()
    assert "markupsafe/__init__.py" in names
    assert not [n for n in names if n.endswith((".so", ".pyd"))]


def test_gradios_profile_adds_what_pyodide_needs_and_waives_brotlis_pin(tmp_path: Path):
    wheels = tmp_path / "wheels"
    make_wheel(wheels, "gradio", "6.31.0", ["brotli>=1.2.1", "pillow>=12"])
    make_wheel(wheels, "httpcore2", "2.16.2")
    make_wheel(wheels, "truststore", "0.10.5")
    the_lock = lock(brotli=("1.2.0", []), pillow=("11.0.0", []))
    dist = tmp_path / "dist"
    dist.mkdir()
    for name in ("brotli", "pillow"):
        (dist / the_lock.get(name).file_name).write_bytes(b"a wheel")
    result = by_name(resolver(tmp_path, indexes=[LocalWheels(wheels)], lock=the_lock, pyodide_dir=dist)
                     .resolve(["gradio"], "docs"))
    assert {"httpcore2", "truststore"} <= set(result)  # hidden from Pyodide by httpx2's markers
    assert result["httpcore2"].required_by == ["gradio"]
    # brotli 1.2.0 serves (only gradio's server compresses with it); no such waiver for pillow
    assert (result["brotli"].status, result["brotli"].source) == (VENDORED, "pyodide-dist")
    assert "the distribution has 1.2.0" in result["brotli"].note
    assert (result["pillow"].status, result["pillow"].source) == (STANDIN, "docsgen")
