// Runs one measurement in a module worker and leaves the result on window.__bench (read by benchmarks/page.py).
const params = new URLSearchParams(location.search);
const t0 = performance.now();
const worker = new Worker(new URL("./bench-worker.mjs", import.meta.url), { type: "module", name: params.get("mode") });
window.__bench = null;
window.runBench = (payload) => new Promise((resolve) => {
  worker.onmessage = (e) => { window.__bench = e.data; resolve(e.data); };
  worker.postMessage(payload, payload.bytes ? [payload.bytes.buffer] : []);
});
worker.onmessage = (e) => { window.__booted = { ...e.data, page_ms: performance.now() - t0 }; };
