"""Pengumuman: write, publish, read receipts, reminders, attachments, scope and CSRF."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.models import AuditEvent, Notifikasi, PenerimaPengumuman, Pengumuman
from kinerja.pengumuman import queries, sasaran, services
from tests.support.factories import PASSWORD

PDF = b"%PDF-1.4\n%uji\n%%EOF\n"


def count(model, *where):
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def terbitkan(actor, judul="Jadwal sosialisasi", unit=None, sub_unit=True, peran="semua", wajib=True, isi="Isi"):
    target = sasaran.Sasaran(unit is None, unit.id if unit else None, sub_unit, peran)
    return services.save_pengumuman(actor, None, services.PengumumanData(judul, isi, wajib, target), terbitkan=True)


def form(**kw):
    data = {"judul": "Sosialisasi SKP", "isi": "Hadir **tepat waktu**.\n- Bawa laptop", "cakupan": "dinas",
            "unit_id": "", "peran": "semua", "sub_unit": "y", "wajib": "y", "aksi": "terbitkan"}
    data.update(kw)
    return data


def test_admin_publishes_to_whole_dinas_and_recipients_see_it_pinned(browser, make_browser, org):
    browser.login("admin", PASSWORD)
    r = browser.post("/pengumuman/baru", form())
    assert r.status_code == 302
    p = db.session.execute(select(Pengumuman)).scalar_one()
    assert p.terbit and p.wajib
    assert count(PenerimaPengumuman, PenerimaPengumuman.pengumuman_id == p.id) == 7  # every active pegawai
    assert count(Notifikasi, Notifikasi.jenis == "pengumuman") == 7
    assert count(AuditEvent, AuditEvent.aksi == "pengumuman.terbitkan") == 1

    staf = make_browser()
    staf.login(org.staf1.nip, PASSWORD)
    beranda = staf.get("/").get_data(as_text=True)
    assert "Pengumuman Belum Dibaca" in beranda and "Sosialisasi SKP" in beranda
    assert "Tandai Sudah Dibaca" in beranda
    halaman = staf.get(f"/pengumuman/{p.id}").get_data(as_text=True)
    assert "<strong>tepat waktu</strong>" in halaman and "<li>Bawa laptop</li>" in halaman

    assert "dibaca 0 dari 7" in browser.get(f"/pengumuman/{p.id}").get_data(as_text=True)
    r = staf.post(f"/pengumuman/{p.id}/dibaca", {"kembali": "beranda"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/")
    assert "Pengumuman Belum Dibaca" not in staf.get("/").get_data(as_text=True)
    halaman_admin = browser.get(f"/pengumuman/{p.id}").get_data(as_text=True)
    assert "dibaca 1 dari 7" in halaman_admin
    assert "Staf Dua" in halaman_admin and "Staf Satu" not in halaman_admin.split("Belum membaca")[1]
    assert count(AuditEvent, AuditEvent.aksi == "pengumuman.dibaca") == 1
    # Marking twice changes nothing.
    staf.post(f"/pengumuman/{p.id}/dibaca")
    assert count(AuditEvent, AuditEvent.aksi == "pengumuman.dibaca") == 1


def test_script_in_isi_is_escaped(browser, org):
    p = terbitkan(org.admin, isi="<script>alert(1)</script> **<img src=x onerror=alert(1)>**")
    browser.login(org.staf1.nip, PASSWORD)
    html = browser.get(f"/pengumuman/{p.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_remind_notifies_only_those_who_have_not_read(browser, make_browser, org):
    p = terbitkan(org.admin)
    services.mark_read(_akun(org.staf1), p.id)
    sebelum = count(Notifikasi)
    browser.login("admin", PASSWORD)
    r = browser.post(f"/pengumuman/{p.id}/ingatkan")
    assert r.status_code == 302
    assert count(Notifikasi) - sebelum == 6
    assert count(AuditEvent, AuditEvent.aksi == "pengumuman.ingatkan") == 1
    staf = make_browser()
    staf.login(org.staf1.nip, PASSWORD)
    assert staf.post(f"/pengumuman/{p.id}/ingatkan").status_code == 403  # a recipient sees it but is not the author


def _akun(pegawai):
    from kinerja.models import Akun

    return db.session.execute(select(Akun).where(Akun.pegawai_id == pegawai.id)).scalar_one()


def test_pimpinan_addresses_only_their_subtree(browser, org):
    browser.login(org.kabid.nip, PASSWORD)
    assert browser.get("/pengumuman/baru").status_code == 200
    r = browser.post("/pengumuman/baru", form(cakupan="dinas"))
    assert r.status_code == 422 and "unit Anda sendiri" in r.get_data(as_text=True)
    r = browser.post("/pengumuman/baru", form(cakupan="unit", unit_id=str(org.bidang2.id)))
    assert r.status_code == 422 and "di luar wewenang" in r.get_data(as_text=True)
    r = browser.post("/pengumuman/baru", form(cakupan="unit", unit_id=str(org.bidang.id), sub_unit=""))
    assert r.status_code == 302
    p = db.session.execute(select(Pengumuman)).scalar_one()
    penerima = set(db.session.execute(select(PenerimaPengumuman.pegawai_id)).scalars())
    assert penerima == {org.kabid.id}  # bidang only, without the seksi below it
    assert count(Pengumuman) == 1 and p.penulis_id == _akun(org.kabid).id


def test_subunits_and_roles(org):
    terbitkan(org.admin, unit=org.bidang, sub_unit=True, peran="semua")
    terbitkan(org.admin, unit=org.root, sub_unit=True, peran="atasan", judul="Untuk atasan")
    rows = db.session.execute(select(Pengumuman.judul, PenerimaPengumuman.pegawai_id)
                              .join(PenerimaPengumuman, PenerimaPengumuman.pengumuman_id == Pengumuman.id)).all()
    by = {}
    for judul, pid in rows:
        by.setdefault(judul, set()).add(pid)
    assert by["Jadwal sosialisasi"] == {org.kabid.id, org.kasi.id, org.staf1.id, org.staf2.id}
    assert by["Untuk atasan"] == {org.kadis.id, org.kabid.id, org.kasi.id, org.kabid2.id}


def test_staff_cannot_write_and_outsiders_cannot_read(browser, make_browser, org):
    p = terbitkan(org.admin, unit=org.bidang2)
    browser.login(org.staf1.nip, PASSWORD)
    assert browser.get("/pengumuman/baru").status_code == 403
    assert browser.post("/pengumuman/baru", form()).status_code == 403
    assert browser.get("/pengumuman/tulisan").status_code == 403
    assert browser.get(f"/pengumuman/{p.id}").status_code == 404
    assert browser.post(f"/pengumuman/{p.id}/dibaca").status_code == 404
    assert browser.post(f"/pengumuman/{p.id}/terbitkan").status_code == 404
    assert browser.post(f"/pengumuman/{p.id}/hapus").status_code == 404
    assert browser.get("/pengumuman/999999").status_code == 404
    kabid = make_browser()
    kabid.login(org.kabid.nip, PASSWORD)  # a pimpinan, but not the author nor a recipient
    assert kabid.get(f"/pengumuman/{p.id}").status_code == 404
    assert kabid.post(f"/pengumuman/{p.id}/ingatkan").status_code == 404


def test_post_without_csrf_is_refused(browser, make_browser, org):
    p = terbitkan(org.admin)
    browser.login(org.staf1.nip, PASSWORD)
    assert browser.post(f"/pengumuman/{p.id}/dibaca", csrf=False).status_code == 400
    admin = make_browser()
    admin.login("admin", PASSWORD)
    assert admin.post("/pengumuman/baru", form(), csrf=False).status_code == 400
    assert admin.post(f"/pengumuman/{p.id}/ingatkan", csrf=False).status_code == 400
    assert count(Pengumuman) == 1 and count(PenerimaPengumuman, PenerimaPengumuman.dibaca_at.is_not(None)) == 0


def test_draft_then_publish_edit_and_delete(browser, org):
    browser.login("admin", PASSWORD)
    r = browser.post("/pengumuman/baru", form(aksi="simpan", judul="Draf awal"))
    p = db.session.execute(select(Pengumuman)).scalar_one()
    assert r.status_code == 302 and not p.terbit and count(PenerimaPengumuman) == 0
    assert browser.post(f"/pengumuman/{p.id}/ubah", form(aksi="simpan", judul="Draf diubah")).status_code == 302
    assert db.session.get(Pengumuman, p.id).judul == "Draf diubah"
    assert browser.post(f"/pengumuman/{p.id}/terbitkan").status_code == 302
    assert count(PenerimaPengumuman) == 7
    r = browser.post(f"/pengumuman/{p.id}/ubah", form(aksi="simpan"))
    assert r.status_code == 302  # published: back to the page with a message, nothing changed
    assert db.session.get(Pengumuman, p.id).judul == "Draf diubah"
    browser.post(f"/pengumuman/{p.id}/hapus")
    assert count(Pengumuman) == 1  # published announcements stay
    browser.post("/pengumuman/baru", form(aksi="simpan", judul="Hapus saya"))
    draf = db.session.execute(select(Pengumuman).where(Pengumuman.judul == "Hapus saya")).scalar_one()
    assert browser.post(f"/pengumuman/{draf.id}/hapus").status_code == 302
    assert count(Pengumuman) == 1
    assert count(AuditEvent, AuditEvent.aksi == "pengumuman.hapus") == 1


@pytest.mark.parametrize("judul, isi, pesan", [("", "Isi", "Judul wajib diisi."), ("J", "", "Isi pengumuman wajib diisi."),
                                               ("x" * 201, "Isi", "Judul paling panjang 200 karakter.")])
def test_validation_messages(browser, org, judul, isi, pesan):
    browser.login("admin", PASSWORD)
    r = browser.post("/pengumuman/baru", form(judul=judul, isi=isi))
    assert r.status_code == 422 and pesan in r.get_data(as_text=True)
    assert count(Pengumuman) == 0


def test_attachment_checked_by_content_and_served_only_to_the_audience(browser, make_browser, org):
    browser.login("admin", PASSWORD)
    palsu = form(lampiran=(io.BytesIO(b"<html><script>alert(1)</script>"), "peraturan.pdf"))
    r = browser.post("/pengumuman/baru", palsu, content_type="multipart/form-data")
    assert r.status_code == 422 and "tidak didukung" in r.get_data(as_text=True)
    assert count(Pengumuman) == 0
    ok = form(cakupan="unit", unit_id=str(org.seksi.id), lampiran=(io.BytesIO(PDF), "Perbup 12 2026.pdf"))
    assert browser.post("/pengumuman/baru", ok, content_type="multipart/form-data").status_code == 302
    p = db.session.execute(select(Pengumuman)).scalar_one()
    lamp = p.lampiran[0]
    assert lamp.nama_simpan != "Perbup 12 2026.pdf" and lamp.mime == "application/pdf"

    staf = make_browser()
    staf.login(org.staf1.nip, PASSWORD)
    r = staf.get(f"/pengumuman/{p.id}/lampiran/{lamp.id}")
    assert r.status_code == 200 and r.data == PDF
    assert r.headers["Content-Disposition"].startswith("attachment")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    r.close()
    luar = make_browser()
    luar.login(org.staf3.nip, PASSWORD)
    assert luar.get(f"/pengumuman/{p.id}/lampiran/{lamp.id}").status_code == 404
    assert staf.get(f"/pengumuman/{p.id}/lampiran/{lamp.id + 1}").status_code == 404


def test_announcement_without_recipients_is_refused(org, factory):
    kosong = factory.unit("Unit Kosong", induk=org.root)
    with pytest.raises(Exception) as err:
        terbitkan(org.admin, unit=kosong)
    assert "Tidak ada pegawai aktif" in str(err.value)
    assert count(Pengumuman) == 0


def test_dasbor_query_counts_mandatory_receipts(org):
    p = terbitkan(org.admin)
    services.mark_read(_akun(org.staf1), p.id)
    assert queries.keterbacaan_wajib() == (1, 7)
    assert queries.keterbacaan_wajib([org.staf1.id, org.staf2.id]) == (1, 2)


def _list_queries(browser, count_queries, url):
    browser.get(url)
    with count_queries() as q:
        assert browser.get(url).status_code == 200
    return q.count


@pytest.mark.parametrize("siapa, url", [("staf1", "/pengumuman"), ("admin", "/pengumuman/tulisan"),
                                        ("admin", "/sosialisasi")])
def test_list_query_count_does_not_grow(make_browser, org, count_queries, siapa, url):
    from datetime import date, time

    from kinerja.sosialisasi import services as sosialisasi

    def tambah(n):
        for i in range(n):
            terbitkan(org.admin, judul=f"Pengumuman {i}")
            sosialisasi.create_sesi(org.admin, sosialisasi.SesiData(
                "Sosialisasi", f"Sesi {i}", date(2026, 1, 5), time(9, 0), "Aula", "", "",
                sasaran.Sasaran(True, None, True, "semua")))

    b = make_browser()
    b.login("admin" if siapa == "admin" else getattr(org, siapa).nip, PASSWORD)
    tambah(1)
    sedikit = _list_queries(b, count_queries, url)
    tambah(5)
    banyak = _list_queries(b, count_queries, url)
    assert sedikit == banyak <= 12


def test_beranda_budget_holds_with_announcements_and_sessions(make_browser, org, count_queries):
    from datetime import time, timedelta

    from kinerja.sosialisasi import services as sosialisasi
    from kinerja.waktu import today_local
    from tests.integration.test_beranda_kueri import BATAS_BERANDA

    def tambah(n):
        for i in range(n):
            terbitkan(org.admin, judul=f"Pengumuman {i}")
            sosialisasi.create_sesi(org.admin, sosialisasi.SesiData(
                "Bimtek", f"Sesi {i}", today_local() + timedelta(days=2), time(9, 0), "Aula", "", "",
                sasaran.Sasaran(True, None, True, "semua")))

    b = make_browser()
    b.login(org.kasi.nip, PASSWORD)
    tambah(1)
    sedikit = _list_queries(b, count_queries, "/")
    tambah(4)
    banyak = _list_queries(b, count_queries, "/")
    assert sedikit == banyak <= BATAS_BERANDA


@pytest.mark.parametrize("url", ["/pengumuman/{n}", "/pengumuman/{n}/ubah", "/pengumuman/1/lampiran/{n}", "/sosialisasi/{n}",
                                 "/pengembangan/evaluasi/{n}", "/pengembangan/evaluasi/{n}/cetak/b19"])
def test_ids_outside_the_database_range_are_404(browser, org, url):
    browser.login("admin", PASSWORD)
    for n in (2**31, 10**12):
        assert browser.get(url.format(n=n)).status_code == 404


@pytest.mark.parametrize("url", ["/pengumuman/{n}/dibaca", "/pengumuman/{n}/ingatkan", "/sosialisasi/{n}/kehadiran",
                                 "/pengembangan/kegiatan/{n}/konfirmasi", "/pengembangan/evaluasi/{n}/setujui"])
def test_posts_with_ids_outside_the_database_range_are_404(browser, org, url):
    browser.login(org.kasi.nip, PASSWORD)
    assert browser.post(url.format(n=2**31)).status_code == 404


def test_admin_sees_but_has_no_receipt_and_recipients_do_not_manage(make_browser, org):
    """Issue #9 §2: who sees the announcement but may not do the action gets 403, not 404."""
    p = terbitkan(org.admin, unit=org.seksi)
    admin = make_browser()
    admin.login("admin", PASSWORD)
    assert admin.post(f"/pengumuman/{p.id}/dibaca").status_code == 403
    staf = make_browser()
    staf.login(org.staf1.nip, PASSWORD)
    for url in (f"/pengumuman/{p.id}/terbitkan", f"/pengumuman/{p.id}/hapus", f"/pengumuman/{p.id}/ubah"):
        assert staf.post(url, {}).status_code == 403, url
    assert staf.get(f"/pengumuman/{p.id}/ubah").status_code == 403
