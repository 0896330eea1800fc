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
    assert "pegawai.id IN (__[POSTCOMPILE_ids]) AND" in str(compiled)


def test_a_condition_is_not_compared_with_true_on_sqlite():
    """Found: as a plain Boolean expression SQLite got ``pegawai_id IN (…) = 1``, which no index serves (the
    inbox went from 8.6 to 25.8 ms per page on the bench data: every submitted entry scanned)."""
    sql = str(select(Aktivitas.id).where(dalam(Aktivitas.pegawai_id, "ids")).compile(dialect=sqlite.dialect()))
    assert sql.rstrip().endswith("WHERE aktivitas.pegawai_id IN (__[POSTCOMPILE_ids])")
    pg = str(select(Aktivitas.id).where(dalam(Aktivitas.pegawai_id, "ids")).compile(dialect=postgresql.psycopg.dialect()))
    assert pg.rstrip().endswith("WHERE aktivitas.pegawai_id = ANY (%(ids)s::INTEGER[])")


def test_the_cache_key_follows_the_column_and_the_name():
    sama = select(Pegawai.id).where(dalam(Pegawai.id, "ids"))
    assert sama._generate_cache_key() == select(Pegawai.id).where(dalam(Pegawai.id, "ids"))._generate_cache_key()
    assert sama._generate_cache_key() != select(Pegawai.id).where(dalam(Pegawai.id, "lain"))._generate_cache_key()
    assert sama._generate_cache_key() != select(Pegawai.id).where(dalam(Pegawai.atasan_id, "ids"))._generate_cache_key()


def test_the_column_type_sets_the_array_type():
    sql = str(select(Aktivitas.id).where(dalam(Aktivitas.tanggal, "hari")).compile(dialect=postgresql.psycopg.dialect()))
    assert "aktivitas.tanggal = ANY (%(hari)s::DATE[])" in sql


def test_sqlite_serves_the_inbox_groups_from_an_index():
    """The plan, not only the text: the inbox's groups of submitted entries come from an index on
    (pegawai, status), on a table with a year of entries and SQLite's statistics (ANALYZE) — found: with
    the statistics SQLite walked every entry of each pegawai's year through (pegawai_id, tanggal)."""
    from datetime import date, time, timedelta
    from decimal import Decimal

    from sqlalchemy import create_engine, event, insert

    from kinerja.extensions import db
    from kinerja.verifikasi.queries import _grup_stmt

    engine = create_engine("sqlite://")
    db.metadata.create_all(engine)
    awal = date(2026, 1, 5)
    rows = [dict(pegawai_id=pid, tanggal=awal + timedelta(days=hari), jam_mulai=time(8), jam_selesai=time(9),
                 durasi_menit=60, uraian="uji", volume=Decimal(1), satuan="dokumen",
                 status="Diajukan" if hari > 330 else "Disetujui")
            for pid in range(1, 13) for hari in range(340)]
    dikirim = []
    event.listen(engine, "before_cursor_execute", lambda *a: dikirim.append((a[2], a[3])))
    with engine.begin() as conn:
        conn.execute(insert(Aktivitas), rows)
        conn.exec_driver_sql("ANALYZE")
        conn.execute(_grup_stmt(), {"ids": [1, 2, 3, 4, 5]}).all()
        sql, params = dikirim[-1]
        rencana = " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "pegawai_id=? AND status=?" in rencana, rencana  # not every entry of the year, nor every Diajukan one
