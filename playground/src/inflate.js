// Download a gzipped file of docsgen's (the memory snapshot, the sources left for later) into buffers, inflating
// it as it arrives. worker.js runs this in a worker of its own (inflate-worker.js): inflating the 60 MB of
// gradio's snapshot takes a core for about 0.4 s, and on the worker's own thread it held back Pyodide's
// JavaScript and the end of its Wasm compile by as much (docs/performance.md).

/**
 * Fill buffers of `sizes` bytes from `url`, one after the other; `done(index, bytes)` gets each as soon as it
 * is full, the last once the whole file is in and of the right size.
 */
export async function fetchInto(url, sizes, done) {
  const buffers = sizes.map((size) => new Uint8Array(size));
  let index = 0; // buffers[index] is filled up to `at`
  let at = 0;
  const skipFull = () => {
    for (; index < buffers.length && at === buffers[index].length; index += 1, at = 0) {
      if (index < buffers.length - 1) done(index, buffers[index]);
    }
  };
  skipFull();
  const response = await fetch(url);
  const name = new URL(url).pathname;
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const reader = await inflating(response);
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    let bytes = chunk.value;
    while (bytes.length) {
      if (index === buffers.length) {
        reader.cancel();
        throw new Error(`${name} is bigger than the manifest says`);
      }
      const n = Math.min(bytes.length, buffers[index].length - at);
      buffers[index].set(bytes.subarray(0, n), at);
      bytes = bytes.subarray(n);
      at += n;
      skipFull();
    }
  }
  if (index !== buffers.length) throw new Error(`${name} is shorter than the manifest says`);
  if (buffers.length) done(buffers.length - 1, buffers[buffers.length - 1]);
}

/**
 * A reader of the response's body inflated. As stored, it is gzip: piped straight through the browser's
 * inflater. A host that sent it with a Content-Encoding may have inflated it already: then only gzip's own
 * first bytes say whether it still is.
 */
async function inflating(response) {
  if (!response.headers.get("Content-Encoding")) return response.body.pipeThrough(new DecompressionStream("gzip")).getReader();
  const raw = response.body.getReader();
  const first = await raw.read();
  const body = new ReadableStream({
    start(controller) { if (!first.done) controller.enqueue(first.value); },
    async pull(controller) {
      const next = await raw.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) { return raw.cancel(reason); },
  });
  const gzipped = !first.done && first.value[0] === 0x1f && first.value[1] === 0x8b;
  return (gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body).getReader();
}

/**
 * fetchInto in a worker of its own where there can be one (a worker may start workers in today's browsers),
 * else here: one promise per buffer, each resolved as soon as it is full (transferred, not copied).
 */
export function inflated(url, sizes) {
  if (typeof Worker === "undefined") {
    return promisesFor(sizes, (settle, fail) => {
      fetchInto(url, sizes, (index, bytes) => settle[index].resolve(bytes)).catch(fail);
    });
  }
  const helper = new Worker(new URL("./inflate-worker.js", import.meta.url), { type: "module", name: "docsgen inflate" });
  return promisesFor(sizes, (settle, fail) => {
    let left = sizes.length;
    helper.onmessage = ({ data }) => {
      if (data.error) fail(new Error(data.error));
      else settle[data.index].resolve(data.bytes);
      if (data.error || --left === 0) helper.terminate();
    };
    helper.onerror = (event) => {
      event.preventDefault();
      fail(new Error(`the inflating worker failed: ${event.message || "it did not start"}`));
    };
    helper.postMessage({ url: String(url), sizes });
  });
}

function promisesFor(sizes, start) {
  const settle = sizes.map(() => ({}));
  const promises = settle.map((s) => new Promise((resolve, reject) => Object.assign(s, { resolve, reject })));
  start(settle, (error) => settle.forEach((s) => s.reject(error)));
  return promises;
}
