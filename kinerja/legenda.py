"""ONE legend for every calendar-like page (day view, month view, Kepatuhan grid): key → (code, label).

The keys are the status vocabulary of aktivitas (Draft, Diajukan, Disetujui, Dikembalikan), the
compliance grid's Kosong/Libur and the absence types of kinerja.kalender.rules.  Before issue #11 the
month view printed "D" for disetujui while Kepatuhan printed "D" for draf; now every page reads this.
Template: ``templates/_macros/legenda.html`` (colours from ``_macros/status.html``, jenis "kepatuhan").
"""

from __future__ import annotations

from kinerja.kalender.rules import CUTI, DINAS_LUAR, KODE_KETIDAKHADIRAN, SAKIT, TUGAS_BELAJAR

KOSONG, LIBUR = "Kosong", "Libur"

LEGENDA: dict[str, tuple[str, str]] = {
    KOSONG: ("–", "Belum mengisi"),
    "Draft": ("D", "Draf"),
    "Diajukan": ("A", "Diajukan"),
    "Dikembalikan": ("K", "Dikembalikan"),
    "Disetujui": ("✓", "Disetujui"),
    LIBUR: ("L", "Libur"),
    CUTI: (KODE_KETIDAKHADIRAN[CUTI], "Cuti"),
    DINAS_LUAR: (KODE_KETIDAKHADIRAN[DINAS_LUAR], "Dinas Luar"),
    SAKIT: (KODE_KETIDAKHADIRAN[SAKIT], "Sakit"),
    TUGAS_BELAJAR: (KODE_KETIDAKHADIRAN[TUGAS_BELAJAR], "Tugas Belajar"),
}


def kode(key: str) -> str:
    return LEGENDA[key][0]


def label(key: str) -> str:
    return LEGENDA[key][1]
