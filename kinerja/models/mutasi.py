"""Riwayat jabatan (mutasi, promosi, ganti atasan) and penugasan Plt/Plh (issue #11 §1–§2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin, UTCDateTime
from kinerja.models.organisasi import Jabatan, Pegawai, UnitKerja


class RiwayatJabatan(TimestampMixin, db.Model):
    """One position a pegawai held from ``tanggal_mulai`` (to ``tanggal_selesai``; None: still held).

    Written by "Catat Mutasi": the row that ends and the row that starts.  The identity fields are
    copied as text too, so a print of an old date never depends on rows edited later."""

    __tablename__ = "riwayat_jabatan"
    __table_args__ = (Index("ix_riwayat_jabatan_pegawai_mulai", "pegawai_id", "tanggal_mulai"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(20))  # Awal | Mutasi | Promosi | Ganti Atasan
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date | None] = mapped_column(Date)
    jabatan_id: Mapped[int | None] = mapped_column(ForeignKey("jabatan.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    atasan_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    golongan: Mapped[str | None] = mapped_column(String(8))
    pimpinan: Mapped[bool] = mapped_column(default=False)
    nama_jabatan: Mapped[str] = mapped_column(String(200), default="")
    nama_unit: Mapped[str] = mapped_column(String(150), default="")
    nomor_sk: Mapped[str | None] = mapped_column(String(100))
    keterangan: Mapped[str | None] = mapped_column(Text)

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    jabatan: Mapped[Jabatan | None] = relationship()
    unit: Mapped[UnitKerja | None] = relationship()
    atasan: Mapped[Pegawai | None] = relationship(foreign_keys=[atasan_id])


class PenugasanPlt(TimestampMixin, db.Model):
    """A Plt (vacant post) or Plh (leader absent): ``pejabat`` acts as pimpinan of ``unit`` or as the
    atasan of ``pegawai`` from ``tanggal_mulai`` to ``tanggal_selesai`` inclusive."""

    __tablename__ = "penugasan_plt"
    __table_args__ = (Index("ix_penugasan_plt_rentang", "tanggal_mulai", "tanggal_selesai"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(3))  # Plt | Plh
    pejabat_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    pegawai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    nomor_sk: Mapped[str | None] = mapped_column(String(100))
    keterangan: Mapped[str | None] = mapped_column(String(300))
    dibatalkan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    pejabat: Mapped[Pegawai] = relationship(foreign_keys=[pejabat_id])
    unit: Mapped[UnitKerja | None] = relationship()
    pegawai: Mapped[Pegawai | None] = relationship(foreign_keys=[pegawai_id])
