"""Kegiatan rutin (issue #15): a pegawai keeps entries that recur ("Apel pagi", 07:30–08:00,
1 kegiatan, RHK X) and adds one to a day with one click.

Routines are private: every read and write is scoped to the acting pegawai (another pegawai's
routine is NotFound).  Adding a routine to a day goes through ``services.create_aktivitas``, so
every rule of a normal entry (grace window, overlap, daily cap, approved RHK) applies.
"""

from __future__ import annotations

import logging
from datetime import date, time
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from kinerja.aktivitas import services
from kinerja.aktivitas.queries import TUGAS_ATASAN
from kinerja.audit.services import record
from kinerja.errors import PESAN_BUKAN_PEGAWAI, DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.format import jam
from kinerja.models import Aktivitas, KegiatanRutin
from kinerja.sekaligus import Bacaan, baca

log = logging.getLogger(__name__)

RUTIN_MAKS = 20  # routines per pegawai: the day view shows them as one row of buttons


def _pegawai_id(actor) -> int:
    pegawai_id = getattr(actor, "pegawai_id", None)
    if pegawai_id is None:
        raise PermissionDenied(PESAN_BUKAN_PEGAWAI)
    return pegawai_id


def daftar(pegawai_id: int) -> list[KegiatanRutin]:
    """The pegawai's routines by start time (one query)."""
    return list(db.session.execute(_daftar_stmt(), {"pegawai_id": pegawai_id}).scalars())


@lru_cache(maxsize=1)
def _daftar_stmt():
    """``daftar``'s statement, built once per process (the day view runs it on every request)."""
    return (select(KegiatanRutin).where(KegiatanRutin.pegawai_id == bindparam("pegawai_id"))
            .options(joinedload(KegiatanRutin.rhk)).order_by(KegiatanRutin.jam_mulai, KegiatanRutin.id))


class Tombol(NamedTuple):
    """A routine as the day view's "+ 07:30–08:00 Apel pagi" button shows it."""

    id: int
    jam_mulai: time
    jam_selesai: time
    uraian: str


def tombol(pegawai_id: int) -> list[Tombol]:
    """The pegawai's routines by start time, as the day view's buttons (one query, plain rows)."""
    return baca(tombol_bacaan(pegawai_id))


def tombol_bacaan(pegawai_id: int) -> Bacaan:
    """``tombol`` as a read the day view makes together with others (kinerja.sekaligus)."""
    return Bacaan(_tombol_stmt(), {"pegawai_id": pegawai_id}, lambda rows: [Tombol(*r) for r in rows])


@lru_cache(maxsize=1)
def _tombol_stmt():
    k = KegiatanRutin
    return (select(k.id, k.jam_mulai, k.jam_selesai, k.uraian).where(k.pegawai_id == bindparam("pegawai_id"))
            .order_by(k.jam_mulai, k.id))


def ambil(actor, rutin_id: int) -> KegiatanRutin:
    """The actor's own routine; NotFound for anyone else's (routines are private)."""
    item = db.session.execute(
        select(KegiatanRutin).where(KegiatanRutin.id == rutin_id, KegiatanRutin.pegawai_id == _pegawai_id(actor))
    ).scalar_one_or_none()
    if item is None:
        raise NotFound()
    return item


def _snapshot(item: KegiatanRutin) -> dict:
    return {"jam_mulai": jam(item.jam_mulai), "jam_selesai": jam(item.jam_selesai), "uraian": item.uraian,
            "volume": str(item.volume), "satuan": item.satuan, "rhk_id": item.rhk_id, "tugas_atasan": item.tugas_atasan}


def label(item: KegiatanRutin) -> str:
    uraian = item.uraian if len(item.uraian) <= 40 else item.uraian[:39] + "…"
    return f"{jam(item.jam_mulai)}–{jam(item.jam_selesai)} {uraian}"


def simpan_dari_aktivitas(actor, aktivitas_id: int) -> KegiatanRutin:
    """Keep one of the actor's own entries as a routine (times, uraian, volume, satuan, RHK)."""
    pegawai_id = _pegawai_id(actor)
    sumber = db.session.get(Aktivitas, aktivitas_id)
    if sumber is None or sumber.pegawai_id != pegawai_id:
        raise NotFound()
    jumlah = db.session.execute(
        select(func.count(KegiatanRutin.id)).where(KegiatanRutin.pegawai_id == pegawai_id)).scalar_one()
    if jumlah >= RUTIN_MAKS:
        raise DomainError(None, f"Kegiatan rutin paling banyak {RUTIN_MAKS}. Hapus yang tidak dipakai lagi di "
                                "halaman Kegiatan Rutin.")
    sama = db.session.execute(select(KegiatanRutin.id).where(
        KegiatanRutin.pegawai_id == pegawai_id, KegiatanRutin.jam_mulai == sumber.jam_mulai,
        KegiatanRutin.jam_selesai == sumber.jam_selesai, KegiatanRutin.uraian == sumber.uraian)).first()
    if sama is not None:
        raise DomainError(None, f"\"{label(sumber)}\" sudah ada di kegiatan rutin Anda.")
    item = KegiatanRutin(pegawai_id=pegawai_id, jam_mulai=sumber.jam_mulai, jam_selesai=sumber.jam_selesai,
                         uraian=sumber.uraian, volume=sumber.volume, satuan=sumber.satuan, rhk_id=sumber.rhk_id,
                         tugas_atasan=sumber.tugas_atasan or sumber.rhk_id is None)
    try:
        db.session.add(item)
        db.session.flush()
        record(actor, "kegiatan_rutin.buat", "kegiatan_rutin", item.id, sesudah=_snapshot(item))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    log.info("kegiatan rutin %s dibuat oleh akun %s dari aktivitas %s", item.id, actor.id, aktivitas_id)
    return item


def hapus(actor, rutin_id: int) -> None:
    item = ambil(actor, rutin_id)
    try:
        record(actor, "kegiatan_rutin.hapus", "kegiatan_rutin", item.id, sebelum=_snapshot(item))
        db.session.delete(item)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    log.info("kegiatan rutin %s dihapus oleh akun %s", rutin_id, actor.id)


def pakai(actor, rutin_id: int, tanggal: date, *, today: date | None = None) -> Aktivitas:
    """Add the routine to ``tanggal`` as a Draft entry (every rule of a normal entry applies)."""
    item = ambil(actor, rutin_id)
    rhk = TUGAS_ATASAN if item.tugas_atasan or item.rhk_id is None else item.rhk_id
    data = services.AktivitasData(tanggal, item.jam_mulai, item.jam_selesai, item.uraian, item.volume, item.satuan,
                                  rhk)
    try:
        return services.create_aktivitas(actor, data, today=today)
    except DomainError as err:
        raise DomainError(None, f"{label(item)}: {err.message}") from None
