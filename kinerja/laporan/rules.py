"""Monthly report rules (pure): month parsing, the period label, the signing date."""

from __future__ import annotations

import calendar
import re
from datetime import date

from babel.dates import format_date

LOCALE = "id"


def parse_bulan(value: str | None, default: date) -> tuple[int, int]:
    """"2026-03" → (2026, 3); anything else → the month of ``default``."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (value or "").strip())
    if match:
        tahun, bulan = int(match.group(1)), int(match.group(2))
        if 2000 <= tahun <= 2100 and 1 <= bulan <= 12:
            return tahun, bulan
    return default.year, default.month


def rentang_bulan(tahun: int, bulan: int) -> tuple[date, date]:
    return date(tahun, bulan, 1), date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def label_periode(tahun: int, bulan: int) -> str:
    """"Maret 2026" (month name from Babel)."""
    return format_date(date(tahun, bulan, 1), format="MMMM yyyy", locale=LOCALE)


def tanggal_tanda_tangan(tahun: int, bulan: int, hari_ini: date) -> date:
    """The last day of the month, or today while the month is still running."""
    _, akhir = rentang_bulan(tahun, bulan)
    return min(akhir, hari_ini) if hari_ini >= date(tahun, bulan, 1) else akhir


def bulan_pilihan(hari_ini: date, jumlah: int = 12) -> list[tuple[str, str]]:
    """The last ``jumlah`` months as (value "YYYY-MM", label "Maret 2026"), newest first."""
    hasil = []
    tahun, bulan = hari_ini.year, hari_ini.month
    for _ in range(jumlah):
        hasil.append((f"{tahun:04d}-{bulan:02d}", label_periode(tahun, bulan)))
        bulan -= 1
        if bulan == 0:
            tahun, bulan = tahun - 1, 12
    return hasil


def nama_sheet(nama: str, dipakai: set[str]) -> str:
    """An Excel sheet title: ≤ 31 characters, none of []:*?/\\, unique in the workbook."""
    dasar = re.sub(r"[\[\]:*?/\\]", " ", nama).strip()[:28] or "Pegawai"
    kandidat, n = dasar, 2
    while kandidat.lower() in dipakai:
        kandidat = f"{dasar[:26]} {n}"
        n += 1
    dipakai.add(kandidat.lower())
    return kandidat
