"""Demo dialog kinerja: weekly team meetings in two seksi for the last two months, a few
bimbingan/konseling sessions, and follow-ups that are open, overdue and done.

Idempotent (nothing is added once any dialog exists).  Skipped for ``--scale``: the benchmark
dinas has no named leaders, and the dialog pages are not part of the benchmark.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, inspect, select

from kinerja.audit.services import record
from kinerja.dokumen.identitas import snapshot
from kinerja.extensions import db
from kinerja.models import Dialog, Pegawai, PesertaDialog, TindakLanjut
from kinerja.waktu import today_local

DEWI = "198505172010012015"      # Kepala Seksi Pengembangan Aplikasi
HENDRA = "198303092009011006"    # Kepala Seksi Pengelolaan Informasi Publik
RINA = "198002142005012004"      # Kepala Bidang Aplikasi Informatika
ANDI = "199203112019031007"
PUTRI = "199610152022032008"
ZONA = ZoneInfo("Asia/Jakarta")
MINGGU = 8

CATATAN = (
    "Capaian minggu lalu dibahas per pegawai; sebagian besar target tercapai.",
    "Progres pekerjaan dibahas; dua pekerjaan tertunda karena menunggu data dari OPD lain.",
    "Tim membahas prioritas minggu ini dan pembagian tugas untuk permintaan mendesak.",
    "Evaluasi layanan minggu lalu: keluhan pengguna menurun, waktu tanggap membaik.",
)
TANTANGAN = (
    "Server pengujian sering lambat pada jam kerja.",
    "Data dari perangkat daerah terlambat masuk.",
    "Beban permintaan mendadak dari pimpinan cukup tinggi.",
    "",
)
KESEPAKATAN = (
    "Laporan progres dikirim setiap Jumat sebelum pukul 15.00.",
    "Permintaan mendesak dicatat dulu di daftar tugas tim sebelum dikerjakan.",
    "Uji coba dilakukan bergantian agar server tidak penuh.",
    "Setiap pegawai menyiapkan satu usulan perbaikan layanan.",
)
TUGAS = (
    "Menyusun laporan progres pengembangan aplikasi",
    "Memperbarui dokumentasi layanan",
    "Menyiapkan data uji untuk modul baru",
    "Menindaklanjuti keluhan pengguna di kanal pengaduan",
    "Menyusun bahan rapat koordinasi dengan OPD",
    "Memeriksa ulang konten situs sebelum terbit",
    "Mengumpulkan data kebutuhan pelatihan tim",
)


def _at(d: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(d, time(hour, minute), tzinfo=ZONA).astimezone(UTC)


def _by_nip(nip: str) -> Pegawai | None:
    return db.session.execute(select(Pegawai).where(Pegawai.nip == nip)).scalar_one_or_none()


def _staff(leader: Pegawai) -> list[Pegawai]:
    return list(db.session.execute(
        select(Pegawai).where(Pegawai.atasan_id == leader.id, Pegawai.aktif.is_(True)).order_by(Pegawai.nama)
    ).scalars())


def _close(dialog: Dialog, leader: Pegawai, staff: list[Pegawai]) -> None:
    dialog.status = "Ditutup"
    dialog.ditutup_at = dialog.waktu_mulai + timedelta(hours=2)
    dialog.identitas_pimpinan = snapshot(leader)
    for p, pegawai in zip(dialog.peserta, staff, strict=True):
        p.jabatan_saat_dialog = pegawai.nama_jabatan


def _followup(dialog: Dialog, owner: Pegawai, uraian: str, batas: date, today: date, rng: random.Random) -> None:
    if batas < today - timedelta(days=10) or rng.random() < 0.35:
        status = "Selesai"
    elif batas < today:
        status = rng.choice(["Belum", "Proses"])  # overdue
    else:
        status = rng.choice(["Belum", "Belum", "Proses"])
    item = TindakLanjut(uraian=uraian, penanggung_jawab_id=owner.id, batas_waktu=batas, status=status,
                        catatan_selesai="Sudah dikerjakan dan dilaporkan ke atasan." if status == "Selesai" else "")
    if status == "Selesai":
        item.selesai_at = _at(min(batas, today), 15)
    dialog.tindak_lanjut.append(item)


def _weekly(leader: Pegawai, weekday: int, hour: int, tempat: str, today: date, rng: random.Random) -> int:
    staff = _staff(leader)
    if not staff:
        return 0
    last = today - timedelta(days=(today.weekday() - weekday) % 7 or 7)  # the latest such day before today
    previous: Dialog | None = None
    made = 0
    for week in range(MINGGU - 1, -2, -1):  # eight past meetings, then the next one (scheduled)
        tanggal = last - timedelta(weeks=week)
        dialog = Dialog(pimpinan_id=leader.id, jenis="Rapat Rutin Tim", judul=f"Rapat rutin {leader.unit.nama}",
                        waktu_mulai=_at(tanggal, hour), daring=False, tempat=tempat,
                        agenda="Capaian minggu lalu\nRencana kerja minggu ini\nKendala dan dukungan yang dibutuhkan",
                        pengulangan="mingguan", status="Terjadwal", catatan="", tantangan="", kesepakatan="",
                        sebelumnya_id=previous.id if previous else None)
        dialog.peserta = [PesertaDialog(pegawai_id=p.id, tanggapan="") for p in staff]
        db.session.add(dialog)
        if week >= 0:
            dialog.catatan = rng.choice(CATATAN)
            dialog.tantangan = rng.choice(TANTANGAN)
            dialog.kesepakatan = rng.choice(KESEPAKATAN)
            for p in dialog.peserta:
                if rng.random() < 0.85:
                    p.hadir_at = dialog.waktu_mulai + timedelta(minutes=rng.randint(0, 20))
            if week < 3 and rng.random() < 0.6:
                p = rng.choice(dialog.peserta)
                p.tanggapan = "Saya butuh dukungan akses data dari bidang lain agar target tepat waktu."
                p.tanggapan_at = dialog.waktu_mulai + timedelta(hours=3)
            owners = rng.sample(staff, k=min(len(staff), rng.randint(1, 2)))
            for owner in owners:
                _followup(dialog, owner, rng.choice(TUGAS), tanggal + timedelta(days=rng.choice([3, 4, 7, 10])),
                          today, rng)
            _close(dialog, leader, staff)
        db.session.flush()
        previous = dialog
        made += 1
    return made


def _session(leader: Pegawai, pegawai: Pegawai, jenis: str, judul: str, tanggal: date, hour: int,
             today: date, rng: random.Random, tutup: bool = True) -> Dialog:
    dialog = Dialog(pimpinan_id=leader.id, jenis=jenis, judul=judul, waktu_mulai=_at(tanggal, hour),
                    daring=False, tempat=f"Ruang {leader.nama_jabatan}", agenda="Capaian RHK\nHambatan\nRencana perbaikan",
                    pengulangan="", status="Terjadwal", catatan="", tantangan="", kesepakatan="")
    dialog.peserta = [PesertaDialog(pegawai_id=pegawai.id, tanggapan="")]
    if tutup:
        dialog.catatan = "Capaian dibahas berdasarkan bukti dukung; beberapa target perlu dipercepat."
        dialog.tantangan = "Pekerjaan tambahan di luar SKP menyita waktu."
        dialog.kesepakatan = "Prioritas RHK utama ditetapkan ulang; pekerjaan tambahan dicatat terpisah."
        dialog.peserta[0].hadir_at = dialog.waktu_mulai
        dialog.peserta[0].tanggapan = "Saya memahami prioritas yang disepakati dan akan melapor tiap minggu."
        dialog.peserta[0].tanggapan_at = dialog.waktu_mulai + timedelta(hours=1)
        _followup(dialog, pegawai, "Menyusun rencana percepatan RHK utama", tanggal + timedelta(days=7), today, rng)
        _followup(dialog, leader, "Mengatur ulang pembagian tugas tambahan", tanggal + timedelta(days=5), today, rng)
        _close(dialog, leader, [pegawai])
    db.session.add(dialog)
    db.session.flush()
    return dialog


def load(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    if scale:
        result.lines.append("Dialog kinerja demo dilewati untuk --scale.")
        return
    if not inspect(db.session.connection()).has_table(Dialog.__tablename__):
        result.lines.append("Dialog kinerja demo dilewati: tabel dialog belum ada (jalankan `flask db upgrade`).")
        return
    if db.session.execute(select(func.count(Dialog.id))).scalar_one():
        result.lines.append("Dialog kinerja demo sudah ada; tidak dibuat ulang.")
        return
    dewi, hendra, rina, andi, putri = (_by_nip(n) for n in (DEWI, HENDRA, RINA, ANDI, PUTRI))
    if dewi is None or hendra is None:
        result.lines.append("Dialog kinerja demo dilewati: pimpinan demo tidak ditemukan.")
        return
    rng = random.Random(seed + 6)
    today = today_local()
    jumlah = _weekly(dewi, 0, 8, "Ruang Rapat Bidang Aplikasi Informatika", today, rng)
    jumlah += _weekly(hendra, 1, 9, "Ruang Rapat Bidang IKP", today, rng)
    sessions = []
    if andi is not None:
        sessions.append(_session(dewi, andi, "Bimbingan Kinerja", "Bimbingan kinerja triwulan", today - timedelta(days=17),
                                 10, today, rng))
    if rina is not None:
        sessions.append(_session(rina, dewi, "Klarifikasi Ekspektasi", "Klarifikasi ekspektasi kepala seksi",
                                 today - timedelta(days=30), 13, today, rng))
    if putri is not None:
        sessions.append(_session(hendra, putri, "Konseling Kinerja", "Konseling kinerja", today + timedelta(days=3), 10,
                                 today, rng, tutup=False))
    jumlah += len(sessions)
    record(None, "demo.dialog", "dialog", None, sesudah={"dialog": jumlah}, aktor_label="demo-data")
    db.session.commit()
    result.lines.append(f"Dialog kinerja demo dibuat: {jumlah} dialog.")
