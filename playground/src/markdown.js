// A small Markdown renderer for output payloads. It escapes all HTML first, then adds only the
// markup it generates itself, so a payload cannot inject tags. Its output is shown in a sandboxed frame.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

function safeUrl(url) {
  return /^(https?:|mailto:|#)/i.test(url);
}

function inline(text) {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*]+)\*/g, "$1<em>$2</em>")
    // Any other scheme (javascript:, data:, ...) loses its link and keeps its text. Not href="#":
    // in a srcdoc frame that resolves to the parent page's URL and would load it inside the frame.
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, url) => (safeUrl(url) ? `<a href="${url}" rel="noopener noreferrer">${label}</a>` : label));
}

export function markdownToHtml(source) {
  const out = [];
  let paragraph = [];
  let list = null;
  let fence = null;
  const flush = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(" "))}</p>`);
    paragraph = [];
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join("")}</${list.tag}>`);
    list = null;
  };
  for (const line of String(source).split("\n")) {
    if (fence !== null) {
      if (/^\s*```/.test(line)) { out.push(`<pre><code>${escapeHtml(fence.join("\n"))}</code></pre>`); fence = null; }
      else fence.push(line);
      continue;
    }
    if (/^\s*```/.test(line)) { flush(); fence = []; continue; }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*([-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (heading) { flush(); out.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`); }
    else if (item) {
      const tag = /\d/.test(item[1]) ? "ol" : "ul";
      if (paragraph.length || (list && list.tag !== tag)) flush();
      list ||= { tag, items: [] };
      list.items.push(item[2]);
    } else if (!line.trim()) flush();
    else paragraph.push(line.trim());
  }
  if (fence !== null) out.push(`<pre><code>${escapeHtml(fence.join("\n"))}</code></pre>`);
  flush();
  return out.join("\n");
}
