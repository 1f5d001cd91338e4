// The page's side of the Python runtime: one worker per page, shared by every demo on it.
// Stop (or a dead worker) terminates it and starts a fresh one; `generation` tells callers that
// programs they loaded before are gone.

const WORKER_URL = new URL("./worker.js", import.meta.url);

export class Runtime extends EventTarget {
  constructor() {
    super();
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.generation = 0;
    this.state = "idle"; // idle | loading | ready | failed
    this.step = "";
    this.fraction = 0;
    this.manifest = null;
    this.bootError = null;
  }

  /** Start the worker if it is not running. Cheap to call often (on scroll, hover, click). */
  start() {
    if (this.worker) return;
    this.generation += 1;
    this.state = "loading";
    this.bootError = null;
    this.startedAt = performance.now();
    this.worker = new Worker(WORKER_URL, { type: "module" });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => this.died(`the Python worker crashed: ${event.message || "unknown error"}`);
    this.emit("progress", { step: "Starting", fraction: 0.01 });
  }

  receive(data) {
    if (data.type === "progress") {
      this.step = data.step;
      this.fraction = data.fraction;
      if (data.fraction >= 1) {
        this.state = "ready";
        this.bootMs = performance.now() - this.startedAt;
      }
      this.emit("progress", data);
    } else if (data.type === "manifest") {
      this.manifest = data.manifest;
      this.emit("manifest", data.manifest);
    } else if (data.type === "stream") {
      this.emit("stream", data);
    } else if (data.type === "boot-error") {
      this.state = "failed";
      this.bootError = data.error;
      this.step = `Python could not start: ${data.error}`;
      this.emit("progress", { step: data.error, fraction: 0, failed: true });
    } else if (data.id !== undefined) {
      this.settle(data);
    }
  }

  settle(data) {
    const entry = this.pending.get(data.id);
    if (!entry) return;
    this.pending.delete(data.id);
    clearTimeout(entry.timer);
    if (data.ok) {
      entry.resolve(data.result);
    } else {
      entry.reject(new RuntimeError(data.error, data.fatal ? "fatal" : "error"));
      if (data.fatal) this.restart("the Python runtime failed and was restarted");
    }
  }

  /** Send a request; resolves with the worker's result. `timeoutMs` ends runaway code by restarting. */
  call(type, args = {}, { timeoutMs = 0 } = {}) {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const entry = { resolve, reject, timer: 0 };
      if (timeoutMs > 0) {
        entry.timer = setTimeout(
          () => this.restart(`stopped after the time limit of ${(timeoutMs / 1000).toFixed(1)} s`, "timeout"),
          timeoutMs,
        );
      }
      this.pending.set(id, entry);
      this.worker.postMessage({ id, type, ...args });
    });
  }

  load(key, source, setup = "", filename = "<demo>") {
    return this.call("load", { key, source, setup, filename });
  }

  run(key, payloads, options) {
    return this.call("run", { key, payloads }, options);
  }

  /** End whatever Python is doing (even `while True: pass`) and start a fresh runtime. */
  restart(reason = "stopped", kind = "stopped") {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(new RuntimeError(reason, kind));
    }
    this.pending.clear();
    this.emit("restart", { reason, kind });
    this.start();
  }

  died(reason) {
    this.restart(reason, "died");
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}

export class RuntimeError extends Error {
  constructor(message, kind) {
    super(message);
    this.kind = kind; // "error" | "fatal" | "stopped" | "timeout" | "died"
  }
}

let shared = null;

/** The page's runtime (created on first use; the worker starts only when `start()` is called). */
export function pageRuntime() {
  if (!shared) shared = new Runtime();
  return shared;
}
