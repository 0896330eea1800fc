"""Demo pengembangan: the README pegawai (Andi Pratama) also has last year's signed annual (Akhir)
evaluation; on it a rencana pengembangan kompetensi agreed by
him and his penilai, one activity done and confirmed, and his umpan balik bimbingan kinerja (B.1.8).
Idempotent."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import select

from kinerja.dokumen.identitas import snapshot
from kinerja.extensions import db
from kinerja.models import (
    Akun,
    CapaianOrganisasi,
    Evaluasi,
    Iki,
    Pegawai,
    PerilakuSkp,
    Periode,
    RealisasiRhk,
    RencanaPengembangan,
    Rhk,
    Skp,
    TahunKinerja,
    UmpanBalikPerilaku,
    UnitKerja,
)
from kinerja.pengembangan import rules, services
from kinerja.waktu import today_local

ANDI = "199203112019031007"
BUKTI = b"%PDF-1.4\n% sertifikat pelatihan demo\n%%EOF\n"


def _evaluasi_tahun_lalu(andi: Pegawai, ttd: date) -> Evaluasi:
    tahun = ttd.year - 1
    tk = db.session.execute(select(TahunKinerja).where(TahunKinerja.tahun == tahun)).scalar_one_or_none()
    if tk is None:
        tk = TahunKinerja(tahun=tahun, pola="semesteran", aktif=False)
        db.session.add(tk)
        db.session.flush()
    periode = db.session.execute(select(Periode).where(Periode.tahun_kinerja_id == tk.id, Periode.kode == "AKHIR")
                                 ).scalar_one_or_none()
    if periode is None:
        periode = Periode(tahun_kinerja_id=tk.id, kode="AKHIR", nama="Akhir", jenis="akhir",
                          tanggal_mulai=date(tahun, 1, 1), tanggal_selesai=date(tahun, 12, 31),
                          batas_pengisian=date(tahun + 1, 1, 10), urutan=3)
        db.session.add(periode)
    penilai = andi.atasan
    disetujui = datetime.combine(date(tahun, 1, 20), time(2, 0), tzinfo=UTC)
    skp = Skp(pegawai_id=andi.id, tahun=tahun, status="Disetujui", versi=1, penilai_id=penilai.id,
              atasan_penilai_id=penilai.atasan_id, disetujui_at=disetujui, snapshot_pegawai=snapshot(andi),
              snapshot_penilai=snapshot(penilai), snapshot_atasan_penilai=snapshot(penilai.atasan),
              dukungan_sumber_daya=[], skema_pertanggungjawaban=[], konsekuensi=[])
    db.session.add(skp)
    db.session.flush()
    rhk = Rhk(skp_id=skp.id, jenis="Utama", urutan=1, uraian="Terbangunnya modul layanan aplikasi perizinan daring",
              intervensi_teks="Meningkatnya kualitas aplikasi layanan publik")
    db.session.add(rhk)
    db.session.flush()
    db.session.add(Iki(rhk_id=rhk.id, aspek="Kuantitas", indikator="Jumlah modul aplikasi yang dirilis",
                       target_teks="4 modul", target_angka=Decimal("4"), satuan="modul", urutan=1))
    db.session.add_all([PerilakuSkp(skp_id=skp.id, nomor=n, ekspektasi=None) for n in range(1, 8)])
    ditandatangani = datetime.combine(ttd, time(3, 0), tzinfo=UTC)
    ev = Evaluasi(periode_id=periode.id, pegawai_id=andi.id, skp_id=skp.id, penilai_id=penilai.id,
                  atasan_penilai_id=penilai.atasan_id, unit_id=andi.unit_id, kepala_unit=False, status="Selesai",
                  kode=secrets.token_urlsafe(12), riwayat_dokumen=[], rating_hasil_kerja="Sesuai Ekspektasi",
                  rating_perilaku_kerja="Sesuai Ekspektasi", predikat="Baik", capaian_organisasi="Baik",
                  catatan_rekomendasi="Perdalam keamanan aplikasi web dan pengujian otomatis.",
                  realisasi_diajukan_at=ditandatangani - timedelta(days=10), dinilai_at=ditandatangani - timedelta(days=5),
                  final_at=ditandatangani - timedelta(days=3), snapshot_pegawai=snapshot(andi),
                  snapshot_penilai=snapshot(penilai), snapshot_atasan_penilai=snapshot(penilai.atasan),
                  ttd_pegawai_at=ditandatangani - timedelta(days=1), ttd_penilai_at=ditandatangani,
                  tanggal_diterima=ttd)
    db.session.add(ev)
    db.session.flush()
    db.session.add(RealisasiRhk(evaluasi_id=ev.id, rhk_id=rhk.id, realisasi="4 modul dirilis sesuai jadwal",
                                realisasi_angka=Decimal("4"), tautan=[], umpan_balik="Hasil sesuai target."))
    db.session.add_all([UmpanBalikPerilaku(evaluasi_id=ev.id, nomor=n, umpan_balik=teks) for n, teks in enumerate((
        "Tanggap terhadap keluhan pengguna aplikasi.", "Melaporkan pekerjaan tepat waktu.",
        "Perlu memperdalam keamanan aplikasi web.", "Bekerja baik dengan tim.", "Menjaga kerahasiaan data.",
        "Cepat mempelajari kerangka kerja baru.", "Aktif berbagi pengetahuan dengan rekan."), start=1)])
    akar = db.session.execute(select(UnitKerja.id).where(UnitKerja.induk_id.is_(None)).order_by(UnitKerja.id)).scalar()
    if akar is not None:
        db.session.add(CapaianOrganisasi(unit_id=akar, periode_id=periode.id, capaian="Baik"))
    db.session.commit()
    return ev


def load(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    andi = db.session.execute(select(Pegawai).where(Pegawai.nip == ANDI)).scalar_one_or_none()
    if andi is None or andi.atasan is None:
        result.lines.append("Rencana pengembangan demo dilewati: pegawai README tidak ditemukan.")
        return
    if db.session.execute(select(RencanaPengembangan.id).where(RencanaPengembangan.pegawai_id == andi.id)).first():
        result.lines.append("Rencana pengembangan demo sudah ada; tidak dibuat ulang.")
        return
    today = today_local()
    ttd = min(date(today.year, 1, 15), today)
    ev = _evaluasi_tahun_lalu(andi, ttd)
    akun = dict(db.session.execute(select(Akun.pegawai_id, Akun).where(
        Akun.pegawai_id.in_([andi.id, andi.atasan_id]))).all())
    pegawai, penilai = akun[andi.id], akun[andi.atasan_id]
    base = current_app.config.get("KINERJA_BASE_URL") or "http://127.0.0.1:5000/"
    services.save_kompetensi(penilai, ev.id, [
        ("Keamanan aplikasi web", 2, "Belum menerapkan uji keamanan OWASP pada rilis."),
        ("Pengujian otomatis", 3, "Sudah menulis uji unit, belum uji integrasi."),
        ("Komunikasi dengan pengguna layanan", 4, "Responsif terhadap keluhan pengguna."),
    ])
    kegiatan = [
        ("Keamanan aplikasi web", "Pelatihan", "Pelatihan secure coding (BSSN)", 12, 40),
        ("Pengujian otomatis", "Coaching", "Coaching oleh Kepala Seksi tiap bulan", 6, 120),
        ("Pengujian otomatis", "E-learning", "Kursus daring pengujian perangkat lunak", 8, 200),
    ]
    items = [services.add_kegiatan(penilai, ev.id, rules.KegiatanData(k, j, u, jp, ttd + timedelta(days=hari)))
             for k, j, u, jp, hari in kegiatan]
    services.sign_rencana(penilai, ev.id, base)
    services.sign_rencana(pegawai, ev.id, base)
    selesai = min(today, ttd + timedelta(days=35))
    services.submit_bukti(pegawai, items[0].id, services.Bukti("sertifikat-secure-coding.pdf", BUKTI), selesai)
    services.confirm_kegiatan(penilai, items[0].id, True, "Sertifikat sesuai.")
    services.submit_umpan_balik(pegawai, ev.id, [5, 4, 4, 5, 4, 4, 5, 5, 5], base)
    result.lines.append(f"Rencana pengembangan demo: {andi.nama}, {len(items)} kegiatan "
                        f"({sum(k[3] for k in kegiatan)} JP), 1 selesai dan dikonfirmasi; umpan balik B.1.8 terisi.")
