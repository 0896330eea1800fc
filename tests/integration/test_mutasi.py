"""Issue #11 §1–§2 through the routes and services: Catat Mutasi ends the running SKP and starts the
history, the pegawai starts the new SKP that the NEW atasan approves, evaluations per SKP, and a
Plt/Plh who receives the leader's duties while it runs (and gives them back when it ends)."""

from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest

from kinerja import atasan
from kinerja.aktivitas import services as aktivitas_services
from kinerja.aktivitas.queries import rhk_choices
from kinerja.evaluasi import permissions as ev_perm
from kinerja.evaluasi import services as evaluasi_services
from kinerja.extensions import db
from kinerja.models import Akun, AuditEvent, Evaluasi, Pegawai, PenugasanPlt, RiwayatJabatan, Skp
from kinerja.mutasi import services
from kinerja.skp import permissions as skp_perm
from kinerja.verifikasi import permissions as ver_perm
from kinerja.waktu import today_local
from tests.support.factories import PASSWORD
from tests.support.skp_factories import buat_skp, tahun_kinerja

EKSPEKTASI = {f"ekspektasi_{n}": f"Ekspektasi khusus nomor {n}" for n in range(1, 8)}


def _as(make_browser, who):
    b = make_browser()
    b.login(who if isinstance(who, str) else who.nip, PASSWORD)
    return b


def _efektif() -> date:
    hari_ini = today_local()
    efektif = max(date(hari_ini.year, 1, 2), hari_ini - timedelta(days=30))
    if efektif > hari_ini:
        pytest.skip("1 Januari: belum ada hari dalam tahun ini sebelum tanggal berlaku")
    return efektif


@pytest.fixture
def dunia(org, factory):
    """The org tree, this year open, approved SKPs for kasi (staf1's atasan) and kabid2 (the new one)."""
    tahun = today_local().year
    org.staf1.jabatan_id = factory.jabatan("Analis Data Uji").id
    tahun_kinerja(tahun)
    org.tahun = tahun
    org.skp_kadis = buat_skp(org.kadis, tahun=tahun, status="Disetujui", rhk=[("Utama", "Layanan publik", ["Indeks"], None)])
    org.skp_kabid = buat_skp(org.kabid, tahun=tahun, status="Disetujui",
                             rhk=[("Utama", "Aplikasi layanan", ["Jumlah"], org.skp_kadis.rhk[0])])
    org.skp_kasi = buat_skp(org.kasi, tahun=tahun, status="Disetujui",
                            rhk=[("Utama", "Modul aplikasi", ["Jumlah modul"], org.skp_kabid.rhk[0])])
    org.skp_kabid2 = buat_skp(org.kabid2, tahun=tahun, status="Disetujui",
                              rhk=[("Utama", "Tata kelola data", ["Jumlah data"], org.skp_kadis.rhk[0])])
    org.skp_staf1 = buat_skp(org.staf1, tahun=tahun, status="Disetujui",
                             rhk=[("Utama", "Tersusunnya modul perizinan", ["Jumlah modul"], org.skp_kasi.rhk[0])])
    db.session.commit()
    return org


def _mutasi(admin, dunia, efektif, **kw):
    data = dict(jenis="Mutasi", tanggal=efektif, jabatan_id=dunia.staf1.jabatan_id, unit_id=dunia.bidang2.id,
                atasan_id=dunia.kabid2.id)
    data.update(kw)
    return services.catat_mutasi(admin, dunia.staf1.id, services.MutasiData(**data))


# ------------------------------------------------------------------ §1 mutasi


def _periode(dunia, kode):
    from kinerja.models import Periode, TahunKinerja

    return db.session.query(Periode).join(TahunKinerja).filter(TahunKinerja.tahun == dunia.tahun,
                                                                Periode.kode == kode).one()


