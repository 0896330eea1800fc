"""Several reads in one statement (kinerja.sekaligus): the same results as read one by one, in one query."""

from datetime import date

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
