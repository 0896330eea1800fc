// kinerja: the verification inbox (templates/verifikasi/partials/_inbox.html).  No inline scripts (strict CSP).
// - "pilih semua" per pegawai and per day, kept in step with the rows (and the page's own box, app.js);
// - keyboard: j/k or ↓/↑ move between rows, Space ticks the row, s = Setujui Terpilih, p = open the form;
// - the form opened in place gets the focus (its first field).
(function () {
  "use strict";

  function rowBoxes() {
    return Array.prototype.slice.call(document.querySelectorAll('#inbox input[name="ids"][data-hari]'));
  }

  function sync() {
    var boxes = rowBoxes();
    function setGroup(box, members) {
      var ticked = members.filter(function (cb) { return cb.checked; }).length;
      box.checked = members.length > 0 && ticked === members.length;
      box.indeterminate = ticked > 0 && ticked < members.length;
    }
    document.querySelectorAll("#inbox [data-pilih-hari]").forEach(function (box) {
      var key = box.getAttribute("data-pilih-hari");
      setGroup(box, boxes.filter(function (cb) { return cb.getAttribute("data-hari") === key; }));
    });
    document.querySelectorAll("#inbox [data-pilih-pegawai]").forEach(function (box) {
      var prefix = box.getAttribute("data-pilih-pegawai") + "-";
      setGroup(box, boxes.filter(function (cb) { return cb.getAttribute("data-hari").indexOf(prefix) === 0; }));
    });
    var page = document.querySelector('#inbox [data-select-all="aktivitas"]');
    if (page) { setGroup(page, boxes); }
  }

  document.addEventListener("change", function (evt) {
    var t = evt.target;
    if (!t.closest || !t.closest("#inbox")) { return; }
    var hari = t.getAttribute("data-pilih-hari");
    var pegawai = t.getAttribute("data-pilih-pegawai");
    if (hari || pegawai) {
      rowBoxes().forEach(function (cb) {
        var key = cb.getAttribute("data-hari");
        if (hari ? key === hari : key.indexOf(pegawai + "-") === 0) { cb.checked = t.checked; }
      });
    }
    sync();
  });

  function typing(el) {
    var tag = el && el.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable) { return true; }
    return tag === "INPUT" && el.type !== "checkbox";
  }

  function focusBox(cb) {
    cb.focus();
    var row = cb.closest("tr");
    if (row && row.scrollIntoView) { row.scrollIntoView({block: "nearest"}); }
  }

  document.addEventListener("keydown", function (evt) {
    if (evt.ctrlKey || evt.metaKey || evt.altKey || !document.getElementById("inbox") || typing(evt.target)) { return; }
    var boxes = rowBoxes();
    var row = evt.target.closest ? evt.target.closest("#inbox tr[data-baris]") : null;
    var current = row ? row.querySelector('input[name="ids"]') : null;
    var i = current ? boxes.indexOf(current) : -1;
    var key = evt.key;
    if ((key === "ArrowDown" || key === "ArrowUp") && !row) { return; }  // arrows scroll the page elsewhere
    if (key === "j" || key === "ArrowDown") {
      if (boxes.length) { evt.preventDefault(); focusBox(boxes[Math.min(i + 1, boxes.length - 1)]); }
    } else if (key === "k" || key === "ArrowUp") {
      if (boxes.length) { evt.preventDefault(); focusBox(boxes[Math.max(i - 1, 0)]); }
    } else if (key === "s") {
      var form = document.getElementById("form-terpilih");
      if (form) { evt.preventDefault(); form.requestSubmit(); }
    } else if (key === "p" && row) {
      var open = row.querySelector("[data-periksa]");
      if (open) { evt.preventDefault(); open.click(); }
    }
  });

  // The form opened in place: focus its first field.  A swapped row: keep the keyboard in the list.
  document.body.addEventListener("htmx:afterSettle", function (evt) {
    var old = evt.detail.target;
    // After an outerHTML swap the event may still name the replaced element: look the entry up again.
    var target = old && old.id ? document.getElementById(old.id) : null;
    if (!target || !target.classList.contains("entri")) {
      sync();
      return;
    }
    var first = target.querySelector("[data-autofocus]");
    var own = target.querySelector('input[name="ids"]');
    if (first) {
      first.focus();
    } else if (own) {
      focusBox(own);
    } else {
      var boxes = rowBoxes();
      var after = boxes.filter(function (cb) {
        return target.compareDocumentPosition(cb) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      if (after.length) { focusBox(after[0]); } else if (boxes.length) { focusBox(boxes[boxes.length - 1]); }
    }
    sync();
  });

  // A grid that ends with today (Kepatuhan) opens scrolled to its end on a narrow screen.
  function toEnd(root) {
    (root || document).querySelectorAll("[data-gulir-akhir]").forEach(function (box) { box.scrollLeft = box.scrollWidth; });
  }
  toEnd(document);
  document.body.addEventListener("htmx:afterSettle", function () { toEnd(document); });
})();
