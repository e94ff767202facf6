// The page: five steps over one worker session (runtime.js -> worker.mjs -> normalizer.session.Session).
// It holds no conversion logic: it sends the file and the user's choices, and shows what the library answers.
// Everything taken from a file is rendered as text (dom.js never parses HTML).

import {
  $, h, fill, append, fmtInt, fmtBytes, count, vh, capitalise, listWords, lineList, quoted, shellWord,
  confidenceWords, confidenceTag, severityTag, severityWord, focus,
} from "./dom.js";
import { initPrivacy, MAPPING_PREFIX, renderStorage } from "./privacy.js";
import {
  runtime, sessionFiles, shortName, stemOf, OutcomeError, registerSection, showSection, say, setBusy, act,
  describeError, showErrors, clearErrors, showBootError, downloadText, mimeOf, repaintWork, clearStatus, initDropZone,
} from "./shell.js";
import { initEntries } from "./entries.js";
import {
  PAGE_SIZE, groupIssues, renderProblemGroups, renderFilterControls, rangeText as rowsRangeText, renderPager, disablePager,
  filterLabel, initPaging, columnNames, renderRowsTable, reviewRow as renderReviewRow, createFixForm, fixKey, upsertFixes,
  withoutFix, undoFocus, renderFixList, takeDownloads, blobURLs, renderDownloadList, initCopyCommand,
} from "./review.js";

const STEPS = ["choose", "found", "match", "review", "download"];
const USED_ROLES = new Set(["matters", "combined", "contacts"]);
const PRIMARY_ROLES = new Set(["matters", "combined"]);
const IGNORE = "ignore";

const FACT_NAMES = {
  system: "Source system", encoding: "Encoding", delimiter: "Delimiter", quotechar: "Quote character",
  header_row: "Header row", sheet: "Sheet", member: "File in the archive",
};
const ROLE_TEXT = {
  matters: "The matter list: this table is converted.",
  combined: "The client and matter list: this table is converted.",
  contacts: "A client list: joined to the matters by the client reference.",
  other: "Not used: this is not a client or matter list.",
};
const SKIP_REASON = { preamble: "a title or note above the table", footer: "a total or note below the table", blank: "blank" };
const ENCODINGS = [
  ["utf-8", "UTF-8"], ["utf-8-sig", "UTF-8 with a byte-order mark"], ["utf-16-le", "UTF-16 (little-endian)"],
  ["utf-16-be", "UTF-16 (big-endian)"], ["cp1252", "Windows-1252 (Western European)"], ["mac-roman", "Mac Roman"],
  ["cp850", "DOS Latin-1 (code page 850)"], ["iso8859-1", "Latin-1 (ISO-8859-1)"], ["iso8859-15", "Latin-9 (ISO-8859-15)"],
  ["ascii", "ASCII (plain English letters only)"],
];
const DELIMITERS = [[",", "Comma"], [";", "Semicolon"], ["\t", "Tab"], ["|", "Vertical bar"], [" ", "Space"], [":", "Colon"]];
const DELIMITER_WORDS = { "\t": "tab", " ": "space" };
const QUOTES = [["\"", "Double quote (\")"], ["'", "Single quote (')"], ["", "No quoting"]];
const FILTERS = [["all", "All"], ["problems", "Problems"], ["errors", "Errors"], ["warnings", "Warnings"],
  ["left_out", "Left out"], ["changed", "Changed"]];
const OUTCOMES = {
  written: ["Written", "✓"], merged: ["Merged: the same as an earlier row", "≡"],
  filtered: ["Left out: closed matter", "–"], rejected: ["Rejected: not written", "✕"],
};
// CaseClock's output columns -> the fields that feed them, to point a problem at the source cells it came from.
const OUTPUT_FIELDS = {
  "Client ID": ["client_ref"], "Client Name": ["client_name", "client_company", "client_first", "client_middle", "client_last"],
  "Matter ID": ["matter_ref"], "Matter Name": ["matter_name"], Jurisdiction: ["jurisdiction"],
  "Law Practice Area": ["practice_area"], "Hourly Rate": ["rate"],
};


const state = {
  step: "choose",
  reached: 0,               // the furthest step that may be opened (index into STEPS)
  source: null,             // {name, size, blob}
  options: freshOptions(),  // committed: what the shown results were made with
  preview: null,
  confirmed: new Set(),
  openDetails: new Set(),
  run: null,
  runKey: 0,
  runGeneration: -1,
  putGeneration: -1,
  codes: null,
  rows: { file: null, filter: "all", start: 0, answer: null },
  fixNotes: new Map(),
  downloads: { key: -1, generation: -1, urls: [] },
  loadTarget: null,
  samples: [],
};

function freshOptions(jurisdiction = "") {
  return { system: "auto", include_closed: false, jurisdiction, read: {}, mapping: {}, fixes: [] };
}

const clone = (x) => structuredClone(x);


// =============================================================================================== section hooks
function defaultTarget() {
  return { choose: "choose-button", found: "found-next", match: "match-next", review: "h-review", download: "h-download" }[state.step];
}

function revealField(el) {
  const section = el.closest("section.step");
  if (section && section.hidden) showStep(section.id.slice(5), { focusHeading: false });
}

// =============================================================================================== the worker session
async function ensureSource() {
  await runtime.ready;
  if (state.putGeneration === runtime.generation) return;
  if (!state.source) throw new Error("no file has been chosen");
  const buffer = await state.source.blob.arrayBuffer();
  await runtime.send({ type: "call", request: { op: "forget" } });
  sessionFiles.epoch += 1;
  await runtime.send({ type: "put", name: state.source.name, buffer }, [buffer]);
  state.putGeneration = runtime.generation;
}

async function call(request, work = null) {
  await ensureSource();
  const reply = await runtime.send({ type: "call", request }, [], work ? (m) => work.update(m) : null);
  const answer = reply.answer;
  if (!answer.ok) throw new OutcomeError(answer.error, answer);
  return answer;
}

const nonEmpty = (obj) => Object.fromEntries(Object.entries(obj).filter(([, v]) => v && Object.keys(v).length));

function previewOptions(o) {
  return { system: o.system, read: nonEmpty(o.read) };
}

function runOptions(o) {
  return {
    system: o.system, include_closed: o.include_closed, jurisdiction: o.jurisdiction || null,
    read: nonEmpty(o.read), mapping: nonEmpty(o.mapping), fixes: o.fixes,
  };
}

// =============================================================================================== steps
function showStep(step, { focusHeading = true } = {}) {
  if (step !== state.step) clearStatus();
  state.step = step;
  for (const s of STEPS) $(`step-${s}`).hidden = s !== step;
  renderNav();
  if (focusHeading) {
    const heading = $(`h-${step}`);
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  }
}

function renderNav() {
  STEPS.forEach((s, i) => {
    const link = $(`nav-${s}`);
    const current = s === state.step;
    if (current) link.setAttribute("aria-current", "step");
    else link.removeAttribute("aria-current");
    if (!current && i <= state.reached) link.setAttribute("href", `#step-${s}`);
    else link.removeAttribute("href");
    link.parentElement.dataset.status = current ? "current" : i <= state.reached ? "done" : "todo";
  });
}

async function openStep(step) {
  const index = STEPS.indexOf(step);
  if (index > state.reached) return;
  clearErrors();
  if (step === "found") renderFound();
  if (step === "match") renderMatch();
  if (step === "review") {
    renderReview();
    showStep(step);
    if (state.runGeneration !== runtime.generation) await act("Converting again", async (work) => {
      await ensureRun(work);
      renderReview();
    });
    return;
  }
  showStep(step);
  if (step === "download") await prepareDownloads();
}

