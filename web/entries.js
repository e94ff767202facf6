// The page's second section: time entries -> the file a billing system imports (or LEDES 1998B). Four steps over the
// same worker session as the first section: choose the entries (CaseClock's export, or notes drafted into entries)
// and the matter list, choose the billing system and its options, review (the same summary, table and fixes as the
// client/matter list), download. It holds no conversion logic: the library answers (normalizer/session.py).
// Everything taken from a file is rendered as text (dom.js never parses HTML).

import {
  $, h, fill, append, fmtInt, fmtBytes, count, vh, capitalise, listWords, lineList, quoted, shellWord,
  severityTag, severityWord, focus,
} from "./dom.js";
import {
  runtime, sessionFiles, shortName, stemOf, OutcomeError, registerSection, say, setBusy, act,
  describeError, showErrors, clearErrors, clearStatus, mimeOf, initDropZone,
} from "./shell.js";
import {
  PAGE_SIZE, SEVERITY_RANK, groupIssues, renderProblemGroups, renderFilterControls, rangeText as rowsRangeText, renderPager,
  disablePager, filterLabel, initPaging, columnNames, fixColumn, renderRowsTable, reviewRow as renderReviewRow, createFixForm,
  upsertFixes, withoutFix, undoFocus, renderFixList, takeDownloads, blobURLs, renderDownloadList, initCopyCommand,
} from "./review.js";

const STEPS = ["choose", "options", "review", "download"];
const FILTERS = [["all", "All"], ["problems", "Problems"], ["errors", "Errors"], ["warnings", "Warnings"],
  ["left_out", "Rejected"], ["changed", "Edited"]];
const OUTCOMES = { written: ["Written", "✓"], rejected: ["Rejected: not written", "✕"] };
const codeTitle = (code) => ((E.codes && E.codes.get(code)) || {}).title || code;
// Problems a matter choice settles (the message names the candidates, the session lists them).
const MATTER_PICK = new Set(["matter-ambiguous", "matter-not-found", "matter-is-closed", "matter-typo",
  "client-matter-mismatch", "matter-name-not-unique", "matter-missing", "matter-partial"]);
// The targets, billing systems first, in the mapping files' words; the support level said plainly.
// Targets are listed by how well the evidence shows their import (the mapping files' `support`), then by name:
// no system is named here.
const SUPPORT_ORDER = ["documented", "seen-in-public-code", "third-party-doc", "migration-template", "no-file-import",
  "standard", "own-format"];
const SUPPORT_WORDS = {
  documented: "documented import", "seen-in-public-code": "import template seen in public code",
  "third-party-doc": "described by third-party documentation", "migration-template": "a migration template",
  standard: "the e-billing standard", "own-format": "CaseClock’s own format",
};
const SUPPORT_HINT = {
  documented: "The system documents this import file and its columns.",
  "seen-in-public-code": "The system publishes no specification; the template’s columns were checked against public code.",
  "third-party-doc": "The system publishes no specification; a third party documents the layout.",
  "migration-template": "A data-migration template, not an everyday import: check the first import carefully.",
  "no-file-import": "This system has no file import for time entries. The file lists the entries in its own field names, to key them in or send them through its API; it says so on its first lines.",
  standard: "An invoice file many corporate clients’ e-billing systems accept.",
  "own-format": "CaseClock’s own export layout (for a round trip or a tidy copy).",
};
const ROUNDING = [["up", "Up to the increment", "The usual billing rule: 0.25 h becomes 0.3 h."],
  ["nearest", "To the nearest increment", "0.25 h becomes 0.3 h, 0.22 h becomes 0.2 h."],
  ["none", "Don’t round", "Durations are written as given."]];
const DATE_FORMATS = [["%m/%d/%Y", "month/day/year"], ["%d/%m/%Y", "day/month/year"], ["%Y-%m-%d", "year-month-day (ISO)"]];
const SAMPLE_DAY = new Date(2025, 10, 17);

let part1 = { summary: () => null, matterList: async () => null };

const E = {
  step: "choose",
  reached: 0,
  entries: null,           // {name, blob, size, kind: "file" | "notes"}
  notes: null,             // {text, name, date, timekeeper, date_order}: the notes the draft came from
  draft: null,             // the notes op's answer (the draft's name and the notes report)
  matters: null,           // {name, blob, size, from: "section" | "file" | "sample", key?}
  put: { generation: -1, epoch: -1, key: "" },
  targets: null,
  options: freshOptions(),
  fixes: [],
  fixNotes: new Map(),
  run: null,
  runKey: 0,
  runGeneration: -1,
  ranWith: null,           // the request the shown run was made with
  codes: null,
  rows: { filter: "all", start: 0, answer: null },
  downloads: { key: -1, generation: -1, urls: [], byName: {}, blobs: {} },
  samples: [],
};

function freshOptions() {
  return {
    target: "clio", round: null, increment: "0.1", date_format: "", split: false,
    ledes: { invoice_number: "", invoice_date: isoDay(new Date()), law_firm_id: "", client_id: "" },
  };
}

