"""Engine set-up.

SQLite is configured for a web server: WAL, foreign keys, a busy timeout,
``synchronous=NORMAL`` and write transactions that begin IMMEDIATE, so that a
read-then-write transaction takes the write lock up front instead of failing
with "database is locked" when it tries to upgrade.

Read-only requests (GET/HEAD/OPTIONS) begin deferred transactions so readers
never queue behind writers; everything else (POST requests, CLI commands,
services called from tests) begins IMMEDIATE.

Within one process, writers also queue on a Python lock before BEGIN IMMEDIATE.
SQLite's own busy handler sleeps and retries, which is unfair under many
concurrent writers (one unlucky request can starve past the busy timeout); a
FIFO-ish in-process lock keeps the waiting orderly, and SQLite's lock then only
arbitrates between processes.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

_write_intent: ContextVar[bool] = ContextVar("kinerja_write_intent", default=True)
_HOLDS_LOCK = HOLDS_LOCK = "kinerja_write_lock"  # in conn.info while a connection holds the writer lock


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


def configure_engine(engine: Engine, busy_timeout_ms: int) -> None:  # noqa: C901  one place for every engine pragma/listener, read top to bottom
    if engine.dialect.name != "sqlite":
        return
    writer_lock = threading.Lock()
    wait_seconds = busy_timeout_ms / 1000

    def _release(info) -> None:
        if info.pop(_HOLDS_LOCK, False):
            writer_lock.release()

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
        if not writer_lock.acquire(timeout=wait_seconds):
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