function rerenderStep() {
  keepFocus(() => {
    if (state.step === "found" && state.preview) renderFound();
    if (state.step === "match" && state.preview) renderMatch();
    if (state.step === "review" && state.run) renderReview();
  });
}

/** Re-render, then put focus back on the control with the same id (the old one was replaced). */
function keepFocus(fn) {
  const id = document.activeElement && document.activeElement.id;
  fn();
  if (id && document.activeElement !== $(id) && $(id) && !$(id).closest("[hidden]")) $(id).focus({ preventScroll: true });
}

// =============================================================================================== step 1: choose
function resetForNewFile(source) {
  for (const url of state.downloads.urls) URL.revokeObjectURL(url);
  Object.assign(state, {
    source, reached: 0, options: freshOptions(source.jurisdiction || ""), preview: null, run: null,
    runGeneration: -1, putGeneration: -1, confirmed: new Set(), openDetails: new Set(), fixNotes: new Map(),
    rows: { file: null, filter: "all", start: 0, answer: null }, downloads: { key: -1, generation: -1, urls: [] },
  });
}

async function openSource(source) {
  if (state.step !== "choose") showStep("choose", { focusHeading: false });
  resetForNewFile(source);
  renderNav();
  const waiting = runtime.state !== "ready";
  fill($("file-status"), h("span", { class: "mono" }, source.name), `, ${fmtBytes(source.size)}`,
    waiting ? " (it will be read as soon as the converter is ready)" : "");
  say(`${source.name}, ${fmtBytes(source.size)}${waiting ? ": it will be read as soon as the converter is ready." : ""}`);
  await act(`Reading ${source.name}`, async (work) => {
    const answer = await call({ op: "preview", options: previewOptions(state.options) }, work);
    state.preview = answer;
    state.reached = 1;
    fill($("file-status"), h("span", { class: "mono" }, source.name), `, ${fmtBytes(source.size)}`);
    renderFound();
    showStep("found");
    say(`Read ${source.name}: ${previewSummary(answer)}. Check what we found.`);
  }, {
    onError: (err) => {
      fill($("file-status"), h("span", { class: "mono" }, source.name), `, ${fmtBytes(source.size)}: could not be read`);
      return [{ text: describeError(err.error), target: "choose-button" }];
    },
  });
}

/** How many columns a table has: its header's, or the widest previewed row's when it has none. */
const widthOf = (d) => Math.max((d.columns || []).length, ...(d.preview || []).map((r) => r.cells.length), 0);

function previewSummary(answer) {
  const used = answer.detections.filter((d) => USED_ROLES.has(d.role));
  const rows = used.reduce((n, d) => n + (d.rows || 0), 0);
  if (answer.detections.length === 1) {
    const d = answer.detections[0];
    return `${count(d.rows, "row")}, ${count(widthOf(d), "column")}, ${d.facts.system ? d.facts.system.label : ""}`;
  }
  return `${count(answer.detections.length, "table")}, ${used.length} used, ${count(rows, "row")}`;
}

function initChoose() {
  const input = $("file-input");
  $("choose-button").addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    if (file) openSource({ name: file.name, size: file.size, blob: file });
    input.value = "";
  });
  initDropZone($("drop-zone"), (file) => openSource({ name: file.name, size: file.size, blob: file }), "choose-button",
    "Drop one export file at a time (a ZIP holding several files is fine).");
}

async function initSamples() {
  let samples = [];
  try {
    const listing = await (await fetch("samples.json")).json();
    samples = Array.isArray(listing) ? listing : listing.matters || [];   // {matters: [...], entries: [...]}
  } catch {
    samples = [];
  }
  state.samples = samples;
  if (!samples.length) {
    document.querySelector(".samples").hidden = true;
    return;
  }
  fill($("sample-list"), samples.map((s) => h("li", {},
    h("button", { type: "button", class: "button sample-button", id: `sample-${s.system}`,
      on: { click: () => trySample(s) } }, s.label, vh(" sample")))));
}

