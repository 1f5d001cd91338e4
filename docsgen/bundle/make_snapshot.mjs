// Build-time only (run by docsgen/bundle/snapshot.py with Node): make a Pyodide memory snapshot with the
// library's wheels installed and imported, then restore it once in the same process and run a tiny call.
//
//   node make_snapshot.mjs JOB.json
//   JOB = {pyodide: core dir, wheels: [paths], shims: [names], imports: [modules], key, out: file, later: file,
//          meta: file, memory_module: playground/src/stored-memory.js}
//
// Writes `out`: the Pyodide snapshot followed by the site-packages files (the file system is JavaScript
// state, not part of Wasm memory, so the worker writes these back before Python resumes), `later`: the
// sources of the modules the import did not run, which the worker writes after the first output
// (docsgen_runtime/later.py), and `meta`:
// {memory: bytes of the snapshot, segments: [[offset, length], ...] of it to store, fresh: [start, end],
//  files: [[path, size], ...], later: [[path, size], ...], libraries: [...], table: {...} (where shared
//  libraries were loaded: see stored-memory.js), zeroed: bytes of free heap zeroed, seconds: {...}}.
// Only the pages that differ from Wasm memory as instantiation leaves it are stored (stored-memory.js);
// the restore check below writes just those the way the worker does, and checks the memory is then exactly
// the snapshot's.
// `_makeSnapshot`/`_loadSnapshot` are private Pyodide APIs: docsgen pins the Pyodide version.

import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { loadPyodide } = await import(pathToFileURL(join(job.pyodide, "pyodide.mjs")).href);
const { default: createPyodideModule } = await import(pathToFileURL(join(job.pyodide, "pyodide.asm.mjs")).href);
const { changedSegments, compileLibraries, concatenated, libraryPlacer, recordLibraries, restoreOnlyStored, writeFiles } = await import(pathToFileURL(job.memory_module).href);
const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };
const seconds = {};

async function timed(name, fn) {
  const start = performance.now();
  const result = await fn();
  seconds[name] = +((performance.now() - start) / 1000).toFixed(3);
  return result;
}

/** Python source that installs the wheels (unpacked by zipfile, no micropip) and imports everything. */
function setupSource() {
  return `
import gc, importlib, os, shutil, sys, sysconfig, zipfile
_site = sysconfig.get_path("purelib")
for _wheel in sorted(os.listdir("/tmp/docsgen-wheels")):
    with zipfile.ZipFile("/tmp/docsgen-wheels/" + _wheel) as _zip:
        _zip.extractall(_site)
shutil.rmtree("/tmp/docsgen-wheels")
from docsgen_runtime.shims import install as _dg_install
for _name in ${JSON.stringify(job.shims)}:
    _dg_install(_name)
for _name in ${JSON.stringify(job.imports)}:
    importlib.import_module(_name)
import docsgen_runtime.bridge
sys._docsgen_snapshot = ${JSON.stringify(job.key)}
# The worker writes site-packages back from the snapshot file before Python resumes: leave out what a resumed
# Python never reads. The sources of modules already imported (their code is in memory; a traceback through
# them shows file and line without the line's text), type stubs and wheels' RECORDs. docsgen's bridge keeps its
# sources: its check below reads one back.
_site = "/" + _site.lstrip("/")  # sysconfig says //lib/...; module origins say /lib/...
for _module in list(sys.modules.values()):
    _origin = getattr(getattr(_module, "__spec__", None), "origin", None) or ""
    if _origin.startswith(_site + "/") and _origin.endswith(".py") and "/docsgen_runtime/" not in _origin:
        os.remove(_origin)
for _root, _dirs, _files in os.walk(_site):
    for _file in _files:
        if _file.endswith(".pyi") or (_file == "RECORD" and _root.endswith(".dist-info")):
            os.remove(os.path.join(_root, _file))
# The sources of the modules it did not import are left for later (docsgen_runtime/later.py): the worker writes
# them after the first output, or an import of one of their packages reads them at once.
_later = sorted(os.path.relpath(os.path.join(_root, _file), _site) for _root, _dirs, _files in os.walk(_site)
                for _file in _files if _file.endswith(".py") and "/docsgen_runtime/" not in os.path.join(_root, _file))
from docsgen_runtime.later import install as _dg_later
_dg_later(sorted({_path.split("/")[0].removesuffix(".py") for _path in _later}), _site)
del _site, _wheel, _zip, _name, _dg_install, _module, _origin, _root, _dirs, _files, _file, _dg_later
# Every resumed Python lists site-packages' distributions again before it runs anything (Pyodide's
# init_loaded_packages, which reads each METADATA: 40-70 ms for gradio's 55). They are the snapshot's own
# files, so the list is made once, here, and the resumed Python only hands it to Pyodide.
import pyodide._package_loader as _loader
def _init_loaded_packages(loader=_loader, found=tuple(_loader.get_dist_source(p) for p in _loader.SITE_PACKAGES.glob("*.dist-info"))):
    for name, source in found:
        setattr(loader.loadedPackages, name, source)
_loader.init_loaded_packages = _init_loaded_packages
del _loader, _init_loaded_packages
gc.collect()
# What the import made lives as long as the page: out of the collector's sight, so that a resumed Python's
# first collections do not walk every module, class and function of the library again.
gc.freeze()
`;
}