function isoDay(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** strftime for the date patterns the targets use (%Y %y %m %d %-m %-d), to show an example. */
function formatDate(d, fmt) {
  const pad = (n) => String(n).padStart(2, "0");
  return fmt.replace(/%-m/g, String(d.getMonth() + 1)).replace(/%-d/g, String(d.getDate()))
    .replace(/%Y/g, String(d.getFullYear())).replace(/%y/g, pad(d.getFullYear() % 100))
    .replace(/%m/g, pad(d.getMonth() + 1)).replace(/%d/g, pad(d.getDate()));
}

const target = (id = E.options.target) => (E.targets || []).find((t) => t.id === id) || null;

/** "Clio Activities CSV (documented import)", "PracticePanther time entries (API v2 field names) — no file import
 * exists: rows for its API": the mapping file's label and its evidence, said plainly. */
function targetLabel(t) {
  if (t.support === "no-file-import") {
    return `${t.label} — no file import exists: ${/\bAPI\b/.test(t.label) ? "rows for its API" : "a sheet to key the entries in"}`;
  }
  return `${t.label} (${SUPPORT_WORDS[t.support] || t.support.replace(/-/g, " ")})`;
}

// =============================================================================================== the session
async function send(request, work = null) {
  const reply = await runtime.send({ type: "call", request }, [], work ? (m) => work.update(m) : null);
  const answer = reply.answer;
  if (!answer.ok) throw new OutcomeError(answer.error, answer);
  return answer;
}

const filesKey = () => [E.entries && E.entries.kind === "file" ? E.entries.name : "", E.matters ? E.matters.name : "",
  E.notes ? JSON.stringify(E.notes) : ""].join("\u0000");

/** Put this section's files into the session again when the converter restarted, the other section cleared the
 * session, or the files changed; a draft made from notes is made again from the same notes (the same bytes). */
async function ensureFiles(work = null) {
  await runtime.ready;
  if (E.put.generation === runtime.generation && E.put.epoch === sessionFiles.epoch && E.put.key === filesKey()) return;
  for (const item of [E.matters, E.entries && E.entries.kind === "file" ? E.entries : null]) {
    if (!item) continue;
    const buffer = await item.blob.arrayBuffer();
    await runtime.send({ type: "put", name: item.name, buffer }, [buffer]);
  }
  if (E.notes) {
    E.draft = await send(notesRequest(E.notes), work);
    E.entries = { name: E.draft.file, size: E.draft.size, kind: "notes" };
  }
  E.put = { generation: runtime.generation, epoch: sessionFiles.epoch, key: filesKey() };
}

async function call(request, work = null) {
  await ensureFiles(work);
  return send(request, work);
}

async function loadTargets() {
  if (E.targets) return;
  await runtime.ready;
  const answer = await send({ op: "targets" });
  const order = (t) => { const i = SUPPORT_ORDER.indexOf(t.support); return i < 0 ? SUPPORT_ORDER.length : i; };
  E.targets = answer.targets.slice().sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
  if (!E.codes) {
    const c = await send({ op: "codes" });
    E.codes = new Map(c.codes.map((x) => [x.code, x]));
  }
}

// =============================================================================================== steps
function showStep(step, { focusHeading = true } = {}) {
  if (step !== E.step) clearStatus();
  E.step = step;
  for (const s of STEPS) $(`entries-step-${s}`).hidden = s !== step;
  renderNav();
  if (focusHeading) {
    const heading = $(`h-entries-${step}`);
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  }
}

function renderNav() {
  STEPS.forEach((s, i) => {
    const link = $(`nav-entries-${s}`);
    const current = s === E.step;
    if (current) link.setAttribute("aria-current", "step");
    else link.removeAttribute("aria-current");
    if (!current && i <= E.reached) link.setAttribute("href", `#entries-step-${s}`);
    else link.removeAttribute("href");
    link.parentElement.dataset.status = current ? "current" : i <= E.reached ? "done" : "todo";
  });
}

async function openStep(step) {
  const index = STEPS.indexOf(step);
  if (index > E.reached) return;
  clearErrors();
  if (step === "choose") renderChoose();
  if (step === "options") await showOptions();
  else if (step === "review") {
    renderReview();
    showStep(step);
    if (E.runGeneration !== runtime.generation || E.put.epoch !== sessionFiles.epoch) {
      await act("Converting the entries again", async (work) => {
        await runAgain(work);
        renderReview();
      });
    }
  } else if (step === "download") {
    showStep(step);
    await prepareDownloads();
  } else {
    showStep(step);
  }
}

function defaultTarget() {
  return { choose: "entries-choose-button", options: "entries-options-next", review: "h-entries-review", download: "h-entries-download" }[E.step];
}

function rerender() {
  const id = document.activeElement && document.activeElement.id;
  if (E.step === "choose") renderChoose();
  if (E.step === "options" && E.targets) renderOptions();
  if (E.step === "review" && E.run) renderReview();
  if (id && $(id) && document.activeElement !== $(id) && !$(id).closest("[hidden]")) $(id).focus({ preventScroll: true });
}

function reveal(el) {
  const step = el.closest("section.step");
  if (step && step.hidden && step.id.startsWith("entries-step-")) showStep(step.id.slice("entries-step-".length), { focusHeading: false });
  const ledes = el.closest("#ledes-fieldset");
  if (ledes) ledes.hidden = false;
}

// =============================================================================================== step 1: choose
function renderChoose() {
  const from = part1.summary();
  const use = $("entries-matters-use-part1");
  use.hidden = !from || (E.matters && E.matters.from === "section" && E.matters.key === from.key);
  if (from) {
    fill(use, "Use ", h("span", { class: "mono" }, from.name), ` (${count(from.rows, "matter")}, converted in “Client & matter list”)`);
  }
  const status = $("entries-matters-status");
  if (E.matters) {
    const where = { section: "converted in “Client & matter list”", file: "chosen", sample: "the sample’s" }[E.matters.from];
    fill(status, h("strong", {}, "Matter list: "), h("span", { class: "mono" }, E.matters.name), `, ${fmtBytes(E.matters.size)} (${where}).`);
  } else {
    fill(status, "No matter list yet. ", from ? "Use the list you converted, or choose one." : "Choose one (or go on without: the entries’ matters are then written as they were said, which most billing systems cannot match).");
  }
  $("entries-matters-clear").hidden = !E.matters;
  const file = $("entries-file-status");
  if (E.entries && E.entries.kind === "file") fill(file, h("span", { class: "mono" }, E.entries.name), `, ${fmtBytes(E.entries.size)}`);
  else file.textContent = "No file chosen";
}

function resetRun() {
  for (const url of E.downloads.urls) URL.revokeObjectURL(url);
  Object.assign(E, {
    run: null, runGeneration: -1, ranWith: null, fixes: [], fixNotes: new Map(),
    rows: { filter: "all", start: 0, answer: null }, downloads: { key: -1, generation: -1, urls: [], byName: {}, blobs: {} },
  });
  E.reached = Math.min(E.reached, E.entries ? 1 : 0);
}

function setMatters(item) {
  E.matters = item;
  resetRun();
  renderChoose();
  renderNav();
}

async function useSectionList() {
  await act("Taking the converted matter list", async (work) => {
    const got = await part1.matterList(work);
    if (!got) throw new Error("the client and matter list has no converted file yet");
    const from = part1.summary();
    setMatters({ name: got.name, blob: got.blob, size: got.blob.size, from: "section", key: from && from.key });
    focus($("entries-matters-status"));
    say(`The matter list is ${got.name}, converted in the first section.`);
  });
}

async function chooseEntries(file, blob = file) {
  E.entries = { name: file.name, size: file.size, blob, kind: "file" };
  E.notes = null;
  E.draft = null;
  resetRun();
  renderChoose();
  say(`${file.name}, ${fmtBytes(file.size)}. Choose the billing system next.`);
  E.reached = Math.max(E.reached, 1);
  await showOptions();
}

async function draftNotes() {
  clearErrors();
  const text = $("notes-text").value;
  const errors = [];
  setFieldError("notes-text", null);
  setFieldError("notes-date", null);
  if (!E.matters) errors.push({ text: "Choose a matter list first: each note’s matter is found in it.", target: "entries-matters-choose" });
  if (!text.trim()) {
    errors.push({ text: "Enter your notes, one a line.", target: "notes-text" });
    setFieldError("notes-text", "Enter your notes, one a line.");
  }
  const date = $("notes-date").value;
  if (!date) {
    errors.push({ text: "Enter the day the notes are about.", target: "notes-date" });
    setFieldError("notes-date", "Enter the day the notes are about.");
  }
  if (errors.length) {
    showErrors(errors);
    say(`${count(errors.length, "thing")} to correct before the notes can be read.`);
    return;
  }
  const notes = { text, name: "notes.txt", date, timekeeper: $("notes-timekeeper").value.trim(), date_order: $("notes-date-order").value };
  await act("Reading your notes", async (work) => {
    const before = { notes: E.notes, entries: E.entries, draft: E.draft };
    E.notes = notes;
    try {
      await ensureFiles(work);
    } catch (err) {
      Object.assign(E, before);
      E.put.key = "";
      throw err;
    }
    resetRun();
    const c = E.draft.report;
    E.reached = Math.max(E.reached, 1);
    await showOptions();
    say(`Read ${count(c.notes_read, "note")}: ${count(c.entries_drafted, "draft entry", "draft entries")}, ${fmtInt(c.entries_complete)} complete, ${fmtInt(c.entries_need_attention)} need attention. Choose the billing system next.`);
  }, { onError: (err) => [{ text: describeError(err.error), target: E.matters ? "notes-text" : "entries-matters-choose" }] });
}

function notesRequest(n) {
  const request = { op: "notes", text: n.text, name: n.name, matters: E.matters.name, date: n.date, date_order: n.date_order };
  if (n.timekeeper) request.timekeeper = n.timekeeper;
  return request;
}

async function trySample(sample) {
  setBusy(+1);
  try {
    const get = async (item) => {
      const response = await fetch(item.url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.blob();
    };
    const [entries, matters] = await Promise.all([get(sample.entries), get(sample.matters)]);
    E.matters = { name: sample.matters.file, blob: matters, size: matters.size, from: "sample" };
    await chooseEntries({ name: sample.entries.file, size: entries.size }, entries);
  } catch (err) {
    showErrors([{ text: `The sample could not be opened (${err.message}).`, target: `sample-${sample.id}` }]);
  } finally {
    setBusy(-1);
  }
}

async function initSamples() {
  let listing = null;
  try {
    listing = await (await fetch("samples.json")).json();
  } catch {
    listing = null;
  }
  E.samples = (listing && !Array.isArray(listing) && listing.entries) || [];
  const box = $("entries-sample-list").closest(".samples");
  box.hidden = !E.samples.length;
  fill($("entries-sample-list"), E.samples.map((s) => h("li", {},
    h("button", { type: "button", class: "button sample-button", id: `sample-${s.id}`, on: { click: () => trySample(s) } },
      s.id === "week" ? "Try the sample week" : `Try ${s.label}`),
    h("span", { class: "hint sample-note" }, ` ${s.label}: `, h("span", { class: "mono" }, s.entries.file), " with ",
      h("span", { class: "mono" }, s.matters.file)))));
}

function initChoose() {
  const input = $("entries-file-input");
  $("entries-choose-button").addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    input.value = "";
    if (file) chooseEntries(file);
  });
  initDropZone($("entries-drop-zone"), chooseEntries, "entries-choose-button", "Drop one entries file at a time.");
  const mattersInput = $("entries-matters-input");
  $("entries-matters-choose").addEventListener("click", () => mattersInput.click());
  mattersInput.addEventListener("change", () => {
    const file = mattersInput.files && mattersInput.files[0];
    mattersInput.value = "";
    if (!file) return;
    setMatters({ name: file.name, blob: file, size: file.size, from: "file" });
    say(`The matter list is ${file.name}, ${fmtBytes(file.size)}. It is read when the entries are converted.`);
  });
  $("entries-matters-use-part1").addEventListener("click", useSectionList);
  $("entries-matters-clear").addEventListener("click", () => {
    setMatters(null);
    focus($("entries-matters-choose"));
    say("No matter list: the entries’ matters are written as they were said.");
  });
  $("notes-form").addEventListener("submit", (e) => {
    e.preventDefault();
    draftNotes();
  });
  $("notes-date").value = isoDay(new Date());
}

