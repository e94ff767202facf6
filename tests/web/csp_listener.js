// Injected before any page script (Playwright init script): records every Content-Security-Policy violation.
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile });
});
