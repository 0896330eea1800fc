"""Client-typed ids and dates: garbage never reaches the database or date arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from kinerja.formulir import ID_MAX, optional_id, parse_id, parse_ids


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        (str(ID_MAX), ID_MAX),
        (str(ID_MAX + 1), None),  # PostgreSQL: integer out of range
        ("18446744073709551616", None),  # SQLite: Python int too large
        ("²", None),  # isdigit() but not int()
        ("١٢", None),  # Arabic-Indic digits
        ("0", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("1e3", None),
        (7, 7),
        (0, None),
        (True, None),
        (2**63, None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_parse_ids_keeps_distinct_valid_ids_sorted():
    assert parse_ids(["3", "²", "1", "3", "99999999999", "", None]) == [1, 3]


def test_optional_id_garbage_is_zero_and_empty_is_none():
    assert optional_id("") is None
    assert optional_id("²") == 0
    assert optional_id("5") == 5


def test_calendar_margin_never_overflows():
    from kinerja.kalender import _widen

    assert _widen(date(1, 1, 1), date(1, 1, 1))[0] == date.min
    assert _widen(date(9999, 12, 31), date(9999, 12, 31))[1] == date.max
    assert _widen(date(2026, 1, 22), date(2026, 1, 22)) == (date(2026, 1, 1), date(2026, 2, 12))
