// The memory snapshot's stored layout, shared by the build (docsgen/bundle/make_snapshot.mjs, in Node) and
// the worker that restores it (worker.js): only the pages of Pyodide's snapshot that differ from Wasm
// memory as a new instance has it are stored. That is zero, but for the Wasm's data segments: a new
// instance made from the same Wasm has them at the same place, so the restore writes the stored pages only
// and leaves the rest of the instance's memory as it is. The site-packages files come before the pages (the
// shared libraries' first, compiled while the pages stream in): the file system is JavaScript state, not part
// of the snapshot, and both write them back the same way.
//
// Shared libraries (a compiled package's `.so`, e.g. pydantic-core's) live partly outside Wasm memory: their
// code, their function-table slots and their imports belong to the JavaScript and Wasm instances. Pyodide's
// snapshot keeps none of that, so the build records where the loader put each library (recordLibraries) and
// the restore loads it again at exactly that place before Python resumes (restoreOnlyStored).

const PAGE = 4096;

/**
 * `[offset, length]` of the pages of `snapshot` that differ from what a new instance has there: `fresh`
 * (its memory as instantiation left it, up to its last non-zero byte), which starts at `start` in the
 * snapshot (after Pyodide's header), and zero everywhere else.
 */
export function changedSegments(snapshot, start, fresh) {
  const segments = [];
  for (let at = 0; at < snapshot.length; at += PAGE) {
    const end = Math.min(at + PAGE, snapshot.length);
    let same = true;
    for (let i = at; i < end && same; i++) {
      const j = i - start;
      same = snapshot[i] === (j >= 0 && j < fresh.length ? fresh[j] : 0);
    }
    if (same) continue;
    const last = segments[segments.length - 1];
    if (last && last[0] + last[1] === at) last[1] += end - at;
    else segments.push([at, end - at]);
  }
  return segments;
}

/**
 * Make Pyodide's `module` restore only the stored pages of a snapshot: the rest of the snapshot is what a new
 * instance's memory holds already. Pyodide itself would copy all of it, most of it zero pages that the
 * operating system then has to provide. It is given a stand-in of the snapshot's size (`fresh[0]` is the length
 * of its header); by the time it restores, `arrived.pages` holds the stored pages: `[segments, bytes]` per piece
 * of the snapshot, `bytes` the segments' (`[offset, length]` in the snapshot) one after the other, the first
 * page (with Pyodide's header) among them.
 * `libraries` and `table` (recordLibraries) are loaded again first, placed by `placer` (libraryPlacer), from
 * `arrived.libraries` (their modules in order, by compileLibraries) or else compiled from the file system.
 */
export function restoreOnlyStored(module, { fresh, libraries = [], table }, placer, arrived) {
  const start = fresh[0];
  const restoreAll = module.API?.restoreSnapshot;
  if (typeof restoreAll !== "function") throw new Error("this Pyodide has no restoreSnapshot");
  module.API.restoreSnapshot = (standIn) => {
    const size = standIn.length - start;
    // Pyodide never grows memory on a restore; a snapshot taken after big imports needs more than a new instance has.
    if (module.HEAP8.length < size && !module.growMemory(size)) throw new Error(`could not grow memory to ${size} bytes`);
    if (module.HEAP8.length !== size) throw new Error("the snapshot's memory size does not match");
    const first = arrived.pages.find(([segments]) => segments[0]?.[0] === 0);
    if (!first || first[0][0][1] < start) throw new Error("the snapshot's first page is not stored");
    const state = restoreAll(first[1].subarray(0, start)); // Pyodide checks and reads its header, copies nothing
    const trampoline = cpythonTrampoline(module);
    if (libraries.length) {
      if (!placer) throw new Error("the snapshot has shared libraries and the restore cannot place them");
      // Before the stored pages: loading a library writes its data segments, applies its relocations and runs
      // its constructors, over memory the snapshot holds as its own run left it. The snapshot's bytes win.
      replayLibraries(module, libraries, table, placer, arrived.libraries || []);
      performance.mark("docsgen:libraries-loaded");
    }
    const heap = new Uint8Array(module.HEAP8.buffer);
    for (const [segments, bytes] of arrived.pages) {
      let offset = 0;
      for (const [at, length] of segments) {
        const from = Math.max(at, start); // past Pyodide's header
        if (at + length > from) heap.set(bytes.subarray(offset + from - at, offset + length), from - start);
        offset += length;
      }
      if (offset !== bytes.length) throw new Error(`a piece of the snapshot is ${bytes.length} bytes, its pages ${offset}`);
    }
    performance.mark("docsgen:memory-written");
    trampoline.restore();
    return state;
  };
}

