"""``tanggal`` and ``tanggal_waktu`` format the common patterns without Babel (#17: the Beranda formats
a dozen dates); the text must be exactly Babel's."""

from datetime import UTC, date, datetime, timedelta

from babel.dates import format_date, format_datetime

from kinerja.waktu import LOCALE, tanggal, tanggal_waktu, to_local


def test_tanggal_equals_babel_every_day_of_two_years():
    hari = date(2025, 1, 1)
    while hari < date(2027, 1, 1):
        assert tanggal(hari) == format_date(hari, format="d MMMM yyyy", locale=LOCALE)
        assert tanggal(hari, "EEEE, d MMMM yyyy") == format_date(hari, format="EEEE, d MMMM yyyy", locale=LOCALE)
        hari += timedelta(days=1)
    assert tanggal(date(987, 3, 4)) == format_date(date(987, 3, 4), format="d MMMM yyyy", locale=LOCALE)


def test_tanggal_of_a_datetime_and_other_patterns_still_babel():
    assert tanggal(datetime(2026, 11, 28, 23, 59)) == "28 November 2026"
    assert tanggal(date(2026, 11, 30), "EEEE, d MMMM yyyy") == "Senin, 30 November 2026"
    assert tanggal(date(2026, 11, 30), "MMMM yyyy") == "November 2026"
    assert tanggal(None) == ""


def test_tanggal_waktu_equals_babel_in_every_zone():
    for zone, abbr in (("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT")):
        waktu = datetime(2026, 1, 1, 0, 5, tzinfo=UTC)
        for _ in range(400):
            expected = format_datetime(to_local(waktu, zone), format="d MMMM yyyy HH.mm", locale=LOCALE) + " " + abbr
            assert tanggal_waktu(waktu, zone) == expected
            waktu += timedelta(hours=22, minutes=7)
    assert tanggal_waktu(datetime(2026, 5, 1, 2, 3), "Asia/Jakarta") == "1 Mei 2026 09.03 WIB"  # naive: UTC
    assert tanggal_waktu(None) == ""
