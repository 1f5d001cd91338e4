// One renderer per payload kind: an input widget (payload out) and an output view (payload in).
// Payload text is always set as text, never as HTML; HTML and Markdown go into sandboxed frames
// that cannot run scripts or load anything from the network. Files are shown from the bytes a payload
// carries, through object URLs of types that cannot run script (see "files"), never from another host.

import { FILE_BYTES, attachFiles } from "./file-bytes.js";
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
    info.textContent = current ? `Current file: ${fileName(fileOf(current))}` : "No file";
    preview.replaceChildren(current ? fileView(current, spec.kind) : "");
  };
  control.addEventListener("change", async () => {
    const file = control.files && control.files[0];
    if (file) { current = await filePayload(file, spec.initial || spec.example_payload || schemaShape(spec)); show(); }
  });
  // attach: the worker sent the bytes of the sample file the input starts with (a demo's load result).
  const attach = (files) => { if (current && !fileOf(current)[FILE_BYTES]) { attachFiles(current, files); show(); } };
  return { element: field(label, control, [info, preview]), get: () => current, set: (v) => { current = v ?? null; show(); }, attach };
}

/** With no sample to copy the shape of, the schema's: a `path` property means a gradio-style FileData. */
function schemaShape(spec) {
  return spec.api_info && spec.api_info.properties && "path" in spec.api_info.properties ? { path: null } : null;
}

async function filePayload(file, shape) {
  const inner = fileOf(shape);
  if (inner !== shape) { // the upload takes the wrapped file's place (Video's {video, subtitles})
    const key = Object.keys(shape).find((k) => shape[k] === inner);
    return { ...shape, [key]: await filePayload(file, inner) };
  }
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
  const base = typeof v.path === "string" ? v.path.split("/").filter(Boolean).pop() : "";
  return String(v.orig_name || v.name || base || "file");
}

// ---------------------------------------------------------------- files

// A file view puts in the page only object URLs it made itself. Such a URL belongs to the site's origin, and
// a reader can open it in a tab of its own ("Open image in new tab"), where it is shown as its media type says.
// So only images, sound and video, which a tab shows just as the page does, keep their type; any other file
// (HTML, SVG, XML, PDF, text, ...) could be a document that runs script in the site's origin, and is offered
// as a download typed application/octet-stream, which a browser saves instead of showing. PDF too: a PDF
// viewer is not part of every browser (headless Chromium has none), and what it may run is its own business.
const INLINE_TYPES = new Set([
  "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
  "audio/mpeg", "audio/ogg", "audio/wav", "audio/x-wav", "audio/wave", "audio/webm", "audio/flac", "audio/mp4",
  "audio/aac", "video/mp4", "video/webm", "video/ogg",
]);
const DOWNLOAD_TYPE = "application/octet-stream";

/**
 * <dgl-file>: a file view that revokes the object URLs it made when it leaves the page (its output is
 * replaced, or instant navigation swaps the page); until then each one keeps the file's bytes in memory.
 * A view is not moved: once out of the page its URLs are gone for good.
 */
class FileView extends HTMLElement {
  #urls = [];
  #gone = false;

  objectUrl(blob) {
    if (this.#gone) return null; // bytes read after the view was replaced: nobody will see them
    const url = URL.createObjectURL(blob);
    this.#urls.push(url);
    return url;
  }

  disconnectedCallback() {
    this.#gone = true;
    for (const url of this.#urls.splice(0)) URL.revokeObjectURL(url);
  }
}
if (!customElements.get("dgl-file")) customElements.define("dgl-file", FileView);

/**
 * The view of a file payload: its media when the payload carries its bytes in a type safe to show, else a
 * link that downloads the bytes. A file the payload only names (a URL of another host, a path) is named,
 * never loaded.
 */
function fileView(payload, kind) {
  if (Array.isArray(payload)) return h("div", { class: "dgl-files" }, ...payload.map((item) => fileView(item, kind)));
  const v = fileOf(payload);
  const name = fileName(v);
  const bytes = embeddedBytes(v);
  if (!bytes) return notEmbedded(v, name);
  const view = h("dgl-file", { class: "dgl-file-view", style: "display:block" });
  const show = (blob) => view.replaceChildren(bytesView(view, blob, v, kind, name));
  if (bytes instanceof Blob) show(bytes);
  else bytes.then(show, () => view.replaceChildren(h("p", { class: "dgl-file" }, `${name} (its data cannot be read)`)));
  return view;
}

/** The file a payload holds: itself, or the one file it wraps (gradio's Video: {video, subtitles}). */
function fileOf(v) {
  if (!v || typeof v !== "object" || "path" in v || "url" in v || "data" in v) return v;
  const isFile = (x) => x && typeof x === "object" && ("path" in x || "data" in x);
  const files = Object.values(v).filter(isFile);
  return files.length === 1 ? files[0] : v;
}

/**
 * The bytes a payload carries: those the worker sent for its path (file-bytes.js), a Blob from base64
 * `data`, a promise of one from a data: or blob: URL, or null.
 */
function embeddedBytes(v) {
  if (v[FILE_BYTES]) return v[FILE_BYTES];
  if (typeof v.data === "string") return new Blob([Uint8Array.from(atob(v.data), (ch) => ch.charCodeAt(0))]);
  const url = String(v.url || "");
  // Read, not used as it is: a blob: URL from the worker is of the site's origin, with whatever type it was given.
  if (/^(data|blob):/i.test(url)) return fetch(url).then((response) => response.blob());
  return null;
}

function bytesView(view, blob, v, kind, name) {
  const declared = String(v.mime_type || blob.type || "");
  const type = inlineType(declared, kind);
  if (!type) {
    const link = h("a", { href: view.objectUrl(new Blob([blob], { type: DOWNLOAD_TYPE })), download: name }, name);
    return h("p", { class: "dgl-file" }, link, declared ? ` (${declared})` : "");
  }
  const url = view.objectUrl(new Blob([blob], { type }));
  const family = type.split("/")[0];
  const media = family === "image"
    ? h("img", { src: url, alt: name })
    : h(family, { src: url, controls: true, "aria-label": name });
  return h("figure", { class: "dgl-media" }, media, h("figcaption", {}, name));
}

/** The allow-listed type to show the bytes inline as, when the view's kind shows that family ("file": any). */
function inlineType(declared, kind) {
  const type = declared.split(";")[0].trim().toLowerCase();
  if (!INLINE_TYPES.has(type)) return null;
  return kind === "file" || kind === type.split("/")[0] ? type : null;
}

/** A file that is somewhere else: its name, and where it is as text (loading it would leave the site). */
function notEmbedded(v, name) {
  const where = String(v.url || v.path || "");
  // A path with no scheme is a file in the worker: its bytes come with the result that names it.
  if (!v.url && !/^[a-z][a-z0-9+.-]*:/i.test(where)) return h("p", { class: "dgl-file" }, `${name} (shown once Python has loaded)`);
  return h("p", { class: "dgl-file" }, `${name} (not embedded in the payload`,
    where && where !== name ? [", not loaded: ", h("code", { class: "dgl-file-url" }, where)] : [], ")");
}

const OUTPUTS = {
  text: textView, number: textView, boolean: booleanView, choice: choiceView, slider: sliderView,
  json: jsonView, label: labelView, highlight: highlightView, markdown: markdownView, html: htmlView,
  code: codeView, color: colorView, date: dateView, dataframe: tableView, chat: chatView,
  file: (v) => fileView(v, "file"), image: (v) => fileView(v, "image"), audio: (v) => fileView(v, "audio"),
  video: (v) => fileView(v, "video"),
};
