// The review step's table, shared by both sections (the client/matter list in app.js, the time entries in entries.js):
// problem groups, paging, the rows table, the Fix form and the list of edits. What differs is passed in: the id
// prefix ("" or "entries-"), the words ("rows" / "entries"), the section's state and callbacks.
// Everything taken from a file is rendered as text (dom.js never parses HTML).

import { $, h, fill, append, fmtInt, fmtBytes, count, vh, listWords, quoted, severityTag, focus } from "./dom.js";
import { runtime, mimeOf, say, showErrors } from "./shell.js";

export const PAGE_SIZE = 50;
export const SEVERITY_RANK = { fatal: 0, error: 0, warning: 1, info: 2 };

// ------------------------------------------------------------------------------------------------ problem groups
/** Issues grouped by code, worst severity first, then the most frequent. */
export function groupIssues(issues) {
  const groups = new Map();
  for (const x of issues) {
    if (!groups.has(x.code)) groups.set(x.code, { code: x.code, severity: x.severity, items: [], check: x.check });
    const g = groups.get(x.code);
    g.items.push(x);
    if (SEVERITY_RANK[x.severity] < SEVERITY_RANK[g.severity]) g.severity = x.severity;
  }
  return [...groups.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.items.length - a.items.length);
}

/** Errors and warnings in view (`box`); notes (nothing to do) one click away in <details id=moreId>. */
export function renderProblemGroups({ box, moreId, list, item, titleOf, emptyText }) {
  const oldMore = $(moreId);
  const wasOpen = oldMore && oldMore.open;
  if (oldMore) oldMore.remove();
  if (!list.length) {
    fill(box, h("li", { class: "problem" }, emptyText));
    return;
  }
  const needs = list.filter((g) => g.severity !== "info");
  const notes = list.filter((g) => g.severity === "info");
  fill(box, needs.length ? needs.map(item) : h("li", { class: "problem" }, "Nothing needs your attention: no errors or warnings."));
  if (notes.length) {
    box.after(h("details", { class: "notes-more", id: moreId, open: wasOpen },
      h("summary", {}, `${count(notes.length, "kind")} of note (nothing to do): ${listWords(notes.map((g) => titleOf(g.code)))}`),
      h("ul", { class: "problem-groups" }, notes.map(item))));
  }
}

// ------------------------------------------------------------------------------------------------ filters and paging
/** The filter radios and the "Showing only … with" line. `noun` is the plural word: "rows" or "entries". */
export function renderFilterControls({ prefix, filters, filter, noun, titleOf, onFilter }) {
  const box = $(`${prefix}rows-filters`);
  if (!box.childElementCount) {
    append(box, filters.map(([value, label]) => h("span", { class: "filter-option" },
      h("input", { type: "radio", name: `${prefix}rows-filter`, id: `${prefix}filter-${value}`, value,
        on: { change: (e) => { if (e.target.checked) onFilter(value, false); } } }),
      h("label", { for: `${prefix}filter-${value}` }, label))));
  }
  for (const [value] of filters) $(`${prefix}filter-${value}`).checked = filter === value;
  const codeFilter = $(`${prefix}rows-code-filter`);
  if (filter.startsWith("code:")) {
    const code = filter.slice(5);
    fill(codeFilter, `Showing only ${noun} with: `, h("strong", {}, titleOf(code)), " ",
      h("button", { type: "button", class: "button button-small", id: `${prefix}rows-show-all`, on: { click: () => onFilter("all", true) } }, `Show all ${noun}`));
    codeFilter.hidden = false;
  } else {
    codeFilter.hidden = true;
  }
}

/** "Rows 1–50 of 120" / "Entries 1–50 of 120". */
export function rangeText(a, noun = "rows") {
  const end = a.start + a.rows.length;
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  return a.total ? `${Noun} ${fmtInt(a.start + 1)}–${fmtInt(end)} of ${fmtInt(a.total)}` : `No ${noun}`;
}

/** The previous / next / page-number controls for an answer of the rows op; returns {page, pages}. */
export function renderPager(prefix, a) {
  const pages = Math.max(1, Math.ceil(a.total / PAGE_SIZE));
  const page = Math.floor(a.start / PAGE_SIZE) + 1;
  $(`${prefix}rows-prev`).disabled = a.start <= 0;
  $(`${prefix}rows-next`).disabled = a.start + a.rows.length >= a.total;
  $(`${prefix}rows-page`).max = String(pages);
  $(`${prefix}rows-page`).value = String(page);
  $(`${prefix}rows-go`).disabled = pages <= 1;
  return { page, pages };
}

