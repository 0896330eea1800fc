"""``kolom IN (a list given at execution)`` for a statement built once per process (#17).

SQLAlchemy's expanding IN (``kolom.in_(bindparam("ids", expanding=True))``) rewrites the SQL at every
execution, one placeholder per element: on PostgreSQL that keeps the statement off ``kinerja.baris_cepat``
(which sends a statement's SQL as compiled) and gives the server a new text for every length of the list.
``dalam(kolom, "ids")`` compiles on PostgreSQL to ``kolom = ANY(%(ids)s::INTEGER[])``: one array
parameter, the same SQL whatever the list holds (an empty list matches nothing, as ``IN ()`` would), and
an index on ``kolom`` still serves it.  Elsewhere (SQLite) it is the expanding IN it stands for.

The list is given like any parameter: ``baris(stmt, {"ids": [3, 5, 8]})``.
"""

from __future__ import annotations

from sqlalchemy import Boolean, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import coercions, roles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


class Dalam(ColumnElement):
    """``kolom`` is one of the values of the list parameter ``nama``."""

    __visit_name__ = "kinerja_dalam"
    inherit_cache = True  # the cache key: the column and the parameter's name (_traverse_internals)
    type = Boolean()
    # A comparison, not a boolean column: without this SQLite gets "… IN (…) = 1", which no index serves.
    _is_implicitly_boolean = True
    _traverse_internals = [("kolom", InternalTraversal.dp_clauseelement), ("nama", InternalTraversal.dp_string)]

    def __init__(self, kolom, nama: str):
        self.kolom = coercions.expect(roles.ExpressionElementRole, kolom)
        self.nama = nama

    @property
    def _from_objects(self):
        return self.kolom._from_objects  # noqa: SLF001  the tables the condition needs, as for any comparison


def dalam(kolom, nama: str) -> Dalam:
    return Dalam(kolom, nama)


@compiles(Dalam)
def _umum(elemen: Dalam, compiler, **kw) -> str:
    return compiler.process(elemen.kolom.in_(bindparam(elemen.nama, expanding=True)), **kw)


@compiles(Dalam, "postgresql")
def _postgresql(elemen: Dalam, compiler, **kw) -> str:
    daftar = bindparam(elemen.nama, type_=ARRAY(elemen.kolom.type))
    return compiler.process(elemen.kolom == any_(daftar), **kw)
