"""Identity snapshots printed on forms (DOMAIN.md §6.6): taken once, never re-derived."""

from __future__ import annotations

from datetime import date

from kinerja.models import Pegawai, PejabatLuar
from kinerja.referensi import pangkat_golongan_label

KOSONG = {"nama": "", "nip": "", "pangkat_golongan": "", "jabatan": "", "unit_kerja": ""}


def snapshot(p: Pegawai | None) -> dict:
    if p is None:
        return dict(KOSONG)
    return {
        "nama": p.nama,
        "nip": p.nip,
        "pangkat_golongan": p.pangkat_golongan,
        "jabatan": p.nama_jabatan,
        "unit_kerja": p.nama_unit,
    }


def snapshot_luar(p: PejabatLuar | None) -> dict:
    """An official outside the dinas (Sekda, Bupati): NIP and pangkat may be empty."""
    if p is None:
        return dict(KOSONG)
    return {
        "nama": p.nama,
        "nip": p.nip or "",
        "pangkat_golongan": p.pangkat_golongan or "",
        "jabatan": p.jabatan,
        "unit_kerja": p.instansi,
        "instansi": p.instansi,
        "luar_instansi": True,
    }


def snapshot_pada(p: Pegawai | None, tanggal: date | None) -> dict:
    """The identity as of ``tanggal`` (issue #11 §1): jabatan, unit and pangkat from the riwayat
    jabatan row that held that day; today's data when no history covers it."""
    from kinerja.atasan import posisi_pada

    data = snapshot(p)
    if p is None or tanggal is None:
        return data
    r = posisi_pada(p.id, tanggal)
    if r is not None:
        data["jabatan"] = r.nama_jabatan or data["jabatan"]
        data["unit_kerja"] = r.nama_unit or data["unit_kerja"]
        if r.golongan:
            data["pangkat_golongan"] = pangkat_golongan_label(p.status, r.golongan)
    return data


def snapshot_penandatangan(pejabat: Pegawai | None, pegawai: Pegawai, tanggal: date | None = None) -> dict:
    """The identity printed for the penilai of ``pegawai``: "Plt. Kepala …" / "Plh. …" while he acts."""
    from kinerja.atasan import jabatan_penugasan, penugasan_atasan
    from kinerja.extensions import db
    from kinerja.models import PenugasanPlt

    data = snapshot(pejabat)
    p = penugasan_atasan(pegawai, tanggal) if pejabat is not None else None
    if p is not None and p.pejabat_id == pejabat.id:
        data["jabatan"] = jabatan_penugasan(p.jenis, db.session.get(PenugasanPlt, p.id))
        data["penugasan"] = p.jenis
    return data
