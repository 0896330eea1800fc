"""Instansi settings and the logo."""

from __future__ import annotations

import io
import logging
import os
import re
import secrets
import warnings

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from kinerja.audit.services import record
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.format import ribuan
from kinerja.models import Instansi
from kinerja.organisasi.permissions import require_admin
from kinerja.percache import forget, per_request
from kinerja.referensi import (
    ZONA_WAKTU,
)

log = logging.getLogger(__name__)




def get_instansi() -> Instansi:
    """The instansi row, created when missing (for writing and for documents)."""
    inst = find_instansi()
    if inst is None:
        inst = Instansi(nama_pemda="Pemerintah Kabupaten", nama_dinas="", alamat="", kota_ttd="")
        db.session.add(inst)
        db.session.flush()
        forget("instansi")
    return inst


INSTANSI_FIELDS = ("nama_pemda", "nama_dinas", "alamat", "kota_ttd", "zona_waktu",
                   "target_menit_bulanan", "batas_menit_harian", "masa_tenggang_hari_kerja",
                   "kode_pos", "telepon", "surel", "laman", "ukuran_kertas",
                   "batas_pengajuan_skp", "jam_pengingat_harian", "batas_tunggu_verifikasi")
# Reminder settings (flask send-reminders): kept as they are when a caller does not send them.
_PENGINGAT = ("batas_pengajuan_skp", "jam_pengingat_harian", "batas_tunggu_verifikasi")
UKURAN_KERTAS = {"A4": "A4 (210 × 297 mm)", "F4": "F4/Folio (215 × 330 mm)"}


def update_instansi(actor, data: dict) -> Instansi:
    require_admin(actor)
    inst = get_instansi()
    if data.get("zona_waktu") not in ZONA_WAKTU:
        raise DomainError("zona_waktu", "Pilih zona waktu WIB, WITA, atau WIT.")
    if not (60 <= int(data.get("target_menit_bulanan", 0)) <= 20000):
        raise DomainError("target_menit_bulanan", "Target menit bulanan harus antara 60 dan 20.000.")
    if not (60 <= int(data.get("batas_menit_harian", 0)) <= 1440):
        raise DomainError("batas_menit_harian", "Batas menit harian harus antara 60 dan 1.440.")
    if not (0 <= int(data.get("masa_tenggang_hari_kerja", -1)) <= 10):
        raise DomainError("masa_tenggang_hari_kerja", "Masa tenggang harus 0 sampai 10 hari kerja.")
    data = {k: v for k, v in data.items() if not (k in _PENGINGAT[1:] and v is None)}
    if not (0 <= int(data.get("jam_pengingat_harian", 15)) <= 23):
        raise DomainError("jam_pengingat_harian", "Jam pengingat harus 0 sampai 23.")
    if not (1 <= int(data.get("batas_tunggu_verifikasi", 3)) <= 30):
        raise DomainError("batas_tunggu_verifikasi", "Batas tunggu verifikasi harus 1 sampai 30 hari kerja.")
    if data.get("ukuran_kertas", "A4") not in UKURAN_KERTAS:
        raise DomainError("ukuran_kertas", "Pilih ukuran kertas A4 atau F4.")
    data = {k: ("" if v is None and k in ("kode_pos", "telepon", "surel", "laman") else v) for k, v in data.items()}
    data.setdefault("ukuran_kertas", "A4")
    before = {f: getattr(inst, f) for f in INSTANSI_FIELDS}
    for f in INSTANSI_FIELDS:
        if f not in data and f in ("kode_pos", "telepon", "surel", "laman", *_PENGINGAT):
            continue
        value = data.get(f)
        setattr(inst, f, value.strip() if isinstance(value, str) else value)
    after = {f: getattr(inst, f) for f in INSTANSI_FIELDS}
    record(actor, "instansi.ubah", "instansi", inst.id, sebelum=before, sesudah=after)
    db.session.commit()
    return inst


def set_logo(actor, nama_file: str | None) -> Instansi:
    require_admin(actor)
    inst = get_instansi()
    before = inst.logo_nama_file
    inst.logo_nama_file = nama_file
    record(actor, "instansi.logo", "instansi", inst.id, sebelum={"logo": before}, sesudah={"logo": nama_file})
    db.session.commit()
    return inst


LOGO_MAX_PIXELS = 2000


LOGO_SUBDIR = "logo"


def _check_logo_image(data: bytes, max_bytes: int):
    """Return a decoded, fully loaded PIL image, or raise DomainError("logo", ...)."""
    if not data:
        raise DomainError("logo", "Pilih berkas logo terlebih dahulu.")
    if len(data) > max_bytes:
        raise DomainError("logo", f"Berkas logo terlalu besar. Maksimal {ribuan(max_bytes // 1024)} KB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt, size = probe.format, probe.size
                probe.verify()
            if fmt not in {"PNG", "JPEG"}:
                raise DomainError("logo", "Logo harus berupa gambar PNG atau JPEG.")
            if size[0] > LOGO_MAX_PIXELS or size[1] > LOGO_MAX_PIXELS:
                raise DomainError("logo", f"Ukuran logo maksimal {LOGO_MAX_PIXELS}×{LOGO_MAX_PIXELS} piksel "
                                          f"(berkas ini {size[0]}×{size[1]}).")
            image = Image.open(io.BytesIO(data))
            image.load()
    except DomainError:
        raise
    except UnidentifiedImageError as err:
        raise DomainError("logo", "Berkas ini bukan gambar PNG atau JPEG.") from err
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise DomainError("logo", "Berkas gambar rusak atau tidak dapat dibaca. Simpan ulang gambarnya lalu coba lagi.") from err
    return image


def logo_path(upload_dir, nama_file: str | None):
    """The file of the current logo, or None (names are ours: hex + .png)."""
    if not nama_file or not re.fullmatch(r"[0-9a-f]{32}\.png", nama_file):
        return None
    path = os.path.join(str(upload_dir), LOGO_SUBDIR, nama_file)
    return path if os.path.isfile(path) else None


def store_logo(actor, data: bytes, upload_dir, max_bytes: int) -> Instansi:
    """Check an uploaded logo by content, re-encode it as PNG under a generated name, replace the old one."""
    require_admin(actor)
    image = _check_logo_image(data, max_bytes)
    if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    folder = os.path.join(str(upload_dir), LOGO_SUBDIR)
    os.makedirs(folder, exist_ok=True)
    nama_file = f"{secrets.token_hex(16)}.png"
    path = os.path.join(folder, nama_file)
    with open(path, "xb") as fh:
        fh.write(buffer.getvalue())
    old = get_instansi().logo_nama_file
    try:
        inst = set_logo(actor, nama_file)
    except Exception:
        db.session.rollback()
        os.remove(path)
        raise
    old_path = logo_path(upload_dir, old)
    if old_path:
        os.remove(old_path)
    log.info("logo instansi diganti oleh akun %s", actor.id)
    return inst


def remove_logo(actor, upload_dir) -> Instansi:
    require_admin(actor)
    old = get_instansi().logo_nama_file
    inst = set_logo(actor, None)
    old_path = logo_path(upload_dir, old)
    if old_path:
        os.remove(old_path)
    return inst


def find_instansi() -> Instansi | None:
    """The instansi row for reading (``get_instansi`` creates one, for writing); once per request."""
    return per_request("instansi", lambda: db.session.execute(select(Instansi).limit(1)).scalar_one_or_none())