async function trySample(sample) {
  setBusy(+1);
  try {
    const response = await fetch(sample.url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const blob = await response.blob();
    await openSource({ name: sample.file, size: blob.size, blob, jurisdiction: sample.jurisdiction || "" });
  } catch (err) {
    showErrors([{ text: `The ${sample.label} sample could not be opened (${err.message}).`, target: `sample-${sample.system}` }]);
  } finally {
    setBusy(-1);
  }
}

// =============================================================================================== step 2: what we found
function renderFound() {
  const p = state.preview;
  const dets = p.detections;
  const used = dets.filter((d) => USED_ROLES.has(d.role));
  const many = dets.length > 1;
  fill($("found-lead"),
    many ? `${state.source.name} holds ${count(dets.length, "table")}; ${used.length} ${used.length === 1 ? "is" : "are"} used. `
      : `${state.source.name}: one table. `,
    "Check each finding. Change anything that is wrong and the file is read again at once; the preview below follows.");
  fill($("found-tables"), dets.map((d, i) => tableCard(d, i, many)));
}

function tableCard(d, i, many) {
  const short = shortName(d.file);
  const titleId = `t${i}-title`;
  const title = h("h3", { id: titleId }, h("span", { class: "mono" }, short),
    d.file !== short ? h("span", { class: "muted" }, ` in ${shortName(d.container || "")}`) : null);
  const facts = factRows(d, i, many);
  const body = [
    h("p", { class: ["role", `role-${d.role}`] }, ROLE_TEXT[d.role] || d.role),
    h("div", { class: "facts" }, facts),
    readingNotes(d),
    h("div", { class: "raw-parsed" }, rawView(d, i), parsedView(d, i)),
  ];
  if (!USED_ROLES.has(d.role)) {
    const det = h("details", { class: "card table-card unused", id: `t${i}` },
      h("summary", {}, h("span", { class: "mono" }, short), `: not used (${d.facts.system ? d.facts.system.label : "not a matter list"})`),
      h("div", { class: "details-body" }, body));
    det.open = state.openDetails.has(d.file);
    det.addEventListener("toggle", () => {
      if (det.open) state.openDetails.add(d.file);
      else state.openDetails.delete(d.file);
    });
    return det;
  }
  return h("article", { class: "card table-card", id: `t${i}`, "aria-labelledby": titleId }, title, body);
}

const normEncoding = (v) => String(v || "").toLowerCase().replace(/_/g, "-").replace(/^latin-1$/, "iso8859-1");

function factRows(d, i, many) {
  const rows = [];
  const read = state.options.read[d.file] || {};
  const suffix = many ? vh(` of ${shortName(d.file)}`) : null;
  const used = USED_ROLES.has(d.role);
  const f = d.facts;

  const select = (id, pairs, value, onChange) => h("select", { id, on: { change: (e) => onChange(e.target.value, id) } },
    pairs.map(([v, label]) => h("option", { value: v, selected: v === value }, label)));

  if (f.system) {
    const systems = [["auto", "Detect it"], ...state.preview.systems.map((s) => [s.id, s.name])];
    const chosen = state.options.system !== "auto";
    const fact = chosen ? { ...f.system, words: "You chose this", given: true } : f.system;
    rows.push(factRow(d, i, "system", fact, suffix, used,
      select(`system-${i}`, systems, state.options.system, (v, id) => changeSystem(v, id)), chosen,
      many ? "Applies to the whole export." : null));
  }
  if (f.encoding) {
    const pairs = ENCODINGS.slice();
    const current = normEncoding(read.encoding || f.encoding.value);
    if (!pairs.some(([v]) => v === current)) pairs.push([current, f.encoding.label]);
    rows.push(factRow(d, i, "encoding", f.encoding, suffix, used,
      select(`encoding-${i}`, pairs, current, (v, id) => changeRead(d.file, "encoding", v, id))));
  }
  if (f.delimiter) {
    const pairs = DELIMITERS.slice();
    const current = read.delimiter ?? f.delimiter.value;
    if (!pairs.some(([v]) => v === current)) pairs.push([current, f.delimiter.label]);
    rows.push(factRow(d, i, "delimiter", f.delimiter, suffix, used,
      select(`delimiter-${i}`, pairs, current, (v, id) => changeRead(d.file, "delimiter", v, id))));
  }
  if (f.quotechar) {
    const pairs = QUOTES.slice();
    const current = read.quotechar ?? f.quotechar.value;
    if (!pairs.some(([v]) => v === current)) pairs.push([current, f.quotechar.label]);
    rows.push(factRow(d, i, "quotechar", f.quotechar, suffix, used,
      select(`quotechar-${i}`, pairs, current, (v, id) => changeRead(d.file, "quotechar", v, id))));
  }
  if (f.header_row) {
    const id = `header-row-${i}`;
    const input = h("input", { type: "number", id, min: "0", step: "1", inputmode: "numeric", class: "input-tiny mono",
      value: String(read.header_row ?? f.header_row.value), "aria-describedby": `${id}-hint`,
      on: { change: (e) => changeHeaderRow(d.file, e.target, id) } });
    rows.push(factRow(d, i, "header_row", f.header_row, suffix, used,
      h("span", { class: "control-with-hint" }, input, h("span", { class: "hint", id: `${id}-hint` }, "0 = no header row"))));
  }
  if (f.sheet) {
    const sheets = (d.sheets || [f.sheet.value]).map((s) => [s, s]);
    rows.push(factRow(d, i, "sheet", f.sheet, suffix, used,
      select(`sheet-${i}`, sheets, read.sheet || f.sheet.value, (v, id) => changeRead(d.file, "sheet", v, id))));
  }
  if (f.member) rows.push(factRow(d, i, "member", f.member, suffix, false, null));

  const skipped = d.skipped || [];
  rows.push(h("div", { class: "fact" },
    h("div", { class: "fact-name" }, "Lines left out"),
    h("div", { class: "fact-body" }, skipped.length
      ? h("ul", { class: "plain-list skipped-list" }, skipped.map((s) => h("li", {},
        h("span", { class: "num" }, `Line ${s.line}`), `, ${SKIP_REASON[s.reason] || s.reason}`,
        s.text ? [": ", h("span", { class: "cell-text" }, quoted(s.text))] : null)))
      : h("p", {}, "None: every line is part of the table.")),
    h("div", { class: "fact-change hint" }, skipped.length ? "Change the header row to move where the table starts." : null)));
  rows.push(h("div", { class: "fact" },
    h("div", { class: "fact-name" }, "Size"),
    h("div", { class: "fact-body" }, h("p", {}, h("strong", {}, count(d.rows, "data row")), ", ",
      count(widthOf(d), "column"))),
    h("div", { class: "fact-change" })));
  return rows;
}

const confirmKey = (d, key, fact) => `${d.file}|${key}|${fact.value}`;

function factRow(d, i, key, fact, suffix, used, control, chosen = fact.given, note = null) {
  const controlId = control ? (control.id || control.querySelector("input,select").id) : null;
  const needsConfirm = used && fact.words === "Unsure";
  const confirmId = `confirm-${i}-${key}`;
  const name = FACT_NAMES[key];
  return h("div", { class: ["fact", needsConfirm && "fact-unsure"], id: `fact-${i}-${key}` },
    h("div", { class: "fact-name" }, controlId ? h("label", { for: controlId }, name, suffix) : h("span", {}, name)),
    h("div", { class: "fact-body" },
      h("p", { class: "fact-value" }, h("strong", { class: "cell-text" }, fact.label), " ", confidenceTag(fact.words)),
      h("p", { class: "fact-reason" }, capitalise(fact.reason), "."),
      note ? h("p", { class: "hint" }, note) : null,
      needsConfirm ? h("p", { class: "confirm" },
        h("input", { type: "checkbox", id: confirmId, checked: state.confirmed.has(confirmKey(d, key, fact)),
          on: { change: (e) => {
            if (e.target.checked) state.confirmed.add(confirmKey(d, key, fact));
            else state.confirmed.delete(confirmKey(d, key, fact));
          } } }),
        h("label", { for: confirmId }, `I have checked: the ${name.toLowerCase()} is right (${fact.label})`)) : null),
    h("div", { class: "fact-change" }, control,
      chosen && key !== "member" ? h("button", { type: "button", class: "link-button", id: `detect-${i}-${key}`,
        on: { click: () => (key === "system" ? changeSystem("auto", `system-${i}`) : changeRead(d.file, key, null, controlId)) } },
      "Detect it again", vh(`: ${name}`)) : null));
}

function readingNotes(d) {
  const notes = (d.issues || []).filter((x) => x.severity !== "info");
  if (!notes.length) return null;
  const groups = new Map();
  for (const x of notes) {
    if (!groups.has(x.code)) groups.set(x.code, []);
    groups.get(x.code).push(x);
  }
  return h("div", { class: "reading-notes" }, h("p", { class: "fact-name" }, "Notes from reading"),
    h("ul", { class: "plain-list" }, [...groups.values()].map((xs) => h("li", {}, severityTag(xs[0].severity), " ",
      h("span", { class: "cell-text" }, capitalise(xs[0].message)),
      xs.length > 1 ? ` (and ${count(xs.length - 1, "more line")}: ${lineList(xs.map((x) => x.row).filter(Boolean))})` : "",
      xs[0].row && xs.length === 1 ? ` (line ${xs[0].row})` : ""))));
}

const SUSPICIOUS = /(\uFFFD+|Ã[\u0080-\u00BF]|Â[\u00A0-\u00BF]|â€.)/;

function markSuspicious(text) {
  const parts = String(text).split(SUSPICIOUS);
  return parts.map((part, k) => (k % 2 ? h("mark", {}, part) : part));
}

function rawView(d, i) {
  const short = shortName(d.file);
  if (!d.raw || !d.raw.length) {
    return h("div", { class: "raw-wrap" }, h("h4", {}, "The file as text"),
      h("p", { class: "hint" }, d.format === "xlsx" ? "A workbook has no text lines to show: the rows as read from the sheet are beside this."
        : "No text to show."));
  }
  const header = d.facts.header_row ? d.facts.header_row.value : 0;
  const skipped = new Map((d.skipped || []).map((s) => [s.line, s.reason]));
  const width = String(d.raw[d.raw.length - 1].line).length;
  const pre = h("pre", { class: "raw", tabindex: "0", role: "region", id: `t${i}-raw`,
    "aria-label": `The first ${d.raw.length} lines of ${short} as text, with line numbers` });
  let marked = false;
  for (const { line, text } of d.raw) {
    const tag = line === header ? "header" : skipped.has(line) ? "left out" : "";
    const content = markSuspicious(text);
    marked = marked || content.length > 1;
    pre.append(h("span", { class: ["raw-line", tag && `raw-${tag.replace(" ", "-")}`] },
      h("span", { class: "raw-gutter" }, `${String(line).padStart(width, " ")} ${tag.padEnd(8, " ")}`), content), "\n");
  }
  return h("div", { class: "raw-wrap" }, h("h4", {}, "The file as text"), pre,
    marked ? h("p", { class: "hint" }, "Highlighted: characters that look wrongly decoded; try another encoding.") : null);
}

function parsedView(d, i) {
  const rows = d.preview || [];
  const capId = `t${i}-preview-caption`;
  const width = Math.max((d.columns || []).length, ...rows.map((r) => r.cells.length), 0);
  const noHeader = !d.facts.header_row || d.facts.header_row.value === 0;
  const names = Array.from({ length: width }, (_, k) => (!noHeader && d.columns && d.columns[k]) || `Column ${k + 1}`);
  return h("div", { class: "parsed-wrap" }, h("h4", { id: capId }, `The first ${count(rows.length, "row")} as read`),
    h("div", { class: "table-scroll", role: "region", "aria-labelledby": capId, tabindex: "0" },
      h("table", { class: "data compact" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col", class: "num-col" }, "Line"),
          names.map((n) => h("th", { scope: "col" }, n)))),
        h("tbody", {}, rows.map((r) => h("tr", {}, h("th", { scope: "row", class: "num" }, String(r.line)),
          Array.from({ length: width }, (_, k) => h("td", {}, r.cells[k] ?? ""))))))));
}

