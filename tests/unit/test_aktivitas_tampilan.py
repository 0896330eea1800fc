"""The day view's rows and quick-entry fields written in Python (kinerja/aktivitas/tampilan.py): every
user text is escaped, and the fields show what the quick-entry form did through WTForms."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from decimal import Decimal

import pytest
from markupsafe import Markup, escape

from kinerja.aktivitas import tampilan
from kinerja.aktivitas.forms import AktivitasForm, rencana_aksi_opsi, rhk_opsi
from kinerja.aktivitas.queries import BarisHari, BuktiSingkat, RencanaAksiSingkat, RhkChoice, RhkSingkat

JAHAT = '<script>alert("x")</script>'


def _baris(**ubah) -> BarisHari:
    nilai = dict(id=7, tanggal=date(2026, 11, 3), jam_mulai=time(8), jam_selesai=time(9, 30), durasi_menit=90,
                 uraian=JAHAT, volume=Decimal("2.5"), satuan="dok<u>", tautan_bukti='https://x.id/?a=1&b="2"',
                 hari_libur=True, status="Dikembalikan", catatan_verifikasi="Perbaiki <i>", versi=4,
                 rhk=RhkSingkat("Utama", 'RHK "satu"'), rencana_aksi=RencanaAksiSingkat("TW4", "Langkah <1>"),
                 bukti=[BuktiSingkat(11, "nota<1>.pdf")])
    nilai.update(ubah)
    return BarisHari(**nilai)


def test_a_row_escapes_every_user_text(app):
    with app.test_request_context("/aktivitas"):
        html = tampilan.baris(_baris(), tampilan.bersama("/aktivitas", True, True, {7}))
    assert isinstance(html, Markup)
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "2,5 dok&lt;u&gt;" in html and "Utama: RHK &#34;satu&#34;" in html and "TW4 — Langkah &lt;1&gt;" in html
    assert '<a href="/aktivitas/bukti/11">nota&lt;1&gt;.pdf</a>, ' in html
    assert 'href="https://x.id/?a=1&amp;b=&#34;2&#34;"' in html
    assert "<strong>Catatan atasan:</strong> Perbaiki &lt;i&gt;" in html
    assert 'name="versi" value="4"' in html
    assert 'id="pilih-7"' in html and 'hx-confirm="Hapus aktivitas 08:00–09:30?"' in html
    assert "text-bg-warning\">Dikembalikan</span>" in html and "Hari libur</span>" in html


def test_a_row_carries_no_csrf_token_its_buttons_submit_the_list_form(app):
    """P8: three forms per row, each with the token, made a day of 8 entries 31 KB.  The row's buttons name
    the list's one form and their own address (without JavaScript) and post with htmx."""
    with app.test_request_context("/aktivitas"):
        html = tampilan.baris(_baris(), tampilan.bersama("/aktivitas", True, True, {7}))
        form = tampilan.form_aksi('tok"en')
    assert "csrf_token" not in html and "<form" not in html
    for aksi in ("duplikat", "rutin", "hapus"):
        assert f'form="form-aksi-aktivitas" hx-target="#daftar-aktivitas" hx-swap="outerHTML" formaction="/aktivitas/7/{aksi}"' in html
        assert f'hx-post="/aktivitas/7/{aksi}"' in html
    assert form == ('<form id="form-aksi-aktivitas" method="post" hidden>'
                    '<input type="hidden" name="csrf_token" value="tok&#34;en"></form>')


def test_a_row_the_viewer_cannot_change_has_no_actions(app):
    with app.test_request_context("/aktivitas"):
        html = tampilan.baris(_baris(status="Disetujui"), tampilan.bersama("/aktivitas", False, False, set()))
    assert 'name="ids"' not in html and "<button" not in html and "Catatan atasan" not in html