// =============================================================================================== step 2: options
async function showOptions() {
  if (!E.targets) {
    await act("Loading the billing systems", async () => { await loadTargets(); });
    if (!E.targets) return;
  }
  renderOptions();
  showStep("options");
}

function renderOptions() {
  const o = E.options;
  const t = target();
  const source = E.entries ? (E.entries.kind === "notes" ? `The entries drafted from your notes (${E.entries.name})` : E.entries.name) : "No entries";
  fill($("entries-options-lead"), h("span", { class: E.entries && E.entries.kind === "file" ? "mono" : null }, source),
    E.matters ? [", matched to the matters of ", h("span", { class: "mono" }, E.matters.name), "."] : ", with no matter list.");

  fill($("entries-targets"), E.targets.map((x) => h("div", { class: "radio-item" },
    h("input", { type: "radio", name: "entries-target", id: `target-${x.id}`, value: x.id, checked: x.id === o.target,
      "aria-describedby": `target-${x.id}-hint`, on: { change: () => chooseTarget(x.id) } }),
    h("label", { for: `target-${x.id}` }, targetLabel(x)),
    h("span", { class: "hint", id: `target-${x.id}-hint` }, SUPPORT_HINT[x.support] || "",
      x.format === "xlsx" ? " An Excel workbook, with the same table as CSV." : ""))));

  $("ledes-fieldset").hidden = t.format !== "ledes";
  $("ledes-invoice-number").value = o.ledes.invoice_number;
  $("ledes-invoice-date").value = o.ledes.invoice_date;
  $("ledes-law-firm-id").value = o.ledes.law_firm_id;
  $("ledes-client-id").value = o.ledes.client_id;

  const round = o.round || t.round;
  fill($("entries-rounding"), ROUNDING.map(([value, label, hint]) => h("div", { class: "radio-item" },
    h("input", { type: "radio", name: "entries-round", id: `round-${value}`, value, checked: value === round,
      "aria-describedby": `round-${value}-hint`, on: { change: () => { E.options.round = value; $("entries-increment-field").hidden = value === "none"; } } }),
    h("label", { for: `round-${value}` }, label, value === t.round ? " (this system’s default)" : ""),
    h("span", { class: "hint", id: `round-${value}-hint` }, hint))));
  $("entries-increment").value = o.increment;
  $("entries-increment-field").hidden = round === "none";

  $("entries-date-format-field").hidden = !t.date_format_option;
  const own = formatDate(SAMPLE_DAY, t.date_format);
  fill($("entries-date-format"), h("option", { value: "", selected: !o.date_format }, `${own} (${t.system || "the system"}’s own format)`),
    DATE_FORMATS.filter(([f]) => f !== t.date_format).map(([f, words]) => h("option", { value: f, selected: o.date_format === f },
      `${formatDate(SAMPLE_DAY, f)} (${words})`)));
  $("entries-date-format-hint").textContent = `How dates are written for ${t.label}; 17 November 2025 shown.`;
  $("entries-split-field").hidden = !t.splittable;
  $("entries-split").checked = o.split && t.splittable;
}

