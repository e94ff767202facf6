// mode "bare": loadPyodide alone. mode "library": Pyodide + wheels + the library, then convert on request.
// mode "papa": Papa Parse decode + parse + unparse of the same bytes.
const mode = self.name;
const site = new URL("../", import.meta.url);
let py = null;
const t0 = performance.now();
if (mode === "papa") {
  const { default: Papa } = await import("./papaparse.mjs");
  self.onmessage = (e) => {
    const start = performance.now();
    const text = new TextDecoder().decode(e.data.bytes);
    const parsed = Papa.parse(text, { skipEmptyLines: false });
    const out = new TextEncoder().encode(Papa.unparse(parsed.data, { newline: "\r\n" }));
    self.postMessage({ ms: performance.now() - start, rows: parsed.data.length, out_bytes: out.length });
  };
  self.postMessage({ ready_ms: performance.now() - t0 });
} else {
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", site).href);
  py = await loadPyodide({ indexURL: new URL("pyodide/", site).href });
  const boot_ms = performance.now() - t0;
  if (mode === "library") {
    const assets = await (await fetch(new URL("assets.json", site))).json();
    const errors = [];
    await py.loadPackage(assets.wheels.map((w) => new URL(w, site).href), { errorCallback: (m) => errors.push(m) });
    const zip = new Uint8Array(await (await fetch(new URL(assets.library, site))).arrayBuffer());
    const purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
    py.unpackArchive(zip, "zip", { extractDir: purelib });
    py.runPython("from normalizer.session import Session; import json, time, tracemalloc\nsession = Session()");
    self.onmessage = (e) => {
      const start = performance.now();
      py.globals.get("session").put(e.data.name, py.toPy(e.data.bytes));
      const answer = JSON.parse(py.runPython(
        "session.call(json.dumps({'op': 'run', 'job': 'matters', 'options': {}}))"));
      const ms = performance.now() - start;
      self.postMessage({ ms, ok: answer.ok, rows: answer.report && answer.report.rows_written,
                         heap_bytes: py._module.HEAP8.length, error: answer.error || null });
    };
    self.postMessage({ boot_ms, ready_ms: performance.now() - t0, errors });
  } else {
    self.postMessage({ boot_ms, ready_ms: performance.now() - t0 });
  }
}
