"""``kinerja.dalam``: ``kolom IN (list)`` as one array parameter on PostgreSQL, an expanding IN elsewhere."""

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from kinerja.dalam import dalam
from kinerja.models import Aktivitas, Pegawai


def _stmt():
    return select(Pegawai.id).where(dalam(Pegawai.id, "ids"), Pegawai.aktif.is_(True))


def test_postgresql_sends_the_list_as_one_array_parameter():
    compiled = _stmt().compile(dialect=postgresql.psycopg.dialect())
    sql = str(compiled)
    assert "pegawai.id = ANY (%(ids)s::INTEGER[])" in sql
    # Nothing rewritten at execution: the same SQL for every list (kinerja.baris_cepat can send it).
    assert not compiled.post_compile_params and not compiled.positional


def test_sqlite_keeps_the_expanding_in():
    compiled = _stmt().compile(dialect=sqlite.dialect())
    assert "pegawai.id IN (__[POSTCOMPILE_ids])" in str(compiled)


def test_the_cache_key_follows_the_column_and_the_name():
    sama = select(Pegawai.id).where(dalam(Pegawai.id, "ids"))
    assert sama._generate_cache_key() == select(Pegawai.id).where(dalam(Pegawai.id, "ids"))._generate_cache_key()
    assert sama._generate_cache_key() != select(Pegawai.id).where(dalam(Pegawai.id, "lain"))._generate_cache_key()
    assert sama._generate_cache_key() != select(Pegawai.id).where(dalam(Pegawai.atasan_id, "ids"))._generate_cache_key()


def test_the_column_type_sets_the_array_type():
    sql = str(select(Aktivitas.id).where(dalam(Aktivitas.tanggal, "hari")).compile(dialect=postgresql.psycopg.dialect()))
    assert "aktivitas.tanggal = ANY (%(hari)s::DATE[])" in sql
