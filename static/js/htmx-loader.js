// Loads htmx: the pinned CDN copy (with its integrity hash) when the CDN answers within
// data-timeout ms, otherwise the same version from static/vendor/.  On an intranet whose firewall
// silently drops traffic to the CDN the page is usable after about a second, not after the
// browser's connection timeout.  htmx runs exactly once:
//   - the CDN file is first *preloaded* (fetched, not executed); only a preload that finished in
//     time is turned into a <script>, so a late CDN answer never runs htmx a second time;
//   - both paths go through one guard (window.htmx, and the "chosen" flag).
// htmx initialises on DOMContentLoaded; a copy that arrives after that event (the usual case
// here, the script being inserted dynamically) would wait for it forever, so the listeners htmx
// registers for it while it executes are called right away.
(function () {
  "use strict";
  var me = document.currentScript;
  var cdn = me.getAttribute("data-cdn");
  var integrity = me.getAttribute("data-integrity");
  var local = me.getAttribute("data-local");
  var timeout = parseInt(me.getAttribute("data-timeout"), 10) || 1000;
  var chosen = null;

  function load(src, withIntegrity, onError) {
    // Whether the DOM is still loading is decided when htmx *runs*, not when the <script> is
    // inserted: a copy inserted while the page still parses may run after DOMContentLoaded while
    // the page is "interactive" (images still loading), and would then wait for that event forever.
    var captured = [];
    var patched = document.readyState !== "complete";
    if (patched) {
      document.addEventListener = function (type, listener, options) {
        if (type === "DOMContentLoaded" && document.readyState !== "loading") {
          captured.push(listener);
          return undefined;
        }
        return Document.prototype.addEventListener.call(document, type, listener, options);
      };
    }
    var restore = function () {
      if (patched) { delete document.addEventListener; patched = false; }
      captured.forEach(function (listener) { listener.call(document, new Event("DOMContentLoaded")); });
      captured = [];
    };
    var script = document.createElement("script");
    script.src = src;
    if (withIntegrity) {
      script.integrity = integrity;
      script.crossOrigin = "anonymous";
    }
    script.onload = function () {
      restore();
      document.documentElement.setAttribute("data-htmx-sumber", chosen);
      if (window.performance && performance.mark) { performance.mark("htmx-siap"); }
    };
    script.onerror = function () { restore(); if (onError) { onError(); } };
    document.body.appendChild(script);
  }

  function useLocal() {
    if (chosen === "lokal" || window.htmx) { return; }
    chosen = "lokal";
    load(local, false, null);
  }

  if (window.htmx) { return; }
  if (!cdn) { useLocal(); return; }

  var timer = setTimeout(function () {
    if (chosen === null) {
      if (preload.parentNode) { preload.parentNode.removeChild(preload); }
      useLocal();
    }
  }, timeout);
  var preload = document.createElement("link");
  preload.rel = "preload";
  preload.as = "script";
  preload.href = cdn;
  preload.integrity = integrity;
  preload.crossOrigin = "anonymous";
  preload.onload = function () {
    if (chosen !== null || window.htmx) { return; }  // too late: the local copy already runs
    clearTimeout(timer);
    chosen = "cdn";
    load(cdn, true, function () { chosen = null; useLocal(); });
  };
  preload.onerror = function () {
    clearTimeout(timer);
    if (chosen === null) { useLocal(); }
  };
  document.head.appendChild(preload);
})();