let pendingRead = null;
/** Changes made in quick succession (arrowing through a closed select, or two controls at once) are read together,
 * once; the page is busy from the first change, so tests waiting on html[data-busy="0"] see the result. */
function queueReread(mutate, label, controlId, file = null) {
  if (pendingRead) clearTimeout(pendingRead.timer);
  else {
    pendingRead = { mutators: [] };
    setBusy(+1);
  }
  Object.assign(pendingRead, { label, controlId, file });
  pendingRead.mutators.push(mutate);
  pendingRead.timer = setTimeout(async () => {
    const p = pendingRead;
    pendingRead = null;
    try {
      await reread((o) => p.mutators.forEach((m) => m(o)), p.label, p.controlId, p.file);
    } finally {
      setBusy(-1);
    }
  }, 250);
}

function changeSystem(value, controlId) {
  queueReread((o) => { o.system = value; }, value === "auto" ? "Detecting the system again" : "Reading it as the chosen system", controlId);
}

function changeRead(file, key, value, controlId) {
  queueReread((o) => {
    const read = { ...(o.read[file] || {}) };
    if (value === null) delete read[key];
    else read[key] = value;
    o.read[file] = read;
  }, value === null ? `Detecting the ${FACT_NAMES[key].toLowerCase()} again` : `Reading ${shortName(file)} again`, controlId, file);
}

function changeHeaderRow(file, input, controlId) {
  const n = Number(input.value);
  if (input.value.trim() === "" || !Number.isInteger(n) || n < 0) {
    showErrors([{ text: "Enter the line number of the header row: a whole number, 0 when the file has no header row.", target: controlId }]);
    return;
  }
  changeRead(file, "header_row", n, controlId);
}

async function reread(mutate, label, controlId, file = null) {
  const next = clone(state.options);
  mutate(next);
  await act(label, async (work) => {
    const answer = await call({ op: "preview", options: previewOptions(next) }, work);
    const before = state.preview;
    const reset = [];
    for (const d of answer.detections) {        // column choices only hold while the columns stay the same
      const old = before.detections.find((x) => x.file === d.file);
      if (next.mapping[d.file] && (!old || JSON.stringify(old.columns) !== JSON.stringify(d.columns))) {
        delete next.mapping[d.file];
        reset.push(shortName(d.file));
      }
    }
    state.options = next;
    state.preview = answer;
    state.reached = 1;
    keepFocus(renderFound);
    renderNav();
    const d = file ? answer.detections.find((x) => x.file === file) : answer.detections[0];
    say(`Read again: ${d ? `${count(d.rows, "row")}, ${count(widthOf(d), "column")}` : previewSummary(answer)}.`
      + (reset.length ? ` Your column choices for ${listWords(reset)} were reset because the columns changed.` : ""));
  }, { onError: (err) => [{ text: describeError(err.error), target: controlId }] });
}

function foundNext() {
  clearErrors();
  const missing = [];
  state.preview.detections.forEach((d, i) => {
    if (!USED_ROLES.has(d.role)) return;
    for (const [key, fact] of Object.entries(d.facts)) {
      if (fact.words === "Unsure" && !state.confirmed.has(confirmKey(d, key, fact))) {
        missing.push({ text: `Check the ${FACT_NAMES[key].toLowerCase()} of ${shortName(d.file)}: we are unsure it is ${fact.label}. Tick the box if it is right, or change it.`,
          target: `confirm-${i}-${key}` });
      }
    }
  });
  if (missing.length) {
    showErrors(missing);
    say(`${count(missing.length, "finding")} to check before going on.`);
    return;
  }
  state.reached = Math.max(state.reached, 2);
  renderMatch();
  showStep("match");
}

// =============================================================================================== step 3: match columns
const colKey = (c) => c.column || `column ${c.index + 1}`;
const colName = (c) => c.column || `Column ${c.index + 1}`;

function currentField(file, c) {
  const choices = state.options.mapping[file];
  if (choices && colKey(c) in choices) return choices[colKey(c)];
  return c.field || IGNORE;
}

function matchTables() {
  const p = state.preview;
  return p.detections.map((d, i) => ({ d, i })).filter(({ d }) => USED_ROLES.has(d.role) && p.mapping[d.file]);
}

function renderMatch() {
  const tables = matchTables();
  const primaries = tables.filter(({ d }) => PRIMARY_ROLES.has(d.role));
  fill($("match-tables"), tables.map(({ d, i }) => mappingCard(d, i, tables.length > 1, primaries[0] && primaries[0].i === i)));
}

function headerList(d) {
  return state.preview.mapping[d.file].map((c) => c.column);
}

function savedMappingFor(d) {
  try {
    return JSON.parse(localStorage.getItem(MAPPING_PREFIX + JSON.stringify(headerList(d))) || "null");
  } catch {
    return null;
  }
}

