"""Read side of the dasbor: who may see which unit, and the figures of one unit subtree.

Every figure is computed per pegawai (or per atasan) in a fixed number of grouped queries over
the whole subtree, then summed per child unit in Python: the number of queries never depends
on the number of pegawai, units or entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, distinct, exists, func, or_, select
from sqlalchemy.orm import aliased

from kinerja.aktivitas.rules import DIAJUKAN, DISETUJUI, DRAFT
from kinerja.dasbor import rules
from kinerja.dasbor.permissions import Cakupan, cakupan, can_use_dasbor, unit_pimpinan  # noqa: F401 (re-exported)
from kinerja.errors import NotFound
from kinerja.evaluasi import rules as ev_rules
from kinerja.extensions import db
from kinerja.models import (
    Aktivitas,
    CapaianOrganisasi,
    Dialog,
    Evaluasi,
    Instansi,
    Jabatan,
    Pegawai,
    Periode,
    Rhk,
    Skp,
    TindakLanjut,
)

STATUS_SKP = ("Draft", "Diajukan", "Disetujui", "Ditolak")
TANPA_SKP = "Belum ada SKP"


# ------------------------------------------------------------------ shared pieces


@dataclass
class PegawaiRingkas:
    id: int
    nama: str
    nip: str
    jabatan: str
    unit_id: int | None
    atasan_id: int | None
    pimpinan: bool
    hari_kerja_per_minggu: int


def _pegawai(c: Cakupan, unit_ids: list[int]) -> dict[int, PegawaiRingkas]:
    rows = db.session.execute(
        select(Pegawai.id, Pegawai.nama, Pegawai.nip, Jabatan.nama.label("jabatan"), Pegawai.unit_id,
               Pegawai.atasan_id, Pegawai.pimpinan)
        .outerjoin(Jabatan, Pegawai.jabatan_id == Jabatan.id)
        .where(Pegawai.unit_id.in_(unit_ids), Pegawai.aktif.is_(True), *_batas_tim(c))
        .order_by(Pegawai.nama, Pegawai.id)
    ).all()
    return {r.id: PegawaiRingkas(r.id, r.nama, r.nip, r.jabatan or "", r.unit_id, r.atasan_id, bool(r.pimpinan),
                                 c.units[r.unit_id].hari_kerja if r.unit_id in c.units else 5) for r in rows}


def _batas_tim(c: Cakupan) -> list:
    if c.tim is None:
        return []
    from kinerja.organisasi.permissions import effective_subordinate_ids_query

    return [or_(Pegawai.id == c.tim, Pegawai.id.in_(effective_subordinate_ids_query(c.tim)))]


def _pegawai_ids(c: Cakupan, unit_ids: list[int]):
    return select(Pegawai.id).where(Pegawai.unit_id.in_(unit_ids), Pegawai.aktif.is_(True), *_batas_tim(c))


def instansi() -> Instansi | None:
    from kinerja.organisasi.services import find_instansi

    return find_instansi()


def _zona() -> ZoneInfo:
    inst = instansi()
    return ZoneInfo(inst.zona_waktu if inst and inst.zona_waktu else "Asia/Jakarta")


def _utc_awal(hari: date, zona: ZoneInfo) -> datetime:
    return datetime.combine(hari, time.min, zona)


@dataclass
class Kelompok:
    """A child unit (its whole subtree) or the unit's own pegawai, in the unit's table."""

    unit_id: int | None
    nama: str
    langsung: bool  # the pegawai placed directly in the viewed unit
    pegawai_ids: list[int] = field(default_factory=list)


def _kelompok(c: Cakupan, unit_id: int, pegawai: dict[int, PegawaiRingkas]) -> list[Kelompok]:
    """One row per child unit (with everything below it), then the viewed unit's own pegawai."""
    anak = c.anak.get(unit_id, [])
    milik: dict[int, int] = {}
    for a in anak:
        for uid in c.subtree(a.id):
            milik[uid] = a.id
    grup = {a.id: Kelompok(a.id, a.nama, False) for a in anak}
    sendiri = Kelompok(unit_id, c.units[unit_id].nama, True)
    for p in pegawai.values():
        target = grup.get(milik.get(p.unit_id)) if p.unit_id != unit_id else None
        (target or sendiri).pegawai_ids.append(p.id)
    anak_grup = [g for g in grup.values() if g.pegawai_ids or c.tim is None]
    return anak_grup + ([sendiri] if sendiri.pegawai_ids else [])


