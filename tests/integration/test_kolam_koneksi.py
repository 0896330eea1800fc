"""The connection pool holds a connection for every server thread (#17).

With SQLAlchemy's default of 5, eight waitress threads under load opened and closed overflow connections
all the time: 1,064 new PostgreSQL sessions in one minute of bench_skala (each a new backend process).
"""

import threading

import pytest
from sqlalchemy import event

from kinerja import create_app
from kinerja.config import TestConfig, engine_options
from kinerja.extensions import db

BENANG_WAITRESS = 8  # README, Makefile: waitress-serve --threads 8


def test_pool_covers_the_server_threads():
    opsi = engine_options({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://h/db", "SQLALCHEMY_ENGINE_OPTIONS": {},
                           "DB_POOL_SIZE": 8, "DB_POOL_OVERFLOW": 4})
    assert opsi["pool_size"] >= BENANG_WAITRESS and opsi["max_overflow"] == 4


def test_explicit_options_win_and_memory_sqlite_has_no_pool_size():
    dasar = {"DB_POOL_SIZE": 8, "DB_POOL_OVERFLOW": 4}
    opsi = engine_options({**dasar, "SQLALCHEMY_DATABASE_URI": "sqlite:////x/k.db",
                           "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 1, "max_overflow": 0}})
    assert (opsi["pool_size"], opsi["max_overflow"]) == (1, 0)
    for url in ("sqlite://", "sqlite:///:memory:"):
        assert "pool_size" not in engine_options({**dasar, "SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": {}})


@pytest.mark.usefixtures("app")
def test_eight_busy_threads_open_no_new_connection_after_the_first_burst(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite://") and ":memory:" in app.config["SQLALCHEMY_DATABASE_URI"]:
        pytest.skip("in-memory SQLite has one shared connection")
    fresh = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    dibuka = []
    with fresh.app_context():
        engine = db.engine
        event.listen(engine, "connect", lambda *_: dibuka.append(1))
        serentak = threading.Barrier(BENANG_WAITRESS)

        def permintaan():
            conn = engine.raw_connection()  # from the pool, as a request's session takes it
            try:
                cursor = conn.cursor()
                cursor.execute("SELECT 1")
                cursor.close()
                serentak.wait(10)  # all eight hold a connection at once, like eight busy server threads
            finally:
                conn.close()  # back to the pool

        for gelombang in range(3):
            threads = [threading.Thread(target=permintaan) for _ in range(BENANG_WAITRESS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            if gelombang == 0:
                pertama = len(dibuka)
        engine.dispose()
    assert pertama == BENANG_WAITRESS
    assert len(dibuka) == pertama, "koneksi dibuka ulang setelah gelombang pertama"