function mappingCard(d, i, many, first) {
  const p = state.preview;
  const cols = p.mapping[d.file];
  const labels = Object.fromEntries(p.fields.map((f) => [f.id, f.label]));
  const choices = state.options.mapping[d.file] || {};
  const sel = cols.map((c) => ({ c, field: currentField(d.file, c), chosen: colKey(c) in choices }));
  const short = shortName(d.file);
  const capId = `m${i}-caption`;
  const primary = PRIMARY_ROLES.has(d.role);

  let required = null;
  if (primary) {
    const needs = p.required.map((r) => ({ ...r, hits: sel.filter((s) => r.any_of.includes(s.field)) }));
    const met = needs.filter((r) => r.hits.length).length;
    required = h("div", { class: ["required", met < needs.length && "required-missing"], id: `required-${i}` },
      h("p", { class: "required-count" }, h("strong", {}, `${met} of ${needs.length}`), " required fields matched"),
      h("ul", { class: "plain-list" }, needs.map((r) => h("li", { class: r.hits.length ? "ok" : "missing" },
        h("span", { class: "tag-icon", "aria-hidden": "true" }, r.hits.length ? "✓" : "✕"), " ",
        h("strong", {}, capitalise(r.need)), ": ",
        r.hits.length ? r.hits.map((s) => `${colName(s.c)} → ${labels[s.field]}`).join("; ")
          : `no column is matched yet. Choose ${listWords(r.any_of.map((f) => labels[f]), "or")} for one of the columns below.`))));
  }

  const byField = new Map();
  for (const s of sel) {
    if (s.field === IGNORE) continue;
    if (!byField.has(s.field)) byField.set(s.field, []);
    byField.get(s.field).push(s);
  }
  const shared = [...byField.entries()].filter(([, xs]) => xs.length > 1);
  const sharedNote = shared.length ? h("div", { class: "notice notice-info" }, h("p", {},
    "Two columns may feed one field: for each row, the first of them that is not empty is used."),
  h("ul", { class: "plain-list" }, shared.map(([field, xs]) => h("li", {}, h("strong", {}, labels[field]), " ← ",
    listWords(xs.sort((a, b) => b.chosen - a.chosen).map((s) => colName(s.c))))))) : null;

  const ignored = sel.filter((s) => s.field === IGNORE).map((s) => colName(s.c));
  const table = h("div", { class: "table-scroll", role: "region", "aria-labelledby": capId, tabindex: "0" },
    h("table", { class: "data mapping-table" },
      h("caption", { id: capId, class: "visually-hidden" }, `Columns of ${short}: your column, sample values, the field it becomes and why`),
      h("thead", {}, h("tr", {}, ["Your column", "Sample values", "Becomes", "Why"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, sel.map((s) => mappingRow(d, i, s, labels, p.fields, byField)))));

  let tools = null;
  if (primary) {
    const sfx = first ? "" : `-${i}`;
    const saved = savedMappingFor(d);
    tools = h("div", { class: "mapping-tools" },
      h("div", { class: "button-row" },
        h("button", { type: "button", class: "button", id: `save-mapping${sfx}`, on: { click: () => saveMapping(d) } }, "Save this mapping"),
        h("button", { type: "button", class: "button", id: `load-mapping${sfx}`, on: { click: () => { state.loadTarget = d.file; $("mapping-input").click(); } } }, "Load a mapping"),
        h("button", { type: "button", class: "button", id: `reset-mapping${sfx}`, disabled: !Object.keys(choices).length,
          on: { click: () => resetMapping(d, `reset-mapping${sfx}`) } }, "Reset to suggestions")),
      h("p", { class: "hint" }, "Saving keeps the mapping in this browser for files with these columns and downloads it as a TOML file, which the command line also takes (--mapping-file)."),
      saved ? h("p", { class: "notice notice-info" },
        `You saved a mapping for files with these columns${saved.saved ? ` on ${new Date(saved.saved).toLocaleDateString()}` : ""}. `,
        h("button", { type: "button", class: "button button-small", id: `use-saved-mapping${sfx}`,
          on: { click: () => applyColumns(d, saved.columns || {}, "your saved mapping") } }, "Use my saved mapping")) : null);
  }

  return h("article", { class: "card", "aria-labelledby": `m${i}-title` },
    h("h3", { id: `m${i}-title` }, "Columns of ", h("span", { class: "mono" }, short),
      many ? h("span", { class: "muted" }, ` (${ROLE_TEXT[d.role].split(":")[0].toLowerCase()})`) : null),
    required, sharedNote, table,
    h("p", { class: "ignored-list" }, h("strong", {}, "Not imported: "),
      ignored.length ? `${listWords(ignored)}.` : "none; every column is used."),
    tools);
}

function mappingRow(d, i, s, labels, fields, byField) {
  const { c, field, chosen } = s;
  const id = `map-${i}-${c.index}`;
  const select = h("select", { id, on: { change: (e) => chooseColumn(d, c, e.target.value, id) } },
    h("option", { value: IGNORE, selected: field === IGNORE }, "Don't import"),
    fields.map((f) => h("option", { value: f.id, selected: f.id === field }, f.label)));
  const others = field !== IGNORE ? (byField.get(field) || []).filter((x) => x !== s) : [];
  let why;
  if (chosen) {
    why = [confidenceTag("You chose this"), " ",
      field === IGNORE ? "You chose not to import it." : "You chose this.",
      c.field ? h("span", { class: "hint" }, ` Suggested: ${labels[c.field]}.`) : h("span", { class: "hint" }, " Suggested: don’t import.")];
  } else {
    why = [confidenceTag(confidenceWords(c.confidence)), " ", capitalise(c.reason), "."];
  }
  return h("tr", { class: field === IGNORE ? "row-ignored" : null },
    h("th", { scope: "row" }, h("span", { class: "col-name cell-text" }, colName(c)), h("span", { class: "col-index" }, `column ${c.index + 1}`)),
    h("td", {}, c.samples && c.samples.length
      ? h("ul", { class: "sample-values" }, c.samples.slice(0, 3).map((v) => h("li", { class: "cell-text" }, v)))
      : h("span", { class: "hint" }, "(empty in the first rows)")),
    h("td", {}, h("label", { for: id, class: "visually-hidden" }, `Target for column ${colName(c)}`), select),
    h("td", { class: "why" }, why, others.length ? h("p", { class: "hint" }, `Also fed by ${listWords(others.map((x) => colName(x.c)))}.`) : null));
}

function setChoice(file, c, value) {
  const choices = { ...(state.options.mapping[file] || {}) };
  const suggestion = c.field || IGNORE;
  if (value === suggestion) delete choices[colKey(c)];
  else choices[colKey(c)] = value;
  if (Object.keys(choices).length) state.options.mapping[file] = choices;
  else delete state.options.mapping[file];
}

function mappingChanged() {
  state.reached = Math.min(state.reached, 2);
  keepFocus(renderMatch);
  renderNav();
}

function chooseColumn(d, c, value, id) {
  setChoice(d.file, c, value);
  mappingChanged();
  const label = (state.preview.fields.find((f) => f.id === value) || {}).label;
  say(`Column ${colName(c)}: ${value === IGNORE ? "not imported" : `becomes ${label}`}.`);
}

function resetMapping(d, buttonId) {
  delete state.options.mapping[d.file];
  mappingChanged();
  focus($(`m${matchTables().find((t) => t.d.file === d.file).i}-title`) || $(buttonId));
  say("Back to the suggested columns.");
}

function currentColumns(d) {
  // Chosen columns first (as the converter takes them: the first column named for a field wins), then the rest.
  const cols = state.preview.mapping[d.file];
  const choices = state.options.mapping[d.file] || {};
  const out = {};
  for (const key of Object.keys(choices)) out[key] = choices[key];
  for (const c of cols) if (!(colKey(c) in out)) out[colKey(c)] = currentField(d.file, c);
  return out;
}

async function saveMapping(d) {
  const columns = currentColumns(d);
  localStorage.setItem(MAPPING_PREFIX + JSON.stringify(headerList(d)),
    JSON.stringify({ columns, saved: new Date().toISOString(), file: shortName(d.file) }));
  renderStorage();
  await act("Saving the mapping", async (work) => {
    const answer = await call({ op: "mapping_toml", columns, source: shortName(d.file) }, work);
    const name = `${stemOf(state.source.name)}-mapping.toml`;
    downloadText(answer.text, name, "application/toml");
    keepFocus(renderMatch);
    say(`Saved this mapping in this browser and downloaded it as ${name}.`);
  });
}

async function loadMappingFile(file) {
  const d = state.preview.detections.find((x) => x.file === state.loadTarget);
  if (!d) return;
  const text = await file.text();
  await act(`Loading ${file.name}`, async (work) => {
    const answer = await call({ op: "mapping_load", text, name: file.name }, work);
    applyColumns(d, answer.columns, file.name);
  }, { onError: (err) => [{ text: describeError(err.error), target: "load-mapping" }] });
}

function applyColumns(d, columns, from) {
  const cols = state.preview.mapping[d.file];
  const fieldIds = new Set(state.preview.fields.map((f) => f.id));
  const fold = (s) => String(s).trim().toLowerCase();
  let applied = 0;
  const absent = [];
  for (const [name, field] of Object.entries(columns)) {
    const c = cols.find((x) => x.column === name) || cols.find((x) => fold(x.column) === fold(name))
      || cols.find((x) => fold(colKey(x)) === fold(name));
    if (!c || !(field === IGNORE || fieldIds.has(field))) {
      absent.push(name);
      continue;
    }
    setChoice(d.file, c, field);
    applied += 1;
  }
  mappingChanged();
  say(`Applied ${from}: ${count(applied, "column")} set.`
    + (absent.length ? ` ${count(absent.length, "column")} of it ${absent.length === 1 ? "is" : "are"} not in this file: ${listWords(absent.slice(0, 5))}${absent.length > 5 ? "…" : ""}.` : ""));
}

let converting = false;

async function convert() {
  if (converting) return;                 // a second click while the first conversion runs
  converting = true;
  try {
    await convertNow();
  } finally {
    converting = false;
  }
}

async function convertNow() {
  clearErrors();
  const name = state.source.name;
  const next = clone(state.options);
  await act(`Converting ${name}`, async (work) => {
    const answer = await call({ op: "run", job: "matters", options: runOptions(next) }, work);
    state.options = next;
    state.rows = { file: null, filter: "all", start: 0, answer: null };
    await afterRun(answer, work);
    state.reached = Math.max(state.reached, 3);
    renderReview();
    showStep("review");
    say(`Converted ${name}: ${countsSentence(answer.report)}.`);
  }, { onError: (err) => runErrors(err) });
}

function runErrors(err) {
  const error = err.error || {};
  const t = state.preview ? matchTables().find(({ d }) => d.file === error.file || shortName(d.file) === error.file) : null;
  const target = error.code === "unmapped" || error.code === "options-invalid"
    ? (t ? `map-${t.i}-${state.preview.mapping[t.d.file][0].index}` : "match-next") : defaultTarget();
  return [{ text: describeError(error), target }];
}

function countsSentence(r) {
  return `${fmtInt(r.rows_read)} rows read, ${fmtInt(r.rows_written)} written, ${fmtInt(r.rows_merged)} merged, `
    + `${fmtInt(r.rows_filtered)} closed left out, ${fmtInt(r.rows_rejected)} rejected`;
}

// =============================================================================================== step 4: review
async function afterRun(answer, work) {
  state.run = answer;
  state.runKey += 1;
  state.runGeneration = runtime.generation;
  const files = Object.keys(answer.tables || {});
  if (!files.includes(state.rows.file)) state.rows.file = files[0] || null;
  if (!state.codes) {
    const c = await call({ op: "codes" }, work);
    state.codes = new Map(c.codes.map((x) => [x.code, x]));
  }
  await loadRows(work);
}

async function ensureRun(work) {
  if (state.runGeneration === runtime.generation && state.run) return;
  const answer = await call({ op: "run", job: "matters", options: runOptions(state.options) }, work);
  await afterRun(answer, work);
}

async function loadRows(work) {
  const r = state.rows;
  if (!r.file) {
    r.answer = null;
    return;
  }
  let answer = await call({ op: "rows", file: r.file, start: r.start, count: PAGE_SIZE, filter: r.filter }, work);
  if (answer.total && r.start >= answer.total) {        // the page went away (fewer rows after a change)
    r.start = Math.floor((answer.total - 1) / PAGE_SIZE) * PAGE_SIZE;
    answer = await call({ op: "rows", file: r.file, start: r.start, count: PAGE_SIZE, filter: r.filter }, work);
  }
  r.answer = answer;
}

function renderReview() {
  const run = state.run;
  if (!run) return;
  const r = run.report;
  $("include-closed").checked = state.options.include_closed;
  $("jurisdiction").value = state.options.jurisdiction || "";

  const term = (n, label) => h("span", { class: "eq-term" }, h("span", { class: "eq-num num" }, fmtInt(n)), " ", h("span", { class: "eq-label" }, label));
  const op = (x) => h("span", { class: "eq-op" }, ` ${x} `);
  fill($("equation"), term(r.rows_read, "rows read"), op("="), term(r.rows_written, "written"), op("+"),
    term(r.rows_merged, "merged"), op("+"), term(r.rows_filtered, "closed left out"), op("+"), term(r.rows_rejected, "rejected"));
  const holds = r.rows_read === r.rows_written + r.rows_merged + r.rows_filtered + r.rows_rejected;
  $("equation-note").textContent = holds
    ? "Merged: the same matter twice, written once. Closed left out: closed matters (tick “Include closed matters” to keep them). Rejected: rows with an error, listed below; fix them and the file is converted again."
    : "These numbers do not add up. Please report it: a row may be missing.";

  renderProblems(r.issues || [], r.issue_summary);
  renderRowsControls();
  renderRows();
  renderFixes();
}

const SEVERITY_RANK = { fatal: 0, error: 0, warning: 1, info: 2 };
const codeTitle = (code) => ((state.codes && state.codes.get(code)) || {}).title || code;

// `summary` ({code: {count, lines, severity}}) comes with a long report: `issues` then holds examples of each code.
function renderProblems(issues, summary) {
  const tableFiles = new Set(Object.keys(state.run.tables || {}));
  const item = (g) => {
    const cat = (state.codes && state.codes.get(g.code)) || {};
    const titleId = `problem-${g.code}-title`;
    const lines = g.items.map((x) => x.row).filter((n) => n !== null && n !== undefined);
    const onRows = g.items.some((x) => x.row && tableFiles.has(x.file)) && !/-skipped$/.test(g.code);
    const all = summary && summary[g.code];
    const howMany = all ? (all.lines ? `on ${count(all.lines, "line")}` : count(all.count, "time"))
      : (lines.length ? `on ${count(new Set(lines).size, "line")}` : count(g.items.length, "time"));
    const some = all && all.count > g.items.length ? " (the first shown; every one is in the problems file)" : "";
    return h("li", { class: ["problem", `problem-${severityWord(g.severity).toLowerCase()}`] },
      h("div", { class: "problem-head" }, severityTag(g.severity), " ",
        h("strong", { id: titleId }, cat.title || g.code), " ",
        h("span", { class: "problem-count" }, howMany)),
      cat.help ? h("p", { class: "problem-help" }, cat.help) : null,
      h("p", { class: "problem-example" }, lines.length ? `${capitalise(lineList(lines))}${some}. ` : "", "For example: ",
        h("span", { class: "cell-text" }, g.items[0].message), " ", h("code", { class: "code" }, g.code)),
      onRows ? h("button", { type: "button", class: "button button-small", id: `show-${g.code}`, "aria-describedby": titleId,
        on: { click: () => filterRows(`code:${g.code}`, true) } }, "Show these rows") : null);
  };
  renderProblemGroups({ box: $("problem-groups"), moreId: "notes-more", list: groupIssues(issues), item, titleOf: codeTitle,
    emptyText: "No problems: every row was written as it was." });
}

function renderRowsControls() {
  const r = state.rows;
  renderFilterControls({ prefix: "", filters: FILTERS, filter: r.filter, noun: "rows", titleOf: codeTitle, onFilter: filterRows });
  const files = Object.keys(state.run.tables || {});
  const select = $("rows-table-select");
  const many = files.length > 1;
  select.hidden = !many;
  $("rows-table-label").hidden = !many;
  if (many) {
    fill(select, files.map((f) => h("option", { value: f, selected: f === r.file }, shortName(f))));
    select.onchange = () => {
      state.rows.file = select.value;
      filterRows("all", false);
    };
  }
}

async function filterRows(filter, moveFocus) {
  state.rows.filter = filter;
  state.rows.start = 0;
  await pageRows(moveFocus ? "rows-region" : null);
}

async function pageRows(focusId) {
  await act("Loading the rows", async (work) => {
    await ensureRun(work);
    await loadRows(work);
    keepFocus(() => {
      renderRowsControls();
      renderRows();
    });
    const a = state.rows.answer;
    say(a && a.total ? `${rangeText(a)}.` : "No rows to show with this filter.");
    if (focusId) focus($(focusId));
  });
}

const rangeText = (a) => rowsRangeText(a, "rows");

function renderRows() {
  const a = state.rows.answer;
  const table = $("rows-table");
  closeFixForm(false);
  if (!a) {
    $("rows-range").textContent = "No table was converted.";
    table.replaceChildren();
    disablePager("");
    return;
  }
  const { page, pages } = renderPager("", a);
  const label = filterLabel(a, FILTERS, codeTitle);
  $("rows-range").textContent = a.total ? `${rangeText(a)} (${label}; page ${page} of ${pages}; the file has ${count(a.all, "row")})`
    : `No rows (${label}); the file has ${count(a.all, "row")}.`;

  const names = columnNames(a);
  renderRowsTable({ table, a, names,
    caption: `Rows of ${shortName(a.file)}: line number, the cells as read, the outcome and any problems`,
    emptyText: a.filter.startsWith("code:") ? "None of these lines is a row of the table (they are lines left out above or below it)." : "No rows match this filter.",
    rowFor: (row) => reviewRow(a, row, names) });
}

function reviewRow(a, row, names) {
  return renderReviewRow({ prefix: "", outcomes: OUTCOMES, row, names, onFix: (button) => fixForm.open(a, row, names, button) });
}

/** Source columns a problem points at: its own column name, or the output column's source columns. */
function problemColumns(issue, names) {
  const hits = new Set();
  if (issue.column === null || issue.column === undefined) return hits;
  const direct = names.indexOf(String(issue.column));
  if (direct >= 0) hits.add(direct);
  const fields = OUTPUT_FIELDS[issue.column] || [];
  const mapping = (state.run.report && state.run.report.mapping) || {};
  names.forEach((n, k) => { if (fields.includes(mapping[n])) hits.add(k); });
  return hits;
}

const fixForm = createFixForm({
  prefix: "",
  hint: "Enter saves and converts again; Escape cancels. Your edit applies to the rows as read, before cleaning; your file itself is not changed.",
  columnsOf: problemColumns,
  onChanges: (a, row, changes, buttonId) => rerun((o) => upsertFixes(o.fixes, a.file, row.line, changes, state.fixNotes),
    `Saved your edit to line ${row.line}.`, () => $(buttonId) || $("fixes-title")),
});
const closeFixForm = (refocus) => fixForm.close(refocus);

function undoFix(fix, index) {
  rerun((o) => {
    o.fixes = withoutFix(o.fixes, fix);
  }, `Undid your edit to line ${fix.line}.`, undoFocus("", index));
}

function renderFixes() {
  renderFixList({ prefix: "", fixes: state.options.fixes, notes: state.fixNotes, undo: undoFix });
}

async function rerun(mutate, done, focusTarget = null) {
  const next = clone(state.options);
  mutate(next);
  await act(`Converting ${state.source.name} again`, async (work) => {
    const answer = await call({ op: "run", job: "matters", options: runOptions(next) }, work);
    state.options = next;
    await afterRun(answer, work);
    keepFocus(renderReview);
    if (focusTarget) focus(focusTarget());
    say(`${done} Converted again: ${countsSentence(answer.report)}.`);
  });
}

function initReview() {
  $("include-closed").addEventListener("change", (e) => {
    const on = e.target.checked;
    rerun((o) => { o.include_closed = on; }, on ? "Closed matters are now included." : "Closed matters are now left out.");
  });
  const jurisdiction = $("jurisdiction");
  let requested = null;
  const applyJurisdiction = () => {
    const value = jurisdiction.value.trim();
    if (value === (requested ?? (state.options.jurisdiction || ""))) return;
    requested = value;
    rerun((o) => { o.jurisdiction = value; }, value ? `Jurisdiction ${value} is used for rows without one.` : "No jurisdiction is filled in.")
      .finally(() => { requested = null; });
  };
  jurisdiction.addEventListener("change", applyJurisdiction);
  jurisdiction.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      applyJurisdiction();
    }
  });
  initPaging({ prefix: "", rows: () => state.rows, pageRows });
  $("review-next").addEventListener("click", () => {
    state.reached = Math.max(state.reached, 4);
    openStep("download");
  });
}