def test_the_quick_entry_fields_match_the_wtforms_form(app):
    """The form built without WTForms (every GET) renders what ``AktivitasForm`` rendered."""
    choices = [RhkChoice(5, "Utama", 'Hasil <"a">', [(9, "TW1 — Langkah")])]
    satuan = {"5": "dok<u>"}
    data = {"tanggal": date(2026, 11, 3), "jam_mulai": time(7, 30), "rhk": "5", "satuan": "dok<u>", "volume": Decimal(1)}
    with app.test_request_context("/aktivitas"):
        form = AktivitasForm(formdata=None, data=data, meta={"csrf": False})
        form.set_rhk_choices(choices, satuan)
        form.set_rencana_aksi_choices([(9, "TW1 — Langkah")])
        lewat_wtforms = tampilan.isian_aktivitas(form, form.fokus(), date(2026, 11, 3), 5)
        cepat = tampilan.formulir_cepat(data, rhk_opsi(choices, satuan), rencana_aksi_opsi([(9, "TW1 — Langkah")]), "t")
        tanpa_wtforms = tampilan.isian_aktivitas(cepat, cepat.fokus(), date(2026, 11, 3), 5)
    assert tanpa_wtforms == lewat_wtforms
    assert '<option data-satuan="dok&lt;u&gt;" selected value="5">Utama: Hasil &lt;&#34;a&#34;&gt;</option>' in tanpa_wtforms
    assert 'value="07:30"' in tanpa_wtforms and 'id="jam_selesai"' in tanpa_wtforms and "data-autofocus" in tanpa_wtforms
    assert cepat.csrf_token == Markup('<input id="csrf_token" name="csrf_token" type="hidden" value="t">')


def test_the_quick_entry_fields_remembered_once_still_follow_focus_and_limit(app):
    """The fields the quick-entry form shows unchanged are rendered once per process: a later form with
    another focus or another upload limit must not get the earlier markup."""
    choices = [RhkChoice(5, "Utama", "Hasil", [])]
    data = {"tanggal": date(2026, 11, 3), "jam_mulai": time(7, 30), "rhk": "5", "satuan": "", "volume": Decimal(1)}
    with app.test_request_context("/aktivitas"):
        form = AktivitasForm(formdata=None, data=data, meta={"csrf": False})
        form.set_rhk_choices(choices, {})
        form.set_rencana_aksi_choices([])
        cepat = tampilan.formulir_cepat(data, rhk_opsi(choices, {}), rencana_aksi_opsi([]), "t")
        for fokus, mb in (("jam_selesai", 5), ("uraian", 5), ("bukti", 12), ("jam_selesai", 5), ("uraian", 12)):
            html = tampilan.isian_aktivitas(cepat, fokus, date(2026, 11, 3), mb)
            assert html == tampilan.isian_aktivitas(form, fokus, date(2026, 11, 3), mb), (fokus, mb)
            assert html.count("data-autofocus") == 1
            sebelum, sesudah = html.split("data-autofocus")
            assert f'id="{fokus}"' in sebelum.rsplit("<", 1)[1] + sesudah.split(">", 1)[0]  # on the focused field
            assert f"maksimal {mb} MB per berkas" in html


def test_the_shared_values_remembered_still_show_each_forms_own(app):
    """Date, time, volume and satuan fields are remembered per value (everybody shares them): each form still
    shows its own values, escaped, as WTForms renders them, and the memory stays bounded."""
    tampilan._bingkai_cepat.cache_clear()
    choices = [RhkChoice(5, "Utama", "Hasil", [])]
    with app.test_request_context("/aktivitas"):
        for n, (jam, satuan) in enumerate([(time(7, 30), "laporan"), (time(9), 'dok"<u>'), (time(7, 30), "berita"),
                                           (time(13, 15), "laporan"), (time(9), "<!--opsi-rhk-->")]):
            data = {"tanggal": date(2026, 11, 3 + n), "jam_mulai": jam, "rhk": "5", "satuan": satuan, "volume": Decimal(1)}
            form = AktivitasForm(formdata=None, data=data, meta={"csrf": False})
            form.set_rhk_choices(choices, {})
            form.set_rencana_aksi_choices([])
            cepat = tampilan.formulir_cepat(data, rhk_opsi(choices, {}), rencana_aksi_opsi([]), "t")
            html = tampilan.isian_aktivitas(cepat, "jam_selesai", date(2026, 11, 30), 5)
            assert html == tampilan.isian_aktivitas(form, "jam_selesai", date(2026, 11, 30), 5), n
            assert f'value="{data["tanggal"].isoformat()}"' in html and f'value="{jam.strftime("%H:%M")}"' in html
            assert f'value="{escape(satuan)}"' in html and "<!--" not in html
            assert html.count(' selected value="5">') == 1 and html.count("<select ") == 1
    assert tampilan._bingkai_cepat.cache_info().currsize == 5  # one frame per set of shared values
    assert tampilan._bingkai_cepat.cache_info().maxsize == 1024 and tampilan._bernilai.cache_info().maxsize == 1024


