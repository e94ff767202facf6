// The proof behind "Runs on this computer": the offline copy (service worker) and its update prompt, the runtime
// chip, the "How we know" panel (every request made, any blocked attempt, what is kept in this browser) and the theme.

import { $, h, fill, fmtBytes, fmtInt, count } from "./dom.js";

export const STORAGE_PREFIX = "caseclock.";
const THEME_KEY = `${STORAGE_PREFIX}theme`;
export const MAPPING_PREFIX = `${STORAGE_PREFIX}mapping:`;

const violations = [];
let runtimeRef = null;
let offline = { ready: false, cached: 0, total: 0 };
let reloadOnSwap = false;

// --------------------------------------------------------------------------------------------- the runtime chip
export function updateChip() {
  const chip = $("runtime-chip");
  const text = $("runtime-chip-text");
  const state = runtimeRef ? runtimeRef.state : "booting";
  let words;
  if (state === "failed") words = "The converter could not start";
  else if (state !== "ready") words = "Preparing the converter…";
  else words = offline.ready ? "Ready offline ✓" : "Ready";
  chip.dataset.state = state === "ready" && offline.ready ? "offline" : state;
  text.textContent = words;
}

// --------------------------------------------------------------------------------------------- service worker
async function askStatus() {
  const controller = navigator.serviceWorker.controller;
  if (!controller) return;
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => {
    channel.port1.onmessage = (e) => resolve(e.data);
    setTimeout(() => resolve(null), 10000);
  });
  controller.postMessage({ type: "STATUS" }, [channel.port2]);
  const s = await answer;
  if (s) {
    offline = { ready: Boolean(s.complete), cached: s.cached, total: s.total, version: s.version };
    updateChip();
    renderStorage();
  }
}

function showUpdate(registration) {
  const prompt = $("update-prompt");
  prompt.hidden = false;
  $("update-reload").onclick = () => {
    const waiting = registration.waiting;
    if (!waiting) {
      location.reload();
      return;
    }
    reloadOnSwap = true;          // reload only after the user asked, once the new worker has taken over
    waiting.postMessage({ type: "SKIP_WAITING" });
  };
}

async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloadOnSwap) location.reload();
    else askStatus();
  });
  let registration;
  try {
    registration = await navigator.serviceWorker.register("./sw.js");
  } catch {
    registration = null;
  }
  if (!registration) return;       // no offline copy (e.g. a private window): the page still works online
  const watch = (worker) => {
    if (!worker) return;
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) showUpdate(registration);
      if (worker.state === "activated") askStatus();
    });
  };
  if (registration.waiting && navigator.serviceWorker.controller) showUpdate(registration);
  watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  askStatus();
}

// --------------------------------------------------------------------------------------------- requests made
function entriesOfPage() {
  const nav = performance.getEntriesByType("navigation").map((e) => ({ name: e.name, by: "this page (opening it)",
    size: e.transferSize || e.encodedBodySize || 0 }));
  const res = performance.getEntriesByType("resource").map((e) => ({ name: e.name, by: `this page (${e.initiatorType})`,
    size: e.transferSize || e.encodedBodySize || 0 }));
  return [...nav, ...res];
}

export async function renderRequests() {
  let entries = entriesOfPage();
  if (runtimeRef && runtimeRef.state === "ready") {
    try {
      const reply = await Promise.race([runtimeRef.send({ type: "resources" }),
        new Promise((resolve) => setTimeout(() => resolve(null), 3000))]);
      if (reply) entries = entries.concat(reply.entries.map((e) => ({ name: e.name, by: `the converter (${e.type})`, size: e.size })));
    } catch {
      // the converter was restarted: list what the page itself made
    }
  }
  const origin = location.origin;
  const foreign = entries.filter((e) => !e.name.startsWith(`${origin}/`) && !e.name.startsWith("blob:") && !e.name.startsWith("data:"));
  fill($("requests-summary"),
    `${count(entries.length, "request")}, all GET (the page has no code that sends data). `,
    foreign.length ? h("strong", { class: "text-error" }, `${count(foreign.length, "request")} went to another site.`)
      : `Every one went to this site (${location.host}); none went anywhere else.`);
  const body = $("requests-table").tBodies[0];
  fill(body, entries.map((e) => {
    const same = !foreign.includes(e);
    const shown = same ? e.name.slice(origin.length) || "/" : e.name;
    return h("tr", {}, h("td", { class: "mono" }, "GET"), h("td", { class: "mono break" }, shown,
      same ? null : h("strong", { class: "text-error" }, " (another site)")),
    h("td", {}, e.by), h("td", { class: "num" }, e.size ? fmtBytes(e.size) : "from this browser’s copy"));
  }));
}

