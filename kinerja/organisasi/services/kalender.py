"""Working calendar: national holidays, cuti bersama, local days off."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select

from kinerja.audit.services import record
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import HariLibur
from kinerja.organisasi.permissions import require_admin
from kinerja.referensi import (
    JENIS_HARI_LIBUR,
)

log = logging.getLogger(__name__)




def add_hari_libur(actor, tanggal: date, nama: str, jenis: str, sumber: str = "admin") -> HariLibur:
    require_admin(actor)
    nama = (nama or "").strip()
    if not nama:
        raise DomainError("nama", "Nama hari libur wajib diisi.")
    if jenis not in JENIS_HARI_LIBUR:
        raise DomainError("jenis", "Pilih jenis hari libur.")
    if db.session.execute(select(HariLibur.id).where(HariLibur.tanggal == tanggal)).first():
        raise DomainError("tanggal", "Tanggal ini sudah tercatat sebagai hari libur.")
    item = HariLibur(tanggal=tanggal, nama=nama[:150], jenis=jenis, sumber=sumber)
    db.session.add(item)
    db.session.flush()
    record(actor, "kalender.tambah", "hari_libur", item.id, sesudah={"tanggal": tanggal.isoformat(), "nama": nama, "jenis": jenis})
    db.session.commit()
    return item


def remove_hari_libur(actor, hari_libur_id: int) -> None:
    require_admin(actor)
    item = db.session.get(HariLibur, hari_libur_id)
    if item is None:
        raise DomainError(None, "Hari libur tidak ditemukan.")
    record(actor, "kalender.hapus", "hari_libur", item.id,
           sebelum={"tanggal": item.tanggal.isoformat(), "nama": item.nama, "jenis": item.jenis})
    db.session.delete(item)
    db.session.commit()


def national_holidays(year: int) -> list[tuple[date, str, str]]:
    """Indonesian national holidays and cuti bersama from the `holidays` library."""
    import holidays

    result = []
    for tanggal, nama in holidays.Indonesia(years=year, language="id").items():
        result.append((tanggal, nama, "Libur Nasional"))
    for tanggal, nama in holidays.Indonesia(years=year, language="id", categories=("government",)).items():
        result.append((tanggal, nama, "Cuti Bersama"))
    return sorted(result)


def seed_national_holidays(actor, year: int) -> int:
    """Add the year's national holidays and cuti bersama that are not recorded yet."""
    require_admin(actor)
    if not 2000 <= year <= 2100:
        raise DomainError("tahun", "Tahun harus antara 2000 dan 2100.")
    existing = set(db.session.execute(
        select(HariLibur.tanggal).where(HariLibur.tanggal.between(date(year, 1, 1), date(year, 12, 31)))
    ).scalars())
    added = 0
    for tanggal, nama, jenis in national_holidays(year):
        if tanggal in existing:
            continue
        db.session.add(HariLibur(tanggal=tanggal, nama=nama[:150], jenis=jenis, sumber="pustaka"))
        existing.add(tanggal)
        added += 1
    record(actor, "kalender.muat_nasional", "hari_libur", None, sesudah={"tahun": year, "ditambahkan": added})
    db.session.commit()
    return added


def list_hari_libur(year: int) -> list[HariLibur]:
    return list(db.session.execute(
        select(HariLibur).where(HariLibur.tanggal.between(date(year, 1, 1), date(year, 12, 31)))
        .order_by(HariLibur.tanggal)
    ).scalars())
