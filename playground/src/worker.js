// The module Web Worker that owns Python. One per page, started by runtime.js.
// Messages in:  {id, type: "load", key, source, setup, filename} | {id, type: "run", key, payloads}
// Messages out: {type: "progress", step, fraction} | {type: "manifest", manifest} |
//               {type: "stream", stream, text} | {id, ok, result} | {id, ok: false, error, fatal}

const manifestURL = new URL("./manifest.json", import.meta.url);
let bridge = null;
let pyodide = null;

function progress(step, fraction) {
  postMessage({ type: "progress", step, fraction });
}

async function boot() {
  progress("Reading the runtime manifest", 0.02);
  const manifest = await (await fetch(manifestURL)).json();
  postMessage({ type: "manifest", manifest });
  const indexURL = new URL(manifest.pyodide.index, manifestURL).href;
  progress(`Starting Python (Pyodide ${manifest.pyodide.version})`, 0.05);
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  await installPackages(manifest);
  progress(`Importing ${manifest.library}`, 0.9);
  bridge = startBridge(manifest);
  progress("Ready", 1);
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