def test_a_field_copied_with_a_new_value_or_choices_keeps_every_other_part():
    """``_dengan`` is ``dataclasses.replace`` written out: a field added to ``Isian`` must be carried too."""
    from dataclasses import fields, replace

    contoh = {"id": "i", "name": "n", "short_name": "s", "label": "l", "type": "SelectField", "required": True,
              "maxlength": 9, "render_kw": {"k": "v"}, "nilai": "lama", "pilihan": (("1", "a", False, None),),
              "errors": ("galat",)}
    assert {f.name for f in fields(tampilan.Isian)} == set(contoh)
    f = tampilan.Isian(**contoh)
    assert tampilan._dengan(f, nilai="baru") == replace(f, nilai="baru")
    assert tampilan._dengan(f, pilihan=()) == replace(f, pilihan=())
    assert tampilan._dengan(f) == f


def test_a_badge_is_rendered_once_per_template_and_status(app):
    with app.test_request_context("/aktivitas"):
        draft = tampilan._macro_tetap("_macros/status.html", "status_badge", "Draft", "aktivitas")
        disetujui = tampilan._macro_tetap("_macros/status.html", "status_badge", "Disetujui", "aktivitas")
        assert "text-bg-secondary" in draft and ">Draf<" in draft  # label_status: "Draf"
        assert "text-bg-success" in disetujui and "Disetujui" in disetujui
        assert tampilan._macro_tetap("_macros/status.html", "status_badge", "Draft", "aktivitas") is draft
        app.jinja_env.auto_reload = True  # development: templates may change, nothing is remembered
        try:
            again = tampilan._macro_tetap("_macros/status.html", "status_badge", "Draft", "aktivitas")
        finally:
            app.jinja_env.auto_reload = False
        assert again == draft and again is not draft


def _hari(**ubah) -> tampilan.Hari:
    nilai = dict(tanggal=date(2026, 11, 3), hari_ini=date(2026, 11, 4), pegawai_id=None, hari_kerja=True,
                 absen_hari=None, masa_depan=False, bisa_isi=True, batas=date(2026, 11, 6))
    nilai.update(ubah)
    return tampilan.Hari(**nilai)


def test_the_days_heading_shows_the_day_its_neighbours_and_the_deadline(app):
    with app.test_request_context("/aktivitas"):
        html = tampilan.kepala_hari(_hari())
        lewat = tampilan.kepala_hari(_hari(bisa_isi=False))
    assert isinstance(html, Markup)
    assert 'href="/aktivitas?tanggal=2026-11-02" aria-label="Hari sebelumnya, 2 November 2026"' in html
    assert 'href="/aktivitas?tanggal=2026-11-04" aria-label="Hari berikutnya, 4 November 2026"' in html
    assert '<a class="btn btn-link" href="/aktivitas">Hari ini</a>' in html
    assert 'value="2026-11-03"' in html and "Selasa, 3 November 2026" in html
    assert "Dapat diisi dan diajukan sampai Jumat, 6 November 2026." in html
    assert 'class="nav-link active" aria-current="page"' in html and "Rencana Aksi</a>" in html
    assert "Hari libur / akhir pekan" not in html and 'name="pegawai"' not in html
    assert "Batas pengisian berakhir Jumat, 6 November 2026." in lewat and "Dapat diisi" not in lewat


def test_the_heading_of_a_day_off_an_absence_or_a_day_to_come(app):
    with app.test_request_context("/aktivitas"):
        libur = tampilan.kepala_hari(_hari(hari_kerja=False, tanggal=date(2026, 11, 4)))
        cuti = tampilan.kepala_hari(_hari(absen_hari="Cuti", bisa_isi=False))
        dinas = tampilan.kepala_hari(_hari(absen_hari="Dinas Luar"))
        nanti = tampilan.kepala_hari(_hari(tanggal=date(2026, 11, 9), masa_depan=True, bisa_isi=False))
    assert "Hari libur / akhir pekan" in libur and "Aktivitas pada hari libur tetap boleh dicatat" in libur
    assert "Hari ini</a>" not in libur  # the day shown is today
    assert "Cuti</span>" in cuti and "aktivitas tidak dapat dicatat pada hari ini." in cuti
    assert "pekerjaan selama dinas luar tetap dapat dicatat dan dihitung." in dinas
    assert "Tanggal ini belum tiba; aktivitas belum dapat dicatat." in nanti and "Batas pengisian" not in nanti


