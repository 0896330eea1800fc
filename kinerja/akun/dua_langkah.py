"""Two-factor login with TOTP (pyotp), QR codes drawn by segno, one-time recovery codes.

Enrolment keeps the new secret in the session until the user proves it with a code; then the
secret is stored on the account and ten recovery codes are shown once (stored hashed).  At login,
the code is checked through the same throttle gate as passwords (key ``kode:<akun id>``).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping

import pyotp
import segno
from flask import current_app
from sqlalchemy import delete, select

from kinerja.akun import pembatasan, sandi
from kinerja.audit.services import record
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import Akun, KodePemulihan
from kinerja.waktu import utcnow

JUMLAH_KODE_PEMULIHAN = 10
_ALFABET = "abcdefghjkmnpqrstuvwxyz23456789"
WRONG_CODE = "Kode verifikasi salah. Periksa jam ponsel Anda atau pakai kode pemulihan."


class CodeError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(akun: Akun, secret: str, issuer: str | None = None) -> str:
    issuer = issuer or current_app.config["TOTP_ISSUER"]
    return pyotp.TOTP(secret).provisioning_uri(name=akun.login_id, issuer_name=issuer)


def qr_data_uri(uri: str) -> str:
    """The otpauth:// address as an SVG QR code (a data: URI the CSP allows for images)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def format_secret(secret: str) -> str:
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _clean(kode: str | None) -> str:
    # ASCII only: "²" and other Unicode digits pass str.isdigit() but are no code (and
    # hmac.compare_digest refuses non-ASCII text).
    return "".join(ch for ch in (kode or "").lower() if ch.isascii() and ch.isalnum())[:40]


def _totp_step(secret: str, kode: str, after: int | None) -> int | None:
    """The time step a 6-digit code is valid for (±30 s), unless that step was already used."""
    if len(kode) != 6 or not kode.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = utcnow()
    current = totp.timecode(now)
    for offset in (0, -1, 1):
        step = current + offset
        if hmac.compare_digest(totp.generate_otp(step), kode):
            return step if after is None or step > after else None
    return None


def _new_recovery_codes(akun: Akun) -> list[str]:
    from kinerja.akun.services import hash_password

    db.session.execute(delete(KodePemulihan).where(KodePemulihan.akun_id == akun.id))
    now = utcnow()
    codes = []
    for _ in range(JUMLAH_KODE_PEMULIHAN):
        raw = "".join(secrets.choice(_ALFABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(KodePemulihan(akun_id=akun.id, kode_hash=hash_password(raw), dibuat_at=now))
    return codes


def enroll(actor: Akun, secret: str, kode: str) -> list[str]:
    """Turn two-factor login on after the user proved the secret with a code; return recovery codes."""
    if actor.totp_aktif:
        raise DomainError(None, "Verifikasi dua langkah sudah aktif.")
    if not secret:
        raise DomainError(None, "Mulai lagi: muat ulang halaman untuk mendapatkan kode QR baru.")
    step = _totp_step(secret, _clean(kode), None)
    if step is None:
        raise DomainError("kode", "Kode tidak cocok. Masukkan 6 angka yang sedang tampil di aplikasi autentikator.")
    actor.totp_rahasia = secret
    actor.totp_aktif_at = utcnow()
    actor.totp_langkah_terakhir = step
    codes = _new_recovery_codes(actor)
    record(actor, "akun.2fa_aktif", "akun", actor.id, sesudah={"kode_pemulihan": len(codes)})
    db.session.commit()
    return codes


def turn_off(akun: Akun) -> None:
    """Clear the second factor (no commit)."""
    akun.totp_rahasia = None
    akun.totp_aktif_at = None
    akun.totp_langkah_terakhir = None
    db.session.execute(delete(KodePemulihan).where(KodePemulihan.akun_id == akun.id))


def disable(actor: Akun, password: str, kode: str) -> None:
    """The owner turns two-factor login off with their password and a current code (or a recovery code)."""
    from kinerja.akun.services import confirm_password

    if not actor.totp_aktif:
        raise DomainError(None, "Verifikasi dua langkah belum aktif.")
    confirm_password(actor, password, "kata_sandi", tujuan="mematikan verifikasi dua langkah")
    try:
        jenis = _check_code(actor, kode)
    except CodeError as err:
        raise DomainError("kode", err.message) from err
    turn_off(actor)
    record(actor, "akun.2fa_nonaktif", "akun", actor.id, sesudah={"dengan": jenis})
    db.session.commit()


def _use_recovery_code(akun: Akun, kode: str) -> bool:
    if len(kode) != 10:
        return False
    rows = db.session.execute(
        select(KodePemulihan).where(KodePemulihan.akun_id == akun.id, KodePemulihan.dipakai_at.is_(None))
    ).scalars().all()
    for row in rows:
        if sandi.cocok(row.kode_hash, kode):
            row.dipakai_at = utcnow()
            return True
    return False


def _check_code(akun: Akun, kode: str, cookies: Mapping[str, str] | None = None) -> str:
    """Check a TOTP or recovery code through the throttle gate; return "totp" or "pemulihan".

    Raises CodeError (failures are recorded and committed first).
    """
    now = utcnow()
    gerbang = pembatasan.gate(f"kode:{akun.id}", akun, cookies=cookies)
    wait = gerbang.wait(now)
    if wait:
        record(akun, "login.kode_ditolak_terkunci", "akun", akun.id, sesudah={"perangkat": gerbang.describe()})
        db.session.commit()
        raise CodeError(pembatasan.locked_message(wait))
    clean = _clean(kode)
    step = _totp_step(akun.totp_rahasia or "", clean, akun.totp_langkah_terakhir)
    if step is not None:
        akun.totp_langkah_terakhir = step
        gerbang.success()
        return "totp"
    if _use_recovery_code(akun, clean):
        gerbang.success()
        sisa = db.session.execute(
            select(KodePemulihan.id).where(KodePemulihan.akun_id == akun.id, KodePemulihan.dipakai_at.is_(None))
        ).all()
        record(akun, "akun.2fa_kode_pemulihan_dipakai", "akun", akun.id, sesudah={"sisa": len(sisa)})
        return "pemulihan"
    locked_for = gerbang.failure(now)
    record(akun, "login.kode_gagal", "akun", akun.id,
           sesudah={"perangkat": gerbang.describe(), "dikunci_menit": locked_for or None})
    db.session.commit()
    raise CodeError(pembatasan.locked_message(locked_for) if locked_for else WRONG_CODE)


def verify_login_code(akun: Akun, kode: str, cookies: Mapping[str, str] | None = None) -> str:
    """The second login step.  Commits; raises CodeError."""
    if not akun.totp_aktif or not akun.is_active:
        raise CodeError("Sesi masuk tidak berlaku lagi. Masuk kembali.")
    jenis = _check_code(akun, kode, cookies)
    akun.terakhir_masuk = utcnow()
    record(akun, "login.berhasil", "akun", akun.id, sesudah={"dua_langkah": jenis})
    db.session.commit()
    return jenis


def remaining_recovery_codes(akun: Akun) -> int:
    from sqlalchemy import func

    return db.session.execute(
        select(func.count(KodePemulihan.id)).where(KodePemulihan.akun_id == akun.id,
                                                   KodePemulihan.dipakai_at.is_(None))
    ).scalar_one()