// --------------------------------------------------------------------------------------------- blocked attempts
function renderViolations() {
  const list = $("csp-list");
  if (!violations.length) {
    $("csp-summary").textContent = "None: nothing on this page has tried to reach another site.";
    list.replaceChildren();
    return;
  }
  $("csp-summary").textContent = `${count(violations.length, "attempt")} blocked by the security policy:`;
  fill(list, violations.map((v) => h("li", {}, h("span", { class: "mono break" }, v.blocked || "(inline)"),
    ` (${v.directive}, in ${v.where})`)));
}

export function recordViolation(v) {
  violations.push(v);
  renderViolations();
}

// --------------------------------------------------------------------------------------------- kept in this browser
export function ourKeys() {
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key && key.startsWith(STORAGE_PREFIX)) keys.push(key);
  }
  return keys.sort();
}

export function renderStorage() {
  const items = [];
  for (const key of ourKeys()) {
    if (key === THEME_KEY) {
      items.push(h("li", {}, `Your theme choice: ${localStorage.getItem(key)}`));
    } else if (key.startsWith(MAPPING_PREFIX)) {
      let saved = {};
      try {
        saved = JSON.parse(localStorage.getItem(key)) || {};
      } catch { /* shown as is */ }
      const columns = JSON.parse(key.slice(MAPPING_PREFIX.length) || "[]");
      items.push(h("li", {}, `A saved column mapping for files with the columns ${columns.slice(0, 4).join(", ")}`
        + `${columns.length > 4 ? `, … (${columns.length} columns)` : ""}`
        + (saved.saved ? `, saved ${new Date(saved.saved).toLocaleDateString()}` : "")));
    } else {
      items.push(h("li", {}, key));
    }
  }
  if (offline.cached) {
    items.push(h("li", {}, `This page’s own files for offline use (${fmtInt(offline.cached)} files; the page, not your data)`));
  }
  if (!items.length) items.push(h("li", {}, "Nothing."));
  fill($("storage-list"), items);
  $("clear-storage").disabled = ourKeys().length === 0;
}

// --------------------------------------------------------------------------------------------- theme
function applyTheme(value) {
  if (value === "light" || value === "dark") document.documentElement.dataset.theme = value;
  else delete document.documentElement.dataset.theme;
}

function initTheme() {
  const select = $("theme");
  const saved = localStorage.getItem(THEME_KEY) || "system";
  select.value = saved;
  applyTheme(saved);
  select.addEventListener("change", () => {
    applyTheme(select.value);
    if (select.value === "system") localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, select.value);
    renderStorage();
  });
}

// --------------------------------------------------------------------------------------------- set up
export function initPrivacy(runtime, say) {
  runtimeRef = runtime;
  initTheme();
  document.addEventListener("securitypolicyviolation", (e) => {
    recordViolation({ directive: e.violatedDirective, blocked: e.blockedURI, where: "the page" });
  });
  runtime.addEventListener("csp", (e) => recordViolation(e.detail));
  runtime.addEventListener("state", updateChip);
  $("how-we-know").addEventListener("toggle", () => {
    if ($("how-we-know").open) {
      renderRequests();
      renderViolations();
      renderStorage();
    }
  });
  $("refresh-requests").addEventListener("click", renderRequests);
  $("clear-storage").addEventListener("click", () => {
    const keys = ourKeys();
    for (const key of keys) localStorage.removeItem(key);
    applyTheme("system");
    $("theme").value = "system";
    renderStorage();
    say(`Cleared ${count(keys.length, "saved item")} from this browser.`);
  });
  renderViolations();
  renderStorage();
  updateChip();
  // The offline copy (15 MB) is fetched once the converter is ready, so it never competes with the first start.
  let registered = false;
  runtime.addEventListener("state", () => {
    if (!registered && (runtime.state === "ready" || runtime.state === "failed")) {
      registered = true;
      registerServiceWorker();
    }
  });
}