def test_admin_mencatat_mutasi_skp_lama_berakhir_sehari_sebelumnya_dan_riwayat_tampil(dunia, make_browser):
    efektif = _efektif()
    admin = _as(make_browser, "admin")
    page = admin.get(f"/mutasi/pegawai/{dunia.staf1.id}")
    assert page.status_code == 200 and "Catat Mutasi" in page.get_data(as_text=True)
    r = admin.post(f"/mutasi/pegawai/{dunia.staf1.id}", {
        "jenis": "Mutasi", "tanggal": efektif.isoformat(), "jabatan_id": str(dunia.staf1.jabatan_id),
        "unit_id": str(dunia.bidang2.id), "atasan_id": str(dunia.kabid2.id), "golongan": "", "nomor_sk": "800/1/2026"})
    assert r.status_code == 303
    skp = db.session.get(Skp, dunia.skp_staf1.id)
    assert skp.tanggal_mulai == date(dunia.tahun, 1, 1)
    assert skp.tanggal_selesai == efektif - timedelta(days=1)
    p = db.session.get(Pegawai, dunia.staf1.id)
    assert (p.unit_id, p.atasan_id) == (dunia.bidang2.id, dunia.kabid2.id)
    riwayat = db.session.query(RiwayatJabatan).filter_by(pegawai_id=p.id).order_by(RiwayatJabatan.tanggal_mulai).all()
    assert [(r.jenis, r.tanggal_selesai) for r in riwayat] == [("Awal", efektif - timedelta(days=1)), ("Mutasi", None)]
    assert [r.nama_unit for r in riwayat] == ["Seksi Uji", "Bidang Lain"]
    assert db.session.query(AuditEvent).filter_by(aksi="pegawai.mutasi", objek_id=str(p.id)).count() == 1
    halaman = admin.get(f"/admin/pegawai/{p.id}").get_data(as_text=True)
    assert "Riwayat Jabatan" in halaman and "Seksi Uji" in halaman and "Bidang Lain" in halaman


@pytest.mark.parametrize("geser, pesan", [(1, "masa depan"), (None, "setelah awal SKP")])
def test_tanggal_mutasi_yang_salah_ditolak_tanpa_mengubah_apa_pun(dunia, make_browser, geser, pesan):
    hari_ini = today_local()
    tanggal = hari_ini + timedelta(days=1) if geser else date(dunia.tahun, 1, 1)
    admin = _as(make_browser, "admin")
    r = admin.post(f"/mutasi/pegawai/{dunia.staf1.id}", {
        "jenis": "Mutasi", "tanggal": tanggal.isoformat(), "jabatan_id": str(dunia.staf1.jabatan_id),
        "unit_id": str(dunia.bidang2.id), "atasan_id": str(dunia.kabid2.id)})
    assert r.status_code == 422 and pesan in r.get_data(as_text=True)
    assert db.session.get(Skp, dunia.skp_staf1.id).tanggal_selesai == date(dunia.tahun, 12, 31)
    assert db.session.get(Pegawai, dunia.staf1.id).atasan_id == dunia.kasi.id
    assert db.session.query(RiwayatJabatan).count() == 0


def test_skp_jabatan_baru_disetujui_atasan_baru_bukan_atasan_lama(dunia, make_browser):
    efektif = _efektif()
    _mutasi(dunia.admin, dunia, efektif)
    pegawai = _as(make_browser, dunia.staf1)
    assert "Mulai SKP Jabatan Baru" in pegawai.get("/skp/").get_data(as_text=True)
    r = pegawai.post("/skp/lanjutan", {"tahun": str(dunia.tahun)})
    assert r.status_code == 302
    baru = db.session.query(Skp).filter_by(pegawai_id=dunia.staf1.id, tanggal_mulai=efektif).one()
    assert baru.tanggal_selesai == date(dunia.tahun, 12, 31) and baru.penilai_id == dunia.kabid2.id
    assert [r.uraian for r in baru.rhk] == ["Tersusunnya modul perizinan"]  # what still applies, copied
    assert baru.rhk[0].rhk_atasan_id is None  # the old atasan's RHK: cleared
    baru.rhk[0].rhk_atasan_id = dunia.skp_kabid2.rhk[0].id
    db.session.commit()
    assert pegawai.post(f"/skp/{baru.id}/ajukan").status_code == 302
    lama_atasan = _as(make_browser, dunia.kasi)
    assert lama_atasan.post(f"/skp/{baru.id}/setujui", EKSPEKTASI).status_code == 404
    atasan_baru = _as(make_browser, dunia.kabid2)
    assert atasan_baru.post(f"/skp/{baru.id}/setujui", EKSPEKTASI).status_code == 302
    baru = db.session.get(Skp, baru.id)
    assert baru.status == "Disetujui" and baru.snapshot_penilai["nama"] == "Kepala Bidang Lain"
    assert baru.snapshot_pegawai["unit_kerja"] == "Bidang Lain"


