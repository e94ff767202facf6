// What both sections of the page share: the converter (one worker), the status region, progress with Cancel, the
// error summary, and which section is shown. Each section registers its hooks (where an error points by default,
// how to re-render after a failure, how to reveal a field); nothing here knows what a section does.

import { $, h, fill, capitalise, focus } from "./dom.js";
import { Runtime, Cancelled, RuntimeFailed } from "./runtime.js";

export const runtime = new Runtime();

/** The session's files are forgotten all at once by the client/matter section when it opens a new file: a section
 * that keeps files of its own in the session compares this epoch to know it must put them again. */
export const sessionFiles = { epoch: 0 };

export const shortName = (file) => String(file).split("/").pop();
export const stemOf = (name) => shortName(name).replace(/\.[^.]+$/, "");

export class OutcomeError extends Error {
  constructor(error, answer) {
    super((error && error.message) || "the converter could not do this");
    this.error = error || {};
    this.answer = answer;
  }
}

// =============================================================================================== sections
const hooks = {};
export const sections = { current: "matters" };
const SECTION_TITLES = {
  matters: "CaseClock CSV Normalizer: convert your client and matter list",
  entries: "CaseClock CSV Normalizer: time entries to a billing file",
};

/** hooks: {defaultTarget() -> id, rerender(), reveal(el), onShow({focusHeading})} */
export function registerSection(name, sectionHooks) {
  hooks[name] = sectionHooks;
}

const active = () => hooks[sections.current] || {};

