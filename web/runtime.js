// The page's side of the converter: starts the module worker (worker.mjs), keeps our own boot timeout (Pyodide hangs
// silently when wasm cannot compile), sends requests one by one and matches answers to them. Cancel terminates the
// worker and starts a new one; `generation` tells the page that the new worker has none of its files yet.

export class Cancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "Cancelled";
  }
}

export class RuntimeFailed extends Error {
  constructor(message) {
    super(message);
    this.name = "RuntimeFailed";
  }
}

const BOOT_TIMEOUT_MS = 30000;

export class Runtime extends EventTarget {
  constructor({ timeoutMs = BOOT_TIMEOUT_MS } = {}) {
    super();
    this.timeoutMs = timeoutMs;
    this.generation = 0;
    this.pending = new Map();
    this.nextId = 1;
    this.state = "off";
    this.stage = "";
    this.failure = "";
    this.bootMs = null;
  }

  start() {
    this._stop();
    this.generation += 1;
    this.state = "booting";
    this.stage = "Starting";
    this.failure = "";
    document.documentElement.dataset.runtime = "booting";
    if (this._ready && !this._ready.settled) this._ready.reject(new Cancelled());   // whoever waited on the old boot
    this.ready = new Promise((resolve, reject) => {
      const ready = {
        settled: false,
        resolve: () => { ready.settled = true; resolve(); },
        reject: (err) => { ready.settled = true; reject(err); },
      };
      this._ready = ready;
    });
    this.ready.catch(() => {});
    const worker = new Worker("./worker.mjs", { type: "module", name: "caseclock-converter" });
    this.worker = worker;
    this._timer = setTimeout(() => {
      this._fail(`it did not start within ${this.timeoutMs / 1000} seconds (it was at: ${this.stage})`);
    }, this.timeoutMs);
    worker.onmessage = (event) => {
      if (this.worker === worker) this._message(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.worker === worker) this._fail(event.message || "its script could not be loaded");
    };
    worker.onmessageerror = () => {
      if (this.worker === worker) this._fail("a message from it could not be read");
    };
    this._emit("state");
  }

  /** Terminate the worker (ending any running request) and start a new one. */
  cancel() {
    this._rejectAll(new Cancelled());
    this.start();
  }

  /** Send one request; resolves with the worker's reply. Waits for the boot first. */
  async send(message, transfer = [], onProgress = null) {
    await this.ready;
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  _message(m) {
    if (m.type === "stage") {
      this.stage = m.text;
      this._emit("stage");
    } else if (m.type === "ready") {
      clearTimeout(this._timer);
      this.state = "ready";
      this.bootMs = m.ms;
      document.documentElement.dataset.runtime = "ready";
      this._ready.resolve();
      this._emit("state");
    } else if (m.type === "failed") {
      this._fail(m.message);
    } else if (m.type === "csp") {
      this.dispatchEvent(new CustomEvent("csp", { detail: m }));
    } else if (m.type === "progress") {
      const p = this.pending.get(m.id);
      if (p && p.onProgress) p.onProgress(m);
    } else if (m.id !== undefined && this.pending.has(m.id)) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.type === "error") p.reject(new Error(m.message));
      else p.resolve(m);
    }
  }

  _fail(message) {
    if (this.state === "failed") return;
    clearTimeout(this._timer);
    this.state = "failed";
    this.failure = message;
    document.documentElement.dataset.runtime = "failed";
    if (this.worker) this.worker.terminate();
    this.worker = null;
    const err = new RuntimeFailed(message);
    this._ready.reject(err);
    this._rejectAll(err);
    this._emit("state");
  }

  _rejectAll(err) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  _stop() {
    clearTimeout(this._timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
  }

  _emit(type) {
    this.dispatchEvent(new Event(type));
  }
}