def _skp_baru_disetujui(dunia) -> Skp:
    from kinerja.skp.services import create_skp_lanjutan
    from tests.support.skp_factories import setujui

    akun = db.session.query(Akun).filter_by(pegawai_id=dunia.staf1.id).one()
    baru = create_skp_lanjutan(akun, dunia.tahun).skp
    baru.rhk[0].rhk_atasan_id = dunia.skp_kabid2.rhk[0].id
    setujui(baru)
    db.session.commit()
    return baru


def test_aktivitas_harian_tertaut_ke_skp_yang_aktif_pada_tanggalnya(dunia, factory):
    efektif = _efektif()
    _mutasi(dunia.admin, dunia, efektif)
    akun = factory.akun_of(dunia.staf1)
    baru = _skp_baru_disetujui(dunia)
    lama_ids = {r.id for r in dunia.skp_staf1.rhk}
    assert {c.id for c in rhk_choices(dunia.staf1.id, efektif - timedelta(days=1))} == lama_ids
    assert {c.id for c in rhk_choices(dunia.staf1.id, efektif)} == {r.id for r in baru.rhk}
    with pytest.raises(Exception, match="tidak ada pada SKP"):
        aktivitas_services.create_aktivitas(akun, aktivitas_services.AktivitasData(
            today_local(), time(8), time(9), "Menyusun laporan", "1", "laporan", str(dunia.skp_staf1.rhk[0].id)),
            [], today=today_local())


def test_periode_mengevaluasi_setiap_skp_oleh_penilainya_dan_predikat_dari_yang_terlama(dunia, make_browser):
    efektif = _efektif()
    _mutasi(dunia.admin, dunia, efektif)
    baru = _skp_baru_disetujui(dunia)
    akhir = _periode(dunia, "AKHIR")
    evaluasi_services.open_evaluasi(dunia.admin, akhir.id)
    evs = {ev.skp_id: ev for ev in db.session.query(Evaluasi).filter_by(pegawai_id=dunia.staf1.id, periode_id=akhir.id)}
    assert set(evs) == {dunia.skp_staf1.id, baru.id}
    lama_ev, baru_ev = evs[dunia.skp_staf1.id], evs[baru.id]
    assert (lama_ev.penilai_id, lama_ev.unit_id) == (dunia.kasi.id, dunia.seksi.id)  # the old penilai keeps his part
    assert (baru_ev.penilai_id, baru_ev.unit_id) == (dunia.kabid2.id, dunia.bidang2.id)
    lebih_lama = lama_ev if (efektif - date(dunia.tahun, 1, 1)).days > (date(dunia.tahun, 12, 31) - efektif).days + 1 else baru_ev
    assert [e.penentu_predikat for e in (lama_ev, baru_ev)] == [e is lebih_lama for e in (lama_ev, baru_ev)]
    kasi = _as(make_browser, dunia.kasi)
    halaman = kasi.get(f"/evaluasi/{lama_ev.id}")
    assert halaman.status_code == 200 and "SKP dalam Periode Ini" in halaman.get_data(as_text=True)
    assert "Jadikan penentu predikat" not in halaman.get_data(as_text=True)
    # The admin chooses otherwise: one click, audited.
    lain = baru_ev if lebih_lama is lama_ev else lama_ev
    admin = _as(make_browser, "admin")
    assert "Jadikan penentu predikat" in admin.get(f"/evaluasi/{lama_ev.id}").get_data(as_text=True)
    assert admin.post(f"/mutasi/evaluasi/{lain.id}/penentu").status_code == 303
    db.session.expire_all()
    assert db.session.get(Evaluasi, lain.id).penentu_predikat is True
    assert db.session.get(Evaluasi, lebih_lama.id).penentu_predikat is False
    assert db.session.query(AuditEvent).filter_by(aksi="evaluasi.penentu_predikat").count() == 1
    evaluasi_services.open_evaluasi(dunia.admin, akhir.id)  # reopening keeps the admin's choice
    db.session.expire_all()
    assert db.session.get(Evaluasi, lain.id).penentu_predikat is True


