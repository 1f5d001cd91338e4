// The data-flow panel: what crossed each stage of one run, or where it failed.

import { h } from "./renderers.js";

const STAGES = [
  { key: "payload", title: "Payload from the browser", note: "JSON sent to preprocess" },
  { key: "received", title: "Your function receives", note: "what preprocess returned" },
  { key: "returned", title: "Your function returns", note: "handed to postprocess" },
  { key: "output", title: "Payload after postprocess", note: "JSON rendered as the output" },
];
const FAILED_AT = { syntax: 1, program: 1, preprocess: 0, fn: 1, postprocess: 2 };

const json = (v) => JSON.stringify(v, null, 2);

function valueBlock(item) {
  return h("div", { class: "dgl-value" }, h("code", { class: "dgl-type" }, item.type), h("pre", {}, item.repr));
}

/** Fill `list` (an <ol>) with the four stages of `result` (from Bridge.run), one entry per input/output. */
export function renderFlow(list, result, payloads) {
  const stages = (result && result.stages) || { inputs: [], returned: [], outputs: [] };
  const bodies = {
    payload: (stages.inputs.length ? stages.inputs.map((s) => s.payload) : payloads || []).map((p) => h("pre", {}, json(p))),
    received: stages.inputs.map(valueBlock),
    returned: stages.returned.map(valueBlock),
    output: stages.outputs.map((s) => h("pre", {}, json(s.payload))),
  };
  const error = result && result.error;
  const failedAt = error ? FAILED_AT[error.stage] ?? 1 : -1;
  list.replaceChildren(...STAGES.map((stage, i) => {
    const state = failedAt === -1 || i < failedAt ? "done" : i === failedAt ? "failed" : "skipped";
    const content = state === "failed" ? [errorBlock(error)] : bodies[stage.key].length ? bodies[stage.key] : [h("p", { class: "dgl-empty" }, state === "skipped" ? "not reached" : "—")];
    return h("li", { class: `dgl-stage dgl-${state}`, "aria-label": stage.title },
      h("p", { class: "dgl-stage-title" }, h("span", { class: "dgl-stage-num", "aria-hidden": "true" }, String(i + 1)), stage.title,
        h("small", {}, ` ${stage.note}`)),
      ...content);
  }));
  if (result && (result.stdout || result.stderr)) {
    list.append(h("li", { class: "dgl-stage dgl-printed", "aria-label": "Printed" }, h("p", { class: "dgl-stage-title" }, "Printed"),
      h("pre", {}, (result.stdout || "") + (result.stderr || ""))));
  }
}

/** An exception: the library's own message first, then its traceback. */
export function errorBlock(error) {
  if (error.missing_package) return missingBlock(error);
  const where = error.stage === "preprocess" || error.stage === "postprocess"
    ? `in ${error.component}.${error.stage}` : error.stage === "fn" ? "in your function" : error.stage === "syntax" ? "in your code" : "";
  return h("div", { class: "dgl-error", role: "alert" },
    h("p", { class: "dgl-error-message" }, h("strong", {}, `${error.type}: `), error.message, where ? h("small", {}, ` (${where})`) : ""),
    error.traceback ? h("details", {}, h("summary", {}, "Traceback"), h("pre", {}, error.traceback)) : "");
}

/** A package the site carries only a stand-in of was used: one sentence for the reader, the details folded. */
function missingBlock(error) {
  return h("div", { class: "dgl-error dgl-error-missing", role: "alert" },
    h("p", { class: "dgl-error-message" }, `This demo needs ${error.missing_package}, which this site does not include.`),
    h("details", {}, h("summary", {}, "Details"), h("pre", {}, `${error.type}: ${error.message}\n\n${error.traceback || ""}`)));
}
