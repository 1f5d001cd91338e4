"""The sources a snapshot leaves for later (docsgen/runtime/later.py), in CPython: an import of one of their
packages reads and writes them at once; once the worker wrote them, nothing is read."""

from __future__ import annotations

import gzip
import importlib
import json
import sys
from pathlib import Path

import pytest

from docsgen.runtime import later

FILES = {"laterpkg/__init__.py": b"", "laterpkg/deep/__init__.py": b"", "laterpkg/deep/mod.py": b"ANSWER = 42\n",
         "laterflat.py": b"FLAT = True\n"}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty site-packages on sys.path, a finder for FILES installed first on sys.meta_path."""
    monkeypatch.syspath_prepend(str(tmp_path))
    finder = later.install(["laterflat", "laterpkg"], str(tmp_path))
    yield tmp_path, finder
    if finder in sys.meta_path:
        sys.meta_path.remove(finder)
    later.current = None
    for name in [n for n in sys.modules if n.startswith(("laterpkg", "laterflat"))]:
        del sys.modules[name]


def packed(files: dict[str, bytes]) -> tuple[bytes, str]:
    return b"".join(files.values()), json.dumps([[path, len(data)] for path, data in files.items()])


def test_an_import_of_a_left_out_module_reads_them_all_first(site):
    root, finder = site
    reads = []
    data, listing = packed(FILES)
    finder.connect(lambda: reads.append(1) or gzip.compress(data), listing)
    assert finder.pending() and not (root / "laterpkg").exists()
    assert importlib.import_module("laterpkg.deep.mod").ANSWER == 42
    assert importlib.import_module("laterflat").FLAT is True
    assert reads == [1]  # once, for both
    assert finder.state == "read" and finder not in sys.meta_path
    assert (root / "laterpkg/deep/mod.py").read_bytes() == FILES["laterpkg/deep/mod.py"]


def test_other_imports_read_nothing(site):
    _, finder = site
    finder.connect(lambda: pytest.fail("read for a module that has nothing left out"), packed(FILES)[1])
    importlib.import_module("json.tool")
    assert finder.pending()


def test_files_the_worker_wrote_are_not_read_again(site):
    root, finder = site
    finder.connect(lambda: pytest.fail("read after the worker wrote them"), packed(FILES)[1])
    for path, data in FILES.items():  # as the worker writes them
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    finder.written()
    assert importlib.import_module("laterpkg.deep.mod").ANSWER == 42
    assert finder.state == "fetched"


def test_a_host_that_inflated_the_file_is_understood(site):
    _, finder = site
    data, listing = packed(FILES)
    finder.connect(lambda: data, listing)  # sent with Content-Encoding: gzip, the browser inflated it
    assert importlib.import_module("laterpkg.deep.mod").ANSWER == 42


def test_a_short_file_or_no_worker_fails_the_import_with_a_reason(site):
    _, finder = site
    with pytest.raises(ImportError, match="did not connect"):
        importlib.import_module("laterpkg")
    data, listing = packed(FILES)
    finder.connect(lambda: gzip.compress(data + b"extra"), listing)
    with pytest.raises(ImportError, match="expected"):
        importlib.import_module("laterpkg")
