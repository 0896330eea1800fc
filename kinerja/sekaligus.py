"""Several small reads in ONE statement (issue #17).

On PostgreSQL every statement is a round trip: the app's driver, SQLAlchemy's execution path and the
server's protocol work cost about 0.1–0.2 ms of CPU per statement, more than a small indexed read
itself.  A page that needs five unrelated small reads (the day view: the day's entries, the RHK
choices, the last entry per RHK, the month's minutes, the routines) reads them as one ``UNION ALL``:

- each read keeps its own statement (built once per process), parameters and ORDER BY/LIMIT;
- a read's row carries its columns in slots of their kind, NULLs in the others (each slot has one kind
  of type and so one result processing, e.g. SQLite's dates; reads share slots, see ``_gabungan``);
- the first column (the read's tag) tells the rows of the reads apart, the second (``row_number()``
  over the read's own ORDER BY) keeps their order;
- the reads' parameters share one namespace: one name, one value (a conflict is a programming error).

A ``Bacaan`` read alone (``baca``) runs its statement as it is: its result does not depend on the way
it was read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Enum, Integer, String, cast, func, literal_column, null, select, union_all
from sqlalchemy.sql import Select

from kinerja.extensions import baris


@dataclass(frozen=True)
class Bacaan:
    """One read: a statement built once per process, its parameters, and what turns its rows (plain
    tuples, in the statement's column order) into the reader's result."""

    stmt: Select
    params: Mapping[str, Any] = field(default_factory=dict)
    olah: Callable[[list[tuple]], Any] = list


def baca(bacaan: Bacaan):
    """One read on its own (its own statement)."""
    return bacaan.olah([tuple(r) for r in baris(bacaan.stmt, dict(bacaan.params))])


def baca_sekaligus(*bacaan: Bacaan) -> tuple:
    """The results of several reads, in order, from one statement."""
    if len(bacaan) == 1:
        return (baca(bacaan[0]),)
    params: dict[str, Any] = {}
    for b in bacaan:
        for key, value in b.params.items():
            if key in params and params[key] != value:
                raise ValueError(f"parameter {key!r} bernilai beda di dua bacaan: {params[key]!r} / {value!r}")
            params[key] = value
    stmt, ambil = _gabungan(tuple(b.stmt for b in bacaan))
    rows: list[list[tuple]] = [[] for _ in bacaan]
    for row in baris(stmt, params):
        rows[row[0]].append(ambil[row[0]](row))
    return tuple(b.olah(r) for b, r in zip(bacaan, rows, strict=True))


# A slot holds one column of each read; reads share a slot when their columns there have the same
# "kind" (the same result processing on every database).  Text of any length is one kind, as are the
# integers; any other type only with its equal (e.g. Numeric(12, 2) with Numeric(12, 2)).
def _jenis_slot(tipe) -> str:
    if isinstance(tipe, String) and not isinstance(tipe, Enum):  # Text, String(n) …: no result processing
        return "teks"
    if isinstance(tipe, Integer):  # SmallInteger, BigInteger …
        return "bulat"
    return repr(tipe)


@lru_cache(maxsize=64)
def _gabungan(stmts: tuple[Select, ...]):
    """The UNION ALL of ``stmts``, its rows in read order (cached per tuple of statements: they are built
    once per process), and for each read a getter of its columns from the row.

    The statement stays narrow: a column takes the first free slot of its kind, so the union is about as
    wide as its widest read, not as all of them together (fewer columns to describe for the driver, and
    a statement short enough for psycopg to keep its parsed form: it caches statements up to 4 KiB)."""
    # The widest read first: its columns make the slots, the others' fill them, and the first SELECT, whose
    # empty slots are spelled out with their types, has the fewest of them.
    cabang = sorted(range(len(stmts)), key=lambda i: -len(stmts[i].selected_columns))
    slots: list[tuple[str, Any]] = []  # (kind, the type of the slot's first column: the union's column type)
    posisi: dict[int, list[int]] = {}
    for i in cabang:
        dipakai: list[int] = []
        for c in stmts[i].selected_columns:
            jenis = _jenis_slot(c.type)
            n = next((n for n, (j, _) in enumerate(slots) if j == jenis and n not in dipakai), None)
            if n is None:
                n = len(slots)
                slots.append((jenis, c.type))
            dipakai.append(n)
        posisi[i] = dipakai
    anggota = []
    for i in cabang:
        s = _tanpa_distinct(stmts[i])
        # The read's own order; ``_order_by_clauses`` is SQLAlchemy's (2.x) record of ``order_by()``.
        urutan = s._order_by_clauses  # noqa: SLF001
        nomor = func.row_number().over(order_by=urutan) if urutan else literal_column("0", Integer)
        tag = literal_column(str(i), Integer)  # the read's tag: its place among ``stmts``
        pertama = not anggota
        if s._limit_clause is None and s._offset_clause is None:  # noqa: SLF001
            # The read's own SELECT with the union's columns (the row number keeps its order).
            sendiri = dict(zip(posisi[i], s.selected_columns, strict=True))
            anggota.append(s.order_by(None).with_only_columns(*_baris_cabang(tag, nomor, sendiri, slots, pertama),
                                                              maintain_column_froms=True))
        else:  # LIMIT/OFFSET apply to the read alone: it becomes a subquery
            sub = s.add_columns(nomor.label("_n")).subquery()
            sendiri = dict(zip(posisi[i], list(sub.c)[:-1], strict=True))
            anggota.append(select(*_baris_cabang(tag, sub.c._n, sendiri, slots, pertama)).select_from(sub))
    ambil = tuple(_pengambil([2 + n for n in posisi[i]]) for i in range(len(stmts)))
    return union_all(*anggota).order_by(literal_column("k0"), literal_column("k1")), ambil


_KOSONG = literal_column("NULL")


def _tanpa_distinct(s: Select) -> Select:
    """A DISTINCT read as GROUP BY its columns (the same rows): beside a row number, which differs on every
    row, DISTINCT would no longer remove anything."""
    if not s._distinct:  # noqa: SLF001  SQLAlchemy 2.x's record of distinct()
        return s
    if s._distinct_on:  # noqa: SLF001
        raise ValueError("DISTINCT ON tidak dapat dibaca sekaligus")
    s = s._generate()  # noqa: SLF001  a copy: the statement is shared (built once per process)
    s._distinct = False  # noqa: SLF001
    return s.group_by(*s.selected_columns)


def _baris_cabang(tag, nomor, sendiri: dict, slots: list, pertama: bool) -> list:
    """One branch's columns: tag, row number, then each slot (the read's column there, else NULL).  The
    first SELECT names the union's columns and their types (SQLAlchemy's result processing, e.g. SQLite's
    dates, follows it): its empty slots are typed NULLs.  The others are as short as they can be
    (PostgreSQL gives a bare NULL the union's type), without labels."""
    if pertama:
        kolom = [tag, nomor, *(sendiri.get(n, cast(null(), tipe)) for n, (_, tipe) in enumerate(slots))]
        return [k.label(f"k{n}") for n, k in enumerate(kolom)]
    return [tag, nomor, *(sendiri.get(n, _KOSONG) for n in range(len(slots)))]


def _pengambil(indeks: list[int]) -> Callable[[Any], tuple]:
    """A read's columns, in its own order, from a row of the union (a tuple, also for one column)."""
    if len(indeks) == 1:
        n = indeks[0]
        return lambda row: (row[n],)
    return itemgetter(*indeks)
