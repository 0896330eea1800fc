"""Accounts: authentication with throttling, password changes, session ends."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from kinerja.akun import dua_langkah, pembatasan, sandi
from kinerja.akun.permissions import require_reset_password
from kinerja.akun.rules import password_problem
from kinerja.audit.services import record
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import Akun, Pegawai
from kinerja.nip import normalise_nip
from kinerja.waktu import utcnow

log = logging.getLogger(__name__)

GENERIC_LOGIN_ERROR = "NIP/nama pengguna atau kata sandi salah."
# A hash to check against when the account does not exist, so timing does not tell.
_DUMMY_HASH_CACHE: dict[str, str] = {}


class LoginError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def hash_password(password: str) -> str:
    return sandi.buat(password)


def _dummy_hash() -> str:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASH_CACHE:
        _DUMMY_HASH_CACHE[method] = sandi.buat(secrets.token_hex(16))
    return _DUMMY_HASH_CACHE[method]


def find_akun(identifier: str) -> Akun | None:
    ident = (identifier or "").strip()
    if not ident:
        return None
    nip = normalise_nip(ident)
    if nip.isdigit() and len(nip) == 18:
        return db.session.execute(
            select(Akun).join(Pegawai, Akun.pegawai_id == Pegawai.id).where(Pegawai.nip == nip)
        ).scalar_one_or_none()
    return db.session.execute(
        select(Akun).where(func.lower(Akun.username) == ident.lower())
    ).scalar_one_or_none()


def authenticate(identifier: str, password: str, ip: str | None = None,
                 cookies: Mapping[str, str] | None = None) -> Akun:
    """Check credentials through the throttle gate (kinerja.akun.pembatasan).  Commits.

    Every attempt is in the audit trail.  With two-factor login on, a right password is only the
    first step (``login.sandi_benar``); :func:`kinerja.akun.dua_langkah.verify_login_code` finishes it.
    """
    now = utcnow()
    label = (identifier or "")[:150] or "-"
    akun = find_akun(identifier)
    gerbang = pembatasan.gate(pembatasan.account_key(identifier), akun, ip, cookies)
    wait = gerbang.wait(now)
    if wait:
        record(None, "login.ditolak_terkunci", "login", None,
               sesudah={"identitas": label, "perangkat": gerbang.describe()}, aktor_label=label)
        db.session.commit()
        raise LoginError(pembatasan.locked_message(wait))

    ok = sandi.cocok(akun.password_hash if akun else _dummy_hash(), password or "")
    if ok and akun is not None and akun.is_active:
        gerbang.success()
        if akun.totp_aktif:
            record(akun, "login.sandi_benar", "akun", akun.id, sesudah={"langkah": "menunggu kode verifikasi"})
        else:
            akun.terakhir_masuk = now
            record(akun, "login.berhasil", "akun", akun.id)
        db.session.commit()
        return akun

    locked_for = gerbang.failure(now)
    reason = "akun nonaktif" if (ok and akun is not None) else "kata sandi salah atau akun tidak ada"
    record(akun, "login.gagal", "login", akun.id if akun else None,
           sesudah={"identitas": label, "alasan": reason, "perangkat": gerbang.describe(),
                    "dikunci_menit": locked_for or None},
           aktor_label=label)
    db.session.commit()
    if locked_for:
        raise LoginError(pembatasan.locked_message(locked_for))
    raise LoginError(GENERIC_LOGIN_ERROR)


def remember_device(akun: Akun) -> pembatasan.DeviceCookie:
    """After a complete login: this browser becomes trusted for the account.  Commits."""
    cookie = pembatasan.trust_device(akun)
    db.session.commit()
    return cookie


def confirm_password(actor: Akun, password: str, field: str = "kata_sandi",
                     message: str = "Kata sandi salah.", tujuan: str | None = None) -> None:
    """Password re-entry by a logged-in user (signing, password change, turning 2FA off).

    The one place a password is re-checked: it counts against the same limits as the login form
    (this browser's own counter when it is trusted, else the account and the address), and every
    failure is in the audit trail.  A failure is committed before ``DomainError(field, …)`` is raised,
    so call this before the use case writes anything.
    """
    now = utcnow()
    gerbang = pembatasan.gate(pembatasan.account_key(actor.login_id), actor)
    wait = gerbang.wait(now)
    if wait:
        record(actor, "sandi_ulang.ditolak_terkunci", "akun", actor.id,
               sesudah={"tujuan": tujuan, "perangkat": gerbang.describe()})
        db.session.commit()
        raise DomainError(field, pembatasan.locked_message(wait, "kata sandi"))
    if sandi.cocok(actor.password_hash, password or ""):
        gerbang.success()
        return
    locked_for = gerbang.failure(now)
    record(actor, "sandi_ulang.gagal", "akun", actor.id,
           sesudah={"tujuan": tujuan, "perangkat": gerbang.describe(), "dikunci_menit": locked_for or None})
    db.session.commit()
    raise DomainError(field, pembatasan.locked_message(locked_for, "kata sandi") if locked_for else message)


def _personal_words(akun: Akun) -> tuple[str, ...]:
    words = [akun.username or ""]
    if akun.pegawai is not None:
        words.append(akun.pegawai.nip)
        words.extend(part for part in akun.pegawai.nama.replace(",", " ").split() if len(part) >= 4)
    return tuple(w.lower() for w in words if w)


def change_password(actor: Akun, current_password: str, new_password: str) -> Akun:
    """The account owner changes their password; every other session ends."""
    confirm_password(actor, current_password, "sandi_lama", "Kata sandi saat ini salah.", tujuan="ganti kata sandi")
    if current_password == new_password:
        raise DomainError("sandi_baru", "Kata sandi baru harus berbeda dari kata sandi saat ini.")
    problem = password_problem(new_password, _personal_words(actor))
    if problem:
        raise DomainError("sandi_baru", problem)
    actor.password_hash = hash_password(new_password)
    actor.harus_ganti_sandi = False
    actor.sandi_diganti_at = utcnow()
    actor.session_version = (actor.session_version or 1) + 1
    record(actor, "akun.ganti_sandi", "akun", actor.id)
    db.session.commit()
    log.info("akun %s mengganti kata sandi", actor.id)
    return actor


@dataclass(frozen=True)
class TemporaryPassword:
    akun: Akun
    password: str


def generate_temporary_password() -> str:
    # Four groups of four from an unambiguous alphabet: 19 characters, easy to read aloud.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    groups = ["".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4)]
    return "-".join(groups)


def reset_password(actor: Akun, akun_id: int) -> TemporaryPassword:
    """Admin sets a temporary password that must be changed at the next login."""
    require_reset_password(actor)
    akun = db.session.get(Akun, akun_id)
    if akun is None:
        raise DomainError(None, "Akun tidak ditemukan.")
    password = generate_temporary_password()
    akun.password_hash = hash_password(password)
    akun.harus_ganti_sandi = True
    akun.session_version = (akun.session_version or 1) + 1
    # A reset is how an account is recovered: no browser stays trusted, and a lost second factor
    # is turned off (the user can enrol again from /akun).
    pembatasan.forget_devices(akun)
    had_2fa = akun.totp_aktif
    dua_langkah.turn_off(akun)
    record(actor, "akun.reset_sandi", "akun", akun.id, sesudah={"dua_langkah_dimatikan": had_2fa or None})
    db.session.commit()
    return TemporaryPassword(akun, password)


def end_sessions(actor: Akun) -> None:
    """Logout: every session of this user ends, on every device."""
    actor.session_version = (actor.session_version or 1) + 1
    record(actor, "logout", "akun", actor.id)
    db.session.commit()


def create_admin(username: str, password: str, actor: Akun | None = None, temporary: bool = False) -> Akun:
    username = (username or "").strip()
    if not username or len(username) > 60 or normalise_nip(username).isdigit():
        raise DomainError("username", "Nama pengguna wajib diisi, maksimal 60 karakter, dan bukan angka saja.")
    if db.session.execute(select(Akun).where(func.lower(Akun.username) == username.lower())).first():
        raise DomainError("username", "Nama pengguna sudah dipakai.")
    problem = password_problem(password, (username.lower(),))
    if problem:
        raise DomainError("password", problem)
    akun = Akun(username=username, password_hash=hash_password(password), is_admin=True,
                harus_ganti_sandi=temporary, aktif=True)
    db.session.add(akun)
    db.session.flush()
    record(actor, "akun.buat_admin", "akun", akun.id, sesudah={"username": username},
           aktor_label=None if actor else "cli")
    db.session.commit()
    return akun
