"""Demo aktivitas harian: two months of Diskominfo daily logs, or a year for ``--scale N``.

Entries go in with bulk inserts in chunks: ``COPY … FROM STDIN`` on PostgreSQL, ``insert(Aktivitas)``
(executemany) elsewhere.  ``--scale 10000`` (about 2.5 million rows) prints its progress.  Idempotent: nothing is added when the
table already holds entries.  Entries link to RHK of approved SKPs when the SKP demo step
(run before this one) created them, else they are "Tugas dari atasan".
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, inspect, select, text

from kinerja.audit.services import record
from kinerja.extensions import db
from kinerja.kalender import rules as kalender_rules
from kinerja.models import Aktivitas, HariLibur, KegiatanRutin, Pegawai, Rhk, Skp, UnitKerja
from kinerja.waktu import today_local

CHUNK = 20000
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


RUTIN_DEMO_NIP = "199203112019031007"  # the README pegawai login (Andi Pratama)


def _rutin_demo(rhk_tahun_ini: dict[int, list[int]]) -> None:
    """Two kegiatan rutin for the README pegawai: "Apel pagi" and a daily check of the website."""
    pegawai_id = db.session.execute(select(Pegawai.id).where(Pegawai.nip == RUTIN_DEMO_NIP)).scalar_one_or_none()
    if pegawai_id is None:
        return
    rhk_ids = rhk_tahun_ini.get(pegawai_id, [])
    db.session.add_all([
        KegiatanRutin(pegawai_id=pegawai_id, jam_mulai=time(7, 30), jam_selesai=time(8, 0), uraian="Apel pagi",
                      volume=1, satuan="kegiatan", tugas_atasan=True),
        KegiatanRutin(pegawai_id=pegawai_id, jam_mulai=time(8, 0), jam_selesai=time(8, 30),
                      uraian="Memeriksa ketersediaan layanan website pemda dan mencatat gangguan", volume=1,
                      satuan="laporan", rhk_id=rhk_ids[0] if rhk_ids else None, tugas_atasan=not rhk_ids),
    ])


def _rhk_by_pegawai(year: int) -> dict[int, list[int]]:
    rows = db.session.execute(
        select(Skp.pegawai_id, Rhk.id).join(Rhk, Rhk.skp_id == Skp.id).where(Skp.tahun == year, Skp.versi > 0)
    ).all()
    result: dict[int, list[int]] = defaultdict(list)
    for pegawai_id, rhk_id in rows:
        result[pegawai_id].append(rhk_id)
    return result


# Column order of the rows built below and of the COPY: the fields that follow from the day and the
# status alone (tanggal … updated_at) come last, so PostgreSQL gets them as one piece made once per day.
KOLOM = ("pegawai_id", "jam_mulai", "jam_selesai", "durasi_menit", "uraian", "volume", "satuan", "rhk_id",
         "tugas_atasan", "tautan_bukti", "diverifikasi_oleh_id", "catatan_verifikasi",
         "tanggal", "hari_libur", "status", "versi", "diajukan_at", "diverifikasi_at", "created_at", "updated_at")
# An entry while it is built: a list (the README pegawai's are changed afterwards), start and end in minutes.
P, MULAI, MENIT, URAIAN, VOLUME, SATUAN, RHK, TAUTAN, OLEH, CATATAN_, TANGGAL, STATUS = range(12)
NULL = "\\N"
STATUS_ACAK = (  # (oldest age in days, statuses, cumulative weights) for rng.choices
    (2, ("Diajukan", "Draft"), (80, 100)),
    (10, ("Diajukan", "Disetujui", "Dikembalikan"), (70, 97, 100)),
    (None, ("Disetujui", "Dikembalikan", "Diajukan"), (95, 98, 100)),
)


class _Hari:
    """What every entry of one day shares: how its status is drawn and its timestamps per status
    (aware, for INSERT) and as the COPY text tail (naive UTC)."""

    __slots__ = ("undian", "waktu", "ekor")

    def __init__(self, day: date, today: date):
        age = (today - day).days
        self.undian = None if age == 0 else next(
            (statuses, cum) for oldest, statuses, cum in STATUS_ACAK if oldest is None or age <= oldest)
        dibuat = _utc(day, 16, 30)
        diverifikasi = _utc(min(day + timedelta(days=1), today), 10)
        self.waktu = {
            "Draft": (None, None, dibuat, dibuat),
            "Diajukan": (dibuat, None, dibuat, dibuat),
            "Disetujui": (dibuat, diverifikasi, dibuat, diverifikasi),
            "Dikembalikan": (dibuat, diverifikasi, dibuat, diverifikasi),
        }
        self.ekor = {
            status: "\t".join([day.isoformat(), "f", status, "1",
                                *(NULL if w is None else w.replace(tzinfo=None).isoformat(" ") for w in stamps)]) + "\n"
            for status, stamps in self.waktu.items()
        }

    def status(self, rng: random.Random) -> str:
        if self.undian is None:
            return "Draft"
        statuses, cum = self.undian
        return rng.choices(statuses, cum_weights=cum)[0]


def _entri(pegawai_id, day, mulai, menit, uraian, satuan, volume, rhk_ids, status, link, atasan_id, rng) -> list:
    rhk_id = rng.choice(rhk_ids) if rhk_ids and rng.random() > 0.15 else None
    row = [pegawai_id, mulai, menit, uraian, volume, satuan, rhk_id, link, None, None, day, status]
    _set_status(row, status, atasan_id, rng)
    return row


def _set_status(row: list, status: str, atasan_id: int, rng: random.Random) -> None:
    row[STATUS] = status
    row[OLEH] = atasan_id if status in ("Disetujui", "Dikembalikan") else None
    row[CATATAN_] = rng.choice(CATATAN) if status == "Dikembalikan" else None


def _every_state(rows: list[list], rhk_ids: list[int], atasan_id: int, today: date, rng: random.Random) -> None:
    """The README pegawai's log shows every state, each on an entry linked to an RHK of the approved SKP:
    today's draft, yesterday's submission, one returned last week, the approved rest."""
    if not rhk_ids or not rows:
        return
    for status, oldest, newest in (("Draft", 0, 0), ("Diajukan", 1, 6), ("Dikembalikan", 3, 14), ("Disetujui", 7, 60)):
        if any(r[STATUS] == status and r[RHK] for r in rows):
            continue
        pilihan = [r for r in rows if oldest <= (today - r[TANGGAL]).days <= newest]
        if status != "Draft":
            pilihan = [r for r in pilihan if r[STATUS] != "Draft"]
        if not pilihan:
            continue
        row = pilihan[-1]
        row[RHK] = rhk_ids[0]
        _set_status(row, status, atasan_id, rng)


def _teks(value: str) -> str:
    """A text field in COPY's text format: backslash, tab, newline and carriage return escaped."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


