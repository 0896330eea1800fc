"""Reads of the mutasi feature: a pegawai's riwayat jabatan, the penugasan list."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kinerja.extensions import db
from kinerja.models import Pegawai, PenugasanPlt, RiwayatJabatan, Skp, UnitKerja

PER_HALAMAN = 25


def riwayat_jabatan(pegawai_id: int) -> list[RiwayatJabatan]:
    return list(db.session.execute(
        select(RiwayatJabatan).where(RiwayatJabatan.pegawai_id == pegawai_id)
        .options(selectinload(RiwayatJabatan.atasan)).order_by(RiwayatJabatan.tanggal_mulai.desc())
    ).scalars())


def skp_pegawai(pegawai_id: int) -> list[Skp]:
    return list(db.session.execute(
        select(Skp).where(Skp.pegawai_id == pegawai_id).order_by(Skp.tahun.desc(), Skp.tanggal_mulai.desc())
    ).scalars())


def daftar_penugasan(nomor: int = 1):
    stmt = (select(PenugasanPlt)
            .options(selectinload(PenugasanPlt.pejabat), selectinload(PenugasanPlt.unit),
                     selectinload(PenugasanPlt.pegawai).selectinload(Pegawai.unit))
            .order_by(PenugasanPlt.tanggal_mulai.desc(), PenugasanPlt.id.desc()))
    return db.paginate(stmt, page=nomor, per_page=PER_HALAMAN, error_out=False)


def hari_kerja_terakhir(items) -> dict[int, date]:
    """For the list: the acting official's last working day of each penugasan that ends on a weekend
    or holiday (``rules.hari_kerja_terakhir``; the penugasan still runs until its last date).  One query
    for the holidays of the page."""
    from kinerja.kalender import holidays_between
    from kinerja.mutasi import rules

    items = [p for p in items if p.dibatalkan_at is None]
    if not items:
        return {}
    libur = holidays_between(min(p.tanggal_selesai for p in items) - timedelta(days=31),
                             max(p.tanggal_selesai for p in items))
    hasil = {}
    for p in items:
        unit = p.unit if p.unit is not None else (p.pegawai.unit if p.pegawai is not None else None)
        minggu = 6 if unit is not None and unit.hari_kerja_per_minggu == 6 else 5
        terakhir = rules.hari_kerja_terakhir(p.tanggal_selesai, set(libur), minggu)
        if terakhir != p.tanggal_selesai:
            hasil[p.id] = terakhir
    return hasil


def evaluasi_sepanjang_periode(ev) -> list:
    """The pegawai's evaluations in ``ev``'s period (one per SKP active in it), oldest SKP first."""
    from kinerja.models import Evaluasi

    return list(db.session.execute(
        select(Evaluasi).join(Skp, Evaluasi.skp_id == Skp.id)
        .where(Evaluasi.periode_id == ev.periode_id, Evaluasi.pegawai_id == ev.pegawai_id)
        .options(selectinload(Evaluasi.skp), selectinload(Evaluasi.penilai)).order_by(Skp.tanggal_mulai)
    ).scalars())


def pilihan_unit() -> list[tuple[int, str]]:
    rows = db.session.execute(select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.aktif.is_(True))
                              .order_by(UnitKerja.nama)).all()
    return [(r.id, r.nama) for r in rows]
