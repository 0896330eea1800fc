// When the CDN copy of htmx could not load (an intranet without internet),
// load the pinned copy shipped in static/vendor/ before anything else runs.
(function () {
  if (window.htmx) { return; }
  var src = document.currentScript && document.currentScript.getAttribute("data-fallback");
  if (src) {
    document.write('<script src="' + src + '"><\/script>');
  }
})();
