"""Which statements keep a request's transaction a read (kinerja.database.writes)."""

import pytest

from kinerja.database import mengubah_data, writes


@pytest.mark.parametrize("statement", [
    "SELECT akun.id FROM akun WHERE akun.id = %(akun_id)s",
    "  select 1",
    "WITH RECURSIVE atasan_rantai(id, depth) AS (SELECT pegawai.atasan_id FROM pegawai) SELECT id FROM atasan_rantai",
    "SELECT pegawai.updated_at, pegawai.deleted_flag FROM pegawai",
])
def test_reads(statement):
    assert not writes(statement)


@pytest.mark.parametrize("statement", [
    "INSERT INTO aktivitas (uraian) VALUES (%(uraian)s)",
    "UPDATE audit_head SET jumlah=%(jumlah)s",
    "DELETE FROM aktivitas WHERE id = %(id)s",
    "WITH baru AS (UPDATE pegawai SET aktif = false RETURNING id) SELECT id FROM baru",
    "with x as (delete from notifikasi returning id) select count(*) from x",
    "SAVEPOINT sa_savepoint_1",
    "TRUNCATE notifikasi",
    "(SELECT 1) UNION (SELECT 2)",
])
def test_anything_else_counts_as_writing(statement):
    assert writes(statement)


# ------------------------------------------------------------------ rows changed (kinerja.database.mengubah_data)

@pytest.mark.parametrize("statement", [
    "INSERT INTO aktivitas (uraian) VALUES (?)",
    "  update audit_head SET jumlah=?",
    "DELETE FROM notifikasi WHERE id = ?",
    "REPLACE INTO pengaturan (kunci) VALUES (?)",
    "INSERT OR REPLACE INTO pengaturan (kunci) VALUES (?)",
    "WITH baru AS (UPDATE pegawai SET aktif = false RETURNING id) SELECT id FROM baru",
    "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET x = s.x",
])
def test_statements_that_change_rows(statement):
    assert mengubah_data(statement)


@pytest.mark.parametrize("statement", [
    "SELECT akun.id FROM akun WHERE akun.id = ?",
    "SELECT aktivitas.updated_at, aktivitas.deleted FROM aktivitas",
    "WITH RECURSIVE rantai(id) AS (SELECT pegawai.atasan_id FROM pegawai) SELECT id FROM rantai",
    "SAVEPOINT sa_savepoint_1",
    "RELEASE SAVEPOINT sa_savepoint_1",
    "PRAGMA foreign_keys = ON",
    "BEGIN IMMEDIATE",
])
def test_statements_that_change_no_rows(statement):
    assert not mengubah_data(statement)
