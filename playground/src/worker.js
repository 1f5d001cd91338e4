// The module Web Worker that owns Python. One per page, started by runtime.js.
// Messages in:  {type: "start", wasm?: WebAssembly.Module} | {id, type: "load", key, source, setup, filename} |
//               {id, type: "run", key, payloads}
// Python loads on "start" or on the first request; until then the worker has fetched its manifest only.
// Messages out: {type: "progress", step, fraction} | {type: "manifest", manifest} | {type: "wasm", module} |
//               {type: "started", id} |
//               {type: "stream", stream, text} | {id, ok, result} | {id, ok: false, error, fatal}

const manifestURL = new URL("./manifest.json", import.meta.url);
const manifestPromise = fetch(manifestURL).then((response) => response.json()); // first: it names the snapshot
// The build puts Pyodide in ../pyodide/. Nothing of it is fetched until the worker is told to start (a page
// may start this worker in standby, as it loads: early.js).
const usualIndex = new URL("../pyodide/", manifestURL).href;
const wasmURL = `${usualIndex}pyodide.asm.wasm`;
const stdlibURL = `${usualIndex}python_stdlib.zip`;
let early, earlyAsm, earlyWasm, earlyStdlib;

/**
 * Start loading all of Pyodide at once: its two modules (loadPyodide() would import pyodide.asm.mjs only
 * after it started, one round trip later), its 9.6 MB of Wasm (compiled as it streams in) and its standard
 * library, which Pyodide fetches only once its JavaScript is loaded, compiled and running (restore() hands
 * them to Pyodide).
 */
function prefetch(compiled) {
  early = import(`${usualIndex}pyodide.mjs`);
  earlyAsm = import(`${usualIndex}pyodide.asm.mjs`);
  // After Stop the page hands over the module the previous worker compiled (with the code it compiled
  // since: V8 shares it between workers), so a restart compiles nothing.
  earlyWasm = compiled instanceof WebAssembly.Module ? Promise.resolve(compiled) : WebAssembly.compileStreaming(fetch(wasmURL));
  earlyWasm.then((module) => {
    performance.mark("docsgen:wasm-compiled");
    postMessage({ type: "wasm", module });
  }, () => {});
  earlyAsm.then(() => performance.mark("docsgen:pyodide-js-loaded"), () => {});
  earlyStdlib = fetch(stdlibURL);
  for (const promise of [early, earlyAsm, earlyWasm, earlyStdlib]) promise.catch(() => {}); // used if the manifest agrees
}
let bridge = null;
let pyodide = null;
performance.mark("docsgen:worker-start");

function progress(step, fraction) {
  postMessage({ type: "progress", step, fraction });
}

async function boot(compiled) {
  prefetch(compiled);
  performance.mark("docsgen:worker-boot");
  progress("Reading the runtime manifest", 0.02);
  // Not imported by this module: the standby worker would fetch them before it could start.
  const inflate = import("./inflate.js");
  inflate.catch(() => {});
  const manifest = await manifestPromise;
  postMessage({ type: "manifest", manifest });
  const indexURL = new URL(manifest.pyodide.index, manifestURL).href;
  const snapshot = manifest.snapshot && startSnapshot(manifest.snapshot, inflate); // its download starts now
  const layout = snapshot && import("./stored-memory.js");
  if (snapshot) {
    // The shared libraries' files come first in the snapshot: compiled while the memory pages stream in.
    snapshot.compiled = Promise.all([layout, snapshot.files]).then(([{ compileLibraries }, files]) =>
      compileLibraries(manifest.snapshot.libraries || [], manifest.snapshot.files, files));
  }
  for (const promise of [layout, snapshot?.compiled]) promise?.catch(() => {}); // awaited by restore(), which falls back to a normal boot if they failed
  const { loadPyodide } = await (indexURL === usualIndex ? early : import(`${indexURL}pyodide.mjs`));
  if (snapshot) {
    try {
      await restore(loadPyodide, indexURL, manifest, snapshot, await layout);
      return;
    } catch (err) {
      // A private Pyodide API, a big download: whatever went wrong, a normal boot still works.
      console.warn(`docsgen: could not restore the Python snapshot (${lastLine(err)}); booting Python normally`);
      pyodide = null;
    }
  }
  progress(`Starting Python (Pyodide ${manifest.pyodide.version})`, 0.05);
  // Without a snapshot, the early Wasm module and standard library serve the boot; after a failed restore,
  // Pyodide fetches everything itself.
  const files = !snapshot && indexURL === usualIndex ? await withEarlyWasm() : { options: {}, undo: () => {} };
  try {
    pyodide = await loadPyodide({ ...files.options, indexURL, stdout: () => {}, stderr: () => {} });
  } finally {
    files.undo();
  }
  await installPackages(manifest);
  progress(`Importing ${manifest.library}`, 0.9);
  bridge = startBridge(manifest);
  progress("Ready", 1);
}

