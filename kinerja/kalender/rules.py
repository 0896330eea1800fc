"""Working-calendar arithmetic (pure: values in, value out; no Flask, no database).

A working day is a day the pegawai's unit works — Monday–Friday for a 5-day week,
Monday–Saturday for a 6-day week — that is not in the instansi's holiday calendar.
The holidays and each pegawai's work week come from the database through :mod:`kinerja.kalender`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class KalenderKerja:
    """A unit's working week (5 or 6 days) and the instansi's holidays (a set of dates)."""

    hari_kerja_per_minggu: int = 5
    libur: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        return is_working_day(day, self.hari_kerja_per_minggu, self.libur)


def is_working_day(day: date, hari_kerja_per_minggu: int = 5, libur: Iterable[date] = ()) -> bool:
    """Mon–Fri (5-day week) or Mon–Sat (6-day week), and not a holiday."""
    if day.weekday() >= (6 if hari_kerja_per_minggu == 6 else 5):
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
    """Every working day from ``start`` to ``end`` inclusive (empty when start > end)."""
    libur = frozenset(libur)
    days, current = [], start
    while current <= end:
        if is_working_day(current, hari_kerja_per_minggu, libur):
            days.append(current)
        current += timedelta(days=1)
    return days


def working_days_in_month(year: int, month: int, hari_kerja_per_minggu: int = 5, libur: Iterable[date] = ()) -> int:
    first, last = month_bounds(year, month)
    return len(working_days_between(first, last, hari_kerja_per_minggu, libur))


def working_days_remaining(today: date, hari_kerja_per_minggu: int = 5, libur: Iterable[date] = ()) -> int:
    """Working days left in today's month, today included when it is a working day."""
    _, last = month_bounds(today.year, today.month)
    return len(working_days_between(today, last, hari_kerja_per_minggu, libur))


def week_bounds(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