JAM_TEKS = [f"{m // 60:02d}:{m % 60:02d}:00" for m in range(24 * 60)]


def _copy(rows: list[list], hari: dict[date, _Hari]) -> None:
    """PostgreSQL: one COPY of pre-formatted text lines in the session's own transaction."""
    lines = []
    for r in rows:
        mulai, menit, rhk_id, tautan, oleh, catatan = r[MULAI], r[MENIT], r[RHK], r[TAUTAN], r[OLEH], r[CATATAN_]
        lines.append(
            f"{r[P]}\t{JAM_TEKS[mulai]}\t{JAM_TEKS[mulai + menit]}\t{menit}\t{_teks(r[URAIAN])}\t{r[VOLUME]}\t"
            f"{_teks(r[SATUAN])}\t{NULL if rhk_id is None else rhk_id}\t{'t' if rhk_id is None else 'f'}\t"
            f"{NULL if tautan is None else _teks(tautan)}\t{NULL if oleh is None else oleh}\t"
            f"{NULL if catatan is None else _teks(catatan)}\t{hari[r[TANGGAL]].ekor[r[STATUS]]}"
        )
    raw = db.session.connection().connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY aktivitas ({', '.join(KOLOM)}) FROM STDIN") as copy:
        copy.write("".join(lines).encode())


