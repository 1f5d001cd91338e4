// The memory snapshot's stored layout, shared by the build (docsgen/bundle/make_snapshot.mjs, in Node) and
// the worker that restores it (worker.js): only the pages of Pyodide's snapshot that differ from Wasm
// memory as a new instance has it are stored. That is zero, but for the Wasm's data segments: a new
// instance made from the same Wasm has them at the same place, so the restore copies them from its own.

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
 * Complete `buffer` (the snapshot, holding its stored `segments`): the parts of `[start, end)` that no
 * segment covers come from `memory`, a new instance's memory as instantiation left it (which `start` maps
 * to its offset 0). The rest of the buffer must be zero already.
 */
export function fillFromFresh(buffer, segments, [start, end], memory) {
  let at = start;
  for (const [offset, length] of [...segments, [end, 0]]) {
    const gapEnd = Math.min(offset, end);
    if (gapEnd > at) buffer.set(memory.subarray(at - start, gapEnd - start), at);
    at = Math.max(at, offset + length);
    if (at >= end) break;
  }
}