function chooseTarget(id) {
  readOptionsForm();
  E.options.target = id;
  if (E.options.round === target(id).round) E.options.round = null;
  keepFocusOn(`target-${id}`, renderOptions);
  const t = target(id);
  say(`${targetLabel(t)}.${t.format === "ledes" ? " Fill in the invoice details below." : ""}`);
}

function keepFocusOn(id, fn) {
  fn();
  if ($(id)) $(id).focus({ preventScroll: true });
}

function readOptionsForm() {
  const o = E.options;
  o.increment = $("entries-increment").value.trim();
  o.date_format = $("entries-date-format").value;
  o.split = $("entries-split").checked;
  o.ledes = {
    invoice_number: $("ledes-invoice-number").value.trim(), invoice_date: $("ledes-invoice-date").value,
    law_firm_id: $("ledes-law-firm-id").value.trim(), client_id: $("ledes-client-id").value.trim(),
  };
  const round = document.querySelector("input[name=entries-round]:checked");
  if (round) o.round = round.value === target().round && !o.round ? null : round.value;
}

/** GOV.UK inline error: a message above the control, the field marked, the control described by the message. */
function setFieldError(id, message) {
  const input = $(id);
  const field = input.closest(".field") || input.parentElement;
  const old = $(`${id}-error`);
  if (old) old.remove();
  const hint = (input.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== `${id}-error`);
  if (!message) {
    field.classList.remove("field-error");
    input.removeAttribute("aria-invalid");
    if (hint.length) input.setAttribute("aria-describedby", hint.join(" "));
    else input.removeAttribute("aria-describedby");
    return;
  }
  field.classList.add("field-error");
  input.setAttribute("aria-invalid", "true");
  input.setAttribute("aria-describedby", [...hint, `${id}-error`].join(" "));
  input.before(h("p", { class: "field-message", id: `${id}-error` }, h("span", { class: "visually-hidden" }, "Error: "), message));
}

function validateOptions() {
  const o = E.options;
  const t = target();
  const errors = [];
  const check = (id, message) => {
    setFieldError(id, message);
    if (message) errors.push({ text: message, target: id });
  };
  const inc = Number(o.increment);
  const round = o.round || t.round;
  check("entries-increment", round === "none" ? null
    : !/^\d*\.?\d+$/.test(o.increment) || !(inc > 0) ? "Enter the billing increment as a number of hours above 0, such as 0.1."
      : inc > 24 ? "Enter a billing increment of 24 hours or less." : null);
  const ledes = t.format === "ledes";
  check("ledes-invoice-number", !ledes ? null : !o.ledes.invoice_number ? "Enter the invoice number."
    : !/^[A-Za-z0-9]{1,20}$/.test(o.ledes.invoice_number) ? "Enter an invoice number of 1 to 20 letters and digits, with no spaces or hyphens." : null);
  check("ledes-invoice-date", !ledes ? null : !o.ledes.invoice_date ? "Enter the invoice date."
    : !/^\d{4}-\d{2}-\d{2}$/.test(o.ledes.invoice_date) || Number.isNaN(Date.parse(o.ledes.invoice_date)) ? "Enter the invoice date as a real date." : null);
  check("ledes-law-firm-id", !ledes ? null : !o.ledes.law_firm_id ? "Enter the law firm ID (in the US, the firm’s federal taxpayer ID)."
    : /[|[\]]/.test(o.ledes.law_firm_id) ? "Enter the law firm ID without | [ or ]: LEDES cannot carry them." : null);
  check("ledes-client-id", !ledes ? null : !o.ledes.client_id && !E.matters ? "Enter the client ID: without a matter list there is no client code to use."
    : /[|[\]]/.test(o.ledes.client_id) ? "Enter the client ID without | [ or ]: LEDES cannot carry them." : null);
  return errors;
}

/** The entries options as api.export_entries takes them: only what differs from the target's defaults, so the
 * command line shown on the download step is the shortest one that gives the same bytes. */
function entriesOptions() {
  const o = E.options;
  const t = target();
  const e = { to: t.id };
  if (E.matters) e.matters = E.matters.name;
  const round = o.round || t.round;
  const increment = round === "none" ? "0.1" : o.increment;
  if (round !== t.round || Number(increment) !== 0.1) {
    e.round = round;
    if (Number(increment) !== 0.1) e.increment = increment;
  }
  if (o.date_format && t.date_format_option) e.date_format = o.date_format;
  if (o.split && t.splittable) e.split_by_timekeeper = true;
  if (t.format === "ledes") {
    e.invoice_number = o.ledes.invoice_number;
    e.invoice_date = o.ledes.invoice_date;
    e.law_firm_id = o.ledes.law_firm_id;
    if (o.ledes.client_id) e.client_id = o.ledes.client_id;
  }
  return e;
}