def test_a_supervisor_viewing_a_log_keeps_the_pegawai_in_every_link(app):
    with app.test_request_context("/aktivitas"):
        html = tampilan.kepala_hari(_hari(pegawai_id=42, bisa_isi=False))
        tab = tampilan.tab("aktivitas.minggu", 42)
    assert 'href="/aktivitas?tanggal=2026-11-02&amp;pegawai=42"' in html
    assert '<a class="btn btn-link" href="/aktivitas?pegawai=42">Hari ini</a>' in html
    assert '<input type="hidden" name="pegawai" value="42">' in html
    assert "Rencana Aksi" not in html and "Cuti &amp; Dinas Luar" not in html
    assert '<a class="nav-link active" aria-current="page"\n       href="/aktivitas/minggu?pegawai=42">Minggu</a>' in tab


def test_the_remembered_heading_follows_the_script_root_and_not_in_debug_mode(app, monkeypatch):
    with app.test_request_context("/aktivitas"):
        biasa = tampilan.kepala_hari(_hari())
    with app.test_request_context("/aktivitas", base_url="http://localhost/kinerja"):
        di_bawah = tampilan.kepala_hari(_hari())
    assert 'href="/aktivitas?tanggal=2026-11-02"' in biasa
    assert 'href="/kinerja/aktivitas?tanggal=2026-11-02"' in di_bawah
    dibangun = []
    monkeypatch.setattr(tampilan, "alamat", lambda endpoint, **v: dibangun.append(endpoint) or "/x")
    with app.test_request_context("/aktivitas"):
        tampilan.kepala_hari(_hari())  # remembered: nothing built
        assert dibangun == []
        app.debug = True
        try:
            tampilan.kepala_hari(_hari())
        finally:
            app.debug = False
    assert dibangun  # in debug mode every heading is built anew


def test_the_days_actions_escape_the_routines_and_shorten_them_as_jinja_did(app):
    from types import SimpleNamespace

    from jinja2.filters import do_truncate

    panjang = "Apel pagi <b>bersama</b> seluruh pegawai dinas kominfo di halaman"
    rutin = [SimpleNamespace(id=3, jam_mulai=time(7, 30), jam_selesai=time(8), uraian=panjang),
             SimpleNamespace(id=4, jam_mulai=time(13), jam_selesai=time(13, 30), uraian="x" * 45)]
    with app.test_request_context("/aktivitas"):
        html = tampilan.aksi_hari('t"k', date(2026, 11, 3), date(2026, 11, 2), True, rutin)
        tanpa = tampilan.aksi_hari("t", date(2026, 11, 3), date(2026, 11, 2), False, [])
        for teks in (panjang, "x" * 45, "y" * 46, ""):
            assert tampilan._pendek(teks) == do_truncate(app.jinja_env, teks, 40, True, "…")
    assert html.count('name="csrf_token" value="t&#34;k"') == 4  # Ajukan, Salin, two routines
    assert "+ 07:30–08:00 " + str(escape(panjang[:39])) + "…</button>" in html and "<b>" not in html
    assert 'action="/aktivitas/rutin/3/pakai"' in html and 'hx-post="/aktivitas/rutin/4/pakai"' in html
    assert 'id="form-ajukan"' in html and "Ajukan Terpilih" in html and "pintasan Alt+J" in html
    assert 'title="Salin aktivitas Senin, 2 November 2026 sebagai Draf"' in html
    assert 'id="form-ajukan"' not in tanpa and "pintasan Alt+J" not in tanpa and "Belum ada. Tekan" in tanpa


