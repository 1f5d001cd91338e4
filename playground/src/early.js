// Inlined by the docsgen plugin at the top of <head> on pages with a live demo or the playground; a classic
// script, so it runs before the page's style sheets and scripts load. Its script tag carries
// data-runtime: the URL of _docsgen/runtime/ relative to the page.
//
// 1. Python's worker, in standby: the thread and worker.js start while the page is parsed, so the runtime
//    is that much closer to ready when a demo calls for it. It fetches its manifest and nothing else (no
//    Pyodide file) until told to start: by a demo's markup when the demo is near the view as the page
//    loads (demo.html.j2), else by runtime.js when a demo comes near the view or is used.
// 2. The theme's search index, later: on a page whose demo starts as the page loads, the search worker of
//    mkdocs-material (which builds the index on load) is created once Python is ready, when the reader
//    goes to the search box, or after 4 s, whichever is first. Both compete for the same CPU otherwise.
(function () {
  if (window.__docsgenEarly || !window.Worker) return;
  var RealWorker = window.Worker;
  var url = new URL("worker.js", new URL(document.currentScript.dataset.runtime, document.baseURI)).href;
  var early = { url: url, queue: [], startedAt: 0, started: false, settled: false };
  try {
    early.worker = new RealWorker(url, { type: "module" });
  } catch (err) {
    return; // no module workers: runtime.js says so when a demo is used
  }
  early.worker.onmessage = function (event) { early.queue.push(["message", event.data]); };
  early.worker.onerror = function (event) { event.preventDefault(); early.queue.push(["error", event.message || "unknown error"]); };
  // Kept when runtime.js adopts the worker (it replaces onmessage): Python is ready, or could not start.
  early.worker.addEventListener("message", function (event) {
    var data = event.data || {};
    if ((data.type === "progress" && data.fraction >= 1) || data.type === "boot-error") settle();
  });
  /** Tell the worker to load Python now (once). */
  early.start = function () {
    if (early.started) return;
    early.started = true;
    early.startedAt = performance.now();
    performance.mark("docsgen:runtime-start");
    early.worker.postMessage({ type: "start" });
  };
  window.__docsgenEarly = early;

  var waiting = [];
  function settle() {
    early.settled = true;
    waiting.splice(0).forEach(function (create) { create(); });
  }
  // The theme creates its search worker as its bundle runs, at the end of the page.
  window.Worker = function (workerURL, options) {
    if (!early.started || early.settled || !/\/workers\/search\.[\w.]*js$/.test(String(workerURL))) {
      return new RealWorker(workerURL, options);
    }
    return deferredWorker(function () { return new RealWorker(workerURL, options); });
  };
  window.Worker.prototype = RealWorker.prototype;

  /** A stand-in that queues messages until the real worker exists (mkdocs-material only posts and listens). */
  function deferredWorker(create) {
    var stub = new EventTarget();
    var real = null;
    var queue = [];
    stub.onmessage = null;
    stub.postMessage = function (message) { if (real) real.postMessage(message); else if (queue) queue.push(message); };
    stub.terminate = function () { if (real) real.terminate(); queue = null; };
    function make() {
      if (real || !queue) return;
      real = create();
      real.onmessage = function (event) {
        var copy = new MessageEvent("message", { data: event.data });
        stub.dispatchEvent(copy);
        if (stub.onmessage) stub.onmessage(copy);
      };
      real.onerror = function (event) { stub.dispatchEvent(new Event("error")); };
      queue.splice(0).forEach(function (message) { real.postMessage(message); });
    }
    waiting.push(make);
    setTimeout(make, 4000);
    // The reader goes to search: build the index now.
    document.addEventListener("focusin", function (event) {
      if (event.target.matches && event.target.matches("[data-md-component=search-query]")) make();
    });
    document.addEventListener("change", function (event) { if (event.target.id === "__search") make(); });
    return stub;
  }
})();
