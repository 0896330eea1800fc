"""Ketidakhadiran (cuti, dinas luar, sakit, tugas belajar) and rencana aksi per RHK."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin, UTCDateTime
from kinerja.models.organisasi import Pegawai
from kinerja.models.skp import Rhk


class Ketidakhadiran(TimestampMixin, db.Model):
    """One absence of a pegawai, ``tanggal_mulai``–``tanggal_selesai`` inclusive.

    Only ``Disetujui`` rows change the pegawai's calendar (see kinerja.kalender)."""

    __tablename__ = "ketidakhadiran"
    __table_args__ = (Index("ix_ketidakhadiran_pegawai_tanggal", "pegawai_id", "tanggal_mulai", "tanggal_selesai"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    jenis: Mapped[str] = mapped_column(String(14))  # Cuti | Dinas Luar | Sakit | Tugas Belajar
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    keterangan: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="Diajukan")  # Diajukan | Disetujui | Ditolak | Dibatalkan
    sumber: Mapped[str] = mapped_column(String(10), default="pengajuan")  # pengajuan | admin | impor
    dokumen_nama: Mapped[str | None] = mapped_column(String(200))
    dokumen_simpan: Mapped[str | None] = mapped_column(String(80))
    dokumen_mime: Mapped[str | None] = mapped_column(String(100))
    diputus_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    diputus_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    catatan_keputusan: Mapped[str | None] = mapped_column(Text)

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    diputus_oleh: Mapped[Pegawai | None] = relationship(foreign_keys=[diputus_oleh_id])


class RencanaAksi(TimestampMixin, db.Model):
    """A step of one RHK for one period of the year's pattern (``kode`` TW1..TW4 or B01..B12)."""

    __tablename__ = "rencana_aksi"

    id: Mapped[int] = mapped_column(primary_key=True)
    rhk_id: Mapped[int] = mapped_column(ForeignKey("rhk.id"), index=True)
    kode: Mapped[str] = mapped_column(String(4))
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    uraian: Mapped[str] = mapped_column(String(300))
    target: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    satuan: Mapped[str] = mapped_column(String(60))

    rhk: Mapped[Rhk] = relationship()
