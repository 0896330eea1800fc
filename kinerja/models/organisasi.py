"""Organisation: instansi settings, unit kerja tree, jabatan, pegawai, working calendar."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.base import TimestampMixin
from kinerja.referensi import pangkat_golongan_label


class Instansi(TimestampMixin, db.Model):
    """The one agency running this installation (a single row)."""

    __tablename__ = "instansi"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama_pemda: Mapped[str] = mapped_column(String(150), default="Pemerintah Kabupaten")
    nama_dinas: Mapped[str] = mapped_column(String(150), default="")
    alamat: Mapped[str] = mapped_column(String(300), default="")
    # Kop surat (DOMAIN.md §8): printed under the dinas name when filled in.
    kode_pos: Mapped[str] = mapped_column(String(10), default="")
    telepon: Mapped[str] = mapped_column(String(60), default="")
    surel: Mapped[str] = mapped_column(String(150), default="")
    laman: Mapped[str] = mapped_column(String(150), default="")
    # Paper of every printed document: "A4" or "F4" (folio 215 × 330 mm).
    ukuran_kertas: Mapped[str] = mapped_column(String(4), default="A4")
    kota_ttd: Mapped[str] = mapped_column(String(80), default="")
    logo_nama_file: Mapped[str | None] = mapped_column(String(80))
    zona_waktu: Mapped[str] = mapped_column(String(40), default="Asia/Jakarta")
    target_menit_bulanan: Mapped[int] = mapped_column(Integer, default=6750)
    batas_menit_harian: Mapped[int] = mapped_column(Integer, default=720)
    masa_tenggang_hari_kerja: Mapped[int] = mapped_column(Integer, default=1)
    # The public "Kinerja Organisasi" page (/kinerja-organisasi, no login); off until the admin turns it on.
    halaman_publik: Mapped[bool] = mapped_column(Boolean, default=False, server_default=db.false())
    # Reminders (flask send-reminders): the SKP of the year must be submitted by this day; who has not
    # logged a working day is reminded from this hour (local time); submissions waiting longer than
    # this many working days remind the atasan.
    batas_pengajuan_skp: Mapped[date | None] = mapped_column(Date)
    jam_pengingat_harian: Mapped[int] = mapped_column(Integer, default=15, server_default="15")
    batas_tunggu_verifikasi: Mapped[int] = mapped_column(Integer, default=3, server_default="3")


class UnitKerja(TimestampMixin, db.Model):
    __tablename__ = "unit_kerja"
    __table_args__ = (
        CheckConstraint("hari_kerja_per_minggu IN (5, 6)", name="hari_kerja"),
        Index("ix_unit_kerja_nama", "nama"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(150))
    singkatan: Mapped[str | None] = mapped_column(String(30))
    induk_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    hari_kerja_per_minggu: Mapped[int] = mapped_column(Integer, default=5)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    induk: Mapped[UnitKerja | None] = relationship(remote_side="UnitKerja.id", back_populates="anak")
    anak: Mapped[list[UnitKerja]] = relationship(back_populates="induk", order_by="UnitKerja.nama")

    def __repr__(self) -> str:
        return f"<UnitKerja {self.id} {self.nama}>"


class Jabatan(TimestampMixin, db.Model):
    __tablename__ = "jabatan"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(200), unique=True)
    jenis: Mapped[str] = mapped_column(String(20))
    jenjang: Mapped[str | None] = mapped_column(String(30))

    def __repr__(self) -> str:
        return f"<Jabatan {self.nama}>"


class PejabatLuar(TimestampMixin, db.Model):
    """An official outside the dinas (Sekretaris Daerah, Bupati) who evaluates the top of the tree."""

    __tablename__ = "pejabat_luar"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(150))
    nip: Mapped[str | None] = mapped_column(String(18))
    pangkat_golongan: Mapped[str | None] = mapped_column(String(80))
    jabatan: Mapped[str] = mapped_column(String(200))
    instansi: Mapped[str] = mapped_column(String(200))
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<PejabatLuar {self.id} {self.nama}>"


class Pegawai(TimestampMixin, db.Model):
    """An ASN (PNS, CPNS or PPPK).  ``pimpinan`` marks the head of ``unit``."""

    __tablename__ = "pegawai"
    __table_args__ = (
        Index("ix_pegawai_nama", "nama"),
        # At most one head per unit.
        Index(
            "uq_pegawai_pimpinan_unit",
            "unit_id",
            unique=True,
            sqlite_where=db.text("pimpinan"),
            postgresql_where=db.text("pimpinan"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    nama: Mapped[str] = mapped_column(String(150))
    status: Mapped[str] = mapped_column(String(8), default="PNS")
    golongan: Mapped[str | None] = mapped_column(String(8))
    jabatan_id: Mapped[int | None] = mapped_column(ForeignKey("jabatan.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    atasan_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    pimpinan: Mapped[bool] = mapped_column(Boolean, default=False)
    # When the atasan is outside the dinas (the top of the tree): the external penilai and their atasan.
    penilai_luar_id: Mapped[int | None] = mapped_column(ForeignKey("pejabat_luar.id"), index=True)
    atasan_penilai_luar_id: Mapped[int | None] = mapped_column(ForeignKey("pejabat_luar.id"), index=True)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    email: Mapped[str | None] = mapped_column(String(150))
    tanggal_lahir: Mapped[date | None] = mapped_column(Date)
    jenis_kelamin: Mapped[str | None] = mapped_column(String(1))

    jabatan: Mapped[Jabatan | None] = relationship()
    unit: Mapped[UnitKerja | None] = relationship()
    atasan: Mapped[Pegawai | None] = relationship(remote_side="Pegawai.id", back_populates="bawahan")
    bawahan: Mapped[list[Pegawai]] = relationship(back_populates="atasan", order_by="Pegawai.nama")
    penilai_luar: Mapped[PejabatLuar | None] = relationship(foreign_keys=[penilai_luar_id])
    atasan_penilai_luar: Mapped[PejabatLuar | None] = relationship(foreign_keys=[atasan_penilai_luar_id])

    @property
    def pangkat_golongan(self) -> str:
        return pangkat_golongan_label(self.status, self.golongan)

    @property
    def nama_jabatan(self) -> str:
        return self.jabatan.nama if self.jabatan else ""

    @property
    def nama_unit(self) -> str:
        return self.unit.nama if self.unit else ""

    def __repr__(self) -> str:
        return f"<Pegawai {self.nip} {self.nama}>"


class HariLibur(TimestampMixin, db.Model):
    """A non-working day for the whole instansi: national holiday, cuti bersama, local."""

    __tablename__ = "hari_libur"

    id: Mapped[int] = mapped_column(primary_key=True)
    tanggal: Mapped[date] = mapped_column(Date, unique=True)
    nama: Mapped[str] = mapped_column(String(150))
    jenis: Mapped[str] = mapped_column(String(20))
    sumber: Mapped[str] = mapped_column(String(10), default="admin")
    keterangan: Mapped[str | None] = mapped_column(Text)
