"""Engine set-up.

SQLite is configured for a web server: WAL, foreign keys, a busy timeout,
``synchronous=NORMAL`` and write transactions that begin IMMEDIATE, so that a
read-then-write transaction takes the write lock up front instead of failing
with "database is locked" when it tries to upgrade.

Read-only requests (GET/HEAD/OPTIONS) begin deferred transactions so readers
never queue behind writers; everything else (POST requests, CLI commands,
services called from tests) begins IMMEDIATE.

On PostgreSQL a request whose transaction only read ends it with COMMIT rather than the ROLLBACK
that closing the session sends (``end_read_transaction``): psycopg 3 forgets every prepared statement
at a ROLLBACK, so each request would plan all its queries anew — the account query alone plans in
about 2 ms and runs in 0.3.  With COMMIT, psycopg prepares a statement after its fifth use on a
pooled connection and PostgreSQL plans it once.  A transaction that sent anything but a SELECT still
ends with ROLLBACK unless the code committed it.

Within one process, writers also queue before BEGIN IMMEDIATE, first come first
served (``AntreanPenulis``), and between processes on one file on a lock file
(``KunciBerkas``).  SQLite's own busy handler sleeps and retries, which is unfair
under many concurrent writers (one unlucky request can starve past the busy
timeout); the queues keep the waiting orderly, and SQLite's busy handler is
left with the rare writer outside them (a ``sqlite3`` shell, a backup).
"""

from __future__ import annotations

import os
import re
import threading
import time
import weakref
from collections import deque
from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError, OperationalError

_write_intent: ContextVar[bool] = ContextVar("kinerja_write_intent", default=True)
_HOLDS_LOCK = HOLDS_LOCK = "kinerja_write_lock"  # in conn.info while a connection holds the writer lock
_RESTED_AT = "kinerja_rested_at"  # in a pool record's info: time.monotonic() when it was last returned


def set_write_intent(value: bool):
    """Mark the current context as read-only (False) or writing (True)."""
    return _write_intent.set(value)


def reset_write_intent(token) -> None:
    _write_intent.reset(token)


@contextmanager
def read_only():
    token = _write_intent.set(False)
    try:
        yield
    finally:
        _write_intent.reset(token)