// =============================================================================================== step 5: download
const DOWNLOADS = [
  ["-report.json", "Download the report (JSON)", "what was detected, the mapping, the counts and every problem"],
  ["-problems.csv", "Download the problems (CSV)", "one line per problem: file, line, column, severity, message"],
  ["-left-out.csv", "Download the rows left out (CSV)", "merged, closed and rejected rows with the reason"],
];

function savedMappingColumns() {
  // As `caseclock-normalizer matters --save-mapping` writes it: the mapping used (field priority order), then
  // the columns not imported.
  const r = state.run.report || {};
  const columns = { ...(r.mapping || {}) };
  for (const c of r.ignored_columns || []) columns[c] = IGNORE;
  return columns;
}

async function prepareDownloads() {
  if (state.downloads.key === state.runKey && state.downloads.generation === runtime.generation) {
    renderDownload();
    return;
  }
  await act("Preparing the downloads", async (work) => {
    await ensureRun(work);
    for (const url of state.downloads.urls) URL.revokeObjectURL(url);
    const stem = stemOf(state.source.name);
    const blobs = await takeDownloads(Object.keys(state.run.downloads || {}));
    const toml = await call({ op: "mapping_toml", columns: savedMappingColumns(), source: state.source.name }, work);
    blobs[`${stem}-mapping.toml`] = new Blob([toml.text], { type: "application/toml" });
    blobs[`${stem}-fixes.json`] = new Blob([`${JSON.stringify(state.options.fixes, null, 2)}\n`], { type: "application/json" });
    const urls = blobURLs(blobs);
    state.downloads = { key: state.runKey, generation: runtime.generation, urls: Object.values(urls), byName: urls, blobs };
    renderDownload();
    const csv = Object.keys(state.run.files || {})[0];
    say(csv ? `Your file is ready: ${count(state.run.report.rows_written, "row")} in ${csv}.` : "No row could be written: there is no CaseClock CSV to download.");
  });
}

