"""Test data for SKP: an open Tahun Kinerja and SKPs in any state, written directly (fast)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.dokumen.identitas import snapshot
from kinerja.extensions import db
from kinerja.models import Iki, Pegawai, PerilakuSkp, Periode, Rhk, Skp, SkpVersi, TahunKinerja
from kinerja.periode.rules import periode_untuk
from kinerja.skp.rules import lampiran_bawaan
from kinerja.skp.services import isi_skp
from kinerja.waktu import utcnow

TAHUN = 2026


def tahun_kinerja(tahun: int = TAHUN, pola: str = "semesteran") -> TahunKinerja:
    tk = TahunKinerja(tahun=tahun, pola=pola, aktif=True)
    for s in periode_untuk(tahun, pola):
        tk.periode.append(Periode(kode=s.kode, nama=s.nama, jenis=s.jenis, tanggal_mulai=s.tanggal_mulai,
                                  tanggal_selesai=s.tanggal_selesai, batas_pengisian=s.batas_pengisian, urutan=s.urutan))
    db.session.add(tk)
    db.session.flush()
    return tk


def buat_skp(pegawai: Pegawai, tahun: int = TAHUN, status: str = "Draft", rhk: list | None = None,
             jumlah_rhk: int = 0, iki_per_rhk: int = 1, intervensi: list[Rhk] | None = None,
             jenis_form: str = "JA_JF") -> Skp:
    """An SKP for ``pegawai``.  ``rhk``: [(jenis, uraian, [indikator, ...], rhk_atasan or None)].

    ``jumlah_rhk`` adds generated Utama RHK (each intervening ``intervensi[i % len]`` when given).
    ``status`` "Disetujui" also sets versi 1, snapshots and a SkpVersi row.
    """
    skp = Skp(pegawai_id=pegawai.id, tahun=tahun, pendekatan="Kuantitatif", jenis_form=jenis_form, status="Draft",
              penilai_id=pegawai.atasan_id, versi=0, dalam_revisi=False, disetujui_oleh_admin=False, **lampiran_bawaan())
    for nomor in range(1, 8):
        skp.perilaku.append(PerilakuSkp(nomor=nomor))
    items = list(rhk or [])
    for n in range(jumlah_rhk):
        atasan = intervensi[n % len(intervensi)] if intervensi else None
        items.append(("Utama", f"RHK {pegawai.nama} nomor {n + 1}", [f"IKI {n + 1}.{k + 1}" for k in range(iki_per_rhk)], atasan))
    for urutan, (jenis, uraian, indikator, atasan) in enumerate(items, start=1):
        r = Rhk(jenis=jenis, uraian=uraian, urutan=urutan, rhk_atasan=atasan,
                intervensi_teks="Meningkatnya kualitas layanan publik" if atasan is None and pegawai.atasan_id is None else None)
        for k, teks in enumerate(indikator, start=1):
            r.iki.append(Iki(aspek="Kuantitas", indikator=teks, target_teks=f"{k * 4} dokumen",
                             target_angka=Decimal(k * 4), satuan="dokumen", urutan=k))
        skp.rhk.append(r)
    db.session.add(skp)
    db.session.flush()
    if status in ("Diajukan", "Disetujui", "Ditolak"):
        skp.status, skp.diajukan_at = "Diajukan", utcnow()
    if status == "Ditolak":
        skp.status, skp.catatan_pengembalian = "Ditolak", "Perbaiki target."
    if status == "Disetujui":
        setujui(skp)
    db.session.flush()
    return skp


def setujui(skp: Skp) -> Skp:
    pegawai = db.session.get(Pegawai, skp.pegawai_id)
    for p in skp.perilaku:
        p.ekspektasi = f"Ekspektasi perilaku {p.nomor}"
    skp.status, skp.versi, skp.disetujui_at = "Disetujui", (skp.versi or 0) + 1, utcnow()
    skp.disetujui_oleh_admin = pegawai.atasan_id is None
    skp.snapshot_pegawai = snapshot(pegawai)
    skp.snapshot_penilai = snapshot(pegawai.atasan)
    skp.snapshot_atasan_penilai = snapshot(pegawai.atasan.atasan if pegawai.atasan else None)
    db.session.flush()
    db.session.refresh(skp)
    db.session.add(SkpVersi(skp_id=skp.id, versi=skp.versi, disetujui_at=skp.disetujui_at, isi=isi_skp(skp)))
    db.session.flush()
    return skp


@pytest.fixture
def skp_org(org):
    """The ``org`` tree with Tahun Kinerja 2026 open, and approved SKPs for kadis → kabid → kasi."""
    tahun_kinerja()
    org.skp_kadis = buat_skp(org.kadis, status="Disetujui", rhk=[
        ("Utama", "Meningkatnya kualitas layanan informasi publik", ["Indeks keterbukaan informasi"], None),
        ("Utama", "Meningkatnya penerapan SPBE", ["Indeks SPBE"], None)])
    org.skp_kabid = buat_skp(org.kabid, status="Disetujui", rhk=[
        ("Utama", "Terkelolanya aplikasi layanan publik", ["Jumlah aplikasi"], org.skp_kadis.rhk[1])])
    org.skp_kasi = buat_skp(org.kasi, status="Disetujui", rhk=[
        ("Utama", "Tersedianya aplikasi e-government yang andal", ["Jumlah aplikasi dikembangkan", "Ketersediaan layanan"],
         org.skp_kabid.rhk[0]),
        ("Utama", "Terkelolanya website pemerintah daerah", ["Jumlah pembaruan konten"], org.skp_kabid.rhk[0]),
        ("Tambahan", "Terlaksananya pendampingan OPD", ["Jumlah OPD didampingi"], None)])
    return org
