// kinerja: small behaviours on top of htmx. No inline scripts (strict CSP).
(function () {
  "use strict";

  // --- htmx error area -------------------------------------------------
  var errorBox = document.getElementById("htmx-error");
  function showError(message) {
    if (!errorBox) { return; }
    errorBox.textContent = message;
    errorBox.classList.remove("d-none");
  }
  document.body.addEventListener("htmx:responseError", function (evt) {
    var status = evt.detail.xhr ? evt.detail.xhr.status : 0;
    var messages = {
      400: "Sesi formulir kedaluwarsa, muat ulang halaman.",
      403: "Anda tidak berwenang melakukan tindakan ini.",
      404: "Data tidak ditemukan. Muat ulang halaman.",
      409: "Data sudah diubah oleh orang lain. Muat ulang halaman.",
      413: "Berkas terlalu besar."
    };
    showError(messages[status] || "Terjadi kesalahan di server. Coba lagi sebentar lagi.");
  });
  document.body.addEventListener("htmx:sendError", function () {
    showError("Tidak dapat terhubung ke server. Periksa jaringan lalu coba lagi.");
  });
  document.body.addEventListener("htmx:beforeRequest", function () {
    if (errorBox) { errorBox.classList.add("d-none"); }
  });

  // --- focus after swaps: an element marked data-autofocus gets focus --
  document.body.addEventListener("htmx:afterSettle", function (evt) {
    var target = evt.detail.elt && evt.detail.elt.querySelector ? evt.detail.elt.querySelector("[data-autofocus]") : null;
    if (target) { target.focus(); }
  });

  // --- confirmation for destructive buttons ----------------------------
  document.body.addEventListener("submit", function (evt) {
    var msg = evt.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { evt.preventDefault(); }
  });

  // --- idle timeout warning --------------------------------------------
  var body = document.body;
  var timeout = parseInt(body.getAttribute("data-idle-timeout") || "0", 10);
  var warning = parseInt(body.getAttribute("data-idle-warning") || "300", 10);
  var box = document.getElementById("idle-warning");
  if (timeout > 0 && box) {
    var lastActivity = Date.now();
    var countdown = box.querySelector("[data-idle-countdown]");
    var extend = box.querySelector("[data-idle-extend]");
    var reset = function () { lastActivity = Date.now(); box.classList.add("d-none"); };
    body.addEventListener("htmx:afterRequest", reset);
    extend.addEventListener("click", function () {
      var token = JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
      fetch(body.getAttribute("data-ping-url"), {
        method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": token}
      }).then(function (r) {
        if (r.ok) { reset(); } else { window.location.href = body.getAttribute("data-login-url"); }
      });
    });
    window.setInterval(function () {
      var left = timeout - Math.floor((Date.now() - lastActivity) / 1000);
      if (left <= 0) {
        window.location.href = body.getAttribute("data-login-url");
      } else if (left <= warning) {
        var minutes = Math.ceil(left / 60);
        countdown.textContent = minutes + " menit";
        box.classList.remove("d-none");
      }
    }, 5000);
  }

  // --- select-all checkboxes -------------------------------------------
  document.body.addEventListener("change", function (evt) {
    var group = evt.target.getAttribute("data-select-all");
    if (!group) { return; }
    document.querySelectorAll('input[type="checkbox"][data-group="' + group + '"]').forEach(function (cb) {
      cb.checked = evt.target.checked;
    });
  });
})();

// --- aktivitas harian (quick entry) ------------------------------------
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  // "Sekarang" buttons fill a time field with the current time; hidden without JavaScript.
  function showNowButtons(root) {
    (root || document).querySelectorAll("[data-sekarang]").forEach(function (btn) { btn.hidden = false; });
  }
  showNowButtons(document);
  document.body.addEventListener("htmx:afterSettle", function (evt) { showNowButtons(evt.detail.elt); });
  document.body.addEventListener("click", function (evt) {
    var btn = evt.target.closest ? evt.target.closest("[data-sekarang]") : null;
    if (!btn) { return; }
    var input = document.getElementById(btn.getAttribute("data-sekarang"));
    if (!input) { return; }
    var now = new Date();
    input.value = pad(now.getHours()) + ":" + pad(now.getMinutes());
    input.dispatchEvent(new Event("change", {bubbles: true}));
    input.focus();
  });
  // A 409 that the server retargeted (e.g. to #pesan-aktivitas) carries its own message: show it.
  document.body.addEventListener("htmx:beforeSwap", function (evt) {
    var xhr = evt.detail.xhr;
    if (xhr && xhr.status === 409 && xhr.getResponseHeader("HX-Retarget")) {
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
    }
  });
})();

// --- a refused form: bring its error summary into view (issue #15) -------
(function () {
  "use strict";
  var ringkasan = document.querySelector(".ringkasan-galat");
  if (ringkasan) {
    ringkasan.focus();
    ringkasan.scrollIntoView({block: "start"});
  }
})();
