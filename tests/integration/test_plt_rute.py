"""Issue #11 §2, the pages that list or act on subordinates: while a Plt/Plh runs, the acting official
(staf3, Plt Kepala Seksi Uji) sees and does what the Kepala Seksi would — the Kepatuhan grid, SKP Tim,
the LKH list, the development plans, the unit pages and the capaian — and the Kepala Seksi does not;
the day after it ends everything is back with the Kepala Seksi."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kinerja.extensions import db
from kinerja.models import Evaluasi, KegiatanPengembangan, PenugasanPlt, RencanaPengembangan
from kinerja.waktu import today_local
from tests.integration.test_mutasi import _as, _periode, _plt, dunia  # noqa: F401  (fixture)


def _akhir_kemarin(p):
    """The penugasan ended yesterday: the duties are back today."""
    row = db.session.get(PenugasanPlt, p.id)
    row.tanggal_mulai = min(row.tanggal_mulai, today_local() - timedelta(days=5))
    row.tanggal_selesai = today_local() - timedelta(days=1)
    db.session.commit()


def _nama_baris(html: str) -> set[str]:
    return {n for n in ("Staf Satu", "Staf Dua") if n in html}


def _baris_skp(html: str) -> set[str]:
    """The rows of SKP Tim's list (not the matriks peran's column headers)."""
    return {n for n in ("Staf Satu", "Staf Dua") if f"<td>{n}<br>" in html}


def test_plt_melihat_kepatuhan_staf_seksi_dan_kepala_seksi_tidak_lalu_kembali(dunia, make_browser):  # noqa: F811
    p = _plt(dunia)
    plt, kasi = _as(make_browser, dunia.staf3), _as(make_browser, dunia.kasi)
    r = plt.get("/verifikasi/kepatuhan")
    assert r.status_code == 200 and _nama_baris(r.get_data(as_text=True)) == {"Staf Satu", "Staf Dua"}
    assert _nama_baris(kasi.get("/verifikasi/kepatuhan").get_data(as_text=True)) == set()
    # The Kepala Bidang above still sees the seksi through the Kepala Seksi (the whole tree).
    kabid = _as(make_browser, dunia.kabid).get("/verifikasi/kepatuhan?semua=1").get_data(as_text=True)
    assert _nama_baris(kabid) == {"Staf Satu", "Staf Dua"}
    _akhir_kemarin(p)
    assert _nama_baris(plt.get("/verifikasi/kepatuhan").get_data(as_text=True)) == set()
    assert _nama_baris(kasi.get("/verifikasi/kepatuhan").get_data(as_text=True)) == {"Staf Satu", "Staf Dua"}


def test_plt_melihat_skp_tim_seksi_dan_kepala_seksi_tidak_lalu_kembali(dunia, make_browser):  # noqa: F811
    p = _plt(dunia)
    plt, kasi = _as(make_browser, dunia.staf3), _as(make_browser, dunia.kasi)
    r = plt.get("/skp/tim")
    assert r.status_code == 200 and _baris_skp(r.get_data(as_text=True)) == {"Staf Satu", "Staf Dua"}
    assert _baris_skp(plt.get("/skp/tim?semua=1").get_data(as_text=True)) == {"Staf Satu", "Staf Dua"}
    assert _baris_skp(kasi.get("/skp/tim").get_data(as_text=True)) == set()
    _akhir_kemarin(p)
    assert _baris_skp(plt.get("/skp/tim").get_data(as_text=True)) == set()
    assert _baris_skp(kasi.get("/skp/tim").get_data(as_text=True)) == {"Staf Satu", "Staf Dua"}


def test_plt_daftar_lkh_dan_lkh_tim_seksi_lalu_kembali(dunia, make_browser):  # noqa: F811
    p = _plt(dunia)
    plt = _as(make_browser, dunia.staf3)
    assert _nama_baris(plt.get("/laporan/").get_data(as_text=True)) == {"Staf Satu", "Staf Dua"}
    hari_ini = today_local()
    assert plt.get(f"/laporan/tim/{hari_ini.year}/{hari_ini.month}.xlsx").status_code == 200
    assert plt.get(f"/laporan/lkh/{dunia.staf1.id}/{hari_ini.year}/{hari_ini.month}.xlsx").status_code == 200
    _akhir_kemarin(p)
    assert _nama_baris(plt.get("/laporan/").get_data(as_text=True)) == set()
    assert plt.get(f"/laporan/tim/{hari_ini.year}/{hari_ini.month}.xlsx").status_code == 403
    assert plt.get(f"/laporan/lkh/{dunia.staf1.id}/{hari_ini.year}/{hari_ini.month}.xlsx").status_code == 404


def _kegiatan_menunggu(org):
    periode = _periode(org, "S1")
    ev = Evaluasi(periode_id=periode.id, pegawai_id=org.staf1.id, skp_id=org.skp_staf1.id, penilai_id=org.kasi.id,
                  atasan_penilai_id=org.kabid.id, unit_id=org.seksi.id, kode="kode-plt-pengembangan",
                  riwayat_dokumen=[])
    db.session.add(ev)
    db.session.flush()
    rencana = RencanaPengembangan(evaluasi_id=ev.id, pegawai_id=org.staf1.id, penilai_id=org.kasi.id,
                                  kode="rencana-plt-uji", kompetensi=[])
    db.session.add(rencana)
    db.session.flush()
    item = KegiatanPengembangan(rencana_id=rencana.id, pegawai_id=org.staf1.id, uraian="Pelatihan analisis data",
                                kesenjangan="Analisis data", jp=8, jenis="Pelatihan", target_tanggal=today_local(), status="Menunggu Konfirmasi",
                                tanggal_selesai=today_local())
    db.session.add(item)
    db.session.commit()
    return ev, item


def test_plt_mengonfirmasi_kegiatan_pengembangan_staf_seksi_dan_kepala_seksi_tidak(dunia, make_browser,  # noqa: F811
                                                                                     factory):
    from kinerja.pengembangan import queries

    _ev, item = _kegiatan_menunggu(dunia)
    p = _plt(dunia)
    plt, kasi = _as(make_browser, dunia.staf3), _as(make_browser, dunia.kasi)
    # Without CSRF: refused before anything changes.
    assert plt.post(f"/pengembangan/kegiatan/{item.id}/konfirmasi", {"keputusan": "setuju"}, csrf=False).status_code == 400
    assert kasi.post(f"/pengembangan/kegiatan/{item.id}/konfirmasi", {"keputusan": "setuju"}).status_code == 403
    akun_plt, akun_kasi = factory.akun_of(dunia.staf3), factory.akun_of(dunia.kasi)
    assert [k.id for k in queries.menunggu_konfirmasi(akun_plt)] == [item.id]
    assert queries.menunggu_konfirmasi(akun_kasi) == []
    _akhir_kemarin(p)
    assert plt.post(f"/pengembangan/kegiatan/{item.id}/konfirmasi", {"keputusan": "setuju"}).status_code == 404
    assert [k.id for k in queries.menunggu_konfirmasi(akun_kasi)] == [item.id]
    r = kasi.post(f"/pengembangan/kegiatan/{item.id}/konfirmasi", {"keputusan": "setuju"})
    assert r.status_code == 302
    assert db.session.get(KegiatanPengembangan, item.id).status == "Selesai"


def test_plt_kepala_bidang_menetapkan_capaian_seksi_dan_melihat_halaman_unit(dunia, make_browser, factory):  # noqa: F811
    from kinerja.evaluasi import permissions as ev_perm

    seksi = dunia.seksi
    kabid, plt = factory.akun_of(dunia.kabid), factory.akun_of(dunia.kabid2)
    assert ev_perm.can_set_capaian(kabid, seksi) and not ev_perm.can_set_capaian(plt, seksi)
    p = _plt(dunia, unit_id=dunia.bidang.id, pejabat_id=dunia.kabid2.id)
    periode = _periode(dunia, "S1")
    assert ev_perm.can_set_capaian(plt, seksi) and not ev_perm.can_set_capaian(kabid, seksi)
    assert ev_perm.can_view_unit(plt, dunia.bidang, periode.id)
    b = _as(make_browser, dunia.kabid2)
    assert b.get(f"/evaluasi/unit/{seksi.id}?periode={periode.id}").status_code == 200
    from kinerja.evaluasi.services import set_capaian_organisasi

    item = set_capaian_organisasi(plt, seksi.id, periode.id, "Baik")
    assert item.penetap["jabatan"].startswith("Plt. ") and item.penetap["penugasan"] == "Plt"
    _akhir_kemarin(p)
    assert ev_perm.can_set_capaian(kabid, seksi) and not ev_perm.can_set_capaian(plt, seksi)
    assert not ev_perm.can_view_unit(plt, dunia.bidang, periode.id)


@pytest.mark.parametrize("semua", ["", "?semua=1"])
def test_kepatuhan_dan_skp_tim_plt_jumlah_kueri_tetap(dunia, make_browser, factory, count_queries, semua):  # noqa: F811
    _plt(dunia)
    b = _as(make_browser, dunia.staf3)
    for url in ("/verifikasi/kepatuhan", "/skp/tim"):
        b.get(url + semua)
        with count_queries() as few:
            assert b.get(url + semua).status_code == 200
        for i in range(4):
            factory.pegawai(f"Staf Tambahan {i}", atasan=dunia.kasi, unit=dunia.seksi)
        db.session.commit()
        with count_queries() as many:
            html = b.get(url + semua).get_data(as_text=True)
        assert "Staf Tambahan 3" in html
        assert many.count == few.count, url


@pytest.mark.parametrize("siapa", ["staf3", "kasi", "staf1", "kabid", "kadis"])
def test_beranda_selama_plt_dalam_batas_dan_plt_melihat_staf_seksi(dunia, make_browser, factory, count_queries,  # noqa: F811
                                                                     siapa):
    from tests.integration.test_beranda_kueri import BATAS_BERANDA

    _plt(dunia)
    b = _as(make_browser, getattr(dunia, siapa))
    b.get("/")
    with count_queries() as q:
        html = b.get("/").get_data(as_text=True)
    if siapa == "staf3":  # the Plt: the seksi's staff on his Beranda, and he may schedule their dialog
        assert _nama_baris(html) == {"Staf Satu", "Staf Dua"} and "Jadwalkan Dialog" in html
    if siapa == "kasi":
        assert _nama_baris(html) == set()
    for i in range(4):
        factory.pegawai(f"Staf Tambahan {i}", atasan=dunia.kasi, unit=dunia.seksi)
    db.session.commit()
    with count_queries() as banyak:
        b.get("/")
    assert banyak.count == q.count <= BATAS_BERANDA


def test_plt_memutus_pengajuan_cuti_staf_seksi_dan_kepala_seksi_tidak(dunia, make_browser):  # noqa: F811
    from kinerja.models import Ketidakhadiran

    p = _plt(dunia)
    mulai = today_local() + timedelta(days=20)
    staf = _as(make_browser, dunia.staf1)
    staf.post("/ketidakhadiran/ajukan", {"jenis": "Cuti", "tanggal_mulai": mulai.isoformat(),
                                         "tanggal_selesai": (mulai + timedelta(days=1)).isoformat(),
                                         "keterangan": "Cuti tahunan"})
    k = db.session.query(Ketidakhadiran).one()
    plt, kasi = _as(make_browser, dunia.staf3), _as(make_browser, dunia.kasi)
    assert "Staf Satu" in plt.get("/ketidakhadiran/").get_data(as_text=True)
    assert kasi.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "setujui"}).status_code == 403
    assert plt.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "setujui"}, csrf=False).status_code == 400
    _akhir_kemarin(p)
    assert plt.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "setujui"}).status_code == 404
    p2 = _plt(dunia, mulai=today_local(), selesai=today_local() + timedelta(days=3))
    assert plt.post(f"/ketidakhadiran/{k.id}/putuskan", {"keputusan": "setujui"}).status_code == 302
    assert db.session.get(Ketidakhadiran, k.id).status == "Disetujui" and p2.id != p.id


def test_pemberitahuan_pengajuan_ke_plt_selama_berjalan(dunia, factory):  # noqa: F811
    from datetime import time

    from kinerja.aktivitas import services as aktivitas_services
    from kinerja.models import Notifikasi

    _plt(dunia)
    akun = factory.akun_of(dunia.staf1)
    item = aktivitas_services.create_aktivitas(akun, aktivitas_services.AktivitasData(
        today_local(), time(8), time(9), "Menyusun laporan data", "1", "laporan", str(dunia.skp_staf1.rhk[0].id)),
        [], today=today_local())
    aktivitas_services.submit_aktivitas(akun, [item.id], today=today_local())
    penerima = {n.penerima_id for n in db.session.query(Notifikasi).filter(Notifikasi.jenis == "aktivitas.diajukan")}
    assert factory.akun_of(dunia.staf3).id in penerima and factory.akun_of(dunia.kasi).id not in penerima


def test_matriks_peran_mengikuti_tautan_rhk_bukan_penugasan(dunia, factory):  # noqa: F811
    """The matriks peran hasil shows whose RHK intervene mine: the Kepala Seksi keeps his staff's
    columns while a Plt acts for him; the Plt's own matriks does not gain them."""
    from kinerja.skp.tim import halaman_tim

    _plt(dunia)
    kasi = halaman_tim(factory.akun_of(dunia.kasi), dunia.tahun)
    assert [p.nama for p in kasi.kolom] == ["Staf Dua", "Staf Satu"]
    assert kasi.baris == []  # the SKP list: the Plt's now
    assert [b.jumlah for b in kasi.matriks] == [1]  # Staf Satu's RHK intervenes his
    plt = halaman_tim(factory.akun_of(dunia.staf3), dunia.tahun)
    assert {b.pegawai.nama for b in plt.baris} == {"Staf Satu", "Staf Dua"}
    assert "Staf Satu" not in [p.nama for p in plt.kolom]