@contextmanager
def write_intent():
    """Within a read-only request: the next transaction begins as a writer (IMMEDIATE on SQLite)."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


WROTE = "kinerja_wrote"  # in conn.info while the connection's transaction has sent a non-SELECT statement


_DATA_CHANGING = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)


def writes(statement: str) -> bool:
    """Could this statement change data?  Only a SELECT, or a WITH (e.g. the recursive chain of atasan)
    without INSERT/UPDATE/DELETE/MERGE in it, is a read; anything else counts as writing, to be safe."""
    head = statement.lstrip()[:6].upper()
    if head == "SELECT":
        return False
    if head[:4] == "WITH":
        return _DATA_CHANGING.search(statement) is not None
    return True


def perlu_ping(rested_at: float | None, now: float, after_idle_s: float) -> bool:
    """Whether a connection taken from the pool is tested first: only one that rested there longer than
    ``after_idle_s`` seconds.  A new connection (never returned) was made a moment ago."""
    return rested_at is not None and now - rested_at > after_idle_s


def configure_ping(engine: Engine, after_idle_s: float | None) -> None:
    """Test ("ping") a pooled connection before a request uses it only when it rested in the pool longer
    than ``after_idle_s`` (``DB_PING_AFTER_IDLE_S``); a dead one is replaced before anything is read.

    SQLAlchemy's ``pool_pre_ping`` pings at every checkout: under load one more round trip per page (the
    PostgreSQL backend woken once more), for connections used a few milliseconds earlier.  A
    connection the server ends (restart, idle timeout, firewall) has rested; one killed within the limit of
    its last use fails its request, and the disconnect then makes SQLAlchemy renew the whole pool.  The
    ping ends its own transaction with COMMIT (a ROLLBACK makes psycopg forget its prepared statements)."""
    if after_idle_s is None:
        return
    dialect = engine.dialect

    @event.listens_for(engine.pool, "checkin")
    def _rests(_dbapi_connection, record):
        record.info[_RESTED_AT] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _ping(dbapi_connection, record, _proxy):
        if not perlu_ping(record.info.get(_RESTED_AT), time.monotonic(), after_idle_s):
            return
        try:
            dialect.do_ping(dbapi_connection)
            dbapi_connection.commit()
        except dialect.loaded_dbapi.Error as exc:
            if dialect.is_disconnect(exc, dbapi_connection, None):
                raise DisconnectionError("koneksi basis data terputus selama menganggur di kolam") from exc
            raise


def configure_postgresql(engine: Engine) -> None:
    """Mark the transactions that sent anything other than a SELECT (``end_read_transaction``); cursors
    whose ``description`` is made only when read (``_kursor_psycopg``)."""
    if engine.dialect.name != "postgresql":
        return

    @event.listens_for(engine, "connect")
    def _kursor(dbapi_connection, _record):
        if engine.dialect.driver == "psycopg":
            dbapi_connection.cursor_factory = _kursor_psycopg()

    @event.listens_for(engine, "before_cursor_execute")
    def _mark(conn, _cursor, statement, _parameters, _context, _executemany):
        if writes(statement):
            conn.info[WROTE] = True

    @event.listens_for(engine, "commit")
    def _committed(conn):
        _forget_write(conn)

    @event.listens_for(engine, "rollback")
    def _rolled_back(conn):
        _forget_write(conn)


def _forget_write(conn) -> None:
    """After a lost connection (invalidated) its ``info`` cannot be read, the rollback that ends the
    transaction must still succeed; the pool clears ``info`` when it reconnects."""
    if not conn.invalidated:
        conn.info.pop(WROTE, None)


@lru_cache(maxsize=1)
def _kursor_psycopg():
    """A psycopg cursor whose ``description`` builds its ``Column`` objects only when they are read.

    SQLAlchemy asks every execution for ``cursor.description`` but, for a statement it has compiled before
    (every query of a page after the first request), uses only whether it is None: the result's columns
    come from its cache.  psycopg makes a ``Column`` for each column each time, some 1 µs apiece: the
    account query and the day view's batch have 80 columns between them, on every page view.  The
    description here answers ``len``, truth and None at once and makes the columns, from the result it was
    taken from (not a later one), when something reads them."""
    import psycopg
    from psycopg.pq import ExecStatus

    dengan_baris = (ExecStatus.TUPLES_OK, ExecStatus.SINGLE_TUPLE, ExecStatus.TUPLES_CHUNK)

    class Deskripsi(Sequence):
        __slots__ = ("pgresult", "_encoding", "adapters", "_kolom")  # what psycopg.Column reads of a cursor

        def __init__(self, cursor, pgresult):
            self.pgresult, self._encoding, self.adapters = pgresult, cursor._encoding, cursor.adapters  # noqa: SLF001
            self._kolom = None

        def _semua(self) -> list:
            if self._kolom is None:
                self._kolom = [psycopg.Column(self, i) for i in range(self.pgresult.nfields)]
            return self._kolom

        def __len__(self) -> int:
            return self.pgresult.nfields

        def __getitem__(self, index):
            return self._semua()[index]

    class Kursor(psycopg.Cursor):
        @property
        def description(self):
            res = self.pgresult
            if res and (res.nfields or res.status in dengan_baris):
                return Deskripsi(self, res)
            return None

    return Kursor


def end_read_transaction(session) -> None:
    """At the end of a request that did not fail: COMMIT its transaction when it only read (PostgreSQL;
    elsewhere, or when anything was written or is pending, the session's close rolls back as ever).

    The connection commits, not the session: the session is closed next and its objects discarded, so
    ``Session.commit``'s work (flush check, expiring every loaded object, commit events) would be thrown
    away — a tenth of a millisecond on every page.  Closing the session then finds the transaction ended
    and returns the connection with nothing to roll back (psycopg keeps its prepared statements)."""
    if not session.in_transaction():
        return
    transaction = session.get_transaction()
    if transaction is None or not transaction.is_active or session.new or session.dirty or session.deleted:
        return
    conn = session.connection()  # the transaction's own connection: no new BEGIN
    if conn.dialect.name != "postgresql" or conn.info.get(WROTE):
        return
    try:
        conn.commit()
    except Exception:  # noqa: BLE001  a read transaction that cannot commit is simply rolled back
        session.rollback()


class AntreanPenulis:
    """The writers' queue within one process: first come, first served.

    A ``threading.Lock`` is not fair: a thread that arrives just as the lock is freed takes it before the
    waiter the release woke (which still needs the GIL to run), so under a steady stream of saves one
    request can wait behind many later ones.  Here ``lepas`` hands the lock straight to the longest
    waiter; a newcomer queues behind everyone already waiting."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._dipegang = False
        self._penunggu: deque[threading.Lock] = deque()

    def ambil(self, batas_detik: float) -> bool:
        with self._mutex:
            if not self._dipegang:
                self._dipegang = True
                return True
            giliran = threading.Lock()
            giliran.acquire()
            self._penunggu.append(giliran)
        try:
            if giliran.acquire(timeout=max(batas_detik, 0.0)):
                return True  # handed over by lepas
        except BaseException:  # interrupted (Ctrl-C in a command): leave the queue, pass on what was handed
            if self._keluar(giliran):
                self.lepas()
            raise
        return self._keluar(giliran)  # True: handed over between the timeout and the mutex, the lock is ours

    def _keluar(self, giliran: threading.Lock) -> bool:
        """Leave the queue; True when the lock had already been handed to this waiter."""
        with self._mutex:
            if giliran in self._penunggu:
                self._penunggu.remove(giliran)
                return False
        return True

    def lepas(self) -> None:
        with self._mutex:
            if self._penunggu:
                self._penunggu.popleft().release()  # still held: it passes to the longest waiter
            else:
                self._dipegang = False


class KunciBerkas:
    """The writers' queue between processes on one SQLite file: an exclusive ``flock`` on ``<db>-penulis``.

    SQLite's own busy handler makes a waiting writer sleep 1, 2, 5, 10 … ms and try again, also after the
    lock was freed: with two app processes on one file (``gunicorn -w 2``) a save's p95 was 231–711 ms.
    Here a writer that finds the lock file taken waits in a blocking ``flock`` (the kernel wakes it the
    moment the lock is freed) on a descriptor of its own, in a helper thread, so that the wait still ends
    at the busy timeout (``_PenungguBerkas``).  ``AntreanPenulis`` before it keeps one waiter per process.
    A process that dies frees its lock with its file.  Without ``fcntl`` (Windows) there is no such lock
    and SQLite arbitrates as before."""

    _SEMUA: weakref.WeakSet[KunciBerkas] = weakref.WeakSet()

    def __init__(self, path: str):
        import fcntl

        self._fcntl = fcntl
        self.path = path
        self.fd = self._buka()
        self._dipegang: int | None = None  # the descriptor that holds the lock
        KunciBerkas._SEMUA.add(self)

    def _buka(self) -> int:
        return _buka_berkas_kunci(self.path)

    @classmethod
    def _sesudah_fork(cls) -> None:
        """In a forked child (``gunicorn --preload``): a lock belongs to the open file, so a descriptor
        shared with the parent would let every worker in at once.  Each lock file is opened anew; the
        child holds nothing."""
        for fd in list(_FD_PENUNGGU):  # the waiters' descriptors too: a copy would keep their lock held
            _tutup_penunggu(fd)
        for kunci in list(cls._SEMUA):
            os.close(kunci.fd)
            kunci.fd, kunci._dipegang = kunci._buka(), None

    @classmethod
    def untuk(cls, database: str | None) -> KunciBerkas | None:
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        try:
            return cls(database + "-penulis")
        except ImportError:
            return None

    def ambil(self, batas_detik: float) -> bool:
        fcntl = self._fcntl
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if batas_detik <= 0:
                return False
            self._dipegang = _PenungguBerkas(self.path, fcntl).tunggu(batas_detik)
            return self._dipegang is not None
        self._dipegang = self.fd
        return True

    def lepas(self) -> None:
        fd, self._dipegang = self._dipegang, None
        if fd == self.fd:
            self._fcntl.flock(fd, self._fcntl.LOCK_UN)
        elif fd is not None:
            _tutup_penunggu(fd)  # a waiter's own descriptor: closing it frees the lock

    def __del__(self) -> None:  # the engine (whose listeners hold this) is gone: its descriptor goes too
        fd = getattr(self, "fd", None)  # None when os.open failed in __init__
        if fd is not None:
            os.close(fd)


_FD_PENUNGGU: set[int] = set()  # the waiters' own descriptors still open (closed again in a forked child)


def _buka_berkas_kunci(path: str) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)


