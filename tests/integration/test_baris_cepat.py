"""#17 on PostgreSQL: ``baris`` sends a statement through psycopg without SQLAlchemy's execution path
(kinerja.baris_cepat).  What a caller gets must be what SQLAlchemy gives: the same values of the same
types (the types' processing included), rows read by position, slice and name, SQLAlchemy's errors,
and every statement still seen by the engine's events (the query counts pinned elsewhere)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import bindparam, func, literal, select
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, NoResultFound

from kinerja.baris_cepat import Hasil
from kinerja.extensions import baris, db
from kinerja.models import Aktivitas, Akun, Pegawai

DB_URL = os.environ.get("KINERJA_TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(not DB_URL.startswith("postgresql"),
                                reason="butuh PostgreSQL (KINERJA_TEST_DATABASE_URL): jalur cepat psycopg")


def _lewat_sqlalchemy(stmt, params=None):
    return [tuple(r) for r in db.session.connection().execute(stmt, params or {})]


def _cepat(stmt, params=None):
    """``baris`` a second time: a statement seen once went through SQLAlchemy; from the second on, psycopg."""
    baris(stmt, params)
    hasil = baris(stmt, params)
    assert isinstance(hasil, Hasil)
    return hasil


def _sama(stmt, params=None):
    cepat = [tuple(r) for r in _cepat(stmt, params)]
    lambat = _lewat_sqlalchemy(stmt, params)
    assert cepat == lambat
    assert [[type(v) for v in r] for r in cepat] == [[type(v) for v in r] for r in lambat]
    return cepat


def test_the_account_query_reads_what_sqlalchemy_reads(app, factory):
    from kinerja import kait
    from kinerja.web import _akun_stmt

    factory.instansi()
    pegawai = factory.pegawai("Rina Cepat")
    akun = factory.akun_of(pegawai)
    akun.terakhir_masuk = datetime(2026, 11, 30, 1, 2, 3, tzinfo=UTC)  # UTCDateTime: a processed column
    db.session.flush()
    with app.test_request_context("/"):
        stmt, _, _ = _akun_stmt(tuple(kait.fakta_akun()), datetime.now(UTC).date(), True)
        (row,) = _sama(stmt, {"akun_id": akun.id})
    assert datetime(2026, 11, 30, 1, 2, 3, tzinfo=UTC) in row


def test_dates_times_numbers_and_labels(app, factory):
    factory.instansi()
    pegawai = factory.pegawai("Budi Cepat")
    db.session.add(Aktivitas(pegawai_id=pegawai.id, tanggal=date(2026, 11, 2), jam_mulai=time(8), jam_selesai=time(9, 30),
                             durasi_menit=90, uraian="Rapat", volume=Decimal("1.50"), satuan="kegiatan"))
    db.session.flush()
    stmt = (select(Aktivitas.tanggal, Aktivitas.jam_mulai, Aktivitas.volume, Aktivitas.durasi_menit,
                   Pegawai.nama.label("nama_pegawai"), (Aktivitas.durasi_menit > 60).label("lama"))
            .join(Pegawai, Pegawai.id == Aktivitas.pegawai_id).where(Aktivitas.pegawai_id == pegawai.id))
    (row,) = _sama(stmt)
    assert row == (date(2026, 11, 2), time(8), Decimal("1.50"), 90, "Budi Cepat", True)
    hasil = _cepat(stmt).first()
    assert (hasil.nama_pegawai, hasil.lama, hasil[0], hasil[2:4]) == ("Budi Cepat", True, date(2026, 11, 2),
                                                                       (Decimal("1.50"), 90))


def test_one_first_scalar_and_all(app, factory):
    factory.instansi()
    a, b = factory.pegawai("Satu"), factory.pegawai("Dua")
    by_id = select(Pegawai.nama).where(Pegawai.id == bindparam("id"))
    assert _cepat(by_id, {"id": a.id}).one() == ("Satu",)
    assert _cepat(by_id, {"id": a.id}).scalar() == "Satu"
    assert _cepat(by_id, {"id": -1}).first() is None
    assert _cepat(by_id, {"id": -1}).one_or_none() is None
    assert _cepat(by_id, {"id": -1}).scalar() is None
    with pytest.raises(NoResultFound):
        _cepat(by_id, {"id": -1}).one()
    both = select(Pegawai.nama).where(Pegawai.id.in_([a.id, b.id])).order_by(Pegawai.nama)
    with pytest.raises(MultipleResultsFound):
        _cepat(select(Pegawai.nama).where(Pegawai.id >= min(a.id, b.id))).one()
    baris(both)
    expanded = baris(both)  # an IN list expanded at execution: SQLAlchemy's path, the same rows
    assert not isinstance(expanded, Hasil)
    assert [r.nama for r in expanded.all()] == ["Dua", "Satu"]


def test_a_statement_built_for_one_call_is_not_compiled_here(app, factory):
    factory.instansi()
    pegawai = factory.pegawai("Sekali")
    for _ in range(3):  # a new statement object each time: SQLAlchemy's path and its compiled cache
        assert not isinstance(baris(select(Pegawai.nama).where(Pegawai.id == pegawai.id)), Hasil)


def test_a_failing_statement_raises_sqlalchemys_error_and_the_session_recovers(app, factory):
    factory.instansi()
    bagi = select(literal(1) / bindparam("n"))
    assert _cepat(bagi, {"n": 1}).scalar() == 1
    with pytest.raises(DBAPIError):
        baris(bagi, {"n": 0})
    db.session.rollback()
    assert isinstance(_cepat(select(func.count(Akun.id))).scalar(), int)  # the next read works


def test_every_statement_is_counted(app, factory, count_queries):
    factory.instansi()
    pegawai = factory.pegawai("Hitung")
    stmt = select(Pegawai.nama).where(Pegawai.id == pegawai.id)
    with count_queries() as q:
        baris(stmt).all()
        assert isinstance(baris(stmt), Hasil)
    assert q.count == 2


@pytest.mark.no_db
def test_a_lost_connection_is_invalidated_and_the_next_read_reconnects(tmp_path):
    """The server ends the connection between two page views (a restart, an idle timeout): the read on
    the fast path raises SQLAlchemy's error with the connection marked invalid, the rollback that ends the
    request succeeds (kinerja.database's commit/rollback bookkeeping must not touch the dead connection),
    and the next read gets a new connection instead of the dead one back from the pool."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from kinerja import create_app
    from kinerja.config import TestConfig

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=DB_URL, UPLOAD_DIR=str(tmp_path),
                     SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 1, "max_overflow": 0})
    stmt = select(func.count(Akun.id))
    lain = create_engine(DB_URL, poolclass=NullPool)
    try:
        with app.app_context():
            baris(stmt)
            assert isinstance(baris(stmt), Hasil)
            backend = db.session.execute(select(func.pg_backend_pid())).scalar_one()
            with lain.begin() as conn:
                conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
            with pytest.raises(DBAPIError) as galat:
                baris(stmt)
            assert galat.value.connection_invalidated
            db.session.rollback()
            assert isinstance(baris(stmt).scalar(), int)
            assert db.session.execute(select(func.pg_backend_pid())).scalar_one() != backend
            db.session.remove()
    finally:
        lain.dispose()
        with app.app_context():
            db.engine.dispose()


def test_a_list_parameter_of_dalam_takes_the_fast_path(app, factory):
    """An expanding IN is rewritten per execution and goes through SQLAlchemy; ``kinerja.dalam`` sends the
    list as one array parameter, so the statement is sent as compiled."""
    from kinerja.dalam import dalam

    factory.instansi()
    ids = [factory.pegawai(f"Larik {i}").id for i in range(3)]
    db.session.flush()
    stmt = select(Pegawai.nama).where(dalam(Pegawai.id, "ids")).order_by(Pegawai.nama)
    assert _sama(stmt, {"ids": ids[:2]}) == [("Larik 0",), ("Larik 1",)]
    assert [tuple(r) for r in _cepat(stmt, {"ids": []})] == []
    assert [tuple(r) for r in _cepat(stmt, {"ids": {ids[2]}})] == [("Larik 2",)]  # a set too (becomes a list)
