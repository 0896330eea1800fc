"""Aktivitas harian (the daily work log), its evidence, feedback and verification delegation."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin, UTCDateTime
from kinerja.models.ketidakhadiran import RencanaAksi
from kinerja.models.organisasi import Pegawai, UnitKerja
from kinerja.models.skp import Rhk
from kinerja.waktu import utcnow


class Aktivitas(TimestampMixin, db.Model):
    __tablename__ = "aktivitas"
    __table_args__ = (
        Index("ix_aktivitas_pegawai_tanggal", "pegawai_id", "tanggal"),
        Index("ix_aktivitas_rhk_status", "rhk_id", "status"),
        # Dasbor: submission → verification time of the entries verified in a month (covering).
        Index("ix_aktivitas_verifikasi_waktu", "diverifikasi_at", "pegawai_id", "diajukan_at", "diverifikasi_oleh_id"),
        # Dasbor: entries waiting for verification and since when, per pegawai (covering); also every
        # (status, pegawai_id) lookup (inbox, panels): #17 dropped the separate (status, pegawai_id) index.
        Index("ix_aktivitas_status_pegawai_diajukan", "status", "pegawai_id", "diajukan_at"),
        # Day view: the pegawai's latest entry per RHK (the form's remembered satuan), index only (#17).
        Index("ix_aktivitas_pegawai_rhk_id", "pegawai_id", "rhk_id", "id"),
        # Verification inbox: the submitted entries of the verifiable pegawai per day, and a page of them
        # (pegawai IN …, status, tanggal range), without reading a year of each pegawai's entries.
        Index("ix_aktivitas_pegawai_status_tanggal", "pegawai_id", "status", "tanggal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    tanggal: Mapped[date] = mapped_column(Date)
    jam_mulai: Mapped[time] = mapped_column(Time)
    jam_selesai: Mapped[time] = mapped_column(Time)
    durasi_menit: Mapped[int] = mapped_column(Integer)
    uraian: Mapped[str] = mapped_column(Text)
    volume: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    satuan: Mapped[str] = mapped_column(String(60))
    # The RHK of the pegawai's approved SKP this work serves; None with tugas_atasan=True
    # when the work is outside the SKP ("Tugas dari atasan").
    rhk_id: Mapped[int | None] = mapped_column(ForeignKey("rhk.id"))
    tugas_atasan: Mapped[bool] = mapped_column(Boolean, default=False)
    # Optional: the rencana aksi of that RHK this work advances (issue #11 §4).
    rencana_aksi_id: Mapped[int | None] = mapped_column(ForeignKey("rencana_aksi.id"), index=True)
    tautan_bukti: Mapped[str | None] = mapped_column(String(500))
    hari_libur: Mapped[bool] = mapped_column(Boolean, default=False)  # logged on a weekend/holiday (flag)
    status: Mapped[str] = mapped_column(String(12), default="Draft")  # Draft | Diajukan | Disetujui | Dikembalikan
    diajukan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    diverifikasi_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    diverifikasi_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    catatan_verifikasi: Mapped[str | None] = mapped_column(Text)
    verdict_bukti: Mapped[str | None] = mapped_column(String(14))  # Sesuai | Kurang | Tidak Sesuai
    # Optimistic concurrency: every state change bumps it (two atasan approving at once: one wins).
    versi: Mapped[int] = mapped_column(Integer, default=1)

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    rhk: Mapped[Rhk | None] = relationship()
    rencana_aksi: Mapped[RencanaAksi | None] = relationship()
    diverifikasi_oleh: Mapped[Pegawai | None] = relationship(foreign_keys=[diverifikasi_oleh_id])
    bukti: Mapped[list[BuktiDukung]] = relationship(
        back_populates="aktivitas", cascade="all, delete-orphan", order_by="BuktiDukung.id"
    )
    komentar: Mapped[list[KomentarAktivitas]] = relationship(
        back_populates="aktivitas", cascade="all, delete-orphan", order_by="KomentarAktivitas.id"
    )

    __mapper_args__ = {"version_id_col": versi}


class BuktiDukung(db.Model):
    """An uploaded evidence file, stored under a generated name in instance/uploads/bukti."""

    __tablename__ = "bukti_dukung"

    id: Mapped[int] = mapped_column(primary_key=True)
    aktivitas_id: Mapped[int] = mapped_column(ForeignKey("aktivitas.id"), index=True)
    nama_asli: Mapped[str] = mapped_column(String(200))
    nama_simpan: Mapped[str] = mapped_column(String(80), unique=True)
    mime: Mapped[str] = mapped_column(String(100))
    ukuran: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    aktivitas: Mapped[Aktivitas] = relationship(back_populates="bukti")


class KomentarAktivitas(db.Model):
    """Umpan balik: a comment thread on an entry (pegawai and the atasan chain)."""

    __tablename__ = "komentar_aktivitas"

    id: Mapped[int] = mapped_column(primary_key=True)
    aktivitas_id: Mapped[int] = mapped_column(ForeignKey("aktivitas.id"), index=True)
    penulis_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    isi: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    aktivitas: Mapped[Aktivitas] = relationship(back_populates="komentar")
    penulis: Mapped[Pegawai] = relationship()


class DelegasiVerifikasi(TimestampMixin, db.Model):
    """Admin lets a unit head verify for a unit (e.g. while the atasan is on leave)."""

    __tablename__ = "delegasi_verifikasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    verifikator_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    keterangan: Mapped[str | None] = mapped_column(String(300))

    unit: Mapped[UnitKerja] = relationship()
    verifikator: Mapped[Pegawai] = relationship()


class KegiatanRutin(TimestampMixin, db.Model):
    """A pegawai's routine ("Apel pagi", 07:30–08:00, 1 kegiatan, RHK X): added to a day with one click.

    Private to its owner; the RHK is checked again against the day's approved SKP when it is used.
    """

    __tablename__ = "kegiatan_rutin"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id", ondelete="CASCADE"), index=True)
    jam_mulai: Mapped[time] = mapped_column(Time)
    jam_selesai: Mapped[time] = mapped_column(Time)
    uraian: Mapped[str] = mapped_column(Text)
    volume: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    satuan: Mapped[str] = mapped_column(String(60))
    rhk_id: Mapped[int | None] = mapped_column(ForeignKey("rhk.id", ondelete="SET NULL"), index=True)
    tugas_atasan: Mapped[bool] = mapped_column(Boolean, default=False)

    rhk: Mapped[Rhk | None] = relationship()
