"""Tahun Kinerja (admin): create a year with its periods, adjust batas pengisian."""

from __future__ import annotations

from datetime import date

import pytest

from kinerja.extensions import db
from kinerja.models import AuditEvent, Periode, TahunKinerja
from tests.support.factories import PASSWORD


@pytest.fixture
def admin(browser, org):
    browser.login("admin", PASSWORD)
    return browser


def _periode(tahun):
    tk = db.session.query(TahunKinerja).filter_by(tahun=tahun).one()
    return tk, {p.kode: p for p in tk.periode}


def test_admin_menu_links_to_tahun_kinerja(admin):
    body = admin.get("/admin").get_data(as_text=True)
    assert "Tahun Kinerja" in body and "/admin/tahun-kinerja" in body


def test_create_semesteran_by_default(admin):
    page = admin.get("/admin/tahun-kinerja").get_data(as_text=True)
    assert "Buat Tahun Kinerja" in page and "Pola Periode Evaluasi" in page
    r = admin.post("/admin/tahun-kinerja", {"tahun": 2026, "pola": "semesteran"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/admin/tahun-kinerja/2026")
    tk, p = _periode(2026)
    assert list(p) == ["S1", "S2", "AKHIR"]
    assert (p["S1"].tanggal_mulai, p["S1"].tanggal_selesai, p["S1"].batas_pengisian) == (
        date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 14))
    assert (p["S2"].tanggal_mulai, p["S2"].tanggal_selesai) == (date(2026, 7, 1), date(2026, 12, 31))
    assert db.session.query(AuditEvent).filter_by(aksi="tahun_kinerja.buat").count() == 1
    body = admin.get("/admin/tahun-kinerja/2026").get_data(as_text=True)
    assert "Semester I" in body and "1 Januari 2026" in body and "30 Juni 2026" in body and "14 Juli 2026" in body


@pytest.mark.parametrize("pola, kode", [("triwulanan", ["TW1", "TW2", "TW3", "TW4"]),
                                        ("bulanan", [f"B{m:02d}" for m in range(1, 13)] + ["AKHIR"])])
def test_other_patterns(admin, pola, kode):
    assert admin.post("/admin/tahun-kinerja", {"tahun": 2028, "pola": pola}).status_code == 302
    _, p = _periode(2028)
    assert list(p) == kode
    if pola == "bulanan":
        assert p["B02"].tanggal_selesai == date(2028, 2, 29)


@pytest.mark.parametrize("data, pesan", [
    ({"tahun": 1990, "pola": "semesteran"}, "Tahun harus antara 2000 dan 2100."),
    ({"tahun": "", "pola": "semesteran"}, "Isi tahun"),
    ({"tahun": 2026, "pola": "mingguan"}, "Pilihan tidak dikenal."),
])
def test_bad_input_is_refused(admin, data, pesan):
    r = admin.post("/admin/tahun-kinerja", data)
    assert r.status_code == 422 and pesan in r.get_data(as_text=True)
    assert db.session.query(TahunKinerja).count() == 0


def test_duplicate_year_is_refused(admin):
    admin.post("/admin/tahun-kinerja", {"tahun": 2026, "pola": "semesteran"})
    r = admin.post("/admin/tahun-kinerja", {"tahun": 2026, "pola": "bulanan"})
    assert r.status_code == 422 and "Tahun kinerja 2026 sudah ada" in r.get_data(as_text=True)
    assert db.session.query(Periode).count() == 3


def test_edit_batas_pengisian_htmx(admin):
    admin.post("/admin/tahun-kinerja", {"tahun": 2026, "pola": "semesteran"})
    _, p = _periode(2026)
    s1 = p["S1"]
    r = admin.post(f"/admin/tahun-kinerja/periode/{s1.id}/batas", {f"p{s1.id}-batas_pengisian": "2026-07-31"}, htmx=True)
    assert r.status_code == 200
    body = r.get_data(as_text=True)
    assert "<html" not in body and f'id="periode-{s1.id}"' in body and "31 Juli 2026" in body
    assert "HX-Request" in r.headers["Vary"]
    db.session.refresh(s1)
    assert s1.batas_pengisian == date(2026, 7, 31)
    r = admin.post(f"/admin/tahun-kinerja/periode/{s1.id}/batas", {f"p{s1.id}-batas_pengisian": "2026-06-01"}, htmx=True)
    assert r.status_code == 422 and "tidak boleh sebelum periode berakhir" in r.get_data(as_text=True)
    db.session.refresh(s1)
    assert s1.batas_pengisian == date(2026, 7, 31)
    # without htmx: POST-redirect-GET
    r = admin.post(f"/admin/tahun-kinerja/periode/{s1.id}/batas", {f"p{s1.id}-batas_pengisian": "2026-08-01"})
    assert r.status_code == 302


def test_close_and_reopen_a_year(admin):
    admin.post("/admin/tahun-kinerja", {"tahun": 2026, "pola": "semesteran"})
    assert admin.post("/admin/tahun-kinerja/2026/aktif", {"aktif": "0"}).status_code == 302
    assert db.session.query(TahunKinerja).filter_by(tahun=2026).one().aktif is False
    admin.post("/admin/tahun-kinerja/2026/aktif", {"aktif": "1"})
    assert db.session.query(TahunKinerja).filter_by(tahun=2026).one().aktif is True
    assert admin.get("/admin/tahun-kinerja/2099").status_code == 404


def test_posts_without_csrf_are_400(admin):
    admin.post("/admin/tahun-kinerja", {"tahun": 2026, "pola": "semesteran"})
    _, p = _periode(2026)
    for url, data in (("/admin/tahun-kinerja", {"tahun": 2027, "pola": "semesteran"}),
                      (f"/admin/tahun-kinerja/periode/{p['S1'].id}/batas", {"batas_pengisian": "2026-08-01"}),
                      ("/admin/tahun-kinerja/2026/aktif", {"aktif": "0"})):
        assert admin.post(url, data, csrf=False).status_code == 400
    assert db.session.query(TahunKinerja).count() == 1