function runRequest(fixes = E.fixes) {
  return { op: "run", job: "entries", files: [E.entries.name], options: { entries: entriesOptions(), fixes } };
}

let converting = false;

async function submitOptions() {
  if (converting) return;
  clearErrors();
  readOptionsForm();
  const errors = validateOptions();
  if (errors.length) {
    showErrors(errors);
    say(`${count(errors.length, "answer")} to correct before converting.`);
    return;
  }
  if (!E.entries) {
    showErrors([{ text: "Choose an entries file or draft entries from notes first.", target: "entries-choose-button" }]);
    return;
  }
  converting = true;
  try {
    await act(`Converting ${E.entries.name} for ${target().label}`, async (work) => {
      await ensureFiles(work);
      const request = runRequest();
      const answer = await call(request, work);
      await afterRun(answer, request, work);
      E.reached = Math.max(E.reached, 2);
      renderReview();
      showStep("review");
      say(`Converted: ${countsSentence(answer.report)}.`);
    }, { onError: (err) => [{ text: describeError(err.error), target: "entries-options-next" }] });
  } finally {
    converting = false;
  }
}

function countsSentence(r) {
  const hours = r.hours_total !== undefined ? `; ${fmtHours(r.hours_total)} h` : "";
  const amount = r.amount_total !== null && r.amount_total !== undefined ? `, amount ${fmtMoney(r.amount_total)}` : "";
  return `${fmtInt(r.entries_read)} entries read, ${fmtInt(r.entries_written)} written, ${fmtInt(r.entries_rejected)} rejected${hours}${amount}`;
}

const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fmtMoney = (n) => money.format(Number(n) || 0);
const fmtHours = (n) => String(Math.round((Number(n) || 0) * 100) / 100);

// =============================================================================================== step 3: review
async function afterRun(answer, request, work) {
  E.run = answer;
  E.ranWith = request;
  E.runKey += 1;
  E.runGeneration = runtime.generation;
  await loadRows(work);
}

async function runAgain(work) {
  const request = runRequest();
  const answer = await call(request, work);
  await afterRun(answer, request, work);
}

async function ensureRun(work) {
  if (E.runGeneration === runtime.generation && E.put.epoch === sessionFiles.epoch && E.run) return;
  await runAgain(work);
}

async function loadRows(work) {
  const r = E.rows;
  const request = { op: "rows", job: "entries", start: r.start, count: PAGE_SIZE, filter: r.filter };
  let answer;
  try {
    answer = await call(request, work);
  } catch (err) {
    if (err instanceof OutcomeError && E.run && !E.run.ok) {   // the run failed: there are no rows to show
      r.answer = null;
      return;
    }
    throw err;
  }
  if (answer.total && r.start >= answer.total) {
    r.start = Math.floor((answer.total - 1) / PAGE_SIZE) * PAGE_SIZE;
    answer = await call({ ...request, start: r.start }, work);
  }
  r.answer = answer;
}

function renderReview() {
  const run = E.run;
  if (!run) return;
  const r = run.report;
  const t = target(r.target) || target();
  fill($("entries-review-lead"), "For ", h("strong", {}, t ? targetLabel(t) : r.target_label),
    E.matters ? [", matched to ", h("span", { class: "mono" }, E.matters.name)] : ", with no matter list", ".",
    run.source && run.source.draft ? " The entries are a draft made from your notes: check each one." : "");
  const term = (n, label) => h("span", { class: "eq-term" }, h("span", { class: "eq-num num" }, fmtInt(n)), " ", h("span", { class: "eq-label" }, label));
  const op = (x) => h("span", { class: "eq-op" }, ` ${x} `);
  fill($("entries-equation"), term(r.entries_read, "entries read"), op("="), term(r.entries_written, "written"), op("+"),
    term(r.entries_rejected, "rejected"));
  $("entries-equation-note").textContent = r.entries_read === r.entries_written + r.entries_rejected
    ? "Rejected: entries with an error, listed below (or left out of a LEDES invoice as non-billable). Fix them here and the entries are converted again; warnings are written but worth a look."
    : "These numbers do not add up. Please report it: an entry may be missing.";
  renderTotals(r);
  renderProblems([...(r.issues || []), ...(run.review_issues || [])]);
  renderNotesRead();
  renderRowsControls();
  renderRows();
  renderFixes();
}

function renderTotals(r) {
  const totals = r.totals || { day: {}, timekeeper: {}, matter: {} };
  const priced = r.amount_total !== null && r.amount_total !== undefined;
  const names = new Map((E.run.matters || []).map((m) => [m.ref, m]));
  const table = (id, title, first, rows, label = (k) => k) => h("div", { class: "totals-table" },
    h("div", { class: "table-scroll", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" },
      h("table", { class: "data compact", id },
        h("caption", { id: `${id}-caption` }, title),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, first), h("th", { scope: "col", class: "num-col" }, "Hours"),
          priced ? h("th", { scope: "col", class: "num-col" }, "Amount") : null)),
        h("tbody", {}, Object.entries(rows).length ? Object.entries(rows).map(([k, v]) => h("tr", {},
          h("th", { scope: "row", class: "cell-text" }, label(k)), h("td", { class: "num" }, fmtHours(v.hours)),
          priced ? h("td", { class: "num" }, fmtMoney(v.amount)) : null))
          : h("tr", {}, h("td", { colspan: priced ? "3" : "2", class: "empty" }, "No entry written."))))));
  const matterLabel = (k) => {
    const m = names.get(k);
    return m ? `${k} (${m.client_name}: ${m.matter_name})` : k || "(no matter)";
  };
  const over = Object.entries(totals.day).filter(([, v]) => v.hours > 24);
  fill($("entries-totals"),
    h("p", { class: "totals-line" }, h("strong", { class: "num" }, `${fmtHours(r.hours_total || 0)} h`), " in ",
      count(r.entries_written, "entry", "entries"), " written",
      priced ? [", amount ", h("strong", { class: "num" }, fmtMoney(r.amount_total))] : ", no amount (no rates)",
      r.entries_without_rate ? ` (${count(r.entries_without_rate, "entry", "entries")} without a rate, not in the amount)` : "", "."),
    over.length ? h("p", { class: "hint" }, "A day above 24 h here holds several people’s time; one person’s day over 24 h is an error on its rows.") : null,
    h("div", { class: "totals-grid" },
      table("entries-totals-day", "Per day", "Day", totals.day),
      table("entries-totals-timekeeper", "Per timekeeper", "Timekeeper", totals.timekeeper, (k) => k || "(no timekeeper)"),
      table("entries-totals-matter", "Per matter", "Matter", totals.matter, matterLabel)));
}

