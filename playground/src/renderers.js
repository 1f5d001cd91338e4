// One renderer per payload kind: an input widget (payload out) and an output view (payload in).
// Payload text is always set as text, never as HTML; HTML and Markdown go into sandboxed frames
// that cannot run scripts or load anything from the network.

import { markdownToHtml } from "./markdown.js";

export class InputError extends Error {}

/** Build an element: h("p", {class: "x"}, "text", child). Strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

// ---------------------------------------------------------------- inputs

/** An input widget for `spec` (from describe()), labelled `label`; returns {element, get, set}. */
export function createInput(spec, label, initial = spec.initial) {
  const make = INPUTS[spec.kind] || jsonInput;
  const widget = make(spec, label);
  widget.set(initial);
  return widget;
}

function field(label, control, extra = []) {
  const id = control.id || (control.id = nextId("dgl-in"));
  return h("div", { class: "dgl-field" }, h("label", { for: id, class: "dgl-label" }, label), control, ...extra);
}

function textInput(spec, label) {
  const multi = (spec.props && spec.props.lines > 1) || spec.kind === "code";
  const control = multi
    ? h("textarea", { rows: Math.max(3, Math.min(12, (spec.props && spec.props.lines) || 4)), class: "dgl-control" })
    : h("input", { type: "text", class: "dgl-control" });
  if (spec.kind === "code" || spec.kind === "markdown" || spec.kind === "html") control.classList.add("dgl-mono");
  if (spec.props && spec.props.placeholder) control.placeholder = spec.props.placeholder;
  return {
    element: field(label, control),
    get: () => control.value,
    set: (v) => { control.value = v === null || v === undefined ? "" : String(v); },
  };
}

function markupInput(spec, label) {
  return textInput({ ...spec, props: { ...(spec.props || {}), lines: 5 } }, label);
}

function numberInput(spec, label) {
  const control = h("input", { type: "number", step: "any", class: "dgl-control" });
  return {
    element: field(label, control),
    get: () => (control.value === "" ? null : Number(control.value)),
    set: (v) => { control.value = v === null || v === undefined ? "" : String(v); },
  };
}

function booleanInput(spec, label) {
  const control = h("input", { type: "checkbox", id: nextId("dgl-in") });
  const element = h("div", { class: "dgl-field dgl-inline" }, control, h("label", { for: control.id }, label));
  return { element, get: () => control.checked, set: (v) => { control.checked = Boolean(v); } };
}

function choiceInput(spec, label) {
  const choices = (spec.options && spec.options.choices) || [];
  const multi = Boolean(spec.options && spec.options.multiselect);
  if (!multi && spec.name && spec.name.toLowerCase() === "dropdown") return dropdownInput(choices, label);
  const name = nextId("dgl-choice");
  const boxes = choices.map((choice) => {
    const box = h("input", { type: multi ? "checkbox" : "radio", name, value: choice, id: nextId("dgl-opt") });
    return { box, element: h("span", { class: "dgl-option" }, box, h("label", { for: box.id }, choice)) };
  });
  const element = h("fieldset", { class: "dgl-field dgl-choices" }, h("legend", { class: "dgl-label" }, label),
    ...boxes.map((b) => b.element));
  return {
    element,
    get: () => {
      const picked = boxes.filter((b) => b.box.checked).map((b) => b.box.value);
      return multi ? picked : (picked[0] ?? null);
    },
    set: (v) => {
      const wanted = new Set(Array.isArray(v) ? v.map(String) : v === null || v === undefined ? [] : [String(v)]);
      for (const b of boxes) b.box.checked = wanted.has(b.box.value);
    },
  };
}

function dropdownInput(choices, label) {
  const control = h("select", { class: "dgl-control" }, h("option", { value: "" }, "(none)"),
    ...choices.map((c) => h("option", { value: c }, c)));
  return {
    element: field(label, control),
    get: () => (control.value === "" ? null : control.value),
    set: (v) => { control.value = v === null || v === undefined ? "" : String(v); },
  };
}

