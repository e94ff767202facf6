// The converter's worker: Pyodide, the three pinned wheels and the normalizer library, all from this site. Every
// Python call runs here, one at a time; the page only moves bytes and JSON text in and out (see app.js / runtime.js).
//
// page -> worker   {id, type: "put", name, buffer}         the bytes of one file (the ArrayBuffer is transferred)
//                  {id, type: "call", request}              Session.call(JSON) -> {id, type: "answer", answer}
//                  {id, type: "take", name}                 Session.take(name) -> {id, type: "bytes", name, buffer}
//                  {id, type: "resources"}                  this worker's request log (for "How we know")
// worker -> page   {type: "stage", text} while booting, {type: "ready", ms}, {type: "failed", message}
//                  {id, type: "progress", phase, file, fraction} during a long call
//                  {type: "csp", ...} a Content-Security-Policy violation seen in this worker (there should be none)

const site = new URL("./", import.meta.url);
const started = performance.now();
let py = null;
let session = null;
let putBytes = null;
const backlog = [];

self.addEventListener("securitypolicyviolation", (e) => {
  self.postMessage({ type: "csp", directive: e.violatedDirective, blocked: e.blockedURI, where: "worker" });
});

self.onmessage = (event) => {
  if (!session) {
    backlog.push(event.data);          // the page waits for "ready", but keep anything that arrives early
    return;
  }
  handle(event.data);
};

function stage(text) {
  self.postMessage({ type: "stage", text });
}

async function boot() {
  stage("Loading the Python runtime");
  // The build's file list and the library are fetched while Pyodide starts (they do not need it).
  const assetsReady = fetch(new URL("assets.json", site)).then((r) => r.json());
  const zipReady = assetsReady.then((a) => fetch(new URL(a.library, site))).then((r) => r.arrayBuffer());
  zipReady.catch(() => {});
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", site).href);
  py = await loadPyodide({ indexURL: new URL("pyodide/", site).href });

  stage("Installing the reading libraries");
  const assets = await assetsReady;
  const errors = [];
  // loadPackage never throws when a wheel fails to load: it only reports through errorCallback.
  await py.loadPackage(assets.wheels.map((w) => new URL(w, site).href), {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  if (errors.length) throw new Error(`a library could not be installed: ${errors.join("; ")}`);

  stage("Loading the converter");
  const zip = await zipReady;
  const digest = await crypto.subtle.digest("SHA-256", zip);
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  if (assets.library_sha256 && hex !== assets.library_sha256) {
    throw new Error("the converter's files do not match this build (reload the page)");
  }
  const purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  py.unpackArchive(new Uint8Array(zip), "zip", { extractDir: purelib });
  // openpyxl is installed but not imported: the library imports it only when a workbook arrives.
  py.runPython(`
from normalizer.session import Session
session = Session()

def put_bytes(name, data):
    session.put(name, data.to_bytes())
`);
  session = py.globals.get("session");
  putBytes = py.globals.get("put_bytes");
}

function handle(msg) {
  const { id, type } = msg;
  try {
    if (type === "put") {
      putBytes(msg.name, new Uint8Array(msg.buffer));
      self.postMessage({ id, type: "done" });
    } else if (type === "call") {
      let lastPost = 0;
      const onProgress = (phase, file, fraction) => {
        const now = performance.now();
        if (now - lastPost < 100 && fraction < 1) return;      // the page throttles again; this only saves posts
        lastPost = now;
        self.postMessage({ id, type: "progress", phase, file, fraction });
      };
      const text = session.call(JSON.stringify(msg.request), onProgress);
      self.postMessage({ id, type: "answer", answer: JSON.parse(text) });
    } else if (type === "take") {
      // Python bytes -> JS without a str round-trip: copy the buffer out, release it, then transfer the copy.
      const proxy = session.take(msg.name);
      let copy;
      try {
        const view = proxy.getBuffer("u8");
        try {
          copy = view.data.slice();
        } finally {
          view.release();
        }
      } finally {
        proxy.destroy();
      }
      self.postMessage({ id, type: "bytes", name: msg.name, buffer: copy.buffer }, [copy.buffer]);
    } else if (type === "resources") {
      const entries = performance.getEntriesByType("resource").map((e) => ({
        name: e.name, type: e.initiatorType, size: e.transferSize || e.encodedBodySize || 0,
      }));
      self.postMessage({ id, type: "resources", entries });
    } else {
      self.postMessage({ id, type: "error", message: `unknown request ${type}` });
    }
  } catch (err) {
    self.postMessage({ id, type: "error", message: String((err && err.message) || err).split("\n").slice(-2).join(" ") });
  }
}

boot().then(
  () => {
    self.postMessage({ type: "ready", ms: Math.round(performance.now() - started) });
    for (const msg of backlog.splice(0)) handle(msg);
  },
  (err) => {
    self.postMessage({ type: "failed", message: String((err && err.message) || err) });
  },
);
