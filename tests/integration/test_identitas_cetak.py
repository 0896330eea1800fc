"""Issue #11 §1: every printed form uses the identity as of its own dates — the LKH (form D) of a month,
the notulen of a dialog (with "Plt. …" when the leader acts on that day) and the Penetapan Predikat of a
period — also after a mutasi recorded later."""

from __future__ import annotations

import io
from datetime import date, time, timedelta

import pytest
from pypdf import PdfReader

from kinerja.dialog import services as dialog_services
from kinerja.evaluasi.penetapan import document_penetapan
from kinerja.extensions import db
from kinerja.models import Dialog, Periode, TahunKinerja
from kinerja.mutasi import services as mutasi
from kinerja.waktu import today_local
from tests.support.factories import PASSWORD
from tests.support.skp_factories import buat_skp, tahun_kinerja

TAHUN = 2025
TMT = date(TAHUN, 7, 1)
AKHIR_TAHUN = date(TAHUN, 12, 31)


def _teks(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _masuk(make_browser, pegawai):
    b = make_browser()
    b.login(pegawai.nip if pegawai != "admin" else "admin", PASSWORD)
    return b


def _mutasi(org, pegawai, tanggal=TMT, hari_ini=AKHIR_TAHUN, **kw):
    data = dict(jenis="Mutasi", tanggal=tanggal, jabatan_id=pegawai.jabatan_id, unit_id=org.bidang2.id,
                atasan_id=org.kabid2.id)
    data.update(kw)
    return mutasi.catat_mutasi(org.admin, pegawai.id, mutasi.MutasiData(**data), hari_ini=hari_ini)


@pytest.fixture
def tahun_lalu(org, factory):
    org.staf1.jabatan_id = factory.jabatan("Analis Data Uji").id
    org.kasi.jabatan_id = factory.jabatan("Kepala Seksi Data", "Administrator").id
    org.kabid2.jabatan_id = factory.jabatan("Kepala Bidang Tata Kelola", "Administrator").id
    tahun_kinerja(TAHUN)
    buat_skp(org.staf1, tahun=TAHUN, status="Disetujui", rhk=[("Utama", "Modul perizinan", ["Jumlah"], None)])
    db.session.commit()
    return org


def test_lkh_memakai_jabatan_unit_dan_atasan_pada_bulannya(tahun_lalu, factory, make_browser):
    org = tahun_lalu
    _mutasi(org, org.staf1, jabatan_id=factory.jabatan("Pranata Komputer Uji").id)
    b = _masuk(make_browser, org.staf1)
    juni = _teks(b.get(f"/laporan/lkh/{org.staf1.id}/{TAHUN}/6.pdf").data)
    juli = _teks(b.get(f"/laporan/lkh/{org.staf1.id}/{TAHUN}/7.pdf").data)
    assert "Analis Data Uji" in juni and "Seksi Uji" in juni
    assert "Kepala Seksi Uji" in juni and "Kepala Seksi Data" in juni  # the atasan then, with his jabatan then
    assert "Pranata Komputer Uji" not in juni and "Bidang Lain" not in juni
    assert "Pranata Komputer Uji" in juli and "Bidang Lain" in juli and "Kepala Bidang Lain" in juli
    assert "Kepala Seksi Uji" not in juli


def test_lkh_ditandatangani_plh_yang_bertindak_pada_tanggal_tanda_tangannya(tahun_lalu, make_browser):
    org = tahun_lalu
    _mutasi(org, org.staf1)  # in July he moved away: the Plh of his old seksi still signs June
    mutasi.buat_penugasan(org.admin, mutasi.PenugasanData(
        jenis="Plh", pejabat_id=org.staf3.id, unit_id=org.seksi.id, pegawai_id=None,
        tanggal_mulai=date(TAHUN, 6, 20), tanggal_selesai=date(TAHUN, 6, 30)))
    b = _masuk(make_browser, org.staf1)
    juni = _teks(b.get(f"/laporan/lkh/{org.staf1.id}/{TAHUN}/6.pdf").data)
    mei = _teks(b.get(f"/laporan/lkh/{org.staf1.id}/{TAHUN}/5.pdf").data)
    assert "Staf Tiga" in juni and "Plh. Kepala Seksi Data" in juni
    assert "Staf Tiga" not in mei and "Plh." not in mei and "Kepala Seksi Uji" in mei


def test_lkh_tim_tetap_sekali_kueri_per_jenis_dengan_riwayat(tahun_lalu, factory, make_browser, count_queries):
    org = tahun_lalu
    b = _masuk(make_browser, org.kasi)
    b.get(f"/laporan/tim/{TAHUN}/6.xlsx")
    with count_queries() as sedikit:
        assert b.get(f"/laporan/tim/{TAHUN}/6.xlsx").status_code == 200
    for i in range(3):
        p = factory.pegawai(f"Staf Tambahan {i}", atasan=org.kasi)
        p.jabatan_id = org.staf1.jabatan_id
        db.session.commit()
        _mutasi(org, p, tanggal=date(TAHUN, 6, 10), unit_id=org.seksi.id, atasan_id=org.kasi.id, golongan="III/b")
    with count_queries() as banyak:
        assert b.get(f"/laporan/tim/{TAHUN}/6.xlsx").status_code == 200
    assert banyak.count == sedikit.count


def _dialog_kemarin(pimpinan_akun, peserta, tanggal):
    d = dialog_services.create_dialog(pimpinan_akun, dialog_services.DialogData(
        jenis="Rapat Rutin Tim", judul="Rapat seksi", tanggal=tanggal, jam=time(8), daring=False, tempat="Ruang Rapat",
        agenda="Capaian", pengulangan="", peserta_ids=[p.id for p in peserta]))
    dialog_services.save_catatan(pimpinan_akun, d.id, "Progres baik.", "", "")
    return d


def test_notulen_dialog_mencetak_plt_bila_pimpinan_bertindak_pada_hari_dialog(org, factory, make_browser):
    org.kasi.jabatan_id = factory.jabatan("Kepala Seksi Data", "Administrator").id
    db.session.commit()
    hari_ini = today_local()
    mutasi.buat_penugasan(org.admin, mutasi.PenugasanData(
        jenis="Plt", pejabat_id=org.staf3.id, unit_id=org.seksi.id, pegawai_id=None,
        tanggal_mulai=hari_ini - timedelta(days=3), tanggal_selesai=hari_ini + timedelta(days=10)))
    plt = factory.akun_of(org.staf3)
    d = _dialog_kemarin(plt, [org.staf1, org.staf2], hari_ini - timedelta(days=1))
    b = _masuk(make_browser, org.staf3)
    assert b.post(f"/dialog/{d.id}/tutup").status_code == 302
    assert db.session.get(Dialog, d.id).identitas_pimpinan["jabatan"] == "Plt. Kepala Seksi Data"
    teks = _teks(b.get(f"/dialog/{d.id}/notulen.pdf").data)
    assert "Staf Tiga, Plt. Kepala Seksi Data" in teks


def test_notulen_dialog_memakai_jabatan_pada_hari_dialog_meski_ditutup_setelah_mutasi(org, factory, make_browser):
    hari_ini = today_local()
    if hari_ini.timetuple().tm_yday < 12:
        pytest.skip("awal Januari: dialog dan mutasi perlu beberapa hari tahun ini")
    org.kasi.jabatan_id = factory.jabatan("Kepala Seksi Data", "Administrator").id
    org.staf1.jabatan_id = factory.jabatan("Analis Data Uji").id
    db.session.commit()
    kasi = factory.akun_of(org.kasi)
    d = _dialog_kemarin(kasi, [org.staf1, org.staf2], hari_ini - timedelta(days=10))
    _mutasi(org, org.staf1, tanggal=hari_ini - timedelta(days=5), hari_ini=hari_ini,
            jabatan_id=factory.jabatan("Pranata Komputer Uji").id, unit_id=org.seksi.id, atasan_id=org.kasi.id)
    _mutasi(org, org.kasi, tanggal=hari_ini - timedelta(days=5), hari_ini=hari_ini, jenis="Promosi",
            jabatan_id=factory.jabatan("Kepala Bidang Baru", "Administrator").id, unit_id=org.bidang2.id,
            atasan_id=org.kadis.id)
    b = _masuk(make_browser, org.kasi)
    assert b.post(f"/dialog/{d.id}/tutup").status_code == 302
    teks = _teks(b.get(f"/dialog/{d.id}/notulen.pdf").data)
    assert "Kepala Seksi Uji, Kepala Seksi Data" in teks and "Kepala Bidang Baru" not in teks
    assert "Analis Data Uji" in teks and "Pranata Komputer Uji" not in teks


def test_penetapan_predikat_mencetak_pimpinan_unit_pada_akhir_periodenya(tahun_lalu, factory):
    org = tahun_lalu
    _mutasi(org, org.kasi, tanggal=date(TAHUN, 8, 1), jabatan_id=factory.jabatan("Analis Kebijakan").id,
            atasan_id=org.kabid2.id)
    org.staf2.jabatan_id = org.kasi.jabatan_id
    db.session.commit()
    _mutasi(org, org.staf2, tanggal=date(TAHUN, 8, 1), jenis="Promosi",
            jabatan_id=factory.jabatan("Kepala Seksi Data Baru", "Administrator").id, unit_id=org.seksi.id,
            atasan_id=org.kabid.id, pimpinan=True)
    s1 = db.session.query(Periode).join(TahunKinerja).filter(TahunKinerja.tahun == TAHUN, Periode.kode == "S1").one()
    akhir = db.session.query(Periode).join(TahunKinerja).filter(TahunKinerja.tahun == TAHUN,
                                                                 Periode.kode == "AKHIR").one()
    teks_s1 = _teks(document_penetapan(org.admin, org.seksi.id, s1.id)[0])
    assert "PIMPINAN UNIT KERJA Kepala Seksi Uji" in teks_s1 and "Kepala Seksi Data" in teks_s1
    assert "Staf Dua" not in teks_s1
    teks_akhir = _teks(document_penetapan(org.admin, org.seksi.id, akhir.id)[0])
    assert "PIMPINAN UNIT KERJA Staf Dua" in teks_akhir and "Kepala Seksi Data Baru" in teks_akhir
