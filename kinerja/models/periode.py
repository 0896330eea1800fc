"""Tahun Kinerja and its evaluation periods."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin


class TahunKinerja(TimestampMixin, db.Model):
    __tablename__ = "tahun_kinerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int] = mapped_column(Integer, unique=True)
    pola: Mapped[str] = mapped_column(String(12), default="semesteran")  # semesteran | triwulanan | bulanan
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    periode: Mapped[list[Periode]] = relationship(
        back_populates="tahun_kinerja", order_by="Periode.urutan", cascade="all, delete-orphan"
    )


class Periode(TimestampMixin, db.Model):
    """One evaluation period: Semester I/II, Triwulan I–IV, a month, or the annual Akhir."""

    __tablename__ = "periode"
    __table_args__ = (UniqueConstraint("tahun_kinerja_id", "kode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tahun_kinerja_id: Mapped[int] = mapped_column(ForeignKey("tahun_kinerja.id"), index=True)
    kode: Mapped[str] = mapped_column(String(8))  # S1, S2, TW1..TW4, B01..B12, AKHIR
    nama: Mapped[str] = mapped_column(String(40))  # "Semester I", "Akhir", ...
    jenis: Mapped[str] = mapped_column(String(10))  # semester | triwulan | bulan | akhir
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    batas_pengisian: Mapped[date] = mapped_column(Date)
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    # The admin may allow signing evaluations before the period has ended (audited).
    ttd_lebih_awal: Mapped[bool] = mapped_column(Boolean, default=False)

    tahun_kinerja: Mapped[TahunKinerja] = relationship(back_populates="periode")

    @property
    def tahun(self) -> int:
        return self.tanggal_mulai.year
