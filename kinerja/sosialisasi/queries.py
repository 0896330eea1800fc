"""Read side of sosialisasi sessions: lists, attendance per unit, figures for the dasbor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import joinedload

from kinerja.extensions import baris, db
from kinerja.models import Pegawai, PesertaSosialisasi, SesiSosialisasi, UnitKerja
from kinerja.organisasi.permissions import is_admin, pegawai_id_of
from kinerja.waktu import utcnow

DAFTAR_MAKS = 50


def list_sesi(actor) -> list[SesiSosialisasi]:
    """Sessions the actor organised or is invited to (the admin: all), newest first; one query."""
    own = pegawai_id_of(actor) or 0
    stmt = select(SesiSosialisasi).options(joinedload(SesiSosialisasi.unit)).order_by(
        SesiSosialisasi.waktu_mulai.desc(), SesiSosialisasi.id.desc()).limit(DAFTAR_MAKS)
    if not is_admin(actor):
        diundang = select(PesertaSosialisasi.sesi_id).where(PesertaSosialisasi.pegawai_id == own)
        stmt = stmt.where(or_(SesiSosialisasi.penyelenggara_id == actor.id, SesiSosialisasi.id.in_(diundang)))
    return list(db.session.execute(stmt).scalars())


def hitung_kehadiran(sesi_ids) -> dict[int, tuple[int, int]]:
    """sesi id → (hadir, diundang), one query."""
    if not sesi_ids:
        return {}
    rows = db.session.execute(
        select(PesertaSosialisasi.sesi_id, func.count(), func.sum(func.cast(PesertaSosialisasi.hadir, db.Integer)))
        .where(PesertaSosialisasi.sesi_id.in_(sesi_ids)).group_by(PesertaSosialisasi.sesi_id)).all()
    return {sid: (int(hadir or 0), int(total)) for sid, total, hadir in rows}


def peserta(sesi_id: int) -> list[tuple[PesertaSosialisasi, Pegawai]]:
    return list(db.session.execute(
        select(PesertaSosialisasi, Pegawai).join(Pegawai, Pegawai.id == PesertaSosialisasi.pegawai_id)
        .where(PesertaSosialisasi.sesi_id == sesi_id).options(joinedload(Pegawai.jabatan))
        .order_by(Pegawai.nama)).unique().all())


@dataclass
class RekapUnit:
    unit: str
    hadir: int
    diundang: int
    nama_hadir: list[str]
    nama_absen: list[str]

    @property
    def persen(self) -> int:
        return round(100 * self.hadir / self.diundang) if self.diundang else 0


def rekap_per_unit(sesi_id: int) -> list[RekapUnit]:
    """Per unit (as invited): who attended and who did not."""
    rows = db.session.execute(
        select(UnitKerja.nama, Pegawai.nama, PesertaSosialisasi.hadir)
        .select_from(PesertaSosialisasi).join(Pegawai, Pegawai.id == PesertaSosialisasi.pegawai_id)
        .outerjoin(UnitKerja, UnitKerja.id == PesertaSosialisasi.unit_id)
        .where(PesertaSosialisasi.sesi_id == sesi_id).order_by(UnitKerja.nama, Pegawai.nama)).all()
    per: dict[str, RekapUnit] = {}
    for unit, nama, hadir in rows:
        r = per.setdefault(unit or "Tanpa unit", RekapUnit(unit or "Tanpa unit", 0, 0, [], []))
        r.diundang += 1
        if hadir:
            r.hadir += 1
            r.nama_hadir.append(nama)
        else:
            r.nama_absen.append(nama)
    return list(per.values())


def _kehadiran(stmt, pegawai_ids, tahun: int | None):
    """The filters of the attendance figures: sessions already started, some pegawai, one year."""
    stmt = (stmt.join(SesiSosialisasi, SesiSosialisasi.id == PesertaSosialisasi.sesi_id)
            .where(SesiSosialisasi.waktu_mulai <= utcnow()))
    if pegawai_ids is not None:
        stmt = stmt.where(PesertaSosialisasi.pegawai_id.in_(pegawai_ids))
    if tahun is not None:
        from datetime import UTC

        stmt = stmt.where(SesiSosialisasi.waktu_mulai >= datetime.combine(date(tahun, 1, 1), time(), tzinfo=UTC),
                          SesiSosialisasi.waktu_mulai < datetime.combine(date(tahun + 1, 1, 1), time(), tzinfo=UTC))
    return stmt


def tingkat_kehadiran(pegawai_ids=None, tahun: int | None = None) -> tuple[int, int]:
    """For the dasbor: (attended, invited) over sessions already started, optionally for some pegawai / a year."""
    stmt = _kehadiran(select(func.count(), func.sum(func.cast(PesertaSosialisasi.hadir, db.Integer)))
                      .select_from(PesertaSosialisasi), pegawai_ids, tahun)
    total, hadir = db.session.execute(stmt).one()
    return int(hadir or 0), int(total or 0)


def kehadiran_per_pegawai(pegawai_ids=None, tahun: int | None = None) -> dict[int, tuple[int, int]]:
    """For the dasbor's drill-down: pegawai id → (attended, invited), same definition as ``tingkat_kehadiran``;
    one grouped query."""
    stmt = _kehadiran(select(PesertaSosialisasi.pegawai_id, func.count(),
                             func.sum(func.cast(PesertaSosialisasi.hadir, db.Integer)))
                      .select_from(PesertaSosialisasi), pegawai_ids, tahun)
    return {pid: (int(hadir or 0), int(total or 0))
            for pid, total, hadir in db.session.execute(stmt.group_by(PesertaSosialisasi.pegawai_id))}


def sesi_mendatang(actor, hari: int = 14) -> list:
    """The actor's sessions in the coming two weeks (Beranda), one query: rows of id, judul, waktu_mulai
    and tempat."""
    own = pegawai_id_of(actor)
    if own is None:
        return []
    now = utcnow()
    return baris(_sesi_mendatang_stmt(), {
        "own": own, "dari": now - timedelta(hours=3), "sampai": now + timedelta(days=hari)}).all()


@lru_cache(maxsize=1)
def _sesi_mendatang_stmt():
    return (select(SesiSosialisasi.id, SesiSosialisasi.judul, SesiSosialisasi.waktu_mulai, SesiSosialisasi.tempat)
            .join(PesertaSosialisasi, PesertaSosialisasi.sesi_id == SesiSosialisasi.id)
            .where(PesertaSosialisasi.pegawai_id == bindparam("own"),
                   SesiSosialisasi.waktu_mulai.between(bindparam("dari"), bindparam("sampai")))
            .order_by(SesiSosialisasi.waktu_mulai).limit(5))
