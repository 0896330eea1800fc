"""Import absences from the attendance system's CSV: a dry run first, then all rows or none.

Errors name the spreadsheet row (the header is row 1), like the pegawai import of kinerja.organisasi.impor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from kinerja.audit.services import record
from kinerja.extensions import db
from kinerja.ketidakhadiran import rules
from kinerja.models import Ketidakhadiran, Pegawai
from kinerja.organisasi.permissions import require_admin
from kinerja.waktu import utcnow

MAKS_BYTES = 5 * 1024 * 1024


@dataclass
class HasilImpor:
    baris: list[rules.BarisImpor] = field(default_factory=list)
    galat: list[tuple[int | None, str]] = field(default_factory=list)
    nama: dict[str, str] = field(default_factory=dict)
    ditulis: int = 0

    @property
    def ok(self) -> bool:
        return not self.galat and bool(self.baris)


def _periksa_db(hasil: HasilImpor) -> None:
    nips = {r.nip for r in hasil.baris}
    pegawai = {p.nip: p for p in db.session.execute(select(Pegawai).where(Pegawai.nip.in_(nips))).scalars()}
    hasil.nama = {nip: p.nama for nip, p in pegawai.items()}
    ids = [p.id for p in pegawai.values()]
    ada: dict[int, list[rules.Rentang]] = {}
    if ids:
        for pid, *rentang in db.session.execute(
            select(Ketidakhadiran.pegawai_id, Ketidakhadiran.id, Ketidakhadiran.jenis, Ketidakhadiran.tanggal_mulai,
                   Ketidakhadiran.tanggal_selesai)
            .where(Ketidakhadiran.pegawai_id.in_(ids), Ketidakhadiran.status.in_(rules.MENGHALANGI))
        ).all():
            ada.setdefault(pid, []).append(rules.Rentang(*rentang))
    for r in hasil.baris:
        p = pegawai.get(r.nip)
        if p is None:
            hasil.galat.append((r.baris, f"NIP {r.nip} tidak terdaftar."))
            continue
        bentrok = rules.tumpang_tindih(r.mulai, r.selesai, ada.get(p.id, []))
        if bentrok:
            hasil.galat.append((r.baris, rules.pesan_tumpang(bentrok)))


def periksa(data: bytes) -> HasilImpor:
    """Read and check every row (no write)."""
    hasil = HasilImpor()
    if len(data) > MAKS_BYTES:
        hasil.galat.append((None, "Berkas terlalu besar (maksimal 5 MB)."))
        return hasil
    try:
        rows = rules.baca_csv(data)
    except rules.BerkasError as err:
        hasil.galat.append((None, str(err)))
        return hasil
    for nomor, values in rows:
        checked = rules.periksa_baris(nomor, values)
        if isinstance(checked, str):
            hasil.galat.append((nomor, checked))
        else:
            hasil.baris.append(checked)
    hasil.galat.extend(sorted(rules.tumpang_dalam_berkas(hasil.baris).items()))
    _periksa_db(hasil)
    hasil.galat.sort(key=lambda g: (g[0] or 0))
    return hasil


def impor(actor, data: bytes, jalankan: bool) -> HasilImpor:
    """``jalankan=False``: the dry run.  ``True``: write every row as an approved absence — only when no
    row has an error (all or nothing, one commit)."""
    require_admin(actor)
    hasil = periksa(data)
    if not jalankan or not hasil.ok:
        return hasil
    ids = dict(db.session.execute(select(Pegawai.nip, Pegawai.id).where(
        Pegawai.nip.in_({r.nip for r in hasil.baris}))).all())
    now = utcnow()
    for r in hasil.baris:
        db.session.add(Ketidakhadiran(pegawai_id=ids[r.nip], jenis=r.jenis, tanggal_mulai=r.mulai,
                                      tanggal_selesai=r.selesai, keterangan=r.keterangan, status=rules.DISETUJUI,
                                      sumber="impor", diputus_at=now))
    db.session.flush()
    record(actor, "ketidakhadiran.impor", "ketidakhadiran", None, sesudah={"baris": len(hasil.baris)})
    db.session.commit()
    hasil.ditulis = len(hasil.baris)
    return hasil
