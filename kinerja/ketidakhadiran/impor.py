"""Import absences from the attendance system's CSV: a dry run first, then all rows or none.

Errors name the spreadsheet row (the header is row 1), like the pegawai import of kinerja.organisasi.impor.

A file above ``IMPOR_BATAS_LATAR`` rows (1.000 by default) is imported by the background job
"impor.ketidakhadiran" (kinerja.jobs), like a large pegawai import: the upload is kept under a token
(kinerja.organisasi.impor.unggahan), the job checks every row reading only (the progress bar moves),
then re-checks and writes everything in one transaction — all or nothing, as in the request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select

from kinerja.audit.services import record
from kinerja.database import read_only
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.format import ribuan
from kinerja.jobs import Konteks, antrekan, tugas
from kinerja.ketidakhadiran import rules
from kinerja.models import Ketidakhadiran, Pegawai, Pekerjaan
from kinerja.organisasi.impor.unggahan import delete_upload, save_upload, unggahan_peminta
from kinerja.organisasi.permissions import require_admin
from kinerja.waktu import utcnow

MAKS_BYTES = 5 * 1024 * 1024
JENIS_TUGAS = "impor.ketidakhadiran"


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


def periksa(data: bytes, kemajuan=None) -> HasilImpor:
    """Read and check every row (no write).  ``kemajuan`` (a job's ``Konteks``) hears of each row checked."""
    hasil = HasilImpor()
    if len(data) > MAKS_BYTES:
        hasil.galat.append((None, "Berkas terlalu besar (maksimal 5 MB)."))
        return hasil
    try:
        rows = rules.baca_csv(data)
    except rules.BerkasError as err:
        hasil.galat.append((None, str(err)))
        return hasil
    if kemajuan is not None:
        kemajuan.mulai(len(rows), keterangan=f"{len(rows)} baris ketidakhadiran")
    for nomor, values in rows:
        if kemajuan is not None:
            kemajuan.maju()
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


# ------------------------------------------------------------------ above IMPOR_BATAS_LATAR rows: a background job


def perlu_latar(data: bytes) -> bool:
    """The file is imported by a background job: more rows than ``IMPOR_BATAS_LATAR`` (a file too big
    or unreadable is refused in the request, with its message)."""
    if len(data) > MAKS_BYTES:
        return False
    try:
        jumlah = len(rules.baca_csv(data))
    except rules.BerkasError:
        return False
    return jumlah > current_app.config.get("IMPOR_BATAS_LATAR", 1000)


def mulai_impor_latar(actor, data: bytes) -> Pekerjaan:
    """Keep the upload and queue its import; the job's page shows the progress.  Commits (antrekan)."""
    require_admin(actor)
    token = save_upload(current_app.config["UPLOAD_DIR"], actor.id, data, "ketidakhadiran.csv")
    return antrekan(JENIS_TUGAS, {"token": token}, peminta=actor, kunci=f"impor.ketidakhadiran:{token}",
                    keterangan="Impor ketidakhadiran dari berkas absensi")


def pekerjaan_impor(pekerjaan_id: int) -> Pekerjaan | None:
    row = db.session.get(Pekerjaan, pekerjaan_id)
    return row if row is not None and row.jenis == JENIS_TUGAS else None


def _pesan_galat(hasil: HasilImpor) -> str:
    salah = [f"Baris {baris}: {pesan}" if baris else pesan for baris, pesan in hasil.galat][:20]
    return " ".join([f"{len(hasil.galat)} kesalahan; tidak ada yang disimpan. Perbaiki berkasnya, lalu impor lagi.",
                     *salah])


@tugas(JENIS_TUGAS, judul="Impor ketidakhadiran", retries=0)
def impor_latar(konteks: Konteks, *, token: str) -> dict:
    # Every row is checked reading only (on SQLite the web server keeps writing meanwhile); then the
    # import re-checks and writes everything in one transaction.
    with read_only():
        actor, data, _ = unggahan_peminta(konteks.peminta_id, token)
        hasil = periksa(data, kemajuan=konteks)
        db.session.commit()  # (ends the read; nothing was written)
    if hasil.ok:
        hasil = impor(actor, data, jalankan=True)
    if not hasil.ditulis:
        raise DomainError(None, _pesan_galat(hasil))
    delete_upload(current_app.config["UPLOAD_DIR"], token)
    return {"ringkasan": f"{ribuan(hasil.ditulis)} ketidakhadiran diimpor.", "ditulis": hasil.ditulis}
