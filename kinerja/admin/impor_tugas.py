"""A large pegawai import (above ``IMPOR_BATAS_LATAR`` rows, default 1.000) runs as a background job.

The checked upload stays under its token (kinerja.organisasi.impor.unggahan); the job re-checks and
writes it in one transaction, like "Impor Sekarang" does in the request, reporting each row checked.
"""

from __future__ import annotations

from flask import current_app

from kinerja.database import read_only
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.jobs import Konteks, tugas
from kinerja.organisasi.impor import apply_import, check_import
from kinerja.organisasi.impor.berkas import baca_berkas
from kinerja.organisasi.impor.rules import BerkasError
from kinerja.organisasi.impor.unggahan import delete_upload, unggahan_peminta

JENIS = "impor.pegawai"


def jumlah_baris(data: bytes, nama_berkas: str) -> int:
    try:
        return len(baca_berkas(data, nama_berkas).rows)
    except BerkasError:
        return 0


def perlu_latar(data: bytes, nama_berkas: str) -> bool:
    return jumlah_baris(data, nama_berkas) > current_app.config.get("IMPOR_BATAS_LATAR", 1000)


@tugas(JENIS, judul="Impor pegawai", retries=0)
def impor_pegawai(konteks: Konteks, *, token: str) -> dict:
    upload_dir = current_app.config["UPLOAD_DIR"]
    # First every row is checked, reading only (the progress bar moves; on SQLite the web server keeps
    # writing meanwhile); then the import re-checks and writes everything in one transaction.
    with read_only():
        actor, data, nama_berkas = unggahan_peminta(konteks.peminta_id, token)
        report = check_import(actor, data, nama_berkas, kemajuan=konteks)
        db.session.commit()  # (ends the read; nothing was written)
    if report.valid:
        report = apply_import(actor, data, nama_berkas)
    if not report.applied:
        salah = [f"Baris {r.baris}: {'; '.join(r.errors)}" for r in report.bad_rows][:20]
        raise DomainError(None, " ".join([*report.file_errors, f"{len(report.bad_rows)} baris bermasalah; tidak ada "
                                          "yang disimpan. Perbaiki berkasnya, lalu periksa dan impor lagi.", *salah]))
    delete_upload(upload_dir, token)
    return {"ringkasan": report.ringkasan(), "akun_dibuat": report.akun_dibuat}