/**
 * Start downloading the snapshot's pieces side by side, each inflated in a worker of its own (inflate.js):
 * the site-packages files (first in the first piece) and the pages of memory a new instance lacks
 * (stored-memory.js), as promises, the files' resolved first. Pyodide waits for `_loadSnapshot` before it
 * even starts compiling its Wasm, and reads the bytes only after `fsInit`: so it gets `standIn`, a zeroed
 * buffer of the snapshot's size, at once, and the restore writes the pages that arrived instead.
 */
function startSnapshot(snap, inflate) {
  const size = (runs) => runs.reduce((total, [, length]) => total + length, 0);
  const filling = snap.pieces.map(({ url, segments }, i) => inflate.then(({ inflated }) =>
    inflated(new URL(url, manifestURL), [...(i === 0 ? [size(snap.files)] : []), size(segments)])));
  const files = filling[0].then(([first]) => first);
  const pages = Promise.all(snap.pieces.map(({ segments }, i) => filling[i].then((buffers) => buffers[buffers.length - 1])
    .then((bytes) => [segments, bytes])));
  const filled = Promise.all([files, pages]).then(() => performance.mark("docsgen:snapshot-fetched"));
  filled.catch(() => {}); // awaited by restore(); this only keeps an early failure from counting as unhandled
  return { standIn: new Uint8Array(snap.memory), files, pages, filled };
}

/** Resume Python from the build's memory snapshot: the library is already installed and imported. */
async function restore(loadPyodide, indexURL, manifest, { standIn, files, pages, filled, compiled }, { libraryPlacer, restoreOnlyStored, writeFiles }) {
  const snap = manifest.snapshot;
  if (snap.pyodide !== manifest.pyodide.version) throw new Error(`snapshot made by Pyodide ${snap.pyodide}`);
  if (snap.fresh && indexURL !== usualIndex) throw new Error("the snapshot needs the site's own Pyodide");
  progress(`Restoring Python with ${manifest.library} loaded`, 0.1);
  const wasm = indexURL === usualIndex ? await withEarlyWasm() : { options: {}, undo: () => {} };
  // Only what a new instance's memory lacks is stored (stored-memory.js): Pyodide must write just that.
  let linking = false;
  const arrived = {}; // the stored pages and the libraries' compiled modules, once fsInit has them
  const storedOnly = snap.fresh && {
    async createPyodideModule(settings) {
      linking = true;
      const placer = libraryPlacer(settings); // a compiled package's library is loaded again where it was
      const module = await wasm.options.createPyodideModule(settings);
      restoreOnlyStored(module, snap, placer, arrived);
      return module;
    },
  };
  let failRestore;
  const failed = new Promise((resolve, reject) => { failRestore = reject; });
  let root; // site-packages
  try {
    // A failed download fails the restore at once (Pyodide does not see errors thrown in fsInit).
    pyodide = await Promise.race([filled.then(() => new Promise(() => {})), failed, loadPyodide({
      ...wasm.options,
      ...storedOnly,
      indexURL,
      _loadSnapshot: standIn,
      // The file system is not in the snapshot: put site-packages back before Python resumes.
      fsInit: async (FS, { sitePackages }) => {
        root = sitePackages;
        const never = () => new Promise(() => {}); // without the whole snapshot, this Python never resumes
        if (storedOnly && !linking) { // Pyodide made its module some other way: it would copy the gaps too
          failRestore(new Error("Pyodide did not make its module through docsgen's hook"));
          await never();
        }
        // The files come first: written while the memory is still on its way.
        writeFiles(FS, sitePackages, snap.files, await files.catch(never), snap.directories);
        performance.mark("docsgen:files-written");
        arrived.libraries = await compiled.catch((err) => {
          failRestore(err);
          return never();
        });
        arrived.pages = await pages.catch(never);
        performance.mark("docsgen:snapshot-in");
      },
      // Nothing is installed after a restore, so the 120 kB package lock is not needed.
      lockFileContents: { info: snap.lock_info, packages: {} },
      packageBaseUrl: indexURL,
      stdout: () => {},
      stderr: () => {},
    })]);
  } finally {
    wasm.undo();
  }
  performance.mark("docsgen:python-restored");
  const key = pyodide.pyimport("sys")._docsgen_snapshot;
  if (key !== snap.key) throw new Error(`the snapshot answered key ${key}, expected ${snap.key}`);
  bridge = startBridge({ ...manifest, shims: [], imports: [] });
  if (snap.later) startLater = laterSources(new URL(snap.later.url, manifestURL), snap.later.files, root, writeFiles);
  performance.mark("docsgen:ready");
  progress("Ready", 1);
  laterSoon();
}