def _tutup_penunggu(fd: int) -> None:
    _FD_PENUNGGU.discard(fd)
    try:
        os.close(fd)
    except OSError:
        pass


class _PenungguBerkas:
    """One wait for the lock file: a helper thread blocks in ``flock`` on a descriptor of its own, the
    writer waits for it up to its limit.  A writer that gave up leaves the helper to close its descriptor
    as soon as it gets the lock (freeing it at once for the next in line)."""

    def __init__(self, path: str, fcntl) -> None:
        self.fd = _buka_berkas_kunci(path)
        _FD_PENUNGGU.add(self.fd)
        self._selesai = threading.Event()
        self._mutex = threading.Lock()
        self._dapat = self._batal = False
        try:
            threading.Thread(target=self._blok, args=(fcntl,), name="kunci-berkas", daemon=True).start()
        except BaseException:
            _tutup_penunggu(self.fd)
            raise

    def _blok(self, fcntl) -> None:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
            dapat = True
        except OSError:
            dapat = False
        with self._mutex:
            if not self._batal:
                self._dapat = dapat
                self._selesai.set()
                if dapat:
                    return
        _tutup_penunggu(self.fd)  # nobody waits for it any more, or flock failed: closing frees what it holds

    def tunggu(self, batas_detik: float) -> int | None:
        """The descriptor that holds the lock, or None when the limit passed first (or flock failed)."""
        self._selesai.wait(batas_detik)
        with self._mutex:
            if self._selesai.is_set():  # also when it came between the limit and the mutex
                return self.fd if self._dapat else None
            self._batal = True
        return None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=KunciBerkas._sesudah_fork)


