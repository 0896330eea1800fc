"""Working-calendar arithmetic (pure): working days, next/previous, month counts, grace deadline."""

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kinerja.aktivitas import rules as aktivitas_rules
from kinerja.kalender import rules

# November 2026: Sunday 1, Monday 2 … Friday 6, Saturday 7, Sunday 8.
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, d) for d in range(2, 9))
LIBUR = frozenset({date(2026, 11, 10)})  # a Tuesday holiday (for the tests)


@pytest.mark.parametrize("day, week, libur, expected", [
    (MON, 5, (), True),
    (FRI, 5, (), True),
    (SAT, 5, (), False),
    (SUN, 5, (), False),
    (SAT, 6, (), True),
    (SUN, 6, (), False),
    (date(2026, 11, 10), 5, LIBUR, False),
    (date(2026, 11, 10), 6, LIBUR, False),
])
def test_is_working_day(day, week, libur, expected):
    assert rules.is_working_day(day, week, libur) is expected


@pytest.mark.parametrize("day, week, libur, expected", [
    (MON, 5, (), TUE),
    (THU, 5, (), FRI),
    (FRI, 5, (), date(2026, 11, 9)),          # Friday → Monday
    (FRI, 6, (), SAT),                        # six-day week: Friday → Saturday
    (SAT, 6, (), date(2026, 11, 9)),          # Saturday → Monday
    (SAT, 5, (), date(2026, 11, 9)),          # a weekend day → Monday
    (date(2026, 11, 9), 5, LIBUR, date(2026, 11, 11)),  # Monday, Tuesday holiday → Wednesday
])
def test_next_working_day(day, week, libur, expected):
    assert rules.next_working_day(day, week, libur) == expected


@pytest.mark.parametrize("day, week, libur, expected", [
    (TUE, 5, (), MON),
    (date(2026, 11, 9), 5, (), FRI),           # Monday → Friday
    (date(2026, 11, 9), 6, (), SAT),           # Monday → Saturday (six-day week)
    (date(2026, 11, 11), 5, LIBUR, date(2026, 11, 9)),  # Wednesday after a Tuesday holiday → Monday
    (SUN, 5, (), FRI),
])
def test_previous_working_day(day, week, libur, expected):
    assert rules.previous_working_day(day, week, libur) == expected


@pytest.mark.parametrize("year, month, week, libur, expected", [
    (2026, 11, 5, (), 21),     # November 2026: 21 weekdays
    (2026, 11, 6, (), 25),     # plus 4 Saturdays
    (2026, 11, 5, LIBUR, 20),
    (2026, 2, 5, (), 20),      # February 2026
    (2024, 2, 5, (), 21),      # leap February
])
def test_working_days_in_month(year, month, week, libur, expected):
    assert rules.working_days_in_month(year, month, week, libur) == expected


@pytest.mark.parametrize("today, week, libur, expected", [
    (date(2026, 11, 30), 5, (), 1),     # Monday, last day: today counts
    (date(2026, 11, 28), 5, (), 1),     # Saturday: only Monday 30 left
    (date(2026, 11, 1), 5, (), 21),
    (date(2026, 11, 9), 5, LIBUR, 15),  # 9..30 has 16 weekdays, one holiday
])
def test_working_days_remaining(today, week, libur, expected):
    assert rules.working_days_remaining(today, week, libur) == expected


def test_working_days_between_is_empty_when_reversed():
    assert rules.working_days_between(FRI, MON) == []


@pytest.mark.parametrize("day, expected", [
    (WED, (MON, SUN)),
    (MON, (MON, SUN)),
    (SUN, (MON, SUN)),
])
def test_week_bounds(day, expected):
    assert rules.week_bounds(day) == expected


@pytest.mark.parametrize("day, n, week, libur, expected", [
    (MON, 1, 5, (), TUE),                      # Mon–Thu → the next working day
    (THU, 1, 5, (), FRI),
    (FRI, 1, 5, (), date(2026, 11, 9)),        # Friday → Monday
    (FRI, 1, 6, (), SAT),                      # six-day week
    (SAT, 1, 5, (), date(2026, 11, 9)),        # weekend entry → Monday
    (date(2026, 11, 9), 1, 5, LIBUR, date(2026, 11, 11)),  # holiday skipped
    (MON, 0, 5, (), MON),                      # no grace: the same day only
    (MON, 2, 5, (), WED),
    (THU, 3, 5, (), date(2026, 11, 10)),
])
def test_grace_deadline(day, n, week, libur, expected):
    assert aktivitas_rules.grace_deadline(day, n, week, libur) == expected


def test_kalender_kerja_object():
    kal = rules.KalenderKerja(6, LIBUR)
    assert kal.is_working_day(SAT)
    assert not kal.is_working_day(date(2026, 11, 10))


def test_month_bounds():
    assert rules.month_bounds(2026, 2) == (date(2026, 2, 1), date(2026, 2, 28))
    assert rules.month_bounds(2026, 12) == (date(2026, 12, 1), date(2026, 12, 31))


@given(start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), panjang=st.integers(-3, 120),
       enam=st.booleans(), libur=st.sets(st.dates(min_value=date(2000, 1, 1), max_value=date(2041, 6, 1)), max_size=8))
@example(start=date(2026, 12, 1), panjang=30, enam=False, libur={date(2026, 12, 25)})
@example(start=date(2026, 11, 29), panjang=0, enam=True, libur=set())  # a Sunday alone
def test_working_days_between_is_every_working_day_in_order(start, panjang, enam, libur):
    end = start + timedelta(days=panjang)
    hari_kerja = 6 if enam else 5
    expected = []
    day = start
    while day <= end:
        if rules.is_working_day(day, hari_kerja, libur):
            expected.append(day)
        day += timedelta(days=1)
    assert rules.working_days_between(start, end, hari_kerja, libur) == expected


def test_remembered_working_days_are_not_shared_between_callers():
    libur = {date(2026, 12, 25)}
    pertama = rules.working_days_between(date(2026, 12, 1), date(2026, 12, 31), 5, libur)
    pertama.clear()  # a caller that changes its list does not change what the next caller gets
    kedua = rules.working_days_between(date(2026, 12, 1), date(2026, 12, 31), 5, libur)
    assert len(kedua) == 22 and date(2026, 12, 25) not in kedua
    assert rules.working_days_in_month(2026, 12, 5, libur) == 22
    assert rules.working_days_in_month(2026, 12, 6, libur) == 26  # and the four Saturdays
    assert rules.working_days_remaining(date(2026, 12, 24), 5, libur) == 5  # 24, 28, 29, 30, 31
    kal = rules.KalenderKerja(5, frozenset(libur), {date(2026, 12, 28): "Cuti"})
    assert kal.hari_wajib(date(2026, 12, 24), date(2026, 12, 31)) == [
        date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
    tanpa_absen = rules.KalenderKerja(5, frozenset(libur))
    tanpa_absen.hari_wajib(date(2026, 12, 24), date(2026, 12, 31)).clear()
    assert len(tanpa_absen.hari_wajib(date(2026, 12, 24), date(2026, 12, 31))) == 5
