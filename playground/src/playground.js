// The playground page: an editor, Run / Submit / Stop / Reset / Share, inputs, outputs, a console.

import { errorBlock, renderFlow } from "./dataflow.js";
import { bindMissing, bindStatus, replayEarlyClicks } from "./demos.js";
import { InputError, createInput, h, renderOutput } from "./renderers.js";
import { ShareLinkError, codeFromHash, decodeProgram, encodeProgram } from "./sharelink.js";

const KEY = "playground";
// Kinds of RuntimeError whose reason the runtime's "restart" event already put in the console.
const ANNOUNCED = new Set(["stopped", "timeout", "died"]);

/** A CodeMirror editor when the site has its bundle, else the plain textarea already on the page. */
async function makeEditor(root, onRun) {
  const textarea = root.querySelector("[data-role=editor] textarea");
  const plain = {
    get: () => textarea.value,
    set: (text) => { textarea.value = text; },
    focus: () => textarea.focus(),
  };
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); onRun(); }
  });
  try {
    const { createEditor } = await import("./editor.js");
    const editor = createEditor(textarea.parentElement, textarea.value, { label: "Program", onRun });
    textarea.remove();
    return editor;
  } catch {
    return plain;
  }
}

/** Wire up the playground in `root`; `signal` aborts when the reader leaves the page (instant navigation). */
export async function setupPlayground(root, runtime, signal) {
  const examples = JSON.parse(root.querySelector(".dgl-pg-examples").content.textContent) || [];
  const select = root.querySelector("#dgl-pg-examples");
  const buttons = Object.fromEntries([...root.querySelectorAll("[data-action]")].map((b) => [b.dataset.action, b]));
  const inputsBox = root.querySelector("[data-role=inputs]");
  const outputsBox = root.querySelector("[data-role=outputs]");
  const consoleBox = root.querySelector(".dgl-console");
  const flow = root.querySelector(".dgl-flow-list");
  const shareBox = root.querySelector(".dgl-share");
  const shareField = shareBox.querySelector("input");
  bindStatus(root.querySelector(".dgl-status"), signal);
  bindMissing(root.querySelector(".dgl-missing"), signal);

  let program = null; // {source, generation, inputs: [widget], outputs: [{spec, box}]}
  const log = (text, kind = "info") => {
    consoleBox.append(h("span", { class: `dgl-log-${kind}` }, text.endsWith("\n") ? text : `${text}\n`));
    consoleBox.scrollTop = consoleBox.scrollHeight;
  };
  runtime.addEventListener("stream", (event) => log(event.detail.text, event.detail.stream), { signal });
  runtime.addEventListener("restart", (event) => log(`${event.detail.reason}. Python was restarted.`, "info"), { signal });

  const editor = await makeEditor(root, () => run());

  async function load(source) {
    const result = await runtime.load(KEY, source, "", "<playground>");
    if (!result.ok) {
      const e = result.error;
      log(`${e.type}: ${e.message}${e.line ? ` (line ${e.line})` : ""}`, "stderr");
      if (e.traceback && e.stage !== "syntax") log(e.traceback, "stderr");
      return null;
    }
    for (const warning of result.warnings || []) log(`warning: ${warning}`, "stderr");
    return result;
  }

  async function run() {
    const source = editor.get();
    buttons.run.disabled = true;
    buttons.submit.disabled = true;
    log("▶ Run", "info");
    try {
      const result = await load(source);
      if (!result) {
        program = null;
        root.dataset.state = "error";
        return;
      }
      showProgram(source, result);
      root.dataset.state = "loaded";
    } catch (err) {
      failed(err);
    } finally {
      buttons.run.disabled = false;
    }
  }

  function showProgram(source, result) {
    const inputs = result.inputs.map((spec) => createInput(spec, spec.label));
    inputsBox.replaceChildren(...inputs.map((w) => w.element));
    const outputs = result.outputs.map((spec) => {
      const box = h("div", { class: "dgl-output", role: "region", "aria-label": spec.label, "aria-live": "polite" },
        h("p", { class: "dgl-empty" }, "Press Submit."));
      return { spec, box, element: h("div", { class: "dgl-field" }, h("p", { class: "dgl-label" }, spec.label), box) };
    });
    outputsBox.replaceChildren(...outputs.map((o) => o.element));
    program = { source, generation: runtime.generation, inputs, outputs };
    buttons.submit.disabled = false;
  }

  async function submit() {
    if (!program) return;
    let payloads;
    try {
      payloads = program.inputs.map((w) => w.get());
    } catch (err) {
      if (err instanceof InputError) { log(err.message, "stderr"); return; }
      throw err;
    }
    buttons.submit.disabled = true;
    root.dataset.state = "running";
    try {
      // After Stop the runtime is a fresh one: execute the program again, silently.
      if (program.generation !== runtime.generation) {
        if (!(await load(program.source))) return;
        program.generation = runtime.generation;
      }
      const result = await runtime.run(KEY, payloads);
      renderFlow(flow, result, payloads);
      if (result.ok) {
        result.stages.outputs.forEach((stage, i) => program.outputs[i].box.replaceChildren(renderOutput(program.outputs[i].spec, stage.payload)));
      } else {
        const box = program.outputs[0] ? program.outputs[0].box : outputsBox;
        box.replaceChildren(errorBlock(result.error));
        log(result.error.traceback || `${result.error.type}: ${result.error.message}`, "stderr");
      }
      root.dataset.state = result.ok ? "done" : "error";
    } catch (err) {
      failed(err);
    } finally {
      if (program) buttons.submit.disabled = false;
    }
  }

  /** A request the runtime ended: Stop, the time limit and a crash are logged by the restart itself. */
  function failed(err) {
    if (!ANNOUNCED.has(err.kind)) log(err.message, "stderr");
    root.dataset.state = err.kind === "stopped" || err.kind === "timeout" ? err.kind : "error";
  }

  function stop() {
    runtime.restart("Stopped");
    buttons.run.disabled = false;
    if (program) buttons.submit.disabled = false;
  }

  function reset() {
    const example = examples[Number(select.value) || 0];
    editor.set(example ? example.code : "");
    program = null;
    inputsBox.replaceChildren(h("p", { class: "dgl-empty" }, "Press Run to show the program's inputs."));
    outputsBox.replaceChildren();
    flow.replaceChildren();
    consoleBox.replaceChildren();
    buttons.submit.disabled = true;
    root.dataset.state = "reset";
  }

  async function share() {
    const url = `${location.href.split("#")[0]}#code=${await encodeProgram(editor.get())}`;
    shareBox.hidden = false;
    shareField.value = url;
    shareField.select();
    try {
      await navigator.clipboard.writeText(url);
      log("Share link copied to the clipboard.", "info");
    } catch {
      log("Share link ready: copy it from the field above.", "info");
    }
  }

  // Said above the editor, where the reader looks first; the console keeps a copy.
  const shareNote = h("p", { class: "dgl-share-note", hidden: true });
  root.querySelector("[data-role=editor]").before(shareNote);

  async function openSharedLink() {
    const code = codeFromHash(location.hash);
    if (code === null) return;
    let text;
    try {
      editor.set(await decodeProgram(code));
      text = "This program comes from a shared link. It has not run: read it, then press Run.";
      root.dataset.shared = "loaded";
    } catch (err) {
      // The editor keeps what it had; nothing from the link is used.
      const reason = err instanceof ShareLinkError ? err.message : "the link cannot be read";
      text = `This share link cannot be opened: ${reason}.`;
      root.dataset.shared = "invalid";
    }
    const invalid = root.dataset.shared === "invalid";
    shareNote.setAttribute("role", invalid ? "alert" : "status");
    shareNote.className = `dgl-share-note${invalid ? " dgl-share-invalid" : ""}`;
    shareNote.textContent = text;
    shareNote.hidden = false;
    log(text, invalid ? "stderr" : "info");
  }

  buttons.run.addEventListener("click", run);
  buttons.submit.addEventListener("click", submit);
  buttons.stop.addEventListener("click", stop);
  buttons.reset.addEventListener("click", reset);
  buttons.share.addEventListener("click", share);
  select.addEventListener("change", () => { editor.set(examples[Number(select.value)].code); });
  for (const name of ["pointerenter", "focusin"]) root.addEventListener(name, () => runtime.start(), { once: true });
  window.addEventListener("hashchange", openSharedLink, { signal });
  await openSharedLink();
  for (const button of [buttons.run, buttons.submit]) button.dataset.wired = "true";
  root.dataset.ready = "true";
  replayEarlyClicks(root);
}