def configure_engine(engine: Engine, busy_timeout_ms: int) -> None:  # noqa: C901  one place for every engine pragma/listener, read top to bottom
    if engine.dialect.name != "sqlite":
        return
    writer_lock = AntreanPenulis()
    antar_proses = KunciBerkas.untuk(engine.url.database)
    wait_seconds = busy_timeout_ms / 1000

    def _release(info) -> None:
        if info.pop(_HOLDS_LOCK, False):
            if antar_proses is not None:
                antar_proses.lepas()
            writer_lock.lepas()

    def _ambil_kunci() -> bool:
        """This process's queue, then the other processes' (the lock file), within the busy timeout."""
        mulai = time.monotonic()
        if not writer_lock.ambil(wait_seconds):
            return False
        try:
            dapat = antar_proses is None or antar_proses.ambil(max(0.0, wait_seconds - (time.monotonic() - mulai)))
        except BaseException:
            writer_lock.lepas()  # the next writer of this process must not find the queue held
            raise
        if not dapat:
            writer_lock.lepas()
        return dapat

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control away from the driver; we emit BEGIN ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database and engine.url.database != ":memory:":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if not _write_intent.get():
            conn.exec_driver_sql("BEGIN")
            return
        if not _ambil_kunci():
            raise OperationalError("BEGIN IMMEDIATE", None, Exception("database is locked (antrean penulis penuh)"))
        conn.info[_HOLDS_LOCK] = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except Exception:
            _release(conn.info)
            raise

    # The lock is released as the transaction ends (the events fire just before
    # COMMIT/ROLLBACK is sent; the next writer's BEGIN IMMEDIATE then waits at most
    # that statement's duration in SQLite's busy handler).  Returning a connection
    # to the pool releases it too, in case a transaction ended without those events.
    @event.listens_for(engine, "commit")
    def _on_commit(conn):
        _release(conn.info)

    @event.listens_for(engine, "rollback")
    def _on_rollback(conn):
        _release(conn.info)

    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(_dbapi_connection, record):
        _release(record.info)