def test_plt_mengundang_staf_seksi_sebagai_bawahan_langsung_ke_dialog(dunia, factory):  # noqa: F811
    from kinerja.dialog.services import subordinate_choices

    _plt(dunia)
    pilihan = {p.nama: p.langsung for p in subordinate_choices(factory.akun_of(dunia.staf3))}
    assert pilihan == {"Staf Satu": True, "Staf Dua": True}


def test_pemberitahuan_evaluasi_ke_plt_yang_menilai(dunia, factory):  # noqa: F811
    from kinerja.evaluasi import services as evaluasi_services
    from kinerja.models import Notifikasi

    periode = _periode(dunia, "S1")
    ev = Evaluasi(periode_id=periode.id, pegawai_id=dunia.staf1.id, skp_id=dunia.skp_staf1.id, penilai_id=dunia.kasi.id,
                  atasan_penilai_id=dunia.kabid.id, unit_id=dunia.seksi.id, kode="kode-plt-notif", riwayat_dokumen=[])
    db.session.add(ev)
    db.session.commit()
    _plt(dunia)
    evaluasi_services._notify_penilai(ev, "Staf Satu mengajukan realisasi. Silakan nilai.")
    db.session.commit()
    penerima = {n.penerima_id for n in db.session.query(Notifikasi).filter(Notifikasi.jenis == "evaluasi")}
    assert penerima == {factory.akun_of(dunia.staf3).id}


