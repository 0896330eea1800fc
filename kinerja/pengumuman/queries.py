"""Read side of announcements: the lists, the read-receipt page, the Beranda panel, dasbor figures."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.extensions import baris, db
from kinerja.models import Akun, Pegawai, PenerimaPengumuman, Pengumuman
from kinerja.organisasi.permissions import is_admin, pegawai_id_of

PER_PAGE = 20
PANEL_MAKS = 5


def list_untuk_saya(actor, page: int):
    """Published announcements addressed to the actor, unread first; items are (Pengumuman, dibaca_at)."""
    own = pegawai_id_of(actor) or 0
    stmt = (
        select(Pengumuman, PenerimaPengumuman.dibaca_at)
        .join(PenerimaPengumuman, PenerimaPengumuman.pengumuman_id == Pengumuman.id)
        .where(PenerimaPengumuman.pegawai_id == own, Pengumuman.status == "Terbit")
        .options(selectinload(Pengumuman.lampiran))
        .order_by(case((PenerimaPengumuman.dibaca_at.is_(None), 0), else_=1), Pengumuman.diterbitkan_at.desc(),
                  Pengumuman.id.desc())
    )
    total = db.session.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
    rows = db.session.execute(stmt.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return rows, total


@dataclass
class BarisTulisan:
    pengumuman: Pengumuman
    penulis: str
    dibaca: int
    total: int


def list_tulisan(actor, page: int) -> tuple[list[BarisTulisan], int]:
    """The actor's own announcements (the admin: everyone's), with read counts, newest first."""
    counts = (
        select(PenerimaPengumuman.pengumuman_id.label("pid"), func.count().label("total"),
               func.count(PenerimaPengumuman.dibaca_at).label("dibaca"))
        .group_by(PenerimaPengumuman.pengumuman_id).subquery()
    )
    stmt = (
        select(Pengumuman, Akun, counts.c.total, counts.c.dibaca)
        .join(Akun, Akun.id == Pengumuman.penulis_id)
        .outerjoin(counts, counts.c.pid == Pengumuman.id)
        .options(joinedload(Pengumuman.unit))
        .order_by(Pengumuman.created_at.desc(), Pengumuman.id.desc())
    )
    if not is_admin(actor):
        stmt = stmt.where(Pengumuman.penulis_id == actor.id)
    total = db.session.execute(select(func.count(Pengumuman.id)).where(
        True if is_admin(actor) else Pengumuman.penulis_id == actor.id)).scalar_one()
    rows = db.session.execute(stmt.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).unique().all()
    return [BarisTulisan(p, akun.nama_tampilan, dibaca or 0, t or 0) for p, akun, t, dibaca in rows], total


@dataclass
class Tanda:
    dibaca: int
    total: int
    belum: list[Pegawai]


def tanda_baca(pengumuman_id: int) -> Tanda:
    """"dibaca 17 dari 42" and who has not read it (with unit and jabatan), in two queries."""
    total, dibaca = db.session.execute(
        select(func.count(), func.count(PenerimaPengumuman.dibaca_at)).where(
            PenerimaPengumuman.pengumuman_id == pengumuman_id)).one()
    belum = list(db.session.execute(
        select(Pegawai).join(PenerimaPengumuman, PenerimaPengumuman.pegawai_id == Pegawai.id)
        .where(PenerimaPengumuman.pengumuman_id == pengumuman_id, PenerimaPengumuman.dibaca_at.is_(None))
        .options(joinedload(Pegawai.unit), joinedload(Pegawai.jabatan)).order_by(Pegawai.nama)
    ).unique().scalars())
    return Tanda(dibaca, total, belum)


def belum_dibaca(actor, limit: int = PANEL_MAKS) -> list:
    """Unread announcements for the Beranda (mandatory first), one query: rows of id, judul, wajib and
    diterbitkan_at."""
    own = pegawai_id_of(actor)
    if own is None:
        return []
    return baris(_belum_dibaca_stmt(limit), {"own": own}).all()


@lru_cache(maxsize=2)
def _belum_dibaca_stmt(limit: int):
    return (select(Pengumuman.id, Pengumuman.judul, Pengumuman.wajib, Pengumuman.diterbitkan_at)
            .join(PenerimaPengumuman, PenerimaPengumuman.pengumuman_id == Pengumuman.id)
            .where(PenerimaPengumuman.pegawai_id == bindparam("own"), PenerimaPengumuman.dibaca_at.is_(None),
                   Pengumuman.status == "Terbit")
            .order_by(Pengumuman.wajib.desc(), Pengumuman.diterbitkan_at.desc(), Pengumuman.id.desc()).limit(limit))


def _wajib(stmt, pegawai_ids):
    stmt = (stmt.join(Pengumuman, Pengumuman.id == PenerimaPengumuman.pengumuman_id)
            .where(Pengumuman.wajib.is_(True), Pengumuman.status == "Terbit"))
    if pegawai_ids is not None:
        stmt = stmt.where(PenerimaPengumuman.pegawai_id.in_(pegawai_ids))
    return stmt


def keterbacaan_wajib(pegawai_ids=None) -> tuple[int, int]:
    """For the dasbor: (receipts read, receipts total) of mandatory announcements, optionally for some pegawai."""
    stmt = _wajib(select(func.count(PenerimaPengumuman.dibaca_at), func.count()).select_from(PenerimaPengumuman),
                  pegawai_ids)
    dibaca, total = db.session.execute(stmt).one()
    return dibaca, total


def keterbacaan_wajib_per_pegawai(pegawai_ids=None) -> dict[int, tuple[int, int]]:
    """For the dasbor's drill-down: pegawai id → (read, total), same definition as ``keterbacaan_wajib``;
    one grouped query."""
    stmt = _wajib(select(PenerimaPengumuman.pegawai_id, func.count(PenerimaPengumuman.dibaca_at), func.count())
                  .select_from(PenerimaPengumuman), pegawai_ids)
    return {pid: (int(dibaca), int(total))
            for pid, dibaca, total in db.session.execute(stmt.group_by(PenerimaPengumuman.pegawai_id))}
