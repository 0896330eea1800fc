"""Login throttling with OWASP device cookies, shared by every place a secret is checked.

A browser that logged in successfully as an account gets a signed cookie (per account, with expiry)
naming a random nonce whose SHA-256 is stored in ``perangkat_tepercaya``.  When that browser tries
again, only its own failure counter applies: failures from elsewhere cannot lock it out.  Other
browsers are limited per account identifier (or per account for 2FA codes) and per client address.
Counters live in ``login_throttle`` so every app process sees them.  Nothing here commits.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from kinerja.akun import rules
from kinerja.audit.context import DEVICE_COOKIE_PREFIX, client_address, device_cookies
from kinerja.extensions import db
from kinerja.models import Akun, LoginThrottle, PerangkatTepercaya
from kinerja.nip import normalise_nip
from kinerja.waktu import utcnow

_SALT = "kinerja-perangkat-tepercaya"


def locked_message(minutes: int, apa: str = "masuk") -> str:
    return f"Terlalu banyak percobaan {apa} yang gagal. Coba lagi dalam {minutes} menit."


# ------------------------------------------------------------------ device cookies

def cookie_name(akun_id: int) -> str:
    return f"{DEVICE_COOKIE_PREFIX}{akun_id}"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def _max_age() -> int:
    return int(current_app.config["DEVICE_COOKIE_DAYS"]) * 86400


@dataclass(frozen=True)
class DeviceCookie:
    name: str
    value: str
    max_age: int


def trust_device(akun: Akun, cookies: Mapping[str, str] | None = None) -> DeviceCookie:
    """After a complete login: renew this browser's device record for the account, or make one."""
    now = utcnow()
    db.session.execute(delete(PerangkatTepercaya).where(PerangkatTepercaya.akun_id == akun.id,
                                                        PerangkatTepercaya.kedaluwarsa_at <= now))
    existing = find_trusted(akun, cookies)
    if existing is not None:
        existing.terakhir_dipakai = now
        existing.kedaluwarsa_at = now + timedelta(seconds=_max_age())
    nonce = secrets.token_urlsafe(32)
    if existing is None:
        db.session.add(PerangkatTepercaya(akun_id=akun.id, kode_hash=_digest(nonce), dibuat_at=now,
                                          terakhir_dipakai=now, kedaluwarsa_at=now + timedelta(seconds=_max_age())))
    else:
        existing.kode_hash = _digest(nonce)
    token = _serializer().dumps({"a": akun.id, "n": nonce})
    return DeviceCookie(cookie_name(akun.id), token, _max_age())


def find_trusted(akun: Akun | None, cookies: Mapping[str, str] | None = None) -> PerangkatTepercaya | None:
    """The trusted-device record this browser's cookie names for ``akun``, if valid and not expired."""
    if akun is None:
        return None
    cookies = cookies if cookies is not None else (device_cookies.get() or {})
    token = cookies.get(cookie_name(akun.id))
    if not token or len(token) > 500:
        return None
    try:
        payload = _serializer().loads(token, max_age=_max_age())
    except BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("a") != akun.id or not isinstance(payload.get("n"), str):
        return None
    return db.session.execute(
        select(PerangkatTepercaya).where(PerangkatTepercaya.kode_hash == _digest(payload["n"]),
                                         PerangkatTepercaya.akun_id == akun.id,
                                         PerangkatTepercaya.kedaluwarsa_at > utcnow())
    ).scalar_one_or_none()


def forget_devices(akun: Akun) -> None:
    """No browser is trusted for this account any more (password reset by the admin)."""
    ids = select(PerangkatTepercaya.id).where(PerangkatTepercaya.akun_id == akun.id)
    keys = [f"perangkat:{i}" for i in db.session.execute(ids).scalars()]
    if keys:
        db.session.execute(delete(LoginThrottle).where(LoginThrottle.kunci.in_(keys)))
    db.session.execute(delete(PerangkatTepercaya).where(PerangkatTepercaya.akun_id == akun.id))


# ------------------------------------------------------------------ the gate

def account_key(identifier: str) -> str:
    return f"akun:{normalise_nip((identifier or '').strip().lower())[:150]}"


def _batas(key: str) -> rules.BatasPercobaan:
    cfg = current_app.config
    maks = cfg["LOGIN_MAX_FAILURES_IP"] if key.startswith("ip:") else cfg["LOGIN_MAX_FAILURES"]
    return rules.BatasPercobaan(maks, cfg["LOGIN_LOCK_MINUTES"], cfg["LOGIN_WINDOW_MINUTES"])


def _counter(row: LoginThrottle | None) -> rules.Penghitung | None:
    if row is None:
        return None
    return rules.Penghitung(row.gagal or 0, row.jumlah_kunci or 0, row.terkunci_sampai, row.terakhir_gagal)


@dataclass
class Gate:
    """The counters that decide one attempt (a password, a re-entry, or a 2FA code)."""

    keys: list[str]
    device: PerangkatTepercaya | None
    rows: dict[str, LoginThrottle] = field(default_factory=dict)

    @property
    def trusted(self) -> bool:
        return self.device is not None

    def wait(self, now: datetime) -> int:
        counters = [_counter(self.rows.get(k)) for k in self.keys]
        if self.trusted:
            return rules.keputusan(now, counters[0], [], tepercaya=True)
        return rules.keputusan(now, None, counters, tepercaya=False)

    def failure(self, now: datetime) -> int:
        """Count one failure on every key; return the minutes of a lock it caused (0: none).

        The counters are read again under a row lock (in key order), so concurrent failures from
        many clients are all counted; a counter created concurrently by another request is reused.
        """
        locked = 0
        for key in sorted(self.keys):
            row = _locked_row(key)
            self.rows[key] = row
            new, minutes = rules.setelah_gagal(_counter(row), now, _batas(key))
            row.gagal, row.jumlah_kunci = new.gagal, new.jumlah_kunci
            row.terkunci_sampai, row.terakhir_gagal = new.terkunci_sampai, new.terakhir_gagal
            locked = max(locked, minutes)
        return locked

    def success(self) -> None:
        """Failures of the account / this browser are forgotten; an address keeps its count."""
        for key, row in self.rows.items():
            if key.startswith("ip:"):
                continue
            new = rules.setelah_berhasil(_counter(row))
            row.gagal = new.gagal

    def describe(self) -> str:
        return "perangkat tepercaya" if self.trusted else "perangkat belum tepercaya"


def _locked_row(key: str) -> LoginThrottle:
    stmt = (select(LoginThrottle).where(LoginThrottle.kunci == key).with_for_update()
            .execution_options(populate_existing=True))
    row = db.session.execute(stmt).scalar_one_or_none()
    if row is not None:
        return row
    row = LoginThrottle(kunci=key, gagal=0, jumlah_kunci=0)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # another request created it meanwhile
        return db.session.execute(stmt).scalar_one()
    return row


def gate(subject_key: str, akun: Akun | None, ip: str | None = None,
         cookies: Mapping[str, str] | None = None) -> Gate:
    """The gate for an attempt on ``subject_key`` ("akun:<identifier>" or "kode:<akun id>")."""
    device = find_trusted(akun, cookies)
    if device is not None:
        keys = [f"perangkat:{device.id}"]
    else:
        ip = ip if ip is not None else client_address.get()
        keys = [subject_key] + ([f"ip:{ip[:60]}"] if ip else [])
    rows = db.session.execute(select(LoginThrottle).where(LoginThrottle.kunci.in_(keys))).scalars()
    return Gate(keys, device, {row.kunci: row for row in rows})