def test_plt_membuka_dasbor_seksi_dan_kepala_seksi_tidak_lalu_kembali(dunia, make_browser):  # noqa: F811
    seksi = dunia.seksi.id
    plt, kasi = _as(make_browser, dunia.staf3), _as(make_browser, dunia.kasi)
    assert plt.get("/dasbor").status_code == 403  # no team of his own on record
    p = _plt(dunia)
    assert plt.get("/dasbor").headers["Location"].endswith(f"/dasbor/unit/{seksi}")
    daftar = plt.get(f"/dasbor/unit/{seksi}/daftar/kepatuhan")
    assert daftar.status_code == 200 and _nama_baris(daftar.get_data(as_text=True)) == {"Staf Satu", "Staf Dua"}
    assert plt.get(f"/dasbor/unit/{dunia.bidang2.id}").status_code == 404
    assert 'href="/dasbor"' not in kasi.get("/").get_data(as_text=True)
    assert kasi.get("/dasbor").status_code == 403 and kasi.get(f"/dasbor/unit/{seksi}").status_code == 403
    _akhir_kemarin(p)
    assert plt.get("/dasbor").status_code == 403 and plt.get(f"/dasbor/unit/{seksi}").status_code == 403
    assert kasi.get("/dasbor").headers["Location"].endswith(f"/dasbor/unit/{seksi}")
    kembali = kasi.get(f"/dasbor/unit/{seksi}/daftar/kepatuhan").get_data(as_text=True)
    assert _nama_baris(kembali) == {"Staf Satu", "Staf Dua"}


