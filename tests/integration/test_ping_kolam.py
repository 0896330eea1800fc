"""A pooled connection is tested before a request uses it only when it rested in the pool longer than
``DB_PING_AFTER_IDLE_S`` (#17).

Finding (session 13): ``pool_pre_ping`` sent a ping (PostgreSQL: an empty query; SQLite: ``SELECT 1``)
every time a request took a connection from the pool — under load one more round trip per page, five
instead of four for the day view, to a connection used milliseconds earlier.  A connection used a moment ago
is alive; one that rested (where a restart, an idle timeout or a firewall can have ended it) is still
tested and, when dead, replaced before the page reads anything.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from contextlib import contextmanager

import pytest
from psycopg.pq import Trace
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.pool import NullPool

from kinerja import create_app
from kinerja.config import TestConfig
from kinerja.database import perlu_ping
from kinerja.extensions import db

DB_URL = os.environ.get("KINERJA_TEST_DATABASE_URL", "")
postgresql = pytest.mark.skipif(not DB_URL.startswith("postgresql"),
                                reason="butuh PostgreSQL (KINERJA_TEST_DATABASE_URL): koneksi diputus server")
PING = ("SELECT 1", ";")  # what a ping sends (SQLAlchemy's dialects: SQLite, PostgreSQL)


def test_only_a_connection_that_rested_longer_than_the_limit_is_pinged():
    assert not perlu_ping(None, now=100.0, after_idle_s=1.0)  # new: connected a moment ago
    assert not perlu_ping(99.5, now=100.0, after_idle_s=1.0)
    assert not perlu_ping(99.0, now=100.0, after_idle_s=1.0)
    assert perlu_ping(98.9, now=100.0, after_idle_s=1.0)
    assert perlu_ping(100.0, now=100.0, after_idle_s=0.0) is False  # 0: every reuse after any rest
    assert perlu_ping(99.999, now=100.0, after_idle_s=0.0)


def _app(tmp_path, url: str, **config):
    """The app with ONE pooled connection and the production engine options, on a database with tables."""
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=str(tmp_path / "unggahan"),
                     DB_POOL_SIZE=1, DB_POOL_OVERFLOW=0, **config)
    with app.app_context():
        db.create_all()
    return app


def _url(tmp_path) -> str:
    return DB_URL or f"sqlite:///{tmp_path}/ping.db"


@contextmanager
def _terkirim(app):
    """The statements the app's only pooled connection sends while the block runs (PostgreSQL: libpq's
    protocol trace, a line per simple query; SQLite: its trace callback)."""
    with app.app_context():
        raw = db.engine.raw_connection()
        driver = raw.driver_connection
        raw.close()  # back to the pool: the next request takes this one
    kirim: list[str] = []
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        driver.set_trace_callback(kirim.append)
        try:
            yield kirim
        finally:
            driver.set_trace_callback(None)
        return
    with tempfile.TemporaryFile("w+") as jejak:
        driver.pgconn.trace(jejak.fileno())
        driver.pgconn.set_trace_flags(Trace.SUPPRESS_TIMESTAMPS)
        try:
            yield kirim
        finally:
            driver.pgconn.untrace()
            jejak.seek(0)
            kirim.extend(_dari_jejak(jejak.read()))


PESAN = re.compile(r"^([FB])\t\d+\t(\w+)\t?(.*?)(?=^[FB]\t\d+\t|\Z)", re.MULTILINE | re.DOTALL)


def _dari_jejak(jejak: str) -> list[str]:
    """The statements the client sent, from libpq's trace (a message per line, but a statement's own line
    breaks are kept): a simple query's text, a statement's text when it is parsed, the name of a prepared
    statement when it is run again."""
    kirim = []
    for arah, jenis, isi in PESAN.findall(jejak):
        if arah != "F":
            continue
        bagian = isi.split('"')
        if jenis == "Query":
            kirim.append(bagian[1])
        elif jenis == "Parse":
            kirim.append(bagian[3])
        elif jenis == "Bind" and bagian[3]:
            kirim.append(f"(siap {bagian[3]})")
    return kirim


@pytest.mark.no_db
def test_page_views_in_quick_succession_send_no_ping(tmp_path):
    app = _app(tmp_path, _url(tmp_path))
    client = app.test_client()
    assert client.get("/login").status_code == 200
    with _terkirim(app) as kirim:
        for _ in range(5):
            assert client.get("/login").status_code == 200
    with app.app_context():
        db.engine.dispose()
    assert kirim, "jejak pernyataan kosong: koneksi kolam tidak terbaca"
    assert [s for s in kirim if s.strip() in PING] == [], kirim


@pytest.mark.no_db
def test_a_connection_that_rested_is_pinged_before_the_page_uses_it(tmp_path):
    app = _app(tmp_path, _url(tmp_path), DB_PING_AFTER_IDLE_S=0.05)
    client = app.test_client()
    assert client.get("/login").status_code == 200
    with _terkirim(app) as kirim:
        time.sleep(0.1)
        assert client.get("/login").status_code == 200
    with app.app_context():
        db.engine.dispose()
    pings = [s for s in kirim if s.strip() in PING]
    assert len(pings) == 1 and kirim.index(pings[0]) <= 1, kirim  # first (after a BEGIN): before the page's reads


def _backend(app) -> int:
    with app.app_context():
        pid = db.session.execute(select(func.pg_backend_pid())).scalar_one()
        db.session.remove()
    return pid


@contextmanager
def _diputus_server(tmp_path, **config):
    """The app (one pooled connection) after a page view, whose connection PostgreSQL then ended as a
    restart or an idle timeout would: (app, client, the ended backend's pid)."""
    app = _app(tmp_path, DB_URL, **config)
    client = app.test_client()
    lain = create_engine(DB_URL, poolclass=NullPool)
    try:
        assert client.get("/login").status_code == 200
        backend = _backend(app)
        with lain.begin() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
        yield app, client, backend
    finally:
        lain.dispose()
        with app.app_context():
            db.engine.dispose()


@postgresql
@pytest.mark.no_db
def test_a_connection_the_server_ended_while_it_rested_is_replaced_before_the_page_reads(tmp_path):
    """A restart or an idle timeout ended the connection in the pool: the next page is served from a new
    connection (no 500)."""
    with _diputus_server(tmp_path, DB_PING_AFTER_IDLE_S=0.05) as (app, client, backend):
        time.sleep(0.1)
        assert client.get("/login").status_code == 200
        assert _backend(app) != backend


@pytest.mark.no_db
def test_requests_one_after_another_reuse_the_same_connection(tmp_path):
    """Last in, first out: at light load one warm connection serves request after request, so the others
    rest (and are pinged when a burst needs them) instead of every connection going cold in turn."""
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=_url(tmp_path), UPLOAD_DIR=str(tmp_path / "unggahan"))
    with app.app_context():
        engine = db.engine
        a, b = engine.raw_connection(), engine.raw_connection()  # two connections in the pool
        pertama = a.driver_connection
        a.close()
        b.close()  # returned last
        dipakai = []
        for _ in range(4):
            c = engine.raw_connection()
            dipakai.append(c.driver_connection)
            c.close()
        engine.dispose()
    assert all(d is dipakai[0] for d in dipakai) and dipakai[0] is not pertama


@postgresql
@pytest.mark.no_db
def test_a_connection_ended_right_after_use_fails_one_request_and_the_next_is_served(tmp_path):
    """The trade-off of not pinging a connection used a moment ago: one killed within the limit fails the
    request that takes it (the error page, status 500), and the pool does not hand it out again."""
    with _diputus_server(tmp_path, DB_PING_AFTER_IDLE_S=60.0, PROPAGATE_EXCEPTIONS=False) as (app, client, backend):
        gagal = client.get("/login")
        assert gagal.status_code == 500 and "Terjadi kesalahan" in gagal.get_data(as_text=True)
        assert client.get("/login").status_code == 200
        assert _backend(app) != backend
