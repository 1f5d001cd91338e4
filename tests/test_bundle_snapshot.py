"""Build-time side of fast demos: the snapshot's cache key and failure cache, precompressed files, the
loopback server's Content-Encoding. (Restoring a real snapshot is tested in tests/browser/test_snapshot.py.)"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from docsgen.bundle.compress import precompress
from docsgen.bundle.npm import playground_dir
from docsgen.bundle.serve import serving
from docsgen.bundle.snapshot import _pieces, build_snapshot, snapshot_key


def fake_core(tmp_path: Path) -> Path:
    core = tmp_path / "core"
    core.mkdir()
    for name in ("pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip"):
        (core / name).write_bytes(name.encode())
    (core / "pyodide.mjs").write_text("this is not JavaScript (\n")
    return core


def test_key_follows_the_wheels_and_the_imports(tmp_path: Path):
    core = fake_core(tmp_path)
    wheel = tmp_path / "lib-1.0-py3-none-any.whl"
    wheel.write_bytes(b"one")
    key = snapshot_key(core, [wheel], ["lib"], [])
    assert snapshot_key(core, [wheel], ["lib"], []) == key
    assert snapshot_key(core, [wheel], ["lib", "lib.extra"], []) != key
    wheel.write_bytes(b"two")  # the library changed: a new snapshot
    assert snapshot_key(core, [wheel], ["lib"], []) != key


PAGE = 4096
# In Node: which pages of a hand-made snapshot are stored, and a stand-in for Pyodide's module (its memory as
# a new instance has it, its own restore) restored from just those by the module the build and worker share.
LAYOUT_CHECK = """
import { changedSegments, concatenated, restoreOnlyStored } from "MODULE";
const PAGE = 4096, start = 128;
const fresh = new Uint8Array(3 * PAGE).fill(7);  // a new instance: data segments in its first 3 pages
fresh.fill(0, PAGE, 2 * PAGE);  // with a zero page among them
const snapshot = new Uint8Array(start + 8 * PAGE);  // Pyodide's header, then memory
snapshot[0] = 1;  // the header
snapshot.set(fresh, start);  // the data segments, as instantiated
snapshot[start + 2 * PAGE + 5] = 9;  // a changed byte in them
snapshot[start + 6 * PAGE] = 3;  // the heap
const segments = changedSegments(snapshot, start, fresh.subarray(0, 3 * PAGE));
// What the worker downloads: the stored pages only, in two pieces, one after the other in each.
const pages = (runs) => concatenated(runs.map(([at, size]) => snapshot.subarray(at, at + size)));
const pieces = [segments.slice(0, 1), segments.slice(1)].map((runs) => [runs, pages(runs)]);
const heap = new Int8Array(8 * PAGE);
new Uint8Array(heap.buffer).set(fresh);
const given = [];
const module = { HEAP8: heap, API: { restoreSnapshot: (bytes) => { given.push(bytes.length); return "state"; } } };
restoreOnlyStored(module, { fresh: [start, start + fresh.length] }, null, { pages: pieces });
const state = module.API.restoreSnapshot(new Uint8Array(snapshot.length));  // Pyodide's stand-in
const memory = new Uint8Array(heap.buffer);
console.log(JSON.stringify({ segments, given, state, same: memory.every((byte, i) => byte === snapshot[start + i]) }));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_only_pages_a_new_instance_lacks_are_stored_and_written_back():
    module = (playground_dir() / "src" / "stored-memory.js").as_uri()
    done = subprocess.run(["node", "--input-type=module", "-e", LAYOUT_CHECK.replace("MODULE", module)],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    # Page 0 (header + start of the data), page 2 (its changed byte at 128 + 2 * 4096 + 5), page 6 (heap).
    assert result["segments"] == [[0, PAGE], [2 * PAGE, PAGE], [6 * PAGE, PAGE]]
    assert result["given"] == [128]  # Pyodide's own restore saw the header only: it copied no memory
    assert result["state"] == "state"
    assert result["same"] is True


@pytest.mark.parametrize("segments, files", [
    ([[0, 10 * PAGE]], 0),  # one long run of pages: cut in the middle, at a page
    ([[0, PAGE], [5 * PAGE, 20 * PAGE], [40 * PAGE, 3 * PAGE]], 6 * PAGE),
    ([[0, PAGE]], 100 * PAGE),  # the files alone are more than half
    ([], 5),
])
def test_the_stored_pages_are_cut_into_pieces_of_about_the_same_size(segments, files):
    pieces = _pieces([list(s) for s in segments], files)
    assert len(pieces) == 2
    pages = lambda runs: {at + i for at, size in runs for i in range(0, size, PAGE)}  # noqa: E731
    assert pages([s for piece in pieces for s in piece]) == pages(segments)  # every page once, nothing more
    assert all(at % PAGE == 0 and size % PAGE == 0 for piece in pieces for at, size in piece)
    sizes = [files + sum(size for _, size in pieces[0]), sum(size for _, size in pieces[1])]
    if 2 * files >= sum(sizes):
        assert sizes[0] == files  # every page in the second piece
    else:
        assert abs(sizes[0] - sizes[1]) <= PAGE


def test_without_node_there_is_no_snapshot_and_nothing_is_cached(tmp_path: Path):
    core = fake_core(tmp_path)
    result = build_snapshot(core, [], ["lib"], [], tmp_path / "cache", tmp_path / "out", node="no-such-node")
    assert result.entry is None and "no-such-node" in result.note
    assert not (tmp_path / "cache" / "snapshots").exists()


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_a_failed_snapshot_is_remembered(tmp_path: Path):
    core = fake_core(tmp_path)
    first = build_snapshot(core, [], ["lib"], [], tmp_path / "cache", tmp_path / "out")
    assert first.entry is None and first.note.startswith("no snapshot:")
    again = build_snapshot(core, [], ["lib"], [], tmp_path / "cache", tmp_path / "out")
    assert again.entry is None and "cached failure" in again.note
    assert not list((tmp_path / "out").glob("snapshot-*"))


def test_precompress_writes_gzip_copies_and_drops_stale_ones(tmp_path: Path):
    root = tmp_path / "_docsgen"
    (root / "pyodide").mkdir(parents=True)
    big = root / "pyodide" / "pyodide.asm.wasm"
    big.write_bytes(bytes(range(256)) * 2000)
    (root / "runtime").mkdir()
    (root / "runtime" / "tiny.js").write_text("x")
    (root / "runtime" / "gone.js.gz").write_bytes(gzip.compress(b"old"))
    (root / "runtime" / "snapshot-abc.bin.gz").write_bytes(gzip.compress(b"snapshot"))
    written = precompress(root, tmp_path / "cache")
    assert written == [big.with_name("pyodide.asm.wasm.gz")]
    assert gzip.decompress(written[0].read_bytes()) == big.read_bytes()
    assert not (root / "runtime" / "tiny.js.gz").exists()  # too small to gain anything
    assert not (root / "runtime" / "gone.js.gz").exists()
    assert (root / "runtime" / "snapshot-abc.bin.gz").exists()  # not a copy: the snapshot itself
    assert precompress(root, tmp_path / "cache") == []  # up to date


def fetch(url: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:
        return dict(response.headers), response.read()


def test_server_sends_precompressed_files_to_browsers_that_accept_gzip(tmp_path: Path):
    wasm = bytes(range(256)) * 100
    (tmp_path / "a.wasm").write_bytes(wasm)
    (tmp_path / "a.wasm.gz").write_bytes(gzip.compress(wasm))
    (tmp_path / "page.html").write_text("<p>hello</p>" * 50)
    with serving(tmp_path) as url:
        headers, body = fetch(url + "a.wasm", "gzip, deflate")
        assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"] == "application/wasm"
        assert gzip.decompress(body) == wasm
        headers, body = fetch(url + "a.wasm", None)
        assert "Content-Encoding" not in headers and body == wasm
        headers, body = fetch(url + "page.html", "gzip")  # small text: compressed on the fly
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == b"<p>hello</p>" * 50


# In Node (which has no Worker: inflate.js inflates in the same thread there): a gzipped file filled into
# buffers of the sizes a manifest gives, each handed over as soon as it is full; a file that does not match
# the sizes fails with its name.
INFLATE_CHECK = """
import { inflated } from "MODULE";
const url = process.argv[1];
const order = [];
const [first, empty, rest] = inflated(url + "data.bin.gz", [3, 0, 5]);
first.then(() => order.push("first"));
const bytes = await Promise.all([first, empty, rest]);
const results = { order, bytes: bytes.map((b) => Array.from(b)) };
for (const sizes of [[3, 4], [3, 6]]) {
  try { await Promise.all(inflated(url + "data.bin.gz", sizes)); results[sizes.join()] = "ok"; }
  catch (err) { results[sizes.join()] = String(err.message); }
}
console.log(JSON.stringify(results));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_a_gzipped_file_is_inflated_into_buffers_of_the_manifests_sizes(tmp_path: Path):
    (tmp_path / "data.bin.gz").write_bytes(gzip.compress(bytes(range(1, 9))))
    module = (playground_dir() / "src" / "inflate.js").as_uri()
    with serving(tmp_path) as url:
        done = subprocess.run(["node", "--input-type=module", "-e", INFLATE_CHECK.replace("MODULE", module), url],
                              capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["bytes"] == [[1, 2, 3], [], [4, 5, 6, 7, 8]]
    assert result["order"] == ["first"]
    assert result["3,4"] == "/data.bin.gz is bigger than the manifest says"
    assert result["3,6"] == "/data.bin.gz is shorter than the manifest says"