def test_plh_atasan_satu_pegawai_dasbor_timnya_hanya_pegawai_itu(dunia, make_browser):  # noqa: F811
    """A Plh as atasan of one pegawai (not of a unit): his dasbor is that team, not the unit."""
    p = _plt(dunia, jenis="Plh", pejabat_id=dunia.staf2.id, unit_id=None, pegawai_id=dunia.staf1.id)
    b = _as(make_browser, dunia.staf2)
    assert b.get("/dasbor").headers["Location"].endswith(f"/dasbor/unit/{dunia.seksi.id}")
    daftar = b.get(f"/dasbor/unit/{dunia.seksi.id}/daftar/kepatuhan").get_data(as_text=True)
    assert "Staf Satu" in daftar and "Kepala Seksi Uji" not in daftar
    _akhir_kemarin(p)
    assert b.get("/dasbor").status_code == 403


def test_pengingat_verifikasi_tertunda_ke_plt_selama_berjalan(dunia):  # noqa: F811
    from datetime import UTC, datetime

    from kinerja.notifikasi import pengingat
    from tests.support.evaluasi import buat_aktivitas

    hari = today_local()
    lama = buat_aktivitas(dunia.staf1, dunia.skp_staf1.rhk[0], hari - timedelta(days=14), status="Diajukan")
    lama.diajukan_at = datetime.now(UTC) - timedelta(days=14)
    db.session.commit()

    def penerima():
        return {r.nama for r in pengingat.kumpulkan(hari).pengingat if r.jenis == "verifikasi"}

    assert penerima() == {"Kepala Seksi Uji"}
    p = _plt(dunia)
    assert penerima() == {"Staf Tiga"}
    _akhir_kemarin(p)
    assert penerima() == {"Kepala Seksi Uji"}


