"""Aktivitas read side: settings, day/week/month summaries, RHK choices and the views' read models.

Kept apart from the use cases in ``services``; verifikasi, laporan and the beranda panel read through here.
"""


from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import bindparam, func, select, union_all
from sqlalchemy.orm import aliased, joinedload, selectinload

from kinerja import kalender
from kinerja.extensions import baris, db, tetap
from kinerja.kalender import rules as kalender_rules
from kinerja.models import Aktivitas, BuktiDukung, RencanaAksi, Rhk, Skp
from kinerja.organisasi.services import find_instansi
from kinerja.sekaligus import Bacaan, baca

TUGAS_ATASAN = "atasan"  # the form value of the "Tugas dari atasan" option


@dataclass
class Pengaturan:
    """The instansi's aktivitas settings (defaults when no instansi row exists yet)."""

    target_menit_bulanan: int = 6750
    batas_menit_harian: int = 720
    masa_tenggang_hari_kerja: int = 1
    zona_waktu: str = "Asia/Jakarta"


def pengaturan() -> Pengaturan:
    inst = find_instansi()
    if inst is None:
        return Pengaturan()
    return Pengaturan(inst.target_menit_bulanan or 6750, inst.batas_menit_harian or 720,
                      inst.masa_tenggang_hari_kerja if inst.masa_tenggang_hari_kerja is not None else 1,
                      inst.zona_waktu or "Asia/Jakarta")


# ------------------------------------------------------------------ queries


def get_aktivitas(aktivitas_id: int) -> Aktivitas | None:
    """One entry with its evidence and RHK (no permission check: the caller checks)."""
    return db.session.execute(
        select(Aktivitas).where(Aktivitas.id == aktivitas_id)
        .options(selectinload(Aktivitas.bukti), joinedload(Aktivitas.rhk))
    ).unique().scalar_one_or_none()


def get_bukti(bukti_id: int) -> BuktiDukung | None:
    return db.session.execute(
        select(BuktiDukung).where(BuktiDukung.id == bukti_id).options(joinedload(BuktiDukung.aktivitas))
    ).scalar_one_or_none()


def entries_for_day(pegawai_id: int, tanggal: date) -> list[Aktivitas]:
    """The pegawai's entries of one day by start time, with evidence and RHK loaded (2 queries)."""
    return entries_between(pegawai_id, tanggal, tanggal)


def entries_between(pegawai_id: int, start: date, end: date) -> list[Aktivitas]:
    """The pegawai's entries from ``start`` to ``end`` inclusive, ordered, with bukti and RHK (2 queries)."""
    return list(db.session.execute(_entries_stmt(), {"pegawai_id": pegawai_id, "dari": start, "sampai": end})
                .unique().scalars())


# The statements of the day view are built once per process (with bind parameters): building a statement
# and its cache key costs more CPU than SQLite running it.

@lru_cache(maxsize=1)
def _entries_stmt():
    return (select(Aktivitas).where(Aktivitas.pegawai_id == bindparam("pegawai_id"),
                                    Aktivitas.tanggal.between(bindparam("dari"), bindparam("sampai")))
            .options(selectinload(Aktivitas.bukti), joinedload(Aktivitas.rhk), joinedload(Aktivitas.rencana_aksi))
            .order_by(Aktivitas.tanggal, Aktivitas.jam_mulai, Aktivitas.id))


class RhkSingkat(NamedTuple):
    jenis: str
    uraian: str


class RencanaAksiSingkat(NamedTuple):
    kode: str
    uraian: str


class BuktiSingkat(NamedTuple):
    id: int
    nama_asli: str


@dataclass(slots=True)
class IsiAktivitas:
    """What an entry says: its day, times, minutes, description and output (the day view's rows and the
    services' validated values share these)."""

    tanggal: date
    jam_mulai: time
    jam_selesai: time
    durasi_menit: int
    uraian: str
    volume: Decimal
    satuan: str