# ------------------------------------------------------------------ the month view


class _Jumlah:
    """Figures that add up: ``tambah`` sums every count named in ``JUMLAH`` (a bool counts as 1)."""

    JUMLAH: tuple[str, ...] = ()

    def tambah(self, a) -> None:
        for nama in self.JUMLAH:
            setattr(self, nama, getattr(self, nama) + int(getattr(a, nama)))


def _rasio(bagian: str, total: str) -> property:
    """A read-only property: ``rules.persen`` of two of the object's counts (None when ``total`` is 0)."""
    return property(lambda self: rules.persen(getattr(self, bagian), getattr(self, total)),
                    doc=f"{bagian} / {total} (Fraction), None when {total} is 0.")


class _Kepatuhan:
    hari_tercatat: int
    hari_kerja: int
    menit_disetujui: int
    target_menit: int

    kepatuhan = _rasio("hari_tercatat", "hari_kerja")
    capaian_menit = _rasio("menit_disetujui", "target_menit")


_ANGKA_HARIAN = ("hari_kerja", "hari_tercatat", "menit_disetujui", "target_menit", "belum_hari_ini", "menunggu",
                 "tunggakan")


@dataclass
class AngkaPegawai(_Kepatuhan):
    pegawai: PegawaiRingkas
    hari_kerja: int = 0
    hari_tercatat: int = 0
    menit_disetujui: int = 0
    target_menit: int = 0
    belum_hari_ini: bool = False
    menunggu: int = 0
    tunggakan: int = 0


@dataclass
class AngkaKelompok(_Kepatuhan, _Jumlah):
    kelompok: Kelompok
    jumlah_pegawai: int = 0
    hari_kerja: int = 0
    hari_tercatat: int = 0
    menit_disetujui: int = 0
    target_menit: int = 0
    belum_hari_ini: int = 0
    menunggu: int = 0
    tunggakan: int = 0

    JUMLAH = _ANGKA_HARIAN

    def tambah(self, a: AngkaPegawai) -> None:
        self.jumlah_pegawai += 1
        super().tambah(a)



@dataclass
class AngkaAtasan:
    pegawai: PegawaiRingkas
    diverifikasi: int = 0
    median_jam: float | None = None
    p90_jam: float | None = None
    menunggu: int = 0
    tunggakan: int = 0
    dialog: int = 0
    tindak_lanjut_terbuka: int = 0
    tindak_lanjut_terlambat: int = 0


@dataclass
class Tren:
    bulan: list[tuple[int, int]]
    kepatuhan: list[Fraction | None]
    menit_per_pegawai: list[int | None]
    target_menit: int


@dataclass
class DasborBulan:
    unit: rules.Unit
    tahun: int
    bulan: int
    hari_ini: date
    bulan_berjalan: bool
    target_menit: int
    pegawai: list[AngkaPegawai]
    kelompok: list[AngkaKelompok]
    total: AngkaKelompok
    atasan: list[AngkaAtasan]
    diverifikasi: int
    median_jam: float | None
    p90_jam: float | None
    dialog: int
    tindak_lanjut_terbuka: int
    tindak_lanjut_terlambat: int

    @property
    def belum_hari_ini(self) -> list[AngkaPegawai]:
        return [a for a in self.pegawai if a.belum_hari_ini]


def _selisih_jam(mulai, selesai):
    """Hours between two UTC timestamp columns, computed by the database (no row objects in Python)."""
    if db.engine.dialect.name == "sqlite":
        return (func.julianday(selesai) - func.julianday(mulai)) * 24
    return func.extract("epoch", selesai - mulai) / 3600


