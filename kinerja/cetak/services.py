"""Cetak Massal use cases: start (scoped, audited), follow, cancel, download."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from sqlalchemy import select

from kinerja.akses import is_admin
from kinerja.audit import services as audit
from kinerja.cetak import rules
from kinerja.cetak.bangun import Permintaan, induk_unit
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.jobs import antrekan, minta_batal
from kinerja.models import Periode, UnitKerja
from kinerja.models.pekerjaan import Pekerjaan
from kinerja.waktu import utcnow

JENIS = "cetak.massal"
PESAN_BUKAN_PIMPINAN = "Cetak Massal hanya untuk admin kepegawaian dan pimpinan unit kerja."


def unit_pimpinan(actor) -> int | None:
    pegawai = getattr(actor, "pegawai", None)
    if pegawai is None or not pegawai.pimpinan or not pegawai.aktif:
        return None
    return pegawai.unit_id


def can_use(actor) -> bool:
    """Navigation predicate: the admin and every head of a unit (pimpinan)."""
    return is_admin(actor) or unit_pimpinan(actor) is not None


def cakupan(actor) -> set[int]:
    return rules.unit_boleh(induk_unit(), is_admin(actor), unit_pimpinan(actor))


def pilihan_unit(actor) -> list[tuple[int, str]]:
    boleh = cakupan(actor)
    rows = db.session.execute(select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.id.in_(boleh))
                              .order_by(UnitKerja.nama)).all()
    return [(r.id, r.nama) for r in rows]


def pilihan_periode() -> list[tuple[int, str]]:
    rows = db.session.scalars(select(Periode).order_by(Periode.tanggal_mulai.desc(), Periode.urutan)).all()
    return [(p.id, f"{p.nama} {p.tahun}") for p in rows]


def _permintaan(actor, data: dict) -> Permintaan:
    if not can_use(actor):
        raise PermissionDenied(PESAN_BUKAN_PIMPINAN)
    unit_id, sub_unit = data.get("unit_id"), bool(data.get("sub_unit", True))
    if unit_id is None:
        sub_unit = True  # "everything": the whole dinas, or a pimpinan's own subtree
        if not is_admin(actor):
            unit_id = unit_pimpinan(actor)
    if unit_id is not None and unit_id not in cakupan(actor):
        raise DomainError("unit_id", "Pilih unit kerja yang tersedia.")
    periode = db.session.get(Periode, data.get("periode_id") or 0)
    if periode is None:
        raise DomainError("periode_id", "Pilih periode.")
    try:
        dokumen = rules.urai_dokumen(data.get("dokumen"))
    except ValueError as err:
        raise DomainError("dokumen", str(err)) from err
    if not dokumen:
        raise DomainError("dokumen", "Pilih minimal satu dokumen.")
    bulan = data.get("bulan")
    if "LKH" in dokumen and not (isinstance(bulan, int) and 1 <= bulan <= 12):
        raise DomainError("bulan", "Pilih bulan LKH yang dicetak.")
    fmt = data.get("format") or "zip"
    if fmt not in rules.FORMAT:
        raise DomainError("format", "Pilih ZIP atau PDF gabungan.")
    return Permintaan(periode.id, tuple(dokumen), unit_id, sub_unit,
                      bulan if "LKH" in dokumen else None, fmt)


def mulai_cetak(actor, data: dict) -> Pekerjaan:
    """Queue one Cetak Massal; the job row is the request (it survives a restart of the server)."""
    p = _permintaan(actor, data)
    periode = db.session.get(Periode, p.periode_id)
    unit = db.session.get(UnitKerja, p.unit_id) if p.unit_id else None
    keterangan = f"{periode.nama} {periode.tahun} — {unit.nama if unit else 'seluruh dinas'}" \
                 f"{' dan sub-unit' if unit and p.sub_unit else ''}: {', '.join(p.dokumen)}"
    row = antrekan(JENIS, p.params(), peminta=actor, keterangan=keterangan)
    audit.record(actor, "cetak_massal.mulai", "pekerjaan", row.id, sesudah=p.params())
    db.session.commit()
    return row


def get_cetak(actor, pekerjaan_id: int) -> Pekerjaan:
    """A Cetak Massal the actor asked for (the admin: any); anything else is 404."""
    row = db.session.get(Pekerjaan, pekerjaan_id)
    if row is None or row.jenis != JENIS or not can_use(actor):
        raise NotFound()
    if not is_admin(actor) and row.peminta_id != getattr(actor, "id", None):
        raise NotFound()
    return row


def daftar(actor, batas: int = 20) -> list[Pekerjaan]:
    query = select(Pekerjaan).where(Pekerjaan.jenis == JENIS)
    if not is_admin(actor):
        query = query.where(Pekerjaan.peminta_id == actor.id)
    return list(db.session.scalars(query.order_by(Pekerjaan.created_at.desc(), Pekerjaan.id.desc()).limit(batas)))


def batalkan(actor, pekerjaan_id: int) -> None:
    row = get_cetak(actor, pekerjaan_id)
    if row.akhir or not minta_batal(row.id):
        raise DomainError(None, "Cetak Massal ini sudah berakhir; tidak ada yang dibatalkan.")
    audit.record(actor, "cetak_massal.batal", "pekerjaan", row.id)
    db.session.commit()


def path_hasil(row: Pekerjaan) -> Path | None:
    if not row.berkas_hasil:
        return None
    path = Path(current_app.config["UPLOAD_DIR"]) / row.berkas_hasil
    return path if path.is_file() else None


def berkas_unduhan(actor, pekerjaan_id: int) -> tuple[Path, str]:
    """The finished file, while it is kept (7 days); else 404."""
    row = get_cetak(actor, pekerjaan_id)
    path = path_hasil(row) if row.status == "selesai" else None
    if path is None or (row.kedaluwarsa_at and row.kedaluwarsa_at < utcnow()):
        raise NotFound()
    audit.record_read(actor, "cetak_massal", row.id, None)
    return path, row.nama_hasil or path.name
