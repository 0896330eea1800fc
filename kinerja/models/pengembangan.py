"""Pengembangan (C11): after a signed evaluation, the rencana pengembangan kompetensi (form B.1.9),
the pegawai's umpan balik on the bimbingan kinerja (form B.1.8), and tindak lanjut (penghargaan/sanksi)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin, UTCDateTime
from kinerja.models.evaluasi import Evaluasi
from kinerja.models.organisasi import Pegawai


class RencanaPengembangan(TimestampMixin, db.Model):
    """One per evaluation.  Agreed when both the penilai and the pegawai have signed it."""

    __tablename__ = "rencana_pengembangan"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(ForeignKey("evaluasi.id"), unique=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    penilai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    # Evaluasi kompetensi (B.1.9): [{"kompetensi", "nilai" 1..5, "alasan"}], written by the penilai.
    kompetensi: Mapped[list] = mapped_column(JSON, default=list)
    kode: Mapped[str] = mapped_column(String(32), unique=True)
    ttd_penilai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ttd_pegawai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    snapshot_pegawai: Mapped[dict | None] = mapped_column(JSON)
    snapshot_penilai: Mapped[dict | None] = mapped_column(JSON)
    dokumen_berkas: Mapped[str | None] = mapped_column(String(120))
    dokumen_sha256: Mapped[str | None] = mapped_column(String(64))

    evaluasi: Mapped[Evaluasi] = relationship()
    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[penilai_id])
    kegiatan: Mapped[list[KegiatanPengembangan]] = relationship(
        back_populates="rencana", cascade="all, delete-orphan",
        order_by=lambda: [KegiatanPengembangan.target_tanggal, KegiatanPengembangan.id])

    @property
    def disepakati(self) -> bool:
        return self.ttd_penilai_at is not None and self.ttd_pegawai_at is not None


class KegiatanPengembangan(TimestampMixin, db.Model):
    """One development item: the competency gap, the activity, JP, target date and status."""

    __tablename__ = "kegiatan_pengembangan"
    __table_args__ = (Index("ix_kegiatan_pengembangan_pegawai_status", "pegawai_id", "status", "tanggal_selesai"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rencana_id: Mapped[int] = mapped_column(ForeignKey("rencana_pengembangan.id", ondelete="CASCADE"), index=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    kesenjangan: Mapped[str] = mapped_column(String(300))
    jenis: Mapped[str] = mapped_column(String(20))  # Pelatihan | Coaching | Mentoring | E-learning | Magang | Seminar
    uraian: Mapped[str] = mapped_column(String(300), default="")
    jp: Mapped[int] = mapped_column(Integer)
    target_tanggal: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24), default="Direncanakan", index=True)
    tanggal_selesai: Mapped[date | None] = mapped_column(Date)
    bukti_nama_asli: Mapped[str | None] = mapped_column(String(200))
    bukti_nama_simpan: Mapped[str | None] = mapped_column(String(60))
    bukti_mime: Mapped[str | None] = mapped_column(String(120))
    dikonfirmasi_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    catatan_atasan: Mapped[str] = mapped_column(String(300), default="")

    rencana: Mapped[RencanaPengembangan] = relationship(back_populates="kegiatan")


class UmpanBalikBimbingan(TimestampMixin, db.Model):
    """Form B.1.8: the pegawai rates the nine statements about the bimbingan kinerja (1..5 each)."""

    __tablename__ = "umpan_balik_bimbingan"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(ForeignKey("evaluasi.id"), unique=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    nilai: Mapped[list] = mapped_column(JSON, default=list)
    kode: Mapped[str] = mapped_column(String(32), unique=True)
    ttd_pegawai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    snapshot_pegawai: Mapped[dict | None] = mapped_column(JSON)
    snapshot_penilai: Mapped[dict | None] = mapped_column(JSON)
    dokumen_berkas: Mapped[str | None] = mapped_column(String(120))
    dokumen_sha256: Mapped[str | None] = mapped_column(String(64))

    evaluasi: Mapped[Evaluasi] = relationship()


class TindakLanjutEvaluasi(TimestampMixin, db.Model):
    """Penghargaan or sanksi following an evaluation, recorded by the admin."""

    __tablename__ = "tindak_lanjut_evaluasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(ForeignKey("evaluasi.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(12))  # Penghargaan | Sanksi
    uraian: Mapped[str] = mapped_column(Text)
    tanggal: Mapped[date] = mapped_column(Date)
    nomor_sk: Mapped[str] = mapped_column(String(100))
    dicatat_oleh_id: Mapped[int] = mapped_column(ForeignKey("akun.id"), index=True)