def _per_atasan(pegawai, angka, per_verifikator, dialog_per, tl_per) -> list[AngkaAtasan]:
    """Per atasan: everyone in the subtree who has subordinates here, verified, or led a dialog."""
    pemimpin = {p.atasan_id for p in pegawai.values() if p.atasan_id in pegawai}
    pemimpin |= (set(per_verifikator) | set(dialog_per) | set(tl_per)) & set(pegawai)
    atasan = []
    for pid in sorted(pemimpin, key=lambda i: (pegawai[i].nama, i)):
        hist = per_verifikator.get(pid, {})
        baris = AngkaAtasan(pegawai[pid], sum(hist.values()), rules.persentil_histogram(hist, 50),
                            rules.persentil_histogram(hist, 90),
                            dialog=int(dialog_per.get(pid, 0)))
        baris.tindak_lanjut_terbuka, baris.tindak_lanjut_terlambat = tl_per.get(pid, (0, 0))
        atasan.append(baris)
    per_atasan = {a.pegawai.id: a for a in atasan}
    for a in angka.values():
        b = per_atasan.get(a.pegawai.atasan_id)
        if b is not None:
            b.menunggu += a.menunggu
            b.tunggakan += a.tunggakan
    return atasan


def _waktu_verifikasi(ids, awal_utc: datetime, akhir_utc: datetime) -> tuple[dict[float, int], dict[int, dict[float, int]]]:
    """Submission → verification hours of the entries verified in [awal, akhir): {hours: count}, overall
    and per verifikator."""
    # Grouped by the database in 6-minute steps: a few rows per atasan, not one per entry.
    langkah = func.round(_selisih_jam(Aktivitas.diajukan_at, Aktivitas.diverifikasi_at) * rules.RESOLUSI_JAM)
    semua_jam: dict[float, int] = {}
    per_verifikator: dict[int, dict[float, int]] = {}
    for verifikator, jam, n in db.session.execute(
        select(Aktivitas.diverifikasi_oleh_id, langkah, func.count())
        # "+ 0" keeps SQLite on the verification-time index instead of scanning every entry of the subtree.
        # (A re-submitted entry keeps its last verification time: only verifications after a submission count.)
        .where((Aktivitas.pegawai_id + 0).in_(ids), Aktivitas.diverifikasi_at >= awal_utc,
               Aktivitas.diverifikasi_at < akhir_utc, Aktivitas.diverifikasi_at >= Aktivitas.diajukan_at)
        .group_by(Aktivitas.diverifikasi_oleh_id, langkah)
    ).all():
        jam = max(float(jam or 0), 0.0) / rules.RESOLUSI_JAM
        semua_jam[jam] = semua_jam.get(jam, 0) + n
        if verifikator is not None:
            hist = per_verifikator.setdefault(verifikator, {})
            hist[jam] = hist.get(jam, 0) + n
    return semua_jam, per_verifikator


def _target_pro_rata(angka: dict[int, AngkaPegawai], target: int, tahun: int, bulan: int,
                     libur) -> dict[int, dict[date, str]]:
    """Each pegawai's monthly minute target, pro rata to his approved absences (issue #11 §3; one query).
    Returns the absences (pegawai id → date → jenis) for the other figures."""
    from kinerja.kalender import absen_pegawai_between
    from kinerja.kalender.rules import is_working_day, target_pro_rata, working_days_in_month

    mulai, selesai = rules.month_bounds(tahun, bulan)
    penuh = {m: working_days_in_month(tahun, bulan, m, libur) for m in (5, 6)}
    semua = absen_pegawai_between(list(angka), mulai, selesai)
    for pid, hari in semua.items():
        a = angka[pid]
        minggu = a.pegawai.hari_kerja_per_minggu
        absen = sum(1 for d in hari if is_working_day(d, minggu, libur))
        a.target_menit = target_pro_rata(target, penuh[minggu], absen)
    return semua


def _hari_tercatat(pegawai_ids, mulai: date, selesai: date) -> dict[int, set[date]]:
    """The days each pegawai has a submitted entry (one query; only asked for those with absences)."""
    hasil: dict[int, set[date]] = {}
    if not pegawai_ids:
        return hasil
    for pid, tanggal in db.session.execute(
        select(Aktivitas.pegawai_id, Aktivitas.tanggal).distinct()
        .where(Aktivitas.pegawai_id.in_(list(pegawai_ids)), Aktivitas.tanggal >= mulai, Aktivitas.tanggal <= selesai,
               Aktivitas.status != DRAFT)
    ).all():
        hasil.setdefault(pid, set()).add(tanggal)
    return hasil


