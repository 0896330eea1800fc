"""Accounts and login throttling."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin, UTCDateTime
from kinerja.models.organisasi import Pegawai, PejabatLuar


class Akun(UserMixin, TimestampMixin, db.Model):
    """A login.  Pegawai log in with their NIP; the admin with a username."""

    __tablename__ = "akun"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str | None] = mapped_column(String(60), unique=True)
    pegawai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), unique=True)
    # An account of an official outside the dinas: sees and signs only what concerns them.
    pejabat_luar_id: Mapped[int | None] = mapped_column(ForeignKey("pejabat_luar.id"), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    harus_ganti_sandi: Mapped[bool] = mapped_column(Boolean, default=True)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    terakhir_masuk: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sandi_diganti_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Two-factor login (TOTP): the shared secret once enrolment is confirmed, and the last
    # time step a code was accepted for (a code is never accepted twice).
    totp_rahasia: Mapped[str | None] = mapped_column(String(64))
    totp_aktif_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    totp_langkah_terakhir: Mapped[int | None] = mapped_column(Integer)

    pegawai: Mapped[Pegawai | None] = relationship(lazy="joined", innerjoin=False)
    pejabat_luar: Mapped[PejabatLuar | None] = relationship(lazy="joined", innerjoin=False)

    # Flask-Login: the id carries the session version, so bumping it ends every session.
    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        # Asked a dozen times per page (``is_authenticated``, the menu's and the permissions' checks): read
        # from the instance's loaded state (an ORM object keeps its loaded and changed values in
        # ``__dict__``), through the attributes only when not loaded (expired, or never read).
        d = self.__dict__
        aktif = d["aktif"] if "aktif" in d else self.aktif
        if not aktif:
            return False
        pegawai = d["pegawai"] if "pegawai" in d else self.pegawai
        if pegawai is None:
            return True
        return pegawai.__dict__["aktif"] if "aktif" in pegawai.__dict__ else pegawai.aktif

    @property
    def totp_aktif(self) -> bool:
        return self.totp_rahasia is not None and self.totp_aktif_at is not None

    @property
    def nama_tampilan(self) -> str:
        if self.pegawai is not None:
            return self.pegawai.nama
        if self.pejabat_luar is not None:
            return self.pejabat_luar.nama
        return self.username or f"Akun {self.id}"

    @property
    def login_id(self) -> str:
        if self.pegawai is not None:
            return self.pegawai.nip
        return self.username or ""

    def __repr__(self) -> str:
        return f"<Akun {self.id} {self.login_id}>"


class LoginThrottle(db.Model):
    """Failure counter for one key: "akun:<identifier>", "ip:<address>", "kode:<akun id>" (two-factor
    codes) or "perangkat:<id>" (one trusted browser)."""

    __tablename__ = "login_throttle"

    id: Mapped[int] = mapped_column(primary_key=True)
    kunci: Mapped[str] = mapped_column(String(200), unique=True)
    gagal: Mapped[int] = mapped_column(Integer, default=0)
    jumlah_kunci: Mapped[int] = mapped_column(Integer, default=0)
    terkunci_sampai: Mapped[datetime | None] = mapped_column(UTCDateTime())
    terakhir_gagal: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PerangkatTepercaya(db.Model):
    """A browser that logged in successfully as this account (OWASP device cookie).

    The browser holds a signed cookie with a random nonce; only the nonce's SHA-256 is stored here.
    """

    __tablename__ = "perangkat_tepercaya"

    id: Mapped[int] = mapped_column(primary_key=True)
    akun_id: Mapped[int] = mapped_column(ForeignKey("akun.id"), index=True)
    kode_hash: Mapped[str] = mapped_column(String(64), unique=True)
    dibuat_at: Mapped[datetime] = mapped_column(UTCDateTime())
    terakhir_dipakai: Mapped[datetime] = mapped_column(UTCDateTime())
    kedaluwarsa_at: Mapped[datetime] = mapped_column(UTCDateTime())


class KodePemulihan(db.Model):
    """A one-time recovery code for two-factor login, stored hashed."""

    __tablename__ = "kode_pemulihan"

    id: Mapped[int] = mapped_column(primary_key=True)
    akun_id: Mapped[int] = mapped_column(ForeignKey("akun.id"), index=True)
    kode_hash: Mapped[str] = mapped_column(String(256))
    dibuat_at: Mapped[datetime] = mapped_column(UTCDateTime())
    dipakai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
