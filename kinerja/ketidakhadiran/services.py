"""Ketidakhadiran use cases: the pegawai requests, the atasan decides, the admin records or imports.

Each takes the acting user, checks, audits and commits once.  Only approved absences change the
pegawai's calendar (kinerja.kalender): what he must log, the Kepatuhan grid, the pro-rata target, the LKH.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from kinerja import unggahan
from kinerja.audit.services import record
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.ketidakhadiran import rules
from kinerja.ketidakhadiran.permissions import can_decide, can_view
from kinerja.models import Ketidakhadiran, Pegawai
from kinerja.notifikasi.services import notify_pegawai
from kinerja.organisasi.permissions import is_admin, pegawai_id_of, require_admin
from kinerja.waktu import utcnow

FOLDER = "ketidakhadiran"


@dataclass(frozen=True)
class Data:
    jenis: str | None
    mulai: date | None
    selesai: date | None
    keterangan: str | None = None


@dataclass(frozen=True)
class Dokumen:
    nama_asli: str | None
    data: bytes


def _snapshot(k: Ketidakhadiran) -> dict:
    return {"pegawai_id": k.pegawai_id, "jenis": k.jenis, "mulai": k.tanggal_mulai.isoformat(),
            "selesai": k.tanggal_selesai.isoformat(), "status": k.status, "sumber": k.sumber,
            "dokumen": k.dokumen_nama}


def rentang_tercatat(pegawai_id: int, mulai: date, selesai: date) -> list[rules.Rentang]:
    rows = db.session.execute(
        select(Ketidakhadiran.id, Ketidakhadiran.jenis, Ketidakhadiran.tanggal_mulai, Ketidakhadiran.tanggal_selesai)
        .where(Ketidakhadiran.pegawai_id == pegawai_id, Ketidakhadiran.status.in_(rules.MENGHALANGI),
               Ketidakhadiran.tanggal_mulai <= selesai, Ketidakhadiran.tanggal_selesai >= mulai)
        .order_by(Ketidakhadiran.tanggal_mulai)
    ).all()
    return [rules.Rentang(*r) for r in rows]


def _check(pegawai_id: int, data: Data) -> None:
    problem = rules.periksa_rentang(data.jenis, data.mulai, data.selesai)
    if problem:
        raise DomainError(*problem)
    bentrok = rules.tumpang_tindih(data.mulai, data.selesai, rentang_tercatat(pegawai_id, data.mulai, data.selesai))
    if bentrok:
        raise DomainError("tanggal_mulai", rules.pesan_tumpang(bentrok))


def _dokumen(dokumen: Dokumen | None) -> unggahan.Berkas | None:
    if dokumen is None or not dokumen.data:
        return None
    return unggahan.check("dokumen", dokumen.nama_asli, dokumen.data, unggahan.max_bytes())


def _simpan(actor, k: Ketidakhadiran, berkas: unggahan.Berkas | None, aksi: str) -> Ketidakhadiran:
    if berkas:
        k.dokumen_nama, k.dokumen_simpan, k.dokumen_mime = berkas.nama_asli, berkas.nama_simpan, berkas.mime
    db.session.add(k)
    db.session.flush()
    record(actor, aksi, "ketidakhadiran", k.id, sesudah=_snapshot(k))
    unggahan.commit_with_files(db.session, FOLDER, [berkas] if berkas else [])
    return k


def ajukan(actor, data: Data, dokumen: Dokumen | None = None) -> Ketidakhadiran:
    """The pegawai requests an absence; his atasan is notified and decides."""
    pid = pegawai_id_of(actor)
    if pid is None:
        raise PermissionDenied("Hanya pegawai yang dapat mengajukan ketidakhadiran.")
    pegawai = db.session.get(Pegawai, pid)
    _check(pid, data)
    berkas = _dokumen(dokumen)
    k = Ketidakhadiran(pegawai_id=pid, jenis=data.jenis, tanggal_mulai=data.mulai, tanggal_selesai=data.selesai,
                       keterangan=(data.keterangan or "").strip() or None, status=rules.DIAJUKAN, sumber="pengajuan")
    from kinerja.atasan import atasan_efektif_id

    atasan_id = atasan_efektif_id(pegawai)  # a Plt/Plh while it runs
    if atasan_id:
        notify_pegawai(atasan_id, f"{pegawai.nama} mengajukan {data.jenis} "
                       f"{data.mulai:%d-%m-%Y} s.d. {data.selesai:%d-%m-%Y}.", "/ketidakhadiran/", "ketidakhadiran")
    return _simpan(actor, k, berkas, "ketidakhadiran.ajukan")


def catat(actor, pegawai_id: int | None, data: Data, dokumen: Dokumen | None = None) -> Ketidakhadiran:
    """The admin records an absence directly (already approved)."""
    require_admin(actor)
    pegawai = db.session.get(Pegawai, pegawai_id) if pegawai_id else None
    if pegawai is None:
        raise DomainError("pegawai_id", "Pilih pegawai.")
    _check(pegawai.id, data)
    berkas = _dokumen(dokumen)
    k = Ketidakhadiran(pegawai_id=pegawai.id, jenis=data.jenis, tanggal_mulai=data.mulai, tanggal_selesai=data.selesai,
                       keterangan=(data.keterangan or "").strip() or None, status=rules.DISETUJUI, sumber="admin",
                       diputus_at=utcnow())
    return _simpan(actor, k, berkas, "ketidakhadiran.catat")


def get(actor, ketidakhadiran_id: int) -> Ketidakhadiran:
    k = db.session.get(Ketidakhadiran, ketidakhadiran_id)
    if k is None or not can_view(actor, k):
        raise NotFound()
    return k


def putuskan(actor, ketidakhadiran_id: int, setuju: bool, catatan: str | None = None) -> Ketidakhadiran:
    """The atasan (or the admin) approves or refuses a request that is still Diajukan."""
    k = get(actor, ketidakhadiran_id)
    if not can_decide(actor, k):
        raise PermissionDenied("Hanya atasan langsung yang dapat memutuskan pengajuan ini.")
    if k.status != rules.DIAJUKAN:
        raise DomainError(None, f"Pengajuan ini sudah {k.status.lower()}.")
    catatan = (catatan or "").strip() or None
    if not setuju and not catatan:
        raise DomainError("catatan", "Tuliskan alasan penolakan.")
    sebelum = _snapshot(k)
    k.status = rules.DISETUJUI if setuju else rules.DITOLAK
    k.diputus_oleh_id, k.diputus_at, k.catatan_keputusan = pegawai_id_of(actor), utcnow(), catatan
    record(actor, "ketidakhadiran.setujui" if setuju else "ketidakhadiran.tolak", "ketidakhadiran", k.id,
           sebelum=sebelum, sesudah=_snapshot(k))
    notify_pegawai(k.pegawai_id, f"Pengajuan {k.jenis} {k.tanggal_mulai:%d-%m-%Y} s.d. {k.tanggal_selesai:%d-%m-%Y} "
                   f"{'disetujui' if setuju else 'ditolak'}.", "/ketidakhadiran/", "ketidakhadiran")
    db.session.commit()
    return k


def batalkan(actor, ketidakhadiran_id: int) -> Ketidakhadiran:
    """The pegawai withdraws his request while it waits; the admin may cancel any absence."""
    k = get(actor, ketidakhadiran_id)
    milik = pegawai_id_of(actor) == k.pegawai_id
    if not (is_admin(actor) or (milik and k.status == rules.DIAJUKAN)):
        raise PermissionDenied("Hanya pengajuan yang masih menunggu yang dapat dibatalkan pegawai.")
    if k.status in (rules.DITOLAK, rules.DIBATALKAN):
        raise DomainError(None, f"Catatan ini sudah {k.status.lower()}.")
    sebelum = _snapshot(k)
    k.status = rules.DIBATALKAN
    record(actor, "ketidakhadiran.batalkan", "ketidakhadiran", k.id, sebelum=sebelum, sesudah=_snapshot(k))
    db.session.commit()
    return k
