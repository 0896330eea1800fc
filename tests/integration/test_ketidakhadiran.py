"""Ketidakhadiran (issue #11 §3): request → atasan decides, admin records, CSV import, calendar effects."""

from __future__ import annotations

import io
from datetime import date, timedelta

from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.models import AuditEvent, Ketidakhadiran, Notifikasi
from tests.support.factories import PASSWORD

PDF = b"%PDF-1.4\n%uji\n%%EOF\n"
SENIN = date(2026, 3, 2)


def count(model, *where):
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def form(**kw):
    data = {"jenis": "Cuti", "tanggal_mulai": "2026-03-02", "tanggal_selesai": "2026-03-04", "keterangan": "Cuti tahunan"}
    data.update(kw)
    return data


def login(make_browser, who):
    b = make_browser()
    b.login(who if isinstance(who, str) else who.nip, PASSWORD)
    return b


def test_pegawai_requests_atasan_approves(make_browser, org):
    staf = login(make_browser, org.staf1)
    r = staf.post("/ketidakhadiran/ajukan", {**form(), "dokumen": (io.BytesIO(PDF), "surat cuti.pdf")},
                  content_type="multipart/form-data")
    assert r.status_code == 302
    k = db.session.execute(select(Ketidakhadiran)).scalar_one()
    assert (k.status, k.pegawai_id, k.dokumen_nama) == ("Diajukan", org.staf1.id, "surat cuti.pdf")
    assert count(Notifikasi, Notifikasi.jenis == "ketidakhadiran") == 1
    assert "Diajukan" in staf.get("/ketidakhadiran/").get_data(as_text=True)

    kasi = login(make_browser, org.kasi)
    halaman = kasi.get("/ketidakhadiran/").get_data(as_text=True)
    assert "Menunggu Keputusan Anda" in halaman and "Staf Satu" in halaman
    assert "1 pengajuan" in kasi.get("/").get_data(as_text=True)
    unduh = kasi.get(f"/ketidakhadiran/{k.id}/dokumen")
    assert unduh.data == PDF and "attachment" in unduh.headers["Content-Disposition"]
    unduh.close()
    r = kasi.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "setujui"})
    assert r.status_code == 302
    db.session.refresh(k)
    assert k.status == "Disetujui" and k.diputus_oleh_id == org.kasi.id
    assert count(AuditEvent, AuditEvent.aksi.in_(["ketidakhadiran.ajukan", "ketidakhadiran.setujui"])) == 2


def test_refusal_needs_a_reason(make_browser, org):
    staf = login(make_browser, org.staf1)
    staf.post("/ketidakhadiran/ajukan", form())
    k = db.session.execute(select(Ketidakhadiran)).scalar_one()
    kasi = login(make_browser, org.kasi)
    r = kasi.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "tolak"})
    assert "Tuliskan alasan penolakan" in kasi.get("/ketidakhadiran/").get_data(as_text=True) or r.status_code == 302
    db.session.refresh(k)
    assert k.status == "Diajukan"
    kasi.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "tolak", "catatan": "Jadwal audit"})
    db.session.refresh(k)
    assert k.status == "Ditolak" and "Jadwal audit" in staf.get("/ketidakhadiran/").get_data(as_text=True)


def test_wrong_users_and_missing_csrf(make_browser, org):
    staf = login(make_browser, org.staf1)
    staf.post("/ketidakhadiran/ajukan", {**form(), "dokumen": (io.BytesIO(PDF), "s.pdf")}, content_type="multipart/form-data")
    k = db.session.execute(select(Ketidakhadiran)).scalar_one()
    rekan = login(make_browser, org.staf2)
    assert rekan.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "setujui"}).status_code == 404
    assert rekan.get(f"/ketidakhadiran/{k.id}/dokumen").status_code == 404
    assert login(make_browser, org.kabid2).post(f"/ketidakhadiran/{k.id}/putuskan",
                                                {"keputusan": "setujui"}).status_code == 404
    # The pegawai sees his own request but may not approve it.
    assert staf.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "setujui"}).status_code == 403
    kasi = login(make_browser, org.kasi)
    assert kasi.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "setujui"}, csrf=False).status_code == 400
    assert staf.post("/ketidakhadiran/ajukan", form(tanggal_mulai="2026-04-01", tanggal_selesai="2026-04-01"),
                     csrf=False).status_code == 400
    assert staf.post("/ketidakhadiran/catat", form()).status_code == 403
    db.session.refresh(k)
    assert k.status == "Diajukan" and count(Ketidakhadiran) == 1


