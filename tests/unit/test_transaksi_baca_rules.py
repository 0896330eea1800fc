"""Which statements keep a request's transaction a read (kinerja.database.writes)."""

import pytest

from kinerja.database import writes


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