// The sources left for later are fetched once no request came for this long (ms): a demo's first output takes
// two requests (its program, then the run), and the page draws it and runs the theme's scripts meanwhile.
const LATER_WAIT = 1000;
let startLater = null; // once Python is resumed: fetch the sources the snapshot left for later (once)
let laterTimer = null;

function laterSoon() {
  clearTimeout(laterTimer);
  if (startLater) laterTimer = setTimeout(startLater, LATER_WAIT);
}

/**
 * The site-packages sources the snapshot left for later (docsgen_runtime/later.py): the worker fetches and
 * writes them once it has been idle for a while (laterSoon), off the reader's way to the first output; until
 * they are written, an import that may need them reads them at once through a synchronous request (a worker
 * may make one).
 */
function laterSources(url, files, root, writeFiles) {
  const finder = pyodide.pyimport("docsgen_runtime.later").current;
  if (!finder) return null;
  finder.connect(() => {
    const request = new XMLHttpRequest();
    request.open("GET", url, false);
    request.responseType = "arraybuffer";
    request.send();
    if (request.status !== 200) throw new Error(`${url.pathname}: HTTP ${request.status}`);
    return new Uint8Array(request.response);
  }, JSON.stringify(files));
  let started = false;
  return async () => {
    if (started || !finder.pending()) return;
    started = true;
    try {
      const { inflated } = await import("./inflate.js");
      const [inflating] = inflated(url, [files.reduce((total, [, size]) => total + size, 0)]);
      const data = await inflating;
      if (!finder.pending()) return; // an import read them meanwhile
      writeFiles(pyodide.FS, root, files, data);
      finder.written();
    } catch (err) {
      console.warn(`docsgen: the sources left for later are read when an import needs them (${err.message || err})`);
    }
  };
}

/**
 * loadPyodide() options that make Pyodide use the Wasm module compiled and the standard library fetched when
 * this worker started, instead of fetching (and compiling) them later (314.0.7 has no option for that).
 * Pyodide's own instantiateWasm still adds its imports: its request for the Wasm gets an empty stand-in
 * answer, and its instantiateStreaming() the early module. The patches last only while Pyodide starts; if
 * this ever fails, restore() fails and the worker boots Python the normal way, without them.
 */
async function withEarlyWasm() {
  const { default: createModule } = await earlyAsm;
  const realFetch = globalThis.fetch;
  const realStreaming = WebAssembly.instantiateStreaming;
  const standIn = Promise.resolve(new Response(null, { headers: { "Content-Type": "application/wasm" } }));
  const answers = new Map([[wasmURL, standIn], [stdlibURL, earlyStdlib]]);
  globalThis.fetch = (resource, init) => answers.get(String(resource)) || realFetch(resource, init);
  const undo = () => {
    globalThis.fetch = realFetch;
    WebAssembly.instantiateStreaming = realStreaming;
  };
  const options = {
    createPyodideModule(settings) {
      globalThis.fetch = realFetch; // Pyodide made both requests when it made the settings
      const instantiate = settings.instantiateWasm;
      settings.instantiateWasm = (imports, done) => {
        WebAssembly.instantiateStreaming = async (source, withImports) => {
          WebAssembly.instantiateStreaming = realStreaming;
          if (source !== standIn) return realStreaming(source, withImports);
          let module;
          try {
            module = await earlyWasm;
          } catch {
            return realStreaming(realFetch(wasmURL), withImports); // as Pyodide would have
          }
          return { module, instance: await WebAssembly.instantiate(module, withImports) };
        };
        return instantiate(imports, (instance, module) => sharingTinyModules(() => done(instance, module)));
      };
      return createModule(settings);
    },
  };
  return { options, undo };
}

