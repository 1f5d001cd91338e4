// Entry point on every page: wires up the live demos and, on the playground page, the playground.
// Nothing loads Python until a demo comes into view or is used.

import { errorBlock, renderFlow } from "./dataflow.js";
import { InputError, createInput, h, renderOutput } from "./renderers.js";
import { pageRuntime, startNearView } from "./runtime.js";

const runtime = pageRuntime();
// How a demo names a run that the runtime ended (RuntimeError.kind).
const FAILURE_TITLES = { stopped: "Stopped", timeout: "Time limit", died: "Python crashed", fatal: "Python crashed" };

/**
 * Progress bar + step text in `status`, kept in step with the shared runtime (until `signal` aborts: the
 * reader left the page).
 */
export function bindStatus(status, signal) {
  const bar = status.querySelector("progress");
  const text = status.querySelector(".dgl-step");
  const update = () => {
    if (runtime.state === "idle") return;
    bar.hidden = runtime.state !== "loading";
    bar.value = runtime.fraction;
    text.textContent = runtime.state === "ready"
      ? `Python ready (${(runtime.bootMs / 1000).toFixed(1)} s)` : runtime.step;
    status.dataset.state = runtime.state;
  };
  runtime.addEventListener("progress", update, { signal });
  runtime.addEventListener("restart", (e) => { text.textContent = `${e.detail.reason}; restarting Python`; }, { signal });
  update();
}

/** Say, in one sentence for the reader, which packages the site lacks (the build log tells its author why). */
export function bindMissing(note, signal) {
  const show = (manifest) => {
    const missing = (manifest.missing || []).map((p) => p.name);
    if (!missing.length) return;
    note.hidden = false;
    note.replaceChildren(`This demo needs ${listed(missing)}, which this site does not include.`);
  };
  if (runtime.manifest) show(runtime.manifest); // read on an earlier page (instant navigation)
  runtime.addEventListener("manifest", (event) => show(event.detail), { signal });
}

/** Press again, now that they listen, the buttons in `root` the reader pressed before (early.js). */
export function replayEarlyClicks(root) {
  for (const button of globalThis.__docsgenEarly?.takeClicks?.(root) || []) button.click();
}

/** "numpy", "numpy and pandas", "numpy, pandas and pillow". */
export function listed(names) {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function setupDemo(section, signal) {
  const spec = JSON.parse(section.querySelector(".dgl-demo-spec").content.textContent);
  if (!spec) return;
  const key = `demo:${spec.component}`;
  const fnEditor = section.querySelector(".dgl-fn");
  const runButton = section.querySelector("[data-action=run]");
  const output = section.querySelector(".dgl-output");
  const flow = section.querySelector(".dgl-flow-list");
  const input = createInput(spec.input, spec.input.label);
  section.querySelector("[data-role=inputs]").replaceChildren(input.element);
  bindStatus(section.querySelector(".dgl-status"), signal);
  bindMissing(section.querySelector(".dgl-missing"), signal);
  let runs = 0;

  const run = async () => {
    let payload;
    try {
      payload = input.get();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      show("error", errorBlock({ type: "InputError", message: err.message, stage: "input" }));
      return;
    }
    runButton.disabled = true;
    output.setAttribute("aria-busy", "true");
    try {
      const loaded = await runtime.load(key, fnEditor.value, spec.setup, "<demo>");
      input.attach?.(loaded.files);
      const result = loaded.ok ? await runtime.run(key, [payload]) : { ok: false, error: loaded.error, stages: null };
      renderFlow(flow, result, [payload]);
      show(result.ok ? "done" : "error", result.ok ? renderOutput(spec.output, result.stages.outputs[0].payload) : errorBlock(result.error));
    } catch (err) {
      show("error", errorBlock({ type: FAILURE_TITLES[err.kind] || "RuntimeError", message: err.message, stage: "runtime" }));
    } finally {
      runButton.disabled = false;
      output.removeAttribute("aria-busy");
    }
  };

  const show = (state, content) => {
    // For benchmarks and the browser's performance panel: when the first output appeared.
    if (runs === 0 && !performance.getEntriesByName("docsgen:first-output").length) performance.mark("docsgen:first-output");
    runs += 1;
    output.replaceChildren(content);
    output.dataset.state = state;
    output.dataset.runs = String(runs);
  };

  runButton.addEventListener("click", run);
  runButton.dataset.wired = "true";
  section.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  // Start Python early when the reader is about to use it; the click itself starts it too.
  for (const name of ["pointerenter", "focusin"]) section.addEventListener(name, () => runtime.start(), { once: true });
  return section;
}

let page = { container: null, scope: null };

/**
 * Wire up the live demos and the playground of the page in view. With mkdocs-material's instant navigation
 * (feature `navigation.instant`) a link swaps the page's content without loading a new page: this runs
 * again for the new content, and the runtime, with Python in it, carries over.
 */
function setupPage() {
  const container = document.querySelector("[data-md-component=container]") || document.body;
  if (container === page.container) return; // the same page (the theme announces the first one too)
  page.scope?.abort(); // the previous page's listeners
  page = { container, scope: new AbortController() };
  const { signal } = page.scope;
  const sections = [...document.querySelectorAll("[data-docsgen-demo]")].filter((s) => setupDemo(s, signal));
  sections.forEach(replayEarlyClicks);
  startNearView(sections); // now if a demo is near the view (if its markup did not already), else when one comes near
  const playground = document.querySelector("[data-docsgen-playground]");
  if (playground) {
    import("./playground.js").then((module) => module.setupPlayground(playground, runtime, signal));
  }
}

setupPage();
// mkdocs-material announces every page it shows, the first one included. On a page whose demo starts with
// it, its scripts run after this one, once Python is in (early.js).
const followTheme = () => globalThis.document$?.subscribe?.(setupPage);
if (globalThis.__docsgenEarly?.afterTheme) globalThis.__docsgenEarly.afterTheme(followTheme);
else followTheme();
