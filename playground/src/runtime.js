// The page's side of the Python runtime: one worker per page, shared by every demo on it.
// Stop (or a dead worker) terminates it and starts a fresh one; `generation` tells callers that
// programs they loaded before are gone.

import { attachFiles } from "./file-bytes.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);
// Seconds one request may run when the site's manifest sets no `limits.run_seconds` (0: no limit).
const DEFAULT_RUN_SECONDS = 10;

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
    this.wasm = null;
  }

  /** Start the worker if it is not running. Cheap to call often (on scroll, hover, click). */
  start() {
    if (this.worker) return;
    this.generation += 1;
    this.state = "loading";
    this.bootError = null;
    // The page may have made the worker as it loaded (early.js), and a live demo's markup started it.
    const early = takeEarlyWorker();
    if (early) {
      early.start(); // if the demo's markup did not
      this.startedAt = early.startedAt;
      this.worker = early.worker;
    } else {
      this.startedAt = performance.now();
      performance.mark("docsgen:runtime-start"); // for the browser's performance panel, benchmarks
      this.worker = new Worker(WORKER_URL, { type: "module" });
      try {
        this.worker.postMessage({ type: "start", wasm: this.wasm });
      } catch {
        this.worker.postMessage({ type: "start" }); // a module that cannot be sent: the worker compiles its own
      }
    }
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault(); // reported here, in the page, not as an uncaught error
      this.died(`the Python worker crashed: ${event.message || "unknown error"}`);
    };
    this.emit("progress", { step: "Starting", fraction: 0.01 });
    // What the early worker said before this runtime listened, in order, once the caller's code has had
    // the chance to listen too (demos.js binds its status lines right after it gets the runtime).
    if (early) queueMicrotask(() => this.replay(early.worker, early.queue.splice(0)));
  }

  replay(worker, said) {
    for (const [kind, data] of said) {
      if (this.worker !== worker) return; // restarted meanwhile
      if (kind === "error") this.died(`the Python worker crashed: ${data}`);
      else this.receive(data);
    }
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
    } else if (data.type === "wasm") {
      this.wasm = data.module; // Pyodide's compiled Wasm, for the next worker after a restart
    } else if (data.type === "manifest") {
      this.manifest = data.manifest;
      this.emit("manifest", data.manifest);
    } else if (data.type === "started") {
      this.startClock(data.id);
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
      entry.resolve(data.result && attachFiles(data.result, data.result.files));
      // MemoryError leaves a worker holding up to 4 GB: give the memory back with a fresh one.
      if (data.result && data.result.error && data.result.error.out_of_memory) {
        this.restart("Python ran out of memory", "memory");
      }
    } else {
      entry.reject(new RuntimeError(data.error, data.fatal ? "fatal" : "error"));
      if (data.fatal) this.restart("the Python runtime failed and was restarted");
    }
  }

  /**
   * Send a request; resolves with the worker's result. Runaway code is ended by restarting the worker
   * after `timeoutMs` (default: the site's per-run time limit), counted from when Python starts on it.
   */
  call(type, args = {}, { timeoutMs } = {}) {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, timer: 0, timeoutMs });
      this.worker.postMessage({ id, type, ...args });
    });
  }

  /** The site's per-run limit in milliseconds (plugin option `run_time_limit`); 0 means none. */
  get timeLimitMs() {
    const limits = (this.manifest && this.manifest.limits) || {};
    const seconds = Number(limits.run_seconds ?? DEFAULT_RUN_SECONDS);
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
  }

  startClock(id) {
    const entry = this.pending.get(id);
    if (!entry) return;
    const ms = entry.timeoutMs ?? this.timeLimitMs;
    if (ms <= 0) return;
    const limit = `${Number((ms / 1000).toFixed(1))} s`;
    entry.timer = setTimeout(() => this.restart(`the run was stopped after ${limit} (the site's time limit per run)`, "timeout"), ms);
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
    this.kind = kind; // "error" | "fatal" | "stopped" | "timeout" | "memory" | "died"
  }
}

let shared = null;

/** The page's runtime (created on first use; the worker starts only when `start()` is called). */
export function pageRuntime() {
  if (!shared) {
    shared = new Runtime();
    if (globalThis.__docsgenEarly?.started) shared.start(); // adopt the worker a demo's markup started
  }
  return shared;
}

/** The worker early.js made as the page was parsed (maybe started by a demo's markup), taken once. */
function takeEarlyWorker() {
  const early = globalThis.__docsgenEarly;
  if (!early || early.taken || early.url !== WORKER_URL.href) return null;
  early.taken = true;
  early.worker.onmessage = null;
  early.worker.onerror = null;
  return early;
}

let observer = null;
const MARGIN = 200; // px: "near the view"

/**
 * Start the page's runtime when one of `sections` (live demos) comes within 200 px of the view, or once the
 * page has loaded and the browser is idle: a reader who scrolls to a demo and presses Run finds Python
 * (nearly) ready. Not when the browser asks to save data: then only a demo in use or near the view loads it.
 */
export function startNearView(sections) {
  const runtime = pageRuntime();
  if (runtime.worker) return;
  // Laid out already (the page's style sheets are in): decide now rather than at the next frame.
  const styled = [...document.querySelectorAll("link[rel=stylesheet]")].every((link) => link.sheet);
  if (styled && [...sections].some(nearView)) {
    runtime.start();
    return;
  }
  if (!navigator.connection?.saveData) startWhenIdle(runtime);
  if (!("IntersectionObserver" in globalThis)) return;
  observer ??= new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      runtime.start();
      observer.disconnect();
    }
  }, { rootMargin: `${MARGIN}px` });
  for (const section of sections) observer.observe(section);
}

function startWhenIdle(runtime) {
  const idle = () => (globalThis.requestIdleCallback ?? setTimeout)(() => runtime.start(), { timeout: IDLE_WAIT });
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}
const IDLE_WAIT = 2000; // ms after the page's load event at most: a busy page still gets Python in time

function nearView(element) {
  const box = element.getBoundingClientRect();
  return box.height > 0 && box.top < innerHeight + MARGIN && box.bottom > -MARGIN;
}