/** `views` (Uint8Arrays) one after the other in a new buffer: a piece's stored pages, the snapshot's files. */
export function concatenated(views) {
  const bytes = new Uint8Array(views.reduce((total, view) => total + view.length, 0));
  let offset = 0;
  for (const view of views) {
    bytes.set(view, offset);
    offset += view.length;
  }
  return bytes;
}

/**
 * CPython on Emscripten calls C function pointers through a small Wasm trampoline that Pyodide's boot puts
 * in the function table, and through JavaScript when there is none (about twice as slow a call). Node has
 * none to give, so a snapshot made there records 0: once the snapshot's memory is in, `restore()` writes
 * this boot's trampoline back.
 */
function cpythonTrampoline(module) {
  const offset = module.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET;
  if (!module.__PyRuntime || offset === undefined) return { restore() {} };
  const at = (module.__PyRuntime + module.HEAP32[offset >> 2]) >> 2;
  const func = module.HEAP32[at] ? module.wasmTable.get(module.HEAP32[at]) : null;
  return {
    restore() {
      if (func && !module.HEAP32[at]) module.HEAP32[at] = module.addFunction(func);
    },
  };
}

/**
 * At snapshot time: where the loader put each shared library (its dlopen handle holds memory and table
 * bases), and the function table from the end of Pyodide's boot (`bootTable` slots) on, as
 * `[function name, library index, export]` per slot (the last two for a library's export that `dlsym`
 * put in the table), `null` for an empty one.
 */
export function recordLibraries(module, bootTable) {
  const loaded = Object.entries(module.LDSO.loadedLibsByHandle).filter(([handle]) => Number(handle));
  const libraries = loaded.map(([handle, dso]) => {
    const [memoryBase, memorySize, tableBase, tableSize] = module.HEAPU32.subarray((+handle + 12) >> 2, (+handle + 28) >> 2);
    return { path: dso.name, handle: +handle, global: Boolean(dso.global), nodelete: dso.refcount === Infinity,
             memoryBase, memorySize, tableBase, tableSize };
  }).sort((a, b) => a.tableBase - b.tableBase);
  const exported = new Map();
  libraries.forEach((lib, index) => {
    for (const [symbol, value] of Object.entries(module.LDSO.loadedLibsByHandle[lib.handle].exports)) {
      if (typeof value === "function" && !exported.has(value)) exported.set(value, [index, symbol]);
    }
  });
  const slots = [];
  for (let i = bootTable; i < module.wasmTable.length; i++) {
    const func = module.wasmTable.get(i);
    slots.push(func ? [func.name, ...(exported.get(func) || [])] : null);
  }
  return { libraries, table: { boot: bootTable, slots, free: [...module.freeTableIndexes] } };
}

/**
 * Wrap `settings.instantiateWasm` (loadPyodide's createPyodideModule settings) so that the restore can make
 * the library loader's next allocation return a given address: the loader takes a library's memory from
 * `calloc`, which Emscripten reads once from the exports it is handed, on its second read of them (the copy
 * it wraps for unsigned pointers; the first read, which the side modules' imports use, stays the real one).
 * The restore checks that each library landed where the snapshot has it, so a changed Emscripten fails loudly.
 */
export function libraryPlacer(settings) {
  let target = 0;
  const instantiate = settings.instantiateWasm;
  settings.instantiateWasm = (imports, done) => instantiate(imports, (instance, wasmModule) => {
    const real = instance.exports.calloc;
    const placing = (count, size) => {
      if (!target) return real(count, size);
      const address = target;
      target = 0;
      return address;
    };
    const exports = { ...instance.exports };
    let reads = 0;
    Object.defineProperty(exports, "calloc", { enumerable: true, get: () => (++reads === 2 ? placing : real) });
    return done({ exports }, wasmModule);
  });
  return { place(address) { target = address; } };
}

/**
 * Compile the snapshot's shared libraries from their files (`files`: [[path, size], ...] of `data`; each
 * library's `file` indexes it): off the thread, while the rest of the snapshot is still on its way.
 */
export function compileLibraries(libraries, files, data) {
  const offsets = [0];
  for (const [, size] of files) offsets.push(offsets[offsets.length - 1] + size);
  return Promise.all(libraries.map(({ file }) => WebAssembly.compile(data.subarray(offsets[file], offsets[file + 1]))));
}

