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


def terapkan_riwayat(data: dict, p: Pegawai, r) -> dict:
    """``data`` (a snapshot of ``p``) with jabatan, unit and pangkat of the riwayat jabatan row ``r``."""
    if r is not None:
        data["jabatan"] = r.nama_jabatan or data["jabatan"]
        data["unit_kerja"] = r.nama_unit or data["unit_kerja"]
        if r.golongan:
            data["pangkat_golongan"] = pangkat_golongan_label(p.status, r.golongan)
    return data


def snapshot_pada(p: Pegawai | None, tanggal: date | None) -> dict:
    """The identity as of ``tanggal`` (issue #11 §1): jabatan, unit and pangkat from the riwayat
    jabatan row that held that day; today's data when no history covers it."""
    from kinerja.atasan import posisi_pada

    data = snapshot(p)
    if p is None or tanggal is None:
        return data
    return terapkan_riwayat(data, p, posisi_pada(p.id, tanggal))


def snapshot_bertindak(tugas) -> dict:
    """The acting official of a running penugasan (``aturan_jabatan.Penugasan``): his name and NIP with
    "Plt. <jabatan of the head>" / "Plh. …" as jabatan."""
    from kinerja.atasan import jabatan_penugasan
    from kinerja.extensions import db
    from kinerja.models import PenugasanPlt

    data = snapshot(db.session.get(Pegawai, tugas.pejabat_id))
    data["jabatan"] = jabatan_penugasan(tugas.jenis, db.session.get(PenugasanPlt, tugas.id))
    data["penugasan"] = tugas.jenis
    return data


def identitas_bulanan(daftar: list[Pegawai], tanggal: date) -> dict[int, tuple[dict, dict]]:
    """For each pegawai: (his identity, the identity of the atasan who signs for him) as of ``tanggal``.

    The atasan is the one of the riwayat row of that day (else the one on record) with *his* identity
    of that day; while a Plt/Plh acts as the pegawai's atasan that day, the acting official signs.
    A fixed number of queries for the whole list (the ``Pegawai.atasan`` relation loaded by the caller);
    one more only when the history names an atasan other than today's."""
    from kinerja.atasan import penugasan_atasan_pada, posisi_pada_banyak
    from kinerja.extensions import db

    atasan = {p.atasan.id: p.atasan for p in daftar if p.atasan is not None}
    riwayat = posisi_pada_banyak({p.id for p in daftar} | set(atasan), tanggal)
    lain = {riwayat[p.id].atasan_id for p in daftar if p.id in riwayat} - set(atasan) - {None}
    if lain:
        from sqlalchemy import select
        from sqlalchemy.orm import selectinload

        for a in db.session.execute(select(Pegawai).where(Pegawai.id.in_(lain)).options(
                selectinload(Pegawai.jabatan), selectinload(Pegawai.unit))).scalars():
            atasan[a.id] = a
        riwayat |= posisi_pada_banyak(lain, tanggal)
    hasil = {}
    for p in daftar:
        r = riwayat.get(p.id)
        tugas = penugasan_atasan_pada(p, tanggal, r)
        if tugas is not None:
            ttd = snapshot_bertindak(tugas)
        else:
            a = atasan.get(r.atasan_id if r is not None else p.atasan_id)
            ttd = terapkan_riwayat(snapshot(a), a, riwayat.get(a.id)) if a is not None else snapshot(None)
        hasil[p.id] = (terapkan_riwayat(snapshot(p), p, r), ttd)
    return hasil


def snapshot_penandatangan(pejabat: Pegawai | None, pegawai: Pegawai, tanggal: date | None = None) -> dict:
    """The identity printed for the penilai of ``pegawai``: "Plt. Kepala …" / "Plh. …" while he acts."""
    from kinerja.atasan import penugasan_atasan

    p = penugasan_atasan(pegawai, tanggal) if pejabat is not None else None
    if p is not None and p.pejabat_id == pejabat.id:
        return snapshot_bertindak(p)
    return snapshot(pejabat)
