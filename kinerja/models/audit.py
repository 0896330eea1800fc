"""Append-only, hash-chained audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kinerja.extensions import db
from kinerja.models.base import UTCDateTime


class AuditEvent(db.Model):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_objek", "objek_tipe", "objek_id"),
        Index("ix_audit_event_waktu", "waktu"),
        Index("ix_audit_event_aksi", "aksi"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    waktu: Mapped[datetime] = mapped_column(UTCDateTime())
    aktor_id: Mapped[int | None] = mapped_column(ForeignKey("akun.id"), index=True)
    aktor_label: Mapped[str] = mapped_column(String(200))
    aksi: Mapped[str] = mapped_column(String(60))
    objek_tipe: Mapped[str] = mapped_column(String(40))
    objek_id: Mapped[str | None] = mapped_column(String(40))
    sebelum: Mapped[str | None] = mapped_column(Text)
    sesudah: Mapped[str | None] = mapped_column(Text)
    alamat_ip: Mapped[str | None] = mapped_column(String(64))
    hash_sebelumnya: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # 1: unkeyed SHA-256 (chains written before the HMAC key); 2: HMAC-SHA256 with the audit key.
    versi: Mapped[int] = mapped_column(Integer, default=2, server_default="1")


class AuditHead(db.Model):
    """A single row holding the last hash; updating it serialises appends."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash_terakhir: Mapped[str] = mapped_column(String(64))
    jumlah: Mapped[int] = mapped_column(Integer, default=0)
    # HMAC of (hash_terakhir, jumlah): the head cannot be moved back to hide cut-off events.
    mac: Mapped[str | None] = mapped_column(String(64))