def _as_dict(r: list, hari: dict[date, _Hari]) -> dict:
    diajukan, diverifikasi, dibuat, diubah = hari[r[TANGGAL]].waktu[r[STATUS]]
    mulai = r[MULAI]
    return dict(
        pegawai_id=r[P], tanggal=r[TANGGAL], jam_mulai=time(mulai // 60, mulai % 60),
        jam_selesai=_add_minutes(time(mulai // 60, mulai % 60), r[MENIT]), durasi_menit=r[MENIT],
        uraian=r[URAIAN], volume=Decimal(r[VOLUME]), satuan=r[SATUAN], rhk_id=r[RHK], tugas_atasan=r[RHK] is None,
        tautan_bukti=r[TAUTAN], hari_libur=False, status=r[STATUS], versi=1, diajukan_at=diajukan,
        diverifikasi_at=diverifikasi, diverifikasi_oleh_id=r[OLEH], catatan_verifikasi=r[CATATAN_],
        created_at=dibuat, updated_at=diubah,
    )


def _tunda_indeks() -> list[str]:
    """PostgreSQL, ``--scale``: drop the secondary indexes of the (empty) aktivitas table for the load and
    return their ``CREATE INDEX`` statements as the database itself states them, so the indexes rebuilt
    after the load are exactly the migrations' own.  Unique and constraint indexes (the primary key) stay.
    Everything runs in the step's one transaction: a failed load rolls the drop back too."""
    conn = db.session.connection()
    definisi = conn.execute(text(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
        " WHERE indrelid = 'aktivitas'::regclass AND NOT indisunique AND NOT indisprimary"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)"
    )).all()
    for nama, _ in definisi:
        conn.exec_driver_sql(f"DROP INDEX {nama}")
    return [create for _, create in definisi]


def _bangun_indeks(statements: list[str]) -> None:
    conn = db.session.connection()
    conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")  # the sorts of 2.5 million rows in memory
    for create in statements:
        conn.exec_driver_sql(create)


def _flush(rows: list[list], hari: dict[date, _Hari]) -> int:
    if rows:
        if db.session.get_bind().dialect.name == "postgresql":
            _copy(rows, hari)
        else:
            db.session.execute(insert(Aktivitas), [_as_dict(r, hari) for r in rows])
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
    tunda = scale and db.session.get_bind().dialect.name == "postgresql"
    indeks = _tunda_indeks() if tunda else []
    hari = {start + timedelta(days=i): _Hari(start + timedelta(days=i), today) for i in range((today - start).days + 1)}
    rows: list[list] = []
    total = 0
    readme = db.session.execute(select(Pegawai.id).where(Pegawai.nip == README_PEGAWAI)).scalar_one_or_none()
    every = max(len(people) // 20, 1)
    for n, p in enumerate(people, 1):
        if scale and n % every == 0:
            result.kemajuan(f"aktivitas: {n}/{len(people)} pegawai; " + f"{total + len(rows):,} entri".replace(",", "."))
        pegawai_id, atasan_id = p[0], p[2]
        mine: list[list] = []
        days = kalender_rules.working_days_between(start, today, p[3], libur)
        items = _catalogue(p[1])
        for day in days:
            if day != today and rng.random() < 0.04:
                continue  # a forgotten day now and then (the compliance view shows it)
            rhk_ids = rhk[day.year].get(pegawai_id, [])
            if scale:
                entries = [rng.choice(items)]
                mulai = 7 * 60 + 30
            else:
                entries = rng.sample(items, k=1 if day == today else rng.randint(3, 4))
                mulai = 7 * 60 + 30 if rng.random() < 0.7 else 8 * 60
            for uraian, satuan, vol, dur, link in entries:  # minutes since midnight
                menit = rng.randint(*dur) // 5 * 5 if not scale else rng.randint(240, 450) // 15 * 15
                if 11 * 60 + 45 <= mulai < 13 * 60:
                    mulai = 13 * 60  # istirahat siang
                if mulai + menit > 17 * 60:
                    break
                url = link.format(n=rng.randint(1000, 9999)) if link and rng.random() < 0.6 else None
                volume = rng.randint(*vol)
                mine.append(_entri(pegawai_id, day, mulai, menit, uraian, satuan, volume, rhk_ids,
                                   hari[day].status(rng), url, atasan_id, rng))
                mulai += menit + rng.choice((0, 0, 15, 30))
        if pegawai_id == readme:
            _every_state(mine, rhk[today.year].get(pegawai_id, []), atasan_id, today, rng)
        rows.extend(mine)
        if len(rows) >= CHUNK:
            total += _flush(rows, hari)
    total += _flush(rows, hari)
    if indeks:
        result.kemajuan(f"aktivitas: {len(indeks)} indeks dibangun ulang")
        _bangun_indeks(indeks)
    if not scale:
        _rutin_demo(rhk.get(today.year, {}))
    record(None, "demo.aktivitas", "aktivitas", None, sesudah={"aktivitas": total, "pegawai": len(people)},
           aktor_label="demo-data")
    db.session.commit()
    result.lines.append(f"Aktivitas harian demo dibuat: {total:,} entri untuk {len(people)} pegawai.".replace(",", "."))
