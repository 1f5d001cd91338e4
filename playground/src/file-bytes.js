// The bytes of the files a worker result names. Python's files live in the worker's file system; the
// worker sends the bytes of those a result names (its `files`: [{path, mime_type, bytes}]), and each file
// payload with that `path` gets them as a Blob under a symbol: views can show the file, while JSON (the
// data-flow panel) and structured clone (a payload sent back to the worker) never see it.

export const FILE_BYTES = Symbol("docsgen file bytes");

/** Attach the bytes in `files` to every file payload in `value` that names one of them; returns `value`. */
export function attachFiles(value, files) {
  const blobs = new Map();
  for (const file of files || []) {
    if (file.bytes) blobs.set(file.path, new Blob([file.bytes], { type: file.mime_type || "" }));
  }
  if (blobs.size) visit(value, blobs, new Set());
  return value;
}

function visit(value, blobs, seen) {
  if (!value || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (typeof value.path === "string" && blobs.has(value.path)) {
    Object.defineProperty(value, FILE_BYTES, { value: blobs.get(value.path), configurable: true });
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) visit(item, blobs, seen);
}