export function disablePager(prefix) {
  for (const id of ["rows-prev", "rows-next", "rows-go"]) $(`${prefix}${id}`).disabled = true;
}

/** The filter's words for the range line: a problem's title, or the filter's label. */
export function filterLabel(a, filters, titleOf) {
  return a.filter.startsWith("code:") ? titleOf(a.filter.slice(5)) : filters.find(([v]) => v === a.filter)[1].toLowerCase();
}

/** Wire previous / next / go. `rows()` is the section's {start, answer}; `pageRows(focusId)` reloads. */
export function initPaging({ prefix, rows, pageRows }) {
  const prev = `${prefix}rows-prev`;
  const next = `${prefix}rows-next`;
  $(prev).addEventListener("click", async () => {
    rows().start = Math.max(0, rows().start - PAGE_SIZE);
    await pageRows(null);
    if ($(prev).disabled) $(next).focus();
  });
  $(next).addEventListener("click", async () => {
    rows().start += PAGE_SIZE;
    await pageRows(null);
    if ($(next).disabled) $(prev).focus();
  });
  const go = () => {
    const a = rows().answer;
    const pages = a ? Math.max(1, Math.ceil(a.total / PAGE_SIZE)) : 1;
    const n = Number($(`${prefix}rows-page`).value);
    if (!Number.isInteger(n) || n < 1 || n > pages) {
      showErrors([{ text: `Enter a page number from 1 to ${pages}.`, target: `${prefix}rows-page` }]);
      return;
    }
    rows().start = (n - 1) * PAGE_SIZE;
    pageRows(`${prefix}rows-region`);
  };
  $(`${prefix}rows-go`).addEventListener("click", go);
  $(`${prefix}rows-page`).addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      go();
    }
  });
}

// ------------------------------------------------------------------------------------------------ columns
/** The table's column names: the header's, or "Column N" past it. */
export function columnNames(a) {
  const width = Math.max((a.columns || []).length, ...a.rows.map((r) => r.cells.length), 0);
  return Array.from({ length: width }, (_, k) => (a.columns && a.columns[k]) || `Column ${k + 1}`);
}

/** The column a fix names: the header's name when it is unique, else the 1-based column number. */
export function fixColumn(a, k) {
  const name = a.columns && a.columns[k];
  if (name && a.columns.indexOf(name) === a.columns.lastIndexOf(name)) return name;
  return k + 1;
}

// ------------------------------------------------------------------------------------------------ the rows table
/** The table of one page of rows: Line, Outcome, Problems, Edit, then the cells as read. */
export function renderRowsTable({ table, a, names, caption, emptyText, rowFor }) {
  fill(table,
    h("caption", { class: "visually-hidden" }, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", class: "num-col" }, "Line"),
      h("th", { scope: "col" }, "Outcome"), h("th", { scope: "col", class: "problems-col" }, "Problems"),
      h("th", { scope: "col" }, vh("Edit")),
      names.map((n) => h("th", { scope: "col" }, n)))),
    h("tbody", {}, a.rows.map(rowFor)));
  if (!a.rows.length) {
    table.tBodies[0].append(h("tr", {}, h("td", { colspan: String(names.length + 4), class: "empty" }, emptyText)));
  }
}

/** One row of the table. `markChanged`: show an edited row as such; `extra`: more in the problems cell. */
export function reviewRow({ prefix, outcomes, row, names, onFix, markChanged = false, extra = null }) {
  const [outcome, icon] = outcomes[row.outcome] || [row.outcome, "•"];
  const worst = row.issues.reduce((s, x) => Math.min(s, SEVERITY_RANK[x.severity] ?? 2), 3);
  const changed = markChanged && row.changed;
  const cls = ["review-row", `outcome-${row.outcome}`, worst === 0 && "has-error", worst === 1 && "has-warning", changed && "row-changed"];
  return h("tr", { class: cls, id: `${prefix}row-${row.line}` },
    h("th", { scope: "row", class: "num" }, String(row.line)),
    h("td", { class: "outcome" }, h("span", { class: "tag-icon", "aria-hidden": "true" }, icon), " ", outcome,
      changed ? h("span", { class: "edited-mark" }, h("span", { class: "tag-icon", "aria-hidden": "true" }, " ✎"), " edited") : null),
    h("td", { class: "problems-cell" }, row.issues.length
      ? h("ul", { class: "plain-list" }, row.issues.map((x) => h("li", {}, severityTag(x.severity), " ",
        x.column ? h("span", { class: "issue-column" }, `${x.column}: `) : null, h("span", { class: "cell-text" }, x.message))))
      : h("span", { class: "hint" }, "None"), extra),
    h("td", {}, h("button", { type: "button", class: "button button-small", id: `${prefix}fix-line-${row.line}`,
      on: { click: (e) => onFix(e.currentTarget) } }, "Fix", vh(` line ${row.line}`))),
    names.map((_, k) => h("td", { class: "cell-text" }, row.cells[k] ?? "")));
}