# ------------------------------------------------------------------ §2 Plt / Plh


def _plt(dunia, mulai=None, selesai=None, **kw):
    hari_ini = today_local()
    data = dict(jenis="Plt", pejabat_id=dunia.staf3.id, unit_id=dunia.seksi.id, pegawai_id=None,
                tanggal_mulai=mulai or hari_ini - timedelta(days=3), tanggal_selesai=selesai or hari_ini + timedelta(days=10))
    data.update(kw)
    return services.buat_penugasan(dunia.admin, services.PenugasanData(**data))


def test_plt_menerima_persetujuan_skp_verifikasi_evaluasi_dan_dialog_lalu_mengembalikannya(dunia, factory):
    draf = db.session.get(Skp, dunia.skp_staf1.id)
    draf.status = "Diajukan"
    db.session.commit()
    kasi, plt_akun = factory.akun_of(dunia.kasi), factory.akun_of(dunia.staf3)
    staf1 = db.session.get(Pegawai, dunia.staf1.id)
    assert skp_perm.can_approve(kasi, draf) and not skp_perm.can_approve(plt_akun, draf)
    p = _plt(dunia)
    assert atasan.atasan_efektif_id(staf1) == dunia.staf3.id
    assert skp_perm.can_approve(plt_akun, draf) and not skp_perm.can_approve(kasi, draf)
    assert skp_perm.can_view_skp(plt_akun, dunia.staf1.id)
    # The head of the seksi answers to his own atasan, not to the Plt of his seksi.
    assert atasan.atasan_efektif_id(db.session.get(Pegawai, dunia.kasi.id)) == dunia.kabid.id
    # Verifikasi: the Plt's inbox, not the Kepala Seksi's.
    akun_staf1 = factory.akun_of(dunia.staf1)
    item = aktivitas_services.create_aktivitas(akun_staf1, aktivitas_services.AktivitasData(
        today_local(), time(8), time(9), "Menyusun laporan", "1", "laporan", str(draf.rhk[0].id)), [], today=today_local())
    assert ver_perm.can_verify(dunia.staf3.id, item) and not ver_perm.can_verify(dunia.kasi.id, item)
    assert ver_perm.is_verifikator(dunia.staf3.id)
    ids = {a.id for a in db.session.execute(ver_perm.verifiable_aktivitas_query(dunia.staf3.id, status=None)).scalars()}
    assert item.id in ids
    # Evaluations: the Plt rates what the Kepala Seksi would; the Kepala Bidang decides keberatan as before.
    periode = _periode(dunia, "S1")
    ev = Evaluasi(periode_id=periode.id, pegawai_id=dunia.staf1.id, skp_id=draf.id, penilai_id=dunia.kasi.id,
                  atasan_penilai_id=dunia.kabid.id, unit_id=dunia.seksi.id, kode="kode-plt-uji", riwayat_dokumen=[])
    db.session.add(ev)
    db.session.commit()
    assert ev_perm.is_penilai_of(plt_akun, ev) and not ev_perm.is_penilai_of(kasi, ev)
    assert ev_perm.can_view_evaluasi(plt_akun, ev)
    from kinerja.dialog import permissions as dialog_perm

    assert dialog_perm.can_lead(plt_akun)
    assert db.session.query(AuditEvent).filter_by(aksi="penugasan.buat", objek_id=str(p.id)).count() == 1
    # It ends: duties and the open items (the SKP, the entry, the evaluation) return to the Kepala Seksi.
    services.akhiri_penugasan(dunia.admin, p.id)
    db.session.expire_all()
    draf, item, ev = db.session.get(Skp, draf.id), db.session.get(type(item), item.id), db.session.get(Evaluasi, ev.id)
    assert skp_perm.can_approve(kasi, draf) and not skp_perm.can_approve(plt_akun, draf)
    assert ver_perm.can_verify(dunia.kasi.id, item) and not ver_perm.can_verify(dunia.staf3.id, item)
    assert ev_perm.is_penilai_of(kasi, ev) and not ev_perm.is_penilai_of(plt_akun, ev)
    assert db.session.query(AuditEvent).filter_by(aksi="penugasan.akhiri", objek_id=str(p.id)).count() == 1


