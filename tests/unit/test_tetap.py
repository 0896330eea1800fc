"""``extensions.tetap``: the constants written into a statement's SQL instead of sent as parameters."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Date, Integer, String, select
from sqlalchemy.dialects import postgresql, sqlite

from kinerja.extensions import tetap


def _sql(kolom, dialek) -> str:
    return str(select(kolom.label("x")).compile(dialect=dialek.dialect()))


@pytest.mark.parametrize("dialek", [postgresql, sqlite])
def test_constants_are_in_the_sql_and_not_parameters(dialek):
    statement = select(tetap("|").label("a"), tetap(7).label("b"), tetap(date(2026, 12, 1)).label("c"))
    compiled = statement.compile(dialect=dialek.dialect())
    assert compiled.params == {}
    text = str(compiled)
    assert "'|'" in text and " 7 " in f" {text} ".replace(",", " ") and "'2026-12-01'" in text


def test_quotes_are_doubled_so_a_string_stays_one_literal():
    assert "'Jum''at'" in _sql(tetap("Jum'at"), postgresql)
    assert "'x'' OR ''1''=''1'" in _sql(tetap("x' OR '1'='1"), sqlite)


def test_types_follow_the_value():
    assert isinstance(tetap("a").type, String)
    assert isinstance(tetap(3).type, Integer)
    assert isinstance(tetap(date(2026, 1, 2)).type, Date)


@pytest.mark.parametrize("nilai", [True, False, datetime(2026, 12, 1, 8, 0), 1.5, Decimal("2"), None, b"x"])
def test_anything_else_is_refused(nilai):
    with pytest.raises(TypeError, match="bukan konstanta SQL"):
        tetap(nilai)


def test_a_subclass_of_int_is_written_as_a_plain_number():
    class Angka(int):
        def __str__(self):
            return "1; DROP TABLE pegawai"

    assert "DROP" not in _sql(tetap(Angka(5)), postgresql)


def test_subclasses_of_str_and_date_cannot_change_the_text():
    class Teks(str):
        def replace(self, *args):
            return "' OR 1=1 --"

    class Hari(date):
        def isoformat(self):
            return "2026-01-01' OR '1'='1"

    assert "OR" not in _sql(tetap(Teks("ab'c")), postgresql)
    assert "'ab''c'" in _sql(tetap(Teks("ab'c")), postgresql)
    assert "'2026-12-01'" in _sql(tetap(Hari(2026, 12, 1)), postgresql)
