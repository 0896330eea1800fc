"""Writers of several processes on one SQLite file queue on ``<db>-penulis`` (``database.KunciBerkas``).

Two app processes on one file (``gunicorn -w 2``): SQLite's busy handler let a waiting writer sleep past
the moment the lock was freed (save p95 231–711 ms in ``bench_aktivitas.py --processes 2``).  Each engine
here stands for one process (its own lock-file descriptor, as a process has); the figures are in
``make bench``, these tests pin the mechanism.
"""

from __future__ import annotations

import fcntl
import os
import threading

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from kinerja.database import KunciBerkas, configure_engine

pytestmark = pytest.mark.no_db  # an SQLite file of its own in every run, the PostgreSQL one included


def _proses(path, busy_ms: int = 5000):
    engine = create_engine(f"sqlite:///{path}")
    configure_engine(engine, busy_ms)
    return engine


def _terkunci(lock_path) -> bool:
    fd = os.open(lock_path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@pytest.fixture
def berkas(tmp_path):
    path = tmp_path / "antar.db"
    engine = _proses(path)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE catatan (asal TEXT)"))
    engine.dispose()
    return path


def test_a_write_transaction_holds_the_lock_file_until_it_ends(berkas):
    a = _proses(berkas)
    lock = f"{berkas}-penulis"
    with a.begin() as conn:
        conn.execute(text("INSERT INTO catatan VALUES ('a')"))
        assert _terkunci(lock)
    assert not _terkunci(lock)
    with a.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM catatan")).scalar_one() == 1
    a.dispose()


def test_the_other_process_waits_for_the_writer_then_writes(berkas):
    a, b = _proses(berkas), _proses(berkas)
    urutan, galat, terkunci_selama_b = [], [], []

    def tulis_b():
        try:
            with b.begin() as conn:
                conn.execute(text("INSERT INTO catatan VALUES ('b')"))
                urutan.append("b")
                terkunci_selama_b.append(_terkunci(f"{berkas}-penulis"))  # held by b's waiting descriptor
        except Exception as err:  # noqa: BLE001  reported below
            galat.append(err)

    with a.begin() as conn:
        conn.execute(text("INSERT INTO catatan VALUES ('a')"))
        t = threading.Thread(target=tulis_b)
        t.start()
        t.join(0.2)
        assert t.is_alive()  # b queues behind a's transaction
        urutan.append("a")
    t.join()
    assert not galat and urutan == ["a", "b"]
    assert terkunci_selama_b == [True] and not _terkunci(f"{berkas}-penulis")  # and freed when b ended
    with a.connect() as conn:
        assert conn.execute(text("SELECT asal FROM catatan ORDER BY rowid")).scalars().all() == ["a", "b"]
    a.dispose()
    b.dispose()


def test_a_writer_that_waits_past_the_busy_timeout_gets_a_clear_error_and_writes_nothing(berkas):
    a, b = _proses(berkas), _proses(berkas, busy_ms=200)
    with a.begin() as conn:
        conn.execute(text("INSERT INTO catatan VALUES ('a')"))
        with pytest.raises(OperationalError, match="antrean penulis penuh"), b.begin() as conn_b:
            conn_b.execute(text("INSERT INTO catatan VALUES ('b')"))
    with b.begin() as conn:  # the in-process lock was given back: b writes once a is done
        conn.execute(text("INSERT INTO catatan VALUES ('b2')"))
    with a.connect() as conn:
        assert conn.execute(text("SELECT asal FROM catatan ORDER BY rowid")).scalars().all() == ["a", "b2"]
    a.dispose()
    b.dispose()


@pytest.mark.parametrize("database", [None, "", ":memory:", "file:antar?mode=memory&cache=shared"])
def test_no_lock_file_for_a_database_in_memory(database):
    assert KunciBerkas.untuk(database) is None


def test_writers_of_one_process_write_in_the_order_they_arrived(berkas):
    """Within a process the writers queue on ``database.AntreanPenulis``: the saves waiting behind a
    writer go in first come, first served."""
    a = _proses(berkas)
    galat, utas = [], []

    def tulis(nama):
        try:
            with a.begin() as conn:
                conn.execute(text("INSERT INTO catatan VALUES (:n)"), {"n": nama})
        except Exception as err:  # noqa: BLE001  reported below
            galat.append(err)

    with a.begin() as conn:
        conn.execute(text("INSERT INTO catatan VALUES ('pemegang')"))
        for nama in ("pertama", "kedua", "ketiga"):
            t = threading.Thread(target=tulis, args=(nama,))
            t.start()
            t.join(0.2)
            assert t.is_alive()  # queued behind the holder (and behind the ones before it)
            utas.append(t)
    for t in utas:
        t.join(5)
    assert not galat
    with a.connect() as conn:
        assert conn.execute(text("SELECT asal FROM catatan ORDER BY rowid")).scalars().all() == [
            "pemegang", "pertama", "kedua", "ketiga"]
    a.dispose()


def test_a_lock_file_that_cannot_be_opened_fails_loudly_once(tmp_path, monkeypatch):
    """The lock file cannot be made (its folder is missing): the error is raised when the engine is made,
    and the half-made object is collected without a second error (``__del__`` has no descriptor)."""
    import gc
    import sys

    tak_tertangkap = []
    monkeypatch.setattr(sys, "unraisablehook", tak_tertangkap.append)
    with pytest.raises(FileNotFoundError):
        KunciBerkas(str(tmp_path / "tidak-ada" / "antar.db-penulis"))
    gc.collect()
    assert tak_tertangkap == []


def test_a_waiter_that_gave_up_frees_the_lock_file_as_soon_as_it_gets_it(berkas):
    """The wait for the lock file runs in a helper thread (``database._PenungguBerkas``) so that it ends at
    the busy timeout; the helper of a writer that gave up must not keep the lock when it gets it."""
    from kinerja.database import _PenungguBerkas

    lock = f"{berkas}-penulis"
    pemegang = KunciBerkas(lock)
    assert pemegang.ambil(0)
    assert _PenungguBerkas(lock, fcntl).tunggu(0.05) is None  # the limit passes while the lock is held
    pemegang.lepas()
    for helper in [t for t in threading.enumerate() if t.name == "kunci-berkas"]:
        helper.join(5)  # it took the lock the moment it was freed …
        assert not helper.is_alive()
    assert not _terkunci(lock)  # … and let it go at once
    assert pemegang.ambil(0)
    pemegang.lepas()


def test_a_failing_wait_for_the_lock_file_gives_the_process_queue_back(berkas, monkeypatch):
    """The wait for the lock file fails outright (its helper cannot be started, the file cannot be
    opened): that write fails, and the process's own queue is free again for the next one."""
    import kinerja.database as database

    a, b = _proses(berkas), _proses(berkas, busy_ms=500)

    def gagal(*_args):
        raise OSError("tidak bisa membuka berkas kunci")

    monkeypatch.setattr(database, "_PenungguBerkas", gagal)
    with a.begin() as conn:
        conn.execute(text("INSERT INTO catatan VALUES ('a')"))
        with pytest.raises(OSError, match="tidak bisa membuka"), b.begin():
            pass
    with b.begin() as conn:  # a is done: b's next write goes in (its queue was not left held)
        conn.execute(text("INSERT INTO catatan VALUES ('b')"))
    with a.connect() as conn:
        assert conn.execute(text("SELECT asal FROM catatan ORDER BY rowid")).scalars().all() == ["a", "b"]
    a.dispose()
    b.dispose()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork tidak ada (Windows)")
def test_a_forked_worker_queues_on_the_lock_file_of_its_own(berkas):
    """``gunicorn --preload`` makes the app, then forks the workers: a descriptor inherited from the master
    shares its lock with every worker (flock belongs to the open file), so the workers would not exclude
    each other.  After a fork the child opens the lock file anew."""
    lock = f"{berkas}-penulis"
    kunci = KunciBerkas(lock)
    assert kunci.ambil(0)  # this process holds the lock
    pid = os.fork()
    if pid == 0:  # the worker: it must find the lock taken
        os._exit(0 if not kunci.ambil(0) else 1)
    _, status = os.waitpid(pid, 0)
    kunci.lepas()
    assert os.waitstatus_to_exitcode(status) == 0, "anak hasil fork mendapat kunci yang dipegang induknya"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork tidak ada (Windows)")
def test_a_forked_worker_keeps_no_copy_of_a_waiters_descriptor(berkas):
    """A writer that got the lock after waiting holds it on a descriptor of its own; a child forked
    meanwhile must not keep a copy of it, or the lock stays held after the parent lets it go (a lock
    belongs to the open file, and is freed only when every descriptor of it is closed)."""
    lock = f"{berkas}-penulis"
    a, b = KunciBerkas(lock), KunciBerkas(lock)
    assert a.ambil(0)
    dapat = []
    t = threading.Thread(target=lambda: dapat.append(b.ambil(5)))
    t.start()
    t.join(0.2)
    a.lepas()
    t.join(5)
    assert dapat == [True] and b._dipegang not in (None, b.fd)  # noqa: SLF001  held by the waiter's descriptor
    baca, tulis = os.pipe()  # parent → child: "you may go"
    siap_baca, siap_tulis = os.pipe()  # child → parent: "forked" (its after-fork hooks have run by then)
    pid = os.fork()
    if pid == 0:  # the worker lives on until the parent has looked at the lock
        os.write(siap_tulis, b"x")
        os.read(baca, 1)
        os._exit(0)
    os.close(siap_tulis)
    os.read(siap_baca, 1)
    os.close(siap_baca)
    try:
        b.lepas()
        masih_terkunci = _terkunci(lock)
    finally:
        os.write(tulis, b"x")
        os.close(tulis)
        os.waitpid(pid, 0)
    assert not masih_terkunci, "anak hasil fork menahan kunci lewat salinan deskriptor penunggu"