// ------------------------------------------------------------------------------------------------ the Fix form
/**
 * The Fix form, opened as a row under the row it edits. Options: prefix (ids), hint (its text), columnsOf(issue, names)
 * (the column indexes a problem points at), multiline(name, value) (a textarea), enterInTextareaSaves,
 * onChanges(a, row, changes, buttonId) (changes: [{column, value, before}]). Returns {open, close}.
 */
export function createFixForm({ prefix, hint, columnsOf, onChanges, multiline = (n, value) => /[\r\n]/.test(value),
  enterInTextareaSaves = false }) {
  let openForm = null;

  function close(refocus) {
    if (!openForm) return;
    const { tr, button } = openForm;
    openForm = null;
    tr.remove();
    if (refocus && button.isConnected) button.focus();
  }

  function save(a, row, inputs, button) {
    const changes = [];
    inputs.forEach((input, k) => {
      const before = row.cells[k] ?? "";
      if (input.value !== input.dataset.shown) changes.push({ column: fixColumn(a, k), value: input.value, before });
    });
    if (!changes.length) {
      close(true);
      say(`Nothing changed on line ${row.line}.`);
      return;
    }
    onChanges(a, row, changes, button.id);
  }

  function open(a, row, names, button) {
    close(false);
    const line = row.line;
    const formTitle = `${prefix}fix-form-${line}-title`;
    const messagesByCol = new Map();
    for (const x of row.issues) {
      if (x.severity === "info") continue;
      for (const k of columnsOf(x, names)) {
        if (!messagesByCol.has(k)) messagesByCol.set(k, []);
        messagesByCol.get(k).push(x.message);
      }
    }
    // A cell with line breaks gets a textarea (a text input would drop them); either way only what the user changes
    // becomes an edit: each control remembers the value it showed at first (a textarea turns CRLF into LF).
    const inputs = names.map((n, k) => {
      const value = row.cells[k] ?? "";
      const multi = multiline(n, value);
      const control = h(multi ? "textarea" : "input", { type: multi ? null : "text", id: `${prefix}fix-${line}-${k}`, value,
        class: "cell-input", autocomplete: "off", spellcheck: "false", rows: multi ? "3" : null,
        "aria-invalid": messagesByCol.has(k) ? "true" : null,
        "aria-describedby": messagesByCol.has(k) ? `${prefix}fix-${line}-${k}-error` : null });
      control.dataset.shown = control.value;
      return control;
    });
    const cancel = () => { close(true); say(`Closed the edit of line ${line} without saving.`); };
    const form = h("form", { class: "fix-form", "aria-labelledby": formTitle, novalidate: true,
      on: {
        submit: (e) => { e.preventDefault(); save(a, row, inputs, button); },
        keydown: (e) => {
          if (e.key === "Escape") { e.preventDefault(); cancel(); }
          if (enterInTextareaSaves && e.key === "Enter" && e.target.tagName === "TEXTAREA" && !e.shiftKey) {
            e.preventDefault();
            save(a, row, inputs, button);
          }
        },
      } },
    h("p", { class: "fix-title", id: formTitle }, `Fix line ${line}`),
    h("div", { class: "fix-fields" }, names.map((n, k) => h("div", { class: ["field", messagesByCol.has(k) && "field-error"] },
      h("label", { for: `${prefix}fix-${line}-${k}` }, n),
      messagesByCol.has(k) ? h("p", { class: "field-message", id: `${prefix}fix-${line}-${k}-error` },
        h("span", { class: "visually-hidden" }, "Problem: "), messagesByCol.get(k).join(" ")) : null,
      inputs[k]))),
    h("p", { class: "hint" }, hint),
    h("div", { class: "button-row" },
      h("button", { type: "submit", class: "button button-primary" }, "Save and convert again"),
      h("button", { type: "button", class: "button", on: { click: cancel } }, "Cancel")));
    const tr = h("tr", { class: "fix-row" }, h("td", { colspan: String(names.length + 4) }, form));
    button.closest("tr").after(tr);
    openForm = { tr, button };
    const firstBad = [...messagesByCol.keys()].sort((x, y) => x - y)[0];
    focus(inputs[firstBad ?? 0] || inputs[0]);
  }

  return { open, close };
}

