"""Rencana aksi rules (pure): the periods of the year's pattern, what a rencana aksi must hold, progress.

BKN e-Kinerja breaks each RHK down per month or per quarter.  Here the period follows the pattern of
the Tahun Kinerja: ``bulanan`` → one period per month (B01–B12); ``triwulanan`` and ``semesteran`` →
per triwulan (TW1–TW4), so a semester evaluation holds two quarters of rencana aksi.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

NAMA_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember")
ROMAWI = ("I", "II", "III", "IV")
URAIAN_MAKS = 300


@dataclass(frozen=True)
class PeriodeAksi:
    kode: str
    nama: str
    mulai: date
    selesai: date

    def memuat(self, tanggal: date) -> bool:
        return self.mulai <= tanggal <= self.selesai


def per_bulan(pola: str | None) -> bool:
    return pola == "bulanan"


def periode_tahun(tahun: int, pola: str | None) -> list[PeriodeAksi]:
    """The periods of ``tahun`` for the pattern (12 months or 4 quarters), in order."""
    if per_bulan(pola):
        return [PeriodeAksi(f"B{m:02d}", f"{NAMA_BULAN[m - 1]} {tahun}", date(tahun, m, 1),
                            date(tahun, m, calendar.monthrange(tahun, m)[1])) for m in range(1, 13)]
    return [PeriodeAksi(f"TW{q}", f"Triwulan {ROMAWI[q - 1]} {tahun}", date(tahun, 3 * q - 2, 1),
                        date(tahun, 3 * q, calendar.monthrange(tahun, 3 * q)[1])) for q in range(1, 5)]


def periode_kode(tahun: int, pola: str | None, kode: str) -> PeriodeAksi | None:
    return next((p for p in periode_tahun(tahun, pola) if p.kode == kode), None)


def periode_pada(tanggal: date, pola: str | None) -> PeriodeAksi:
    return next(p for p in periode_tahun(tanggal.year, pola) if p.memuat(tanggal))


def periksa(uraian: str | None, target: Decimal | None, satuan: str | None) -> tuple[str, str] | None:
    """(field, message) when a rencana aksi is incomplete, else None."""
    if not (uraian or "").strip():
        return "uraian", "Tuliskan rencana aksi, misalnya \u201cMenyusun draf laporan triwulan\u201d."
    if len(uraian.strip()) > URAIAN_MAKS:
        return "uraian", f"Rencana aksi paling banyak {URAIAN_MAKS} karakter."
    if target is None or target <= 0:
        return "target", "Isi target lebih dari 0."
    if not (satuan or "").strip():
        return "satuan", "Isi satuan target, misalnya dokumen atau laporan."
    return None


def persen(realisasi: Decimal, target: Decimal) -> int:
    """Progress in whole percent, capped at 100 (0 without a target)."""
    if not target or target <= 0:
        return 0
    return min(100, int(realisasi * 100 / target))


# ------------------------------------------------------------------ edit and delete (issue #11 §4)

FINAL = ("Evaluasi kinerja periode rencana aksi ini sudah final; rencana aksi tidak dapat diubah atau "
         "dihapus lagi.")


def dibekukan(mulai: date, selesai: date, periode_final: list[tuple[date, date]]) -> bool:
    """Is the rencana aksi (``mulai``..``selesai``) frozen: does a final evaluation of its SKP cover any
    of its days?  Until then the pegawai may correct text and target."""
    return any(p_mulai <= selesai and mulai <= p_selesai for p_mulai, p_selesai in periode_final)


def masalah_ubah(beku: bool) -> str | None:
    return FINAL if beku else None


def masalah_hapus(beku: bool, dipakai_disetujui: int) -> str | None:
    """Why it cannot be deleted: frozen, or approved daily entries count toward it (their realisasi would
    lose its plan).  Entries not approved yet only lose the link."""
    if beku:
        return FINAL
    if dipakai_disetujui:
        return (f"Rencana aksi ini sudah dipakai {dipakai_disetujui} aktivitas yang disetujui atasan; tidak dapat "
                "dihapus. Ubah uraian atau targetnya bila perlu.")
    return None
