"""Times and durations typed as digits (issue #15): "1130", "11.30", "11:30", "9"; "45m", "1j30m"."""

from __future__ import annotations

from datetime import time

import pytest

from kinerja.aktivitas import rules
from kinerja.errors import DomainError


@pytest.mark.parametrize(("text", "expected"), [
    ("1130", time(11, 30)), ("11.30", time(11, 30)), ("11:30", time(11, 30)), ("11,30", time(11, 30)),
    ("9", time(9, 0)), ("09", time(9, 0)), ("930", time(9, 30)), ("0930", time(9, 30)), ("9.05", time(9, 5)),
    ("0", time(0, 0)), ("23.59", time(23, 59)), (" 7:30 ", time(7, 30)), ("07:30:00", time(7, 30)),
    ("11 30", time(11, 30)), ("13", time(13, 0)),
])
def test_jam_typed_as_digits_is_understood(text, expected):
    assert rules.parse_jam(text) == expected


@pytest.mark.parametrize(("text", "pesan"), [
    ("", "Isi jam"),
    ("24", "Jam harus antara 00.00 dan 23.59"),
    ("2400", "Jam harus antara 00.00 dan 23.59"),
    ("1160", "Menit harus antara 00 dan 59"),
    ("9.5", "Tulis menit dengan dua angka"),
    ("11:30 PM", "Tulis jam dalam format 24 jam"),
    ("9am", "Tulis jam dalam format 24 jam"),
    ("siang", "Tulis jam dengan angka"),
    ("12345", "Tulis jam dengan angka"),
    ("1:2:3:4", "Tulis jam dengan angka"),
])
def test_bad_jam_gets_a_clear_indonesian_message(text, pesan):
    with pytest.raises(DomainError) as err:
        rules.parse_jam(text, "jam_selesai")
    assert pesan in err.value.message
    assert err.value.field == "jam_selesai"


def test_no_am_pm_reading_of_small_hours():
    # "1" is 01.00, never 13.00: the 24-hour clock only.
    assert rules.parse_jam("1") == time(1, 0)


@pytest.mark.parametrize(("text", "menit"), [
    ("45m", 45), ("45", 45), ("45 menit", 45), ("1j30m", 90), ("1j 30m", 90), ("1 jam 30 menit", 90),
    ("2j", 120), ("2 jam", 120), ("1:30", 90), ("1.30", 90), ("1,5j", 90), ("1.5 jam", 90), ("90M", 90),
])
def test_durasi_is_understood(text, menit):
    assert rules.parse_durasi(text) == menit


@pytest.mark.parametrize(("text", "pesan"), [
    ("", "Isi durasi"), ("0m", "lebih dari 0 menit"), ("25j", "paling lama 24 jam"),
    ("satu jam", "Tulis durasi"), ("1j90m", "Menit pada durasi"), ("1:75", "Menit pada durasi"),
])
def test_bad_durasi_gets_a_clear_message(text, pesan):
    with pytest.raises(DomainError) as err:
        rules.parse_durasi(text)
    assert pesan in err.value.message
    assert err.value.field == "durasi"


def test_selesai_from_durasi():
    assert rules.selesai_dari_durasi(time(7, 30), 30) == time(8, 0)
    assert rules.selesai_dari_durasi(time(23, 0), 59) == time(23, 59)
    with pytest.raises(DomainError) as err:
        rules.selesai_dari_durasi(time(23, 0), 60)
    assert "melewati tengah malam" in err.value.message
