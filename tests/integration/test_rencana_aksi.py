"""Rencana aksi (issue #11 §4): written per period by the pegawai, seen by the atasan on the SKP page,
picked in a daily entry, reported in the evaluation (planned / delivered / evidence) and the month view."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kinerja.aktivitas import services as aktivitas_services
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import Aktivitas, AuditEvent, RencanaAksi
from kinerja.waktu import today_local
from tests.integration.test_verifikasi import masuk
from tests.support.evaluasi import buat_aktivitas, buat_periode, buat_skp, evaluasi_of


def count(model, *where):
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


@pytest.fixture
def tahun():
    return today_local().year


def form(rhk, **kw):
    data = {"rhk_id": str(rhk.id), "kode": "TW1", "uraian": "Menyusun draf laporan triwulan", "target": "3",
            "satuan": "laporan"}
    data.update(kw)
    return data


def test_pegawai_writes_rencana_aksi_and_atasan_sees_it(make_browser, org, tahun):
    skp = buat_skp(org.staf1)
    db.session.commit()
    staf = masuk(make_browser, org.staf1)
    page = staf.get("/rencana-aksi/").get_data(as_text=True)
    assert "Triwulan I" in page and "Triwulan IV" in page
    assert staf.post("/rencana-aksi/tambah", form(skp.rhk[0])).status_code == 302
    ra = db.session.execute(select(RencanaAksi)).scalar_one()
    assert (ra.kode, ra.tanggal_mulai, ra.tanggal_selesai, ra.target) == ("TW1", date(tahun, 1, 1), date(tahun, 3, 31),
                                                                           Decimal(3))
    assert count(AuditEvent, AuditEvent.aksi == "rencana_aksi.tambah") == 1
    r = staf.post("/rencana-aksi/tambah", form(skp.rhk[0], target="0", uraian=""))
    assert r.status_code == 422 and count(RencanaAksi) == 1
    kasi = masuk(make_browser, org.kasi)
    lihat = kasi.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "Rencana Aksi" in lihat and "Menyusun draf laporan triwulan" in lihat
    assert "Kelola Rencana Aksi" not in lihat  # the atasan reads, the pegawai writes


def test_monthly_pattern_gives_monthly_periods(make_browser, org, tahun):
    from kinerja.models import TahunKinerja

    db.session.add(TahunKinerja(tahun=tahun, pola="bulanan", aktif=True))
    skp = buat_skp(org.staf1)
    db.session.commit()
    staf = masuk(make_browser, org.staf1)
    assert "Februari" in staf.get("/rencana-aksi/").get_data(as_text=True)
    assert staf.post("/rencana-aksi/tambah", form(skp.rhk[0], kode="B02")).status_code == 302
    ra = db.session.execute(select(RencanaAksi)).scalar_one()
    assert ra.tanggal_selesai.month == 2
    assert staf.post("/rencana-aksi/tambah", form(skp.rhk[0], kode="TW1")).status_code == 422


def test_wrong_users_and_csrf(make_browser, org):
    skp = buat_skp(org.staf1)
    draft = buat_skp(org.staf2, approved=False)
    db.session.commit()
    rekan = masuk(make_browser, org.staf2)
    # Someone else's RHK: hidden.
    assert rekan.post("/rencana-aksi/tambah", form(skp.rhk[0])).status_code in (404, 422)
    assert count(RencanaAksi) == 0
    staf = masuk(make_browser, org.staf1)
    assert staf.post("/rencana-aksi/tambah", form(skp.rhk[0]), csrf=False).status_code == 400
    staf.post("/rencana-aksi/tambah", form(skp.rhk[0]))
    ra = db.session.execute(select(RencanaAksi)).scalar_one()
    assert rekan.post(f"/rencana-aksi/{ra.id}/hapus").status_code == 404
    assert masuk(make_browser, org.kasi).post(f"/rencana-aksi/{ra.id}/hapus").status_code == 404
    assert masuk(make_browser, "admin").get("/rencana-aksi/").status_code == 403
    # A draft SKP has no rencana aksi yet.
    assert "Belum ada SKP" in rekan.get("/rencana-aksi/").get_data(as_text=True)
    assert draft.versi == 0


def test_daily_entry_picks_a_rencana_aksi_of_its_rhk_and_date(factory, make_browser, org, tahun):
    skp = buat_skp(org.staf1)
    tw = (date(tahun, 3, 2), date(tahun, 4, 1))
    ra1 = RencanaAksi(rhk_id=skp.rhk[0].id, kode="TW1", tanggal_mulai=date(tahun, 1, 1), tanggal_selesai=date(tahun, 3, 31),
                      uraian="Draf laporan", target=Decimal(2), satuan="laporan")
    ra_lain = RencanaAksi(rhk_id=skp.rhk[1].id, kode="TW1", tanggal_mulai=date(tahun, 1, 1),
                          tanggal_selesai=date(tahun, 3, 31), uraian="Pendampingan", target=Decimal(1), satuan="kali")
    db.session.add_all([ra1, ra_lain])
    db.session.commit()
    actor = factory.akun_of(org.staf1)

    def data(ra_id, hari=tw[0], rhk=skp.rhk[0].id):
        return aktivitas_services.AktivitasData(hari, time(8), time(9), "Menyusun draf", "1", "laporan", rhk,
                                                rencana_aksi=ra_id)

    item = aktivitas_services.create_aktivitas(actor, data(str(ra1.id)), today=tw[0])
    assert item.rencana_aksi_id == ra1.id
    with pytest.raises(DomainError, match="bukan bagian"):
        aktivitas_services.create_aktivitas(actor, data(str(ra_lain.id)), today=tw[0])
    with pytest.raises(DomainError, match="bukan bagian"):  # April is not in TW1
        aktivitas_services.create_aktivitas(actor, data(str(ra1.id), hari=tw[1]), today=tw[1])
    # The day form offers the rencana aksi of that date only.
    staf = masuk(make_browser, org.staf1)
    hari_ini = today_local()
    html = staf.get(f"/aktivitas?tanggal={hari_ini.isoformat()}").get_data(as_text=True)
    assert ("Draf laporan" in html) == (hari_ini <= date(tahun, 3, 31))


def test_evaluation_and_month_view_show_planned_delivered_and_evidence(factory, make_browser, org, tahun):
    from kinerja.evaluasi import services as evaluasi_services

    periode = buat_periode()
    skp = buat_skp(org.staf1)
    ra = RencanaAksi(rhk_id=skp.rhk[0].id, kode="TW1", tanggal_mulai=date(tahun, 1, 1), tanggal_selesai=date(tahun, 3, 31),
                     uraian="Draf laporan triwulan", target=Decimal(4), satuan="laporan")
    db.session.add(ra)
    db.session.flush()
    for hari, status in ((date(tahun, 2, 3), "Disetujui"), (date(tahun, 2, 4), "Disetujui"), (date(tahun, 2, 5), "Diajukan")):
        a = buat_aktivitas(org.staf1, skp.rhk[0], hari, status=status, uraian=f"Draf bagian {hari.day}")
        a.rencana_aksi_id = ra.id
    db.session.commit()
    evaluasi_services.open_evaluasi(org.admin, periode.id)
    ev = evaluasi_of(org.staf1, periode)
    kasi = masuk(make_browser, org.kasi)
    html = kasi.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    bagian = html.split("Realisasi per Rencana Aksi", 1)[1]
    assert "Draf laporan triwulan" in bagian and "Target 4 laporan" in bagian
    assert "realisasi 2 laporan (2 aktivitas) · 50%" in bagian  # only approved entries count
    assert "Draf bagian 3" in bagian and "Draf bagian 5" not in bagian
    staf = masuk(make_browser, org.staf1)
    bulan = staf.get(f"/aktivitas/bulan?bulan={tahun}-02").get_data(as_text=True)
    assert "Progres Rencana Aksi" in bulan and "Draf laporan triwulan" in bulan and "50%" in bulan
    assert "Progres Rencana Aksi" not in staf.get(f"/aktivitas/bulan?bulan={tahun}-05").get_data(as_text=True)


def test_rencana_aksi_in_use_is_not_deleted(make_browser, org, tahun):
    skp = buat_skp(org.staf1)
    ra = RencanaAksi(rhk_id=skp.rhk[0].id, kode="TW1", tanggal_mulai=date(tahun, 1, 1), tanggal_selesai=date(tahun, 3, 31),
                     uraian="Draf", target=Decimal(1), satuan="laporan")
    db.session.add(ra)
    db.session.flush()
    buat_aktivitas(org.staf1, skp.rhk[0], date(tahun, 2, 3)).rencana_aksi_id = ra.id
    db.session.commit()
    staf = masuk(make_browser, org.staf1)
    staf.post(f"/rencana-aksi/{ra.id}/hapus")
    assert count(RencanaAksi) == 1 and "sudah dipakai 1 aktivitas" in staf.get("/rencana-aksi/").get_data(as_text=True)
    db.session.execute(Aktivitas.__table__.update().values(rencana_aksi_id=None))
    db.session.commit()
    assert staf.post(f"/rencana-aksi/{ra.id}/hapus").status_code == 302 and count(RencanaAksi) == 0


def test_rencana_aksi_page_query_count_does_not_grow(make_browser, org, tahun, count_queries):
    skp = buat_skp(org.staf1)
    db.session.commit()
    staf = masuk(make_browser, org.staf1)

    def tambah(n):
        for i in range(n):
            ra = RencanaAksi(rhk_id=skp.rhk[i % 2].id, kode="TW2", tanggal_mulai=date(tahun, 4, 1),
                             tanggal_selesai=date(tahun, 6, 30), uraian=f"Langkah {i}", target=Decimal(2), satuan="x")
            db.session.add(ra)
            db.session.flush()
            buat_aktivitas(org.staf1, skp.rhk[i % 2], date(tahun, 5, 4)).rencana_aksi_id = ra.id
        db.session.commit()

    tambah(1)
    staf.get("/rencana-aksi/")
    with count_queries() as few:
        assert staf.get("/rencana-aksi/").status_code == 200
    tambah(8)
    with count_queries() as many:
        assert staf.get("/rencana-aksi/").status_code == 200
    assert few.count == many.count <= 12


# ------------------------------------------------------------------ edit and delete while the SKP allows it


def _ra(skp, tahun, uraian="Draf laporan"):
    ra = RencanaAksi(rhk_id=skp.rhk[0].id, kode="TW1", tanggal_mulai=date(tahun, 1, 1), tanggal_selesai=date(tahun, 3, 31),
                     uraian=uraian, target=Decimal(2), satuan="laporan")
    db.session.add(ra)
    db.session.flush()
    return ra


def test_pegawai_mengubah_uraian_dan_target_rencana_aksi(make_browser, org, tahun):
    skp = buat_skp(org.staf1)
    ra = _ra(skp, tahun)
    db.session.commit()
    staf = masuk(make_browser, org.staf1)
    halaman = staf.get("/rencana-aksi/").get_data(as_text=True)
    assert f"/rencana-aksi/{ra.id}/ubah" in halaman
    penuh = staf.get(f"/rencana-aksi/{ra.id}/ubah")
    assert penuh.status_code == 200 and "<html" in penuh.get_data(as_text=True)
    potongan = staf.get(f"/rencana-aksi/{ra.id}/ubah", htmx=True).get_data(as_text=True)
    assert "<html" not in potongan and 'value="Draf laporan"' in potongan
    r = staf.post(f"/rencana-aksi/{ra.id}/ubah", {"uraian": "Draf laporan final", "target": "4", "satuan": "dokumen"})
    assert r.status_code == 302
    db.session.expire_all()
    ra = db.session.get(RencanaAksi, ra.id)
    assert (ra.uraian, ra.target, ra.satuan, ra.kode) == ("Draf laporan final", Decimal(4), "dokumen", "TW1")
    assert count(AuditEvent, AuditEvent.aksi == "rencana_aksi.ubah") == 1
    # htmx: the table comes back with the change, no page around it.
    r = staf.post(f"/rencana-aksi/{ra.id}/ubah", {"uraian": "Laporan triwulan", "target": "3", "satuan": "dokumen"},
                  htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in html and "Laporan triwulan" in html and "tabel-rencana-aksi" in html
    salah = staf.post(f"/rencana-aksi/{ra.id}/ubah", {"uraian": "", "target": "0", "satuan": "dokumen"}, htmx=True)
    assert salah.status_code == 422 and "<html" not in salah.get_data(as_text=True)
    assert db.session.get(RencanaAksi, ra.id).uraian == "Laporan triwulan"


def test_ubah_rencana_aksi_pengguna_lain_dan_tanpa_csrf(make_browser, org, tahun):
    skp = buat_skp(org.staf1)
    ra = _ra(skp, tahun)
    db.session.commit()
    data = {"uraian": "Diubah orang lain", "target": "9", "satuan": "x"}
    for siapa in (org.staf2, org.kasi):
        b = masuk(make_browser, siapa)
        assert b.get(f"/rencana-aksi/{ra.id}/ubah").status_code == 404
        assert b.post(f"/rencana-aksi/{ra.id}/ubah", data).status_code == 404
    assert masuk(make_browser, "admin").post(f"/rencana-aksi/{ra.id}/ubah", data).status_code == 403
    assert masuk(make_browser, org.staf1).post(f"/rencana-aksi/{ra.id}/ubah", data, csrf=False).status_code == 400
    assert masuk(make_browser, org.staf1).post("/rencana-aksi/999999/ubah", data).status_code == 404
    db.session.expire_all()
    assert db.session.get(RencanaAksi, ra.id).uraian == "Draf laporan"


def test_evaluasi_final_membekukan_rencana_aksi_periodenya(make_browser, org, tahun):
    from kinerja.models import Evaluasi
    from kinerja.waktu import utcnow

    skp = buat_skp(org.staf1)
    ra = _ra(skp, tahun)
    periode = buat_periode(tahun, "S1")
    db.session.add(Evaluasi(periode_id=periode.id, pegawai_id=org.staf1.id, skp_id=skp.id, penilai_id=org.kasi.id,
                            unit_id=org.seksi.id, kode="kode-ra-final", riwayat_dokumen=[], final_at=utcnow()))
    db.session.commit()
    staf = masuk(make_browser, org.staf1)
    r = staf.post(f"/rencana-aksi/{ra.id}/ubah", {"uraian": "Terlambat", "target": "1", "satuan": "laporan"})
    assert r.status_code == 422 and "sudah final" in r.get_data(as_text=True)
    staf.post(f"/rencana-aksi/{ra.id}/hapus")
    assert count(RencanaAksi) == 1
    halaman = staf.get("/rencana-aksi/").get_data(as_text=True)
    assert "sudah final" in halaman and f"/rencana-aksi/{ra.id}/ubah" not in halaman


def test_hapus_rencana_aksi_yang_hanya_dipakai_aktivitas_belum_disetujui(make_browser, org, tahun):
    skp = buat_skp(org.staf1)
    ra = _ra(skp, tahun)
    entri = buat_aktivitas(org.staf1, skp.rhk[0], date(tahun, 2, 3), status="Diajukan")
    entri.rencana_aksi_id = ra.id
    db.session.commit()
    staf = masuk(make_browser, org.staf1)
    assert staf.post(f"/rencana-aksi/{ra.id}/hapus", csrf=False).status_code == 400
    assert staf.post(f"/rencana-aksi/{ra.id}/hapus").status_code == 302
    assert count(RencanaAksi) == 0
    db.session.expire_all()
    assert db.session.get(Aktivitas, entri.id).rencana_aksi_id is None
    assert "1 aktivitas yang belum disetujui" in staf.get("/rencana-aksi/").get_data(as_text=True)
