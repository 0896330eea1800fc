"""Admin kepegawaian (C1): the pegawai list, form, temporary passwords, activation."""

from __future__ import annotations

import re

import pytest

from kinerja.extensions import db
from kinerja.models import Akun, AuditEvent, Pegawai
from tests.support.factories import PASSWORD

NIP_BARU = "198609262015051001"


@pytest.fixture
def admin_browser(browser, org):
    assert browser.login("admin", PASSWORD).status_code == 302
    return browser


def _form(org, **overrides):
    data = {"nip": "19860926 201505 1 001", "nama": "Budi Santoso, S.Kom.", "status": "PNS", "golongan": "III/a",
            "jabatan_id": "", "unit_id": str(org.seksi.id), "atasan_id": str(org.kasi.id), "email": ""}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _edit_form(p: Pegawai, **overrides):
    data = {"nip": p.nip, "nama": p.nama, "status": p.status, "golongan": p.golongan or "",
            "jabatan_id": str(p.jabatan_id or ""), "unit_id": str(p.unit_id or ""),
            "atasan_id": str(p.atasan_id or ""), "email": p.email or ""}
    if p.pimpinan:
        data["pimpinan"] = "y"
    data.update(overrides)
    return data


def _error_at(html: str, field: str) -> str:
    match = re.search(rf'<div id="{field}-galat"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no error shown at {field}"
    return match.group(1)


# ------------------------------------------------------------------ list

def test_list_has_search_filters_and_add_link(admin_browser, org):
    html = admin_browser.get("/admin/pegawai").get_data(as_text=True)
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert ">Tambah Pegawai</a>" in html
    assert "Staf Satu" in html and "Kepala Dinas Uji" in html
    assert '<label class="form-label" for="cari-pegawai">' in html


@pytest.mark.parametrize("query, shown, hidden", [
    ("?q=staf", ["Staf Satu", "Staf Dua", "Staf Tiga"], ["Kepala Dinas Uji"]),
    ("?q=STAF+dua", ["Staf Dua"], ["Staf Satu"]),
    ("?unit={bidang2}", ["Kepala Bidang Lain", "Staf Tiga"], ["Staf Satu"]),
])
def test_list_search_and_unit_filter(admin_browser, org, query, shown, hidden):
    html = admin_browser.get("/admin/pegawai" + query.format(bidang2=org.bidang2.id)).get_data(as_text=True)
    for name in shown:
        assert name in html
    for name in hidden:
        assert name not in html


def test_list_search_by_nip_fragment(admin_browser, org):
    nip = org.staf2.nip
    html = admin_browser.get(f"/admin/pegawai?q={nip[:8]}%20{nip[8:14]}").get_data(as_text=True)
    assert "Staf Dua" in html


def test_list_aktif_filter(admin_browser, org):
    org.staf3.aktif = False
    db.session.flush()
    assert "Staf Tiga" not in admin_browser.get("/admin/pegawai").get_data(as_text=True)
    assert "Staf Tiga" in admin_browser.get("/admin/pegawai?aktif=0").get_data(as_text=True)
    assert "Staf Satu" not in admin_browser.get("/admin/pegawai?aktif=0").get_data(as_text=True)
    html = admin_browser.get("/admin/pegawai?aktif=semua").get_data(as_text=True)
    assert "Staf Tiga" in html and "Staf Satu" in html


def test_htmx_search_returns_the_table_only(admin_browser, org):
    r = admin_browser.get("/admin/pegawai?q=satu", htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<html" not in html and "<nav class=\"navbar" not in html
    assert "Staf Satu" in html and "Staf Dua" not in html
    assert "HX-Request" in r.headers["Vary"]
    full = admin_browser.get("/admin/pegawai?q=satu")
    assert "<html" in full.get_data(as_text=True) and "HX-Request" in full.headers["Vary"]


def test_list_paginates_25_per_page(admin_browser, factory, org):
    for i in range(30):
        factory.pegawai(f"Zaenal {i:02d}", unit=org.bidang2)
    page1 = admin_browser.get("/admin/pegawai?q=zaenal").get_data(as_text=True)
    assert "Zaenal 24" in page1 and "Zaenal 25" not in page1
    assert "30 pegawai · halaman 1 dari 2" in page1
    page2 = admin_browser.get("/admin/pegawai?q=zaenal&halaman=2").get_data(as_text=True)
    assert "Zaenal 25" in page2 and "Zaenal 29" in page2 and "Zaenal 24" not in page2


def _populate(factory, start: int, stop: int):
    """Pegawai "Banyak i", each with their own unit, jabatan and atasan (so an N+1 would show)."""
    for i in range(start, stop):
        unit = factory.unit(f"Unit Banyak {i}")
        atasan = factory.pegawai(f"Pimpinan Unit {i}", unit=unit, pimpinan=True)
        factory.pegawai(f"Banyak {i:02d}", atasan=atasan, jabatan=factory.jabatan(f"Jabatan Banyak {i}"))


def test_list_query_count_does_not_grow_with_rows(admin_browser, factory, org, count_queries):
    """Pinned: 5 pegawai and 30 pegawai (a full page of 25) cost the same number of queries."""
    counts = {}
    for total, rows in ((5, 5), (30, 25)):
        _populate(factory, len(counts) and 5, total)
        admin_browser.get("/admin")  # warm-up, so both runs start alike
        with count_queries() as counter:
            r = admin_browser.get("/admin/pegawai?aktif=semua&q=banyak")
        html = r.get_data(as_text=True)
        assert r.status_code == 200 and f"{total} pegawai" in html
        assert html.count('<th scope="row"') == rows
        assert "Jabatan Banyak 3" in html and "Pimpinan Unit 3" in html and "Unit Banyak 3" in html
        counts[total] = counter.count
    assert counts[5] == counts[30], counts
    assert counts[30] <= 8, counts


# ------------------------------------------------------------------ form

def test_form_labels_are_the_contract(admin_browser, org):
    html = admin_browser.get("/admin/pegawai/baru").get_data(as_text=True)
    for field, label in [("nip", "NIP"), ("nama", "Nama Lengkap (dengan gelar)"), ("status", "Status Kepegawaian"),
                         ("golongan", "Pangkat/Golongan"), ("jabatan_id", "Jabatan"), ("unit_id", "Unit Kerja"),
                         ("atasan_id", "Atasan Langsung"), ("email", "Surel"), ("cari_atasan", "Cari atasan")]:
        assert re.search(rf'<label class="form-label" for="{field}">{re.escape(label)}( <span|</label>)', html), field
    assert '<label class="form-check-label" for="pimpinan">Pimpinan unit kerja ini</label>' in html
    assert '<button type="submit" class="btn btn-primary">Simpan</button>' in html
    assert '<select class="form-select" id="atasan_id"' in html
    assert "III/a — Penata Muda" in html and "IV/e — Pembina Utama" in html
    assert f"Kepala Seksi Uji — {org.kasi.nip[:8]} {org.kasi.nip[8:14]}" in html


def test_create_pegawai_shows_the_password_once(app, admin_browser, make_browser, org):
    r = admin_browser.post("/admin/pegawai/baru", _form(org))
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "Kata sandi sementara" in html and NIP_BARU in html
    assert "wajib diganti saat pertama kali masuk" in html
    sandi = re.search(r'<code class="fs-5">([^<]+)</code>', html).group(1)
    p = db.session.query(Pegawai).filter_by(nip=NIP_BARU).one()
    assert (p.nama, p.unit_id, p.atasan_id, p.golongan, p.jenis_kelamin) == (
        "Budi Santoso, S.Kom.", org.seksi.id, org.kasi.id, "III/a", "L")
    assert db.session.query(AuditEvent).filter_by(aksi="pegawai.buat").count() == 1
    with admin_browser.client.session_transaction() as session:
        assert sandi not in repr(dict(session)), "never stored in the session (flash)"
    assert sandi not in admin_browser.get("/admin/pegawai").get_data(as_text=True)

    baru = make_browser()
    r = baru.login(NIP_BARU, sandi)
    assert r.status_code == 302 and r.headers["Location"] == "/akun/kata-sandi"


@pytest.mark.parametrize("overrides, field, message", [
    ({"nip": "12345"}, "nip", "NIP harus 18 digit angka."),
    ({"nip": "198613262015051001"}, "nip", "8 digit pertama harus tanggal lahir"),
    ({"nip": "198609262015053001"}, "nip", "digit ke-15 (jenis kelamin) harus 1 atau 2"),
    ({"golongan": "V/z"}, "golongan", "Pangkat/golongan tidak dikenal."),
    ({"status": "PPPK", "golongan": "III/a"}, "golongan", "Golongan PPPK harus I sampai XVII."),
    ({"status": "Honorer"}, "status", "Status kepegawaian harus PNS, CPNS, atau PPPK."),
    ({"nama": ""}, "nama", "Isi nama lengkap."),
    ({"email": "bukan-email"}, "email", "Alamat surel tidak valid."),
    ({"atasan_id": "999999"}, "atasan_id", "Atasan tidak ditemukan."),
    ({"unit_id": "abc"}, "unit_id", "Unit kerja tidak ditemukan."),
    ({"pimpinan": "y"}, "pimpinan", "Unit ini sudah dipimpin oleh Kepala Seksi Uji."),
])
def test_create_pegawai_bad_input(admin_browser, org, overrides, field, message):
    before = db.session.query(Pegawai).count(), db.session.query(Akun).count()
    r = admin_browser.post("/admin/pegawai/baru", _form(org, **overrides))
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert message in _error_at(html, field)
    assert "Kata sandi sementara" not in html
    assert (db.session.query(Pegawai).count(), db.session.query(Akun).count()) == before


def test_create_pegawai_duplicate_nip(admin_browser, org):
    r = admin_browser.post("/admin/pegawai/baru", _form(org, nip=org.staf1.nip))
    assert r.status_code == 422
    assert "NIP sudah terdaftar untuk pegawai lain." in _error_at(r.get_data(as_text=True), "nip")
    assert db.session.query(Pegawai).filter_by(nip=org.staf1.nip).count() == 1


def test_create_pppk(admin_browser, org):
    r = admin_browser.post("/admin/pegawai/baru", _form(org, status="PPPK", golongan="IX", nip="199001012024211001"))
    assert r.status_code == 200
    p = db.session.query(Pegawai).filter_by(nip="199001012024211001").one()
    assert (p.status, p.golongan, p.pangkat_golongan) == ("PPPK", "IX", "Golongan IX")


def test_failed_pppk_form_keeps_pppk_golongan_options(admin_browser, org):
    html = admin_browser.post("/admin/pegawai/baru", _form(org, status="PPPK", golongan="", nama="")).get_data(as_text=True)
    select = html[html.index('id="golongan"'):].split("</select>")[0]
    assert ">XVII</option>" in select and "Penata" not in select


def test_edit_pegawai(admin_browser, org):
    r = admin_browser.post(f"/admin/pegawai/{org.staf3.id}",
                           _edit_form(org.staf3, nama="Staf Tiga, S.E.", golongan="iii-b", email="tiga@example.go.id"))
    assert r.status_code == 302
    assert r.headers["Location"] == f"/admin/pegawai/{org.staf3.id}"
    db.session.refresh(org.staf3)
    assert (org.staf3.nama, org.staf3.golongan, org.staf3.email) == ("Staf Tiga, S.E.", "III/b", "tiga@example.go.id")
    assert "Data Staf Tiga, S.E. tersimpan." in admin_browser.get(r.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("who, atasan, message", [
    ("kasi", "kasi", "Pegawai tidak dapat menjadi atasan dirinya sendiri."),
    ("kadis", "staf1", "Atasan ini akan membentuk lingkaran"),
    ("kabid", "kasi", "Atasan ini akan membentuk lingkaran"),
])
def test_atasan_self_or_cycle_is_refused(admin_browser, org, who, atasan, message):
    pegawai, atasan_p = getattr(org, who), getattr(org, atasan)
    before = pegawai.atasan_id
    r = admin_browser.post(f"/admin/pegawai/{pegawai.id}", _edit_form(pegawai, atasan_id=str(atasan_p.id), nama="Diubah"))
    assert r.status_code == 422
    assert message in _error_at(r.get_data(as_text=True), "atasan_id")
    db.session.refresh(pegawai)
    assert (pegawai.atasan_id, pegawai.nama) == (before, getattr(org, who).nama)
    assert pegawai.nama != "Diubah"
    assert db.session.query(AuditEvent).filter_by(aksi="pegawai.ubah").count() == 0


def test_edit_unknown_pegawai_is_404(admin_browser, org):
    assert admin_browser.get("/admin/pegawai/999999").status_code == 404


# ------------------------------------------------------------------ htmx option refreshes

def test_golongan_options_follow_status(admin_browser, org):
    pppk = admin_browser.get("/admin/pegawai/opsi-golongan?status=PPPK&golongan=IX", htmx=True).get_data(as_text=True)
    assert '<option value="IX" selected>IX</option>' in pppk and "Penata" not in pppk and "<html" not in pppk
    pns = admin_browser.get("/admin/pegawai/opsi-golongan?status=CPNS", htmx=True).get_data(as_text=True)
    assert ">III/a — Penata Muda</option>" in pns and ">XVII<" not in pns
    assert pns.count("<option") == 18


def test_atasan_options_start_with_the_unit_chain_heads(admin_browser, factory, org):
    for i in range(60):
        factory.pegawai(f"Aaron {i:02d}", unit=org.bidang2)
    html = admin_browser.get(f"/admin/pegawai/opsi-atasan?pegawai_id={org.staf1.id}&unit_id={org.seksi.id}"
                             f"&atasan_id={org.kasi.id}", htmx=True).get_data(as_text=True)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", html)
    names = [o.split(" — ")[0] for o in options]
    assert names[:4] == ["— Tidak ada atasan —", "Kepala Seksi Uji", "Kepala Bidang Uji", "Kepala Dinas Uji"]
    assert 'selected>Kepala Seksi Uji' in html
    assert "Staf Satu" not in names, "not their own atasan"
    assert len(options) == 1 + 3 + 50


def test_atasan_search(admin_browser, org):
    html = admin_browser.get(f"/admin/pegawai/opsi-atasan?cari_atasan=tiga&atasan_id={org.kasi.id}",
                             htmx=True).get_data(as_text=True)
    assert "Staf Tiga" in html and "Kepala Seksi Uji" in html and "Staf Dua" not in html


# ------------------------------------------------------------------ activation and passwords

def test_deactivate_and_reactivate(admin_browser, make_browser, org):
    staf = make_browser()
    staf.login(org.staf2.nip, PASSWORD)
    assert staf.get("/").status_code == 200
    r = admin_browser.post(f"/admin/pegawai/{org.staf2.id}/nonaktifkan")
    assert r.status_code == 302
    db.session.refresh(org.staf2)
    assert org.staf2.aktif is False
    assert staf.get("/").status_code == 302, "their session ended"
    assert "Aktifkan</button>" in admin_browser.get(f"/admin/pegawai/{org.staf2.id}").get_data(as_text=True)

    assert admin_browser.post(f"/admin/pegawai/{org.staf2.id}/aktifkan").status_code == 302
    db.session.refresh(org.staf2)
    assert org.staf2.aktif is True
    assert staf.login(org.staf2.nip, PASSWORD).status_code == 302


def test_cannot_deactivate_an_atasan_with_active_staff(admin_browser, org):
    r = admin_browser.post(f"/admin/pegawai/{org.kasi.id}/nonaktifkan")
    assert r.status_code == 302
    db.session.refresh(org.kasi)
    assert org.kasi.aktif is True
    html = admin_browser.get(r.headers["Location"]).get_data(as_text=True)
    assert "masih menjadi atasan 2 pegawai aktif" in html


def test_reset_password_shows_it_once(admin_browser, make_browser, org):
    r = admin_browser.post(f"/admin/pegawai/{org.staf1.id}/atur-ulang-sandi")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "Kata sandi sementara" in html and org.staf1.nip in html
    sandi = re.search(r'<code class="fs-5">([^<]+)</code>', html).group(1)
    with admin_browser.client.session_transaction() as session:
        assert sandi not in repr(dict(session))
    other = make_browser()
    assert other.login(org.staf1.nip, PASSWORD).status_code == 422
    r = other.login(org.staf1.nip, sandi)
    assert r.status_code == 302 and r.headers["Location"] == "/akun/kata-sandi"
    assert db.session.query(AuditEvent).filter_by(aksi="akun.reset_sandi").count() == 1


def test_edit_page_offers_the_account_actions(admin_browser, org):
    html = admin_browser.get(f"/admin/pegawai/{org.staf1.id}").get_data(as_text=True)
    assert ">Nonaktifkan</button>" in html and ">Atur Ulang Kata Sandi</button>" in html
    assert 'value="Staf Satu"' in html