def _kepatuhan_absen(angka: dict[int, AngkaPegawai], absen: dict[int, dict[date, str]], hk: dict[int, list[date]],
                     mulai: date, selesai: date) -> None:
    """Absence days are not working days for that pegawai; a logged DL day counts (``rules.hari_kepatuhan``)."""
    ids = [pid for pid in absen if pid in angka]
    tercatat = _hari_tercatat(ids, mulai, selesai)
    for pid in ids:
        a = angka[pid]
        a.hari_kerja, a.hari_tercatat = rules.hari_kepatuhan(hk[a.pegawai.hari_kerja_per_minggu],
                                                             tercatat.get(pid, set()), absen[pid])


def dasbor_bulan(c: Cakupan, unit_id: int, tahun: int, bulan: int, hari_ini: date) -> DasborBulan:
    """Kepatuhan, menit kerja, umpan balik, tunggakan and dialog of the subtree for one month."""
    from kinerja.kalender import holidays_between

    unit = c.unit(unit_id)
    unit_ids = c.subtree(unit_id)
    pegawai = _pegawai(c, unit_ids)
    ids = _pegawai_ids(c, unit_ids)
    inst = instansi()
    target = inst.target_menit_bulanan if inst else 6750
    zona = _zona()
    mulai, selesai = rules.month_bounds(tahun, bulan)
    libur = holidays_between(min(mulai, hari_ini) - timedelta(days=31), max(selesai, hari_ini))
    hk = {m: rules.hari_kerja_dihitung(tahun, bulan, m, libur, hari_ini) for m in (5, 6)}

    angka = {pid: AngkaPegawai(p, len(hk[p.hari_kerja_per_minggu]), target_menit=target) for pid, p in pegawai.items()}
    absen = _target_pro_rata(angka, target, tahun, bulan, libur)

    # 1. Days with a submitted entry (working days only), approved minutes: one row per pegawai.
    diajukan = Aktivitas.status != DRAFT
    rows = db.session.execute(
        select(Aktivitas.pegawai_id,
               func.count(distinct(case((and_(diajukan, Aktivitas.tanggal.in_(hk[5])), Aktivitas.tanggal)))),
               func.count(distinct(case((and_(diajukan, Aktivitas.tanggal.in_(hk[6])), Aktivitas.tanggal)))),
               func.coalesce(func.sum(case((Aktivitas.status == DISETUJUI, Aktivitas.durasi_menit), else_=0)), 0))
        .where(Aktivitas.pegawai_id.in_(ids), Aktivitas.tanggal >= mulai, Aktivitas.tanggal <= selesai)
        .group_by(Aktivitas.pegawai_id)
    ).all()
    for pid, hari5, hari6, menit in rows:
        if pid in angka:
            a = angka[pid]
            a.hari_tercatat = hari6 if a.pegawai.hari_kerja_per_minggu == 6 else hari5
            a.menit_disetujui = int(menit or 0)

    _kepatuhan_absen(angka, absen, hk, mulai, selesai)

    # 2. Who has not logged anything today (on their working day, not absent).
    sudah = set(db.session.execute(
        select(distinct(Aktivitas.pegawai_id)).where(Aktivitas.pegawai_id.in_(ids), Aktivitas.tanggal == hari_ini)
    ).scalars())
    for pid, a in angka.items():
        a.belum_hari_ini = (pid not in sudah and hari_ini not in absen.get(pid, {})
                            and rules.hari_kerja(hari_ini, a.pegawai.hari_kerja_per_minggu, libur))

    # 3. Waiting entries and the backlog, per pegawai (summed per atasan below).
    batas = _utc_awal(rules.batas_tunggakan(hari_ini, libur), zona)
    for pid, menunggu, lama in db.session.execute(
        select(Aktivitas.pegawai_id, func.count(Aktivitas.id),
               func.coalesce(func.sum(case((Aktivitas.diajukan_at < batas, 1), else_=0)), 0))
        .where(Aktivitas.status == DIAJUKAN, Aktivitas.pegawai_id.in_(ids))
        .group_by(Aktivitas.pegawai_id)
    ).all():
        if pid in angka:
            angka[pid].menunggu, angka[pid].tunggakan = menunggu, int(lama or 0)

    # 4. Submission → verification times of the entries verified this month.
    awal_utc, akhir_utc = _utc_awal(mulai, zona), _utc_awal(selesai + timedelta(days=1), zona)
    semua_jam, per_verifikator = _waktu_verifikasi(ids, awal_utc, akhir_utc)

    # 5. Dialog kinerja of the month, and the follow-ups still open, per leader.
    dialog_per = dict(db.session.execute(
        select(Dialog.pimpinan_id, func.count(Dialog.id))
        .where(Dialog.pimpinan_id.in_(ids), Dialog.waktu_mulai >= awal_utc, Dialog.waktu_mulai < akhir_utc)
        .group_by(Dialog.pimpinan_id)
    ).all())
    tl_per = {pid: (int(n), int(lewat or 0)) for pid, n, lewat in db.session.execute(
        select(Dialog.pimpinan_id, func.count(TindakLanjut.id),
               func.sum(case((TindakLanjut.batas_waktu < hari_ini, 1), else_=0)))
        .join(Dialog, TindakLanjut.dialog_id == Dialog.id)
        .where(Dialog.pimpinan_id.in_(ids), TindakLanjut.status != "Selesai")
        .group_by(Dialog.pimpinan_id)
    ).all()}

    atasan = _per_atasan(pegawai, angka, per_verifikator, dialog_per, tl_per)

    kelompok = []
    total = AngkaKelompok(Kelompok(unit_id, unit.nama, False))
    for k in _kelompok(c, unit_id, pegawai):
        ak = AngkaKelompok(k)
        for pid in k.pegawai_ids:
            ak.tambah(angka[pid])
            total.tambah(angka[pid])
        kelompok.append(ak)

    return DasborBulan(
        unit, tahun, bulan, hari_ini, (tahun, bulan) == (hari_ini.year, hari_ini.month), target,
        list(angka.values()), kelompok, total, atasan, sum(semua_jam.values()),
        rules.persentil_histogram(semua_jam, 50), rules.persentil_histogram(semua_jam, 90), sum(int(n) for n in dialog_per.values()),
        sum(v[0] for v in tl_per.values()), sum(v[1] for v in tl_per.values()))