function sliderInput(spec, label) {
  const p = spec.props || {};
  const schema = spec.api_info || {};
  const min = p.minimum ?? schema.minimum ?? 0;
  const max = p.maximum ?? schema.maximum ?? 100;
  const control = h("input", { type: "range", min, max, step: p.step ?? "any", class: "dgl-range" });
  const shown = h("output", { for: "", class: "dgl-range-value" });
  // The exact payload is kept until the reader moves the slider: the range snaps to its step,
  // and the demo should show what the library's own preprocess does with an off-step value.
  let exact = null;
  const sync = () => { shown.textContent = String(exact ?? control.value); };
  control.addEventListener("input", () => { exact = null; sync(); });
  return {
    element: field(label, control, [shown]),
    get: () => exact ?? Number(control.value),
    set: (v) => { exact = v === null || v === undefined ? null : Number(v); control.value = String(v ?? min); sync(); },
  };
}

function colorInput(spec, label) {
  const text = h("input", { type: "text", class: "dgl-control dgl-mono", spellcheck: "false" });
  const picker = h("input", { type: "color", "aria-label": `${label} (picker)`, class: "dgl-swatch-input" });
  picker.addEventListener("input", () => { text.value = picker.value; });
  text.addEventListener("input", () => { if (/^#[0-9a-f]{6}$/i.test(text.value)) picker.value = text.value.toLowerCase(); });
  return {
    element: field(label, text, [picker]),
    get: () => text.value || null,
    set: (v) => { text.value = v || ""; if (/^#[0-9a-f]{6}$/i.test(text.value)) picker.value = text.value.toLowerCase(); },
  };
}

function dateInput(spec, label) {
  const control = h("input", { type: "date", class: "dgl-control" });
  return { element: field(label, control), get: () => control.value || null, set: (v) => { control.value = v || ""; } };
}

function fileInput(spec, label) {
  let current = null;
  const control = h("input", { type: "file", class: "dgl-control" });
  const info = h("div", { class: "dgl-file-info" });
  const preview = h("div", { class: "dgl-file-preview" });
  const show = () => {
    info.textContent = current ? `Current file: ${fileName(current)}` : "No file";
    preview.replaceChildren(current ? fileView(current, spec.kind) : "");
  };
  control.addEventListener("change", async () => {
    const file = control.files && control.files[0];
    if (file) { current = await filePayload(file, spec.initial || spec.example_payload); show(); }
  });
  return { element: field(label, control, [info, preview]), get: () => current, set: (v) => { current = v ?? null; show(); } };
}

async function filePayload(file, shape) {
  const dataUrl = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  const mime = file.type || "application/octet-stream";
  // Follow the shape the library uses: base64 "data" (examplelib) or a URL (gradio's FileData).
  if (shape && typeof shape === "object" && !("data" in shape)) {
    return { path: file.name, url: dataUrl, orig_name: file.name, size: file.size, mime_type: mime, meta: { _type: "gradio.FileData" } };
  }
  return { name: file.name, mime_type: mime, data: String(dataUrl).split(",", 2)[1] };
}

function tableInput(spec, label) {
  let headers = [];
  const table = h("table", { class: "dgl-table dgl-table-edit" });
  const wrapper = h("div", { class: "dgl-field", role: "group", "aria-label": label },
    h("span", { class: "dgl-label" }, label), h("div", { class: "dgl-scroll" }, table));
  const cells = [];
  const set = (v) => {
    headers = (v && v.headers) || [];
    const rows = (v && v.data) || [];
    cells.length = 0;
    table.replaceChildren(
      h("thead", {}, h("tr", {}, ...headers.map((name) => h("th", { scope: "col" }, String(name))))),
      h("tbody", {}, ...rows.map((row, r) => h("tr", {}, ...row.map((value, c) => {
        const input = h("input", { type: "text", class: "dgl-cell", "aria-label": `Row ${r + 1}, ${headers[c] ?? c}` });
        input.value = value === null || value === undefined ? "" : String(value);
        cells.push({ input, r, c, numeric: typeof value === "number" });
        return h("td", {}, input);
      })))),
    );
  };
  const get = () => {
    const data = [];
    for (const { input, r, c, numeric } of cells) {
      (data[r] ||= [])[c] = numeric && input.value.trim() !== "" && !Number.isNaN(Number(input.value))
        ? Number(input.value) : input.value;
    }
    return { headers, data };
  };
  return { element: wrapper, get, set };
}

function jsonInput(spec, label) {
  const control = h("textarea", { rows: 6, class: "dgl-control dgl-mono", spellcheck: "false" });
  return {
    element: field(/json/i.test(label) ? label : `${label} (JSON)`, control),
    get: () => {
      const text = control.value.trim();
      if (!text) return null;
      try { return JSON.parse(text); } catch (err) { throw new InputError(`${label}: not valid JSON (${err.message})`); }
    },
    set: (v) => { control.value = v === undefined ? "" : JSON.stringify(v, null, 2); },
  };
}

const INPUTS = {
  text: textInput, code: textInput, markdown: markupInput, html: markupInput, number: numberInput,
  boolean: booleanInput, choice: choiceInput, slider: sliderInput, color: colorInput, date: dateInput,
  file: fileInput, image: fileInput, audio: fileInput, video: fileInput, dataframe: tableInput,
  json: jsonInput, label: jsonInput, highlight: jsonInput, chat: jsonInput,
};

// ---------------------------------------------------------------- outputs

/** The view of an output payload. */
export function renderOutput(spec, payload) {
  if (payload === null || payload === undefined) return h("p", { class: "dgl-empty" }, "(empty: None)");
  const render = OUTPUTS[spec.kind] || jsonView;
  try {
    return render(payload, spec);
  } catch {
    return jsonView(payload); // a payload of an unexpected shape still shows
  }
}

const textView = (v) => h("div", { class: "dgl-text" }, String(v));
const jsonView = (v) => h("pre", { class: "dgl-json" }, JSON.stringify(v, null, 2));

function booleanView(v) {
  return h("p", { class: "dgl-bool" }, h("span", { "aria-hidden": "true" }, v ? "☑ " : "☐ "), String(Boolean(v)));
}

function choiceView(v) {
  const items = Array.isArray(v) ? v : [v];
  return h("ul", { class: "dgl-tags" }, ...items.map((item) => h("li", {}, String(item))));
}

function sliderView(v, spec) {
  const p = spec.props || {};
  const min = p.minimum ?? 0;
  const max = p.maximum ?? 100;
  return h("div", { class: "dgl-slider-view" }, h("meter", { min, max, value: v, "aria-label": "Position" }), h("span", {}, String(v)));
}

function colorView(v) {
  return h("p", { class: "dgl-color" }, h("span", { class: "dgl-swatch", style: `background:${cssColor(v)}` }), h("code", {}, String(v)));
}

function cssColor(v) {
  return /^#[0-9a-f]{3,8}$/i.test(String(v)) || /^rgba?\([\d.,\s%]+\)$/i.test(String(v)) ? String(v) : "transparent";
}

function labelView(v) {
  const confidences = Array.isArray(v.confidences) ? v.confidences : [];
  return h("div", { class: "dgl-labels" },
    h("p", { class: "dgl-top-label" }, String(v.label ?? "")),
    h("ul", {}, ...confidences.map((c) => {
      const pct = Math.round(Number(c.confidence) * 1000) / 10;
      return h("li", {}, h("span", { class: "dgl-bar", style: `--dgl-pct:${Math.max(0, Math.min(100, pct))}%` }),
        h("span", { class: "dgl-bar-label" }, `${c.label}`), h("span", { class: "dgl-bar-value" }, `${pct}%`));
    })));
}

function highlightView(v) {
  const spans = Array.isArray(v) ? v : Array.isArray(v.entities) ? [] : [];
  return h("p", { class: "dgl-highlight" }, ...spans.map(([text, label]) => (label === null || label === undefined
    ? h("span", {}, String(text))
    : h("mark", { "data-label": String(label) }, String(text), h("small", { class: "dgl-mark-label" }, String(label))))));
}

function chatView(v) {
  return h("ol", { class: "dgl-chat" }, ...v.map((m) => h("li", { class: `dgl-msg dgl-${m.role === "user" ? "user" : "bot"}` },
    h("span", { class: "dgl-role" }, String(m.role)), h("span", { class: "dgl-content" }, typeof m.content === "string" ? m.content : JSON.stringify(m.content)))));
}

function tableView(v) {
  const headers = v.headers || [];
  return h("div", { class: "dgl-scroll" }, h("table", { class: "dgl-table" },
    h("thead", {}, h("tr", {}, ...headers.map((name) => h("th", { scope: "col" }, String(name))))),
    h("tbody", {}, ...(v.data || []).map((row) => h("tr", {}, ...row.map((cell) => h("td", {}, cell === null ? "" : String(cell))))))));
}

function codeView(v) {
  return h("pre", { class: "dgl-code" }, h("code", {}, String(v)));
}

function dateView(v) {
  return h("p", {}, h("time", { datetime: String(v) }, String(v)));
}

function markdownView(v) {
  return sandboxFrame(markdownToHtml(String(v)), "Rendered Markdown");
}

function htmlView(v) {
  return sandboxFrame(String(v), "Rendered HTML");
}

/** A frame that can show markup but not run it: no allow-scripts; CSP forbids every network load. */
export function sandboxFrame(html, title) {
  const csp = "default-src 'none'; img-src data: blob:; media-src data: blob:; style-src 'unsafe-inline'";
  const doc = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">`
    + "<style>body{font:15px/1.5 system-ui,sans-serif;margin:.5rem;color:#1f2328}</style>" + html;
  // allow-same-origin (without allow-scripts) only lets this page measure the frame's height.
  const frame = h("iframe", { sandbox: "allow-same-origin", title, class: "dgl-frame", srcdoc: doc, referrerpolicy: "no-referrer" });
  frame.addEventListener("load", () => {
    const body = frame.contentDocument && frame.contentDocument.documentElement;
    if (body) frame.style.height = `${Math.min(600, body.scrollHeight + 4)}px`;
  });
  return frame;
}

function fileName(v) {
  return String(v.orig_name || v.name || v.path || "file");
}

function fileUrl(v) {
  if (typeof v.data === "string") {
    const bytes = Uint8Array.from(atob(v.data), (ch) => ch.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], { type: v.mime_type || "application/octet-stream" }));
  }
  const url = String(v.url || "");
  // Only in-page data: nothing is fetched from another host.
  return /^(data|blob):/.test(url) ? url : null;
}

function fileView(v, kind) {
  const url = fileUrl(v);
  const name = fileName(v);
  const mime = String(v.mime_type || "");
  if (!url) return h("p", {}, `${name} (not embedded in the payload)`);
  const type = kind === "file" ? mime.split("/")[0] : kind;
  if (type === "image") return h("figure", { class: "dgl-media" }, h("img", { src: url, alt: name }), h("figcaption", {}, name));
  if (type === "audio") return h("figure", { class: "dgl-media" }, h("audio", { src: url, controls: true, "aria-label": name }), h("figcaption", {}, name));
  if (type === "video") return h("figure", { class: "dgl-media" }, h("video", { src: url, controls: true, "aria-label": name }), h("figcaption", {}, name));
  return h("p", { class: "dgl-file" }, h("a", { href: url, download: name }, name), mime ? ` (${mime})` : "");
}

const OUTPUTS = {
  text: textView, number: textView, boolean: booleanView, choice: choiceView, slider: sliderView,
  json: jsonView, label: labelView, highlight: highlightView, markdown: markdownView, html: htmlView,
  code: codeView, color: colorView, date: dateView, dataframe: tableView, chat: chatView,
  file: (v) => fileView(v, "file"), image: (v) => fileView(v, "image"), audio: (v) => fileView(v, "audio"),
  video: (v) => fileView(v, "video"),
};