function renderDownload() {
  const run = state.run;
  const r = run.report;
  const stem = stemOf(state.source.name);
  const { byName = {}, blobs = {} } = state.downloads;
  const csv = Object.keys(run.files || {})[0];
  const link = $("download-csv");
  if (csv && byName[csv]) {
    link.href = byName[csv];
    link.download = csv;
    link.hidden = false;
    $("download-csv-name").textContent = `${csv}, ${fmtBytes(run.files[csv].size)}`;
    $("download-none").hidden = true;
    $("download-summary").textContent = `${count(r.rows_written, "matter")} ready for CaseClock in ${csv}: UTF-8, with CaseClock’s import columns.`;
  } else {
    link.hidden = true;
    link.removeAttribute("href");
    $("download-csv-name").textContent = "";
    $("download-none").hidden = false;
    $("download-none").textContent = "No row could be written, so there is no CaseClock CSV to download. The report and the problems list say why.";
    $("download-summary").textContent = "Nothing to import yet.";
  }
  const issues = r.issues || [];
  const formulas = r.issue_summary && r.issue_summary["formula-neutralised"]
    ? r.issue_summary["formula-neutralised"].count : issues.filter((x) => x.code === "formula-neutralised").length;
  const facts = [
    `${countsSentence(r)}.`,
    r.rows_merged + r.rows_filtered + r.rows_rejected ? "Every row left out is listed, with the reason, in the rows-left-out file." : null,
    formulas ? `${count(formulas, "cell")} starting with = + - or @ ${formulas === 1 ? "was" : "were"} made safe for Excel with a leading ' (see the problems file).` : null,
    state.options.fixes.length ? `${count(state.options.fixes.length, "edit")} of yours applied.` : null,
  ].filter(Boolean);
  fill($("download-facts"), facts.map((t) => h("li", {}, t)));
  const extra = [...DOWNLOADS.map(([suffix, label, desc]) => [Object.keys(blobs).find((n) => n.endsWith(suffix)), label, desc]),
    [`${stem}-mapping.toml`, "Download the mapping (TOML)", "load it again here (Load a mapping) or use it with --mapping-file"],
    [`${stem}-fixes.json`, "Download your edits (JSON)", "for --fixes: [{file, line, column, value}]"]];
  renderDownloadList({ prefix: "", extra, byName, blobs });
  renderCommand(csv || `${stem}-caseclock.csv`);
}