/**
 * The file system the import leaves, which is JavaScript state, not part of the snapshot: every file under
 * site-packages (paths relative to it), and what the import made in /tmp and the home directory (absolute
 * paths; e.g. gradio makes its upload folder /tmp/gradio/tmp... as its components are created), with its
 * bytes, and those directories, empty ones too. The shared libraries' files come first, so that the worker can
 * compile them while the rest of the snapshot streams in; each library's `file` says which one is its own.
 * `later` (paths) are returned apart: the sources the worker writes after the first output.
 */
function importedFiles(py, libraries, later) {
  const root = py._api.sitePackages;
  const files = [];
  const directories = [];
  const walk = (dir, relative) => {
    for (const name of py.FS.readdir(dir)) {
      if (name === "." || name === "..") continue;
      const path = `${dir}/${name}`;
      const shown = relative ? path.slice(root.length + 1) : path;
      if (py.FS.isDir(py.FS.stat(path).mode)) {
        if (!relative) directories.push(shown);
        walk(path, relative);
      } else if (py.FS.isFile(py.FS.stat(path).mode)) files.push([shown, py.FS.readFile(path)]);
    }
  };
  walk(root, true);
  for (const dir of ["/tmp", py.runPython("import os; os.path.expanduser('~')")]) {
    if (py.FS.analyzePath(dir).exists) walk(dir, false);
  }
  const left = new Set(later);
  const kept = files.filter(([path]) => !left.has(path));
  const shown = (path) => (path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path);
  const first = kept.filter(([path]) => libraries.some((lib) => shown(lib.path) === path));
  kept.splice(0, Infinity, ...first, ...kept.filter((file) => !first.includes(file)));
  for (const lib of libraries) {
    lib.file = kept.findIndex(([path]) => path === shown(lib.path));
    if (lib.file < 0) throw new Error(`${lib.path} is loaded but not among the files`);
  }
  return { files: kept, later: files.filter(([path]) => left.has(path)), directories };
}

/**
 * Zero the heap's free memory. Freed blocks keep their old bytes (wheels unzipped, modules compiled), and
 * about a sixth of the snapshot's compressed size was such garbage: allocate every free chunk zeroed
 * (calloc), biggest first, until the heap has to grow, then free them all. Only the allocator's own
 * headers are left in them, and the heap is as it was. Pyodide's Python allocates from this heap directly.
 */
