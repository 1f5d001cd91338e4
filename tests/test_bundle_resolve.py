"""The dependency resolver: which source each package of a library's closure comes from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docsgen.bundle.index import LocalWheels, PyodideLock, wheel_for_pyodide
from docsgen.bundle.resolve import MISSING, REMOTE, VENDORED, Resolver, root_requirements
from docsgen.bundle.wheels import write_wheel

EMSCRIPTEN = "cp314-cp314-pyemscripten_2026_0_wasm32"


def make_wheel(folder: Path, name: str, version: str, requires: list[str] = (), tag: str = "py3-none-any") -> Path:
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires
    )
    path = write_wheel(folder, name, version, [(f"{name.replace('-', '_')}/__init__.py", b"")], metadata)
    if tag != "py3-none-any":
        path = path.rename(path.with_name(path.name.replace("py3-none-any", tag)))
    return path


def lock(**packages: tuple[str, list[str]]) -> PyodideLock:
    """A lockfile in Pyodide's format: name -> (version, depends)."""
    return PyodideLock({
        "info": {"abi_version": "2026_0", "python": "3.14.2"},
        "packages": {
            name: {
                "name": name, "version": version, "depends": depends, "package_type": "package",
                "file_name": f"{name.replace('-', '_')}-{version}-{EMSCRIPTEN}.whl",
            }
            for name, (version, depends) in packages.items()
        },
    })


@pytest.fixture
def wheels(tmp_path: Path) -> Path:
    folder = tmp_path / "wheels"
    make_wheel(folder, "purelib", "1.0", ["helper>=2", "winonly; sys_platform == 'win32'"])
    make_wheel(folder, "purelib", "2.0")
    make_wheel(folder, "helper", "2.1", ["numpy", "newpy; python_version >= '3.13'", "extra-dep; extra == 'fast'"])
    make_wheel(folder, "newpy", "1.0")
    make_wheel(folder, "extra-dep", "1.0")
    make_wheel(folder, "native", "1.0", tag="cp311-cp311-manylinux_2_17_x86_64")  # not for Pyodide
    make_wheel(folder, "emlib", "3.0", tag=EMSCRIPTEN)
    return folder


def by_name(resolved):
    return {r.name: r for r in resolved}


def test_sources_and_status(wheels: Path, tmp_path: Path):
    dist = tmp_path / "pyodide"
    dist.mkdir()
    the_lock = lock(numpy=("2.4.6", []), pandas=("2.3.0", ["numpy"]), orjson=("3.11.0", []))
    (dist / the_lock.get("numpy").file_name).write_bytes(b"wheel")
    resolver = Resolver(indexes=[LocalWheels(wheels)], lock=the_lock, pyodide_dir=dist, installed=lambda n: None)
    result = by_name(resolver.resolve(["purelib<2", "pandas", "orjson", "native", "emlib", "nowhere"], "mylib"))

    assert (result["purelib"].source, result["purelib"].status, result["purelib"].version) == ("local", VENDORED, "1.0")
    assert (result["helper"].source, result["helper"].status) == ("local", VENDORED)
    assert (result["numpy"].source, result["numpy"].status) == ("pyodide-dist", VENDORED)
    assert result["numpy"].file == dist / the_lock.get("numpy").file_name
    assert (result["pandas"].source, result["pandas"].status) == ("pyodide-dist", MISSING)
    assert result["pandas"].note == "only the Pyodide distribution has it"  # the fix is in the build log: build.py
    assert (result["emlib"].source, result["emlib"].status) == ("local", VENDORED)
    assert (result["native"].source, result["native"].status) == ("none", MISSING)
    assert (result["nowhere"].source, result["nowhere"].status) == ("none", MISSING)
    assert "newpy" in result  # python_version >= 3.13 holds in Pyodide
    assert "winonly" not in result  # sys_platform is emscripten
    assert "extra-dep" not in result  # extra not requested


def test_base_url_makes_lockfile_packages_remote(wheels: Path):
    resolver = Resolver(
        indexes=[LocalWheels(wheels)], lock=lock(numpy=("2.4.6", [])), base_url="https://cdn.example/pyodide/v314/",
        installed=lambda n: None,
    )
    numpy = by_name(resolver.resolve(["numpy"], "mylib"))["numpy"]
    assert (numpy.status, numpy.source) == (REMOTE, "pyodide-dist")
    assert numpy.url == f"https://cdn.example/pyodide/v314/numpy-2.4.6-{EMSCRIPTEN}.whl"


