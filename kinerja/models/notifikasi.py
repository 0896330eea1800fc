"""In-app notifications."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kinerja.extensions import db
from kinerja.models.base import UTCDateTime
from kinerja.waktu import utcnow


class Notifikasi(db.Model):
    __tablename__ = "notifikasi"
    __table_args__ = (Index("ix_notifikasi_penerima_dibaca", "penerima_id", "dibaca_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    penerima_id: Mapped[int] = mapped_column(ForeignKey("akun.id"), index=True)
    pesan: Mapped[str] = mapped_column(String(300))
    tautan: Mapped[str | None] = mapped_column(String(300))
    jenis: Mapped[str] = mapped_column(String(40), default="umum")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    dibaca_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # E-mail of this notification (None: in-app only): "antre" waiting for the sender, "ringkasan"
    # waiting for the daily digest, "terkirim" sent, "gagal" given up.  kinerja.notifikasi.surel sends.
    surel_status: Mapped[str | None] = mapped_column(String(10), index=True)
    surel_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PreferensiNotifikasi(db.Model):
    """One account's choice for one kind of notification (kinerja.notifikasi.rules.JENIS):
    "aplikasi" (in-app only), "surel" (in-app + e-mail) or "ringkasan" (in-app + daily digest e-mail)."""

    __tablename__ = "preferensi_notifikasi"
    __table_args__ = (UniqueConstraint("akun_id", "jenis"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    akun_id: Mapped[int] = mapped_column(ForeignKey("akun.id", ondelete="CASCADE"), index=True)
    jenis: Mapped[str] = mapped_column(String(20))
    saluran: Mapped[str] = mapped_column(String(10))


class PengingatTerkirim(db.Model):
    """A reminder sent by ``flask send-reminders``: its key (kind, day, subject) is unique, so a second
    run on the same day sends nothing again."""

    __tablename__ = "pengingat_terkirim"

    id: Mapped[int] = mapped_column(primary_key=True)
    kunci: Mapped[str] = mapped_column(String(120), unique=True)
    tanggal: Mapped[date] = mapped_column(Date, index=True)
    penerima_id: Mapped[int] = mapped_column(ForeignKey("akun.id", ondelete="CASCADE"), index=True)
    dibuat_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TokenSandi(db.Model):
    """A "Lupa kata sandi?" reset link: single use, expiring.  The token is HMAC(SECRET_KEY, garam)
    (kinerja.notifikasi.lupa_sandi): the database holds its SHA-256 and the salt, never the token,
    and cannot recompute it without the secret key kept outside the database."""

    __tablename__ = "token_sandi"

    id: Mapped[int] = mapped_column(primary_key=True)
    akun_id: Mapped[int] = mapped_column(ForeignKey("akun.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    garam: Mapped[str] = mapped_column(String(64))
    dibuat_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    kedaluwarsa_at: Mapped[datetime] = mapped_column(UTCDateTime())
    dipakai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
