"""Evaluasi kinerja: one evaluation per pegawai per period, its realisasi, feedback and documents."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin, UTCDateTime
from kinerja.models.organisasi import Pegawai, PejabatLuar, UnitKerja
from kinerja.models.periode import Periode
from kinerja.models.skp import Rhk, Skp


class Evaluasi(TimestampMixin, db.Model):
    __tablename__ = "evaluasi"
    __table_args__ = (
        # One evaluation per SKP active in the period (several after a mutasi, issue #11).
        UniqueConstraint("periode_id", "skp_id"),
        Index("ix_evaluasi_periode_status", "periode_id", "status"),
        Index("ix_evaluasi_periode_unit", "periode_id", "unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"), index=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id"), index=True)
    # Stored at opening: who evaluates and who decides a keberatan; the unit of the kurva.
    penilai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    atasan_penilai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    # The top of the tree: penilai / atasan penilai outside the dinas (pejabat luar instansi).
    penilai_luar_id: Mapped[int | None] = mapped_column(ForeignKey("pejabat_luar.id"), index=True)
    atasan_penilai_luar_id: Mapped[int | None] = mapped_column(ForeignKey("pejabat_luar.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    kepala_unit: Mapped[bool] = mapped_column(Boolean, default=False)
    # Several SKPs in the period: whose predikat is the pegawai's predikat for the period
    # (kinerja.aturan_jabatan.skp_penentu_predikat, or the admin's choice: ``penentu_dipilih_admin``).
    penentu_predikat: Mapped[bool] = mapped_column(Boolean, default=True, server_default=db.true())
    penentu_dipilih_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=db.false())
    status: Mapped[str] = mapped_column(String(24), default="Draft", index=True)
    # Public verification token (the QR code's /v/<kode>).
    kode: Mapped[str] = mapped_column(String(32), unique=True)
    batas_pengisian_khusus: Mapped[date | None] = mapped_column(Date)
    realisasi_diajukan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    catatan_pengembalian: Mapped[str | None] = mapped_column(Text)

    rating_hasil_kerja: Mapped[str | None] = mapped_column(String(24))
    rating_perilaku_kerja: Mapped[str | None] = mapped_column(String(24))
    predikat: Mapped[str | None] = mapped_column(String(24), index=True)
    catatan_rekomendasi: Mapped[str | None] = mapped_column(Text)
    dinilai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    final_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    capaian_organisasi: Mapped[str | None] = mapped_column(String(20))  # snapshot at finalisation

    snapshot_pegawai: Mapped[dict | None] = mapped_column(JSON)
    snapshot_penilai: Mapped[dict | None] = mapped_column(JSON)
    snapshot_atasan_penilai: Mapped[dict | None] = mapped_column(JSON)

    ttd_pegawai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ttd_penilai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    tanggal_diterima: Mapped[date | None] = mapped_column(Date)  # handover day (keberatan clock)
    # The penilai signed on paper (wet signature); the admin recorded it with the scan.
    ttd_penilai_manual: Mapped[bool] = mapped_column(Boolean, default=False)
    ttd_penilai_pindaian: Mapped[str | None] = mapped_column(String(120))
    # PP 30/2019: the pegawai may refuse to sign; the penilai records it (the keberatan clock still runs).
    ttd_pegawai_ditolak_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ttd_pegawai_ditolak_catatan: Mapped[str | None] = mapped_column(Text)

    # Snapshot of the SKP content the evaluation rates (DOMAIN.md §6.6), taken when it is opened:
    # the RHK/IKI rows in EvaluasiRhk/EvaluasiIki; here the version it came from and the perilaku
    # texts ({"versi", "pendekatan", "jenis_form", "perilaku": [{nomor, nama, panduan, ekspektasi}]}).
    snapshot_skp: Mapped[dict | None] = mapped_column(JSON)
    snapshot_skp_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # Keberatan (DOMAIN.md §6.5), one per evaluation.
    keberatan_alasan: Mapped[str | None] = mapped_column(Text)
    keberatan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    penjelasan_penilai: Mapped[str | None] = mapped_column(Text)
    penjelasan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    keputusan_atasan: Mapped[str | None] = mapped_column(Text)
    keputusan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    keputusan_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("akun.id"))
    predikat_awal: Mapped[str | None] = mapped_column(String(24))

    # The signed documents, generated once; reprints serve these files.
    dokumen_versi: Mapped[int] = mapped_column(Integer, default=0)
    dokumen_c_berkas: Mapped[str | None] = mapped_column(String(120))
    dokumen_c_sha256: Mapped[str | None] = mapped_column(String(64))
    dokumen_b_berkas: Mapped[str | None] = mapped_column(String(120))
    dokumen_b_sha256: Mapped[str | None] = mapped_column(String(64))
    dokumen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    riwayat_dokumen: Mapped[list] = mapped_column(JSON, default=list)
    # Optimistic concurrency: two signatures (or two decisions) at once — one wins.
    versi: Mapped[int] = mapped_column(Integer, default=1)

    periode: Mapped[Periode] = relationship()
    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[penilai_id])
    atasan_penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[atasan_penilai_id])
    penilai_luar: Mapped[PejabatLuar | None] = relationship(foreign_keys=[penilai_luar_id])
    atasan_penilai_luar: Mapped[PejabatLuar | None] = relationship(foreign_keys=[atasan_penilai_luar_id])
    unit: Mapped[UnitKerja | None] = relationship()
    skp: Mapped[Skp] = relationship()
    realisasi: Mapped[list[RealisasiRhk]] = relationship(back_populates="evaluasi", cascade="all, delete-orphan",
                                                          order_by="RealisasiRhk.id")
    umpan_balik_perilaku: Mapped[list[UmpanBalikPerilaku]] = relationship(
        back_populates="evaluasi", cascade="all, delete-orphan", order_by="UmpanBalikPerilaku.nomor")
    rhk_snapshot: Mapped[list[EvaluasiRhk]] = relationship(
        back_populates="evaluasi", cascade="all, delete-orphan", order_by="EvaluasiRhk.urutan")
    dokumen: Mapped[list[DokumenEvaluasi]] = relationship(
        back_populates="evaluasi", cascade="all, delete-orphan", order_by="DokumenEvaluasi.versi")

    __mapper_args__ = {"version_id_col": versi}


class EvaluasiRhk(db.Model):
    """One RHK of the SKP as it was in the approved version the evaluation works on (a snapshot)."""

    __tablename__ = "evaluasi_rhk"
    __table_args__ = (UniqueConstraint("evaluasi_id", "rhk_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(ForeignKey("evaluasi.id"), index=True)
    # The id of the live RHK it was copied from (the key of realisasi rows and daily-log evidence);
    # no foreign key: the live RHK may be edited or removed by a later revision.
    rhk_id: Mapped[int] = mapped_column(Integer, index=True)
    jenis: Mapped[str] = mapped_column(String(10))
    uraian: Mapped[str] = mapped_column(Text)
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    intervensi: Mapped[str | None] = mapped_column(Text)
    penugasan_dari: Mapped[str | None] = mapped_column(String(300))
    perspektif: Mapped[str | None] = mapped_column(String(30))

    evaluasi: Mapped[Evaluasi] = relationship(back_populates="rhk_snapshot")
    iki: Mapped[list[EvaluasiIki]] = relationship(back_populates="rhk", cascade="all, delete-orphan",
                                                  order_by="EvaluasiIki.urutan")


class EvaluasiIki(db.Model):
    """One IKI of a snapshot RHK."""

    __tablename__ = "evaluasi_iki"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_rhk_id: Mapped[int] = mapped_column(ForeignKey("evaluasi_rhk.id"), index=True)
    aspek: Mapped[str] = mapped_column(String(10))
    indikator: Mapped[str] = mapped_column(Text)
    target_teks: Mapped[str] = mapped_column(String(300))
    target_angka: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    satuan: Mapped[str | None] = mapped_column(String(60))
    urutan: Mapped[int] = mapped_column(Integer, default=0)

    rhk: Mapped[EvaluasiRhk] = relationship(back_populates="iki")


class DokumenEvaluasi(db.Model):
    """One issued version of forms C and B: stored files, their SHA-256, its own verification code.

    A re-issue (a later signature, a refusal to sign, a keberatan decision) adds a version; the
    older ones stay stored and verifiable at their own /v/<kode>, marked as superseded.
    """

    __tablename__ = "dokumen_evaluasi"
    __table_args__ = (UniqueConstraint("evaluasi_id", "versi"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(ForeignKey("evaluasi.id"), index=True)
    versi: Mapped[int] = mapped_column(Integer)
    kode: Mapped[str] = mapped_column(String(32), unique=True)
    alasan: Mapped[str] = mapped_column(String(200))
    diterbitkan_at: Mapped[datetime] = mapped_column(UTCDateTime())
    dokumen_c_berkas: Mapped[str | None] = mapped_column(String(120))
    dokumen_c_sha256: Mapped[str | None] = mapped_column(String(64))
    dokumen_b_berkas: Mapped[str | None] = mapped_column(String(120))
    dokumen_b_sha256: Mapped[str | None] = mapped_column(String(64))

    evaluasi: Mapped[Evaluasi] = relationship(back_populates="dokumen")


class RealisasiRhk(db.Model):
    """The pegawai's realisasi of one RHK in the period, and the penilai's umpan balik on it."""

    __tablename__ = "realisasi_rhk"
    __table_args__ = (UniqueConstraint("evaluasi_id", "rhk_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(ForeignKey("evaluasi.id"), index=True)
    rhk_id: Mapped[int] = mapped_column(ForeignKey("rhk.id"), index=True)
    realisasi: Mapped[str | None] = mapped_column(Text)
    realisasi_angka: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    tautan: Mapped[list] = mapped_column(JSON, default=list)  # extra evidence links
    umpan_balik: Mapped[str | None] = mapped_column(Text)

    evaluasi: Mapped[Evaluasi] = relationship(back_populates="realisasi")
    rhk: Mapped[Rhk] = relationship()


class UmpanBalikPerilaku(db.Model):
    """The penilai's umpan balik on one BerAKHLAK value (nomor 1..7)."""

    __tablename__ = "umpan_balik_perilaku"
    __table_args__ = (UniqueConstraint("evaluasi_id", "nomor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(ForeignKey("evaluasi.id"), index=True)
    nomor: Mapped[int] = mapped_column(Integer)
    umpan_balik: Mapped[str | None] = mapped_column(Text)

    evaluasi: Mapped[Evaluasi] = relationship(back_populates="umpan_balik_perilaku")


class CapaianOrganisasi(TimestampMixin, db.Model):
    """The unit's own result for the period, set from above (DOMAIN.md §4): by the pimpinan of the
    parent unit; for the dinas by its external penilai (or the admin recording their decision).
    Documented on the signed form "Penetapan Predikat Kinerja"."""

    __tablename__ = "capaian_organisasi"
    __table_args__ = (UniqueConstraint("unit_id", "periode_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"), index=True)
    capaian: Mapped[str] = mapped_column(String(20))
    ditetapkan_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("akun.id"), index=True)
    # Who decided, as printed: the parent's pimpinan, or the external official (snapshot dict).
    penetap: Mapped[dict | None] = mapped_column(JSON)
    # The signed "Penetapan Predikat Kinerja" (public verification /v/<kode>).
    kode: Mapped[str | None] = mapped_column(String(32), unique=True, index=True)
    ttd_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    dokumen_berkas: Mapped[str | None] = mapped_column(String(120))
    dokumen_sha256: Mapped[str | None] = mapped_column(String(64))

    unit: Mapped[UnitKerja] = relationship()
