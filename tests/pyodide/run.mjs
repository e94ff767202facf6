// Runs tests/pyodide/driver.py inside Pyodide (Node), offline, with the project's pinned runtime and wheels.
//
//   node tests/pyodide/run.mjs MANIFEST.json OUT.json
//
// MANIFEST: {indexURL, wheels: [paths, install order], library: path of normalizer.zip, driver: path of driver.py,
//            jobs: [{id, kind, path (host file), name}]}
// OUT: {ok, timings_ms, network, environment, imports, jobs, timings} or {ok: false, error}. Pyodide's own stdout
// goes to stderr so nothing mixes with the result. Exit status 0 when the driver ran, 1 otherwise.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [manifestPath, outPath] = process.argv.slice(2);
if (!manifestPath || !outPath) {
  console.error("usage: node run.mjs MANIFEST.json OUT.json");
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const timings = {};
const network = [];
const now = () => performance.now();
const lap = (name, t0) => (timings[name] = Math.round(now() - t0));

// No network: any fetch of a non-file URL is recorded and refused (Pyodide would otherwise try the CDN).
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = String(input?.url ?? input);
  if (!url.startsWith("file:")) {
    network.push(url);
    throw new Error(`network access refused in test: ${url}`);
  }
  return realFetch(input, init);
};

function finish(result, code) {
  writeFileSync(outPath, JSON.stringify({ ...result, timings_ms: timings, network }));
  process.exit(code);
}

try {
  const total = now();
  let t0 = now();
  const indexURL = manifest.indexURL.endsWith("/") ? manifest.indexURL : manifest.indexURL + "/";
  const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
  const py = await loadPyodide({
    indexURL,
    stdout: (m) => process.stderr.write(m + "\n"),
    stderr: (m) => process.stderr.write(m + "\n"),
  });
  lap("boot", t0);

  // Wheels: unpackArchive needs a Uint8Array (a Buffer gives "Unknown typed array type 'Buffer'"). No micropip.
  t0 = now();
  for (const wheel of manifest.wheels) {
    py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
  }
  lap("install_wheels", t0);

  // The library, packed by build.py, goes into site-packages like an installed wheel would.
  t0 = now();
  const purelib = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
  py.unpackArchive(new Uint8Array(readFileSync(manifest.library)), "zip", { extractDir: purelib });
  py.FS.mkdirTree("/caseclock/in");
  py.FS.writeFile("/caseclock/driver.py", readFileSync(manifest.driver));
  const jobs = manifest.jobs.map((job, i) => {
    const path = `/caseclock/in/${i}`;
    py.FS.writeFile(path, new Uint8Array(readFileSync(job.path)));
    return { ...job, path };
  });
  lap("install_library", t0);

  t0 = now();
  py.runPython(`
import importlib, sys
importlib.invalidate_caches()
sys.path.insert(0, "/caseclock")
import chardet, openpyxl, normalizer, driver
`);
  lap("import", t0);

  t0 = now();
  const runManifest = py.globals.get("driver").run_manifest;
  const out = runManifest(JSON.stringify({ ...manifest, jobs }));
  runManifest.destroy();
  lap("run", t0);
  lap("total", total);
  finish({ ok: true, ...JSON.parse(out) }, 0);
} catch (err) {
  finish({ ok: false, error: String(err?.stack ?? err) }, 1);
}
