"""SKP: the yearly performance plan, its RHK, IKI, perilaku expectations and approved versions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin, UTCDateTime
from kinerja.models.organisasi import Pegawai, PejabatLuar

if TYPE_CHECKING:
    from kinerja.models.akun import Akun


class Skp(TimestampMixin, db.Model):
    __tablename__ = "skp"
    __table_args__ = (
        # Several SKPs a year (mutasi/promosi, issue #11): one per start date.
        UniqueConstraint("pegawai_id", "tahun", "tanggal_mulai"),
        Index("ix_skp_tahun_status", "tahun", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    tahun: Mapped[int] = mapped_column(Integer)
    # The SKP's own period inside the year (inclusive): 1 Jan–31 Dec unless a mutasi cut it
    # (kinerja.aturan_jabatan).  Filled from ``tahun`` when left empty.
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    pendekatan: Mapped[str] = mapped_column(String(12), default="Kuantitatif")  # Kuantitatif | Kualitatif
    jenis_form: Mapped[str] = mapped_column(String(6), default="JA_JF")  # JPT | JA_JF
    status: Mapped[str] = mapped_column(String(10), default="Draft")  # Draft | Diajukan | Disetujui | Ditolak
    # The penilai and atasan penilai at creation/submission (org data can change later).
    penilai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    atasan_penilai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    # The top of the tree: the penilai outside the dinas who approved (None: approved inside, or by admin on paper).
    penilai_luar_id: Mapped[int | None] = mapped_column(ForeignKey("pejabat_luar.id"), index=True)
    catatan_pengembalian: Mapped[str | None] = mapped_column(Text)
    # Number of approved versions so far; > 0 means the SKP has been approved at least once.
    versi: Mapped[int] = mapped_column(Integer, default=0)
    dalam_revisi: Mapped[bool] = mapped_column(Boolean, default=False)
    diajukan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disetujui_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disetujui_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("akun.id"))
    disetujui_oleh_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # The top of the tree approved on paper: the admin records the date and the scan (issue #10 §1).
    persetujuan_kertas_tanggal: Mapped[date | None] = mapped_column(Date)
    persetujuan_kertas_pindaian: Mapped[str | None] = mapped_column(String(120))
    # Identity snapshots (DOMAIN.md §6.6) taken at approval: dicts from kinerja.dokumen.identitas.snapshot.
    snapshot_pegawai: Mapped[dict | None] = mapped_column(JSON)
    snapshot_penilai: Mapped[dict | None] = mapped_column(JSON)
    snapshot_atasan_penilai: Mapped[dict | None] = mapped_column(JSON)
    # Lampiran: three ordered lists of strings.
    dukungan_sumber_daya: Mapped[list] = mapped_column(JSON, default=list)
    skema_pertanggungjawaban: Mapped[list] = mapped_column(JSON, default=list)
    konsekuensi: Mapped[list] = mapped_column(JSON, default=list)

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[penilai_id])
    atasan_penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[atasan_penilai_id])
    penilai_luar: Mapped[PejabatLuar | None] = relationship()
    rhk: Mapped[list[Rhk]] = relationship(back_populates="skp", order_by="Rhk.urutan", cascade="all, delete-orphan")
    perilaku: Mapped[list[PerilakuSkp]] = relationship(
        back_populates="skp", order_by="PerilakuSkp.nomor", cascade="all, delete-orphan"
    )
    riwayat: Mapped[list[SkpVersi]] = relationship(
        back_populates="skp", order_by="SkpVersi.versi", cascade="all, delete-orphan"
    )

    @property
    def pernah_disetujui(self) -> bool:
        return self.versi > 0


class Rhk(TimestampMixin, db.Model):
    """Rencana Hasil Kerja."""

    __tablename__ = "rhk"
    __table_args__ = (Index("ix_rhk_skp_urutan", "skp_id", "urutan"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(10), default="Utama")  # Utama | Tambahan
    uraian: Mapped[str] = mapped_column(Text)
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    # The atasan's RHK this one intervenes (from the atasan's approved SKP of the same year) ...
    rhk_atasan_id: Mapped[int | None] = mapped_column(ForeignKey("rhk.id"), index=True)
    # ... or, at the top of the tree, the organisation's target typed in.
    intervensi_teks: Mapped[str | None] = mapped_column(Text)
    penugasan_dari: Mapped[str | None] = mapped_column(String(300))
    perspektif: Mapped[str | None] = mapped_column(String(30))  # JPT only

    skp: Mapped[Skp] = relationship(back_populates="rhk")
    rhk_atasan: Mapped[Rhk | None] = relationship(remote_side="Rhk.id")
    iki: Mapped[list[Iki]] = relationship(back_populates="rhk", order_by="Iki.urutan", cascade="all, delete-orphan")


class Iki(TimestampMixin, db.Model):
    """Indikator Kinerja Individu."""

    __tablename__ = "iki"

    id: Mapped[int] = mapped_column(primary_key=True)
    rhk_id: Mapped[int] = mapped_column(ForeignKey("rhk.id"), index=True)
    aspek: Mapped[str] = mapped_column(String(10))  # Kuantitas | Kualitas | Waktu
    indikator: Mapped[str] = mapped_column(Text)
    target_teks: Mapped[str] = mapped_column(String(300))
    target_angka: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    satuan: Mapped[str | None] = mapped_column(String(60))
    urutan: Mapped[int] = mapped_column(Integer, default=0)

    rhk: Mapped[Rhk] = relationship(back_populates="iki")


class PerilakuSkp(db.Model):
    """One of the 7 BerAKHLAK values on an SKP, with the penilai's ekspektasi khusus."""

    __tablename__ = "perilaku_skp"
    __table_args__ = (UniqueConstraint("skp_id", "nomor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id"), index=True)
    nomor: Mapped[int] = mapped_column(Integer)  # 1..7, see kinerja.referensi.BERAKHLAK
    ekspektasi: Mapped[str | None] = mapped_column(Text)

    skp: Mapped[Skp] = relationship(back_populates="perilaku")


class SkpVersi(db.Model):
    """An approved version of an SKP, kept for history (the full content as JSON)."""

    __tablename__ = "skp_versi"
    __table_args__ = (UniqueConstraint("skp_id", "versi"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id"), index=True)
    versi: Mapped[int] = mapped_column(Integer)
    disetujui_at: Mapped[datetime] = mapped_column(UTCDateTime())
    disetujui_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("akun.id"))
    isi: Mapped[dict] = mapped_column(JSON)

    skp: Mapped[Skp] = relationship(back_populates="riwayat")
    disetujui_oleh: Mapped[Akun | None] = relationship("Akun")


@event.listens_for(Skp, "before_insert")
def _periode_bawaan(mapper, connection, skp: Skp) -> None:
    """An SKP created without dates covers its whole year."""
    if skp.tanggal_mulai is None:
        skp.tanggal_mulai = date(skp.tahun, 1, 1)
    if skp.tanggal_selesai is None:
        skp.tanggal_selesai = date(skp.tahun, 12, 31)