def test_prefers_installed_version_then_newest(wheels: Path):
    newest = Resolver(indexes=[LocalWheels(wheels)], installed=lambda n: None)
    assert by_name(newest.resolve(["purelib"], "x"))["purelib"].version == "2.0"
    pinned = Resolver(indexes=[LocalWheels(wheels)], installed=lambda n: "1.0" if n == "purelib" else None)
    assert by_name(pinned.resolve(["purelib"], "x"))["purelib"].version == "1.0"


def test_extras_and_dependency_order(wheels: Path):
    resolver = Resolver(indexes=[LocalWheels(wheels)], lock=lock(numpy=("2.4.6", [])), installed=lambda n: None)
    order = [r.name for r in resolver.resolve(["purelib<2", "helper[fast]"], "x")]
    assert "extra-dep" in order
    assert order.index("helper") < order.index("purelib")  # dependencies first


def test_skip_and_lock_depends(wheels: Path):
    resolver = Resolver(
        indexes=[], lock=lock(pandas=("2.3.0", ["numpy", "pytz"]), numpy=("2.4.6", []), pytz=("2025.1", [])),
        base_url="https://x.example/", installed=lambda n: None,
    )
    names = {r.name for r in resolver.resolve(["pandas", "mylib"], "mylib", skip=["mylib"])}
    assert names == {"pandas", "numpy", "pytz"}


def test_root_requirements_drop_markers_that_do_not_hold():
    lines = ["a>=1", "b; python_version < '3.10'", "c; sys_platform == 'emscripten'", "d; extra == 'x'"]
    assert root_requirements(lines) == ["a>=1", "c"]


@pytest.mark.parametrize(
    ("filename", "ok"),
    [
        ("pkg-1.0-py3-none-any.whl", True),
        ("pkg-1.0-py2.py3-none-any.whl", True),
        (f"pkg-1.0-{EMSCRIPTEN}.whl", True),
        ("pkg-1.0-cp312-abi3-pyemscripten_2026_0_wasm32.whl", True),
        ("pkg-1.0-cp313-cp313-pyodide_2025_0_wasm32.whl", False),  # previous Pyodide ABI
        ("pkg-1.0-cp314-cp314-manylinux_2_17_x86_64.whl", False),
        ("pkg-1.0.tar.gz", False),
    ],
)
def test_wheel_tags_pyodide_can_install(filename: str, ok: bool):
    assert (wheel_for_pyodide(filename, filename) is not None) is ok


def test_requires_python_is_checked_against_pyodide():
    assert wheel_for_pyodide("pkg-1.0-py3-none-any.whl", "u", requires_python="<3.14") is None
    assert wheel_for_pyodide("pkg-1.0-py3-none-any.whl", "u", requires_python=">=3.9") is not None


@pytest.mark.slow
def test_pypi_serves_pydantic_core_for_pyodide(tmp_path: Path):
    """Real PyPI: pydantic-core (a gradio dependency) publishes pyemscripten wheels; numpy does not."""
    from docsgen.bundle.index import IndexUnavailable, PyPI

    pypi = PyPI(tmp_path)
    try:
        pydantic_core = pypi.wheels("pydantic-core")
        numpy = pypi.wheels("numpy")
    except IndexUnavailable as exc:
        pytest.skip(f"PyPI unreachable: {exc}")
    assert any(w.compiled and "pyemscripten_2026_0_wasm32" in w.filename for w in pydantic_core)
    assert numpy == []


def test_pypi_file_urls_relative_to_the_json_are_resolved(tmp_path: Path):
    """Mirrors of PyPI answer with relative file URLs; a cached answer is used without the network."""
    from docsgen.bundle.index import PyPI

    answer = {"releases": {"1.0": [
        {"filename": "demo-1.0-py3-none-any.whl", "url": "../../packages/ab/demo-1.0-py3-none-any.whl",
         "packagetype": "bdist_wheel", "requires_python": ">=3.9", "yanked": False},
        {"filename": "demo-1.0.tar.gz", "url": "../../packages/ab/demo-1.0.tar.gz", "packagetype": "sdist"},
    ]}}
    (tmp_path / "pypi").mkdir()
    (tmp_path / "pypi" / "demo.json").write_text(json.dumps(answer))
    wheels = PyPI(tmp_path, base_url="https://mirror.example/root").wheels("Demo")
    assert [w.url for w in wheels] == ["https://mirror.example/root/packages/ab/demo-1.0-py3-none-any.whl"]
