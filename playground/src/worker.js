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
  const manifest = await manifestPromise;
  postMessage({ type: "manifest", manifest });
  const indexURL = new URL(manifest.pyodide.index, manifestURL).href;
  const snapshot = manifest.snapshot && startSnapshot(manifest.snapshot); // its download starts now
  // Not imported by this module: the standby worker would fetch it before it could start.
  const layout = snapshot && import("./stored-memory.js");
  layout?.catch(() => {}); // awaited by restore(), which falls back to a normal boot if it failed
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
 * Start downloading the snapshot into the buffers a restore needs. Pyodide waits for `_loadSnapshot` before
 * it even starts compiling its Wasm, and reads the bytes only after `fsInit`; so the restore hands it a
 * zeroed buffer of the right size at once, filled here (streaming, as the download inflates) while the Wasm
 * compiles. The file holds only the pages a new instance lacks (stored-memory.js), then the site-packages
 * files; the rest of the buffer stays zero and is never copied.
 */
function startSnapshot(snap) {
  const memory = new Uint8Array(snap.memory);
  const files = new Uint8Array(snap.files.reduce((total, [, size]) => total + size, 0));
  const parts = [...(snap.segments || [[0, snap.memory]]).map(([at, size]) => memory.subarray(at, at + size)), files];
  const filled = fetchSnapshot(new URL(snap.url, manifestURL), parts);
  filled.catch(() => {}); // awaited by restore(); this only keeps an early failure from counting as unhandled
  return { memory, files, filled };
}

/** Resume Python from the build's memory snapshot: the library is already installed and imported. */
async function restore(loadPyodide, indexURL, manifest, { memory, files, filled }, { libraryPlacer, restoreOnlyStored, writeFiles }) {
  const snap = manifest.snapshot;
  if (snap.pyodide !== manifest.pyodide.version) throw new Error(`snapshot made by Pyodide ${snap.pyodide}`);
  if (snap.fresh && indexURL !== usualIndex) throw new Error("the snapshot needs the site's own Pyodide");
  progress(`Restoring Python with ${manifest.library} loaded`, 0.1);
  const wasm = indexURL === usualIndex ? await withEarlyWasm() : { options: {}, undo: () => {} };
  // Only what a new instance's memory lacks is stored (stored-memory.js): Pyodide must write just that.
  let linking = false;
  const storedOnly = snap.fresh && {
    async createPyodideModule(settings) {
      linking = true;
      const placer = libraryPlacer(settings); // a compiled package's library is loaded again where it was
      const module = await wasm.options.createPyodideModule(settings);
      restoreOnlyStored(module, snap, placer);
      return module;
    },
  };
  let failRestore;
  const failed = new Promise((resolve, reject) => { failRestore = reject; });
  try {
    // A failed download fails the restore at once (Pyodide does not see errors thrown in fsInit).
    pyodide = await Promise.race([filled.then(() => new Promise(() => {})), failed, loadPyodide({
      ...wasm.options,
      ...storedOnly,
      indexURL,
      _loadSnapshot: memory,
      // The file system is not in the snapshot: put site-packages back before Python resumes.
      fsInit: async (FS, { sitePackages }) => {
        await filled.catch(() => new Promise(() => {})); // without the whole snapshot, this Python never resumes
        if (storedOnly && !linking) { // Pyodide made its module some other way: it would copy the gaps too
          failRestore(new Error("Pyodide did not make its module through docsgen's hook"));
          await new Promise(() => {});
        }
        performance.mark("docsgen:snapshot-in");
        writeFiles(FS, sitePackages, snap.files, files, snap.directories);
        performance.mark("docsgen:files-written");
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
  performance.mark("docsgen:ready");
  progress("Ready", 1);
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

/**
 * Stream the snapshot into `parts` (views of the memory buffer, then the site-packages files), which it must
 * fill exactly. It is stored gzipped (any host can serve it) and inflated here as it arrives, unless the
 * server did.
 */
async function fetchSnapshot(url, parts) {
  parts = parts.filter((part) => part.length);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  let reader = response.body.getReader();
  let chunk = await reader.read();
  if (!chunk.done && chunk.value[0] === 0x1f && chunk.value[1] === 0x8b) {
    const raw = reader;
    const first = chunk.value;
    const gzipped = new ReadableStream({
      start(controller) { controller.enqueue(first); },
      async pull(controller) {
        const next = await raw.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel(reason) { return raw.cancel(reason); },
    });
    reader = gzipped.pipeThrough(new DecompressionStream("gzip")).getReader();
    chunk = await reader.read();
  }
  const expected = parts.reduce((total, part) => total + part.length, 0);
  let part = 0; // parts[part] is filled up to `at`
  let at = 0;
  let received = 0;
  for (; !chunk.done; chunk = await reader.read()) {
    let bytes = chunk.value;
    received += bytes.length;
    if (received > expected) {
      reader.cancel();
      throw new Error(`the snapshot is bigger than the ${expected} bytes the manifest says`);
    }
    while (bytes.length) {
      const n = Math.min(bytes.length, parts[part].length - at);
      parts[part].set(bytes.subarray(0, n), at);
      bytes = bytes.subarray(n);
      at += n;
      if (at === parts[part].length && part < parts.length - 1) {
        part += 1;
        at = 0;
      }
    }
  }
  if (received !== expected) throw new Error(`the snapshot is ${received} bytes, expected ${expected}`);
  performance.mark("docsgen:snapshot-fetched");
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
};
