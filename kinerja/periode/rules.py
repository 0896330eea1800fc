"""Period arithmetic for a Tahun Kinerja (pure: no Flask, no database).

DOMAIN.md §2: semesteran is the default (Semester I = 1 Jan–30 Jun, Semester II = 1 Jul–31 Des,
plus the annual Akhir 1 Jan–31 Des); triwulanan has Triwulan I–IV where IV is the Akhir
evaluation; bulanan has twelve months plus the annual Akhir.  Each period has a filling
deadline (batas pengisian), by default a fixed number of days after the period ends.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# Days after the end of a period until the filling deadline (batas pengisian).  [verify]
BATAS_PENGISIAN_HARI = 14

POLA = ("semesteran", "triwulanan", "bulanan")
POLA_LABEL = {
    "semesteran": "Semesteran (Semester I, Semester II, Akhir)",
    "triwulanan": "Triwulanan (Triwulan I–III, Triwulan IV/Akhir)",
    "bulanan": "Bulanan (Januari–Desember, Akhir)",
}
POLA_DEFAULT = "semesteran"

TAHUN_MIN, TAHUN_MAX = 2000, 2100

_ROMAWI = ("I", "II", "III", "IV")
_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")  # period names (stored data), not date formatting


@dataclass(frozen=True)
class PeriodeSpec:
    kode: str
    nama: str
    jenis: str  # semester | triwulan | bulan | akhir
    tanggal_mulai: date
    tanggal_selesai: date
    batas_pengisian: date
    urutan: int

    def memuat(self, tanggal: date) -> bool:
        return self.tanggal_mulai <= tanggal <= self.tanggal_selesai

    @property
    def lama_hari(self) -> int:
        return (self.tanggal_selesai - self.tanggal_mulai).days + 1


def akhir_bulan(tahun: int, bulan: int) -> date:
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def batas_default(tanggal_selesai: date, hari: int = BATAS_PENGISIAN_HARI) -> date:
    return tanggal_selesai + timedelta(days=hari)


def tahun_problem(tahun: int | None) -> str | None:
    if tahun is None or not TAHUN_MIN <= tahun <= TAHUN_MAX:
        return f"Tahun harus antara {TAHUN_MIN} dan {TAHUN_MAX}."
    return None


def pola_problem(pola: str | None) -> str | None:
    if pola not in POLA:
        return "Pilih pola periode: semesteran, triwulanan, atau bulanan."
    return None


def periode_untuk(tahun: int, pola: str = POLA_DEFAULT, batas_hari: int = BATAS_PENGISIAN_HARI) -> list[PeriodeSpec]:
    """The evaluation periods of ``tahun`` under ``pola``, in order."""
    problem = tahun_problem(tahun) or pola_problem(pola)
    if problem:
        raise ValueError(problem)
    ranges: list[tuple[str, str, str, date, date]] = []
    if pola == "semesteran":
        ranges = [
            ("S1", "Semester I", "semester", date(tahun, 1, 1), date(tahun, 6, 30)),
            ("S2", "Semester II", "semester", date(tahun, 7, 1), date(tahun, 12, 31)),
            ("AKHIR", "Akhir", "akhir", date(tahun, 1, 1), date(tahun, 12, 31)),
        ]
    elif pola == "triwulanan":
        for i in range(4):
            mulai = date(tahun, 3 * i + 1, 1)
            selesai = akhir_bulan(tahun, 3 * i + 3)
            if i < 3:
                ranges.append((f"TW{i + 1}", f"Triwulan {_ROMAWI[i]}", "triwulan", mulai, selesai))
            else:
                ranges.append(("TW4", "Triwulan IV/Akhir", "akhir", mulai, selesai))
    else:
        for bulan in range(1, 13):
            ranges.append((f"B{bulan:02d}", _BULAN[bulan - 1], "bulan", date(tahun, bulan, 1), akhir_bulan(tahun, bulan)))
        ranges.append(("AKHIR", "Akhir", "akhir", date(tahun, 1, 1), date(tahun, 12, 31)))
    return [
        PeriodeSpec(kode, nama, jenis, mulai, selesai, batas_default(selesai, batas_hari), urutan)
        for urutan, (kode, nama, jenis, mulai, selesai) in enumerate(ranges, start=1)
    ]


def periode_memuat(periode: list, tanggal: date):
    """The shortest period containing ``tanggal`` (Semester I rather than Akhir), or None.

    Works on anything with ``tanggal_mulai``/``tanggal_selesai`` (specs or Periode rows).
    """
    cocok = [p for p in periode if p.tanggal_mulai <= tanggal <= p.tanggal_selesai]
    if not cocok:
        return None
    return min(cocok, key=lambda p: ((p.tanggal_selesai - p.tanggal_mulai).days, p.tanggal_mulai))


def batas_problem(tanggal_selesai: date, batas: date | None) -> str | None:
    if batas is None:
        return "Isi batas pengisian dengan tanggal yang benar."
    if batas < tanggal_selesai:
        return "Batas pengisian tidak boleh sebelum periode berakhir."
    if batas > tanggal_selesai + timedelta(days=366):
        return "Batas pengisian paling lambat satu tahun setelah periode berakhir."
    return None
