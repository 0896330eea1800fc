"""``kinerja.dalam`` on the suite's database (SQLite, and PostgreSQL in CI): the rows whose column is in
the list, whatever its length; an empty list matches nothing; a NOT keeps its meaning."""

from __future__ import annotations

from functools import cache

from sqlalchemy import select

from kinerja.dalam import dalam
from kinerja.extensions import baris, db
from kinerja.models import Pegawai


@cache
def _stmt():  # built once, as the app's statements are (kinerja.baris_cepat's fast path on PostgreSQL)
    return select(Pegawai.nama).where(dalam(Pegawai.id, "ids")).order_by(Pegawai.nama)


@cache
def _bukan_stmt():
    return select(Pegawai.nama).where(~dalam(Pegawai.id, "ids")).order_by(Pegawai.nama)


def test_rows_in_the_list_for_every_length(app, factory):
    factory.instansi()
    orang = [factory.pegawai(f"Dalam {i}") for i in range(4)]
    db.session.flush()
    ids = [p.id for p in orang]
    for _ in range(3):  # the second run onward: the fast path on PostgreSQL
        assert [r.nama for r in baris(_stmt(), {"ids": ids[:1]})] == ["Dalam 0"]
        assert [r.nama for r in baris(_stmt(), {"ids": ids[1:3]})] == ["Dalam 1", "Dalam 2"]
        assert [r.nama for r in baris(_stmt(), {"ids": ids})] == ["Dalam 0", "Dalam 1", "Dalam 2", "Dalam 3"]
        assert baris(_stmt(), {"ids": []}).all() == []
        assert [r.nama for r in db.session.execute(_stmt(), {"ids": (ids[3],)})] == ["Dalam 3"]  # any sequence


def test_not_in_the_list(app, factory):
    factory.instansi()
    orang = [factory.pegawai(f"Bukan {i}") for i in range(3)]
    db.session.flush()
    semua = {r.nama for r in db.session.execute(select(Pegawai.nama))}
    for _ in range(2):
        sisa = {r.nama for r in baris(_bukan_stmt(), {"ids": [orang[0].id, orang[2].id]})}
        assert sisa == semua - {"Bukan 0", "Bukan 2"}
        assert {r.nama for r in baris(_bukan_stmt(), {"ids": []})} == semua
