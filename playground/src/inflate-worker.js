// The worker inflate.js starts: downloads and inflates one file into buffers, and hands each back (transferred)
// as soon as it is full. In: {url, sizes}. Out: {index, bytes} per buffer, or {error}.
import { fetchInto } from "./inflate.js";

self.onmessage = ({ data: { url, sizes } }) => {
  fetchInto(url, sizes, (index, bytes) => postMessage({ index, bytes }, [bytes.buffer])).catch((err) => {
    postMessage({ error: String(err.message || err) });
  });
};
