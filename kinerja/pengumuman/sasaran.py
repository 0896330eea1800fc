"""The audience of an announcement or a sosialisasi session: who may address whom, and who is in it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import aliased

from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import Pegawai, UnitKerja
from kinerja.organisasi.permissions import is_admin
from kinerja.pengumuman import rules


@dataclass(frozen=True)
class Sasaran:
    seluruh_dinas: bool
    unit_id: int | None
    sub_unit: bool
    peran: str


def parent_map() -> dict[int, int | None]:
    return dict(db.session.execute(select(UnitKerja.id, UnitKerja.induk_id).where(UnitKerja.aktif.is_(True))).all())


def _pimpinan_unit(actor) -> int | None:
    pegawai = getattr(actor, "pegawai", None)
    if pegawai is None or not pegawai.pimpinan or not pegawai.aktif:
        return None
    return pegawai.unit_id


def writable(actor, parents: dict[int, int | None] | None = None) -> tuple[bool, set[int]]:
    parents = parent_map() if parents is None else parents
    return rules.writable_units(parents, is_admin(actor), _pimpinan_unit(actor))


def can_address_anyone(actor) -> bool:
    """The admin, or the pimpinan of a unit (the nav's "Tulis Pengumuman")."""
    return is_admin(actor) or _pimpinan_unit(actor) is not None


def unit_choices(actor) -> list[tuple[int, str]]:
    dinas, units = writable(actor)
    if not units:
        return []
    rows = db.session.execute(select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.id.in_(units))
                              .order_by(UnitKerja.nama)).all()
    return [(r.id, r.nama) for r in rows]


def validate(actor, sasaran: Sasaran) -> Sasaran:
    """Refuse an audience the author may not address; normalise the fields."""
    if sasaran.peran not in rules.PERAN:
        raise DomainError("peran", "Pilih peran penerima yang tersedia.")
    parents = parent_map()
    dinas, units = writable(actor, parents)
    if not dinas and not units:
        raise DomainError(None, "Hanya admin atau pimpinan unit yang dapat membuat pengumuman atau sesi sosialisasi.")
    if sasaran.seluruh_dinas:
        if not dinas:
            raise DomainError("cakupan", "Anda hanya dapat menyasar unit Anda sendiri beserta sub-unitnya.")
        return Sasaran(True, None, True, sasaran.peran)
    if sasaran.unit_id is None:
        raise DomainError("unit_id", "Pilih unit kerja penerima.")
    if sasaran.unit_id not in units:
        raise DomainError("unit_id", "Unit kerja ini di luar wewenang Anda.")
    return Sasaran(False, sasaran.unit_id, sasaran.sub_unit, sasaran.peran)


def penerima_query(sasaran: Sasaran):
    """SELECT (Pegawai.id, Pegawai.unit_id) of every active pegawai in the audience."""
    stmt = select(Pegawai.id, Pegawai.unit_id).where(Pegawai.aktif.is_(True))
    if not sasaran.seluruh_dinas:
        units = rules.subtree(parent_map(), sasaran.unit_id) if sasaran.sub_unit else {sasaran.unit_id}
        stmt = stmt.where(Pegawai.unit_id.in_(units))
    if sasaran.peran == "pimpinan":
        stmt = stmt.where(Pegawai.pimpinan.is_(True))
    elif sasaran.peran == "atasan":
        bawahan = aliased(Pegawai)
        stmt = stmt.where(exists().where(and_(bawahan.atasan_id == Pegawai.id, bawahan.aktif.is_(True))))
    return stmt.order_by(Pegawai.id)


def label(obj) -> str:
    return rules.sasaran_label(obj.seluruh_dinas, obj.unit.nama if obj.unit else None, obj.sub_unit, obj.peran)