@dataclass(slots=True)
class BarisHari(IsiAktivitas):
    """One entry of the day view as plain values (the attributes the day view reads of an ``Aktivitas``)."""

    id: int
    tautan_bukti: str | None
    hari_libur: bool
    status: str
    catatan_verifikasi: str | None
    versi: int
    rhk: RhkSingkat | None
    rencana_aksi: RencanaAksiSingkat | None
    bukti: list[BuktiSingkat]


def baris_hari(pegawai_id: int, tanggal: date) -> list[BarisHari]:
    """The pegawai's entries of one day by start time, with their RHK, rencana aksi and evidence, as plain
    rows (ONE query; the day view reads, it does not change them: no ORM objects to build)."""
    return baca(baris_hari_bacaan(pegawai_id, tanggal))


def baris_hari_bacaan(pegawai_id: int, tanggal: date) -> Bacaan:
    """``baris_hari`` as a read the day view makes together with others (kinerja.sekaligus)."""
    return Bacaan(_baris_hari_stmt(), {"pegawai_id": pegawai_id, "tanggal": tanggal}, _baris_hari_olah)


def _baris_hari_olah(rows) -> list[BarisHari]:
    hasil: dict[int, BarisHari] = {}
    for r in rows:
        entri = hasil.get(r[7])
        if entri is None:
            entri = hasil[r[7]] = BarisHari(
                *r[:13], RhkSingkat(r[13], r[14]) if r[13] is not None else None,
                RencanaAksiSingkat(r[15], r[16]) if r[15] is not None else None, [])
        if r[17] is not None:
            entri.bukti.append(BuktiSingkat(r[17], r[18]))
    return list(hasil.values())


@lru_cache(maxsize=1)
def _baris_hari_stmt():
    a = Aktivitas
    return (select(a.tanggal, a.jam_mulai, a.jam_selesai, a.durasi_menit, a.uraian, a.volume, a.satuan, a.id,
                   a.tautan_bukti, a.hari_libur, a.status, a.catatan_verifikasi, a.versi, Rhk.jenis, Rhk.uraian,
                   RencanaAksi.kode, RencanaAksi.uraian, BuktiDukung.id, BuktiDukung.nama_asli)
            .outerjoin(Rhk, Rhk.id == a.rhk_id).outerjoin(RencanaAksi, RencanaAksi.id == a.rencana_aksi_id)
            .outerjoin(BuktiDukung, BuktiDukung.aktivitas_id == a.id)
            .where(a.pegawai_id == bindparam("pegawai_id"), a.tanggal == bindparam("tanggal"))
            .order_by(a.jam_mulai, a.id, BuktiDukung.id))


@dataclass
class RingkasanHari:
    """Minutes of one day by status."""

    disetujui: int = 0
    diajukan: int = 0
    draft: int = 0
    dikembalikan: int = 0
    jumlah: int = 0

    @property
    def total(self) -> int:
        return self.disetujui + self.diajukan + self.draft + self.dikembalikan


@dataclass
class RingkasanBulan(RingkasanHari):
    """``month_summary``: the month's totals (the inherited minute fields) and each day's."""

    tahun: int = 0
    bulan: int = 0
    per_hari: dict[date, RingkasanHari] = field(default_factory=dict)


_STATUS_ATTR = {"Disetujui": "disetujui", "Diajukan": "diajukan", "Draft": "draft", "Dikembalikan": "dikembalikan"}


def _per_hari(rows) -> dict[date, RingkasanHari]:
    per_hari: dict[date, RingkasanHari] = defaultdict(RingkasanHari)
    for tanggal, status, menit, jumlah in rows:
        day = per_hari[tanggal]
        attr = _STATUS_ATTR.get(status)
        if attr:
            setattr(day, attr, getattr(day, attr) + int(menit or 0))
        day.jumlah += int(jumlah)
    return dict(per_hari)


