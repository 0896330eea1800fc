"""Ketidakhadiran read side: my absences, the requests waiting for me, the admin's list."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from kinerja.extensions import db
from kinerja.ketidakhadiran import rules
from kinerja.models import Ketidakhadiran, Pegawai

PER_PAGE = 50


def milik(pegawai_id: int, limit: int = 100) -> list[Ketidakhadiran]:
    return list(db.session.execute(
        select(Ketidakhadiran).where(Ketidakhadiran.pegawai_id == pegawai_id)
        .order_by(Ketidakhadiran.tanggal_mulai.desc(), Ketidakhadiran.id.desc()).limit(limit)
    ).scalars())


def _bawahan(atasan_id: int):
    """My direct subordinates: while a Plt/Plh runs, the effective ones (kinerja.atasan)."""
    from kinerja.atasan import ada_penugasan, bawahan_efektif_ids

    if ada_penugasan():
        return Pegawai.id.in_(bawahan_efektif_ids(atasan_id))
    return Pegawai.atasan_id == atasan_id


def menunggu(atasan_id: int) -> list[Ketidakhadiran]:
    """Requests of my direct subordinates still waiting for my decision."""
    return list(db.session.execute(
        select(Ketidakhadiran).join(Pegawai, Pegawai.id == Ketidakhadiran.pegawai_id)
        .where(_bawahan(atasan_id), Ketidakhadiran.status == rules.DIAJUKAN)
        .options(joinedload(Ketidakhadiran.pegawai)).order_by(Ketidakhadiran.tanggal_mulai, Ketidakhadiran.id)
    ).scalars())


def jumlah_menunggu(atasan_id: int) -> int:
    return db.session.execute(
        select(func.count()).select_from(Ketidakhadiran).join(Pegawai, Pegawai.id == Ketidakhadiran.pegawai_id)
        .where(_bawahan(atasan_id), Ketidakhadiran.status == rules.DIAJUKAN)
    ).scalar_one()


def semua(page: int = 1) -> tuple[list[Ketidakhadiran], int]:
    """Every absence, newest first, one page (admin)."""
    total = db.session.execute(select(func.count()).select_from(Ketidakhadiran)).scalar_one()
    rows = list(db.session.execute(
        select(Ketidakhadiran).options(joinedload(Ketidakhadiran.pegawai))
        .order_by(Ketidakhadiran.tanggal_mulai.desc(), Ketidakhadiran.id.desc())
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).scalars())
    return rows, total


def pegawai_pilihan() -> list[tuple[int, str]]:
    return [(p.id, f"{p.nama} — {p.nip}") for p in db.session.execute(
        select(Pegawai).where(Pegawai.aktif.is_(True)).order_by(Pegawai.nama, Pegawai.id)).scalars()]
