// Inlined by the docsgen plugin at the top of <head> on pages with a live demo or the playground; a classic
// script, so it runs before the page's style sheets and scripts load. Its script tag carries
// data-runtime: the URL of _docsgen/runtime/ relative to the page.
//
// 1. Python's worker, in standby: the thread and worker.js start while the page is parsed, so the runtime
//    is that much closer to ready when a demo calls for it. It fetches its manifest and nothing else (no
//    Pyodide file) until told to start: by a demo's markup when the demo is near the view as the page
//    loads (demo.html.j2), else by runtime.js when a demo comes near the view or is used.
// 2. The theme's scripts, later: on a page whose demo starts as the page loads, the plugin leaves the
//    theme's scripts inert (docsgen/bundle/early.py) and they run once Python is ready and has answered
//    the demo (after a frame, so that answer is on screen first), when the reader reaches for the page
//    outside the demos, or 2 s after navigation, whichever is first. mkdocs-material's bundle takes
//    100-200 ms of the main thread, and Python loads on the same few cores.
// 3. The theme's search index, later: if the theme runs before Python is ready, its search worker (which
//    builds the index on load) is created once Python is ready, when the reader goes to the search box,
//    or 4 s after navigation.
(function () {
  if (window.__docsgenEarly) return;
  var early = { queue: [], startedAt: 0, started: false, ready: false, settled: false, start: function () {} };
  var whenSettled = [];
  window.__docsgenEarly = early;
  var runtimeURL = new URL(document.currentScript.dataset.runtime, document.baseURI);
  if (window.Worker) standbyWorker(new URL("worker.js", runtimeURL).href);
  // mkdocs-material styles a page for "no-js" until its bundle runs (no search box, the navigation laid out
  // otherwise): with the bundle held, the page would change under the reader when it runs.
  if ("themeHeld" in document.currentScript.dataset) document.documentElement.classList.replace("no-js", "js");
  holdTheme();
  holdSearchWorker();
  keepEarlyClicks();

  // 4. A press of Run or Submit before demos.js (or the playground, which loads after it) has wired the
  //    buttons is kept, and replayed by them once they listen: the reader who presses Run at first paint
  //    gets a run, not nothing. It starts Python at once.
  function keepEarlyClicks() {
    var kept = [];
    document.addEventListener("click", function (event) {
      var button = event.target && event.target.closest && event.target.closest("[data-action=run], [data-action=submit]");
      if (!button || button.dataset.wired || button.disabled) return;
      if (kept.indexOf(button) < 0) kept.push(button);
      button.setAttribute("aria-busy", "true");
      early.start();
    }, true);
    /** The kept presses within `root`, forgotten here: the caller, now listening, replays them. */
    early.takeClicks = function (root) {
      var mine = kept.filter(function (button) { return root.contains(button); });
      kept = kept.filter(function (button) { return mine.indexOf(button) < 0; });
      mine.forEach(function (button) { button.removeAttribute("aria-busy"); });
      return mine;
    };
  }

  function settle() {
    if (early.settled) return;
    early.settled = true;
    whenSettled.splice(0).forEach(function (then) { then(); });
  }

  function standbyWorker(url) {
    try {
      early.worker = new Worker(url, { type: "module" });
    } catch (err) {
      return; // no module workers: runtime.js says so when a demo is used
    }
    early.url = url;
    var worker = early.worker;
    var open = {}; // ids of the page's requests that Python has not answered yet
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      if (!early.settled && message && message.id) open[message.id] = true;
      return post.apply(worker, arguments);
    };
    worker.onmessage = function (event) { early.queue.push(["message", event.data]); };
    worker.onerror = function (event) { event.preventDefault(); early.queue.push(["error", event.message || "unknown error"]); };
    // Kept when runtime.js adopts the worker (it replaces onmessage).
    worker.addEventListener("message", function (event) {
      if (early.settled) return; // a program's output may be many messages: nothing to watch for any more
      var data = event.data || {};
      if (data.type === "boot-error") return settle();
      if (data.type === "progress" && data.fraction >= 1) early.ready = true;
      if ("ok" in data) delete open[data.id];
      if (early.ready && !Object.keys(open).length) afterFrame(function () { if (!Object.keys(open).length) settle(); });
    });
    /** Tell the worker to load Python now (once). */
    early.start = function () {
      if (early.started) return;
      early.started = true;
      early.startedAt = performance.now();
      performance.mark("docsgen:runtime-start");
      worker.postMessage({ type: "start" });
    };
  }

  function afterFrame(then) {
    requestAnimationFrame(function () { setTimeout(then, 0); });
  }

  function holdTheme() {
    var ran = false;
    var called = false; // early.theme(): the page holds the theme's scripts
    var afterTheme = [];
    /** Call `then` once the theme's scripts have run (at once if they have, or if none were held). */
    early.afterTheme = function (then) {
      if (ran) then();
      else afterTheme.push(then);
    };
    function finish() {
      ran = true;
      afterTheme.splice(0).forEach(function (then) { then(); });
    }
    // A page whose theme is not mkdocs-material has no scripts held (and no call to early.theme).
    document.addEventListener("DOMContentLoaded", function () { if (!called) finish(); });
    /** Called where the theme's scripts were, at the end of the page: run them now, or once Python is in. */
    early.theme = function () {
      called = true;
      var held = [].slice.call(document.querySelectorAll('script[type="text/x-docsgen-later"]'));
      var begun = false;
      var readerEvents = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "focusin"];
      function go(keydown) {
        if (begun) return;
        begun = true;
        readerEvents.forEach(function (type) { removeEventListener(type, onReader, true); });
        runInOrder(held, function () {
          performance.mark("docsgen:theme"); // for the browser's performance panel, tests, benchmarks
          finish();
          // The key that woke the theme was pressed before the theme listened for it (e.g. "/" for search).
          if (keydown) keydown.target.dispatchEvent(new KeyboardEvent("keydown", keydown));
        });
      }
      function onReader(event) {
        var target = event.target;
        if (target.closest && target.closest("[data-docsgen-demo], [data-docsgen-playground]")) return;
        go(event.type === "keydown" ? keyInit(event) : null);
      }
      if (!early.started || early.settled) return go();
      whenSettled.push(function () { go(); });
      setTimeout(go, Math.max(0, 2000 - performance.now()));
      readerEvents.forEach(function (type) { addEventListener(type, onReader, { capture: true, passive: true }); });
    };
  }

  function keyInit(event) {
    return {
      target: event.target, key: event.key, code: event.code, location: event.location, repeat: event.repeat,
      ctrlKey: event.ctrlKey, shiftKey: event.shiftKey, altKey: event.altKey, metaKey: event.metaKey,
      bubbles: true, cancelable: true, composed: true,
    };
  }

  /**
   * Run the held scripts one after the other, as the page would have: the theme's bundle, then the site's
   * extra scripts. They were written to run before the page's DOMContentLoaded; a listener they add for an
   * event that has already fired is called at once.
   */
  function runInOrder(held, done) {
    var restore = lateEvents();
    (function next(i) {
      if (i === held.length) {
        restore();
        return done();
      }
      var inert = held[i];
      var script = document.createElement("script");
      [].forEach.call(inert.attributes, function (attr) {
        if (attr.name !== "type" && attr.name !== "defer") script.setAttribute(attr.name, attr.value);
      });
      if (inert.src) {
        script.async = false;
        script.onload = script.onerror = function () { next(i + 1); };
        inert.replaceWith(script);
      } else {
        script.textContent = inert.textContent;
        inert.replaceWith(script); // runs as it is inserted
        next(i + 1);
      }
    })(0);
  }

  function lateEvents() {
    var targets = [document, window];
    var wrappers = targets.map(function (target) {
      var add = target.addEventListener;
      return target.addEventListener = function (type, listener, options) {
        var fired = (type === "DOMContentLoaded" && document.readyState !== "loading") ||
          (type === "load" && target === window && document.readyState === "complete");
        if (!fired || !listener) return add.apply(this, arguments);
        setTimeout(function () {
          var event = new Event(type);
          if (typeof listener === "function") listener.call(target, event);
          else listener.handleEvent(event);
        }, 0);
      };
    });
    return function () {
      targets.forEach(function (target, i) { if (target.addEventListener === wrappers[i]) delete target.addEventListener; });
    };
  }

  function holdSearchWorker() {
    var RealWorker = window.Worker;
    if (!RealWorker) return;
    // The theme creates its search worker as its bundle runs.
    window.Worker = function (workerURL, options) {
      if (!early.started || early.settled || !/\/workers\/search\.[\w.]*js$/.test(String(workerURL))) {
        return new RealWorker(workerURL, options);
      }
      return deferredWorker(function () { return new RealWorker(workerURL, options); });
    };
    window.Worker.prototype = RealWorker.prototype;
  }

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
    whenSettled.push(make);
    setTimeout(make, Math.max(0, 4000 - performance.now()));
    // The reader goes to search: build the index now.
    document.addEventListener("focusin", function (event) {
      if (event.target.matches && event.target.matches("[data-md-component=search-query]")) make();
    });
    document.addEventListener("change", function (event) { if (event.target.id === "__search") make(); });
    return stub;
  }
})();