function renderProblems(issues) {
  const item = (g) => {
    const cat = (E.codes && E.codes.get(g.code)) || {};
    const titleId = `entries-problem-${g.code}-title`;
    const lines = g.items.map((x) => x.row).filter((n) => n !== null && n !== undefined);
    const from = g.check === "review" ? "A reviewer’s check (not in the command line’s report)"
      : g.check === "notes" ? "From reading your notes" : g.check === "edit" ? "Your edits" : null;
    return h("li", { class: ["problem", `problem-${severityWord(g.severity).toLowerCase()}`] },
      h("div", { class: "problem-head" }, severityTag(g.severity), " ",
        h("strong", { id: titleId }, cat.title || g.code), " ",
        h("span", { class: "problem-count" }, lines.length ? `on ${count(new Set(lines).size, "line")}` : count(g.items.length, "time"))),
      from ? h("p", { class: "hint" }, `${from}.`) : null,
      cat.help ? h("p", { class: "problem-help" }, cat.help) : null,
      h("p", { class: "problem-example" }, lines.length ? `${capitalise(lineList(lines))}. ` : "", "For example: ",
        h("span", { class: "cell-text" }, g.items[0].message), " ", h("code", { class: "code" }, g.code)),
      lines.length ? h("button", { type: "button", class: "button button-small", id: `entries-show-${g.code}`, "aria-describedby": titleId,
        on: { click: () => filterRows(`code:${g.code}`, true) } }, "Show these entries") : null);
  };
  renderProblemGroups({ box: $("entries-problem-groups"), moreId: "entries-notes-more", list: groupIssues(issues), item,
    titleOf: codeTitle, emptyText: "No problems: every entry was written as it was." });
}

