"""Tahun Kinerja use cases (admin).  Each takes the acting user, checks, writes, audits, commits once."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kinerja.audit.services import record
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.models import Periode, TahunKinerja
from kinerja.periode.rules import batas_problem, periode_untuk, pola_problem, tahun_problem

log = logging.getLogger(__name__)


def _require_admin(actor) -> None:
    if actor is None or not getattr(actor, "is_admin", False):
        raise PermissionDenied()


def list_tahun_kinerja(actor) -> list[TahunKinerja]:
    _require_admin(actor)
    return list(db.session.execute(
        select(TahunKinerja).options(selectinload(TahunKinerja.periode)).order_by(TahunKinerja.tahun.desc())
    ).scalars())


def get_tahun_kinerja(actor, tahun: int) -> TahunKinerja:
    _require_admin(actor)
    tk = db.session.execute(
        select(TahunKinerja).where(TahunKinerja.tahun == tahun).options(selectinload(TahunKinerja.periode))
    ).scalar_one_or_none()
    if tk is None:
        raise NotFound()
    return tk


def tahun_dibuka() -> list[int]:
    """Years with an active Tahun Kinerja (for "Buat SKP"); readable by everyone."""
    return list(db.session.execute(
        select(TahunKinerja.tahun).where(TahunKinerja.aktif.is_(True)).order_by(TahunKinerja.tahun.desc())
    ).scalars())


def create_tahun_kinerja(actor, tahun: int | None, pola: str | None) -> TahunKinerja:
    _require_admin(actor)
    problem = tahun_problem(tahun)
    if problem:
        raise DomainError("tahun", problem)
    problem = pola_problem(pola)
    if problem:
        raise DomainError("pola", problem)
    exists = db.session.execute(select(TahunKinerja.id).where(TahunKinerja.tahun == tahun)).first()
    if exists:
        raise DomainError("tahun", f"Tahun kinerja {tahun} sudah ada. Buka tahun tersebut untuk mengubah periodenya.")
    tk = TahunKinerja(tahun=tahun, pola=pola, aktif=True)
    for spec in periode_untuk(tahun, pola):
        tk.periode.append(Periode(kode=spec.kode, nama=spec.nama, jenis=spec.jenis, tanggal_mulai=spec.tanggal_mulai,
                                  tanggal_selesai=spec.tanggal_selesai, batas_pengisian=spec.batas_pengisian,
                                  urutan=spec.urutan))
    db.session.add(tk)
    db.session.flush()
    record(actor, "tahun_kinerja.buat", "tahun_kinerja", tk.id,
           sesudah={"tahun": tahun, "pola": pola, "periode": [p.kode for p in tk.periode]})
    db.session.commit()
    log.info("tahun kinerja %s (%s) dibuat oleh akun %s", tahun, pola, actor.id)
    return tk


def update_batas_pengisian(actor, periode_id: int, batas: date | None) -> Periode:
    _require_admin(actor)
    periode = db.session.get(Periode, periode_id)
    if periode is None:
        raise NotFound()
    problem = batas_problem(periode.tanggal_selesai, batas)
    if problem:
        raise DomainError("batas_pengisian", problem)
    before = periode.batas_pengisian.isoformat()
    periode.batas_pengisian = batas
    record(actor, "periode.ubah_batas", "periode", periode.id,
           sebelum={"batas_pengisian": before}, sesudah={"batas_pengisian": batas.isoformat()})
    db.session.commit()
    return periode


def set_ttd_lebih_awal(actor, periode_id: int, izinkan: bool) -> Periode:
    """Allow (or stop allowing) evaluations of a period to be signed before the period has ended."""
    _require_admin(actor)
    periode = db.session.get(Periode, periode_id)
    if periode is None:
        raise NotFound()
    if bool(periode.ttd_lebih_awal) != izinkan:
        periode.ttd_lebih_awal = izinkan
        record(actor, "periode.ttd_lebih_awal", "periode", periode.id,
               sebelum={"ttd_lebih_awal": not izinkan}, sesudah={"ttd_lebih_awal": izinkan})
        db.session.commit()
    return periode


def set_tahun_aktif(actor, tahun: int, aktif: bool) -> TahunKinerja:
    tk = get_tahun_kinerja(actor, tahun)
    if tk.aktif != aktif:
        tk.aktif = aktif
        record(actor, "tahun_kinerja.aktif" if aktif else "tahun_kinerja.nonaktif", "tahun_kinerja", tk.id,
               sebelum={"aktif": not aktif}, sesudah={"aktif": aktif})
        db.session.commit()
    return tk