def test_the_message_area_and_the_progress_card(app):
    from kinerja.aktivitas.queries import Progres

    with app.test_request_context("/aktivitas"):
        kosong = tampilan.pesan(None)
        galat = tampilan.pesan(JAHAT, "danger")
        lebih = tampilan.progres(Progres(2026, 11, 6750, 7000, 120, 21, 4), date(2026, 11, 26))
        oob = tampilan.progres(Progres(2026, 11, 6750, 1500, 2500, 21, 4), date(2026, 11, 26), True)
    assert kosong == Markup('<div id="pesan-aktivitas" aria-live="polite"></div>')
    assert 'class="alert alert-danger py-2 mb-2" role="status">&lt;script&gt;' in galat and "<script>" not in galat
    assert "Progres November 2026" in lebih and "Menit disetujui: 7.000 dari target 6.750 (100%)" in lebih
    assert 'value="6750" max="6750">100%</progress>' in lebih and "hx-swap-oob" not in lebih  # the bar stops full
    assert '<section id="progres-aktivitas" class="card" aria-labelledby="judul-progres" hx-swap-oob="true">' in oob
    assert "(22%)" in oob and ">2.500 menit</dd>" in oob and ">5.250 menit</dd>" in oob and ">4 dari 21</dd>" in oob


# ------------------------------------------------------------------ rows remembered per process (#17)

_LAIN = {"tanggal": date(2026, 11, 4), "jam_mulai": time(8, 15), "jam_selesai": time(9, 45), "durasi_menit": 91,
         "uraian": "uraian lain", "volume": Decimal("3"), "satuan": "berkas", "id": 8, "tautan_bukti": None,
         "hari_libur": False, "status": "Draft", "catatan_verifikasi": "catatan lain", "versi": 5,
         "rhk": RhkSingkat("Tambahan", "RHK dua"), "rencana_aksi": None,
         "bukti": [BuktiSingkat(11, "nota<1>.pdf"), BuktiSingkat(12, "foto.jpg")]}


def _segar(e, d):
    return tampilan._baris(e, d)  # built now, never remembered


def test_every_field_of_a_row_has_an_alternative_here():
    assert set(_LAIN) == {f.name for f in dataclasses.fields(BarisHari)}


def test_a_row_seen_again_is_not_built_again(app, monkeypatch):
    dibangun = []
    asli = tampilan._baris
    monkeypatch.setattr(tampilan, "_baris", lambda e, d: dibangun.append(e.id) or asli(e, d))
    with app.test_request_context("/aktivitas"):
        d = tampilan.bersama("/ingat/aktivitas", True, True, {7})  # a prefix no other test remembered a row under
        pertama, kedua = tampilan.baris(_baris(), d), tampilan.baris(_baris(), d)
        assert pertama == kedua == asli(_baris(), d)
    assert dibangun == [7]


@pytest.mark.parametrize("nama", sorted(_LAIN))
def test_a_row_that_changed_in_any_field_shows_the_change(app, nama):
    with app.test_request_context("/aktivitas"):
        d = tampilan.bersama("/aktivitas", True, True, {7, 8})
        tampilan.baris(_baris(), d)
        ubah = _baris(**{nama: _LAIN[nama]})
        assert tampilan.baris(ubah, d) == _segar(ubah, d)


def test_a_row_follows_the_viewer_and_whether_it_may_change(app):
    with app.test_request_context("/aktivitas"):
        e = _baris()
        for d in (tampilan.bersama("/aktivitas", True, True, {7}),
                  tampilan.bersama("/kinerja/aktivitas", True, True, {7}),
                  tampilan.bersama("/kinerja/aktivitas", True, True, set()),
                  tampilan.bersama("/kinerja/aktivitas", True, False, set()),
                  tampilan.bersama("/kinerja/aktivitas", False, False, set())):
            assert tampilan.baris(e, d) == _segar(e, d)


def test_rows_are_not_remembered_in_debug_mode(app, monkeypatch):
    monkeypatch.setattr(app, "debug", True)
    dibangun = []
    asli = tampilan._baris
    monkeypatch.setattr(tampilan, "_baris", lambda e, d: dibangun.append(e.id) or asli(e, d))
    with app.test_request_context("/aktivitas"):
        d = tampilan.bersama("/aktivitas", True, True, {7})
        tampilan.baris(_baris(), d)
        tampilan.baris(_baris(), d)
    assert dibangun == [7, 7]