def _koreksi_absen_tren(pegawai: dict[int, PegawaiRingkas], bulan_tren, libur,
                       hari_ini: date) -> dict[tuple[int, int], tuple[int, int]]:
    """Per month, how many pegawai-days the absences take off the trend's kepatuhan (owed, logged) — the
    same rule as the month view (``rules.hari_kepatuhan``); two queries, the second only with absences."""
    from kinerja.kalender import absen_pegawai_between

    awal, akhir = date(*bulan_tren[0], 1), min(rules.month_bounds(*bulan_tren[-1])[1], hari_ini)
    if akhir < awal:
        return {}
    absen = absen_pegawai_between(list(pegawai), awal, akhir)
    if not absen:
        return {}
    tercatat = _hari_tercatat(list(absen), awal, akhir)
    hasil: dict[tuple[int, int], tuple[int, int]] = {}
    for m in bulan_tren:
        hk = {w: rules.hari_kerja_dihitung(*m, w, libur, hari_ini) for w in (5, 6)}
        kurang_wajib = kurang_tercatat = 0
        for pid, hari in absen.items():
            if pid not in pegawai:
                continue
            hari_kerja = hk[pegawai[pid].hari_kerja_per_minggu]
            dicatat = tercatat.get(pid, set())
            wajib, isi = rules.hari_kepatuhan(hari_kerja, dicatat, hari)
            kurang_wajib += len(hari_kerja) - wajib
            kurang_tercatat += len(dicatat.intersection(hari_kerja)) - isi
        hasil[m] = (kurang_wajib, kurang_tercatat)
    return hasil