/** Show one section (the other is hidden, its work kept), mark its link as the current page. */
export function showSection(name, { focusHeading = true } = {}) {
  const changed = name !== sections.current;
  sections.current = name;
  for (const el of document.querySelectorAll("[data-section]")) el.hidden = el.dataset.section !== name;
  for (const link of document.querySelectorAll("[data-section-link]")) {
    if (link.dataset.sectionLink === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = SECTION_TITLES[name] || document.title;
  if (changed) {
    clearErrors();
    statusEl.textContent = "";
  }
  if (hooks[name] && hooks[name].onShow) hooks[name].onShow({ focusHeading, changed });
}

// =============================================================================================== status & progress
const statusEl = $("status");

export function say(text) {
  if (statusEl.textContent === text) {
    statusEl.textContent = "";
    setTimeout(() => { statusEl.textContent = text; }, 50);
  } else {
    statusEl.textContent = text;
  }
}

export function clearStatus() {
  statusEl.textContent = "";
}

let busy = 0;
export function setBusy(delta) {
  busy = Math.max(0, busy + delta);
  document.documentElement.dataset.busy = busy > 0 ? "1" : "0";
}

let currentWork = null;
export const workShown = () => Boolean(currentWork && currentWork.shown);
export const repaintWork = () => { if (currentWork && currentWork.shown) currentWork.paint(); };

/** One piece of work that may take a while: after half a second a labelled <progress> and a Cancel button show,
 * and the status says so at the start, every 2 s or 10 %, and (through the caller) at the end. */
export class Work {
  constructor(label) {
    this.label = label;
    this.shown = false;
    this.fraction = null;
    this.lastSaid = 0;
    this.lastFraction = 0;
    currentWork = this;
    this.timer = setTimeout(() => this.show(), 500);
  }

  show() {
    if (currentWork !== this) return;
    this.shown = true;
    $("progress-label").textContent = `${this.label}…`;
    this.paint();
    $("progress-panel").hidden = false;
    document.body.classList.add("has-progress");
    say(`${this.label}…`);
    this.lastSaid = performance.now();
  }

  update({ fraction }) {
    this.fraction = fraction;
    if (!this.shown) return;
    this.paint();
    const now = performance.now();
    if (now - this.lastSaid >= 2000 || fraction - this.lastFraction >= 0.1) {
      say(`${this.label}: ${Math.round(fraction * 100)} %`);
      this.lastSaid = now;
      this.lastFraction = fraction;
    }
  }

  paint() {
    const bar = $("progress");
    if (this.fraction === null) {
      bar.removeAttribute("value");
      $("progress-text").textContent = runtime.state === "ready" ? "" : "Waiting for the converter to start";
    } else {
      bar.value = Math.round(this.fraction * 100);
      $("progress-text").textContent = `${Math.round(this.fraction * 100)} %`;
    }
  }

  close() {
    clearTimeout(this.timer);
    if (currentWork === this) {
      currentWork = null;
      $("progress-panel").hidden = true;
      document.body.classList.remove("has-progress");
    }
  }
}

/** Run an action: busy while it runs (tests wait on html[data-busy="0"]), progress if slow, errors shown. */
export async function act(label, fn, { onError = null } = {}) {
  setBusy(+1);
  clearErrors();
  const work = new Work(label);
  try {
    await fn(work);
  } catch (err) {
    work.close();
    handleError(err, label, onError);
  } finally {
    work.close();
    setBusy(-1);
  }
}

function rerender() {
  if (active().rerender) active().rerender();
}

function defaultTarget() {
  return active().defaultTarget ? active().defaultTarget() : null;
}

function handleError(err, label, onError) {
  if (err instanceof Cancelled) {
    say(`Cancelled: ${label.charAt(0).toLowerCase()}${label.slice(1)} was stopped and nothing was changed. The converter is starting again.`);
    rerender();
  } else if (err instanceof RuntimeFailed) {
    showBootError();
  } else if (err instanceof OutcomeError) {
    const items = onError ? onError(err) : null;
    showErrors(items || [{ text: describeError(err.error), target: defaultTarget() }]);
    say(`Could not finish: ${describeError(err.error)}`);
    rerender();
  } else {
    console.error(err);
    const text = `Something went wrong: ${(err && err.message) || err}`;
    showErrors([{ text, target: defaultTarget() }]);
    say(text);
    rerender();
  }
}

export function describeError(error) {
  const where = [error.file ? shortName(error.file) : null, error.line ? `line ${error.line}` : null,
    error.column ? `column ${error.column}` : null].filter(Boolean).join(", ");
  let message = String(error.message || "the converter could not do this").trim();
  if (!/[.!?]$/.test(message)) message += ".";
  return where ? `${where}: ${message}` : capitalise(message);
}

// =============================================================================================== error summary
export function showErrors(items, { retry = false } = {}) {
  fill($("error-summary-list"), items.map(({ text, target }) => h("li", {},
    target ? h("a", { href: `#${target}`, on: { click: (e) => { e.preventDefault(); goToField(target); } } }, text) : text)));
  $("error-summary-actions").hidden = !retry;
  $("error-summary").hidden = false;
  focus($("error-summary"));
}

export function clearErrors() {
  $("error-summary").hidden = true;
  $("error-summary-list").replaceChildren();
}

export function goToField(id) {
  const el = $(id);
  if (!el) return;
  const container = el.closest("[data-section]");
  if (container && container.dataset.section !== sections.current) showSection(container.dataset.section, { focusHeading: false });
  if (active().reveal) active().reveal(el);
  for (let d = el.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
  focus(el);
}

export function showBootError() {
  const reason = (runtime.failure || "it stopped").trim().replace(/[.\s]+$/, "");
  showErrors([{ text: `The converter could not start: ${reason}. Your file has not been read. Check that this page was opened from its own address, then try again.` }], { retry: true });
  say("The converter could not start.");
}

// =============================================================================================== files out
export function downloadText(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export function mimeOf(name) {
  if (name.endsWith(".csv")) return "text/csv";
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".toml")) return "application/toml";
  if (name.endsWith(".txt")) return "text/plain";
  if (name.endsWith(".zip")) return "application/zip";
  if (name.endsWith(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return "application/octet-stream";
}

export { Cancelled, RuntimeFailed };


/** The drop target around a "Choose … file" button: announces entering and leaving once, takes one file, and keeps
 *  a file dropped anywhere else on the page from replacing the page. */
export function initDropZone(zone, onFile, buttonId, oneAtATime) {
  const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
  let inside = false;
  zone.addEventListener("dragenter", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    zone.classList.add("drag-over");
    if (!inside) say("Over the drop zone: let go to read the file.");
    inside = true;
  });
  zone.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  });
  zone.addEventListener("dragleave", (e) => {
    if (zone.contains(e.relatedTarget)) return;
    zone.classList.remove("drag-over");
    if (inside) say("Left the drop zone.");
    inside = false;
  });
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    e.stopPropagation();
    zone.classList.remove("drag-over");
    inside = false;
    const files = Array.from(e.dataTransfer.files || []);
    if (files.length !== 1) {
      showErrors([{ text: oneAtATime, target: buttonId }]);
      return;
    }
    onFile(files[0]);
  });
  window.addEventListener("dragover", (e) => { if (hasFiles(e)) e.preventDefault(); });
  window.addEventListener("drop", (e) => { if (!zone.contains(e.target)) e.preventDefault(); });
}
