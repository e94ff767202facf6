// Small DOM helpers. Everything that comes from a file is put on the page as text (createTextNode / textContent):
// nothing here ever parses HTML, so a cell such as <img src=x onerror=alert(1)> shows as those characters.

const BOOLEAN = new Set(["hidden", "disabled", "checked", "selected", "required", "open", "multiple", "readOnly"]);

/** h("p", {class: "x", id: "y", on: {click}}, "text", child, [more]) -> an element. Strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    } else if (key === "class") {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    } else if (key === "for") {
      el.htmlFor = value;
    } else if (key === "text") {
      el.textContent = value;
    } else if (key === "value") {
      el.value = value;
    } else if (BOOLEAN.has(key)) {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export const $ = (id) => document.getElementById(id);

const integer = new Intl.NumberFormat("en-US");
export const fmtInt = (n) => integer.format(Number(n) || 0);

export function fmtBytes(n) {
  if (n < 1024) return `${n} byte${n === 1 ? "" : "s"}`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** "1 row" / "2 rows" */
export const count = (n, one, many = `${one}s`) => `${fmtInt(n)} ${Number(n) === 1 ? one : many}`;

/** Numbers as a monospace, tabular span. */
export const num = (n) => h("span", { class: "num" }, fmtInt(n));

export const vh = (text) => h("span", { class: "visually-hidden" }, text);

export function capitalise(text) {
  const s = String(text ?? "");
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** A list read aloud: "a, b and c". */
export function listWords(items, conjunction = "and") {
  const xs = items.map(String);
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} ${conjunction} ${xs[xs.length - 1]}`;
}

/** "lines 3, 5, 9 and 2 more" */
export function lineList(lines, limit = 10) {
  const xs = [...new Set(lines)].sort((a, b) => a - b);
  const shown = xs.slice(0, limit).map(fmtInt);
  const more = xs.length - shown.length;
  return `${xs.length === 1 ? "line" : "lines"} ${shown.join(", ")}${more ? ` and ${more} more` : ""}`;
}

/** Quote a file's value for a sentence, showing an empty value as such. */
export const quoted = (text) => (text === "" ? "(empty)" : `“${text}”`);

/** A shell word, quoted for a POSIX shell when needed. */
export function shellWord(text) {
  const s = String(text);
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

/** Confidence in words, as normalizer/explain.py says it. */
export const confidenceWords = (c) => (c >= 0.9 ? "High" : c >= 0.6 ? "Check this" : "Unsure");

const CONFIDENCE_CLASS = { High: "conf-high", "Check this": "conf-check", Unsure: "conf-unsure", "You chose this": "conf-chosen" };
const CONFIDENCE_ICON = { High: "✓", "Check this": "!", Unsure: "?", "You chose this": "✎" };

/** A confidence tag: an icon and the words (never colour alone). */
export function confidenceTag(words) {
  return h("span", { class: ["tag", CONFIDENCE_CLASS[words] || "conf-check"] },
    h("span", { class: "tag-icon", "aria-hidden": "true" }, CONFIDENCE_ICON[words] || "!"), words);
}

const SEVERITY = {
  fatal: ["Error", "sev-error", "✕"], error: ["Error", "sev-error", "✕"],
  warning: ["Warning", "sev-warning", "!"], info: ["Note", "sev-info", "i"],
};

export function severityTag(severity) {
  const [word, cls, icon] = SEVERITY[severity] || SEVERITY.info;
  return h("span", { class: ["tag", cls] }, h("span", { class: "tag-icon", "aria-hidden": "true" }, icon), word);
}

export const severityWord = (severity) => (SEVERITY[severity] || SEVERITY.info)[0];

/** Move focus to an element, scrolling it into view gently. */
export function focus(el) {
  if (!el) return;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: "nearest", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
}
