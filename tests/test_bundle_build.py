"""Packing installed libraries into wheels, and writing a site's runtime with build_runtime."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from docsgen.bundle import RuntimeOptions, RuntimeUnavailable, build_runtime
from docsgen.bundle.wheels import pack_installed, pack_module, wheel_requires

EXAMPLELIB_SRC = Path(__file__).resolve().parent / "examplelib" / "src"


def check_record(path: Path) -> list[str]:
    """Every file of the wheel is in RECORD with its real hash and size."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        record = zf.read(next(n for n in names if n.endswith("/RECORD"))).decode()
        for line in record.splitlines():
            name, digest, size = line.rsplit(",", 2)
            if not digest:
                continue
            data = zf.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={expected}" and int(size) == len(data), name
    return names


def test_pack_installed_distribution(tmp_path: Path):
    wheel = pack_installed("packaging", tmp_path)
    names = check_record(wheel.path)
    assert wheel.path.name == f"packaging-{wheel.version}-py3-none-any.whl"
    assert "packaging/version.py" in names
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


def test_pack_module_from_a_source_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(EXAMPLELIB_SRC))
    wheel = pack_module("examplelib", tmp_path)
    names = check_record(wheel.path)
    assert "examplelib/simple.py" in names and "examplelib/__init__.py" in names
    assert wheel_requires(wheel.path) == []


@pytest.mark.slow
def test_gradio_wheel_is_slim(tmp_path: Path):
    pytest.importorskip("gradio")
    from docsgen.bundle.profiles import profile_for

    wheel = pack_installed("gradio", tmp_path, exclude=profile_for("gradio").exclude)
    names = check_record(wheel.path)
    assert "gradio/components/textbox.py" in names
    assert not any(n.startswith(("gradio/templates/", "gradio/media_assets/")) for n in names)
    assert wheel.path.stat().st_size < 5_000_000
    assert any(r.startswith("numpy") for r in wheel_requires(wheel.path))


def test_no_pyodide_gives_a_clear_message(tmp_path: Path):
    options = RuntimeOptions(cache_dir=tmp_path / "cache", npm="no-such-npm-here", pyodide_dir=tmp_path / "empty")
    (tmp_path / "empty").mkdir()
    with pytest.raises(RuntimeUnavailable) as info:
        build_runtime("examplelib", tmp_path / "site", options)
    message = str(info.value)
    assert "pyodide_dir" in message and "npm" in message and "pyodide.asm.wasm" in message


@pytest.mark.slow
def test_build_runtime_for_examplelib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, npm_cache: Path):
    """Offline-capable library: everything vendored, nothing missing, the table says so."""
    monkeypatch.syspath_prepend(str(EXAMPLELIB_SRC))
    report = build_runtime("examplelib", tmp_path, RuntimeOptions(cache_dir=npm_cache, use_pypi=False))
    out = tmp_path / "_docsgen"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert (out / "pyodide" / name).is_file()
    manifest = json.loads((out / "runtime" / "manifest.json").read_text())
    assert [p["name"] for p in manifest["packages"]] == ["docsgen-runtime", "examplelib"]
    assert all((out / "runtime" / p["url"]).resolve().is_file() for p in manifest["packages"])
    assert manifest["missing"] == []
    assert (out / "runtime" / "demos.js").is_file() and (out / "runtime" / "editor.js").is_file()
    assert report.editor == "codemirror" and not report.missing
    table = report.table()
    assert "examplelib" in table and "vendored" in table and "missing" not in report.summary()
    assert report.problems() == []
    # A verified memory snapshot (made with Node, cached by the wheels' contents) and gzip copies.
    snapshot = manifest["snapshot"]
    assert snapshot and snapshot["pyodide"] == manifest["pyodide"]["version"], report.snapshot
    assert all((out / "runtime" / piece["url"]).is_file() for piece in snapshot["pieces"])
    assert (out / "runtime" / snapshot["later"]["url"]).is_file() and snapshot["key"] in report.snapshot
    assert (out / "pyodide" / "pyodide.asm.wasm.gz").is_file()


@pytest.fixture(scope="module")
def npm_cache() -> Path:
    from tests.live_support import cache_dir

    return cache_dir()
