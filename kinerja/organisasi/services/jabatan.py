"""Jabatan (positions)."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from kinerja.audit.services import record
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import Jabatan, Pegawai
from kinerja.organisasi.permissions import require_admin
from kinerja.referensi import (
    JENIS_JABATAN,
    JENJANG_FUNGSIONAL,
)

log = logging.getLogger(__name__)




def save_jabatan(actor, jabatan_id: int | None, nama: str, jenis: str, jenjang: str | None) -> Jabatan:
    require_admin(actor)
    nama = (nama or "").strip()
    if not nama:
        raise DomainError("nama", "Nama jabatan wajib diisi.")
    if jenis not in JENIS_JABATAN:
        raise DomainError("jenis", "Pilih jenis jabatan.")
    jenjang = jenjang or None
    if jenjang and jenjang not in JENJANG_FUNGSIONAL:
        raise DomainError("jenjang", "Jenjang tidak dikenal.")
    if jenjang and jenis != "Fungsional":
        raise DomainError("jenjang", "Jenjang hanya untuk jabatan fungsional.")
    dup = db.session.execute(
        select(Jabatan.id).where(func.lower(Jabatan.nama) == nama.lower(), Jabatan.id != (jabatan_id or 0))
    ).first()
    if dup:
        raise DomainError("nama", "Nama jabatan sudah ada.")
    jab = db.session.get(Jabatan, jabatan_id) if jabatan_id else Jabatan()
    if jab is None:
        raise DomainError(None, "Jabatan tidak ditemukan.")
    before = None if not jabatan_id else {"nama": jab.nama, "jenis": jab.jenis, "jenjang": jab.jenjang}
    jab.nama, jab.jenis, jab.jenjang = nama, jenis, jenjang
    db.session.add(jab)
    db.session.flush()
    record(actor, "jabatan.ubah" if jabatan_id else "jabatan.buat", "jabatan", jab.id, sebelum=before,
           sesudah={"nama": nama, "jenis": jenis, "jenjang": jenjang})
    db.session.commit()
    return jab


def jabatan_choices() -> list[tuple[int, str]]:
    return [(j.id, j.nama) for j in db.session.execute(select(Jabatan).order_by(Jabatan.nama)).scalars()]


def list_jabatan(q: str | None, page: int, per_page: int = 25):
    """A page of jabatan and {jabatan_id: active pegawai holding it} (three queries, whatever the page size)."""
    stmt = select(Jabatan).order_by(Jabatan.nama)
    needle = (q or "").strip()[:100]
    if needle:
        stmt = stmt.where(Jabatan.nama.icontains(needle, autoescape=True))
    result = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    ids = [j.id for j in result.items]
    counts = dict(db.session.execute(
        select(Pegawai.jabatan_id, func.count(Pegawai.id))
        .where(Pegawai.jabatan_id.in_(ids), Pegawai.aktif.is_(True)).group_by(Pegawai.jabatan_id)
    ).all()) if ids else {}
    return result, counts
