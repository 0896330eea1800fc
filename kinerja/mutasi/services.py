"""Mutasi/promosi/ganti atasan and penugasan Plt/Plh (issue #11 §1–§2): admin use cases.

Each takes the acting user first, checks, writes, records the audit event and commits once;
a DomainError (Indonesian, on the field) leaves nothing half-written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from kinerja import atasan
from kinerja.akses import require_admin
from kinerja.audit.services import record
from kinerja.errors import DomainError, NotFound
from kinerja.extensions import db
from kinerja.models import Akun, Jabatan, Pegawai, PenugasanPlt, RiwayatJabatan, Skp, UnitKerja
from kinerja.mutasi import rules
from kinerja.notifikasi.services import notify, notify_pegawai
from kinerja.organisasi.services.pegawai import PegawaiData, _apply, validate_pegawai
from kinerja.waktu import today_local, utcnow

log = logging.getLogger(__name__)


@dataclass
class MutasiData:
    jenis: str | None
    tanggal: date | None
    jabatan_id: int | None
    unit_id: int | None
    atasan_id: int | None
    golongan: str | None = None
    pimpinan: bool = False
    nomor_sk: str | None = None
    keterangan: str | None = None


@dataclass(frozen=True)
class HasilMutasi:
    pegawai: Pegawai
    riwayat: RiwayatJabatan
    skp_diakhiri: Skp | None


def _skp_berjalan(pegawai_id: int, tanggal: date) -> Skp | None:
    return db.session.execute(
        select(Skp).where(Skp.pegawai_id == pegawai_id, Skp.tanggal_mulai <= tanggal, Skp.tanggal_selesai >= tanggal)
        .order_by(Skp.tanggal_mulai.desc()).limit(1)).scalar_one_or_none()


def _riwayat_dari(p: Pegawai, jenis: str, mulai: date, data: MutasiData | None = None) -> RiwayatJabatan:
    jabatan = db.session.get(Jabatan, p.jabatan_id) if p.jabatan_id else None
    unit = db.session.get(UnitKerja, p.unit_id) if p.unit_id else None
    return RiwayatJabatan(pegawai_id=p.id, jenis=jenis, tanggal_mulai=mulai, jabatan_id=p.jabatan_id,
                          unit_id=p.unit_id, atasan_id=p.atasan_id, golongan=p.golongan, pimpinan=bool(p.pimpinan),
                          nama_jabatan=jabatan.nama if jabatan else "", nama_unit=unit.nama if unit else "",
                          nomor_sk=(data.nomor_sk or "").strip()[:100] or None if data else None,
                          keterangan=(data.keterangan or "").strip()[:1000] or None if data else None)


def _periksa(p: Pegawai, data: MutasiData, hari_ini: date) -> tuple[PegawaiData, object, Skp | None]:
    if data.jenis not in rules.JENIS_MUTASI:
        raise DomainError("jenis", "Pilih jenis: Mutasi, Promosi, atau Ganti Atasan.")
    if data.tanggal is None:
        raise DomainError("tanggal", "Tanggal berlaku wajib diisi.")
    if data.tanggal > hari_ini:
        raise DomainError("tanggal", "Tanggal berlaku tidak boleh di masa depan: catat mutasi pada atau setelah "
                                     "tanggal berlakunya.")
    terakhir = db.session.execute(
        select(RiwayatJabatan.tanggal_mulai).where(RiwayatJabatan.pegawai_id == p.id)
        .order_by(RiwayatJabatan.tanggal_mulai.desc()).limit(1)).scalar()
    if terakhir is not None and data.tanggal <= terakhir:
        raise DomainError("tanggal", f"Tanggal berlaku harus setelah perubahan jabatan terakhir ({terakhir:%d-%m-%Y}).")
    sesudah = db.session.execute(select(Skp.id).where(Skp.pegawai_id == p.id, Skp.tanggal_mulai > data.tanggal)).first()
    if sesudah:
        raise DomainError("tanggal", "Sudah ada SKP yang dimulai setelah tanggal berlaku ini.")
    skp = _skp_berjalan(p.id, data.tanggal)
    problem = rules.masalah_tanggal_mutasi(data.tanggal, skp.tanggal_mulai if skp else None,
                                           skp.tanggal_selesai if skp else None)
    if problem:
        raise DomainError("tanggal", problem)
    baru = PegawaiData(nip=p.nip, nama=p.nama, status=p.status, golongan=data.golongan or p.golongan,
                       jabatan_id=data.jabatan_id, unit_id=data.unit_id, atasan_id=data.atasan_id,
                       pimpinan=bool(data.pimpinan), email=p.email)
    if baru.jabatan_id is None:
        raise DomainError("jabatan_id", "Pilih jabatan baru.")
    if baru.unit_id is None:
        raise DomainError("unit_id", "Pilih unit kerja baru.")
    baru, info = validate_pegawai(baru, p.id, hari_ini)
    if (baru.jabatan_id, baru.unit_id, baru.atasan_id, baru.golongan, baru.pimpinan) == (
            p.jabatan_id, p.unit_id, p.atasan_id, p.golongan, bool(p.pimpinan)):
        raise DomainError("jabatan_id", "Tidak ada yang berubah: pilih jabatan, unit, atasan, atau pangkat yang baru.")
    return baru, info, skp


def catat_mutasi(actor, pegawai_id: int, data: MutasiData, hari_ini: date | None = None) -> HasilMutasi:
    """"Catat Mutasi": the running SKP ends the day before ``data.tanggal``; the history gets the old
    and the new position; the pegawai record takes the new one (his new SKP is his to start)."""
    require_admin(actor)
    hari_ini = hari_ini or today_local()
    p = db.session.get(Pegawai, pegawai_id)
    if p is None:
        raise NotFound()
    baru, info, skp = _periksa(p, data, hari_ini)
    sebelum = {"jabatan_id": p.jabatan_id, "unit_id": p.unit_id, "atasan_id": p.atasan_id, "golongan": p.golongan,
               "pimpinan": bool(p.pimpinan)}
    terbuka = db.session.execute(
        select(RiwayatJabatan).where(RiwayatJabatan.pegawai_id == p.id, RiwayatJabatan.tanggal_selesai.is_(None))
    ).scalars().all()
    if not terbuka:  # the first mutasi recorded: the position held until now becomes the first row
        awal = skp.tanggal_mulai if skp is not None else date(data.tanggal.year, 1, 1)
        if awal >= data.tanggal:
            awal = data.tanggal - timedelta(days=1)
        terbuka = [_riwayat_dari(p, "Awal", awal)]
        db.session.add(terbuka[0])
    for r in terbuka:
        r.tanggal_selesai = data.tanggal - timedelta(days=1)
    diakhiri = None
    if skp is not None:
        (_, akhir), _ = rules.pisah_skp(skp.tanggal_mulai, skp.tanggal_selesai, data.tanggal)
        skp.tanggal_selesai = akhir
        diakhiri = skp
    _apply(p, baru, info)
    db.session.flush()
    riwayat = _riwayat_dari(p, data.jenis, data.tanggal, data)
    db.session.add(riwayat)
    db.session.flush()
    record(actor, "pegawai.mutasi", "pegawai", p.id, sebelum=sebelum, sesudah={
        "jenis": data.jenis, "tanggal": data.tanggal.isoformat(), "jabatan_id": p.jabatan_id, "unit_id": p.unit_id,
        "atasan_id": p.atasan_id, "golongan": p.golongan, "pimpinan": bool(p.pimpinan), "nomor_sk": riwayat.nomor_sk,
        "skp_diakhiri": diakhiri.id if diakhiri else None,
        "skp_berakhir": diakhiri.tanggal_selesai.isoformat() if diakhiri else None})
    if diakhiri is not None:
        notify_pegawai(p.id, f"{data.jenis} berlaku {data.tanggal:%d-%m-%Y}: SKP lama Anda berakhir "
                             f"{diakhiri.tanggal_selesai:%d-%m-%Y}. Mulai SKP jabatan baru Anda.", "/skp/", "skp")
    db.session.commit()
    log.info("mutasi pegawai %s (%s, %s) oleh akun %s", p.id, data.jenis, data.tanggal, actor.id)
    return HasilMutasi(p, riwayat, diakhiri)


# ------------------------------------------------------------------ Plt / Plh


@dataclass
class PenugasanData:
    jenis: str | None
    pejabat_id: int | None
    unit_id: int | None
    pegawai_id: int | None
    tanggal_mulai: date | None
    tanggal_selesai: date | None
    nomor_sk: str | None = None
    keterangan: str | None = None


def _aturan(p: PenugasanPlt) -> rules.Penugasan:
    return atasan.ke_aturan(p)


def _notify_pejabat(pejabat_id: int, pesan: str) -> None:
    akun_id = db.session.execute(select(Akun.id).where(Akun.pegawai_id == pejabat_id)).scalar()
    notify(akun_id, pesan, "/verifikasi/", "penugasan")


def buat_penugasan(actor, data: PenugasanData) -> PenugasanPlt:
    require_admin(actor)
    pejabat = db.session.get(Pegawai, data.pejabat_id) if data.pejabat_id else None
    if pejabat is None or not pejabat.aktif:
        raise DomainError("pejabat_id", "Pilih pegawai aktif yang ditugaskan.")
    if data.unit_id is not None and db.session.get(UnitKerja, data.unit_id) is None:
        raise DomainError("unit_id", "Unit kerja tidak ditemukan.")
    if data.pegawai_id is not None and db.session.get(Pegawai, data.pegawai_id) is None:
        raise DomainError("pegawai_id", "Pegawai tidak ditemukan.")
    baru = rules.Penugasan(0, data.jenis or "", pejabat.id, data.tanggal_mulai, data.tanggal_selesai,
                           unit_id=data.unit_id, pegawai_id=data.pegawai_id)
    lain = [_aturan(p) for p in db.session.execute(
        select(PenugasanPlt).where(PenugasanPlt.dibatalkan_at.is_(None))).scalars()]
    problem = rules.masalah_penugasan(baru, lain) if None not in (data.tanggal_mulai, data.tanggal_selesai) else \
        rules.masalah_rentang(data.tanggal_mulai, data.tanggal_selesai)
    if problem:
        field = "jenis" if "jenis" in problem else ("unit_id" if "Pilih salah satu" in problem or "Sudah ada" in problem
                                                     else ("pegawai_id" if "dirinya" in problem else "tanggal_selesai"))
        raise DomainError(field, problem)
    p = PenugasanPlt(jenis=data.jenis, pejabat_id=pejabat.id, unit_id=data.unit_id, pegawai_id=data.pegawai_id,
                     tanggal_mulai=data.tanggal_mulai, tanggal_selesai=data.tanggal_selesai,
                     nomor_sk=(data.nomor_sk or "").strip()[:100] or None,
                     keterangan=(data.keterangan or "").strip()[:300] or None)
    db.session.add(p)
    db.session.flush()
    record(actor, "penugasan.buat", "penugasan_plt", p.id, sesudah=_state(p))
    sasaran = p.unit.nama if p.unit is not None else (p.pegawai.nama if p.pegawai is not None else "")
    _notify_pejabat(pejabat.id, f"Anda ditugaskan sebagai {p.jenis} ({sasaran}) "
                                f"{p.tanggal_mulai:%d-%m-%Y} s.d. {p.tanggal_selesai:%d-%m-%Y}.")
    db.session.commit()
    atasan.lupakan()
    return p


def _state(p: PenugasanPlt) -> dict:
    return {"jenis": p.jenis, "pejabat_id": p.pejabat_id, "unit_id": p.unit_id, "pegawai_id": p.pegawai_id,
            "tanggal_mulai": p.tanggal_mulai.isoformat(), "tanggal_selesai": p.tanggal_selesai.isoformat(),
            "nomor_sk": p.nomor_sk, "dibatalkan": p.dibatalkan_at is not None}


def akhiri_penugasan(actor, penugasan_id: int, hari_ini: date | None = None) -> PenugasanPlt:
    """End a penugasan early: it runs through yesterday (one not started yet is cancelled).  The
    duties — and the open items with them — return to the atasan on record at once."""
    require_admin(actor)
    hari_ini = hari_ini or today_local()
    p = db.session.get(PenugasanPlt, penugasan_id)
    if p is None:
        raise NotFound()
    if p.dibatalkan_at is not None or p.tanggal_selesai < hari_ini:
        raise DomainError(None, "Penugasan ini sudah berakhir.")
    sebelum = _state(p)
    if p.tanggal_mulai >= hari_ini:
        p.dibatalkan_at = utcnow()
    else:
        p.tanggal_selesai = hari_ini - timedelta(days=1)
    record(actor, "penugasan.akhiri", "penugasan_plt", p.id, sebelum=sebelum, sesudah=_state(p))
    _notify_pejabat(p.pejabat_id, f"Penugasan {p.jenis} Anda diakhiri; tugasnya kembali ke pejabat definitif.")
    db.session.commit()
    atasan.lupakan()
    return p
