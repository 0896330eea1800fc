"""Identity snapshots printed on forms (DOMAIN.md §6.6): taken once, never re-derived."""

from __future__ import annotations

from kinerja.models import Pegawai, PejabatLuar

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
