"""Unit kerja: the organisation tree."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select

from kinerja.audit.services import record
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import Pegawai, UnitKerja
from kinerja.organisasi.permissions import require_admin
from kinerja.paginasi import HalamanDaftar
from kinerja.referensi import (
    HARI_KERJA_PER_MINGGU,
)

log = logging.getLogger(__name__)




def _unit_cycle(unit_id: int | None, induk_id: int | None) -> bool:
    current = induk_id
    seen = set()
    while current is not None:
        if current == unit_id or current in seen:
            return True
        seen.add(current)
        current = db.session.execute(select(UnitKerja.induk_id).where(UnitKerja.id == current)).scalar_one_or_none()
    return False


def save_unit(actor, unit_id: int | None, nama: str, singkatan: str | None, induk_id: int | None,  # noqa: PLR0913  a unit kerja is these fields (called from form and import)
              hari_kerja_per_minggu: int, aktif: bool = True) -> UnitKerja:
    require_admin(actor)
    nama = (nama or "").strip()
    if not nama:
        raise DomainError("nama", "Nama unit kerja wajib diisi.")
    if hari_kerja_per_minggu not in HARI_KERJA_PER_MINGGU:
        raise DomainError("hari_kerja_per_minggu", "Hari kerja per minggu harus 5 atau 6.")
    if induk_id is not None and db.session.get(UnitKerja, induk_id) is None:
        raise DomainError("induk_id", "Unit induk tidak ditemukan.")
    unit = db.session.get(UnitKerja, unit_id) if unit_id else UnitKerja()
    if unit is None:
        raise DomainError(None, "Unit kerja tidak ditemukan.")
    if unit_id and _unit_cycle(unit_id, induk_id):
        raise DomainError("induk_id", "Unit induk tidak boleh unit itu sendiri atau unit di bawahnya.")
    dup = db.session.execute(
        select(UnitKerja.id).where(func.lower(UnitKerja.nama) == nama.lower(), UnitKerja.id != (unit_id or 0))
    ).first()
    if dup:
        raise DomainError("nama", "Nama unit kerja sudah dipakai.")
    before = None if not unit_id else {"nama": unit.nama, "induk_id": unit.induk_id,
                                       "hari_kerja_per_minggu": unit.hari_kerja_per_minggu, "aktif": unit.aktif}
    unit.nama, unit.singkatan, unit.induk_id = nama, (singkatan or "").strip() or None, induk_id
    unit.hari_kerja_per_minggu, unit.aktif = hari_kerja_per_minggu, aktif
    db.session.add(unit)
    db.session.flush()
    record(actor, "unit.ubah" if unit_id else "unit.buat", "unit_kerja", unit.id, sebelum=before,
           sesudah={"nama": unit.nama, "induk_id": unit.induk_id,
                    "hari_kerja_per_minggu": unit.hari_kerja_per_minggu, "aktif": unit.aktif})
    db.session.commit()
    return unit


@dataclass(frozen=True)
class UnitRow:
    """One line of the unit kerja tree: the unit, its depth, its head and its active staff count."""

    unit: UnitKerja
    depth: int
    pimpinan: Pegawai | None
    jumlah_pegawai: int


def _walk_tree(units: list[UnitKerja]) -> list[tuple[UnitKerja, int]]:
    """Depth-first order (by nama) from the roots; units in a broken loop come last, at depth 0."""
    children: dict[int | None, list[UnitKerja]] = {}
    ids = {u.id for u in units}
    for u in units:
        parent = u.induk_id if u.induk_id in ids else None
        children.setdefault(parent, []).append(u)
    for siblings in children.values():
        siblings.sort(key=lambda u: u.nama.lower())
    ordered: list[tuple[UnitKerja, int]] = []
    seen: set[int] = set()
    stack = [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        if unit.id in seen:
            continue
        seen.add(unit.id)
        ordered.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.id, [])))
    ordered.extend((u, 0) for u in sorted(units, key=lambda u: u.nama.lower()) if u.id not in seen)
    return ordered


def unit_tree(q: str | None = None, page: int = 1, per_page: int = 25) -> HalamanDaftar:
    """One page of the unit kerja tree (depth-first) in three queries; with ``q``, matching units and
    their ancestors.  Heads and staff counts are read for the page's units only."""
    units = list(db.session.execute(select(UnitKerja)).scalars())
    rows = _walk_tree(units)
    needle = (q or "").strip().lower()
    if needle:
        by_id = {u.id: u for u in units}
        keep: set[int] = set()
        for u in units:
            if needle in u.nama.lower() or needle in (u.singkatan or "").lower():
                current: UnitKerja | None = u
                while current is not None and current.id not in keep:
                    keep.add(current.id)
                    current = by_id.get(current.induk_id)
        rows = [(u, d) for u, d in rows if u.id in keep]
    halaman = HalamanDaftar.dari(rows, page, per_page)
    ids = [u.id for u, _ in halaman.items]
    counts = dict(db.session.execute(
        select(Pegawai.unit_id, func.count(Pegawai.id)).where(Pegawai.aktif.is_(True), Pegawai.unit_id.in_(ids))
        .group_by(Pegawai.unit_id)
    ).all()) if ids else {}
    heads = {p.unit_id: p for p in db.session.execute(
        select(Pegawai).where(Pegawai.pimpinan.is_(True), Pegawai.aktif.is_(True), Pegawai.unit_id.in_(ids))
    ).scalars()} if ids else {}
    halaman.items = [UnitRow(u, d, heads.get(u.id), counts.get(u.id, 0)) for u, d in halaman.items]
    return halaman


def unit_choices(exclude_subtree_of: int | None = None) -> list[tuple[int, str]]:
    """(id, label indented by depth) for select boxes; optionally without one unit and everything below it."""
    rows = _walk_tree(list(db.session.execute(select(UnitKerja)).scalars()))
    result, skip_depth = [], None
    for unit, depth in rows:
        if skip_depth is not None and depth > skip_depth:
            continue
        skip_depth = None
        if unit.id == exclude_subtree_of:
            skip_depth = depth
            continue
        label = ("\u2014 " * depth) + unit.nama + ("" if unit.aktif else " (nonaktif)")
        result.append((unit.id, label))
    return result
