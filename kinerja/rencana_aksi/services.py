"""Rencana aksi use cases: the pegawai adds or removes the steps of his approved SKP's RHK."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from kinerja.audit.services import record
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.models import Aktivitas, RencanaAksi, Rhk
from kinerja.organisasi.permissions import pegawai_id_of
from kinerja.rencana_aksi import queries, rules


@dataclass(frozen=True)
class Data:
    rhk_id: int | None
    kode: str | None
    uraian: str | None
    target: Decimal | None
    satuan: str | None


def _snapshot(ra: RencanaAksi) -> dict:
    return {"rhk_id": ra.rhk_id, "kode": ra.kode, "uraian": ra.uraian, "target": str(ra.target), "satuan": ra.satuan}


def _own_rhk(actor, rhk_id: int | None) -> Rhk:
    pid = pegawai_id_of(actor)
    if pid is None:
        raise PermissionDenied("Hanya pegawai yang menulis rencana aksi.")
    rhk = db.session.get(Rhk, rhk_id) if rhk_id else None
    if rhk is None:
        raise DomainError("rhk_id", "Pilih rencana hasil kerja.")
    if rhk.skp.pegawai_id != pid:
        raise NotFound()
    if not rhk.skp.versi:
        raise DomainError("rhk_id", "Rencana aksi ditulis setelah SKP disetujui atasan.")
    return rhk


def tambah(actor, data: Data) -> RencanaAksi:
    rhk = _own_rhk(actor, data.rhk_id)
    periode = rules.periode_kode(rhk.skp.tahun, queries.pola_tahun(rhk.skp.tahun), data.kode or "")
    if periode is None:
        raise DomainError("kode", "Pilih periode.")
    problem = rules.periksa(data.uraian, data.target, data.satuan)
    if problem:
        raise DomainError(*problem)
    ra = RencanaAksi(rhk_id=rhk.id, kode=periode.kode, tanggal_mulai=periode.mulai, tanggal_selesai=periode.selesai,
                     uraian=data.uraian.strip(), target=data.target, satuan=data.satuan.strip())
    db.session.add(ra)
    db.session.flush()
    record(actor, "rencana_aksi.tambah", "rencana_aksi", ra.id, sesudah=_snapshot(ra))
    db.session.commit()
    return ra


def hapus(actor, rencana_aksi_id: int) -> RencanaAksi:
    ra = db.session.get(RencanaAksi, rencana_aksi_id)
    if ra is None or ra.rhk.skp.pegawai_id != pegawai_id_of(actor):
        raise NotFound()
    dipakai = db.session.execute(
        select(func.count(Aktivitas.id)).where(Aktivitas.rencana_aksi_id == ra.id)).scalar_one()
    if dipakai:
        raise DomainError(None, f"Rencana aksi ini sudah dipakai {dipakai} aktivitas; tidak dapat dihapus.")
    record(actor, "rencana_aksi.hapus", "rencana_aksi", ra.id, sebelum=_snapshot(ra))
    db.session.delete(ra)
    db.session.commit()
    return ra
