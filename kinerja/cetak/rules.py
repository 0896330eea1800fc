"""Cetak Massal (C8): pure rules — which documents exist, what each file is called, which units an
actor may print, and how a merged PDF's table of contents counts pages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

# Code → (label on the form, name part of the file).  The order is the order in the ZIP/merged PDF.
DOKUMEN: dict[str, tuple[str, str]] = {
    "B": ("Evaluasi Kinerja (Form B)", "evaluasi"),
    "C": ("Dokumen Evaluasi Kinerja (Form C)", "dokumen-evaluasi"),
    "SKP": ("SKP (Form A)", "skp"),
    "LKH": ("Laporan Kinerja Harian bulanan (Form D)", "lkh"),
}
FORMAT = {"zip": "ZIP (satu PDF per pegawai per dokumen)", "pdf": "Satu PDF gabungan dengan daftar isi"}
SIMPAN_HARI = 7


def slug(teks: str, maks: int = 60) -> str:
    """"Dra. Siti Nurhaliza, M.Si." → "dra-siti-nurhaliza-m-si" (ASCII, safe in every ZIP tool)."""
    ascii_ = unicodedata.normalize("NFKD", teks).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:maks].rstrip("-") or "tanpa-nama"


def nama_berkas(nip: str, nama: str, dokumen: str, bulan: int | None = None) -> str:
    """``NIP-nama-dokumen.pdf``; the LKH carries its month: ``…-lkh-06.pdf``."""
    bagian = DOKUMEN[dokumen][1] + (f"-{bulan:02d}" if dokumen == "LKH" and bulan else "")
    return f"{nip}-{slug(nama)}-{bagian}.pdf"


def urai_dokumen(teks: str | list[str] | None) -> list[str]:
    """"B,C" or ["C", "B"] → ["B", "C"] in the fixed order; unknown codes raise ValueError."""
    items = teks.split(",") if isinstance(teks, str) else list(teks or [])
    kode = {x.strip().upper() for x in items if x and x.strip()}
    asing = kode - set(DOKUMEN)
    if asing:
        raise ValueError(f"Dokumen tidak dikenal: {', '.join(sorted(asing))}. Pilih dari {', '.join(DOKUMEN)}.")
    return [k for k in DOKUMEN if k in kode]


def subtree(induk: Mapping[int, int | None], akar: int) -> set[int]:
    """``akar`` and every unit below it."""
    anak: dict[int | None, list[int]] = {}
    for uid, parent in induk.items():
        anak.setdefault(parent, []).append(uid)
    hasil, tumpukan = set(), [akar]
    while tumpukan:
        uid = tumpukan.pop()
        if uid in hasil:
            continue
        hasil.add(uid)
        tumpukan.extend(anak.get(uid, []))
    return hasil


def unit_boleh(induk: Mapping[int, int | None], admin: bool, unit_pimpinan: int | None) -> set[int]:
    """The admin every unit; a pimpinan the subtree of the unit they head; anybody else none."""
    if admin:
        return set(induk)
    if unit_pimpinan is None or unit_pimpinan not in induk:
        return set()
    return subtree(induk, unit_pimpinan)


def unit_cetak(induk: Mapping[int, int | None], unit_id: int | None, sub_unit: bool) -> set[int] | None:
    """The units whose pegawai are printed: None = the whole dinas."""
    if unit_id is None:
        return None
    return subtree(induk, unit_id) if sub_unit else {unit_id}


def halaman_daftar_isi(jumlah_halaman: list[int], halaman_daftar_isi_n: int) -> list[int]:
    """The first page (1-based) of each document after a table of contents of ``halaman_daftar_isi_n`` pages."""
    awal, hasil = halaman_daftar_isi_n + 1, []
    for n in jumlah_halaman:
        hasil.append(awal)
        awal += n
    return hasil
