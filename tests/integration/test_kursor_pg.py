"""#17 on PostgreSQL: the psycopg cursor's ``description`` makes its ``Column`` objects only when they are
read (kinerja.database._kursor_psycopg).  SQLAlchemy asks for it on every execution but, for a statement
compiled before, only looks whether it is None; the columns, when read, are exactly psycopg's own."""

from __future__ import annotations

import os

import psycopg
import pytest
from sqlalchemy import select, text

from kinerja.extensions import db
from kinerja.models import Instansi

DB_URL = os.environ.get("KINERJA_TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(not DB_URL.startswith("postgresql"),
                                reason="butuh PostgreSQL (KINERJA_TEST_DATABASE_URL): kursor psycopg")

SQL = "SELECT 1 AS satu, 'dua'::text AS dua, now()::date AS tiga"


def _psycopg_biasa():
    return psycopg.connect(DB_URL.replace("postgresql+psycopg://", "postgresql://"))


def test_the_description_is_psycopgs_own_when_read(app):
    with _psycopg_biasa() as biasa:
        harapan = biasa.execute(SQL).description
    conn = db.session.connection().connection.driver_connection
    cur = conn.cursor()
    cur.execute(SQL)
    deskripsi = cur.description
    assert len(deskripsi) == 3 and deskripsi  # length and truth without making the columns
    assert deskripsi._kolom is None
    assert [(c.name, c.type_code, c.display_size, c.internal_size) for c in deskripsi] == [
        (c.name, c.type_code, c.display_size, c.internal_size) for c in harapan]
    assert deskripsi[0][0] == "satu" and [c.name for c in deskripsi[-2:]] == ["dua", "tiga"]


def test_an_earlier_description_keeps_describing_its_own_result(app):
    conn = db.session.connection().connection.driver_connection
    cur = conn.cursor()
    cur.execute(SQL)
    lama = cur.description
    cur.execute("SELECT 'x' AS lain")
    assert [c.name for c in lama] == ["satu", "dua", "tiga"]
    assert [c.name for c in cur.description] == ["lain"]
    cur.execute("SET TIME ZONE 'UTC'")
    assert cur.description is None
    cur.execute("SELECT")  # rows of no columns: an empty description, not None (as psycopg's)
    assert cur.description is not None and len(cur.description) == 0


def test_sqlalchemy_results_keep_their_columns(app, factory):
    factory.instansi(nama_dinas="Dinas Kursor")
    db.session.commit()
    hasil = db.session.execute(text(SQL))
    assert list(hasil.keys()) == ["satu", "dua", "tiga"]
    assert hasil.mappings().one()["dua"] == "dua"
    for _ in range(3):  # compiled once, then from SQLAlchemy's cache
        baris = db.session.execute(select(Instansi.nama_dinas.label("nama"), Instansi.id)).mappings().all()
        assert [b["nama"] for b in baris] == ["Dinas Kursor"]
