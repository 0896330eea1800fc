"""Bukti dukung files of an aktivitas: checking uploads, where they are stored, writing and
removing them.  The use cases in :mod:`kinerja.aktivitas.services` decide when (files are written
just before the commit and removed again if it fails: nothing half-written).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass

from kinerja.aktivitas import rules
from kinerja.errors import DomainError
from kinerja.models import Aktivitas, BuktiDukung

BUKTI_SUBDIR = "bukti"
DEFAULT_BUKTI_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class BuktiUpload:
    """One uploaded file: the name the browser sent and the bytes (read up to the limit + 1)."""

    nama_asli: str | None
    data: bytes


@dataclass
class Berkas:
    """A checked upload waiting to be written once the database checks pass."""

    nama_asli: str
    nama_simpan: str
    mime: str
    data: bytes


def prepare_bukti(files, max_bytes: int) -> list[Berkas]:
    prepared = []
    for upload in files or ():
        if upload is None or (not upload.data and not upload.nama_asli):
            continue
        jenis, mime, nama = rules.check_bukti(upload.nama_asli, upload.data, max_bytes)
        prepared.append(Berkas(nama, f"{secrets.token_hex(16)}.{jenis}", mime, upload.data))
    if len(prepared) > MAX_BUKTI_PER_AKTIVITAS:
        raise DomainError("bukti", f"Paling banyak {MAX_BUKTI_PER_AKTIVITAS} berkas per aktivitas.")
    return prepared


MAX_BUKTI_PER_AKTIVITAS = 5


def bukti_folder(upload_dir) -> str:
    return os.path.join(str(upload_dir), BUKTI_SUBDIR)


def bukti_path(upload_dir, bukti: BuktiDukung) -> str | None:
    """The stored file of a BuktiDukung row (names are ours: 32 hex + extension), or None."""
    nama = bukti.nama_simpan or ""
    stem, _, ext = nama.partition(".")
    if len(stem) != 32 or not all(c in "0123456789abcdef" for c in stem) or ext not in rules.BUKTI_JENIS:
        return None
    path = os.path.join(bukti_folder(upload_dir), nama)
    return path if os.path.isfile(path) else None


def upload_dir_or_default(upload_dir):
    if upload_dir is not None:
        return upload_dir
    from flask import current_app  # the app's configured folder when a caller gives none

    return current_app.config["UPLOAD_DIR"]


def max_bytes_or_default(max_bytes):
    if max_bytes is not None:
        return max_bytes
    from flask import current_app

    return current_app.config.get("BUKTI_MAX_BYTES", DEFAULT_BUKTI_MAX_BYTES)


def attach(item: Aktivitas, berkas: list[Berkas]) -> None:
    for b in berkas:
        item.bukti.append(BuktiDukung(nama_asli=b.nama_asli, nama_simpan=b.nama_simpan, mime=b.mime,
                                      ukuran=len(b.data), sha256=hashlib.sha256(b.data).hexdigest()))


def remove_files(paths) -> None:
    for path in paths:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


def write_files(upload_dir, berkas: list[Berkas], written: list[str]) -> None:
    """Write ``berkas`` under the evidence folder, appending each path to ``written`` as it lands
    (so the caller can remove exactly those if anything fails afterwards)."""
    if berkas:
        os.makedirs(bukti_folder(upload_dir), exist_ok=True)
    for b in berkas:
        path = os.path.join(bukti_folder(upload_dir), b.nama_simpan)
        with open(path, "xb") as fh:
            fh.write(b.data)
        written.append(path)