/** Load each library again exactly where the snapshot's run had it, and its table as that run left it. */
function replayLibraries(module, libraries, recorded, placer, compiled) {
  const table = module.wasmTable;
  const { boot, slots } = recorded;
  const wanted = (i) => (i >= boot && i - boot < slots.length ? slots[i - boot] : null);
  const clear = (i) => { if (table.get(i)) module.removeFunction(i); };
  if (table.length < boot) throw new Error(`the function table has ${table.length} slots, the snapshot's boot ${boot}`);
  for (const lib of libraries) {
    // Slots this boot added past the snapshot's boot (in a browser, CPython's trampoline): restored memory refers
    // to none of them (the snapshot's run had none there). dlsym's slots are filled in once all are loaded.
    for (let i = boot; i < Math.min(table.length, lib.tableBase); i++) if (!wanted(i) || wanted(i).length > 1) clear(i);
    if (table.length > lib.tableBase) throw new Error(`${lib.path}: the function table is past ${lib.tableBase} already`);
    if (table.length < lib.tableBase) table.grow(lib.tableBase - table.length);
    // A slot below the library that holds one of its exports in the snapshot was free when it loaded: its
    // loader takes the free slots first (lowest first, as far as the recording tells).
    const free = [];
    for (let i = lib.tableBase - 1; i >= boot; i--) if (!table.get(i) && wanted(i)?.length > 1) free.push(i);
    module.freeTableIndexes.splice(0, Infinity, ...free);
    // The handle's words past the bases say "the library's bytes are in memory at ..." when set: not here.
    module.HEAPU32.fill(0, (lib.handle + 28) >> 2, (lib.handle + 36) >> 2);
    placer.place(lib.memoryBase);
    // The loader reads the library's file and compiles it; Emscripten's loader takes a compiled module where
    // it takes the bytes, so the one compiled ahead is handed over as the file's contents.
    const precompiled = compiled[libraries.indexOf(lib)];
    const readFile = module.FS.readFile;
    if (precompiled) module.FS.readFile = (path, options) => (path === lib.path ? precompiled : readFile(path, options));
    try {
      module.loadDynamicLibrary(lib.path, { global: lib.global, nodelete: lib.nodelete, loadAsync: false },
        lib.global ? null : {}, lib.handle);
    } finally {
      module.FS.readFile = readFile;
    }
    const [memoryBase, , tableBase] = module.HEAPU32.subarray((lib.handle + 12) >> 2, (lib.handle + 28) >> 2);
    if (memoryBase !== lib.memoryBase || tableBase !== lib.tableBase) {
      throw new Error(`${lib.path} loaded at ${memoryBase}/${tableBase}, the snapshot has ${lib.memoryBase}/${lib.tableBase}`);
    }
  }
  const end = boot + slots.length;
  if (table.length > end) throw new Error(`the function table has ${table.length} slots, the snapshot ${end}`);
  table.grow(end - table.length);
  for (let i = boot; i < end; i++) {
    const slot = slots[i - boot];
    if (!slot) clear(i);
    else if (slot.length > 1) {
      const func = module.LDSO.loadedLibsByHandle[libraries[slot[1]].handle].exports[slot[2]];
      if (table.get(i) !== func) module.setWasmTableEntry(i, func);
    }
    const name = table.get(i)?.name ?? null;
    if (name !== (slot ? slot[0] : null)) throw new Error(`function table slot ${i} holds ${name}, the snapshot ${slot?.[0]}`);
  }
  module.freeTableIndexes.splice(0, Infinity, ...recorded.free);
}

/**
 * Write the snapshot's files: `files` is [[path, size], ...] of `data`, in order, a relative path under
 * `root` (site-packages), an absolute one as it is; `directories` (absolute) are made too, empty or not. Each file's contents is a view of `data` (MEMFS owns it, as `FS.writeFile(..., {canOwn: true})` would have
 * it), made in its directory's node directly: going through FS.writeFile's path lookups took 0.1 s for
 * gradio's 2,600 files, more than writing them.
 */
export function writeFiles(FS, root, files, data, directories = []) {
  const nodes = new Map();
  const directory = (path) => {
    if (!nodes.has(path)) {
      FS.mkdirTree(path);
      nodes.set(path, FS.lookupPath(path, { follow: true }).node);
    }
    return nodes.get(path);
  };
  for (const path of directories) directory(path);
  let offset = 0;
  for (const [path, size] of files) {
    const full = path.startsWith("/") ? path : `${root}/${path}`;
    const slash = full.lastIndexOf("/");
    const parent = directory(full.slice(0, slash));
    const node = parent.node_ops.mknod(parent, full.slice(slash + 1), 0o100644, 0);
    node.contents = data.subarray(offset, offset + size);
    node.usedBytes = size;
    offset += size;
  }
}
