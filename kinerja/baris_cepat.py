"""``baris`` on PostgreSQL without SQLAlchemy's execution path (#17).

The reads that run on every page (the account query, the day view's batch, the Beranda's panels) are
SELECTs built once per process.  For such a statement SQLAlchemy's ``Connection.execute`` spends more
CPU than psycopg and the server together: ~0.17 ms for the account query against ~0.06 ms when psycopg
runs the same SQL (``bench/bench_instruksi.py``; an execution context, parameter processing, a result
object and its metadata, every time).  Here the statement is compiled once and then sent through
psycopg's cursor with what SQLAlchemy would do and nothing else:

- the parameters from ``Compiled.construct_params`` (defaults, escaped names), with the types' bind
  processing when a type has one;
- the types' result processing (e.g. ``UTCDateTime``), worked out from the first result's column types
  as SQLAlchemy does, applied to the columns that need it;
- the ``before_cursor_execute``/``after_cursor_execute`` events (the read-transaction bookkeeping of
  ``kinerja.database``, the tests' query counters);
- a driver error goes through SQLAlchemy's handling (wrapped as ``sqlalchemy.exc.DBAPIError``, the pool
  invalidated on a lost connection).

Rows are tuples with the columns' names as attributes (``row.nama``, ``row[0]``, ``row[2:5]``); the result
answers ``all``, ``first``, ``one``, ``one_or_none``, ``scalar`` and iteration, what callers of ``baris``
use.  A statement this module cannot send as it is (IN lists expanded at execution, parameters rendered
after compilation, anything but a SELECT) and one seen only once go through SQLAlchemy as before.  A
result whose column count differs from the statement's is an error (RuntimeError), not a guess.
"""

from __future__ import annotations

import weakref
from collections import namedtuple
from typing import Any

from sqlalchemy.exc import MultipleResultsFound, NoResultFound
from sqlalchemy.sql import CompoundSelect, Select

_SIAP: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # statement → _Siap, None, or _SEKALI
_SEKALI = object()  # seen once: a statement built for one call goes through SQLAlchemy and is never compiled here


class _Siap:
    """A statement compiled for the dialect, and (after its first run) its rows' class and processing."""

    __slots__ = ("sql", "compiled", "bind", "jenis", "nama", "kelas", "proses")

    def __init__(self, compiled, jenis: list, nama: list[str]):
        self.sql = compiled.string
        self.compiled = compiled
        self.bind = {k: v for k, v in (compiled._bind_processors or {}).items() if v is not None}  # noqa: SLF001
        self.jenis = jenis
        self.nama = nama
        self.kelas = None  # the row class and the result processors: from the first result
        self.proses: tuple[tuple[int, Any], ...] = ()


class Hasil:
    """The rows of one execution (all fetched)."""

    __slots__ = ("_baris",)

    def __init__(self, rows: list):
        self._baris = rows

    def __iter__(self):
        return iter(self._baris)

    def all(self) -> list:
        return self._baris

    def first(self):
        return self._baris[0] if self._baris else None

    def one_or_none(self):
        if len(self._baris) > 1:
            raise MultipleResultsFound("Multiple rows were found when one or none was required")
        return self.first()

    def one(self):
        if not self._baris:
            raise NoResultFound("No row was found when one was required")
        return self.one_or_none()

    def scalar(self):
        return self._baris[0][0] if self._baris else None


def jalankan(conn, statement, params: dict):
    """The rows of ``statement`` on ``conn`` (a SQLAlchemy ``Connection`` on psycopg)."""
    siap = _siap(conn.dialect, statement)
    if siap is None:
        return conn.execute(statement, params)
    nilai = siap.compiled.construct_params(params)
    if siap.bind:
        for key, proses in siap.bind.items():
            nilai[key] = proses(nilai[key])
    sql = siap.sql
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        for fn in conn.dispatch.before_cursor_execute:
            sql, nilai = fn(conn, cursor, sql, nilai, None, False)
        cursor.execute(sql, nilai)
        for fn in conn.dispatch.after_cursor_execute:
            fn(conn, cursor, sql, nilai, None, False)
        rows = cursor.fetchall()
        if siap.kelas is None:
            _kenali(siap, conn.dialect, cursor.description)
        cursor.close()
    except Exception as exc:  # noqa: BLE001  SQLAlchemy wraps it and re-raises
        conn._handle_dbapi_exception(exc, sql, nilai, cursor, None)  # noqa: SLF001
    baru = tuple.__new__
    kelas = siap.kelas
    if siap.proses:
        hasil = []
        for row in rows:
            row = list(row)
            for i, proses in siap.proses:
                row[i] = proses(row[i])
            hasil.append(baru(kelas, row))
        return Hasil(hasil)
    return Hasil([baru(kelas, row) for row in rows])


def _siap(dialect, statement) -> _Siap | None:
    """The statement ready to send, or None for SQLAlchemy's path.  Only a statement seen a second time is
    compiled here (the ones built once per process); one built for a single call would cost a compilation
    that SQLAlchemy's cache of compiled forms spares it."""
    if not isinstance(statement, (Select, CompoundSelect)):
        return None
    siap = _SIAP.get(statement)
    if siap is _SEKALI:
        siap = _SIAP[statement] = _susun(dialect, statement)
    elif siap is None and statement not in _SIAP:
        _SIAP[statement] = _SEKALI
    return siap


def _susun(dialect, statement) -> _Siap | None:
    compiled = statement.compile(dialect=dialect)
    if compiled.positional or compiled.post_compile_params or compiled.literal_execute_params:
        return None  # expanded IN lists and the like: SQLAlchemy rewrites the SQL per execution
    kolom = list(statement.selected_columns)
    return _Siap(compiled, [k.type for k in kolom], list(statement.selected_columns.keys()))


def _kenali(siap: _Siap, dialect, description) -> None:
    """The row class and result processors, from the first result's column types (as SQLAlchemy does)."""
    if description is None or len(description) != len(siap.jenis):
        raise RuntimeError(f"kolom hasil tidak sesuai pernyataan: {siap.sql[:80]}")
    proses = []
    for i, (tipe, kolom) in enumerate(zip(siap.jenis, description, strict=True)):
        fn = tipe.dialect_impl(dialect).result_processor(dialect, kolom.type_code)
        if fn is not None:
            proses.append((i, fn))
    siap.proses = tuple(proses)
    siap.kelas = namedtuple("Baris", siap.nama, rename=True)  # noqa: PYI024  attribute access like Row
