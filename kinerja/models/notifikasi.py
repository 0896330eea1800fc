"""In-app notifications."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
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
