"""Test data for evaluasi: approved SKPs, periods and daily entries built directly through the models."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

from kinerja.evaluasi import services
from kinerja.extensions import db
from kinerja.models import Aktivitas, Evaluasi, Iki, PerilakuSkp, Periode, Rhk, Skp, SkpVersi, TahunKinerja
from kinerja.waktu import today_local
from tests.support.factories import PASSWORD

S, A, B = "Sesuai Ekspektasi", "Di Atas Ekspektasi", "Di Bawah Ekspektasi"


def buat_periode(tahun: int | None = None, kode: str = "S1", batas: date | None = None) -> Periode:
    tahun = tahun or today_local().year
    tk = db.session.query(TahunKinerja).filter_by(tahun=tahun).one_or_none()
    if tk is None:
        tk = TahunKinerja(tahun=tahun, pola="semesteran", aktif=True)
        db.session.add(tk)
        db.session.flush()
    spec = {
        "S1": ("Semester I", "semester", date(tahun, 1, 1), date(tahun, 6, 30), 1),
        "S2": ("Semester II", "semester", date(tahun, 7, 1), date(tahun, 12, 31), 2),
        "AKHIR": ("Akhir", "akhir", date(tahun, 1, 1), date(tahun, 12, 31), 3),
    }[kode]
    periode = Periode(tahun_kinerja_id=tk.id, kode=kode, nama=spec[0], jenis=spec[1], tanggal_mulai=spec[2],
                      tanggal_selesai=spec[3], batas_pengisian=batas or (today_local() + timedelta(days=30)),
                      urutan=spec[4])
    db.session.add(periode)
    db.session.flush()
    return periode


def buat_skp(pegawai, tahun: int | None = None, approved: bool = True) -> Skp:
    tahun = tahun or today_local().year
    skp = Skp(pegawai_id=pegawai.id, tahun=tahun, status="Disetujui" if approved else "Draft",
              versi=1 if approved else 0, penilai_id=pegawai.atasan_id,
              dukungan_sumber_daya=[], skema_pertanggungjawaban=[], konsekuensi=[])
    db.session.add(skp)
    db.session.flush()
    utama = Rhk(skp_id=skp.id, jenis="Utama", uraian=f"Tersusunnya laporan layanan {pegawai.nama}", urutan=1,
                intervensi_teks="Meningkatnya kualitas layanan publik")
    tambahan = Rhk(skp_id=skp.id, jenis="Tambahan", uraian="Terlaksananya pendampingan magang", urutan=2,
                   intervensi_teks="Meningkatnya kapasitas SDM")
    db.session.add_all([utama, tambahan])
    db.session.flush()
    db.session.add_all([
        Iki(rhk_id=utama.id, aspek="Kuantitas", indikator="Jumlah laporan layanan", target_teks="12 laporan",
            target_angka=Decimal("12"), satuan="laporan", urutan=1),
        Iki(rhk_id=utama.id, aspek="Kualitas", indikator="Laporan diterima tanpa revisi", target_teks="90%", urutan=2),
        Iki(rhk_id=tambahan.id, aspek="Waktu", indikator="Pendampingan tepat waktu", target_teks="6 bulan", urutan=1),
    ])
    for nomor in range(1, 8):
        db.session.add(PerilakuSkp(skp_id=skp.id, nomor=nomor, ekspektasi=f"Ekspektasi khusus nomor {nomor}"))
    db.session.flush()
    db.session.refresh(skp)
    if approved:  # the approved version, stored as approve_skp stores it
        from kinerja.skp.queries import isi_skp
        from kinerja.waktu import utcnow

        db.session.add(SkpVersi(skp_id=skp.id, versi=1, disetujui_at=utcnow(), isi=isi_skp(skp)))
        db.session.flush()
    return skp


def buat_aktivitas(pegawai, rhk, tanggal: date, menit: int = 120, status: str = "Disetujui",
                   uraian: str = "Menyusun laporan") -> Aktivitas:
    mulai = time(8, 0)
    selesai = time(8 + menit // 60, menit % 60)
    item = Aktivitas(pegawai_id=pegawai.id, tanggal=tanggal, jam_mulai=mulai, jam_selesai=selesai, durasi_menit=menit,
                     uraian=uraian, volume=Decimal("1"), satuan="laporan", rhk_id=rhk.id, status=status)
    db.session.add(item)
    db.session.flush()
    return item


def evaluasi_of(pegawai, periode) -> Evaluasi:
    return db.session.query(Evaluasi).filter_by(pegawai_id=pegawai.id, periode_id=periode.id).one()


def isi_realisasi(factory, ev: Evaluasi, ajukan: bool = True) -> None:
    akun = factory.akun_of(ev.pegawai)
    entries = [services.RealisasiInput(rhk_id=r.rhk_id, realisasi=f"Tercapai untuk {r.uraian}",
                                       realisasi_angka=Decimal("12") if r.jenis == "Utama" else None)
               for r in ev.rhk_snapshot]
    services.save_realisasi(akun, ev.id, entries)
    if ajukan:
        services.submit_realisasi(akun, ev.id)


def nilai(factory, ev: Evaluasi, hasil: str = S, perilaku: str = A, finalisasi: bool = True) -> None:
    akun = factory.akun_of(ev.penilai)
    data = services.PenilaianInput(
        rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku,
        umpan_balik_rhk={r.rhk_id: "Hasil baik, pertahankan." for r in ev.rhk_snapshot},
        umpan_balik_perilaku={n: "Perilaku sesuai ekspektasi." for n in range(1, 8)},
        catatan_rekomendasi="Ikuti pelatihan analisis data.",
    )
    services.save_penilaian(akun, ev.id, data)
    if finalisasi:
        services.finalize_evaluasi(akun, ev.id)


def tanda_tangani(factory, ev: Evaluasi) -> None:
    services.sign_evaluasi(factory.akun_of(ev.pegawai), ev.id, PASSWORD, "http://kinerja.test/")
    services.sign_evaluasi(factory.akun_of(ev.penilai), ev.id, PASSWORD, "http://kinerja.test/")


def buat_skenario(factory, org):
    """org + Semester I of this year, approved SKPs for everybody below kadis, evaluations opened."""
    periode = buat_periode()
    skps = {name: buat_skp(getattr(org, name)) for name in ("kabid", "kasi", "staf1", "staf2", "kabid2", "staf3")}
    buat_skp(org.kadis, approved=False)  # not approved: no evaluation
    services.open_evaluasi(org.admin, periode.id)
    evs = {name: evaluasi_of(getattr(org, name), periode) for name in skps}
    return SimpleNamespace(org=org, periode=periode, skp=skps, ev=evs, akun=factory.akun_of)


def tetapkan_capaian(org, unit, periode_id: int, capaian: str = "Baik"):
    """Set ``unit``'s capaian the way the rules want it (issue #10 §2): the dinas by the admin on
    behalf of its external penilai, a bidang by the kepala dinas, a seksi by its kepala bidang."""
    from kinerja.models import Akun

    def akun(p):
        return db.session.query(Akun).filter_by(pegawai_id=p.id).one()

    if unit.id == org.root.id:
        actor = org.admin
    elif unit.id == org.seksi.id:
        actor = akun(org.kabid)
    else:
        actor = akun(org.kadis)
    return services.set_capaian_organisasi(actor, unit.id, periode_id, capaian)
