"""Dialog kinerja rules: recurrence, deadlines, overdue, months (pure, no app)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from kinerja.dialog import rules

WIB = ZoneInfo("Asia/Jakarta")
pytestmark = pytest.mark.no_db


@pytest.mark.parametrize(("d", "pengulangan", "expected"), [
    (date(2026, 5, 4), "mingguan", date(2026, 5, 11)),            # Monday → next Monday
    (date(2026, 12, 28), "mingguan", date(2027, 1, 4)),           # across the year
    (date(2026, 5, 4), "dua_mingguan", date(2026, 5, 18)),
    (date(2026, 2, 23), "dua_mingguan", date(2026, 3, 9)),        # across February
    (date(2026, 5, 4), "bulanan", date(2026, 6, 1)),              # 1st Monday of May → 1st Monday of June
    (date(2026, 5, 11), "bulanan", date(2026, 6, 8)),             # 2nd Monday → 2nd Monday
    (date(2026, 6, 29), "bulanan", date(2026, 7, 27)),            # 5th Monday; July has only four → the last
    (date(2026, 12, 16), "bulanan", date(2027, 1, 20)),           # 3rd Wednesday, across the year
    (date(2026, 1, 30), "bulanan", date(2026, 2, 27)),            # 5th Friday of Jan → last Friday of Feb
    (date(2026, 5, 4), "", None),
])
def test_next_date(d, pengulangan, expected):
    result = rules.next_date(d, pengulangan)
    assert result == expected
    if result is not None:
        assert result.weekday() == d.weekday()


def test_next_date_refuses_unknown_rule():
    with pytest.raises(ValueError):
        rules.next_date(date(2026, 5, 4), "harian")


@pytest.mark.parametrize(("now", "expected"), [
    (datetime(2026, 5, 4, 10, 0, tzinfo=WIB), datetime(2026, 5, 11, 8, 0, tzinfo=WIB)),   # closed the same day
    (datetime(2026, 5, 12, 9, 0, tzinfo=WIB), datetime(2026, 5, 18, 8, 0, tzinfo=WIB)),   # closed a week late: skip
    (datetime(2026, 5, 11, 7, 59, tzinfo=WIB), datetime(2026, 5, 11, 8, 0, tzinfo=WIB)),  # just before next
])
def test_next_occurrence_keeps_wall_clock_and_skips_past(now, expected):
    start = datetime(2026, 5, 4, 8, 0, tzinfo=WIB)  # a Monday 08:00 WIB
    assert rules.next_occurrence(start, "mingguan", now) == expected


def test_next_occurrence_none_when_not_recurring():
    start = datetime(2026, 5, 4, 8, 0, tzinfo=WIB)
    assert rules.next_occurrence(start, "", start) is None


@pytest.mark.parametrize(("year", "month", "weekday", "n", "expected"), [
    (2026, 5, 0, 1, date(2026, 5, 4)),
    (2026, 5, 4, 1, date(2026, 5, 1)),   # 1 May 2026 is a Friday
    (2026, 6, 0, 5, date(2026, 6, 29)),
    (2026, 2, 0, 5, date(2026, 2, 23)),  # no fifth Monday → the last one
])
def test_nth_weekday(year, month, weekday, n, expected):
    assert rules.nth_weekday(year, month, weekday, n) == expected


@pytest.mark.parametrize(("pengulangan", "d", "expected"), [
    ("", date(2026, 5, 4), "Tidak berulang"),
    ("mingguan", date(2026, 5, 4), "Setiap Senin"),
    ("dua_mingguan", date(2026, 5, 6), "Setiap dua minggu, hari Rabu"),
    ("bulanan", date(2026, 5, 11), "Setiap bulan, Senin ke-2"),
    ("bulanan", date(2026, 6, 29), "Setiap bulan, Senin terakhir"),
])
def test_describe_pengulangan(pengulangan, d, expected):
    assert rules.describe_pengulangan(pengulangan, d) == expected


TODAY = date(2026, 5, 20)


@pytest.mark.parametrize(("batas", "status", "overdue"), [
    (date(2026, 5, 19), "Belum", True),
    (date(2026, 5, 1), "Proses", True),
    (date(2026, 5, 19), "Selesai", False),   # done is never overdue
    (date(2026, 5, 20), "Belum", False),     # due today is not yet overdue
    (date(2026, 5, 21), "Proses", False),
])
def test_is_overdue(batas, status, overdue):
    assert rules.is_overdue(batas, status, TODAY) is overdue


@pytest.mark.parametrize(("batas", "status", "expected"), [
    (date(2026, 5, 21), "Belum", True),
    (date(2026, 5, 21), "Proses", True),
    (date(2026, 5, 21), "Selesai", False),
    (date(2026, 5, 20), "Belum", False),
    (date(2026, 5, 22), "Belum", False),
])
def test_is_due_tomorrow(batas, status, expected):
    assert rules.is_due_tomorrow(batas, status, TODAY) is expected


def test_followup_order_puts_overdue_first():
    items = [
        (3, date(2026, 5, 25), "Belum"),
        (1, date(2026, 5, 10), "Proses"),     # overdue, oldest
        (2, date(2026, 5, 18), "Belum"),      # overdue
        (4, date(2026, 5, 20), "Belum"),      # due today
    ]
    ordered = sorted(items, key=lambda i: rules.followup_order(i[1], i[2], TODAY, i[0]))
    assert [i[0] for i in ordered] == [1, 2, 4, 3]


@pytest.mark.parametrize(("batas", "tanggal_dialog", "problem"), [
    (date(2026, 5, 19), date(2026, 5, 20), "Batas waktu tidak boleh sebelum tanggal dialog."),
    (date(2026, 5, 20), date(2026, 5, 20), None),
    (date(2026, 6, 1), date(2026, 5, 20), None),
    (None, date(2026, 5, 20), "Isi batas waktu tindak lanjut."),
    (date(2999, 1, 1), date(2026, 5, 20), "Batas waktu di luar rentang yang wajar."),
])
def test_batas_waktu_problem(batas, tanggal_dialog, problem):
    assert rules.batas_waktu_problem(batas, tanggal_dialog) == problem


@pytest.mark.parametrize(("batas", "status", "label"), [
    (date(2026, 5, 17), "Belum", "Terlambat 3 hari"),
    (date(2026, 5, 20), "Proses", "Jatuh tempo hari ini"),
    (date(2026, 5, 21), "Belum", "Besok"),
    (date(2026, 5, 25), "Belum", "5 hari lagi"),
    (date(2026, 5, 1), "Selesai", ""),
])
def test_sisa_hari_label(batas, status, label):
    assert rules.sisa_hari_label(batas, status, TODAY) == label


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-05", (2026, 5)),
    ("2025-12", (2025, 12)),
    ("2026-13", (2026, 5)),      # invalid month → this month
    ("abc", (2026, 5)),
    (None, (2026, 5)),
    ("1800-01", (2026, 5)),
    ("2026-05-01", (2026, 5)),   # garbage after the month
])
def test_parse_bulan(raw, expected):
    bulan = rules.parse_bulan(raw, TODAY)
    assert (bulan.year, bulan.month) == expected


def test_bulan_range_and_shift():
    feb = rules.Bulan(2028, 2)
    assert (feb.mulai, feb.selesai) == (date(2028, 2, 1), date(2028, 2, 29))
    assert rules.Bulan(2026, 1).geser(-1) == rules.Bulan(2025, 12)
    assert rules.Bulan(2026, 12).geser(1) == rules.Bulan(2027, 1)
    assert rules.Bulan(2026, 5).kode == "2026-05"


@pytest.mark.parametrize(("today", "start"), [
    (date(2026, 5, 15), date(2026, 2, 16)),
    (date(2026, 5, 31), date(2026, 3, 1)),     # 31 Feb does not exist
    (date(2026, 1, 10), date(2025, 10, 11)),
])
def test_rentang_rekap_covers_three_months(today, start):
    assert rules.rentang_rekap(today) == (start, today)


@pytest.mark.parametrize(("jumlah", "label"), [(0, "0,0"), (4, "1,3"), (12, "4,0")])
def test_rata_rata_per_bulan(jumlah, label):
    assert rules.rata_rata_per_bulan(jumlah) == label


def test_local_wall_clock_survives_utc_round_trip():
    start = datetime.combine(date(2026, 5, 4), time(8, 0), tzinfo=WIB)
    nxt = rules.next_occurrence(start, "mingguan", start + timedelta(hours=1))
    assert nxt.astimezone(UTC).hour == 1  # 08:00 WIB = 01:00 UTC


def test_a_future_dialog_cannot_be_closed():
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    assert rules.dapat_ditutup(now - timedelta(minutes=1), now)
    assert rules.dapat_ditutup(now, now)
    assert not rules.dapat_ditutup(now + timedelta(days=2), now)