function scrubFreeMemory(module) {
  if (![module._calloc, module._free, module._emscripten_get_sbrk_ptr].every((f) => typeof f === "function")) {
    console.error("snapshot: this Pyodide does not export calloc/free/sbrk; its free heap is left as it is");
    return 0;
  }
  const top = () => module.HEAPU32[module._emscripten_get_sbrk_ptr() >> 2];
  const held = [];
  let zeroed = 0;
  for (let size = 1 << 20; size >= 16; size >>= 2) {
    for (;;) {
      const before = top();
      const pointer = module._calloc(1, size);
      if (!pointer) break;
      if (top() !== before) {
        module._free(pointer); // new memory at the top of the heap: no free chunk this big is left
        break;
      }
      held.push(pointer);
      zeroed += size;
    }
  }
  for (const pointer of held) module._free(pointer);
  return zeroed;
}

/** loadPyodide() options that call `seen(memory)` with Wasm memory (a view) as instantiation left it. */
function onFreshMemory(seen) {
  return {
    createPyodideModule(settings) {
      const instantiate = settings.instantiateWasm;
      settings.instantiateWasm = (imports, done) => instantiate(imports, (instance, module) => {
        seen(new Uint8Array((imports.env.memory || instance.exports.memory).buffer));
        return done(instance, module);
      });
      return createPyodideModule(settings);
    },
  };
}

/** A copy of `memory` up to its last non-zero byte. */
function trimmed(memory) {
  let end = memory.length;
  while (end > 0 && memory[end - 1] === 0) end -= 1;
  return memory.slice(0, end);
}

async function make() {
  let fresh = null;
  const keep = onFreshMemory((memory) => { fresh = trimmed(memory); });
  const py = await timed("boot", () => loadPyodide({ indexURL: job.pyodide, _makeSnapshot: true, ...keep, ...quiet }));
  const bootTable = py._module.wasmTable.length;
  py.FS.mkdirTree("/tmp/docsgen-wheels");
  for (const wheel of job.wheels) py.FS.writeFile(`/tmp/docsgen-wheels/${basename(wheel)}`, new Uint8Array(readFileSync(wheel)));
  await timed("import", () => py.runPython(setupSource()));
  const leftPaths = py.globals.get("_later").toJs();
  py.runPython("del _later");
  const { libraries, table } = recordLibraries(py._module, bootTable);
  const { files, later, directories } = importedFiles(py, libraries, leftPaths);
  const zeroed = await timed("scrub", () => scrubFreeMemory(py._module));
  const memory = await timed("snapshot", () => py.makeMemorySnapshot());
  if (!fresh) throw new Error("Pyodide did not instantiate its Wasm through instantiateWasm");
  const start = memory.length - py._module.HEAP8.length; // Pyodide's header comes first
  const segments = await timed("compare", () => changedSegments(memory, start, fresh));
  return { memory, files, later, directories, zeroed, segments, fresh: [start, start + fresh.length], libraries, table };
}

/** The check the worker does, plus one real call through the bridge and a file read back. */
const CHECK = `
import sys, linecache
import docsgen_runtime
from docsgen_runtime import Bridge
assert sys._docsgen_snapshot == KEY, "snapshot key mismatch"
_bridge = Bridge()
_program = """
class Echo:
    def preprocess(self, payload):
        return payload
    def postprocess(self, value):
        return value
inputs = outputs = Echo()
def fn(value):
    return value
"""
assert '"ok": true' in _bridge.load_json("check", _program)
assert '"payload": "ping"' in _bridge.run_json("check", '["ping"]')
assert linecache.getline(docsgen_runtime.__file__, 1), "site-packages files were not restored"
import pyodide._package_loader as loader
unknown = [name for name, source in (loader.get_dist_source(p) for p in loader.SITE_PACKAGES.glob("*.dist-info"))
           if getattr(loader.loadedPackages, name, None) != source]
assert not unknown, f"Pyodide does not list {unknown} as installed"
from docsgen_runtime import later
if later.current and later.current.files:  # one of them found as an import would find it
    import importlib.util
    for path, _ in later.current.files:
        name = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        if "." not in name or name.rpartition(".")[0] in sys.modules:
            break
    assert later.current.pending(), "the sources left for later were there before any import"
    spec = importlib.util.find_spec(name)
    assert later.current.state == "read" and spec and spec.origin.endswith(path), f"{name} not found after reading"
import gc
gc.collect()  # visits every object, through the restored shared libraries' own traverse functions too
"restored"
`;

