"""Kepatuhan grid, the home panel, and admin delegation pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kinerja.extensions import db
from kinerja.models import AuditEvent, DelegasiVerifikasi, HariLibur, Notifikasi
from kinerja.verifikasi import queries
from kinerja.waktu import today_local
from tests.integration.test_verifikasi import buat_aktivitas, masuk

SELASA = date(2026, 3, 10)


def test_grid_cells_are_the_worst_state_of_the_day(factory, org):
    db.session.add(HariLibur(tanggal=date(2026, 3, 5), nama="Libur Uji", jenis="Libur Daerah"))
    buat_aktivitas(org.staf1, hari=SELASA, status="Disetujui")
    buat_aktivitas(org.staf1, hari=SELASA, status="Dikembalikan", jam=10)
    buat_aktivitas(org.staf1, hari=date(2026, 3, 9), status="Diajukan")
    buat_aktivitas(org.staf1, hari=date(2026, 3, 9), status="Disetujui", jam=10)
    buat_aktivitas(org.staf2, hari=date(2026, 3, 9), status="Draft")
    db.session.commit()
    k = queries.kepatuhan(factory.akun_of(org.kasi), hari_ini=SELASA)
    assert len(k.hari) == 10 and k.hari[-1] == SELASA and date(2026, 3, 5) not in k.hari
    assert all(h.weekday() < 5 for h in k.hari)
    cells = {b.pegawai.nama: {s.tanggal: s.status for s in b.sel} for b in k.baris}
    assert cells["Staf Satu"][SELASA] == "Dikembalikan"
    assert cells["Staf Satu"][date(2026, 3, 9)] == "Diajukan"
    assert cells["Staf Dua"][date(2026, 3, 9)] == "Draft"
    assert cells["Staf Dua"][SELASA] == "Kosong"
    # Who has not logged today comes first.
    assert [p.nama for p in k.belum_mengisi] == ["Staf Dua"]
    assert k.baris[0].pegawai.nama == "Staf Dua"


def test_indirect_subordinates_with_the_toggle(factory, org):
    direct = queries.kepatuhan(factory.akun_of(org.kabid), hari_ini=SELASA)
    semua = queries.kepatuhan(factory.akun_of(org.kabid), semua=True, hari_ini=SELASA)
    assert [b.pegawai.nama for b in direct.baris] == ["Kepala Seksi Uji"]
    assert {b.pegawai.nama for b in semua.baris} == {"Kepala Seksi Uji", "Staf Satu", "Staf Dua"}


def test_six_day_unit_shows_saturday_and_five_day_unit_marks_it_libur(factory, org):
    seksi6 = factory.unit("Seksi Enam Hari", induk=org.bidang, hari_kerja=6)
    factory.pegawai("Staf Sabtu", atasan=org.kasi, unit=seksi6)
    db.session.commit()
    k = queries.kepatuhan(factory.akun_of(org.kasi), hari_ini=SELASA)
    sabtu = date(2026, 3, 7)
    assert sabtu in k.hari
    cells = {b.pegawai.nama: {s.tanggal: s.status for s in b.sel} for b in k.baris}
    assert cells["Staf Sabtu"][sabtu] == "Kosong" and cells["Staf Satu"][sabtu] == "Libur"


def test_kepatuhan_page_and_accessible_cells(make_browser, org):
    buat_aktivitas(org.staf1, hari=today_local(), status="Diajukan")
    db.session.commit()
    b = masuk(make_browser, org.kasi)
    r = b.get("/verifikasi/kepatuhan")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Staf Satu" in html and "Staf Dua" in html
    assert "visually-hidden" in html and ("Belum mengisi" in html or "Libur" in html)
    frag = b.get("/verifikasi/kepatuhan?semua=1", htmx=True)
    assert "<html" not in frag.get_data(as_text=True) and "HX-Request" in frag.headers["Vary"]
    assert masuk(make_browser, "admin").get("/verifikasi/kepatuhan").status_code == 403


def test_kepatuhan_query_count_is_constant(make_browser, org, count_queries):
    b = masuk(make_browser, org.kasi)
    b.get("/verifikasi/kepatuhan")
    with count_queries() as few:
        b.get("/verifikasi/kepatuhan")
    for i in range(14):
        for p in (org.staf1, org.staf2):
            buat_aktivitas(p, hari=today_local() - timedelta(days=i), status=("Draft", "Diajukan", "Disetujui")[i % 3])
    db.session.commit()
    with count_queries() as many:
        assert b.get("/verifikasi/kepatuhan?semua=1").status_code == 200
    assert many.count == few.count and many.count <= 12


def test_beranda_panel_for_atasan(make_browser, org):
    buat_aktivitas(org.staf1, hari=today_local() - timedelta(days=4))
    buat_aktivitas(org.staf2, hari=today_local() - timedelta(days=2))
    db.session.commit()
    html = masuk(make_browser, org.kasi).get("/").get_data(as_text=True)
    assert "Menunggu Verifikasi" in html and "2</span> aktivitas bawahan menunggu" in html
    assert "Belum mengisi hari ini" in html
    assert "Menunggu Verifikasi" not in masuk(make_browser, org.staf1).get("/").get_data(as_text=True)


# ------------------------------------------------------------------ delegation (admin)


def _form(org, mulai, selesai):
    return {"unit_id": org.seksi.id, "verifikator_id": org.kabid2.id, "tanggal_mulai": mulai.isoformat(),
            "tanggal_selesai": selesai.isoformat(), "keterangan": "Kepala seksi cuti"}


def test_admin_creates_and_ends_a_delegation(make_browser, factory, org):
    entry = buat_aktivitas(org.staf1, uraian="Entri selama cuti")
    db.session.commit()
    admin = masuk(make_browser, "admin")
    hari = today_local()
    assert admin.get("/verifikasi/delegasi").status_code == 200
    r = admin.post("/verifikasi/delegasi", _form(org, hari - timedelta(days=1), hari + timedelta(days=3)))
    assert r.status_code == 303
    d = db.session.query(DelegasiVerifikasi).one()
    assert d.aktif and d.verifikator_id == org.kabid2.id
    assert db.session.query(AuditEvent).filter_by(aksi="verifikasi.delegasi").count() == 1
    assert db.session.query(Notifikasi).filter_by(penerima_id=factory.akun_of(org.kabid2).id).count() == 1

    delegate = masuk(make_browser, org.kabid2)
    assert "Entri selama cuti" in delegate.get("/verifikasi/").get_data(as_text=True)
    assert ">Verifikasi</a>" in delegate.get("/").get_data(as_text=True)

    assert admin.post(f"/verifikasi/delegasi/{d.id}/akhiri").status_code == 303
    assert not db.session.get(DelegasiVerifikasi, d.id).aktif
    assert db.session.query(AuditEvent).filter_by(aksi="verifikasi.delegasi").count() == 2
    assert "Entri selama cuti" not in delegate.get("/verifikasi/").get_data(as_text=True)
    assert delegate.post(f"/verifikasi/aktivitas/{entry.id}/setujui").status_code == 404


def test_delegation_outside_its_window_gives_no_access(make_browser, org):
    entry = buat_aktivitas(org.staf1)
    hari = today_local()
    db.session.add(DelegasiVerifikasi(unit_id=org.seksi.id, verifikator_id=org.kabid2.id, aktif=True,
                                      tanggal_mulai=hari + timedelta(days=2), tanggal_selesai=hari + timedelta(days=5)))
    db.session.commit()
    assert masuk(make_browser, org.kabid2).post(f"/verifikasi/aktivitas/{entry.id}/setujui").status_code == 404


def test_delegation_form_validation_is_422(make_browser, org):
    hari = today_local()
    r = masuk(make_browser, "admin").post("/verifikasi/delegasi", _form(org, hari, hari - timedelta(days=1)))
    assert r.status_code == 422 and "Tanggal selesai harus sama dengan atau sesudah tanggal mulai." in r.get_data(as_text=True)
    assert db.session.query(DelegasiVerifikasi).count() == 0


@pytest.mark.parametrize("url", ["/verifikasi/delegasi", "/verifikasi/delegasi/1/akhiri"])
def test_delegation_pages_are_admin_only(make_browser, org, url):
    b = masuk(make_browser, org.kadis)
    assert b.post(url, _form(org, today_local(), today_local())).status_code == 403
    assert b.get("/verifikasi/delegasi").status_code == 403


def test_delegation_post_needs_csrf(make_browser, org):
    r = masuk(make_browser, "admin").post("/verifikasi/delegasi", _form(org, today_local(), today_local()), csrf=False)
    assert r.status_code == 400

