"""What the quick-entry form remembers (``queries.terakhir_per_rhk``): the latest entry per RHK and of the
entries without RHK, read through the index (pegawai, RHK, id) instead of grouping every entry ever logged."""

from __future__ import annotations

import json
import random
from datetime import date, time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, text

from kinerja.aktivitas import queries
from kinerja.extensions import db
from kinerja.models import Aktivitas
from tests.integration.test_aktivitas import approved_skp


def _tulis(pegawai, rhk, tanggal: date, satuan: str) -> Aktivitas:
    item = Aktivitas(pegawai_id=pegawai.id, tanggal=tanggal, jam_mulai=time(8), jam_selesai=time(8, 1), durasi_menit=1,
                     uraian="Rapat koordinasi", volume=Decimal(1), satuan=satuan, rhk_id=rhk.id if rhk else None,
                     tugas_atasan=rhk is None, status="Draft")
    db.session.add(item)
    db.session.flush()
    return item


def _acuan(entries: list[Aktivitas]) -> list[tuple]:
    """The definition: for each RHK (None included) the entry with the highest id, newest first."""
    terakhir: dict = {}
    for e in entries:
        if e.rhk_id not in terakhir or e.id > terakhir[e.rhk_id].id:
            terakhir[e.rhk_id] = e
    return sorted(((e.id, e.tanggal, e.rhk_id, e.tugas_atasan, e.satuan) for e in terakhir.values()), reverse=True)


def _dibaca(pegawai) -> list[tuple]:
    return [(t.id, t.tanggal, t.rhk_id, t.tugas_atasan, t.satuan) for t in queries.terakhir_per_rhk(pegawai.id)]


@pytest.fixture
def rhk_dua_tahun(org):
    """RHK of last year's SKP and of this year's (an entry names one of its own pegawai's RHK, or none)."""
    return approved_skp(org.staf1, 2025, n=2) + approved_skp(org.staf1, 2026, n=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pilihan=st.lists(st.integers(min_value=-1, max_value=4), max_size=30))
@example(pilihan=[])  # nothing logged yet: nothing to remember
@example(pilihan=[-1, -1])  # only "Tugas dari atasan"
@example(pilihan=[0, 4, 0, -1, 2])  # last year's RHK, this year's, and without RHK, interleaved
def test_the_latest_entry_per_rhk_as_by_definition(org, rhk_dua_tahun, pilihan):
    db.session.execute(delete(Aktivitas).where(Aktivitas.pegawai_id == org.staf1.id))
    entries = [_tulis(org.staf1, rhk_dua_tahun[i] if i >= 0 else None, date(2025 + (i > 1), 5, 1 + n % 28), f"satuan{n}")
               for n, i in enumerate(pilihan)]
    _tulis(org.staf2, rhk_dua_tahun[0], date(2026, 5, 1), "milik orang lain")  # another pegawai's entries stay out
    assert _dibaca(org.staf1) == _acuan(entries)


def test_the_form_remembers_through_it(org, rhk_dua_tahun):
    _tulis(org.staf1, rhk_dua_tahun[2], date(2026, 5, 1), "laporan")
    _tulis(org.staf1, None, date(2026, 5, 2), "surat")
    terakhir = queries.terakhir_per_rhk(org.staf1.id)
    assert queries.satuan_per_rhk(terakhir) == {"atasan": "surat", str(rhk_dua_tahun[2].id): "laporan"}
    assert terakhir[0].satuan == "surat" and terakhir[0].tugas_atasan  # the last entry: its RHK is the form's default


def _baris_aktivitas_dibaca(rencana: dict) -> int:
    """Rows PostgreSQL read from ``aktivitas`` (its index or table) in an EXPLAIN ANALYZE plan."""
    jumlah = 0
    if rencana.get("Relation Name") == "aktivitas":
        jumlah += rencana["Actual Rows"] * rencana["Actual Loops"] + rencana.get("Rows Removed by Filter", 0)
    return jumlah + sum(_baris_aktivitas_dibaca(anak) for anak in rencana.get("Plans", []))


def test_reads_one_entry_per_rhk_however_long_the_history(app, org, rhk_dua_tahun):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("rencana kueri PostgreSQL (EXPLAIN ANALYZE)")
    acak = random.Random(17)
    for n in range(600):  # two and a half years of entries
        _tulis(org.staf1, acak.choice([*rhk_dua_tahun, None]), date(2025, 1, 1 + n % 28), "kegiatan")
    db.session.execute(text("ANALYZE aktivitas"))
    compiled = queries._terakhir_stmt().compile(db.engine)
    params = compiled.params | {"pegawai_id": org.staf1.id}
    rencana = db.session.connection().exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {compiled.string}",
                                                      params).scalar_one()
    rencana = rencana if isinstance(rencana, list) else json.loads(rencana)
    dibaca = _baris_aktivitas_dibaca(rencana[0]["Plan"])
    assert dibaca <= 2 * (len(rhk_dua_tahun) + 1), dibaca  # the latest of each RHK and its row: not the 600 entries
