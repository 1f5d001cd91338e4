// Share links: `#code=` + base64url (no padding) of the raw-DEFLATE-compressed UTF-8 program.
// Decoding is bounded: a link cannot make the page inflate more than `maxBytes`.

export const MAX_PROGRAM_BYTES = 200 * 1024;

export class ShareLinkError extends Error {}

export function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkError("the link's code is not base64url text");
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  try {
    return Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0));
  } catch {
    throw new ShareLinkError("the link's code is not valid base64url");
  }
}

export async function encodeProgram(source) {
  const stream = new Blob([new TextEncoder().encode(source)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

// A raw-DEFLATE stream of N bytes of text is never much longer than N (stored blocks add 5 bytes per
// 64 KB), so a longer link is refused before anything is inflated.
const COMPRESSED_SLACK = 1024;
// Fed to the inflater in small pieces: one piece can inflate to at most ~1000 times its size.
const PIECE = 16 * 1024;

function pieces(bytes) {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) { controller.close(); return; }
      controller.enqueue(bytes.subarray(offset, offset + PIECE));
      offset += PIECE;
    },
  });
}

/** The program in a `#code=` value; throws only ShareLinkError (docsgen/sharelink.py is the twin). */
export async function decodeProgram(text, maxBytes = MAX_PROGRAM_BYTES) {
  const size = maxBytes % 1024 === 0 ? `${maxBytes / 1024} KB` : `${maxBytes} bytes`;
  const tooLarge = () => new ShareLinkError(`the shared program is larger than ${size}`);
  const compressed = fromBase64Url(text);
  if (compressed.length > maxBytes + COMPRESSED_SLACK) throw tooLarge();
  const bytes = await inflate(compressed, maxBytes, tooLarge);
  try {
    // ignoreBOM keeps a leading U+FEFF: the program round-trips exactly.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ShareLinkError("the shared program is not UTF-8 text");
  }
}

async function inflate(compressed, maxBytes, tooLarge) {
  const reader = pieces(compressed).pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof ShareLinkError) throw err;
    // Bad data, a stream cut short, or bytes after its end (Chromium refuses those).
    throw new ShareLinkError("the link's code is not a compressed program (it may be cut short)");
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.length; }
  return bytes;
}

/** The program in a location hash (`#code=...`), or null when the hash holds none. */
export function codeFromHash(hash) {
  const match = /^#code=(.*)$/s.exec(hash || "");
  return match ? match[1] : null;
}
