"""Dialog kinerja rules (pure): labels, recurrence, deadlines, overdue, month ranges.

Recurrence policy: a recurring meeting creates its next occurrence **when the leader closes
it** (not by a clock).  The next date follows the rule from the closed meeting's own date, at
the same local wall-clock time; if the meeting was closed so late that this date has already
passed, the rule is applied again until the occurrence lies in the future — a team that
skipped a week does not get a backlog of meetings in the past.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from babel.dates import get_day_names

JENIS_DIALOG = (
    "Rapat Rutin Tim",
    "Klarifikasi Ekspektasi",
    "Bimbingan Kinerja",
    "Konseling Kinerja",
    "Evaluasi",
)

STATUS_DIALOG = ("Terjadwal", "Ditutup")
STATUS_TINDAK_LANJUT = ("Belum", "Proses", "Selesai")

PENGULANGAN = {
    "": "Tidak berulang",
    "mingguan": "Setiap minggu",
    "dua_mingguan": "Setiap dua minggu",
    "bulanan": "Setiap bulan",
}

BULAN_REKAP = 3  # the unit head's overview covers the last three months
BATAS_TAHUN = (2000, 2100)


# ------------------------------------------------------------------ recurrence

def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Mon=0) of a month; n=5 falls back to the last one of that month."""
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    day = 1 + offset + 7 * (n - 1)
    last_day = calendar.monthrange(year, month)[1]
    while day > last_day:
        day -= 7
    return date(year, month, day)


def week_of_month(d: date) -> int:
    """1 for the first such weekday of the month, 2 for the second, … (max 5)."""
    return (d.day - 1) // 7 + 1


def next_date(d: date, pengulangan: str) -> date | None:
    """The next occurrence after ``d`` under the rule, or None when not recurring.

    mingguan: +7 days; dua_mingguan: +14 days; bulanan: the same weekday in the same week of
    the next month ("Senin kedua"), the last one when that month has no fifth.
    """
    if pengulangan == "mingguan":
        return d + timedelta(days=7)
    if pengulangan == "dua_mingguan":
        return d + timedelta(days=14)
    if pengulangan == "bulanan":
        year, month = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
        return nth_weekday(year, month, d.weekday(), week_of_month(d))
    if pengulangan in PENGULANGAN:
        return None
    raise ValueError(f"pengulangan tidak dikenal: {pengulangan!r}")


def next_occurrence(start_local: datetime, pengulangan: str, now_local: datetime) -> datetime | None:
    """The first occurrence after ``start_local`` that is later than ``now_local`` (same wall-clock time)."""
    current = start_local
    for _ in range(1000):
        following = next_date(current.date(), pengulangan)
        if following is None:
            return None
        current = datetime.combine(following, start_local.timetz())
        if current > now_local:
            return current
    return None


def describe_pengulangan(pengulangan: str, d: date, locale: str = "id") -> str:
    """"Setiap Senin", "Setiap dua minggu, hari Senin", "Setiap bulan, Senin ke-2"."""
    if not pengulangan:
        return PENGULANGAN[""]
    hari = get_day_names("wide", locale=locale)[d.weekday()]
    if pengulangan == "mingguan":
        return f"Setiap {hari}"
    if pengulangan == "dua_mingguan":
        return f"Setiap dua minggu, hari {hari}"
    n = week_of_month(d)
    urutan = "terakhir" if n == 5 else f"ke-{n}"
    return f"Setiap bulan, {hari} {urutan}"


# ------------------------------------------------------------------ follow-ups

def is_overdue(batas_waktu: date, status: str, today: date) -> bool:
    """Not done and the due date has passed (due today is not yet overdue)."""
    return status != "Selesai" and batas_waktu < today


def is_due_tomorrow(batas_waktu: date, status: str, today: date) -> bool:
    return status != "Selesai" and batas_waktu == today + timedelta(days=1)


def followup_order(batas_waktu: date, status: str, today: date, ident: int = 0) -> tuple:
    """Sort key: overdue first (oldest first), then by due date."""
    return (0 if is_overdue(batas_waktu, status, today) else 1, batas_waktu, ident)


def batas_waktu_problem(batas_waktu: date | None, tanggal_dialog: date) -> str | None:
    if batas_waktu is None:
        return "Isi batas waktu tindak lanjut."
    if batas_waktu < tanggal_dialog:
        return "Batas waktu tidak boleh sebelum tanggal dialog."
    if not BATAS_TAHUN[0] <= batas_waktu.year <= BATAS_TAHUN[1]:
        return "Batas waktu di luar rentang yang wajar."
    return None


def sisa_hari_label(batas_waktu: date, status: str, today: date) -> str:
    """"Terlambat 3 hari", "Jatuh tempo hari ini", "Besok", "5 hari lagi", or "" when done."""
    if status == "Selesai":
        return ""
    delta = (batas_waktu - today).days
    if delta < 0:
        return f"Terlambat {-delta} hari"
    if delta == 0:
        return "Jatuh tempo hari ini"
    if delta == 1:
        return "Besok"
    return f"{delta} hari lagi"


# ------------------------------------------------------------------ periods

@dataclass(frozen=True)
class Bulan:
    year: int
    month: int

    @property
    def mulai(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def selesai(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def kode(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def geser(self, months: int) -> Bulan:
        index = self.year * 12 + (self.month - 1) + months
        return Bulan(index // 12, index % 12 + 1)


def parse_bulan(raw: str | None, today: date) -> Bulan:
    """"2026-05" → Bulan(2026, 5); anything else (or out of range) → the current month."""
    try:
        year_s, month_s = (raw or "").split("-", 1)
        year, month = int(year_s), int(month_s)
    except ValueError:
        return Bulan(today.year, today.month)
    if not (BATAS_TAHUN[0] <= year <= BATAS_TAHUN[1] and 1 <= month <= 12):
        return Bulan(today.year, today.month)
    return Bulan(year, month)


def rentang_rekap(today: date, months: int = BULAN_REKAP) -> tuple[date, date]:
    """The last ``months`` months up to and including today: e.g. 15 Mei → 16 Februari … 15 Mei."""
    start = Bulan(today.year, today.month).geser(-months)
    last_day = calendar.monthrange(start.year, start.month)[1]
    return date(start.year, start.month, min(today.day, last_day)) + timedelta(days=1), today


def rata_rata_per_bulan(jumlah: int, months: int = BULAN_REKAP) -> str:
    """"1,3" — one decimal, Indonesian comma."""
    return f"{jumlah / months:.1f}".replace(".", ",")


def dapat_ditutup(waktu_mulai: datetime, now: datetime) -> bool:
    """A dialog is closed after the meeting has started, never before (issue #15: the "Tutup Dialog"
    button is not shown for a future meeting instead of confirming and then refusing)."""
    return waktu_mulai <= now
