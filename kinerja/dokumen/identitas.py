"""Identity snapshots printed on forms (DOMAIN.md §6.6): taken once, never re-derived."""

from __future__ import annotations

from kinerja.models import Pegawai

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