def _summary_query(pegawai_id: int, start: date, end: date):
    return (select(Aktivitas.tanggal, Aktivitas.status, func.sum(Aktivitas.durasi_menit), func.count(Aktivitas.id))
            .where(Aktivitas.pegawai_id == pegawai_id, Aktivitas.tanggal.between(start, end))
            .group_by(Aktivitas.tanggal, Aktivitas.status))


@lru_cache(maxsize=1)
def _summary_stmt():
    return _summary_query(bindparam("pegawai_id"), bindparam("dari"), bindparam("sampai"))


def summarise(pegawai_id: int, start: date, end: date) -> dict[date, RingkasanHari]:
    """Minutes per day by status from ``start`` to ``end`` (one aggregate query, read as plain rows)."""
    return _per_hari(baris(_summary_stmt(), {"pegawai_id": pegawai_id, "dari": start, "sampai": end}).all())


def _bulan(year: int, month: int, per_hari: dict[date, RingkasanHari]) -> RingkasanBulan:
    result = RingkasanBulan(tahun=year, bulan=month, per_hari=per_hari)
    for day in per_hari.values():
        for attr in ("disetujui", "diajukan", "draft", "dikembalikan", "jumlah"):
            setattr(result, attr, getattr(result, attr) + getattr(day, attr))
    return result


def month_summary(pegawai_id: int, year: int, month: int) -> RingkasanBulan:
    """Approved / pending (Diajukan) / draft / returned minutes per day of a month, with totals."""
    return baca(month_summary_bacaan(pegawai_id, year, month))


def month_summary_bacaan(pegawai_id: int, year: int, month: int) -> Bacaan:
    """``month_summary`` as a read made together with others (kinerja.sekaligus)."""
    first, last = kalender_rules.month_bounds(year, month)
    return Bacaan(_summary_stmt(), {"pegawai_id": pegawai_id, "dari": first, "sampai": last},
                  lambda rows: _bulan(year, month, _per_hari(rows)))


@dataclass(frozen=True)
class Dikembalikan:
    id: int
    tanggal: date
    uraian: str
    catatan_verifikasi: str | None


