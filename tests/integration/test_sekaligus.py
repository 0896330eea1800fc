"""Several reads in one statement (kinerja.sekaligus): the same results as read one by one, in one query."""

from datetime import date, timedelta

import pytest
from sqlalchemy import bindparam, func, select

from kinerja.extensions import db
from kinerja.models import Pegawai, UnitKerja
from kinerja.sekaligus import Bacaan, baca, baca_sekaligus

NAMA_TURUN = select(Pegawai.nama, Pegawai.nip).where(Pegawai.unit_id == bindparam("unit")) \
    .order_by(Pegawai.nama.desc()).limit(2)
UNIT = select(UnitKerja.id, UnitKerja.nama).order_by(UnitKerja.nama)
PER_UNIT = select(Pegawai.unit_id, func.count(Pegawai.id)).group_by(Pegawai.unit_id)  # no order
LAHIR = select(Pegawai.tanggal_lahir, Pegawai.pimpinan, Pegawai.nama).where(Pegawai.pimpinan == bindparam("pimpinan")) \
    .order_by(Pegawai.tanggal_lahir, Pegawai.id)


def _bacaan(org):
    return (Bacaan(NAMA_TURUN, {"unit": org.seksi.id}), Bacaan(UNIT), Bacaan(PER_UNIT, olah=sorted),
            Bacaan(LAHIR, {"pimpinan": True}))


def test_same_results_as_one_by_one(org):
    db.session.commit()
    satu_satu = tuple(baca(b) for b in _bacaan(org))
    sekaligus = baca_sekaligus(*_bacaan(org))
    assert sekaligus == satu_satu
    nama, unit, per_unit, lahir = sekaligus
    assert nama == [("Staf Satu", org.staf1.nip), ("Staf Dua", org.staf2.nip)]  # its own ORDER BY … LIMIT 2
    assert [u[1] for u in unit] == sorted(u[1] for u in unit) and len(unit) == 4
    assert sum(n for _, n in per_unit) == 7
    assert all(isinstance(t, date) and p is True for t, p, _ in lahir)  # the slot's type (SQLite keeps text)
    assert [r[0] for r in lahir] == sorted(r[0] for r in lahir) and len(lahir) == 4


def test_one_statement(org, count_queries):
    baca_sekaligus(*_bacaan(org))
    with count_queries() as q:
        baca_sekaligus(*_bacaan(org))
    assert q.count == 1


def test_a_read_without_rows_is_empty(org):
    kosong = Bacaan(NAMA_TURUN, {"unit": -1})
    assert baca_sekaligus(kosong, Bacaan(UNIT)) == ([], baca(Bacaan(UNIT)))


def test_one_name_one_value():
    with pytest.raises(ValueError, match="unit"):
        baca_sekaligus(Bacaan(NAMA_TURUN, {"unit": 1}), Bacaan(NAMA_TURUN.where(Pegawai.aktif), {"unit": 2}))


def test_results_go_through_each_reader(org):
    jumlah, nama = baca_sekaligus(Bacaan(UNIT, olah=len), Bacaan(NAMA_TURUN, {"unit": org.seksi.id},
                                                                olah=lambda rows: [r[0] for r in rows]))
    assert jumlah == 4 and nama == ["Staf Satu", "Staf Dua"]


def test_reads_share_the_slots_of_a_kind(org):
    """The union is about as wide as its widest read: text with text, integers with integers, a date with a
    date — and each read still gets its own values with their types (SQLite stores dates as text)."""
    from kinerja.sekaligus import _gabungan

    stmt, _ = _gabungan(tuple(b.stmt for b in _bacaan(org)))
    # tag, row number; then text ×2 (NAMA_TURUN), integer ×2 (PER_UNIT), date, boolean (LAHIR): not 2 + 9
    assert len(stmt.selected_columns) == 2 + 6
    lahir_dua = select(Pegawai.tanggal_lahir, Pegawai.nama).order_by(Pegawai.id).limit(2)
    awal, lahir, nama = baca_sekaligus(Bacaan(LAHIR, {"pimpinan": True}), Bacaan(lahir_dua),
                                      Bacaan(NAMA_TURUN, {"unit": org.seksi.id}))
    assert len(lahir) == 2 and all(isinstance(t, date) for t, _ in lahir)  # the date slot is LAHIR's too
    assert (awal, lahir, nama) == (baca(Bacaan(LAHIR, {"pimpinan": True})), baca(Bacaan(lahir_dua)),
                                   baca(Bacaan(NAMA_TURUN, {"unit": org.seksi.id})))


def test_the_day_view_statement_is_short_enough_for_the_driver_to_cache(app, org):
    """psycopg parses a statement's placeholders again on every execution when it is longer than 4 KiB
    (psycopg._queries.MAX_CACHED_STATEMENT_LENGTH): the day view's union stays under it."""
    from sqlalchemy.dialects import postgresql

    from kinerja.aktivitas import queries, rutin
    from kinerja.kalender import kalender_bacaan
    from kinerja.sekaligus import _gabungan
    from kinerja.waktu import today_local

    hari = today_local()
    db.session.expire_all()  # as after a save's commit: the calendar reads the work week too
    with app.test_request_context("/aktivitas"):
        kalender = kalender_bacaan(org.staf1.id, hari - timedelta(days=40), hari + timedelta(days=40))
    assert len(kalender) == 3  # holidays, work week, absences
    bacaan = (*kalender, queries.baris_hari_bacaan(1, hari), queries.month_summary_bacaan(1, 2026, 11),
              rutin.tombol_bacaan(1), queries.rhk_choices_bacaan(1, hari, hari), queries.terakhir_bacaan(1))
    stmt, _ = _gabungan(tuple(b.stmt for b in bacaan))
    assert len(str(stmt.compile(dialect=postgresql.psycopg.dialect()))) <= 4096


def test_a_distinct_or_limited_read_keeps_its_own_rows(org):
    """DISTINCT (read as GROUP BY) and LIMIT (a subquery) apply to their read alone, not to the union."""
    unit_unik = select(Pegawai.unit_id).distinct().order_by(Pegawai.unit_id)
    satu_nama = select(Pegawai.nama).order_by(Pegawai.nama).limit(1)
    semua = select(Pegawai.unit_id).order_by(Pegawai.id)
    hasil = baca_sekaligus(Bacaan(unit_unik), Bacaan(satu_nama), Bacaan(semua))
    assert hasil == (baca(Bacaan(unit_unik)), baca(Bacaan(satu_nama)), baca(Bacaan(semua)))
    assert len(hasil[0]) == len(set(hasil[0])) < len(hasil[2]) and len(hasil[1]) == 1