def test_overlap_refused_and_pegawai_withdraws(make_browser, org):
    staf = login(make_browser, org.staf1)
    staf.post("/ketidakhadiran/ajukan", form())
    r = staf.post("/ketidakhadiran/ajukan", form(jenis="Sakit", tanggal_mulai="2026-03-04", tanggal_selesai="2026-03-05"))
    assert r.status_code == 422 and "bertumpang dengan Cuti 02-03-2026 s.d. 04-03-2026" in r.get_data(as_text=True)
    r = staf.post("/ketidakhadiran/ajukan", form(tanggal_mulai="2026-03-05", tanggal_selesai="2026-03-04"))
    assert r.status_code == 422 and "tidak boleh sebelum" in r.get_data(as_text=True)
    k = db.session.execute(select(Ketidakhadiran)).scalar_one()
    assert staf.post(f"/ketidakhadiran/{k.id}/batalkan").status_code == 302
    db.session.refresh(k)
    assert k.status == "Dibatalkan"
    # Withdrawn: the days are free again.
    assert staf.post("/ketidakhadiran/ajukan", form(jenis="Sakit")).status_code == 302


def test_admin_records_directly_and_bad_upload_writes_nothing(make_browser, org):
    admin = login(make_browser, "admin")
    r = admin.post("/ketidakhadiran/catat", {**form(pegawai_id=str(org.staf2.id)),
                                              "dokumen": (io.BytesIO(b"MZ\x90\x00bukan"), "virus.exe")},
                   content_type="multipart/form-data")
    assert r.status_code == 422 and "tidak didukung" in r.get_data(as_text=True)
    assert count(Ketidakhadiran) == 0
    r = admin.post("/ketidakhadiran/catat", form(pegawai_id=str(org.staf2.id), jenis="Dinas Luar"))
    assert r.status_code == 302
    k = db.session.execute(select(Ketidakhadiran)).scalar_one()
    assert (k.status, k.sumber, k.jenis) == ("Disetujui", "admin", "Dinas Luar")
    assert "Staf Dua" in admin.get("/ketidakhadiran/").get_data(as_text=True)


CSV_OK = ("NIP;Jenis;Tanggal Mulai;Tanggal Selesai;Keterangan\n"
          "{a};C;02-03-2026;03-03-2026;Cuti tahunan\n"
          "{b};DL;2026-03-04;;Rapat\n")


def _upload(browser, text: str, aksi: str):
    return browser.post("/ketidakhadiran/impor", {"aksi": aksi, "berkas": (io.BytesIO(text.encode()), "absensi.csv")},
                        content_type="multipart/form-data")


def test_csv_import_dry_run_then_all(make_browser, org):
    admin = login(make_browser, "admin")
    text = CSV_OK.format(a=org.staf1.nip, b=org.staf2.nip)
    r = _upload(admin, text, "periksa")
    assert r.status_code == 200 and "2 baris siap diimpor" in r.get_data(as_text=True)
    assert count(Ketidakhadiran) == 0
    r = _upload(admin, text, "jalankan")
    assert r.status_code == 302 and count(Ketidakhadiran, Ketidakhadiran.sumber == "impor") == 2
    assert count(AuditEvent, AuditEvent.aksi == "ketidakhadiran.impor") == 1
    # The same file again: every row overlaps what is now recorded → nothing written.
    r = _upload(admin, text, "jalankan")
    assert r.status_code == 422 and "Baris 2:" in r.get_data(as_text=True) and count(Ketidakhadiran) == 2


def test_csv_import_all_or_nothing_with_row_numbers(make_browser, org):
    admin = login(make_browser, "admin")
    text = CSV_OK.format(a=org.staf1.nip, b="199001012020011001") + f"{org.staf1.nip};Izin;05-03-2026;;\n"
    r = _upload(admin, text, "jalankan")
    body = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "Baris 3: NIP 199001012020011001 tidak terdaftar." in body
    assert "Baris 4: Jenis" in body and "tidak dikenal" in body
    assert count(Ketidakhadiran) == 0
    assert login(make_browser, org.staf1).post("/ketidakhadiran/impor", {"aksi": "periksa"}).status_code == 403


def test_list_query_counts_do_not_grow(make_browser, factory, org, count_queries):
    from tests.integration.test_ketidakhadiran_kalender import absen

    absen(org.staf1, "Cuti", SENIN, status="Diajukan")
    db.session.commit()
    kasi, admin = login(make_browser, org.kasi), login(make_browser, "admin")
    for b in (kasi, admin):
        b.get("/ketidakhadiran/")
    with count_queries() as kasi_few:
        assert kasi.get("/ketidakhadiran/").status_code == 200
    with count_queries() as admin_few:
        assert admin.get("/ketidakhadiran/").status_code == 200
    for i in range(6):
        p = factory.pegawai(f"Staf Cuti {i}", atasan=org.kasi, unit=org.seksi)
        absen(p, "Sakit", SENIN + timedelta(days=i), status="Diajukan")
    db.session.commit()
    with count_queries() as kasi_many:
        assert kasi.get("/ketidakhadiran/").status_code == 200
    with count_queries() as admin_many:
        assert admin.get("/ketidakhadiran/").status_code == 200
    assert kasi_few.count == kasi_many.count <= 12
    assert admin_few.count == admin_many.count <= 12
