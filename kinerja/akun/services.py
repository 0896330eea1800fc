"""Accounts: authentication with throttling, password changes, session ends."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from kinerja.akun.rules import lock_minutes, password_problem, remaining_minutes
from kinerja.audit.services import record
from kinerja.errors import DomainError, PermissionDenied
from kinerja.extensions import db
from kinerja.models import Akun, LoginThrottle, Pegawai
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
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _dummy_hash() -> str:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASH_CACHE:
        _DUMMY_HASH_CACHE[method] = generate_password_hash(secrets.token_hex(16), method=method)
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


def _throttle_keys(identifier: str, ip: str | None) -> list[str]:
    keys = [f"akun:{normalise_nip(identifier.strip().lower())[:150]}"]
    if ip:
        keys.append(f"ip:{ip}")
    return keys


def _throttles(keys: list[str]) -> dict[str, LoginThrottle]:
    rows = db.session.execute(select(LoginThrottle).where(LoginThrottle.kunci.in_(keys))).scalars()
    return {row.kunci: row for row in rows}


def _locked_message(minutes: int) -> str:
    return f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit."


def authenticate(identifier: str, password: str, ip: str | None) -> Akun:
    """Check credentials, enforcing the per-account and per-address lock.  Commits."""
    cfg = current_app.config
    now = utcnow()
    keys = _throttle_keys(identifier, ip)
    throttles = _throttles(keys)
    ip_limit = cfg["LOGIN_MAX_FAILURES"] * 4  # an office shares one address behind NAT
    for key, row in throttles.items():
        wait = remaining_minutes(row.terkunci_sampai, now)
        if wait:
            record(None, "login.ditolak_terkunci", "login", None, sesudah={"identitas": identifier[:150], "kunci": key},
                   aktor_label=identifier[:150] or "-")
            db.session.commit()
            raise LoginError(_locked_message(wait))

    akun = find_akun(identifier)
    ok = check_password_hash(akun.password_hash if akun else _dummy_hash(), password or "")
    if ok and akun is not None and akun.is_active:
        for row in throttles.values():
            if row.kunci.startswith("akun:"):
                db.session.delete(row)
            else:
                row.gagal = max(0, row.gagal - 1)
        akun.terakhir_masuk = now
        record(akun, "login.berhasil", "akun", akun.id)
        db.session.commit()
        return akun

    # Failure: count against the account key and the address key.
    locked_for = 0
    for key in keys:
        row = throttles.get(key)
        if row is None:
            row = LoginThrottle(kunci=key, gagal=0, jumlah_kunci=0)
            db.session.add(row)
        row.gagal = (row.gagal or 0) + 1
        row.terakhir_gagal = now
        limit = cfg["LOGIN_MAX_FAILURES"] if key.startswith("akun:") else ip_limit
        if row.gagal >= limit:
            minutes = lock_minutes(row.jumlah_kunci or 0, cfg["LOGIN_LOCK_MINUTES"])
            row.terkunci_sampai = now + timedelta(minutes=minutes)
            row.jumlah_kunci = (row.jumlah_kunci or 0) + 1
            row.gagal = 0
            locked_for = max(locked_for, minutes)
    reason = "akun nonaktif" if (ok and akun is not None) else "kata sandi salah atau akun tidak ada"
    record(akun, "login.gagal", "login", akun.id if akun else None,
           sesudah={"identitas": identifier[:150], "alasan": reason, "dikunci_menit": locked_for or None},
           aktor_label=identifier[:150] or "-")
    db.session.commit()
    if locked_for:
        raise LoginError(_locked_message(locked_for))
    raise LoginError(GENERIC_LOGIN_ERROR)


def _personal_words(akun: Akun) -> tuple[str, ...]:
    words = [akun.username or ""]
    if akun.pegawai is not None:
        words.append(akun.pegawai.nip)
        words.extend(part for part in akun.pegawai.nama.replace(",", " ").split() if len(part) >= 4)
    return tuple(w.lower() for w in words if w)


def change_password(actor: Akun, current_password: str, new_password: str) -> Akun:
    """The account owner changes their password; every other session ends."""
    if not check_password_hash(actor.password_hash, current_password or ""):
        raise DomainError("sandi_lama", "Kata sandi saat ini salah.")
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
    if not actor.is_admin:
        raise PermissionDenied()
    akun = db.session.get(Akun, akun_id)
    if akun is None:
        raise DomainError(None, "Akun tidak ditemukan.")
    password = generate_temporary_password()
    akun.password_hash = hash_password(password)
    akun.harus_ganti_sandi = True
    akun.session_version = (akun.session_version or 1) + 1
    record(actor, "akun.reset_sandi", "akun", akun.id)
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