@dataclass(frozen=True)
class RhkChoice:
    id: int
    jenis: str
    uraian: str
    rencana_aksi: list[tuple[int, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        text = self.uraian if len(self.uraian) <= 110 else self.uraian[:109] + "…"
        return f"{self.jenis}: {text}"


def rhk_choices(pegawai_id: int, year: int | date, tanggal: date | None = None) -> list[RhkChoice]:
    """The RHK of the pegawai's SKP active on the date (or of ``year``: its newest SKP) that are in its
    latest APPROVED version — after a mutasi an entry links to the SKP active on its date.

    While a revision is being edited, an RHK it added is not linkable until the revision is approved.
    With ``tanggal``: each choice also carries the rencana aksi whose period holds that date (same query).
    """
    return baca(rhk_choices_bacaan(pegawai_id, year, tanggal))


def rhk_choices_bacaan(pegawai_id: int, year: int | date, tanggal: date | None = None) -> Bacaan:
    """``rhk_choices`` as a read made together with others (kinerja.sekaligus)."""
    params = {"pegawai_id": pegawai_id, "tahun": year.year if isinstance(year, date) else year}
    if isinstance(year, date):
        params["hari"] = year
    if tanggal is not None:
        params["tanggal"] = tanggal
    return Bacaan(_rhk_choices_stmt(isinstance(year, date), tanggal is not None), params,
                  lambda rows: _rhk_choices_olah(rows, tanggal is not None))


def _rhk_choices_olah(rows, dengan_rencana_aksi: bool) -> list[RhkChoice]:
    """Rows: id, jenis, uraian, skp_id, status[, ra_id, kode, ra_uraian]."""
    from kinerja.skp.versi import rhk_ids_disetujui

    if not rows:
        return []
    skp_id = max(r[3] for r in rows)  # one SKP: the newest when only the year is given
    rows = [r for r in rows if r[3] == skp_id]
    sah = rhk_ids_disetujui(skp_id, rows[0][4])
    choices: dict[int, RhkChoice] = {}
    for r in rows:
        if sah is not None and r[0] not in sah:
            continue
        choice = choices.setdefault(r[0], RhkChoice(r[0], r[1], r[2]))
        if dengan_rencana_aksi and r[5] is not None:
            teks = r[7] if len(r[7]) <= 90 else r[7][:89] + "\u2026"
            choice.rencana_aksi.append((r[5], f"{r[6]} \u2014 {teks}"))
    return list(choices.values())


@lru_cache(maxsize=4)
def _rhk_choices_stmt(pada_hari: bool, dengan_rencana_aksi: bool):
    kondisi = [Skp.tahun == bindparam("tahun")]
    if pada_hari:
        kondisi += [Skp.tanggal_mulai <= bindparam("hari"), Skp.tanggal_selesai >= bindparam("hari")]
    query = (select(Rhk.id, Rhk.jenis, Rhk.uraian, Skp.id.label("skp_id"), Skp.status).join(Skp, Skp.id == Rhk.skp_id)
             .where(Skp.pegawai_id == bindparam("pegawai_id"), *kondisi, Skp.versi > 0)
             .order_by(Rhk.jenis != "Utama", Rhk.urutan, Rhk.id))
    if dengan_rencana_aksi:
        tanggal = bindparam("tanggal")
        query = query.add_columns(RencanaAksi.id.label("ra_id"), RencanaAksi.kode, RencanaAksi.uraian.label("ra_uraian")) \
            .outerjoin(RencanaAksi, (RencanaAksi.rhk_id == Rhk.id) & (RencanaAksi.tanggal_mulai <= tanggal)
                       & (RencanaAksi.tanggal_selesai >= tanggal)).order_by(RencanaAksi.id)
    return query


def rencana_aksi_choices(choices: list[RhkChoice]) -> list[tuple[int, str]]:
    """(id, label) of the rencana aksi carried by ``rhk_choices(..., tanggal)``, in RHK order."""
    return [ra for c in choices for ra in c.rencana_aksi]


def rhk_usage_count(rhk_id: int) -> int:
    """How many entries use an RHK (registered with kinerja.skp.services.RHK_USAGE_CHECKS)."""
    return db.session.execute(select(func.count(Aktivitas.id)).where(Aktivitas.rhk_id == rhk_id)).scalar_one()


@dataclass
class Progres:
    """This month's approved minutes against the target, pending shown separately."""

    tahun: int
    bulan: int
    target: int
    disetujui: int
    diajukan: int
    hari_kerja_bulan: int
    hari_kerja_tersisa: int

    @property
    def persen(self) -> int:
        return min(100, self.disetujui * 100 // self.target) if self.target else 0

    @property
    def persen_diajukan(self) -> int:
        return max(0, min(100 - self.persen, self.diajukan * 100 // self.target)) if self.target else 0

    @property
    def kurang(self) -> int:
        return max(self.target - self.disetujui, 0)


def progress_bulan(pegawai_id: int, today: date, atur: Pengaturan | None = None,
                   kal: kalender_rules.KalenderKerja | None = None, ringkas: RingkasanBulan | None = None) -> Progres:
    """The monthly progress panel for ``today``'s month (1 query, +3 without ``kal``, +1 without ``atur``,
    none for the minutes when the month's ``ringkas`` is passed in).  The target is pro rata to the
    working days without an approved absence; the working days counted are those the pegawai must log."""
    atur = atur or pengaturan()
    first, last = kalender_rules.month_bounds(today.year, today.month)
    kal = kal or kalender.kalender_pegawai(pegawai_id, first, last)
    ringkas = ringkas or month_summary(pegawai_id, today.year, today.month)
    hari_kerja = kalender_rules.working_days_in_month(today.year, today.month, kal.hari_kerja_per_minggu, kal.libur)
    absen = kal.hari_absen_kerja(first, last)
    target = kalender_rules.target_pro_rata(atur.target_menit_bulanan, hari_kerja, absen)
    return Progres(today.year, today.month, target, ringkas.disetujui, ringkas.diajukan, hari_kerja - absen,
                   len(kal.hari_wajib(today, last)))


@dataclass(frozen=True)
class Terakhir:
    """The latest entry of the pegawai with one RHK (or with "Tugas dari atasan"): what the form remembers."""

    id: int
    tanggal: date
    rhk_id: int | None
    tugas_atasan: bool
    satuan: str


def terakhir_per_rhk(pegawai_id: int) -> list[Terakhir]:
    """For each RHK the pegawai used (and for "Tugas dari atasan"): the latest entry's satuan (one query).

    The overall latest of these is the pegawai's last entry (the form's remembered RHK)."""
    return baca(terakhir_bacaan(pegawai_id))


def terakhir_bacaan(pegawai_id: int) -> Bacaan:
    """``terakhir_per_rhk`` as a read made together with others (kinerja.sekaligus)."""
    return Bacaan(_terakhir_stmt(), {"pegawai_id": pegawai_id},
                  lambda rows: [Terakhir(i, t, rhk_id, bool(atasan), satuan)
                                for i, t, rhk_id, atasan, satuan in sorted(rows, reverse=True)])  # newest first


@lru_cache(maxsize=1)
def _terakhir_stmt():
    """The latest entry per RHK, found through the index (pegawai, RHK, id): one lookup per RHK of the
    pegawai's SKPs (of every year: an entry only ever names an RHK of its own pegawai's SKP,
    ``services._resolve_rhk``) and one for the entries without RHK.  Grouping all of the pegawai's entries
    by RHK gave the same rows but read every entry ever logged (some 250 a year, more each year)."""
    pegawai = bindparam("pegawai_id")
    lain = aliased(Aktivitas, name="t")  # short names: the day view's union stays under psycopg's 4 KiB cache limit
    per_rhk = (select(func.max(lain.id).label("i")).where(lain.pegawai_id == pegawai, lain.rhk_id == Rhk.id)
               .scalar_subquery())
    # "rhk_id DESC" orders nothing (all NULL) but lets the database read the index backwards from the end.
    tanpa_rhk = (select(lain.id).where(lain.pegawai_id == pegawai, lain.rhk_id.is_(None))
                 .order_by(lain.rhk_id.desc(), lain.id.desc()).limit(tetap(1)).scalar_subquery())
    latest = union_all(select(per_rhk.label("id")).select_from(Rhk).join(Skp, Skp.id == Rhk.skp_id)
                       .where(Skp.pegawai_id == pegawai),
                       select(tanpa_rhk.label("id"))).subquery("l")
    a = aliased(Aktivitas, name="a")
    # A few rows, ordered by the reader (newest first): no ORDER BY, no row number in the day view's union.
    return select(a.id, a.tanggal, a.rhk_id, a.tugas_atasan, a.satuan).join(latest, latest.c.id == a.id)


def satuan_per_rhk(terakhir: list[Terakhir]) -> dict[str, str]:
    """Form value of the RHK choice → the satuan last used with it."""
    result: dict[str, str] = {}
    for t in terakhir:
        key = TUGAS_ATASAN if t.tugas_atasan or t.rhk_id is None else str(t.rhk_id)
        result.setdefault(key, t.satuan)
    return result


def entry_defaults(entries: list[Aktivitas], last: Aktivitas | Terakhir | None, tanggal: date) -> dict:
    """Form defaults for the next entry: Jam Mulai = the day's last Jam Selesai (else 08:00),
    the last-used RHK and satuan, volume 1."""
    ends = [e.jam_selesai for e in entries]
    mulai = max(ends) if ends else time(8, 0)
    if last is None:
        rhk = ""
    elif last.tugas_atasan or last.rhk_id is None:
        rhk = TUGAS_ATASAN
    else:
        rhk = str(last.rhk_id) if last.tanggal.year == tanggal.year else ""
    return {"tanggal": tanggal, "jam_mulai": mulai, "rhk": rhk, "satuan": last.satuan if last else "",
            "volume": Decimal(1)}


# ------------------------------------------------------------------ views' read models


@dataclass
class Hari:
    """One day of the week grid."""

    tanggal: date
    entries: list[Aktivitas]
    libur: str | None
    hari_kerja: bool
    absen: str | None = None  # the approved absence that day (Cuti, Dinas Luar, ...)

    @property
    def total(self) -> int:
        return sum(e.durasi_menit for e in self.entries)


def week_view(pegawai_id: int, day: date) -> tuple[list[Hari], int]:
    """Monday–Sunday of ``day``'s week with entries and holidays; and the week's total minutes."""
    monday, sunday = kalender_rules.week_bounds(day)
    entries = entries_between(pegawai_id, monday, sunday)
    by_day: dict[date, list[Aktivitas]] = defaultdict(list)
    for e in entries:
        by_day[e.tanggal].append(e)
    names = kalender.holiday_names_between(monday, sunday)
    week = kalender.work_week_of(pegawai_id)
    absen = kalender.absen_between(pegawai_id, monday, sunday)
    days = []
    for i in range(7):
        d = monday + timedelta(days=i)
        days.append(Hari(d, by_day.get(d, []), names.get(d), kalender_rules.is_working_day(d, week, names.keys()),
                         absen.get(d)))
    return days, sum(h.total for h in days)


@dataclass
class Sel:
    """One cell of the month grid (``tanggal`` None outside the month)."""

    tanggal: date | None
    ringkas: RingkasanHari | None = None
    libur: str | None = None
    hari_kerja: bool = False
    hari_ini: bool = False
    masa_depan: bool = False
    absen: str | None = None  # the approved absence that day (Cuti, Dinas Luar, ...)


@dataclass
class Bulan:
    weeks: list[list[Sel]]
    ringkas: RingkasanBulan
    hari_kerja: int        # the unit's working days in the month
    hari_absen: int        # of which the pegawai is absent (approved)

    @property
    def hari_wajib(self) -> int:
        return self.hari_kerja - self.hari_absen

    def target(self, target_penuh: int) -> int:
        return kalender_rules.target_pro_rata(target_penuh, self.hari_kerja, self.hari_absen)


def month_view(pegawai_id: int, year: int, month: int, today: date) -> Bulan:
    """The month as weeks × 7 cells, the month's summary, its working days and the pegawai's absent ones."""
    first, last = kalender_rules.month_bounds(year, month)
    ringkas = month_summary(pegawai_id, year, month)
    names = kalender.holiday_names_between(first, last)
    week = kalender.work_week_of(pegawai_id)
    absen = kalender.absen_between(pegawai_id, first, last)
    weeks: list[list[Sel]] = []
    row: list[Sel] = [Sel(None) for _ in range(first.weekday())]
    d = first
    while d <= last:
        row.append(Sel(d, ringkas.per_hari.get(d), names.get(d), kalender_rules.is_working_day(d, week, names.keys()),
                       d == today, d > today, absen.get(d)))
        if len(row) == 7:
            weeks.append(row)
            row = []
        d += timedelta(days=1)
    if row:
        weeks.append(row + [Sel(None) for _ in range(7 - len(row))])
    hari_kerja = kalender_rules.working_days_in_month(year, month, week, names.keys())
    hari_absen = sum(1 for d in absen if kalender_rules.is_working_day(d, week, names.keys()))
    return Bulan(weeks, ringkas, hari_kerja, hari_absen)
