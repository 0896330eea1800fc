"""Clear next steps everywhere (issue #15): a refused form lists every error at once at its top, each
linking to its field, through one shared macro (``form_errors`` in templates/_macros/forms.html)."""

from __future__ import annotations

import re

from tests.support.factories import PASSWORD


def _admin(make_browser):
    b = make_browser()
    assert b.login("admin", PASSWORD).status_code == 302
    return b


def test_a_refused_form_lists_every_error_with_links(make_browser, org):
    admin = _admin(make_browser)
    r = admin.post("/pejabat-luar/baru", {})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    m = re.search(r'<div class="alert alert-danger ringkasan-galat"[^>]*>(.*?)</div>', html, re.S)
    assert m, "no error summary"
    ringkasan = m.group(1)
    jumlah = int(re.search(r"(\d+) isian perlu diperbaiki", ringkasan).group(1))
    links = re.findall(r'href="#([\w-]+)"', ringkasan)
    assert jumlah >= 2 and len(links) == jumlah
    for field_id in links:  # each link lands on a real field
        assert f'id="{field_id}"' in html
    assert html.index("isian perlu diperbaiki") < html.index(f'id="{links[0]}"')


def test_a_valid_page_shows_no_summary(make_browser, org):
    assert "isian perlu diperbaiki" not in _admin(make_browser).get("/pejabat-luar/baru").get_data(as_text=True)


# ------------------------------------------------------------------ Evaluasi: why none, what next; sorted periods

def test_evaluasi_page_follows_the_chosen_period_and_says_what_happens_next(make_browser, factory, org):
    from tests.support.evaluasi import buat_periode, buat_skenario

    s = buat_skenario(factory, org)  # Semester I opened, staf1 has an evaluation
    s2 = buat_periode(kode="S2")
    akhir = buat_periode(kode="AKHIR")
    staf1 = make_browser()
    assert staf1.login(org.staf1.nip, PASSWORD).status_code == 302
    html = staf1.get(f"/evaluasi/?periode={s2.id}").get_data(as_text=True)
    assert "Periode Semester II belum dibuka oleh admin kepegawaian" in html
    assert "Riwayat Evaluasi Saya" in html and "Buka<span class=\"visually-hidden\"> evaluasi Semester I" in html
    html = staf1.get(f"/evaluasi/?periode={s.periode.id}").get_data(as_text=True)
    assert "belum dibuka" not in html and f"Evaluasi Saya — Semester I {s.periode.tahun}" in html
    # periods in the order of the year: I, II, Akhir
    options = re.findall(r'<option value="(\d+)"', html[html.index('id="pilih-periode"'):])
    assert options[:3] == [str(s.periode.id), str(s2.id), str(akhir.id)]
    # a pegawai without an approved SKP is told so, and who acts next
    baru = factory.pegawai("Pegawai Baru", atasan=org.kasi, unit=org.seksi)
    b = make_browser()
    assert b.login(baru.nip, PASSWORD).status_code == 302
    html = b.get(f"/evaluasi/?periode={s.periode.id}").get_data(as_text=True)
    assert f"SKP {s.periode.tahun} Anda belum disetujui" in html and "Atasan Anda" in html


def test_status_badges_and_the_skp_filter_use_one_spelling(app, make_browser, org):
    from flask import render_template_string

    with app.test_request_context():
        html = render_template_string('{% from "_macros/status.html" import status_badge %}'
                                      '{{ status_badge("Draft", "aktivitas") }}{{ status_badge("Ditolak", "skp") }}')
    assert ">Draf<" in html and ">Dikembalikan<" in html and "Draft" not in html and "Ditolak" not in html
    kasi = make_browser()
    assert kasi.login(org.kasi.nip, PASSWORD).status_code == 302
    tim = kasi.get("/skp/tim").get_data(as_text=True)
    assert '<option value="Ditolak">Dikembalikan</option>' in tim and '<option value="Draft">Draf</option>' in tim


def test_password_rules_are_shown_before_the_first_error(make_browser, org):
    b = make_browser()
    assert b.login(org.staf1.nip, PASSWORD).status_code == 302
    html = b.get("/akun").get_data(as_text=True)
    for rule in ("Minimal 12 karakter", "bukan kata sandi umum", "tidak memuat NIP, nama pengguna, atau nama Anda"):
        assert rule in html, rule
