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
  // Enter saves from any field of a form marked data-enter-simpan, the description included;
  // Shift+Enter still makes a new line there.  requestSubmit() goes through htmx like the button.
  document.body.addEventListener("keydown", function (evt) {
    if (evt.key !== "Enter" || evt.shiftKey || evt.isComposing || evt.defaultPrevented) { return; }
    var el = evt.target;
    var form = el.form || (el.closest ? el.closest("form") : null);
    if (!form || !form.hasAttribute("data-enter-simpan")) { return; }
    if (el.hasAttribute("data-cari-rhk")) { return; }  // its own Enter: pick the first match
    var tag = el.tagName;
    if (tag !== "TEXTAREA" && tag !== "SELECT" && tag !== "INPUT") { return; }
    if (tag === "INPUT" && /^(button|submit|reset|checkbox|radio|file)$/.test(el.type)) { return; }
    evt.preventDefault();
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });
  // Choosing an RHK brings back the satuan last used with it (unless the pegawai typed another one).
  document.body.addEventListener("change", function (evt) {
    var select = evt.target;
    if (!select.matches || !select.matches("select[data-satuan-untuk]")) { return; }
    var satuan = document.getElementById(select.getAttribute("data-satuan-untuk"));
    var option = select.options[select.selectedIndex];
    var ingat = option ? option.getAttribute("data-satuan") : null;
    if (!satuan || !ingat) { return; }
    if (!satuan.value || satuan.value === satuan.getAttribute("data-satuan-otomatis") || satuan.value === satuan.defaultValue) {
      satuan.value = ingat;
      satuan.setAttribute("data-satuan-otomatis", ingat);
    }
  });
  // "Cari RHK": typing narrows the RHK options (words in any order); Enter picks the first match.
  function cariRhk(input) {
    var select = document.getElementById(input.getAttribute("data-cari-rhk"));
    if (!select) { return null; }
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var first = null;
    Array.prototype.forEach.call(select.options, function (opt) {
      var text = opt.text.toLowerCase();
      var ok = !opt.value || words.every(function (w) { return text.indexOf(w) >= 0; });
      opt.hidden = !ok;
      if (ok && opt.value && !first) { first = opt; }
    });
    return {select: select, first: first};
  }
  function showCari(root) {
    (root || document).querySelectorAll("[data-cari-rhk-wadah]").forEach(function (box) { box.hidden = false; });
  }
  showCari(document);
  document.body.addEventListener("htmx:afterSettle", function (evt) { showCari(evt.detail.elt); });
  document.body.addEventListener("input", function (evt) {
    if (evt.target.hasAttribute && evt.target.hasAttribute("data-cari-rhk")) { cariRhk(evt.target); }
  });
  document.body.addEventListener("keydown", function (evt) {
    if (evt.key !== "Enter" || !evt.target.hasAttribute || !evt.target.hasAttribute("data-cari-rhk")) { return; }
    evt.preventDefault();
    var found = cariRhk(evt.target);
    if (found && found.first) {
      found.select.value = found.first.value;
      found.select.dispatchEvent(new Event("change", {bubbles: true}));
      found.select.focus();
    }
  });
  // Keyboard shortcuts of the day view: a button marked data-pintasan="Alt+J" is pressed by Alt+J.
  document.body.addEventListener("keydown", function (evt) {
    if (!evt.altKey || evt.ctrlKey || evt.metaKey || !evt.key || evt.key.length !== 1) { return; }
    var key = "Alt+" + evt.key.toUpperCase();
    var btn = document.querySelector('[data-pintasan="' + key + '"]');
    if (!btn || btn.disabled) { return; }
    evt.preventDefault();
    btn.click();
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