def test_plt_menyetujui_skp_dan_tanda_tangannya_tercetak_plt(dunia, make_browser):
    draf = db.session.get(Skp, dunia.skp_staf1.id)
    draf.status = "Diajukan"
    db.session.commit()
    _plt(dunia)
    r = _as(make_browser, dunia.staf3).post(f"/skp/{draf.id}/setujui", EKSPEKTASI)
    assert r.status_code == 302
    draf = db.session.get(Skp, draf.id)
    assert draf.status == "Disetujui" and draf.penilai_id == dunia.staf3.id
    assert draf.snapshot_penilai["nama"] == "Staf Tiga"
    assert draf.snapshot_penilai["jabatan"].startswith("Plt. ")
    cetak = _as(make_browser, dunia.staf1).get(f"/skp/{draf.id}/cetak")
    assert cetak.status_code == 200


def test_penugasan_tumpang_tindih_ditolak_di_halaman(dunia, make_browser):
    _plt(dunia)
    hari_ini = today_local()
    admin = _as(make_browser, "admin")
    r = admin.post("/mutasi/penugasan", {"jenis": "Plh", "pejabat_id": str(dunia.staf2.id), "unit_id": str(dunia.seksi.id),
                                         "tanggal_mulai": hari_ini.isoformat(),
                                         "tanggal_selesai": (hari_ini + timedelta(days=2)).isoformat()})
    assert r.status_code == 422 and "Sudah ada penugasan" in r.get_data(as_text=True)
    assert db.session.query(PenugasanPlt).count() == 1
    halaman = admin.get("/mutasi/penugasan").get_data(as_text=True)
    assert "Staf Tiga" in halaman and "Berjalan" in halaman


def test_plh_untuk_satu_pegawai_tidak_menyentuh_rekannya(dunia, factory):
    _plt(dunia, jenis="Plh", unit_id=None, pegawai_id=dunia.staf1.id, pejabat_id=dunia.kabid.id)
    assert atasan.atasan_efektif_id(db.session.get(Pegawai, dunia.staf1.id)) == dunia.kabid.id
    assert atasan.atasan_efektif_id(db.session.get(Pegawai, dunia.staf2.id)) == dunia.kasi.id


def test_penugasan_hanya_admin_dan_dengan_csrf(dunia, make_browser):
    hari_ini = today_local()
    data = {"jenis": "Plt", "pejabat_id": str(dunia.staf3.id), "unit_id": str(dunia.seksi.id),
            "tanggal_mulai": hari_ini.isoformat(), "tanggal_selesai": hari_ini.isoformat()}
    assert _as(make_browser, dunia.kasi).post("/mutasi/penugasan", data).status_code == 403
    assert _as(make_browser, "admin").post("/mutasi/penugasan", data, csrf=False).status_code in (400, 422)
    assert db.session.query(PenugasanPlt).count() == 0


