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


@dataclass(frozen=True)
class DataUbah:
    uraian: str | None
    target: Decimal | None
    satuan: str | None


def milik_sendiri(actor, rencana_aksi_id: int) -> RencanaAksi:
    """The actor's own rencana aksi (anyone else's: hidden)."""
    pid = pegawai_id_of(actor)
    if pid is None:
        raise PermissionDenied("Hanya pegawai yang menulis rencana aksi.")
    ra = db.session.get(RencanaAksi, rencana_aksi_id)
    if ra is None or ra.rhk.skp.pegawai_id != pid:
        raise NotFound()
    return ra


def _beku(ra: RencanaAksi) -> bool:
    return rules.dibekukan(ra.tanggal_mulai, ra.tanggal_selesai, queries.periode_final(ra.rhk.skp_id))


def ubah(actor, rencana_aksi_id: int, data: DataUbah) -> RencanaAksi:
    """Correct the text, target and unit (the RHK and the period stay) until the evaluation of its period
    is final; the realisasi of approved entries is recomputed from them as before."""
    ra = milik_sendiri(actor, rencana_aksi_id)
    problem = rules.masalah_ubah(_beku(ra))
    if problem:
        raise DomainError(None, problem)
    problem = rules.periksa(data.uraian, data.target, data.satuan)
    if problem:
        raise DomainError(*problem)
    sebelum = _snapshot(ra)
    ra.uraian, ra.target, ra.satuan = data.uraian.strip(), data.target, data.satuan.strip()
    record(actor, "rencana_aksi.ubah", "rencana_aksi", ra.id, sebelum=sebelum, sesudah=_snapshot(ra))
    db.session.commit()
    return ra


@dataclass(frozen=True)
class HasilHapus:
    ra: RencanaAksi
    dilepas: int  # entries not approved yet that lost the link


def hapus(actor, rencana_aksi_id: int) -> HasilHapus:
    """Delete unless frozen or approved entries count toward it; entries not approved yet lose the link."""
    ra = milik_sendiri(actor, rencana_aksi_id)
    disetujui = db.session.execute(select(func.count(Aktivitas.id)).where(
        Aktivitas.rencana_aksi_id == ra.id, Aktivitas.status == queries.DISETUJUI)).scalar_one()
    problem = rules.masalah_hapus(_beku(ra), disetujui)
    if problem:
        raise DomainError(None, problem)
    lain = db.session.execute(select(Aktivitas).where(Aktivitas.rencana_aksi_id == ra.id)).scalars().all()
    for a in lain:
        a.rencana_aksi_id = None
    record(actor, "rencana_aksi.hapus", "rencana_aksi", ra.id, sebelum={**_snapshot(ra), "aktivitas_dilepas": len(lain)})
    db.session.delete(ra)
    db.session.commit()
    return HasilHapus(ra, len(lain))
