"""Sosialisasi (C11): announcements with read receipts, sosialisasi/bimtek sessions with attendance,
and each account's first-login checklist preference."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin, UTCDateTime
from kinerja.models.organisasi import Pegawai, UnitKerja


class SasaranMixin:
    """Who an announcement or a session is for: the whole dinas, or one unit (with or without its
    sub-units), narrowed to a role ("semua" | "atasan" | "pimpinan")."""

    seluruh_dinas: Mapped[bool] = mapped_column(Boolean, default=True)
    sub_unit: Mapped[bool] = mapped_column(Boolean, default=True)
    peran: Mapped[str] = mapped_column(String(10), default="semua")


class Pengumuman(SasaranMixin, TimestampMixin, db.Model):
    __tablename__ = "pengumuman"
    __table_args__ = (Index("ix_pengumuman_status_terbit", "status", "diterbitkan_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    judul: Mapped[str] = mapped_column(String(200))
    isi: Mapped[str] = mapped_column(Text, default="")
    wajib: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="Draft", index=True)  # Draft | Terbit
    penulis_id: Mapped[int] = mapped_column(ForeignKey("akun.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    diterbitkan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    diingatkan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    unit: Mapped[UnitKerja | None] = relationship()
    lampiran: Mapped[list[LampiranPengumuman]] = relationship(
        back_populates="pengumuman", cascade="all, delete-orphan", order_by="LampiranPengumuman.id")

    @property
    def terbit(self) -> bool:
        return self.status == "Terbit"


class LampiranPengumuman(db.Model):
    __tablename__ = "pengumuman_lampiran"

    id: Mapped[int] = mapped_column(primary_key=True)
    pengumuman_id: Mapped[int] = mapped_column(ForeignKey("pengumuman.id", ondelete="CASCADE"), index=True)
    nama_asli: Mapped[str] = mapped_column(String(200))
    nama_simpan: Mapped[str] = mapped_column(String(60), unique=True)
    mime: Mapped[str] = mapped_column(String(120))
    ukuran: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))

    pengumuman: Mapped[Pengumuman] = relationship(back_populates="lampiran")


class PenerimaPengumuman(db.Model):
    """One recipient, fixed when the announcement is published; ``dibaca_at`` is the read receipt."""

    __tablename__ = "pengumuman_penerima"
    __table_args__ = (
        UniqueConstraint("pengumuman_id", "pegawai_id"),
        Index("ix_pengumuman_penerima_pegawai_dibaca", "pegawai_id", "dibaca_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pengumuman_id: Mapped[int] = mapped_column(ForeignKey("pengumuman.id", ondelete="CASCADE"), index=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    dibaca_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    pengumuman: Mapped[Pengumuman] = relationship()
    pegawai: Mapped[Pegawai] = relationship()


class SesiSosialisasi(SasaranMixin, TimestampMixin, db.Model):
    """A sosialisasi or bimtek session: when, where (place or link), for whom, with what material."""

    __tablename__ = "sesi_sosialisasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(20))  # Sosialisasi | Bimtek
    judul: Mapped[str] = mapped_column(String(200))
    waktu_mulai: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    tempat: Mapped[str] = mapped_column(String(200), default="")
    tautan: Mapped[str] = mapped_column(String(300), default="")
    materi: Mapped[str] = mapped_column(Text, default="")
    penyelenggara_id: Mapped[int] = mapped_column(ForeignKey("akun.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)

    unit: Mapped[UnitKerja | None] = relationship()
    peserta: Mapped[list[PesertaSosialisasi]] = relationship(
        back_populates="sesi", cascade="all, delete-orphan", order_by="PesertaSosialisasi.id")


class PesertaSosialisasi(db.Model):
    __tablename__ = "sesi_sosialisasi_peserta"
    __table_args__ = (UniqueConstraint("sesi_id", "pegawai_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sesi_id: Mapped[int] = mapped_column(ForeignKey("sesi_sosialisasi.id", ondelete="CASCADE"), index=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)  # unit when invited
    hadir: Mapped[bool] = mapped_column(Boolean, default=False)
    dicatat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    sesi: Mapped[SesiSosialisasi] = relationship(back_populates="peserta")
    pegawai: Mapped[Pegawai] = relationship()


class PreferensiPanduan(db.Model):
    """Per account: the first-login checklist was dismissed."""

    __tablename__ = "panduan_preferensi"

    akun_id: Mapped[int] = mapped_column(ForeignKey("akun.id"), primary_key=True)
    checklist_ditutup_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
