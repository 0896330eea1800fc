"""Demo sosialisasi: one mandatory announcement read by some and not others (the README pegawai has not
read it), a past sosialisasi session with attendance and an upcoming bimtek.  Idempotent."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from kinerja.extensions import db
from kinerja.models import Akun, Pegawai, PenerimaPengumuman, Pengumuman, PesertaSosialisasi, SesiSosialisasi
from kinerja.pengumuman import sasaran
from kinerja.pengumuman import services as pengumuman
from kinerja.sosialisasi import services as sosialisasi
from kinerja.waktu import today_local, utcnow

ANDI = "199203112019031007"
JUDUL_WAJIB = "Wajib: Pencatatan Aktivitas Harian dan Jadwal Sosialisasi Aplikasi Kinerja"
ISI_WAJIB = """Mulai bulan ini seluruh pegawai **wajib** mencatat aktivitas harian di aplikasi kinerja.

Yang perlu dilakukan:
- Catat aktivitas setiap hari kerja, paling lambat hari kerja berikutnya.
- Hubungkan setiap aktivitas dengan rencana hasil kerja di SKP.
- Lampirkan bukti dukung bila ada.

Sosialisasi aplikasi diadakan di Aula Dinas; bahan paparan tersedia di menu Panduan.
Pertanyaan dapat disampaikan kepada Subbagian Umum dan Kepegawaian."""


def _admin(ctx) -> Akun | None:
    return ctx.admin or db.session.execute(select(Akun).where(Akun.is_admin.is_(True)).limit(1)).scalar_one_or_none()


def load_pengumuman(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    if db.session.execute(select(Pengumuman.id).limit(1)).first():
        result.lines.append("Pengumuman demo sudah ada; tidak dibuat ulang.")
        return
    admin = _admin(ctx)
    if admin is None:
        return
    p = pengumuman.save_pengumuman(admin, None, pengumuman.PengumumanData(
        JUDUL_WAJIB, ISI_WAJIB, True, sasaran.Sasaran(True, None, True, "semua")), terbitkan=True)
    andi = db.session.execute(select(Pegawai.id).where(Pegawai.nip == ANDI)).scalar_one_or_none()
    ids = list(db.session.execute(select(PenerimaPengumuman.pegawai_id).where(
        PenerimaPengumuman.pengumuman_id == p.id).order_by(PenerimaPengumuman.pegawai_id)).scalars())
    rng = random.Random(seed)
    dibaca = [pid for pid in ids if pid != andi and rng.random() < 0.6]
    if dibaca:
        db.session.execute(update(PenerimaPengumuman).where(
            PenerimaPengumuman.pengumuman_id == p.id, PenerimaPengumuman.pegawai_id.in_(dibaca)
        ).values(dibaca_at=utcnow() - timedelta(hours=2)))
        db.session.commit()
    result.lines.append(f"Pengumuman demo: 1 wajib dibaca, dibaca {len(dibaca)} dari {len(ids)} pegawai.")


def load_sesi(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    if db.session.execute(select(SesiSosialisasi.id).limit(1)).first():
        result.lines.append("Sesi sosialisasi demo sudah ada; tidak dibuat ulang.")
        return
    admin = _admin(ctx)
    if admin is None:
        return
    today = today_local()
    semua = sasaran.Sasaran(True, None, True, "semua")
    lalu = sosialisasi.create_sesi(admin, sosialisasi.SesiData(
        "Sosialisasi", "Sosialisasi Aplikasi Kinerja dan PermenPANRB 6/2022", today - timedelta(days=7), time(9, 0),
        "Aula Dinas Komunikasi dan Informatika", "", ISI_SESI, semua))
    sosialisasi.create_sesi(admin, sosialisasi.SesiData(
        "Bimtek", "Bimtek Penyusunan SKP dan Realisasi", today + timedelta(days=3), time(13, 30), "",
        "https://rapat.bukitintan.go.id/bimtek-skp", "- Menyusun RHK dan indikator\n- Mengisi realisasi dengan bukti",
        sasaran.Sasaran(True, None, True, "atasan")))
    rng = random.Random(seed + 1)
    andi = db.session.execute(select(Pegawai.id).where(Pegawai.nip == ANDI)).scalar_one_or_none()
    hadir = [p.pegawai_id for p in lalu.peserta if p.pegawai_id == andi or rng.random() < 0.7]
    # The session already happened: attendance is recorded as the admin would after it.
    mulai = datetime.combine(today - timedelta(days=7), time(9, 0), tzinfo=ZoneInfo("Asia/Jakarta"))
    if lalu.waktu_mulai > utcnow():
        lalu.waktu_mulai = mulai
    sosialisasi.record_attendance(admin, lalu.id, hadir)
    jumlah = db.session.execute(select(PesertaSosialisasi.id).where(PesertaSosialisasi.sesi_id == lalu.id)).all()
    result.lines.append(f"Sesi sosialisasi demo: 2 sesi; kehadiran sesi lalu {len(hadir)} dari {len(jumlah)}.")


ISI_SESI = """Pokok bahasan:
1. Mengapa kinerja dicatat setiap hari
2. Menyusun SKP dan rencana hasil kerja
3. Evaluasi semesteran, predikat dan kurva distribusi
4. Hak mengajukan keberatan

Bahan paparan: menu **Panduan** → Kebijakan Kinerja."""