/** For a draft made from notes: how each note was read, field by field, with the words it came from. */
function renderNotesRead() {
  const box = $("entries-notes-read");
  const draft = E.run && E.run.source && E.run.source.draft && E.draft;
  if (!draft) {
    box.replaceChildren();
    return;
  }
  const lines = draft.report.lines || [];
  const field = (f) => {
    if (!f || !f.value) return h("span", { class: "hint" }, "—");
    const sure = f.confidence >= 0.9 ? "" : f.confidence >= 0.6 ? " (check this)" : " (unsure)";
    return [h("span", { class: "cell-text" }, f.value), f.suggested ? h("span", { class: "hint" }, " suggested") : null,
      h("span", { class: "hint" }, sure), f.source_text ? h("span", { class: "source-words" }, h("span", { class: "visually-hidden" }, "from the words "), quoted(f.source_text)) : null];
  };
  const wasOpen = $("entries-notes-read-details") && $("entries-notes-read-details").open;
  fill(box, h("details", { class: "card notes-read", id: "entries-notes-read-details", open: wasOpen },
    h("summary", {}, `How each of your ${count(lines.length, "note")} was read`),
    h("div", { class: "table-scroll", role: "region", "aria-label": "How each note was read", tabindex: "0" },
      h("table", { class: "data compact" },
        h("thead", {}, h("tr", {}, ["Draft line", "Your note", "Date", "Duration", "Matter", "Activity"].map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, lines.map((l, i) => h("tr", {},
          h("th", { scope: "row", class: "num" }, String(i + 2)),
          h("td", { class: "cell-text" }, `${l.line}: ${l.text}`),
          h("td", {}, field(l.fields.date)), h("td", {}, field(l.fields.duration)),
          h("td", {}, field(l.fields.matter)), h("td", {}, field(l.fields.activity_code)))))))));
}

function renderRowsControls() {
  renderFilterControls({ prefix: "entries-", filters: FILTERS, filter: E.rows.filter, noun: "entries", titleOf: codeTitle,
    onFilter: filterRows });
}

async function filterRows(filter, moveFocus) {
  E.rows.filter = filter;
  E.rows.start = 0;
  await pageRows(moveFocus ? "entries-rows-region" : null);
}

async function pageRows(focusId) {
  await act("Loading the entries", async (work) => {
    await ensureRun(work);
    await loadRows(work);
    const id = document.activeElement && document.activeElement.id;
    renderRowsControls();
    renderRows();
    if (id && $(id) && document.activeElement !== $(id)) $(id).focus({ preventScroll: true });
    const a = E.rows.answer;
    say(a && a.total ? `${rangeText(a)}.` : "No entries to show with this filter.");
    if (focusId) focus($(focusId));
  });
}

const rangeText = (a) => rowsRangeText(a, "entries");

function renderRows() {
  const a = E.rows.answer;
  const table = $("entries-rows-table");
  closeFixForm(false);
  if (!a) {
    $("entries-rows-range").textContent = E.run && E.run.error ? "The entries could not be read: see the problem above." : "No entries were converted.";
    table.replaceChildren();
    disablePager("entries-");
    return;
  }
  const { page, pages } = renderPager("entries-", a);
  const label = filterLabel(a, FILTERS, codeTitle);
  $("entries-rows-range").textContent = a.total ? `${rangeText(a)} (${label}; page ${page} of ${pages}; the file has ${count(a.all, "entry", "entries")})`
    : `No entries (${label}); the file has ${count(a.all, "entry", "entries")}.`;
  const names = columnNames(a);
  renderRowsTable({ table, a, names,
    caption: `Entries of ${shortName(a.file)}: line number, outcome, problems (with a matter to pick where one is asked for), then the cells`,
    emptyText: "No entries match this filter.", rowFor: (row) => reviewRow(a, row, names) });
}

function reviewRow(a, row, names) {
  return renderReviewRow({ prefix: "entries-", outcomes: OUTCOMES, row, names, markChanged: true,
    extra: matterPicker(a, row, names), onFix: (button) => fixForm.open(a, row, names, button) });
}

/** A native <select> of matters for an entry whose matter is unknown, ambiguous, closed or doubtful: the matters the
 * problem names first, then every live matter of the list; "Use this matter" writes its Matter ID (and client). */
function matterPicker(a, row, names) {
  const matters = (E.run && E.run.matters) || [];
  const issue = row.issues.find((x) => MATTER_PICK.has(x.code) && x.severity !== "info");
  if (!issue || !matters.length) return null;
  const byRef = new Map(matters.map((m) => [m.ref, m]));
  const named = (issue.candidates || []).map((ref) => byRef.get(ref)).filter(Boolean);
  const others = matters.filter((m) => !named.includes(m) && !m.closed);
  const label = (m) => `${m.ref} — ${m.client_name}: ${m.matter_name}${m.closed ? " (closed)" : ""}`;
  const id = `entries-pick-${row.line}`;
  const select = h("select", { id, class: "matter-select" },
    h("option", { value: "" }, issue.code === "matter-ambiguous" ? "Choose one of the matters it fits…" : "Choose the matter…"),
    named.length ? h("optgroup", { label: "Named in the problem" }, named.map((m) => h("option", { value: m.ref }, label(m)))) : null,
    h("optgroup", { label: named.length ? "Every other live matter" : "Every live matter" }, others.map((m) => h("option", { value: m.ref }, label(m)))));
  return h("div", { class: "matter-pick" },
    h("label", { for: id }, `Matter for line ${row.line}`),
    h("div", { class: "control-with-hint" }, select,
      h("button", { type: "button", class: "button button-small", id: `entries-pick-apply-${row.line}`,
        on: { click: () => pickMatter(a, row, names, select) } }, "Use this matter", vh(` for line ${row.line}`))));
}

function pickMatter(a, row, names, select) {
  const ref = select.value;
  if (!ref) {
    showErrors([{ text: `Choose a matter for line ${row.line} first.`, target: select.id }]);
    return;
  }
  const m = E.run.matters.find((x) => x.ref === ref);
  const changes = [];
  const k = names.findIndex((n) => n.trim().toLowerCase() === "matter");
  const c = names.findIndex((n) => n.trim().toLowerCase() === "client");
  const at = (i) => (i >= 0 ? i : null);
  if (at(k) === null) {
    showErrors([{ text: "This file has no Matter column to write the choice into.", target: select.id }]);
    return;
  }
  if ((row.cells[k] ?? "") !== m.ref) changes.push({ column: fixColumn(a, k), value: m.ref, before: row.cells[k] ?? "" });
  const client = row.cells[c] ?? "";
  if (at(c) !== null && client !== m.client_name && client !== m.client_id) {
    changes.push({ column: fixColumn(a, c), value: m.client_name, before: client });
  }
  if (!changes.length) {
    say(`Line ${row.line} already names ${m.ref}.`);
    return;
  }
  applyFixes(a, row, changes, `Line ${row.line} now goes to ${m.ref} (${m.client_name}: ${m.matter_name}).`,
    () => $(`entries-fix-line-${row.line}`) || $("entries-fixes-title"));
}

const fixForm = createFixForm({
  prefix: "entries-",
  hint: "Enter saves and converts again (Shift+Enter for a new line in a description); Escape cancels. The edit is written into a copy of your entries file; the file itself is not changed.",
  columnsOf: (x, names) => {
    if (x.column === null || x.column === undefined) return [];
    const k = names.indexOf(String(x.column));
    return k < 0 ? [] : [k];
  },
  multiline: (n, value) => /[\r\n]/.test(value) || n.trim().toLowerCase() === "description",
  enterInTextareaSaves: true,
  onChanges: (a, row, changes, buttonId) =>
    applyFixes(a, row, changes, `Saved your edit to line ${row.line}.`, () => $(buttonId) || $("entries-fixes-title")),
});
const closeFixForm = (refocus) => fixForm.close(refocus);

function applyFixes(a, row, changes, done, focusTarget) {
  rerun((fixes) => upsertFixes(fixes, a.file, row.line, changes, E.fixNotes), done, focusTarget);
}

function undoFix(fix, index) {
  rerun((fixes) => {
    const keep = withoutFix(fixes, fix);
    fixes.splice(0, fixes.length, ...keep);
  }, `Undid your edit to line ${fix.line}.`, undoFocus("entries-", index));
}

function renderFixes() {
  renderFixList({ prefix: "entries-", fixes: E.fixes, notes: E.fixNotes, undo: undoFix });
}

async function rerun(mutate, done, focusTarget = null) {
  const fixes = structuredClone(E.fixes);
  mutate(fixes);
  await act(`Converting ${E.entries.name} again`, async (work) => {
    const request = runRequest(fixes);
    const answer = await call(request, work);
    E.fixes = fixes;
    await afterRun(answer, request, work);
    const id = document.activeElement && document.activeElement.id;
    renderReview();
    if (id && $(id) && document.activeElement !== $(id)) $(id).focus({ preventScroll: true });
    if (focusTarget) focus(focusTarget());
    say(`${done} Converted again: ${countsSentence(answer.report)}.`);
  });
}

function initReview() {
  initPaging({ prefix: "entries-", rows: () => E.rows, pageRows });
  $("entries-review-next").addEventListener("click", () => {
    E.reached = Math.max(E.reached, 3);
    openStep("download");
  });
}

// =============================================================================================== step 4: download
async function prepareDownloads() {
  if (E.downloads.key === E.runKey && E.downloads.generation === runtime.generation) {
    renderDownload();
    return;
  }
  await act("Preparing the downloads", async (work) => {
    await ensureRun(work);
    for (const url of E.downloads.urls) URL.revokeObjectURL(url);
    const blobs = await takeDownloads(Object.keys(E.run.downloads || {}));
    if (E.notes) blobs[E.notes.name] = new Blob([E.notes.text], { type: "text/plain" });
    if (E.matters && E.matters.from === "section") blobs[E.matters.name] = E.matters.blob;
    const byName = blobURLs(blobs);
    E.downloads = { key: E.runKey, generation: runtime.generation, urls: Object.values(byName), byName, blobs };
    renderDownload();
    const files = Object.keys(E.run.files || {});
    say(files.length ? `Your file is ready: ${count(E.run.report.entries_written, "entry", "entries")} in ${files[0]}.`
      : "No entry could be written: there is no file to download.");
  });
}

function renderDownload() {
  const run = E.run;
  const r = run.report;
  const t = target(r.target) || target();
  const { byName = {}, blobs = {} } = E.downloads;
  const files = Object.keys(run.files || {});
  const main = $("entries-download-main");
  if (files.length && byName[files[0]]) {
    fill(main, files.map((name, n) => h("li", { class: "download-main" },
      h("a", { id: n === 0 ? "entries-download-file" : `entries-download-file-${n}`, class: ["button", n === 0 ? "button-primary button-large" : ""],
        href: byName[name], download: name },
      n === 0 ? (name.endsWith(".zip") ? "Download the files (ZIP, one per timekeeper)" : `Download the ${t.system || t.label} file`)
        : `Download the same as ${name.split(".").pop().toUpperCase()}`, vh(`: ${name}`)),
      h("span", { class: "file-name mono" }, `${name}, ${fmtBytes(run.files[name].size)}`))));
    $("entries-download-none").hidden = true;
    $("entries-download-summary").textContent = `${count(r.entries_written, "entry", "entries")} ready for ${t.label} in ${files[0]}.`;
  } else {
    main.replaceChildren();
    $("entries-download-none").hidden = false;
    $("entries-download-none").textContent = run.error ? `Nothing was written: ${describeError(run.error)}`
      : "No entry passed review, so there is no file to download. The report and the problems list say why; fix the entries on the review step.";
    $("entries-download-summary").textContent = "Nothing to import yet.";
  }
  const facts = [
    `${countsSentence(r)}.`,
    r.entries_rejected ? "Every rejected entry is in the problems file with the reason; it is not in the file above." : null,
    E.fixes.length ? `${count(E.fixes.length, "edit")} of yours applied, through ${run.source.run_on} (below).` : null,
    run.source && run.source.draft ? "The entries were drafted from your notes: the draft and what was read from each note are below." : null,
  ].filter(Boolean);
  fill($("entries-download-facts"), facts.map((x) => h("li", {}, x)));

  fill($("h-how-to-import"), `How to import this file into ${t.system || t.label.split(" ")[0]}`);
  fill($("how-to-import-support"), h("strong", {}, targetLabel(t)), ". ", SUPPORT_HINT[t.support] || "");
  const notes = r.target_notes || t.notes || [];
  fill($("how-to-import-notes"), notes.length ? notes.map((x) => h("li", { class: "cell-text" }, x))
    : h("li", {}, "No import notes for this file."));
  $("how-to-import-evidence").textContent = r.evidence || t.evidence || "";

  const stem = stemOf(run.source.file);
  const extra = [
    [`${stem}-report.json`, "Download the report (JSON)", "the target, counts, totals and every problem, as the command line’s --report has them"],
    [`${stem}-problems.csv`, "Download the problems (CSV)", "one line per problem: file, line, column, severity, message, what to do"],
    [run.source.run_on !== run.source.file ? run.source.run_on : null, "Download your edited entries (CSV)", "the entries with your edits: the command line below runs on it"],
    [run.source.draft ? run.source.file : null, "Download the draft entries (CSV)", "CaseClock’s entry columns, made from your notes"],
    [run.source.draft && E.notes ? `${stemOf(E.notes.name)}-report.json` : null, "Download how each note was read (JSON)", "each field, its confidence and the words it came from"],
    [E.notes ? E.notes.name : null, "Download your notes (text)", "as typed here, for the notes command"],
    [E.matters && E.matters.from === "section" ? E.matters.name : null, "Download the matter list (CSV)", "converted in “Client & matter list”, for --matters"],
  ];
  renderDownloadList({ prefix: "entries-", extra, byName, blobs });
  renderCommand(files[0] || t.filename);
}

function renderCommand(outName) {
  const run = E.run;
  const e = (E.ranWith && E.ranWith.options.entries) || entriesOptions();
  const lines = [];
  if (run.source.draft && E.notes) {
    const n = [["caseclock-normalizer", "notes", E.notes.name], ["--matters", E.matters.name], ["--date", E.notes.date]];
    if (E.notes.timekeeper) n.push(["--timekeeper", E.notes.timekeeper]);
    if (E.notes.date_order !== "MDY") n.push(["--date-order", E.notes.date_order]);
    n.push(["-o", run.source.file]);
    lines.push(n);
  }
  const c = [["caseclock-normalizer", "entries", run.source.run_on], ["--to", e.to]];
  if (e.matters) c.push(["--matters", e.matters]);
  if (e.round) c.push(["--round", e.round]);
  if (e.increment) c.push(["--increment", String(e.increment)]);
  if (e.date_format) c.push(["--date-format", e.date_format]);
  if (e.split_by_timekeeper) c.push(["--split-by-timekeeper"]);
  if (e.invoice_number) c.push(["--invoice-number", e.invoice_number]);
  if (e.invoice_date) c.push(["--invoice-date", e.invoice_date]);
  if (e.law_firm_id) c.push(["--law-firm-id", e.law_firm_id]);
  if (e.client_id) c.push(["--client-id", e.client_id]);
  c.push(["-o", outName], ["--report", `${stemOf(run.source.file)}-report.json`]);
  lines.push(c);
  $("entries-command-text").textContent = lines.map((cmd) => cmd.map((words) => words.map(shellWord).join(" ")).join(" \\\n    ")).join("\n");
}

function initDownload() {
  initCopyCommand("entries-");
  $("entries-start-over").addEventListener("click", () => {
    E.entries = null;
    E.notes = null;
    E.draft = null;
    resetRun();
    E.reached = 0;
    renderChoose();
    showStep("choose");
    say("Choose the next entries. The matter list and the billing system are kept.");
  });
}

// =============================================================================================== start
export function initEntries(providers) {
  part1 = providers;
  registerSection("entries", {
    defaultTarget,
    rerender,
    reveal,
    onShow: ({ focusHeading }) => {
      renderChoose();
      renderNav();
      for (const s of STEPS) $(`entries-step-${s}`).hidden = s !== E.step;
      if (focusHeading) {
        const heading = $(`h-entries-${E.step}`);
        heading.focus({ preventScroll: true });
        heading.scrollIntoView({ block: "start" });
      }
    },
  });
  for (const link of document.querySelectorAll("[data-entries-step-link]")) {
    link.addEventListener("click", (e) => {
      e.preventDefault();
      if (link.hasAttribute("href")) openStep(link.dataset.entriesStepLink);
    });
  }
  for (const button of document.querySelectorAll("[data-entries-go]")) {
    button.addEventListener("click", () => openStep(button.dataset.entriesGo));
  }
  $("entries-options-form").addEventListener("submit", (e) => {
    e.preventDefault();
    submitOptions();
  });
  initChoose();
  initReview();
  initDownload();
  initSamples();
  renderNav();
}