/**
 * Restore what the worker would: only the stored segments, written over a new instance's memory, and the
 * site-packages files (`files`: [[path, size], ...] of `data`). Fails if that memory then differs from the
 * snapshot anywhere (a page the layout wrongly left to the instance).
 */
async function verify(memory, files, directories, data, layout, later) {
  const { segments, fresh } = layout;
  // The pieces' bytes are the same, cut elsewhere.
  const pages = [[segments, concatenated(segments.map(([at, length]) => memory.subarray(at, at + length)))]];
  const compiled = await compileLibraries(layout.libraries, files, data); // as the worker does
  const storedOnly = {
    async createPyodideModule(settings) {
      const placer = libraryPlacer(settings);
      const module = await createPyodideModule(settings);
      restoreOnlyStored(module, layout, placer, { pages, libraries: compiled });
      const restore = module.API.restoreSnapshot;
      module.API.restoreSnapshot = (snapshot) => {
        const state = restore(snapshot);
        const wrong = differingPages(new Uint8Array(module.HEAP8.buffer), memory.subarray(fresh[0]));
        if (wrong.length) throw new Error(`${wrong.length} pages differ from the snapshot after the restore, first at ${wrong[0]}`);
        return state;
      };
      return module;
    },
  };
  const fsInit = (FS, { sitePackages }) => writeFiles(FS, sitePackages, files, data, directories);
  // Pyodide gets a stand-in of the same size, as in the worker, where the bytes are still on their way.
  const standIn = new Uint8Array(memory.length);
  const py = await timed("restore", () => loadPyodide({ indexURL: job.pyodide, _loadSnapshot: standIn, fsInit, ...storedOnly, ...quiet }));
  // The sources left for later, read as an import of one of them reads them (the worker reads the same gzip file).
  py.pyimport("docsgen_runtime.later").current?.connect(() => new Uint8Array(gzipSync(later.data)), JSON.stringify(later.sizes));
  const answer = await timed("check", () => py.runPython(CHECK.replace("KEY", JSON.stringify(job.key))));
  if (answer !== "restored") throw new Error(`restored snapshot answered ${answer}`);
}

/** Offsets of the 4 kB pages where `a` and `b` (of the same length) differ. */
function differingPages(a, b) {
  if (a.length !== b.length) throw new Error(`memory is ${a.length} bytes after the restore, the snapshot's ${b.length}`);
  const [left, right] = [a, b].map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  const pages = [];
  for (let at = 0; at < a.length; at += 4096) {
    const end = Math.min(at + 4096, a.length);
    if (left.compare(right, at, end, at, end) !== 0) pages.push(at);
  }
  return pages;
}

/** The files' bytes one after the other, and their [[path, size], ...]. */
function joined(files) {
  return { data: concatenated(files.map(([, bytes]) => bytes)), sizes: files.map(([path, bytes]) => [path, bytes.length]) };
}

try {
  const { memory, files, later, directories, zeroed, segments, fresh, libraries, table } = await make();
  const kept = joined(files);
  const left = joined(later);
  await verify(memory, kept.sizes, directories, kept.data, { segments, fresh, libraries, table }, left);
  writeFileSync(job.out, Buffer.concat([memory, kept.data]));
  writeFileSync(job.later, left.data);
  writeFileSync(job.meta, JSON.stringify({ memory: memory.length, segments, fresh, files: kept.sizes, later: left.sizes,
                                           directories, libraries, table, zeroed, seconds }));
} catch (err) {
  // One line for the build log: Pyodide's errors can carry the whole minified module source.
  const text = String(err?.message || err).split("\n").filter((l) => l.length < 400).slice(-6).join("\n");
  console.error(`snapshot failed: ${text}`);
  process.exit(1);
}
