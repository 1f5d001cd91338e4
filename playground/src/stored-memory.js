// The memory snapshot's stored layout, shared by the build (docsgen/bundle/make_snapshot.mjs, in Node) and
// the worker that restores it (worker.js): only the pages of Pyodide's snapshot that differ from Wasm
// memory as a new instance has it are stored. That is zero, but for the Wasm's data segments: a new
// instance made from the same Wasm has them at the same place, so the restore writes the stored pages only
// and leaves the rest of the instance's memory as it is. The site-packages files follow the pages: the file
// system is JavaScript state, not part of the snapshot, and both write them back the same way.

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
 * Make Pyodide's `module` restore only the stored `segments` of a snapshot (its offsets, `start` being the
 * length of Pyodide's header): the rest of the snapshot is what a new instance's memory holds already. Pyodide
 * itself would copy all 31.5 MB, most of them zero pages that the operating system then has to provide.
 */
export function restoreOnlyStored(module, segments, start) {
  const restoreAll = module.API?.restoreSnapshot;
  if (typeof restoreAll !== "function") throw new Error("this Pyodide has no restoreSnapshot");
  module.API.restoreSnapshot = (snapshot) => {
    const heap = new Uint8Array(module.HEAP8.buffer);
    if (heap.length !== snapshot.length - start) throw new Error("the snapshot's memory size does not match");
    const state = restoreAll(snapshot.subarray(0, start)); // Pyodide checks and reads its header, copies nothing
    for (const [at, length] of segments) {
      const from = Math.max(at, start);
      if (at + length > from) heap.set(snapshot.subarray(from, at + length), from - start);
    }
    return state;
  };
}

/** Write the snapshot's site-packages files under `root`: `files` is [[path, size], ...] of `data`, in order. */
export function writeFiles(FS, root, files, data) {
  let offset = 0;
  for (const [path, size] of files) {
    const full = `${root}/${path}`;
    FS.mkdirTree(full.slice(0, full.lastIndexOf("/")));
    FS.writeFile(full, data.subarray(offset, offset + size));
    offset += size;
  }
}
