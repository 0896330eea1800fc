"""Uploaded import files kept between "Periksa" and "Impor Sekarang", so nobody uploads twice.

Stored as ``<UPLOAD_DIR>/impor/<token>.bin`` plus ``<token>.json`` (uploader's akun id, original
name, time).  A token is 32 hex characters, valid for one hour, usable only by its uploader.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from pathlib import Path

MAX_UMUR_DETIK = 3600
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


class UnggahanError(Exception):
    """The token cannot be used.  ``status`` is the HTTP status a view should answer with."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


def _folder(upload_dir: str | Path) -> Path:
    return Path(upload_dir) / "impor"


def valid_token(token: str | None) -> bool:
    return bool(token) and bool(_TOKEN.match(token))


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def purge_expired(upload_dir: str | Path, now: float | None = None) -> int:
    """Delete stored uploads older than an hour; return how many files went."""
    folder = _folder(upload_dir)
    if not folder.is_dir():
        return 0
    limit = (now or time.time()) - MAX_UMUR_DETIK
    removed = 0
    for path in folder.iterdir():
        try:
            if path.suffix in (".bin", ".json") and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def save_upload(upload_dir: str | Path, akun_id: int, data: bytes, nama_berkas: str,
                now: float | None = None) -> str:
    folder = _folder(upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    purge_expired(upload_dir, now)
    token = secrets.token_hex(16)
    _write_private(folder / f"{token}.bin", data)
    meta = {"akun_id": akun_id, "nama_berkas": (nama_berkas or "berkas")[:200], "dibuat": now or time.time()}
    _write_private(folder / f"{token}.json", json.dumps(meta).encode())
    return token


def load_upload(upload_dir: str | Path, token: str | None, akun_id: int,
                now: float | None = None) -> tuple[bytes, str]:
    """(content, original name) of the caller's own, fresh upload; UnggahanError otherwise."""
    if not valid_token(token):
        raise UnggahanError("Token berkas tidak valid. Unggah berkas lagi.", 400)
    folder = _folder(upload_dir)
    gone = UnggahanError("Berkas unggahan tidak ditemukan atau sudah dihapus. Unggah berkas lagi.", 404)
    try:
        meta = json.loads((folder / f"{token}.json").read_text())
        if meta.get("akun_id") != akun_id:
            raise gone
        if (now or time.time()) - float(meta["dibuat"]) >= MAX_UMUR_DETIK:
            delete_upload(upload_dir, token)
            raise UnggahanError("Berkas unggahan sudah lebih dari 1 jam. Unggah dan periksa lagi.", 410)
        return (folder / f"{token}.bin").read_bytes(), str(meta.get("nama_berkas") or "berkas")
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise gone from err


def delete_upload(upload_dir: str | Path, token: str) -> None:
    if not valid_token(token):
        return
    for suffix in (".bin", ".json"):
        try:
            (_folder(upload_dir) / f"{token}{suffix}").unlink()
        except FileNotFoundError:
            pass


def unggahan_peminta(peminta_id: int, token: str):
    """In a background import job: (the account that queued it, the content, the original name) of its
    upload; a DomainError (the job's galat) when the upload is gone or expired."""
    from flask import current_app

    from kinerja.errors import DomainError
    from kinerja.extensions import db
    from kinerja.models import Akun

    actor = db.session.get(Akun, peminta_id)
    try:
        data, nama_berkas = load_upload(current_app.config["UPLOAD_DIR"], token, actor.id)
    except UnggahanError as err:
        raise DomainError(None, err.message) from err
    return actor, data, nama_berkas