// ------------------------------------------------------------------------------------------------ the list of edits
export const fixKey = (f) => `${f.file}|${f.line}|${f.column}`;

/** Put `changes` to line `line` of `file` into `fixes` (in place), replacing an earlier edit of the same cell;
 * `notes` (key -> the cell as read) keeps the first "before". */
export function upsertFixes(fixes, file, line, changes, notes) {
  for (const ch of changes) {
    const fix = { file, line, column: ch.column, value: ch.value };
    const key = fixKey(fix);
    const at = fixes.findIndex((f) => fixKey(f) === key);
    if (at >= 0) fixes[at] = fix;
    else fixes.push(fix);
    if (!notes.has(key)) notes.set(key, ch.before);
  }
}

export const withoutFix = (fixes, fix) => fixes.filter((f) => fixKey(f) !== fixKey(fix));

/** Where focus goes after undoing edit `index`: the next Undo button, the one before, or the list's heading. */
export const undoFocus = (prefix, index) => () =>
  $(`${prefix}undo-fix-${index}`) || $(`${prefix}undo-fix-${index - 1}`) || $(`${prefix}fixes-title`);

export function renderFixList({ prefix, fixes, notes, undo }) {
  $(`${prefix}fixes-empty`).hidden = fixes.length > 0;
  fill($(`${prefix}fix-list`), fixes.map((f, n) => {
    const column = typeof f.column === "number" ? `column ${f.column}` : f.column;
    const before = notes.get(fixKey(f));
    return h("li", {},
      h("span", {}, h("span", { class: "num" }, `Line ${f.line}`), `, ${column}: `,
        before !== undefined ? [h("span", { class: "cell-text" }, quoted(before)), " → "] : "now ",
        h("span", { class: "cell-text" }, quoted(f.value))), " ",
      h("button", { type: "button", class: "button button-small", id: `${prefix}undo-fix-${n}`, on: { click: () => undo(f, n) } },
        "Undo", vh(` the edit to line ${f.line}, ${column}`)));
  }));
}

// ------------------------------------------------------------------------------------------------ downloads
/** Take the files a run left in the worker (`names`) as Blobs, by name. */
export async function takeDownloads(names) {
  const blobs = {};
  for (const name of names) {
    const reply = await runtime.send({ type: "take", name });
    blobs[name] = new Blob([reply.buffer], { type: mimeOf(name) });
  }
  return blobs;
}

/** An object URL for each Blob, by name. */
export function blobURLs(blobs) {
  const byName = {};
  for (const [name, blob] of Object.entries(blobs)) byName[name] = URL.createObjectURL(blob);
  return byName;
}

/** The list of other downloads: `extra` is [[file name or null, link text, description]]; a name without a URL is left out. */
export function renderDownloadList({ prefix, extra, byName, blobs }) {
  fill($(`${prefix}download-list`), extra.filter(([name]) => name && byName[name]).map(([name, label, desc], n) => h("li", {},
    h("a", { href: byName[name], download: name, id: `${prefix}download-extra-${n}`, class: "download-link" }, label), " ",
    h("span", { class: "file-name mono" }, `${name}, ${fmtBytes(blobs[name].size)}`),
    h("span", { class: "hint" }, `: ${desc}`))));
}

/** The "Copy the command" button: the clipboard, or failing that the command selected for Ctrl+C. */
export function initCopyCommand(prefix) {
  $(`${prefix}copy-command`).addEventListener("click", async () => {
    const text = $(`${prefix}command-text`).textContent;
    try {
      await navigator.clipboard.writeText(text);
      say("Copied the command.");
    } catch {
      const range = document.createRange();
      range.selectNodeContents($(`${prefix}command-text`));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      say("Selected the command: copy it with Ctrl+C or Cmd+C.");
    }
  });
}
