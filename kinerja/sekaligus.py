"""Several small reads in ONE statement (issue #17).

On PostgreSQL every statement is a round trip: the app's driver, SQLAlchemy's execution path and the
server's protocol work cost about 0.1–0.2 ms of CPU per statement, more than a small indexed read
itself.  A page that needs five unrelated small reads (the day view: the day's entries, the RHK
choices, the last entry per RHK, the month's minutes, the routines) reads them as one ``UNION ALL``:

- each read keeps its own statement (built once per process), parameters and ORDER BY/LIMIT;
- a read's row carries its columns in its own slots, typed NULLs in the others' (one column per slot,
  so each slot has one type and its result processing, e.g. SQLite's dates);
- ``_q`` tells the rows of the reads apart, ``_n`` (``row_number()`` over the read's own ORDER BY)
  keeps their order;
- the reads' parameters share one namespace: one name, one value (a conflict is a programming error).

A ``Bacaan`` read alone (``baca``) runs its statement as it is: its result does not depend on the way
it was read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, cast, func, literal_column, null, select, union_all
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
    stmt, potongan = _gabungan(tuple(b.stmt for b in bacaan))
    rows: list[list[tuple]] = [[] for _ in bacaan]
    for row in baris(stmt, params):
        mulai, akhir = potongan[row[0]]
        rows[row[0]].append(row[mulai:akhir])
    return tuple(b.olah(r) for b, r in zip(bacaan, rows, strict=True))


@lru_cache(maxsize=64)
def _gabungan(stmts: tuple[Select, ...]):
    """The UNION ALL of ``stmts`` (cached per tuple of statements: they are built once per process) and
    each read's slice of the row."""
    jenis = [[c.type for c in s.selected_columns] for s in stmts]
    potongan, mulai = [], 2
    for kolom in jenis:
        potongan.append((mulai, mulai + len(kolom)))
        mulai += len(kolom)
    anggota = []
    for i, s in enumerate(stmts):
        # The read's own order; ``_order_by_clauses`` is SQLAlchemy's (2.x) record of ``order_by()``.
        urutan = s._order_by_clauses  # noqa: SLF001
        nomor = func.row_number().over(order_by=urutan) if urutan else literal_column("0", Integer)
        sub = s.add_columns(nomor.label("_n")).subquery()
        sendiri = list(sub.c)[:-1]
        kolom = [literal_column(str(i), Integer).label("_q"), sub.c._n.label("_n")]
        for j, tipe in enumerate(jenis):
            kolom += (sendiri if j == i else [cast(null(), t) for t in tipe])
        anggota.append(select(*(k.label(f"k{n}") for n, k in enumerate(kolom))).select_from(sub))
    semua = union_all(*anggota).subquery()
    return select(*semua.c).order_by(semua.c.k0, semua.c.k1), tuple(potongan)
