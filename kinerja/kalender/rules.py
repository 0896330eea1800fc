"""Working-calendar arithmetic (pure: values in, value out; no Flask, no database).

A working day is a day the pegawai's unit works — Monday–Friday for a 5-day week,
Monday–Saturday for a 6-day week — that is not in the instansi's holiday calendar.
The holidays and each pegawai's work week come from the database through :mod:`kinerja.kalender`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

# ------------------------------------------------------------------ a pegawai's absences (issue #11 §3)

CUTI, DINAS_LUAR, SAKIT, TUGAS_BELAJAR = "Cuti", "Dinas Luar", "Sakit", "Tugas Belajar"
JENIS_KETIDAKHADIRAN = (CUTI, DINAS_LUAR, SAKIT, TUGAS_BELAJAR)
# The code printed in calendar cells (one legend for every page: templates/_macros/legenda.html).
KODE_KETIDAKHADIRAN = {CUTI: "C", DINAS_LUAR: "DL", SAKIT: "S", TUGAS_BELAJAR: "TB"}
# Dinas luar is work: it may be logged and its minutes count; the other absences may not be logged.
BOLEH_DICATAT = frozenset({DINAS_LUAR})


@dataclass(frozen=True)
class KalenderKerja:
    """A unit's working week (5 or 6 days), the instansi's holidays (a set of dates) and, for one
    pegawai, the days of an approved absence (date → jenis)."""

    hari_kerja_per_minggu: int = 5
    libur: frozenset[date] = field(default_factory=frozenset)
    absen: Mapping[date, str] = field(default_factory=dict)

    def is_working_day(self, day: date) -> bool:
        """The unit works that day (weekday, not a holiday) — whatever the pegawai's absences."""
        return is_working_day(day, self.hari_kerja_per_minggu, self.libur)

    def wajib_lapor(self, day: date) -> bool:
        """The pegawai must log work that day: a working day without an approved absence."""
        return self.is_working_day(day) and day not in self.absen

    def hari_absen_kerja(self, start: date, end: date) -> int:
        """How many of the unit's working days from ``start`` to ``end`` the pegawai is absent."""
        return sum(1 for d in self.absen if start <= d <= end and self.is_working_day(d))

    def hari_wajib(self, start: date, end: date) -> list[date]:
        """The days from ``start`` to ``end`` (inclusive) the pegawai must log."""
        hari = _hari_kerja(start, end, minggu_kerja(self.hari_kerja_per_minggu), frozenset(self.libur))
        return [d for d in hari if d not in self.absen] if self.absen else list(hari)


def hari_absen(rentang: Iterable[tuple[date, date, str]], start: date, end: date) -> dict[date, str]:
    """Absence ranges (``mulai``, ``selesai``, ``jenis``; inclusive) as date → jenis, clipped to
    ``start``–``end`` (a cuti from 30 January to 3 February gives January 30–31 in January)."""
    days: dict[date, str] = {}
    for mulai, selesai, jenis in rentang:
        current, last = max(mulai, start), min(selesai, end)
        while current <= last:
            days.setdefault(current, jenis)
            current += timedelta(days=1)
    return days


def bertumpang(a_mulai: date, a_selesai: date, b_mulai: date, b_selesai: date) -> bool:
    """Two inclusive date ranges share at least one day."""
    return a_mulai <= b_selesai and b_mulai <= a_selesai


def target_pro_rata(target: int, hari_kerja: int, hari_absen_kerja: int) -> int:
    """The monthly minute target for a pegawai absent on ``hari_absen_kerja`` of the month's
    ``hari_kerja`` working days: ``target × (hari_kerja − absen) / hari_kerja``, rounded half up
    to whole minutes (0 when the whole month is absence or there is no working day)."""
    if hari_kerja <= 0:
        return 0
    hadir = max(hari_kerja - max(hari_absen_kerja, 0), 0)
    return (target * hadir * 2 + hari_kerja) // (hari_kerja * 2)


def minggu_kerja(hari_kerja_per_minggu: int | None) -> int:
    """6 for a six-day week, 5 for anything else: also the first weekday (Monday = 0) that is off."""
    return 6 if hari_kerja_per_minggu == 6 else 5


def is_working_day(day: date, hari_kerja_per_minggu: int = 5, libur: Iterable[date] = ()) -> bool:
    """Mon–Fri (5-day week) or Mon–Sat (6-day week), and not a holiday."""
    if day.weekday() >= minggu_kerja(hari_kerja_per_minggu):
        return False
    return day not in libur


def next_working_day(day: date, hari_kerja_per_minggu: int = 5, libur: Iterable[date] = ()) -> date:
    """The first working day strictly after ``day``."""
    libur = frozenset(libur)
    current = day + timedelta(days=1)
    for _ in range(400):  # a year of holidays cannot stop us
        if is_working_day(current, hari_kerja_per_minggu, libur):
            return current
        current += timedelta(days=1)
    raise ValueError("Tidak ada hari kerja dalam setahun setelah tanggal ini.")


def previous_working_day(day: date, hari_kerja_per_minggu: int = 5, libur: Iterable[date] = ()) -> date:
    """The last working day strictly before ``day``."""
    libur = frozenset(libur)
    current = day - timedelta(days=1)
    for _ in range(400):
        if is_working_day(current, hari_kerja_per_minggu, libur):
            return current
        current -= timedelta(days=1)
    raise ValueError("Tidak ada hari kerja dalam setahun sebelum tanggal ini.")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def working_days_between(start: date, end: date, hari_kerja_per_minggu: int = 5, libur: Iterable[date] = ()) -> list[date]:
    """Every working day from ``start`` to ``end`` inclusive (empty when start > end).  ``is_working_day`` for
    each day, without a call per day (a month's days on every day view)."""
    return list(_hari_kerja(start, end, minggu_kerja(hari_kerja_per_minggu), frozenset(libur)))


@lru_cache(maxsize=512)
def _hari_kerja(start: date, end: date, batas: int, libur: frozenset[date]) -> tuple[date, ...]:
    """``working_days_between`` with the week's first day off (``minggu_kerja``), remembered: every day view
    asks for this month's working days, the same few ranges all day long (a frozenset keeps its hash)."""
    awal = start.weekday()
    return tuple(hari for i in range((end - start).days + 1)
                 if (awal + i) % 7 < batas and (hari := start + timedelta(days=i)) not in libur)


def working_days_in_month(year: int, month: int, hari_kerja_per_minggu: int = 5, libur: Iterable[date] = ()) -> int:
    first, last = month_bounds(year, month)
    return len(_hari_kerja(first, last, minggu_kerja(hari_kerja_per_minggu), frozenset(libur)))


def working_days_remaining(today: date, hari_kerja_per_minggu: int = 5, libur: Iterable[date] = ()) -> int:
    """Working days left in today's month, today included when it is a working day."""
    _, last = month_bounds(today.year, today.month)
    return len(_hari_kerja(today, last, minggu_kerja(hari_kerja_per_minggu), frozenset(libur)))


def week_bounds(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
