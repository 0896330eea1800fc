"""Uploaded attachments of the C11 features (announcement lampiran, pengembangan evidence).

Type checked by content (never by name), size-limited, stored under ``UPLOAD_DIR/<folder>`` with
generated names, served only as attachments by views that have checked the reader.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from kinerja.errors import DomainError
from kinerja.jenis_berkas import MIME, sniff

JENIS = MIME
NAMA_MAKS = 200
BATAS_BAWAAN = 10 * 1024 * 1024


def clean_name(nama: str | None) -> str:
    nama = (nama or "berkas").replace("\\", "/").rsplit("/", 1)[-1].strip() or "berkas"
    return "".join(ch for ch in nama if ch.isprintable())[:NAMA_MAKS] or "berkas"


@dataclass(frozen=True)
class Berkas:
    nama_asli: str
    nama_simpan: str
    mime: str
    data: bytes


def check(field: str, nama_asli: str | None, data: bytes, max_bytes: int) -> Berkas:
    """Validate one upload or raise DomainError(field, …); the stored name is generated."""
    nama = clean_name(nama_asli)
    if not data:
        raise DomainError(field, f"Berkas {nama} kosong.")
    if len(data) > max_bytes:
        raise DomainError(field, f"Berkas {nama} terlalu besar. Maksimal {max_bytes // (1024 * 1024)} MB.")
    jenis = sniff(data)
    if jenis is None:
        raise DomainError(field, f"Jenis berkas {nama} tidak didukung. Gunakan PDF, JPG, PNG, DOCX, XLSX atau PPTX.")
    return Berkas(nama, f"{secrets.token_hex(16)}.{jenis}", JENIS[jenis], data)


def max_bytes() -> int:
    return int(current_app.config.get("LAMPIRAN_MAX_BYTES", BATAS_BAWAAN))


def folder(sub: str) -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / sub


def path_of(sub: str, nama_simpan: str | None) -> Path | None:
    """The stored file for one of our generated names (32 hex + known extension), or None."""
    nama = nama_simpan or ""
    stem, _, ext = nama.partition(".")
    if len(stem) != 32 or not all(c in "0123456789abcdef" for c in stem) or ext not in JENIS:
        return None
    path = folder(sub) / nama
    return path if path.is_file() else None


def write(sub: str, berkas: list[Berkas]) -> list[Path]:
    """Write new files (never overwriting); return their paths so a failed commit can remove them."""
    target = folder(sub)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        for b in berkas:
            path = target / b.nama_simpan
            with open(path, "xb") as fh:
                fh.write(b.data)
            written.append(path)
    except BaseException:
        remove(written)
        raise
    return written


def remove(paths) -> None:
    for path in paths:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


def commit_with_files(session, sub: str, berkas: list[Berkas]) -> None:
    """Write the files, commit; if the commit fails remove them again (nothing half-written)."""
    written = write(sub, berkas)
    try:
        session.commit()
    except BaseException:
        session.rollback()
        remove(written)
        raise


def send_attachment(sub: str, nama_simpan: str | None, nama_asli: str, mime: str):
    """Serve a stored file as a download (never inline), or 404."""
    from flask import abort, send_file

    path = path_of(sub, nama_simpan)
    if path is None:
        abort(404)
    response = send_file(path, mimetype=mime, as_attachment=True, download_name=clean_name(nama_asli))
    response.headers["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------------ scans of paper signatures / approvals

PINDAIAN_JENIS = ("pdf", "jpg", "png")
BATAS_PINDAIAN = 5 * 1024 * 1024


def simpan_pindaian(nama_asli: str | None, data: bytes, awalan: str) -> tuple[str, str]:
    """Check a scan by its content (PDF/JPG/PNG, ≤ 5 MB) and store it under a generated name.
    Returns (stored name, SHA-256).  Raises DomainError("pindaian")."""
    import os
    from pathlib import Path

    from flask import current_app


    if not data:
        raise DomainError("pindaian", "Unggah pindaian dokumen yang sudah ditandatangani.")
    if len(data) > BATAS_PINDAIAN:
        raise DomainError("pindaian", "Pindaian paling besar 5 MB.")
    jenis = sniff(data)
    if jenis not in PINDAIAN_JENIS:
        raise DomainError("pindaian", "Pindaian harus berkas PDF, JPG, atau PNG (diperiksa dari isinya, bukan namanya).")
    folder = Path(current_app.config["UPLOAD_DIR"]) / "pindaian"
    folder.mkdir(parents=True, exist_ok=True)
    nama = f"{awalan}-{secrets.token_hex(8)}.{jenis}"
    tmp = folder / (nama + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, folder / nama)
    return nama, hashlib.sha256(data).hexdigest()


def pindaian_path(nama: str | None):
    import os
    from pathlib import Path

    from flask import current_app

    if not nama:
        return None
    path = Path(current_app.config["UPLOAD_DIR"]) / "pindaian" / os.path.basename(nama)
    return path if path.is_file() else None


def unduh_pindaian(nama: str | None, nama_unduh: str):
    """A stored scan as a download named ``nama_unduh`` + its suffix (.pdf/.png/.jpg), never cached; 404
    when there is none."""
    from flask import abort, make_response

    path = pindaian_path(nama)
    if path is None:
        abort(404)
    response = make_response(path.read_bytes())
    response.headers["Content-Type"] = {".pdf": "application/pdf", ".png": "image/png"}.get(path.suffix, "image/jpeg")
    response.headers["Content-Disposition"] = f'attachment; filename="{nama_unduh}{path.suffix}"'
    response.headers["Cache-Control"] = "no-store"
    return response
