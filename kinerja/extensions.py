"""Flask extensions, created unbound and initialised in ``create_app``."""

from datetime import date, datetime
from functools import cache

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import Date, Integer, MetaData, String, literal_column
from sqlalchemy.orm import DeclarativeBase, attributes

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()


def baris(statement, params: dict | None = None):
    """The rows of a read of plain columns, on the session's connection: without the ORM's execution path,
    about half the CPU of ``db.session.execute`` for a statement built once per process (the Beranda's
    panels); on PostgreSQL without SQLAlchemy's execution path either (``kinerja.baris_cepat``).  No
    autoflush: only for reads that need not see changes still pending in the session."""
    conn = db.session.connection()
    if conn.dialect.driver == "psycopg":
        from kinerja.baris_cepat import jalankan

        return jalankan(conn, statement, params or {})
    return conn.execute(statement, params or {})


def tetap(nilai: str | int | date):
    """``nilai`` written into the SQL instead of sent as a bind parameter, for the constants of a statement
    built once per process (a separator, the day a statement is rebuilt for): every parameter costs its
    processing on each execution, in SQLAlchemy, psycopg and the server.  str (quotes doubled), int and
    date only, so the text is always a plain literal."""
    if isinstance(nilai, bool) or not isinstance(nilai, (str, int, date)) or isinstance(nilai, datetime):
        raise TypeError(f"bukan konstanta SQL yang didukung: {nilai!r}")
    if isinstance(nilai, int):
        return literal_column(str(int(nilai)), Integer)
    if isinstance(nilai, date):
        return literal_column(f"'{nilai.year:04d}-{nilai.month:02d}-{nilai.day:02d}'", Date)
    return literal_column("'" + str.replace(nilai, "'", "''") + "'", String)


@cache
def _peta_kolom(model, tanpa: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """(attribute keys, table column keys, index of the primary key) of a model with one-column key, without
    the attributes ``tanpa``."""
    mapper = model.__mapper__
    props = [p for p in mapper.column_attrs if len(p.columns) == 1 and p.columns[0].table is mapper.local_table]
    if len(props) != len(mapper.column_attrs) or len(mapper.primary_key) != 1:
        raise TypeError(f"{model.__name__}: hanya model satu tabel dengan kunci satu kolom")
    if tanpa - {p.key for p in props} or mapper.primary_key[0].key in tanpa:
        raise ValueError(f"{model.__name__}: atribut {sorted(tanpa)} tidak dapat ditinggalkan")
    props = [p for p in props if p.key not in tanpa]
    kunci = [p.columns[0].key for p in props]
    return tuple(p.key for p in props), tuple(kunci), kunci.index(mapper.primary_key[0].key)


def kolom_entitas(model, tabel=None, tanpa: frozenset[str] = frozenset()) -> list:
    """Every mapped column of ``model`` but the attributes ``tanpa`` (in ``tabel``, an alias of its table,
    when given), for a plain select whose row slices ``entitas_dari_baris`` turns back into ORM objects."""
    tabel = model.__mapper__.local_table if tabel is None else tabel
    return [tabel.c[k] for k in _peta_kolom(model, tanpa)[1]]


def entitas_dari_baris(model, nilai, tanpa: frozenset[str] = frozenset(), **terkait):
    """A persistent ORM object of ``model`` from the values of ``kolom_entitas(model, tanpa=tanpa)`` in one
    row, without the ORM's row loading (which costs more than the query for a few entities of one row:
    ~0.2 ms for the account of every request).  None when the key is NULL (an outer join found nothing);
    the object already in the session when there is one.

    ``terkait``: many-to-one relationships already at hand (attribute → object or None), kept as loaded
    like a joined eager load would: they need no SQL, and their objects stay in the session (its identity
    map holds objects only weakly).  They must be in the session already (made by this function, or
    loaded): the object is attached without ``session.add``'s cascade.  Other relationships load on first
    access (their lazy loaders); the attributes ``tanpa`` load together, in one query, when one is read."""
    keys, _, pk = _peta_kolom(model, tanpa)
    if nilai[pk] is None:
        return None
    session = db.session()
    mapper = model.__mapper__
    kunci = mapper.identity_key_from_primary_key([nilai[pk]])
    ada = session.identity_map.get(kunci)
    if ada is not None:
        return ada
    obj = mapper.class_manager.new_instance()
    obj.__dict__.update(zip(keys, nilai, strict=True))
    obj.__dict__.update(terkait)
    # What the ORM's own row loading does with an identity new to the session (sqlalchemy.orm.loading,
    # ``_instance``): the state gets its key and session and goes into the identity map; the columns left
    # out are marked expired, as a deferred column the query did not load (read together on first access).
    # ``make_transient_to_detached`` followed by ``session.add`` came to the same state by expiring every
    # unloaded attribute one by one and cascading through every relationship: a twentieth of a day view.
    state = attributes.instance_state(obj)
    state.key = kunci
    state.session_id = session.hash_key
    session.identity_map._add_unpresent(state, kunci)
    if tanpa:
        state.expired_attributes.update(tanpa)
    return obj
