"""Rencana aksi read side: an SKP's rencana aksi with what approved daily entries delivered."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kinerja.extensions import db
from kinerja.models import Aktivitas, RencanaAksi, Rhk, Skp, TahunKinerja
from kinerja.rencana_aksi import rules

DISETUJUI = "Disetujui"
BUKTI_MAKS = 10  # entries listed as evidence per rencana aksi


def pola_tahun(tahun: int) -> str:
    return db.session.execute(select(TahunKinerja.pola).where(TahunKinerja.tahun == tahun)).scalar_one_or_none() \
        or "semesteran"


@dataclass
class Aksi:
    ra: RencanaAksi
    realisasi: Decimal = Decimal(0)
    entri: int = 0
    bukti: list[Aktivitas] = field(default_factory=list)

    @property
    def persen(self) -> int:
        return rules.persen(self.realisasi, self.ra.target)


@dataclass
class BarisRhk:
    rhk: Rhk
    aksi: list[Aksi]


def _realisasi(ra_ids: list[int], start: date | None = None, end: date | None = None) -> dict[int, tuple[Decimal, int]]:
    """Approved volume and number of entries per rencana aksi (one query), optionally within dates."""
    if not ra_ids:
        return {}
    query = (select(Aktivitas.rencana_aksi_id, func.coalesce(func.sum(Aktivitas.volume), 0), func.count(Aktivitas.id))
             .where(Aktivitas.rencana_aksi_id.in_(ra_ids), Aktivitas.status == DISETUJUI)
             .group_by(Aktivitas.rencana_aksi_id))
    if start is not None:
        query = query.where(Aktivitas.tanggal >= start, Aktivitas.tanggal <= end)
    return {rid: (Decimal(vol), n) for rid, vol, n in db.session.execute(query).all()}


def _bukti(ra_ids: list[int], start: date | None, end: date | None) -> dict[int, list[Aktivitas]]:
    if not ra_ids:
        return {}
    query = (select(Aktivitas).where(Aktivitas.rencana_aksi_id.in_(ra_ids), Aktivitas.status == DISETUJUI)
             .options(selectinload(Aktivitas.bukti)).order_by(Aktivitas.tanggal, Aktivitas.jam_mulai))
    if start is not None:
        query = query.where(Aktivitas.tanggal >= start, Aktivitas.tanggal <= end)
    per: dict[int, list[Aktivitas]] = defaultdict(list)
    for a in db.session.execute(query).scalars():
        if len(per[a.rencana_aksi_id]) < BUKTI_MAKS:
            per[a.rencana_aksi_id].append(a)
    return per


def progres_skp(skp: Skp, start: date | None = None, end: date | None = None, bukti: bool = False) -> list[BarisRhk]:
    """Each RHK of the SKP with its rencana aksi (those whose period overlaps ``start``–``end`` when given),
    the approved volume delivered in their period and, with ``bukti``, the approved entries as evidence."""
    query = (select(RencanaAksi).join(Rhk, Rhk.id == RencanaAksi.rhk_id).where(Rhk.skp_id == skp.id)
             .order_by(RencanaAksi.tanggal_mulai, RencanaAksi.id))
    if start is not None:
        query = query.where(RencanaAksi.tanggal_mulai <= end, RencanaAksi.tanggal_selesai >= start)
    per_rhk: dict[int, list[RencanaAksi]] = defaultdict(list)
    for ra in db.session.execute(query).scalars():
        per_rhk[ra.rhk_id].append(ra)
    ids = [ra.id for items in per_rhk.values() for ra in items]
    real = _realisasi(ids)
    entries = _bukti(ids, start, end) if bukti else {}
    rows = []
    for rhk in skp.rhk:
        aksi = [Aksi(ra, *real.get(ra.id, (Decimal(0), 0)), entries.get(ra.id, [])) for ra in per_rhk.get(rhk.id, [])]
        rows.append(BarisRhk(rhk, aksi))
    return rows


@dataclass
class BarisBulan:
    ra: RencanaAksi
    realisasi: Decimal
    bulan_ini: Decimal

    @property
    def persen(self) -> int:
        return rules.persen(self.realisasi, self.ra.target)


def progres_bulan(pegawai_id: int, bulan: date) -> list[BarisBulan]:
    """The rencana aksi of the pegawai's approved SKP whose period overlaps the month, with progress (3 queries)."""
    first = bulan.replace(day=1)
    last = bulan.replace(day=calendar.monthrange(bulan.year, bulan.month)[1])
    items = list(db.session.execute(
        select(RencanaAksi).join(Rhk, Rhk.id == RencanaAksi.rhk_id).join(Skp, Skp.id == Rhk.skp_id)
        .where(Skp.pegawai_id == pegawai_id, Skp.tahun == bulan.year, Skp.versi > 0,
               RencanaAksi.tanggal_mulai <= last, RencanaAksi.tanggal_selesai >= first)
        .options(selectinload(RencanaAksi.rhk))
        .order_by(Rhk.jenis != "Utama", Rhk.urutan, RencanaAksi.id)
    ).scalars())
    ids = [ra.id for ra in items]
    total, bulan_ini = _realisasi(ids), _realisasi(ids, first, last)
    return [BarisBulan(ra, total.get(ra.id, (Decimal(0), 0))[0], bulan_ini.get(ra.id, (Decimal(0), 0))[0])
            for ra in items]


def skp_sendiri(pegawai_id: int, tahun: int) -> Skp | None:
    """The pegawai's SKP of ``tahun`` that has an approved version (rencana aksi break down approved RHK)."""
    return db.session.execute(
        select(Skp).where(Skp.pegawai_id == pegawai_id, Skp.tahun == tahun, Skp.versi > 0)
        .options(selectinload(Skp.rhk)).order_by(Skp.id.desc()).limit(1)
    ).scalar_one_or_none()


def periode_final(skp_id: int) -> list[tuple[date, date]]:
    """The periods in which an evaluation of the SKP is final (one query): they freeze its rencana aksi."""
    from kinerja.models import Evaluasi, Periode

    return [(m, s) for m, s in db.session.execute(
        select(Periode.tanggal_mulai, Periode.tanggal_selesai).join(Evaluasi, Evaluasi.periode_id == Periode.id)
        .where(Evaluasi.skp_id == skp_id, Evaluasi.final_at.is_not(None))).all()]


def dibekukan_ids(skp: Skp, rows: list[BarisRhk]) -> set[int]:
    """The rencana aksi of the page that may no longer be edited or deleted."""
    final = periode_final(skp.id)
    if not final:
        return set()
    return {a.ra.id for b in rows for a in b.aksi if rules.dibekukan(a.ra.tanggal_mulai, a.ra.tanggal_selesai, final)}