function renderCommand(csvName) {
  const o = state.options;
  const stem = stemOf(state.source.name);
  const reads = Object.entries(nonEmpty(o.read));
  const lines = [["caseclock-normalizer", "matters", state.source.name]];
  if (o.system !== "auto") lines.push(["--from", o.system]);
  const r = Object.assign({}, ...reads.map(([, v]) => v));
  if (r.sheet) lines.push(["--sheet", r.sheet]);
  if (r.encoding) lines.push(["--encoding", r.encoding]);
  if (r.delimiter !== undefined) lines.push(["--delimiter", DELIMITER_WORDS[r.delimiter] || r.delimiter]);
  if (r.quotechar !== undefined) lines.push(["--quote", r.quotechar === "" ? "none" : r.quotechar]);
  if (r.header_row !== undefined) lines.push(["--header-row", String(r.header_row)]);
  for (const choices of Object.values(nonEmpty(o.mapping))) {
    for (const [column, field] of Object.entries(choices)) lines.push(["--map", `${column}=${field}`]);
  }
  if (o.fixes.length) lines.push(["--fixes", `${stem}-fixes.json`]);
  if (o.include_closed) lines.push(["--include-closed"]);
  if (o.jurisdiction) lines.push(["--jurisdiction", o.jurisdiction]);
  lines.push(["-o", csvName], ["--report", `${stem}-report.json`]);
  $("command-text").textContent = lines.map((words) => words.map(shellWord).join(" ")).join(" \\\n    ");
  const notes = [];
  if (reads.length > 1 || (reads.length === 1 && reads[0][0] !== state.source.name)) {
    notes.push(`On the command line, reading options apply to every file in ${state.source.name}; here they were set for ${listWords(reads.map(([f]) => shortName(f)))} only.`);
  }
  if (Object.keys(nonEmpty(o.mapping)).some((f) => f !== state.source.name)) {
    notes.push("On the command line, --map applies to every file in the archive that has the column.");
  }
  $("command-note").hidden = !notes.length;
  $("command-note").textContent = notes.join(" ");
}

function initDownload() {
  initCopyCommand("");
  $("start-over").addEventListener("click", () => {
    state.reached = 0;
    state.preview = null;
    state.run = null;
    $("file-status").textContent = "No file chosen";
    showStep("choose");
    say("Choose the next export file. Your saved mappings are kept.");
  });
}

// =============================================================================================== start
function init() {
  initPrivacy(runtime, say);
  runtime.addEventListener("state", () => {
    if (runtime.state === "failed") showBootError();
    if (runtime.state === "ready" && !$("error-summary").hidden && !$("error-summary-actions").hidden) clearErrors();
  });
  runtime.addEventListener("stage", () => {
    repaintWork();
  });
  runtime.start();

  $("retry-button").addEventListener("click", async () => {
    clearErrors();
    say("Starting the converter again…");
    runtime.start();
    if (state.source && !state.preview) await openSource(state.source);
  });
  $("cancel-button").addEventListener("click", () => {
    runtime.cancel();
  });
  for (const link of document.querySelectorAll("[data-step-link]")) {
    link.addEventListener("click", (e) => {
      e.preventDefault();
      if (link.hasAttribute("href")) openStep(link.dataset.stepLink);
    });
  }
  for (const button of document.querySelectorAll("[data-go]")) {
    button.addEventListener("click", () => openStep(button.dataset.go));
  }
  $("found-next").addEventListener("click", foundNext);
  $("match-next").addEventListener("click", convert);
  $("mapping-input").addEventListener("change", (e) => {
    const file = e.target.files && e.target.files[0];
    e.target.value = "";
    if (file) loadMappingFile(file);
  });
  initChoose();
  initReview();
  initDownload();
  initSamples();
  renderNav();

  registerSection("matters", {
    defaultTarget,
    rerender: rerenderStep,
    reveal: revealField,
    onShow: ({ focusHeading }) => {
      renderNav();
      if (focusHeading) {
        const heading = $(`h-${state.step}`);
        heading.focus({ preventScroll: true });
        heading.scrollIntoView({ block: "start" });
      }
    },
  });
  initEntries({ summary: part1Summary, matterList: part1MatterList });
  for (const link of document.querySelectorAll("[data-section-link]")) {
    link.addEventListener("click", (e) => {
      e.preventDefault();
      const name = link.dataset.sectionLink;
      history.replaceState(null, "", name === "matters" ? location.pathname + location.search : `#${link.id.replace(/^section-link-/, "")}`);
      showSection(name);
    });
  }
  showSection(location.hash === "#time-entries" ? "entries" : "matters", { focusHeading: false });
}

// =============================================================================================== for the entries section
/** The CaseClock CSV this section made, if any: its name and how many matters it holds. */
function part1Summary() {
  if (!state.run || !state.run.ok) return null;
  const name = Object.keys(state.run.files || {})[0];
  if (!name) return null;
  return { name, rows: state.run.report.rows_written, source: state.source.name, key: state.runKey };
}

/** That CSV's bytes (from the downloads already taken, else from the converter, converting again if it restarted). */
async function part1MatterList(work) {
  const first = part1Summary();
  if (!first) return null;
  const { byName = {}, blobs = {} } = state.downloads;
  if (state.downloads.key === state.runKey && blobs[first.name] && byName[first.name]) return { name: first.name, blob: blobs[first.name] };
  await ensureRun(work);
  const name = Object.keys(state.run.files || {})[0];
  if (!name) return null;
  const reply = await runtime.send({ type: "take", name });
  return { name, blob: new Blob([reply.buffer], { type: "text/csv" }) };
}

init();
