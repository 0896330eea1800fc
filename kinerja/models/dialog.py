"""Dialog kinerja: a leader's meeting with staff, its participants and its follow-ups (C6)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin, UTCDateTime
from kinerja.models.organisasi import Pegawai


class Dialog(TimestampMixin, db.Model):
    """One meeting.  ``status`` is "Terjadwal" until the leader closes it ("Ditutup")."""

    __tablename__ = "dialog"
    __table_args__ = (
        Index("ix_dialog_pimpinan_waktu", "pimpinan_id", "waktu_mulai"),
        Index("ix_dialog_status_waktu", "status", "waktu_mulai"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pimpinan_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(30))
    judul: Mapped[str] = mapped_column(String(200))
    waktu_mulai: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    daring: Mapped[bool] = mapped_column(Boolean, default=False)
    tempat: Mapped[str] = mapped_column(String(200), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    catatan: Mapped[str] = mapped_column(Text, default="")
    tantangan: Mapped[str] = mapped_column(Text, default="")
    kesepakatan: Mapped[str] = mapped_column(Text, default="")
    pengulangan: Mapped[str] = mapped_column(String(12), default="")  # "" | mingguan | dua_mingguan | bulanan
    status: Mapped[str] = mapped_column(String(10), default="Terjadwal", index=True)  # Terjadwal | Ditutup
    ditutup_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The occurrence this one was generated from (unique: a meeting spawns at most one successor).
    sebelumnya_id: Mapped[int | None] = mapped_column(ForeignKey("dialog.id"), unique=True)
    # Identity of the leader as it was when the meeting was closed (printed on the notulen).
    identitas_pimpinan: Mapped[dict | None] = mapped_column(JSON)

    pimpinan: Mapped[Pegawai] = relationship(foreign_keys=[pimpinan_id])
    peserta: Mapped[list[PesertaDialog]] = relationship(
        back_populates="dialog", cascade="all, delete-orphan", order_by="PesertaDialog.id"
    )
    tindak_lanjut: Mapped[list[TindakLanjut]] = relationship(
        back_populates="dialog", cascade="all, delete-orphan", order_by=lambda: [TindakLanjut.batas_waktu, TindakLanjut.id]
    )

    @property
    def ditutup(self) -> bool:
        return self.status == "Ditutup"

    @property
    def peserta_ids(self) -> set[int]:
        return {p.pegawai_id for p in self.peserta}

    def __repr__(self) -> str:
        return f"<Dialog {self.id} {self.jenis} {self.waktu_mulai:%Y-%m-%d}>"


class PesertaDialog(TimestampMixin, db.Model):
    """A participant: their attendance confirmation and their own note (tanggapan)."""

    __tablename__ = "dialog_peserta"
    __table_args__ = (UniqueConstraint("dialog_id", "pegawai_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dialog_id: Mapped[int] = mapped_column(ForeignKey("dialog.id", ondelete="CASCADE"), index=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    hadir_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    tanggapan: Mapped[str] = mapped_column(Text, default="")
    tanggapan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Jabatan as it was when the meeting was closed (printed on the notulen).
    jabatan_saat_dialog: Mapped[str | None] = mapped_column(String(200))

    dialog: Mapped[Dialog] = relationship(back_populates="peserta")
    pegawai: Mapped[Pegawai] = relationship()

    @property
    def hadir(self) -> bool:
        return self.hadir_at is not None


class TindakLanjut(TimestampMixin, db.Model):
    """A follow-up item: what, who (the leader or a participant), by when, and its status."""

    __tablename__ = "dialog_tindak_lanjut"
    __table_args__ = (
        Index("ix_dialog_tindak_lanjut_pj_status", "penanggung_jawab_id", "status", "batas_waktu"),
        Index("ix_dialog_tindak_lanjut_status_batas", "status", "batas_waktu"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dialog_id: Mapped[int] = mapped_column(ForeignKey("dialog.id", ondelete="CASCADE"), index=True)
    uraian: Mapped[str] = mapped_column(String(500))
    penanggung_jawab_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    batas_waktu: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default="Belum", index=True)  # Belum | Proses | Selesai
    catatan_selesai: Mapped[str] = mapped_column(String(300), default="")
    selesai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The day the "due tomorrow" reminder went out (makes the daily reminder idempotent).
    diingatkan_pada: Mapped[date | None] = mapped_column(Date)

    dialog: Mapped[Dialog] = relationship(back_populates="tindak_lanjut")
    penanggung_jawab: Mapped[Pegawai] = relationship()
