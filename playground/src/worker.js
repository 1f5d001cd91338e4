// The module Web Worker that owns Python. One per page, started by runtime.js.
// Messages in:  {id, type: "load", key, source, setup, filename} | {id, type: "run", key, payloads}
// Messages out: {type: "progress", step, fraction} | {type: "manifest", manifest} | {type: "started", id} |
//               {type: "stream", stream, text} | {id, ok, result} | {id, ok: false, error, fatal}

const manifestURL = new URL("./manifest.json", import.meta.url);
let bridge = null;
let pyodide = null;

function progress(step, fraction) {
  postMessage({ type: "progress", step, fraction });
}

async function boot() {
  progress("Reading the runtime manifest", 0.02);
  // The build puts Pyodide in ../pyodide/: load its module while the manifest is on its way.
  const usualIndex = new URL("../pyodide/", manifestURL).href;
  const early = import(`${usualIndex}pyodide.mjs`);
  early.catch(() => {}); // used, and its error reported, only when the manifest agrees
  const manifest = await (await fetch(manifestURL)).json();
  postMessage({ type: "manifest", manifest });
  const indexURL = new URL(manifest.pyodide.index, manifestURL).href;
  const { loadPyodide } = await (indexURL === usualIndex ? early : import(`${indexURL}pyodide.mjs`));
  if (manifest.snapshot) {
    try {
      await restore(loadPyodide, indexURL, manifest);
      return;
    } catch (err) {
      // A private Pyodide API, a big download: whatever went wrong, a normal boot still works.
      console.warn(`docsgen: could not restore the Python snapshot (${lastLine(err)}); booting Python normally`);
      pyodide = null;
    }
  }
  progress(`Starting Python (Pyodide ${manifest.pyodide.version})`, 0.05);
  pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  await installPackages(manifest);
  progress(`Importing ${manifest.library}`, 0.9);
  bridge = startBridge(manifest);
  progress("Ready", 1);
}

/** Resume Python from the build's memory snapshot: the library is already installed and imported. */
async function restore(loadPyodide, indexURL, manifest) {
  const snap = manifest.snapshot;
  if (snap.pyodide !== manifest.pyodide.version) throw new Error(`snapshot made by Pyodide ${snap.pyodide}`);
  progress(`Restoring Python with ${manifest.library} loaded`, 0.1);
  const bytes = fetchSnapshot(new URL(snap.url, manifestURL), snap.memory);
  const memory = bytes.then((b) => b.subarray(0, snap.memory));
  // Both are awaited by loadPyodide; these only keep an early failure from counting as unhandled.
  bytes.catch(() => {});
  memory.catch(() => {});
  pyodide = await loadPyodide({
    indexURL,
    _loadSnapshot: memory,
    // The file system is not in the snapshot: put site-packages back before Python resumes.
    fsInit: async (FS, { sitePackages }) => {
      writeFiles(FS, sitePackages, snap.files, (await bytes).subarray(snap.memory));
    },
    // Nothing is installed after a restore, so the 120 kB package lock is not needed.
    lockFileContents: { info: snap.lock_info, packages: {} },
    packageBaseUrl: indexURL,
    stdout: () => {},
    stderr: () => {},
  });
  const key = pyodide.runPython("import sys; getattr(sys, '_docsgen_snapshot', None)");
  if (key !== snap.key) throw new Error(`the snapshot answered key ${key}, expected ${snap.key}`);
  bridge = startBridge({ ...manifest, shims: [], imports: [] });
  progress("Ready", 1);
}

/** The snapshot's bytes: stored gzipped (any host can serve it), inflated here unless the server did. */
async function fetchSnapshot(url, memory) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const [head, body] = response.body.tee();
  const peek = head.getReader();
  const first = (await peek.read()).value || new Uint8Array();
  peek.cancel(); // only the first bytes were needed from this branch
  const gzipped = first[0] === 0x1f && first[1] === 0x8b;
  const stream = gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body;
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  if (bytes.length < memory) throw new Error(`the snapshot is ${bytes.length} bytes, expected at least ${memory}`);
  return bytes;
}

function writeFiles(FS, root, files, data) {
  let offset = 0;
  for (const [path, size] of files) {
    const full = `${root}/${path}`;
    FS.mkdirTree(full.slice(0, full.lastIndexOf("/")));
    FS.writeFile(full, data.subarray(offset, offset + size));
    offset += size;
  }
}

async function installPackages(manifest) {
  const urls = manifest.packages.map((p) => new URL(p.url, manifestURL).href);
  const names = manifest.packages.map((p) => p.name).join(", ");
  progress(`Installing ${manifest.packages.length} packages: ${names}`, 0.6);
  // Pyodide installs wheels from URLs directly; no micropip, no index lookups.
  await pyodide.loadPackage(urls, { messageCallback: () => {}, errorCallback: (m) => console.warn(m) });
}

function startBridge(manifest) {
  const emit = (stream, text) => postMessage({ type: "stream", stream, text });
  pyodide.globals.set("_dg_emit", emit);
  pyodide.globals.set("_dg_shims", pyodide.toPy(manifest.shims));
  pyodide.globals.set("_dg_imports", pyodide.toPy(manifest.imports));
  try {
    return pyodide.runPython(`
import importlib
from docsgen_runtime import Bridge
from docsgen_runtime.shims import install as _dg_install
for _name in _dg_shims:
    _dg_install(_name)
for _name in _dg_imports:
    importlib.import_module(_name)
Bridge(_dg_emit)
`);
  } catch (err) {
    const missing = manifest.missing.map((p) => p.name);
    const hint = missing.length ? ` Missing packages: ${missing.join(", ")}; ${manifest.help}.` : "";
    throw new Error(`Cannot import ${manifest.library}: ${lastLine(err)}.${hint}`);
  }
}

/** The Python exception line of an error ("ModuleNotFoundError: No module named 'yaml'"). */
function lastLine(err) {
  const lines = String(err.message || err).trim().split("\n");
  const exception = lines.filter((line) => /^\w*(Error|Exception)\b/.test(line)).pop();
  return exception || lines[lines.length - 1];
}

const ready = boot();
ready.catch((err) => postMessage({ type: "boot-error", error: String(err.message || err) }));

async function handle(message) {
  await ready;
  // The page's per-run time limit counts from here: starting Python is not the program's time.
  postMessage({ type: "started", id: message.id });
  if (message.type === "load") {
    return JSON.parse(bridge.load_json(message.key, message.source, message.setup || "", message.filename || "<demo>"));
  }
  if (message.type === "run") {
    return JSON.parse(bridge.run_json(message.key, JSON.stringify(message.payloads)));
  }
  if (message.type === "eval") {
    return String(pyodide.runPython(message.source));
  }
  throw new Error(`unknown request ${message.type}`);
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    postMessage({ id: message.id, ok: true, result: await handle(message) });
  } catch (err) {
    // A Pyodide fatal error leaves the interpreter unusable: the page must restart the worker.
    const text = String(err.message || err);
    postMessage({ id: message.id, ok: false, error: text, fatal: /fatal error/i.test(text) });
  }
};