def tren_bulanan(c: Cakupan, unit_id: int, sampai: tuple[int, int], hari_ini: date,
                 jumlah: int = rules.JUMLAH_BULAN_TREN) -> Tren:
    """Kepatuhan and approved minutes per pegawai for the last ``jumlah`` months, same definitions as
    the month view (one grouped query per day over all the months, plus pegawai and holidays)."""
    from kinerja.kalender import holidays_between

    c.unit(unit_id)
    unit_ids = c.subtree(unit_id)
    pegawai = _pegawai(c, unit_ids)
    ids = _pegawai_ids(c, unit_ids)
    inst = instansi()
    target = inst.target_menit_bulanan if inst else 6750
    bulan_tren = rules.bulan_terakhir(*sampai, jumlah)
    awal, akhir = date(*bulan_tren[0], 1), min(rules.month_bounds(*bulan_tren[-1])[1], hari_ini)
    libur = holidays_between(awal, max(akhir, awal))
    enam = [uid for uid in unit_ids if c.units[uid].hari_kerja == 6]
    diajukan = Aktivitas.status != DRAFT
    per_hari = {row[0]: row[1:] for row in db.session.execute(
        select(Aktivitas.tanggal,
               func.count(distinct(case((diajukan, Aktivitas.pegawai_id)))),
               func.count(distinct(case((and_(diajukan, Aktivitas.pegawai_id.in_(
                   select(Pegawai.id).where(Pegawai.unit_id.in_(enam)))), Aktivitas.pegawai_id)))),
               func.coalesce(func.sum(case((Aktivitas.status == DISETUJUI, Aktivitas.durasi_menit), else_=0)), 0))
        .where(Aktivitas.pegawai_id.in_(ids), Aktivitas.tanggal >= awal, Aktivitas.tanggal <= akhir)
        .group_by(Aktivitas.tanggal)
    ).all()}
    jumlah6 = sum(1 for p in pegawai.values() if p.hari_kerja_per_minggu == 6)
    jumlah5 = len(pegawai) - jumlah6
    koreksi = _koreksi_absen_tren(pegawai, bulan_tren, libur, hari_ini)
    kepatuhan, menit = [], []
    for m in bulan_tren:
        hk5 = set(rules.hari_kerja_dihitung(*m, 5, libur, hari_ini))
        hk6 = rules.hari_kerja_dihitung(*m, 6, libur, hari_ini)
        tercatat = total_menit = 0
        s, e = rules.month_bounds(*m)
        for d, (semua, dari_enam, mnt) in per_hari.items():
            if s <= d <= e:
                total_menit += int(mnt or 0)
                tercatat += semua if d in hk5 else (dari_enam if d in hk6 else 0)
        kurang_wajib, kurang_tercatat = koreksi.get(m, (0, 0))
        kepatuhan.append(rules.persen(tercatat - kurang_tercatat,
                                      jumlah5 * len(hk5) + jumlah6 * len(hk6) - kurang_wajib))
        menit.append(total_menit // len(pegawai) if pegawai else None)
    return Tren(bulan_tren, kepatuhan, menit, target)


def baris_daftar_bulan(d: DasborBulan, jenis: str) -> list:
    """The rows behind a number of the month view, worst first."""
    if jenis == "belum-hari-ini":
        return d.belum_hari_ini
    if jenis == "kepatuhan":
        return sorted(d.pegawai, key=lambda a: (a.kepatuhan is None, a.kepatuhan or 0, a.pegawai.nama))
    if jenis == "menit":
        return sorted(d.pegawai, key=lambda a: (a.menit_disetujui, a.pegawai.nama))
    if jenis == "tunggakan":
        return sorted((a for a in d.pegawai if a.menunggu), key=lambda a: (-a.tunggakan, -a.menunggu, a.pegawai.nama))
    return list(d.atasan)


# ------------------------------------------------------------------ the period view


@dataclass
class EvaluasiRingkas:
    id: int
    pegawai_id: int
    unit_id: int | None
    status: str
    tahap: str
    predikat: str | None
    kepala_unit: bool


@dataclass
class AngkaPeriodeKelompok:
    kelompok: Kelompok
    skp: dict[str, int] = field(default_factory=lambda: {s: 0 for s in (*STATUS_SKP, TANPA_SKP)})
    tahap: dict[str, int] = field(default_factory=lambda: {t: 0 for t in ev_rules.TAHAP})
    belum_dibuka: int = 0
    predikat: dict[str, int] = field(default_factory=lambda: {p: 0 for p in ev_rules.URUTAN_KURVA})


@dataclass
class DasborPeriode:
    unit: rules.Unit
    periode: Periode
    pegawai: dict[int, PegawaiRingkas]
    skp_status: dict[int, str]
    evaluasi: dict[int, EvaluasiRingkas]
    kelompok: list[AngkaPeriodeKelompok]
    total: AngkaPeriodeKelompok
    rhk_tanpa_intervensi: dict[int, int]
    capaian: str | None
    capaian_dari: int | None
    kurva: ev_rules.HasilKurva
    kepala_id: int | None

    @property
    def pimpinan_rhk(self) -> list[tuple[PegawaiRingkas, int]]:
        return [(self.pegawai[pid], n) for pid, n in sorted(self.rhk_tanpa_intervensi.items(),
                                                            key=lambda kv: self.pegawai[kv[0]].nama)]


def rhk_tanpa_intervensi_query(c: Cakupan, unit_ids: list[int], tahun: int):
    """RHK of the approved SKPs (of ``tahun``) of leaders in the subtree that no RHK intervenes."""
    anak = aliased(Rhk)
    ids = _pegawai_ids(c, unit_ids)
    pemimpin = select(Pegawai.atasan_id).where(Pegawai.id.in_(ids))
    return (select(Rhk.id, Rhk.uraian, Rhk.jenis, Skp.pegawai_id).join(Skp, Rhk.skp_id == Skp.id)
            .where(Skp.tahun == tahun, Skp.versi > 0, Skp.pegawai_id.in_(ids), Skp.pegawai_id.in_(pemimpin),
                   ~exists().where(anak.rhk_atasan_id == Rhk.id)))


def list_periode() -> list[Periode]:
    return list(db.session.execute(
        select(Periode).order_by(Periode.tanggal_mulai.desc(), Periode.urutan.desc())
    ).scalars())


def dasbor_periode(c: Cakupan, unit_id: int, periode: Periode) -> DasborPeriode:
    """SKP of the period's year, evaluation progress and the kurva of the subtree."""
    unit = c.unit(unit_id)
    unit_ids = c.subtree(unit_id)
    pegawai = _pegawai(c, unit_ids)
    ids = _pegawai_ids(c, unit_ids)
    skp_status = {pid: status for pid, status in db.session.execute(
        select(Skp.pegawai_id, Skp.status).where(Skp.tahun == periode.tahun, Skp.pegawai_id.in_(ids))
    ).all()}
    sudah_disetujui = set(db.session.execute(
        select(Skp.pegawai_id).where(Skp.tahun == periode.tahun, Skp.versi > 0, Skp.pegawai_id.in_(ids))
    ).scalars())
    evaluasi = {r.pegawai_id: EvaluasiRingkas(r.id, r.pegawai_id, r.unit_id, r.status, ev_rules.tahap(r.status),
                                              r.predikat, bool(r.kepala_unit))
                for r in db.session.execute(
                    select(Evaluasi.id, Evaluasi.pegawai_id, Evaluasi.unit_id, Evaluasi.status, Evaluasi.predikat,
                           Evaluasi.kepala_unit)
                    .where(Evaluasi.periode_id == periode.id, Evaluasi.pegawai_id.in_(ids))).all()}
    rhk = _rhk_counts(c, unit_ids, periode.tahun)
    ditetapkan = dict(db.session.execute(
        select(CapaianOrganisasi.unit_id, CapaianOrganisasi.capaian).where(CapaianOrganisasi.periode_id == periode.id)
    ).all())
    capaian, dari = rules.capaian_efektif(unit_id, ditetapkan, c.units)
    kepala = next((p.id for p in pegawai.values() if p.pimpinan and p.unit_id == unit_id), None)
    if c.tim is not None and unit_id in c.akar:
        kepala = c.tim  # the kurva of an atasan's team leaves the atasan out, like a head's

    kelompok, total = [], AngkaPeriodeKelompok(Kelompok(unit_id, unit.nama, False))
    for k in _kelompok(c, unit_id, pegawai):
        ak = AngkaPeriodeKelompok(k)
        for pid in k.pegawai_ids:
            for target in (ak, total):
                target.skp[skp_status.get(pid, TANPA_SKP)] += 1
                ev = evaluasi.get(pid)
                if ev is not None:
                    target.tahap[ev.tahap] += 1
                    if ev.predikat in target.predikat:
                        target.predikat[ev.predikat] += 1
                elif pid in sudah_disetujui:
                    target.belum_dibuka += 1
        kelompok.append(ak)
    predikat_kurva = [ev.predikat for pid, ev in evaluasi.items() if ev.predikat and pid != kepala]
    kurva = ev_rules.cek_kurva(capaian, predikat_kurva)
    return DasborPeriode(unit, periode, pegawai, skp_status, evaluasi, kelompok, total, rhk, capaian, dari, kurva,
                         kepala)


def baris_daftar_periode(d: DasborPeriode, jenis: str, nilai: str) -> list[PegawaiRingkas]:
    """The pegawai behind a number of the period view: SKP status, evaluation stage or predikat ``nilai``."""
    def cocok(pid: int) -> bool:
        ev = d.evaluasi.get(pid)
        if jenis == "skp":
            return d.skp_status.get(pid, TANPA_SKP) == nilai
        if jenis == "evaluasi":
            return ev is not None and ev.tahap == nilai
        return ev is not None and ev.predikat == nilai

    return [p for p in d.pegawai.values() if cocok(p.id)]


def _rhk_counts(c: Cakupan, unit_ids: list[int], tahun: int) -> dict[int, int]:
    sub = rhk_tanpa_intervensi_query(c, unit_ids, tahun).subquery()
    return {pid: int(n) for pid, n in db.session.execute(
        select(sub.c.pegawai_id, func.count()).group_by(sub.c.pegawai_id)).all()}


def daftar_rhk_tanpa_intervensi(c: Cakupan, unit_id: int, tahun: int, pegawai_id: int | None = None):
    c.unit(unit_id)
    stmt = rhk_tanpa_intervensi_query(c, c.subtree(unit_id), tahun)
    if pegawai_id is not None:
        stmt = stmt.where(Skp.pegawai_id == pegawai_id)
    return db.session.execute(stmt.order_by(Skp.pegawai_id, Rhk.urutan, Rhk.id)).all()


def get_periode(periode_id: int | None, periodes: list[Periode], hari_ini: date) -> Periode | None:
    if periode_id is not None:
        chosen = next((p for p in periodes if p.id == periode_id), None)
        if chosen is None:
            raise NotFound()
        return chosen
    started = [p for p in periodes if p.tanggal_mulai <= hari_ini and p.jenis != "akhir"]
    return started[0] if started else (periodes[0] if periodes else None)


# ------------------------------------------------------------------ sosialisasi and pengembangan (issue #14)


@dataclass
class AngkaPengembangan(_Jumlah):
    """Attendance of sosialisasi sessions, mandatory announcements read, JP of one pegawai or a group."""

    jumlah_pegawai: int = 0
    hadir: int = 0
    diundang: int = 0
    dibaca: int = 0
    wajib: int = 0
    jp: int = 0
    mencapai_jp: int = 0

    kehadiran = _rasio("hadir", "diundang")
    keterbacaan = _rasio("dibaca", "wajib")

    JUMLAH = ("jumlah_pegawai", "hadir", "diundang", "dibaca", "wajib", "jp", "mencapai_jp")

    rata_jp = _rasio("jp", "jumlah_pegawai")


@dataclass
class DasborPengembangan:
    tahun: int
    target_jp: int
    pegawai: dict[int, AngkaPengembangan]
    kelompok: list[tuple[Kelompok, AngkaPengembangan]]
    total: AngkaPengembangan


def dasbor_pengembangan(c: Cakupan, unit_id: int, tahun: int,
                        pegawai: dict[int, PegawaiRingkas]) -> DasborPengembangan:
    """Sosialisasi attendance (sessions of ``tahun``), mandatory announcements read and JP of ``tahun`` for the
    subtree's pegawai (``pegawai``: as computed by ``dasbor_periode``), per pegawai and per child unit; three
    grouped queries whatever the number of pegawai."""
    from kinerja.pengembangan import queries as pengembangan
    from kinerja.pengembangan import rules as pengembangan_rules
    from kinerja.pengumuman import queries as pengumuman
    from kinerja.sosialisasi import queries as sosialisasi

    ids = _pegawai_ids(c, c.subtree(unit_id))
    hadir = sosialisasi.kehadiran_per_pegawai(ids, tahun)
    dibaca = pengumuman.keterbacaan_wajib_per_pegawai(ids)
    jp = pengembangan.jp_per_pegawai(tahun, ids)
    angka = {}
    for pid in pegawai:
        capaian = pengembangan_rules.capaian_jp(jp.get(pid, 0))
        angka[pid] = AngkaPengembangan(1, *hadir.get(pid, (0, 0)), *dibaca.get(pid, (0, 0)), capaian.total,
                                       int(capaian.tercapai))
    kelompok, total = [], AngkaPengembangan()
    for k in _kelompok(c, unit_id, pegawai):
        ak = AngkaPengembangan()
        for pid in k.pegawai_ids:
            ak.tambah(angka[pid])
        total.tambah(ak)
        kelompok.append((k, ak))
    return DasborPengembangan(tahun, pengembangan_rules.TARGET_JP_TAHUNAN, angka, kelompok, total)
