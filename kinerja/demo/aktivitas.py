"""Demo aktivitas harian: two months of Diskominfo daily logs, or a year for ``--scale N``.

Entries go in with bulk inserts (``insert(Aktivitas)`` in chunks): 250,000 rows at
``--scale 1000`` take a few minutes on two cores.  Idempotent: nothing is added when the
table already holds entries.  Entries link to RHK of approved SKPs when the SKP demo step
(run before this one) created them, else they are "Tugas dari atasan".
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, inspect, select

from kinerja.audit.services import record
from kinerja.extensions import db
from kinerja.kalender import rules as kalender_rules
from kinerja.models import Aktivitas, HariLibur, Pegawai, Rhk, Skp, UnitKerja
from kinerja.waktu import today_local

CHUNK = 5000
README_PEGAWAI = "199203112019031007"  # Andi Pratama: his log shows every state (issue #15)
ZONE = ZoneInfo("Asia/Jakarta")

# (uraian, satuan, volume range, minutes range, evidence link pattern or None)
UMUM = [
    ("Rapat koordinasi SPBE bersama perangkat daerah", "kegiatan", (1, 1), (60, 120), None),
    ("Apel pagi dan pembinaan pegawai", "kegiatan", (1, 1), (30, 45), None),
    ("Menyusun laporan kegiatan mingguan", "laporan", (1, 1), (60, 90), None),
    ("Koordinasi dengan kepala seksi terkait tindak lanjut disposisi", "kegiatan", (1, 2), (30, 60), None),
    ("Mengikuti bimbingan teknis Sistem Pemerintahan Berbasis Elektronik", "kegiatan", (1, 1), (120, 180), None),
]
KEGIATAN = {
    "Informasi": [
        ("Liputan kegiatan Bupati Bukitintan", "berita", (1, 2), (120, 180), "https://bukitintankab.go.id/berita/{n}"),
        ("Menulis dan mengunggah berita kegiatan pemerintah daerah", "berita", (1, 3), (60, 120),
         "https://bukitintankab.go.id/berita/{n}"),
        ("Mengelola konten media sosial resmi pemda", "unggahan", (2, 5), (60, 90),
         "https://instagram.com/bukitintankab/p/{n}"),
        ("Menyusun bahan siaran pers", "dokumen", (1, 2), (60, 120), None),
    ],
    "Komunikasi": [
        ("Menindaklanjuti aduan masyarakat melalui SP4N-LAPOR!", "aduan", (2, 8), (60, 150),
         "https://www.lapor.go.id/laporan/detil/{n}"),
        ("Meneruskan aduan SP4N-LAPOR! kepada perangkat daerah terkait", "aduan", (1, 5), (30, 60), None),
        ("Dokumentasi foto dan video kegiatan pimpinan", "kegiatan", (1, 2), (90, 150), None),
        ("Menyiapkan bahan konferensi pers", "dokumen", (1, 1), (60, 90), None),
    ],
    "Aplikasi": [
        ("Pengelolaan website pemda: pembaruan konten dan plugin", "halaman", (2, 10), (60, 150),
         "https://bukitintankab.go.id/halaman/{n}"),
        ("Pengembangan modul aplikasi layanan perizinan", "modul", (1, 1), (120, 240), None),
        ("Pengujian aplikasi e-office sebelum rilis", "skenario uji", (3, 12), (60, 120), None),
        ("Pendampingan operator aplikasi perangkat daerah", "perangkat daerah", (1, 3), (60, 120), None),
    ],
    "Infrastruktur": [
        ("Pemeliharaan jaringan intra pemerintah di kantor bupati", "titik", (1, 4), (90, 180), None),
        ("Pemantauan lalu lintas jaringan dan bandwidth", "laporan", (1, 1), (30, 60), None),
        ("Perbaikan perangkat jaringan di kantor kecamatan", "perangkat", (1, 3), (120, 240), None),
        ("Pencadangan data server pusat data", "server", (1, 4), (30, 90), None),
    ],
    "Persandian": [
        ("Pengamanan informasi dan pemantauan insiden siber", "laporan", (1, 1), (60, 120), None),
        ("Penerbitan sertifikat elektronik bagi pejabat", "sertifikat", (1, 6), (60, 90), None),
        ("Uji kerentanan aplikasi milik pemda", "aplikasi", (1, 2), (120, 180), None),
    ],
    "Statistik": [
        ("Penyusunan statistik sektoral kabupaten", "tabel", (2, 8), (120, 180), "https://data.bukitintankab.go.id/dataset/{n}"),
        ("Validasi data sektoral dari perangkat daerah", "dataset", (1, 5), (60, 120), None),
        ("Pemutakhiran portal Satu Data", "dataset", (1, 3), (60, 90), "https://data.bukitintankab.go.id/dataset/{n}"),
    ],
    "Umum": [
        ("Pengadministrasian surat masuk dan keluar", "surat", (5, 25), (60, 120), None),
        ("Pemutakhiran data kepegawaian pada SIMPEG", "berkas", (3, 15), (60, 120), None),
        ("Inventarisasi barang milik daerah", "barang", (5, 30), (60, 150), None),
    ],
    "Perencanaan": [
        ("Penyusunan laporan realisasi anggaran", "laporan", (1, 1), (120, 180), None),
        ("Verifikasi SPJ kegiatan bidang", "berkas", (3, 12), (90, 150), None),
        ("Penyusunan dokumen Renja perubahan", "dokumen", (1, 1), (120, 180), None),
    ],
}
CATATAN = [
    "Mohon lengkapi bukti dukung berupa foto atau tautan berita.",
    "Uraian terlalu umum; sebutkan nama kegiatan dan lokasinya.",
    "Volume tidak sesuai dengan waktu yang dicatat. Mohon diperbaiki.",
]


def _catalogue(unit_name: str) -> list:
    for key, items in KEGIATAN.items():
        if key.lower() in unit_name.lower():
            return items + UMUM
    return [item for items in KEGIATAN.values() for item in items][::3] + UMUM


def _utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZONE).astimezone(UTC)


def _add_minutes(t: time, minutes: int) -> time:
    total = t.hour * 60 + t.minute + minutes
    return time(total // 60, total % 60)


def _rhk_by_pegawai(year: int) -> dict[int, list[int]]:
    rows = db.session.execute(
        select(Skp.pegawai_id, Rhk.id).join(Rhk, Rhk.skp_id == Skp.id).where(Skp.tahun == year, Skp.versi > 0)
    ).all()
    result: dict[int, list[int]] = defaultdict(list)
    for pegawai_id, rhk_id in rows:
        result[pegawai_id].append(rhk_id)
    return result


def _status(day: date, today: date, rng: random.Random) -> str:
    age = (today - day).days
    if age == 0:
        return "Draft"
    if age <= 2:
        return rng.choices(["Diajukan", "Draft"], [80, 20])[0]
    if age <= 10:
        return rng.choices(["Diajukan", "Disetujui", "Dikembalikan"], [70, 27, 3])[0]
    return rng.choices(["Disetujui", "Dikembalikan", "Diajukan"], [95, 3, 2])[0]


def _row(p, day, mulai, menit, uraian, satuan, volume, rhk_ids, status, link, libur, today, rng) -> dict:
    rhk_id = rng.choice(rhk_ids) if rhk_ids and rng.random() > 0.15 else None
    row = dict(
        pegawai_id=p[0], tanggal=day, jam_mulai=mulai, jam_selesai=_add_minutes(mulai, menit), durasi_menit=menit,
        uraian=uraian, volume=Decimal(volume), satuan=satuan, rhk_id=rhk_id, tugas_atasan=rhk_id is None,
        tautan_bukti=link, hari_libur=libur, status=status, versi=1,
        diajukan_at=None, diverifikasi_at=None, diverifikasi_oleh_id=None, catatan_verifikasi=None,
        created_at=_utc(day, 16, 30), updated_at=_utc(day, 16, 30),
    )
    _set_status(row, status, p[2], today, rng)
    return row


def _set_status(row: dict, status: str, atasan_id: int, today: date, rng: random.Random) -> None:
    day = row["tanggal"]
    row.update(status=status, diajukan_at=None, diverifikasi_at=None, diverifikasi_oleh_id=None,
               catatan_verifikasi=None, updated_at=_utc(day, 16, 30))
    if status != "Draft":
        row["diajukan_at"] = _utc(day, 16, 30)
    if status in ("Disetujui", "Dikembalikan"):
        verified = min(day + timedelta(days=1), today)
        row.update(diverifikasi_at=_utc(verified, 10), diverifikasi_oleh_id=atasan_id, updated_at=_utc(verified, 10))
        if status == "Dikembalikan":
            row["catatan_verifikasi"] = rng.choice(CATATAN)


def _every_state(rows: list[dict], rhk_ids: list[int], atasan_id: int, today: date, rng: random.Random) -> None:
    """The README pegawai's log shows every state, each on an entry linked to an RHK of the approved SKP:
    today's draft, yesterday's submission, one returned last week, the approved rest."""
    if not rhk_ids or not rows:
        return
    for status, oldest, newest in (("Draft", 0, 0), ("Diajukan", 1, 6), ("Dikembalikan", 3, 14), ("Disetujui", 7, 60)):
        if any(r["status"] == status and r["rhk_id"] for r in rows):
            continue
        pilihan = [r for r in rows if oldest <= (today - r["tanggal"]).days <= newest]
        if status != "Draft":
            pilihan = [r for r in pilihan if r["status"] != "Draft"]
        if not pilihan:
            continue
        row = pilihan[-1]
        row.update(rhk_id=rhk_ids[0], tugas_atasan=False)
        _set_status(row, status, atasan_id, today, rng)


def _flush(rows: list[dict]) -> int:
    if rows:
        db.session.execute(insert(Aktivitas), rows)
    n = len(rows)
    rows.clear()
    return n


def load(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    if not inspect(db.session.connection()).has_table(Aktivitas.__tablename__):
        result.lines.append("Aktivitas demo dilewati: tabel aktivitas belum ada (jalankan `flask db upgrade`).")
        return
    if db.session.execute(select(func.count(Aktivitas.id))).scalar_one():
        result.lines.append("Aktivitas harian demo sudah ada; tidak dibuat ulang.")
        return
    rng = random.Random(seed + 2)
    today = today_local()
    if scale:
        start = today - timedelta(days=364)
    else:
        start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)  # the first of last month
    libur = frozenset(db.session.execute(
        select(HariLibur.tanggal).where(HariLibur.tanggal.between(start, today))).scalars())
    # (id, unit name, atasan id, work week) for everyone who has an atasan to verify their log.
    people = db.session.execute(
        select(Pegawai.id, UnitKerja.nama, Pegawai.atasan_id, UnitKerja.hari_kerja_per_minggu)
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_id)
        .where(Pegawai.aktif.is_(True), Pegawai.atasan_id.is_not(None)).order_by(Pegawai.id)
    ).all()
    rhk = {year: _rhk_by_pegawai(year) for year in range(start.year, today.year + 1)}
    rows: list[dict] = []
    total = 0
    readme = db.session.execute(select(Pegawai.id).where(Pegawai.nip == README_PEGAWAI)).scalar_one_or_none()
    for p in people:
        mine: list[dict] = []
        days = kalender_rules.working_days_between(start, today, p[3], libur)
        items = _catalogue(p[1])
        for day in days:
            if day != today and rng.random() < 0.04:
                continue  # a forgotten day now and then (the compliance view shows it)
            rhk_ids = rhk[day.year].get(p[0], [])
            if scale:
                entries = [rng.choice(items)]
                mulai = time(7, 30)
            else:
                entries = rng.sample(items, k=1 if day == today else rng.randint(3, 4))
                mulai = time(7, 30) if rng.random() < 0.7 else time(8, 0)
            for uraian, satuan, vol, dur, link in entries:
                menit = rng.randint(*dur) // 5 * 5 if not scale else rng.randint(240, 450) // 15 * 15
                if time(11, 45) <= mulai < time(13, 0):
                    mulai = time(13, 0)  # istirahat siang
                if mulai.hour * 60 + mulai.minute + menit > 17 * 60:
                    break
                url = link.format(n=rng.randint(1000, 9999)) if link and rng.random() < 0.6 else None
                mine.append(_row(p, day, mulai, menit, uraian, satuan, rng.randint(*vol), rhk_ids,
                                 _status(day, today, rng), url, False, today, rng))
                mulai = _add_minutes(mulai, menit + rng.choice((0, 0, 15, 30)))
        if p[0] == readme:
            _every_state(mine, rhk[today.year].get(p[0], []), p[2], today, rng)
        rows.extend(mine)
        if len(rows) >= CHUNK:
            total += _flush(rows)
    total += _flush(rows)
    record(None, "demo.aktivitas", "aktivitas", None, sesudah={"aktivitas": total, "pegawai": len(people)},
           aktor_label="demo-data")
    db.session.commit()
    result.lines.append(f"Aktivitas harian demo dibuat: {total:,} entri untuk {len(people)} pegawai.".replace(",", "."))