def test_plt_kepala_bidang_memutus_keberatan_dan_kepala_seksi_tetap_menilai(dunia, factory):
    periode = _periode(dunia, "S1")
    ev = Evaluasi(periode_id=periode.id, pegawai_id=dunia.staf1.id, skp_id=dunia.skp_staf1.id, penilai_id=dunia.kasi.id,
                  atasan_penilai_id=dunia.kabid.id, unit_id=dunia.seksi.id, kode="kode-plt-kabid", riwayat_dokumen=[])
    db.session.add(ev)
    db.session.commit()
    _plt(dunia, unit_id=dunia.bidang.id, pejabat_id=dunia.kabid2.id, jenis="Plh")
    kabid, plh, kasi = (factory.akun_of(p) for p in (dunia.kabid, dunia.kabid2, dunia.kasi))
    assert ev_perm.can_decide_keberatan(plh, ev) and not ev_perm.can_decide_keberatan(kabid, ev)
    assert ev_perm.is_penilai_of(kasi, ev) and not ev_perm.is_penilai_of(plh, ev)
    from kinerja.evaluasi.queries import list_keberatan_untuk_diputus

    ev.status = "Keberatan Dijelaskan"
    db.session.commit()
    assert [e.id for e in list_keberatan_untuk_diputus(plh)] == [ev.id]
    assert list_keberatan_untuk_diputus(kabid) == []


def test_daftar_penugasan_menunjukkan_hari_kerja_terakhir_bila_berakhir_di_hari_libur(dunia, make_browser):
    from kinerja.models import HariLibur

    db.session.add(HariLibur(tanggal=date(2026, 8, 17), nama="Hari Kemerdekaan", jenis="Libur Nasional"))
    db.session.commit()
    _plt(dunia, mulai=date(2026, 8, 3), selesai=date(2026, 8, 17))  # ends on a holiday (Monday)
    _plt(dunia, mulai=date(2026, 9, 1), selesai=date(2026, 9, 4), unit_id=dunia.bidang2.id)  # ends on a Friday
    halaman = " ".join(_as(make_browser, "admin").get("/mutasi/penugasan").get_data(as_text=True).split())
    assert "hari kerja terakhir Jumat, 14 Agustus 2026" in halaman
    assert "tugas kembali Selasa, 18 Agustus 2026" in halaman
    assert halaman.count("hari kerja terakhir") == 1  # a penugasan ending on a working day needs no note


def test_mutasi_berlaku_surut_memindahkan_aktivitas_sejak_tanggal_berlaku_ke_skp_baru(dunia, make_browser):
    """A backdated mutasi: the entries logged on/after the effective date against the old SKP's RHK move to
    the same RHK copied into the new SKP when the pegawai starts it (rencana aksi of the old RHK cleared)."""
    from kinerja.models import Aktivitas
    from tests.support.evaluasi import buat_aktivitas

    efektif = _efektif()
    lama_rhk = dunia.skp_staf1.rhk[0]
    sebelum = buat_aktivitas(dunia.staf1, lama_rhk, efektif - timedelta(days=1), uraian="Sebelum mutasi")
    pada = buat_aktivitas(dunia.staf1, lama_rhk, efektif, uraian="Pada hari mutasi")
    kini = buat_aktivitas(dunia.staf1, lama_rhk, today_local(), status="Diajukan", uraian="Hari ini")
    db.session.commit()
    _mutasi(dunia.admin, dunia, efektif)
    r = _as(make_browser, dunia.staf1).post("/skp/lanjutan", {"tahun": str(dunia.tahun)}, follow_redirects=True)
    assert "2 aktivitas sejak" in " ".join(r.get_data(as_text=True).split())
    baru = db.session.query(Skp).filter_by(pegawai_id=dunia.staf1.id, tanggal_mulai=efektif).one()
    db.session.expire_all()
    rhk_baru = baru.rhk[0]
    assert rhk_baru.uraian == lama_rhk.uraian and rhk_baru.id != lama_rhk.id
    assert db.session.get(Aktivitas, sebelum.id).rhk_id == lama_rhk.id
    assert db.session.get(Aktivitas, pada.id).rhk_id == rhk_baru.id
    assert db.session.get(Aktivitas, kini.id).rhk_id == rhk_baru.id
    assert db.session.get(Aktivitas, kini.id).status == "Diajukan"
    event = db.session.query(AuditEvent).filter_by(aksi="skp.lanjutan").one()
    assert json.loads(event.sesudah)["aktivitas_dipindah"] == 2