/**
 * Run `link` (Pyodide linking its Wasm) with tiny Wasm modules compiled once each. To put a JavaScript
 * function in the Wasm function table, Pyodide wraps it in a tiny module of its own, compiled anew each time
 * from bytes that depend only on the function's signature: 259 compiles of 28 distinct modules (20-25 ms
 * here, on the worker's critical path). Bigger modules, and anything but a Uint8Array, compile as usual.
 */
function sharingTinyModules(link) {
  const Compile = WebAssembly.Module;
  const compiled = new Map();
  function Shared(bytes, ...rest) {
    if (!(bytes instanceof Uint8Array) || bytes.length > 256) return new Compile(bytes, ...rest);
    const key = bytes.join();
    if (!compiled.has(key)) compiled.set(key, new Compile(bytes, ...rest));
    return compiled.get(key);
  }
  Shared.prototype = Compile.prototype;
  Object.setPrototypeOf(Shared, Compile); // WebAssembly.Module.customSections() and the like
  WebAssembly.Module = Shared;
  try {
    return link();
  } finally {
    WebAssembly.Module = Compile;
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
  try {
    // Calls, not Python source: nothing to compile on the way to the first output.
    if (manifest.shims.length) {
      const { install } = pyodide.pyimport("docsgen_runtime.shims");
      for (const name of manifest.shims) install(name);
    }
    for (const name of manifest.imports) pyodide.pyimport(name);
    return pyodide.pyimport("docsgen_runtime").Bridge(emit);
  } catch (err) {
    // The page says which packages the site lacks (manifest.missing); the build log tells its author why.
    throw new Error(`Cannot import ${manifest.library}: ${lastLine(err)}.`);
  }
}

/** The Python exception line of an error ("ModuleNotFoundError: No module named 'yaml'"). */
function lastLine(err) {
  const lines = String(err.message || err).trim().split("\n");
  const exception = lines.filter((line) => /^\w*(Error|Exception)\b/.test(line)).pop();
  return exception || lines[lines.length - 1];
}

/**
 * Files that a result's payloads name live in this worker's file system: the bridge lists them, and their
 * bytes go to the page (transferred, not copied), which shows them through object URLs.
 */
function withFileBytes(result) {
  for (const file of result.files || []) {
    try {
      file.bytes = pyodide.FS.readFile(file.path);
    } catch {
      file.bytes = null; // gone since the bridge listed it: the page shows the file's name only
    }
  }
  return result;
}

function transferables(result) {
  return (result?.files || []).map((file) => file.bytes?.buffer).filter(Boolean);
}

let ready = null;

/** Load Python (once): on the page's "start" (which may bring the compiled Wasm), or on its first request. */
function begin(compiled) {
  if (ready) return;
  ready = boot(compiled);
  ready.catch((err) => postMessage({ type: "boot-error", error: String(err.message || err) }));
}

async function handle(message) {
  begin();
  await ready;
  // The page's per-run time limit counts from here: starting Python is not the program's time.
  postMessage({ type: "started", id: message.id });
  if (message.type === "load") {
    return withFileBytes(JSON.parse(bridge.load_json(message.key, message.source, message.setup || "", message.filename || "<demo>")));
  }
  if (message.type === "run") {
    return withFileBytes(JSON.parse(bridge.run_json(message.key, JSON.stringify(message.payloads))));
  }
  if (message.type === "eval") {
    return String(pyodide.runPython(message.source));
  }
  throw new Error(`unknown request ${message.type}`);
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "start") {
    begin(message.wasm);
    return;
  }
  try {
    const result = await handle(message);
    postMessage({ id: message.id, ok: true, result }, transferables(result));
  } catch (err) {
    // A Pyodide fatal error leaves the interpreter unusable: the page must restart the worker.
    const text = String(err.message || err);
    postMessage({ id: message.id, ok: false, error: text, fatal: /fatal error/i.test(text) });
  }
  laterSoon();
};