def test_plt_pimpinan_unit_melihat_rekap_dialog_selama_berjalan(dunia, make_browser, factory):  # noqa: F811
    from kinerja.dialog.permissions import can_see_rekap
    from kinerja.dialog.queries import rekap_pimpinan

    b = _as(make_browser, dunia.staf3)
    assert b.get("/dialog/rekap").status_code == 403
    p = _plt(dunia)
    assert can_see_rekap(factory.akun_of(dunia.staf3))
    assert b.get("/dialog/rekap").status_code == 200
    baris = {r.pimpinan.nama: r.bawahan_langsung for r in rekap_pimpinan(factory.akun_of(dunia.staf3)).baris}
    assert baris == {"Staf Tiga": 2}  # the seksi's staff are his direct subordinates while it runs
    # The Kepala Seksi (holder) still sees his rekap; his direct subordinates went to the Plt.
    assert {r.pimpinan.nama: r.bawahan_langsung for r in rekap_pimpinan(factory.akun_of(dunia.kasi)).baris} == {
        "Kepala Seksi Uji": 0}
    _akhir_kemarin(p)
    assert b.get("/dialog/rekap").status_code == 403
    assert {r.pimpinan.nama: r.bawahan_langsung for r in rekap_pimpinan(factory.akun_of(dunia.kasi)).baris} == {
        "Kepala Seksi Uji": 2}
    assert not can_see_rekap(factory.akun_of(dunia.staf3))


def test_kepala_bidang_plt_bidang_lain_membuka_kedua_dasbor(dunia, make_browser):  # noqa: F811
    """A unit head acting as Plt of another unit keeps his own unit's dasbor and gains the other."""
    p = _plt(dunia, unit_id=dunia.bidang.id, pejabat_id=dunia.kabid2.id)
    b = _as(make_browser, dunia.kabid2)
    assert b.get("/dasbor").status_code == 200  # both units: the list of roots
    for unit in (dunia.bidang2, dunia.bidang, dunia.seksi):
        assert b.get(f"/dasbor/unit/{unit.id}").status_code == 200
    assert b.get(f"/dasbor/unit/{dunia.root.id}").status_code == 404
    assert _as(make_browser, dunia.kabid).get(f"/dasbor/unit/{dunia.bidang.id}").status_code == 403
    _akhir_kemarin(p)
    assert b.get("/dasbor").headers["Location"].endswith(f"/dasbor/unit/{dunia.bidang2.id}")
    assert b.get(f"/dasbor/unit/{dunia.bidang.id}").status_code == 404
